/* isc-rng.c
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3")
 * from Random123: block b of a stream is philox(counter = {b_lo, b_hi, layer,
 * kind}, key = seed). Every sample is a function of its index alone, so any
 * split across threads and any cache state gives the same numbers.
 */

#define G_LOG_DOMAIN "isc-rng"

#include "config.h"

#include <string.h>

#include <Random123/philox.h>

#include "isc-math.h"
#include "isc-parallel.h"
#include "isc-rng.h"

/* Blocks of 4 words turned into 4 samples at a time; sized for L1. */
#define BATCH_BLOCKS 256
#define CHUNK_SAMPLES (1u << 18)

/* Philox4x32-10 on BATCH_BLOCKS consecutive counters, lane by lane in
 * structure-of-arrays form so it vectorizes (Random123's one-block function
 * does not). Same rounds and constants as philox4x32_R (10, …); the tests
 * check the two agree. */
ISC_HOT static void
philox_blocks (guint64  block,
               guint32  layer,
               guint32  kind,
               guint32  key0,
               guint32  key1,
               gsize    n,
               guint32 *restrict u,
               guint32 *restrict v)
{
  for (gsize b = 0; b < n; b++)
    {
      guint64 index = block + b;
      guint32 c0 = (guint32) index, c1 = (guint32) (index >> 32), c2 = layer, c3 = kind;
      guint32 k0 = key0, k1 = key1;

      for (int round = 0; round < 10; round++)
        {
          guint64 p0 = (guint64) PHILOX_M4x32_0 * c0;
          guint64 p1 = (guint64) PHILOX_M4x32_1 * c2;
          guint32 n0 = (guint32) (p1 >> 32) ^ c1 ^ k0;
          guint32 n2 = (guint32) (p0 >> 32) ^ c3 ^ k1;

          c1 = (guint32) p1;
          c3 = (guint32) p0;
          c0 = n0;
          c2 = n2;
          k0 += PHILOX_W32_0;
          k1 += PHILOX_W32_1;
        }

      /* two Box–Muller pairs a block: (c0, c1) and (c2, c3) */
      u[2 * b] = c0;
      v[2 * b] = c1;
      u[2 * b + 1] = c2;
      v[2 * b + 1] = c3;
    }
}

void
isc_rng_fill_normal (guint64   seed,
                     IscStream kind,
                     guint     layer,
                     gsize     first,
                     gsize     n,
                     float    *out)
{
  guint32 u[2 * BATCH_BLOCKS];
  guint32 v[2 * BATCH_BLOCKS];
  float tail[4 * BATCH_BLOCKS];
  guint64 block = first / 4;
  gsize done = 0;

  g_return_if_fail (first % 4 == 0);

  while (done < n)
    {
      gsize todo = MIN ((n - done + 3) / 4, BATCH_BLOCKS);
      float *dest = (n - done >= 4 * todo) ? out + done : tail;

      philox_blocks (block, layer, kind, (guint32) seed, (guint32) (seed >> 32), todo, u, v);
      isc_math_box_muller (u, v, 2 * todo, dest);

      if (dest == tail)
        memcpy (out + done, tail, (n - done) * sizeof (float));

      done += MIN (4 * todo, n - done);
      block += todo;
    }
}

void
isc_rng_philox_reference (guint64  seed,
                          guint32  counter[4],
                          guint32  out[4])
{
  philox4x32_key_t key = { { (guint32) seed, (guint32) (seed >> 32) } };
  philox4x32_ctr_t ctr = { { counter[0], counter[1], counter[2], counter[3] } };
  philox4x32_ctr_t r = philox4x32_R (10, ctr, key);

  memcpy (out, r.v, sizeof r.v);
}

void
isc_rng_philox_blocks (guint64  seed,
                       guint32  counter[4],
                       guint32  out[4])
{
  guint32 u[2], v[2];

  philox_blocks (counter[0] | ((guint64) counter[1] << 32), counter[2], counter[3],
                 (guint32) seed, (guint32) (seed >> 32), 1, u, v);
  out[0] = u[0];
  out[1] = v[0];
  out[2] = u[1];
  out[3] = v[1];
}

typedef struct
{
  guint64   seed;
  IscStream kind;
  guint     layer;
  gsize     n;
  float    *out;
} FillJob;

static void
fill_chunk (gsize    chunk,
            gpointer user_data)
{
  FillJob *job = user_data;
  gsize first = chunk * CHUNK_SAMPLES;
  gsize n = MIN (CHUNK_SAMPLES, job->n - first);

  isc_rng_fill_normal (job->seed, job->kind, job->layer, first, n, job->out + first);
}

void
isc_rng_fill_matrix (guint64   seed,
                     IscStream kind,
                     guint     layer,
                     guint     rows,
                     guint     cols,
                     float    *out)
{
  FillJob job = { seed, kind, layer, (gsize) rows * cols, out };

  isc_parallel_for ((job.n + CHUNK_SAMPLES - 1) / CHUNK_SAMPLES, fill_chunk, &job);
}
