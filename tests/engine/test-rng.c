/* test-rng.c — the Philox kernels give the same stream, bit for bit
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every kernel this CPU runs (scalar always; AVX2 and AVX-512 where present)
 * is compared with the scalar one over millions of blocks, the scalar one
 * with Random123's philox4x32_R, and Random123 with its published known
 * answers. The filled matrices must not depend on the kernel, the thread
 * count or where a fill starts and stops.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <Random123/philox.h>

#include "isc-math.h"
#include "isc-network.h"
#include "isc-philox.h"
#include "isc-rng.h"

typedef struct
{
  guint32 ctr[4];
  guint32 key[2];
  guint32 out[4];
} Kat;

/* Random123 1.14's examples/kat_vectors, the three philox4x32 10 lines
 * (counter, key, expected). */
static const Kat kat[] = {
  { { 0x00000000, 0x00000000, 0x00000000, 0x00000000 }, { 0x00000000, 0x00000000 },
    { 0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8 } },
  { { 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff }, { 0xffffffff, 0xffffffff },
    { 0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd } },
  { { 0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344 }, { 0xa4093822, 0x299f31d0 },
    { 0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1 } },
};

/* A run a vector kernel takes whole: 2 AVX-512 groups of 16, and a tail. */
#define RUN 67

static guint64
kat_block (const Kat *k)
{
  return k->ctr[0] | ((guint64) k->ctr[1] << 32);
}

static guint64
kat_seed (const Kat *k)
{
  return k->key[0] | ((guint64) k->key[1] << 32);
}

static void
test_known_answers (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (kat); i++)
    {
      philox4x32_ctr_t ctr = { { kat[i].ctr[0], kat[i].ctr[1], kat[i].ctr[2], kat[i].ctr[3] } };
      philox4x32_key_t key = { { kat[i].key[0], kat[i].key[1] } };
      philox4x32_ctr_t r = philox4x32_R (10, ctr, key);
      guint32 counter[4];
      guint32 out[4];

      g_assert_true (memcmp (r.v, kat[i].out, sizeof r.v) == 0);
      memcpy (counter, kat[i].ctr, sizeof counter);
      isc_rng_philox_reference (kat_seed (&kat[i]), counter, out);
      g_assert_true (memcmp (out, kat[i].out, sizeof out) == 0);
      isc_rng_philox_blocks (kat_seed (&kat[i]), counter, out);
      g_assert_true (memcmp (out, kat[i].out, sizeof out) == 0);
    }
}

/* Each kernel, with the known-answer counter in every position of a run (so
 * in every vector lane, and in the tail). */
static void
test_known_answers_kernels (void)
{
  guint32 u[2 * RUN], v[2 * RUN];

  for (int kernel = 0; kernel < ISC_PHILOX_N_KERNELS; kernel++)
    {
      if (!isc_philox_supported (kernel))
        continue;
      g_test_message ("kernel %s", isc_philox_name (kernel));
      for (gsize i = 0; i < G_N_ELEMENTS (kat); i++)
        for (gsize j = 0; j < RUN; j++)
          {
            /* the all-ones counter is the last of 2^64 blocks: the run wraps to 0 */
            isc_philox_blocks (kernel, kat_seed (&kat[i]), kat_block (&kat[i]) - j,
                               kat[i].ctr[2], kat[i].ctr[3], RUN, u, v);
            g_assert_cmphex (u[2 * j], ==, kat[i].out[0]);
            g_assert_cmphex (v[2 * j], ==, kat[i].out[1]);
            g_assert_cmphex (u[2 * j + 1], ==, kat[i].out[2]);
            g_assert_cmphex (v[2 * j + 1], ==, kat[i].out[3]);
          }
    }
}

typedef struct
{
  guint64 seed;
  guint64 block;
  guint32 layer;
  guint32 kind;
  gsize   n;
} Run;

#define SENTINEL 0xdeadbeefu
#define GUARD 40  /* words past the end a kernel must leave alone */

/* Random123's words of blocks run->block … + n, into u and v as the kernels
 * lay them out. */
static void
reference_run (const Run *run,
               guint32   *u,
               guint32   *v)
{
  philox4x32_key_t key = { { (guint32) run->seed, (guint32) (run->seed >> 32) } };

  for (gsize b = 0; b < run->n; b++)
    {
      guint64 index = run->block + b;
      philox4x32_ctr_t ctr = { { (guint32) index, (guint32) (index >> 32),
                                 run->layer, run->kind } };
      philox4x32_ctr_t r = philox4x32_R (10, ctr, key);

      u[2 * b] = r.v[0];
      v[2 * b] = r.v[1];
      u[2 * b + 1] = r.v[2];
      v[2 * b + 1] = r.v[3];
    }
}

/* One run through every kernel, each checked against Random123, word for
 * word, and for writing nothing past its end. Returns the blocks checked. */
static gsize
check_run (const Run *run)
{
  gsize words = 2 * run->n;
  g_autofree guint32 *ref_u = g_new (guint32, words);
  g_autofree guint32 *ref_v = g_new (guint32, words);
  g_autofree guint32 *u = g_new (guint32, words + GUARD);
  g_autofree guint32 *v = g_new (guint32, words + GUARD);
  gsize checked = 0;

  reference_run (run, ref_u, ref_v);
  for (int kernel = 0; kernel < ISC_PHILOX_N_KERNELS; kernel++)
    {
      if (!isc_philox_supported (kernel))
        continue;
      for (gsize i = 0; i < words + GUARD; i++)
        u[i] = v[i] = SENTINEL;
      isc_philox_blocks (kernel, run->seed, run->block, run->layer, run->kind, run->n, u, v);
      if (memcmp (u, ref_u, words * 4) != 0 || memcmp (v, ref_v, words * 4) != 0)
        g_error ("kernel %s differs from Random123: seed %" G_GINT64_MODIFIER "x, block %"
                 G_GINT64_MODIFIER "x, layer %u, kind %u, %" G_GSIZE_FORMAT " blocks",
                 isc_philox_name (kernel), run->seed, run->block, run->layer, run->kind,
                 run->n);
      for (gsize i = words; i < words + GUARD; i++)
        {
          g_assert_cmphex (u[i], ==, SENTINEL);
          g_assert_cmphex (v[i], ==, SENTINEL);
        }
      checked += run->n;
    }
  return checked;
}

static void
test_kernels_agree (void)
{
  static const Run fixed[] = {
    { 42, 0, 1, ISC_STREAM_WEIGHTS, 1 << 20 },
    /* block_lo crosses 2^32 (and 2^33) inside vectors, at odd offsets */
    { 0x9e3779b97f4a7c15u, G_MAXUINT32 - 37, 3, ISC_STREAM_INPUT, 100003 },
    { 7, ((guint64) 1 << 33) - 5, 0xffffffffu, 0, 4099 },
    /* and the whole counter wraps past 2^64 */
    { G_MAXUINT64, G_MAXUINT64 - 1000, 0xffffffffu, 0xffffffffu, 2001 },
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (15);
  gsize checked = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (fixed); i++)
    checked += check_run (&fixed[i]);
  /* every short length, so every split into vectors and a tail */
  for (gsize n = 1; n <= 100; n++)
    {
      Run run = { n * 0x2545f4914f6cdd1du, 12345 + 3 * n, (guint32) n, n % 2, n };

      checked += check_run (&run);
    }
  for (int i = 0; i < 200; i++)
    {
      guint64 hi = g_rand_int (rand);
      /* half of them start just below a 2^32 boundary */
      guint32 lo = i % 2 ? g_rand_int (rand) : G_MAXUINT32 - g_rand_int_range (rand, 0, 64);
      Run run = { ((guint64) g_rand_int (rand) << 32) | g_rand_int (rand),
                  (hi << 32) | lo, g_rand_int (rand), g_rand_int (rand),
                  g_rand_int_range (rand, 1, 5000) };

      checked += check_run (&run);
    }
  g_test_message ("%" G_GSIZE_FORMAT " blocks checked, best kernel %s", checked,
                  isc_philox_name (ISC_PHILOX_AUTO));
  g_assert_cmpuint (checked, >=, (gsize) (1 << 20) + 100000);
}

static void
test_select (void)
{
  IscPhiloxKernel best = ISC_PHILOX_SCALAR;

  for (int kernel = 0; kernel < ISC_PHILOX_N_KERNELS; kernel++)
    if (isc_philox_supported (kernel))
      best = kernel;
  g_assert_cmpint (isc_philox_current (), ==, best);

  g_assert_true (isc_philox_select (ISC_PHILOX_SCALAR));
  g_assert_cmpint (isc_philox_current (), ==, ISC_PHILOX_SCALAR);
  g_assert_false (isc_philox_select (ISC_PHILOX_N_KERNELS));
  g_assert_false (isc_philox_select (-2));
  g_assert_cmpint (isc_philox_current (), ==, ISC_PHILOX_SCALAR);
  g_assert_true (isc_philox_select (ISC_PHILOX_AUTO));
  g_assert_cmpint (isc_philox_current (), ==, best);
  g_assert_cmpstr (isc_philox_name (ISC_PHILOX_SCALAR), ==, "scalar");
}

/* rows × cols through every kernel and thread count: all equal to one
 * single-threaded scalar fill of the whole stream. */
static void
check_fill (guint rows,
            guint cols)
{
  static const guint threads[] = { 1, 2, 3, 7 };
  gsize n = (gsize) rows * cols;
  g_autofree float *ref = g_new (float, n);
  g_autofree float *out = g_new (float, n);

  g_assert_true (isc_philox_select (ISC_PHILOX_SCALAR));
  isc_rng_fill_normal (5, ISC_STREAM_WEIGHTS, 2, 0, n, ref);
  for (int kernel = 0; kernel < ISC_PHILOX_N_KERNELS; kernel++)
    {
      if (!isc_philox_select (kernel))
        continue;
      for (gsize t = 0; t < G_N_ELEMENTS (threads); t++)
        {
          memset (out, 0, n * sizeof (float));
          isc_engine_set_n_threads (threads[t]);
          isc_rng_fill_matrix (5, ISC_STREAM_WEIGHTS, 2, rows, cols, out);
          if (memcmp (out, ref, n * sizeof (float)) != 0)
            g_error ("%u × %u, kernel %s, %u threads: not the scalar stream",
                     rows, cols, isc_philox_name (kernel), threads[t]);
        }
    }
  isc_engine_set_n_threads (0);
  isc_philox_select (ISC_PHILOX_AUTO);
}

static void
test_fill_any_way (void)
{
  /* the cs231n-2016 layer (several chunks), a few sizes that end mid-block,
   * mid-batch and mid-chunk, and one sample */
  check_fill (500, 500);
  check_fill (999, 1001);
  check_fill (3, 65537);
  check_fill (1, 1);
}

/* Any window of a stream, through any kernel, is the same numbers as the
 * whole, and a fill writes nothing past its end. */
static void
test_windows (void)
{
  const gsize n = 300007;
  g_autofree float *whole = g_new (float, n);
  g_autofree float *part = g_new (float, n + 16);
  g_autoptr(GRand) rand = g_rand_new_with_seed (4);
  const float guard = -12345.0f;  /* no normal sample: |x| < 7 */
  gsize windows = 0;

  isc_engine_set_n_threads (1);
  g_assert_true (isc_philox_select (ISC_PHILOX_SCALAR));
  isc_rng_fill_matrix (77, ISC_STREAM_INPUT, 0, 1, n, whole);
  for (int kernel = 0; kernel < ISC_PHILOX_N_KERNELS; kernel++)
    {
      if (!isc_philox_select (kernel))
        continue;
      for (int i = 0; i < 60; i++)
        {
          gsize first = 4 * (gsize) g_rand_int_range (rand, 0, n / 4);
          gsize len = g_rand_int_range (rand, 0, MIN (n - first, 5000) + 1);

          if (i < 3)
            first = 0, len = n - 4 * i;  /* long ones, with every short tail */
          for (gsize j = 0; j < len + 16; j++)
            part[j] = guard;
          isc_rng_fill_normal (77, ISC_STREAM_INPUT, 0, first, len, part);
          g_assert_true (memcmp (part, whole + first, len * sizeof (float)) == 0);
          for (gsize j = len; j < len + 16; j++)
            g_assert_cmpfloat (part[j], ==, guard);
          windows++;
        }
    }
  isc_philox_select (ISC_PHILOX_AUTO);
  isc_engine_set_n_threads (0);
  g_assert_cmpuint (windows, >=, 60);
}

/* Box–Muller, compiled for each kernel's ISA, gives the same bits on every
 * word pair, the extremes included (u = 0 is the largest radius). */
static void
test_box_muller_kernels (void)
{
  const gsize n = 1 << 18;
  g_autofree guint32 *u = g_new (guint32, n);
  g_autofree guint32 *v = g_new (guint32, n);
  g_autofree float *ref = g_new (float, 2 * n);
  g_autofree float *out = g_new (float, 2 * n);
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  int compared = 0;

  for (gsize i = 0; i < n; i++)
    {
      /* the first 4096 pairs: every top and bottom 32 values of u against
       * the quadrant boundaries of v */
      static const guint32 edges[] = { 0, 1, 0x3fffffff, 0x40000000, 0x7fffffff,
                                       0x80000000, 0xbfffffff, 0xc0000000 };
      guint32 low = (guint32) (i / 16) % 32;

      u[i] = i < 4096 ? (i / 16 % 2 ? G_MAXUINT32 - low : low) : g_rand_int (rand);
      v[i] = i < 4096 ? edges[i % 8] + (i % 16 >= 8) : g_rand_int (rand);
    }
  g_assert_true (isc_philox_select (ISC_PHILOX_SCALAR));
  isc_math_box_muller (u, v, n, ref);
  for (gsize i = 0; i < 2 * n; i++)
    g_assert_true (isfinite (ref[i]) && fabsf (ref[i]) < 7.0f);
  for (int kernel = 0; kernel < ISC_PHILOX_N_KERNELS; kernel++)
    {
      if (!isc_philox_select (kernel))
        continue;
      isc_math_box_muller (u, v, n, out);
      g_assert_true (memcmp (out, ref, 2 * n * sizeof (float)) == 0);
      /* a count no kernel's step divides: the last pairs through the loop */
      memset (out, 0, 2 * n * sizeof (float));
      isc_math_box_muller (u + 5, v + 5, n - 42, out);
      g_assert_true (memcmp (out, ref + 10, 2 * (n - 42) * sizeof (float)) == 0);
      g_assert_cmpfloat (out[2 * (n - 42)], ==, 0.0f);
      compared++;
    }
  isc_philox_select (ISC_PHILOX_AUTO);
  g_assert_cmpint (compared, >=, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/rng/known-answers", test_known_answers);
  g_test_add_func ("/engine/rng/known-answers-kernels", test_known_answers_kernels);
  g_test_add_func ("/engine/rng/kernels-agree", test_kernels_agree);
  g_test_add_func ("/engine/rng/select", test_select);
  g_test_add_func ("/engine/rng/box-muller-kernels", test_box_muller_kernels);
  g_test_add_func ("/engine/rng/fill-any-way", test_fill_any_way);
  g_test_add_func ("/engine/rng/windows", test_windows);

  return g_test_run ();
}
