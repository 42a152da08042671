/* bench-theory.c — the theory's cost against one matrix product of the run it annotates
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 12: "the theory adds under 1 ms to a run". Times isc_theory_compute at depth 50 for
 * the lecture's configurations (and the slowest: an exploding net, whose q needs the finest
 * panels), the fixed point (the phase), and one 500×500 by 1000×500 cblas_sgemm (one layer
 * of the cs231n-2016 run) interleaved with them, so a busy machine slows both alike. Medians.
 *
 * Output: a human table (ASCII, for any locale), then
 * "RESULT theory <worst compute + phase, µs> <that / sgemm> within-1ms|OVER-1ms".
 */

#define G_LOG_DOMAIN "initscope-bench"

#include "config.h"

#include <cblas.h>
#include <math.h>
#include <stdlib.h>

#include "bench-util.h"
#include "isc-theory.h"

#define ROUNDS 41
#define BUDGET_US 1000.0

typedef struct
{
  const char *label;
  const char *activation;
  double      sigma_w2;
  double      sigma_b2;
} Case;

static const Case cases[] = {
  { "tanh sigma=0.01 (N s2 = 0.05)", "tanh", 0.05, 0.0 },
  { "tanh xavier", "tanh", 1.0, 0.0 },
  { "tanh sigma=1 (N s2 = 500)", "tanh", 500.0, 0.0 },
  { "relu kaiming", "relu", 2.0, 0.0 },
  { "selu xavier", "selu", 1.0, 0.0 },
  { "gelu kaiming", "gelu", 2.0, 0.0 },
  { "silu kaiming + bias", "silu", 2.0, 0.1 },
  { "gelu sigma=1 (exploding)", "gelu", 500.0, 0.0 },
};

static double
time_sgemm (const float *a,
            const float *w,
            float       *c)
{
  gint64 t0 = g_get_monotonic_time ();

  cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, 1000, 500, 500,
               1.0f, a, 500, w, 500, 0.0f, c, 500);
  return (double) (g_get_monotonic_time () - t0);
}

int
main (void)
{
  g_autofree float *a = g_new (float, 1000 * 500);
  g_autofree float *w = g_new (float, 500 * 500);
  g_autofree float *c = g_new (float, 1000 * 500);
  double gemm[ROUNDS], worst = 0.0, gemm_us;
  IscTheoryLayer out[50];

  for (guint i = 0; i < 1000 * 500; i++)
    a[i] = (float) sin (i * 0.37);
  for (guint i = 0; i < 500 * 500; i++)
    w[i] = (float) cos (i * 0.11) / 22.0f;
  for (guint r = 0; r < 3; r++)
    time_sgemm (a, w, c);  /* warm OpenBLAS's threads */
  for (guint r = 0; r < ROUNDS; r++)
    gemm[r] = time_sgemm (a, w, c);
  gemm_us = isc_bench_median (gemm, ROUNDS);

  g_print ("%-30s %12s %12s %10s\n", "depth 50", "compute us", "phase us", "/ sgemm");
  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      double t[ROUNDS], f[ROUNDS], g[ROUNDS], tm;

      for (guint r = 0; r < ROUNDS; r++)
        {
          IscTheoryFixedPoint fp;
          gint64 t0 = g_get_monotonic_time (), t1, t2;

          if (!isc_theory_compute (cases[k].activation, cases[k].sigma_w2, cases[k].sigma_b2,
                                   50, out, NULL))
            return 1;
          t1 = g_get_monotonic_time ();
          isc_theory_fixed_point (cases[k].activation, cases[k].sigma_w2, cases[k].sigma_b2,
                                  &fp, NULL);
          t2 = g_get_monotonic_time ();
          t[r] = (double) (t1 - t0);
          f[r] = (double) (t2 - t1);
          g[r] = time_sgemm (a, w, c);
        }
      tm = isc_bench_median (t, ROUNDS);
      g_print ("%-30s %12.1f %12.1f %10.3f\n", cases[k].label, tm,
               isc_bench_median (f, ROUNDS), tm / isc_bench_median (g, ROUNDS));
      worst = MAX (worst, tm + isc_bench_median (f, ROUNDS));
    }
  g_print ("one 1000x500 * 500x500 sgemm: %.1f us (median of %d)\n", gemm_us, ROUNDS);
  g_print ("RESULT theory %.1f %.3f %s\n", worst, worst / gemm_us,
           worst <= BUDGET_US ? "within-1ms" : "OVER-1ms");
  return 0;
}
