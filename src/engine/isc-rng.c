/* isc-rng.c
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3")
 * from Random123: block b of a stream is philox(counter = {b_lo, b_hi, layer,
 * kind}, key = seed). Every sample is a function of its index alone, so any
 * split across threads and any cache state gives the same numbers. The
 * Philox kernels, one per ISA, are in isc-philox.c.
 */

#define G_LOG_DOMAIN "isc-rng"

#include "config.h"

#include <string.h>

#include <Random123/philox.h>

#include "isc-math.h"
#include "isc-parallel.h"
#include "isc-philox.h"
#include "isc-rng.h"

/* Blocks of 4 words turned into 4 samples at a time; sized for L1. */
#define BATCH_BLOCKS 256

/* Samples a thread takes at a time. Small enough that the cs231n-2016 set-up
 * (250 000 weights a layer) splits over several threads, large enough that
 * handing out chunks costs nothing; a multiple of 4, so every chunk starts on
 * a block. Where a chunk starts never changes the numbers. */
#define CHUNK_SAMPLES (1u << 15)

/* Turns todo blocks' words (block b is u[2b], v[2b], u[2b + 1], v[2b + 1])
 * into 4 * todo samples. */
typedef void (*IscRngConvert) (const guint32 *u,
                               const guint32 *v,
                               gsize          todo,
                               float         *dest);

/* The one batched fill both distributions share: Philox blocks from
 * first / 4 on, a batch at a time, the last partial batch through a tail
 * buffer so out is never written past n. */
static void
fill_batched (guint64       seed,
              IscStream     kind,
              guint         layer,
              gsize         first,
              gsize         n,
              float        *out,
              IscRngConvert convert)
{
  guint32 u[2 * BATCH_BLOCKS];
  guint32 v[2 * BATCH_BLOCKS];
  float tail[4 * BATCH_BLOCKS];
  IscPhiloxKernel kernel = isc_philox_current ();
  guint64 block = first / 4;
  gsize done = 0;

  while (done < n)
    {
      gsize todo = MIN ((n - done + 3) / 4, BATCH_BLOCKS);
      float *dest = (n - done >= 4 * todo) ? out + done : tail;

      isc_philox_blocks (kernel, seed, block, layer, kind, todo, u, v);
      convert (u, v, todo, dest);

      if (dest == tail)
        memcpy (out + done, tail, (n - done) * sizeof (float));

      done += MIN (4 * todo, n - done);
      block += todo;
    }
}

static void
convert_normal (const guint32 *u,
                const guint32 *v,
                gsize          todo,
                float         *dest)
{
  isc_math_box_muller (u, v, 2 * todo, dest);
}

void
isc_rng_fill_normal (guint64   seed,
                     IscStream kind,
                     guint     layer,
                     gsize     first,
                     gsize     n,
                     float    *out)
{
  g_return_if_fail (first % 4 == 0);

  fill_batched (seed, kind, layer, first, n, out, convert_normal);
}

static inline float
uniform_word (guint32 w)
{
  return ((float) ((gint32) w >> 8) + 0.5f) * (1.0f / 8388608.0f);
}

static void
convert_uniform (const guint32 *u,
                 const guint32 *v,
                 gsize          todo,
                 float         *dest)
{
  for (gsize b = 0; b < todo; b++)
    {
      dest[4 * b] = uniform_word (u[2 * b]);
      dest[4 * b + 1] = uniform_word (v[2 * b]);
      dest[4 * b + 2] = uniform_word (u[2 * b + 1]);
      dest[4 * b + 3] = uniform_word (v[2 * b + 1]);
    }
}

void
isc_rng_fill_uniform (guint64   seed,
                      IscStream kind,
                      guint     layer,
                      gsize     first,
                      gsize     n,
                      float    *out)
{
  g_return_if_fail (first % 4 == 0);

  fill_batched (seed, kind, layer, first, n, out, convert_uniform);
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

  isc_philox_blocks (ISC_PHILOX_AUTO, seed, counter[0] | ((guint64) counter[1] << 32),
                     counter[2], counter[3], 1, u, v);
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
  float    *out;
  gboolean  uniform;
} FillJob;

static void
fill_range (gsize    first,
            gsize    n,
            gpointer user_data)
{
  FillJob *job = user_data;

  if (job->uniform)
    isc_rng_fill_uniform (job->seed, job->kind, job->layer, first, n, job->out + first);
  else
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
  FillJob job = { seed, kind, layer, out, FALSE };

  isc_parallel_for_range ((gsize) rows * cols, CHUNK_SAMPLES, fill_range, &job);
}

void
isc_rng_fill_uniform_matrix (guint64   seed,
                             IscStream kind,
                             guint     layer,
                             guint     rows,
                             guint     cols,
                             float    *out)
{
  FillJob job = { seed, kind, layer, out, TRUE };

  isc_parallel_for_range ((gsize) rows * cols, CHUNK_SAMPLES, fill_range, &job);
}
