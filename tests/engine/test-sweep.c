/* test-sweep.c — the σ sweep: trends the maths predicts, and the same bits as single runs
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "isc-sweep.h"

#define N_SIGMAS 9

static IscConfig
base_config (IscActivation activation)
{
  IscConfig c;

  isc_config_init_default (&c);
  c.activation = activation;
  c.depth = 8;
  c.width = 128;
  c.batch = 64;
  c.seed = 7;
  return c;
}

static IscSweepPoint *
sweep (const IscConfig *base,
       double           lo,
       double           hi,
       double          *sigmas)
{
  g_autoptr(GError) error = NULL;
  IscSweepPoint *points;

  isc_sweep_log_sigmas (lo, hi, N_SIGMAS, sigmas);
  points = isc_sweep_run (base, sigmas, N_SIGMAS, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (points);
  return points;
}

static void
test_log_sigmas (void)
{
  double s[5];

  isc_sweep_log_sigmas (ISC_SWEEP_SIGMA_MIN, ISC_SWEEP_SIGMA_MAX, 5, s);
  g_assert_cmpfloat (s[0], ==, ISC_SWEEP_SIGMA_MIN);
  g_assert_cmpfloat (s[4], ==, ISC_SWEEP_SIGMA_MAX);
  for (guint i = 1; i < 5; i++)  /* 5 decades in 4 steps: ×10^1.25 each */
    g_assert_cmpfloat_with_epsilon (s[i] / s[i - 1], pow (10, 1.25), 1e-9);
}

/* tanh: q_l grows with σ_w² at every layer (the variance map is increasing in
 * both σ_w² and q), so the last layer's std rises from ~0 to the saturated ~1. */
static void
test_tanh_std_increases (void)
{
  IscConfig base = base_config (ISC_ACTIVATION_TANH);
  double sigmas[N_SIGMAS];
  g_autofree IscSweepPoint *p = sweep (&base, 1e-3, 10.0, sigmas);

  for (guint i = 1; i < N_SIGMAS; i++)
    g_assert_cmpfloat (p[i].last_std, >, p[i - 1].last_std);
  g_assert_cmpfloat (p[0].last_std, <, 1e-6);     /* (σ√N)^8 ≈ 1e-16 of the input */
  g_assert_cmpfloat (p[N_SIGMAS - 1].saturated, >, 0.9);
  g_assert_cmpfloat (p[0].saturated, ==, 0.0);
}

/* ReLU is positively homogeneous: with the same Z_l, every z_l at σ is (σ/σ')^l
 * times z_l at σ', so the set of exact zeros is the same at every σ, x_L's std
 * scales as σ^L and δ_1's (layers 2 … L's weights) as σ^(L − 1). */
static void
test_relu_homogeneous (void)
{
  IscConfig base = base_config (ISC_ACTIVATION_RELU);
  double sigmas[N_SIGMAS];
  g_autofree IscSweepPoint *p = sweep (&base, 0.01, 1.0, sigmas);
  double L = base.depth;
  /* each float product rounds by 2^-24 relative; over 8 layers of 128-term
   * sums the std's relative error stays well under 1e-4 */
  double tol = 1e-4;

  for (guint i = 0; i < N_SIGMAS; i++)
    {
      double r = sigmas[i] / sigmas[0];

      g_assert_cmpfloat (p[i].zero, ==, p[0].zero);
      g_assert_cmpfloat (fabs (p[i].last_std / (p[0].last_std * pow (r, L)) - 1), <, tol);
      g_assert_cmpfloat (fabs (p[i].grad_std / (p[0].grad_std * pow (r, L - 1)) - 1), <, tol);
      if (i > 0)
        g_assert_cmpfloat (p[i].grad_std, >, p[i - 1].grad_std);
    }
  /* about half are negative (not binomially: a layer's samples share its weights,
   * so the units are correlated); what matters is that there are zeros */
  g_assert_cmpfloat (p[0].zero, >, 0.25);
  g_assert_cmpfloat (p[0].zero, <, 0.75);
}

/* Gradient std through the tanh net: at σ = 1e-3 χ = Nσ² ≈ 1e-4 a layer (it vanishes),
 * at Xavier's σ it is near critical, at σ = 1 chaotic (grows). */
static void
test_tanh_gradient_ordering (void)
{
  IscConfig base = base_config (ISC_ACTIVATION_TANH);
  double sigmas[3] = { 1e-3, 1.0 / sqrt (base.width), 1.0 };
  g_autoptr(GError) error = NULL;
  g_autofree IscSweepPoint *p = isc_sweep_run (&base, sigmas, 3, NULL, NULL, NULL, NULL,
                                               NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpfloat (p[0].grad_std, <, p[1].grad_std);
  g_assert_cmpfloat (p[1].grad_std, <, p[2].grad_std);
  g_assert_cmpfloat (p[0].grad_std, <, 1e-6);  /* (1e-3 √128)^7 ≈ 2e-14 */
  g_assert_cmpfloat (p[2].grad_std, >, 1.0);   /* χ > 1 towards the input */
}

static void
progress_count (guint    done,
                guint    total,
                gpointer user_data)
{
  guint *last = user_data;

  g_assert_cmpuint (done, ==, *last + 1);
  g_assert_cmpuint (total, ==, N_SIGMAS);
  *last = done;
}

/* A sweep point is a single run of its config, bit for bit, whether its
 * weights came from the shared cache or were drawn for that run alone. */
static void
test_same_as_single_runs (void)
{
  IscConfig base = base_config (ISC_ACTIVATION_TANH);
  IscRunOptions opts = { .max_batch = 32, .max_units = 64, .gradients = TRUE };
  double sigmas[N_SIGMAS];
  g_autoptr(GError) error = NULL;
  g_autoptr(IscCache) cache = isc_cache_new ((gsize) 64 << 20);
  g_autofree IscSweepPoint *p = NULL;
  guint last = 0;

  isc_sweep_log_sigmas (ISC_SWEEP_SIGMA_MIN, ISC_SWEEP_SIGMA_MAX, N_SIGMAS, sigmas);
  p = isc_sweep_run (&base, sigmas, N_SIGMAS, cache, &opts, progress_count, &last, NULL,
                     &error);
  g_assert_no_error (error);
  g_assert_cmpuint (last, ==, N_SIGMAS);
  for (guint i = 0; i < N_SIGMAS; i++)
    {
      g_autoptr(IscResult) r = NULL;
      IscConfig c;
      IscSweepPoint single;

      isc_sweep_config (&base, sigmas[i], &c);
      g_assert_cmpint (c.init, ==, ISC_INIT_GAUSSIAN);
      r = isc_network_run_with_options (&c, NULL, &opts, NULL, &error);
      g_assert_no_error (error);
      isc_sweep_point_from_result (r, sigmas[i], &single);
      g_assert_true (memcmp (&single, &p[i], sizeof single) == 0);
    }
}

static void
test_cancelled (void)
{
  IscConfig base = base_config (ISC_ACTIVATION_TANH);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  double sigmas[2] = { 0.1, 1.0 };
  IscSweepPoint *p;

  g_cancellable_cancel (cancellable);
  p = isc_sweep_run (&base, sigmas, 2, NULL, NULL, NULL, NULL, cancellable, &error);
  g_assert_null (p);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/sweep/log-sigmas", test_log_sigmas);
  g_test_add_func ("/engine/sweep/tanh-std-increases", test_tanh_std_increases);
  g_test_add_func ("/engine/sweep/relu-homogeneous", test_relu_homogeneous);
  g_test_add_func ("/engine/sweep/tanh-gradient-ordering", test_tanh_gradient_ordering);
  g_test_add_func ("/engine/sweep/same-as-single-runs", test_same_as_single_runs);
  g_test_add_func ("/engine/sweep/cancelled", test_cancelled);
  return g_test_run ();
}
