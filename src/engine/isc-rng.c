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

void
isc_rng_fill_normal (guint64   seed,
                     IscStream kind,
                     guint     layer,
                     gsize     first,
                     gsize     n,
                     float    *out)
{
  philox4x32_key_t key = { { (guint32) seed, (guint32) (seed >> 32) } };
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

      for (gsize b = 0; b < todo; b++)
        {
          guint64 index = block + b;
          philox4x32_ctr_t ctr = { { (guint32) index, (guint32) (index >> 32), layer, kind } };
          philox4x32_ctr_t r = philox4x32_R (10, ctr, key);

          u[2 * b] = r.v[0];
          v[2 * b] = r.v[1];
          u[2 * b + 1] = r.v[2];
          v[2 * b + 1] = r.v[3];
        }

      isc_math_box_muller (u, v, 2 * todo, dest);

      if (dest == tail)
        memcpy (out + done, tail, (n - done) * sizeof (float));

      done += MIN (4 * todo, n - done);
      block += todo;
    }
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
