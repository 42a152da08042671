/* test-engine.c — the maths, the determinism and the limits of the engine
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "isc-activation.h"
#include "isc-histogram.h"
#include "isc-init.h"
#include "isc-math.h"
#include "isc-memory.h"
#include "isc-network.h"
#include "isc-rng.h"
#include "isc-test-util.h"

static IscConfig
make_config (IscInit       init,
             IscActivation activation,
             guint         depth,
             guint         width,
             guint         batch,
             double        scale)
{
  return isc_test_config (init, activation, depth, width, batch, scale, 1234);
}

static void
assert_layers_equal (const IscResult *a,
                     const IscResult *b,
                     guint            n_layers,
                     gboolean         compare_bins)
{
  for (guint l = 0; l < n_layers; l++)
    {
      const IscLayerStats *x = isc_result_get_layer (a, l);
      const IscLayerStats *y = isc_result_get_layer (b, l);

      /* byte-identical, not merely close */
      g_assert_true (memcmp (&x->mean, &y->mean, sizeof x->mean) == 0);
      g_assert_true (memcmp (&x->std, &y->std, sizeof x->std) == 0);
      g_assert_cmpfloat (x->min, ==, y->min);
      g_assert_cmpfloat (x->max, ==, y->max);
      g_assert_cmpfloat (x->saturated, ==, y->saturated);
      g_assert_cmpfloat (x->zero, ==, y->zero);
      g_assert_cmpuint (x->nonfinite, ==, y->nonfinite);
      if (compare_bins)
        g_assert_true (memcmp (x->bins, y->bins,
                               isc_result_get_n_bins (a) * sizeof (guint64)) == 0);
    }
}

/* ------------------------------------------------------------------------ */

static void
test_config_names (void)
{
  for (guint i = 0; i < ISC_N_INITS; i++)
    {
      IscInit init = ISC_N_INITS;

      g_assert_true (isc_init_from_string (isc_init_to_string (i), &init, NULL));
      g_assert_cmpint (init, ==, i);
      g_assert_nonnull (isc_init_get_formula (i));
    }
  for (guint i = 0; i < ISC_N_ACTIVATIONS; i++)
    {
      IscActivation act = ISC_N_ACTIVATIONS;

      g_assert_true (isc_activation_from_string (isc_activation_to_string (i), &act, NULL));
      g_assert_cmpint (act, ==, i);
    }
}

static void
test_config_errors (void)
{
  g_autoptr(GError) error = NULL;
  IscConfig config;
  IscInit init;
  guint64 u;
  double d;

  g_assert_false (isc_init_from_string ("he", &init, &error));
  g_assert_error (error, ISC_CONFIG_ERROR, ISC_CONFIG_ERROR_UNKNOWN_NAME);
  g_assert_nonnull (strstr (error->message, "he"));
  g_clear_error (&error);

  g_assert_null (isc_preset_lookup ("cs231n-2017", &error));
  g_assert_error (error, ISC_CONFIG_ERROR, ISC_CONFIG_ERROR_UNKNOWN_NAME);
  g_clear_error (&error);

  isc_config_init_default (&config);
  g_assert_true (isc_config_validate (&config, NULL));
  config.depth = 51;
  g_assert_false (isc_config_validate (&config, &error));
  g_assert_error (error, ISC_CONFIG_ERROR, ISC_CONFIG_ERROR_OUT_OF_RANGE);
  g_assert_nonnull (strstr (error->message, "depth"));
  g_clear_error (&error);

  isc_config_init_default (&config);
  config.scale = NAN;
  g_assert_false (isc_config_validate (&config, &error));
  g_clear_error (&error);

  g_assert_true (isc_parse_uint ("--seed", "18446744073709551615", 0, G_MAXUINT64, &u, NULL));
  g_assert_cmpuint (u, ==, G_MAXUINT64);
  g_assert_false (isc_parse_uint ("--seed", "18446744073709551616", 0, G_MAXUINT64, &u, NULL));
  g_assert_false (isc_parse_uint ("--depth", "-1", 1, 50, &u, NULL));
  g_assert_false (isc_parse_uint ("--depth", "3x", 1, 50, &u, NULL));
  g_assert_false (isc_parse_uint ("--depth", "", 1, 50, &u, NULL));
  g_assert_false (isc_parse_uint ("--depth", "0", 1, 50, &u, &error));
  g_assert_error (error, ISC_CONFIG_ERROR, ISC_CONFIG_ERROR_OUT_OF_RANGE);
  g_assert_nonnull (strstr (error->message, "--depth"));
  g_clear_error (&error);
  g_assert_true (isc_parse_double ("--scale", "1e-2", 0, 100, &d, NULL));
  g_assert_cmpfloat (d, ==, 0.01);
  g_assert_false (isc_parse_double ("--scale", "nan", 0, 100, &d, NULL));
  g_assert_false (isc_parse_double ("--scale", "inf", 0, 100, &d, NULL));
  g_assert_false (isc_parse_double ("--scale", "100.5", 0, 100, &d, NULL));
  g_assert_false (isc_parse_double ("--scale", "0.1.2", 0, 100, &d, NULL));
}

static void
test_sigma_formulas (void)
{
  g_assert_cmpfloat (isc_init_sigma (ISC_INIT_ZERO, 5.0, 500, 500), ==, 0.0);
  g_assert_cmpfloat (isc_init_sigma (ISC_INIT_GAUSSIAN, 0.05, 500, 500), ==, 0.05);
  g_assert_cmpfloat_with_epsilon (isc_init_sigma (ISC_INIT_XAVIER, 0, 500, 300),
                                  1.0 / sqrt (500.0), 1e-15);
  g_assert_cmpfloat_with_epsilon (isc_init_sigma (ISC_INIT_GLOROT, 0, 500, 300),
                                  sqrt (2.0 / 800.0), 1e-15);
  g_assert_cmpfloat_with_epsilon (isc_init_sigma (ISC_INIT_KAIMING, 0, 4096, 10),
                                  sqrt (2.0 / 4096.0), 1e-15);
  /* Glorot equals Xavier on square layers, and Kaiming is √2 times Xavier. */
  g_assert_cmpfloat_with_epsilon (isc_init_sigma (ISC_INIT_GLOROT, 0, 500, 500),
                                  isc_init_sigma (ISC_INIT_XAVIER, 0, 500, 500), 1e-15);
  g_assert_cmpfloat_with_epsilon (isc_init_sigma (ISC_INIT_KAIMING, 0, 500, 500),
                                  sqrt (2.0) * isc_init_sigma (ISC_INIT_XAVIER, 0, 500, 500),
                                  1e-15);
}

static void
test_math_kernels (void)
{
  /* The polynomials claim a few float ulps; float ulp is 1.2e-7 relative. */
  for (double x = 1e-30; x < 1e30; x *= 1.37)
    g_assert_cmpfloat_with_epsilon (isc_math_logf ((float) x) / log ((float) x), 1.0, 2e-6);
  for (double x = -87.0; x < 88.0; x += 0.173)
    g_assert_cmpfloat_with_epsilon (isc_math_expf ((float) x) / exp ((float) x), 1.0, 5e-7);
  for (double x = -20.0; x < 20.0; x += 0.0173)
    {
      double t = tanh ((float) x);
      double s = 1.0 / (1.0 + exp (-(float) x));

      /* tanh: the rational kernel measures ≤ 3.1e-7 (2.6 ulp) on every float */
      g_assert_cmpfloat_with_epsilon (isc_math_tanhf ((float) x), t, 4e-7 * fabs (t) + 1e-30);
      g_assert_cmpfloat_with_epsilon (isc_math_sigmoidf ((float) x), s, 3e-7 * s + 1e-30);
    }
  /* tiny arguments keep full relative precision (σ = 0.01 nets reach 1e-10) */
  g_assert_cmpfloat (isc_math_tanhf (1e-30f), ==, 1e-30f);
  g_assert_cmpfloat (isc_math_tanhf (-3e-5f), ==, -3e-5f);
  g_assert_cmpfloat_with_epsilon (isc_math_tanhf (1e-10f) / 1e-10f, 1.0, 1e-6);
  g_assert_true (isnan (isc_math_tanhf (NAN)));
  g_assert_true (isnan (isc_math_sigmoidf (NAN)));
  g_assert_cmpfloat (isc_math_tanhf (INFINITY), ==, 1.0f);
  g_assert_cmpfloat (isc_math_tanhf (-INFINITY), ==, -1.0f);
  g_assert_cmpfloat (isc_math_sigmoidf (-INFINITY), ==, 0.0f);
  g_assert_cmpfloat (isc_math_sigmoidf (INFINITY), ==, 1.0f);

  {
    float v[4] = { NAN, -3.0f, 0.0f, 2.0f };

    isc_activation_apply (ISC_ACTIVATION_RELU, v, 4);
    g_assert_true (isnan (v[0]));  /* not hidden as a dead unit */
    g_assert_cmpfloat (v[1], ==, 0.0f);
    g_assert_cmpfloat (v[3], ==, 2.0f);
  }
}

/* The vectorized tanh over a sweep of every 61st float in [1e-30, 10] (14
 * million), each against libm's double tanh: within 4e-7 relative (the
 * kernel measures 3.1e-7 over every float, 2.6 ulp), never past ±1, exactly odd,
 * and the same bits as the scalar kernel (fmaf is exact on every clone). */
static void
test_math_tanh_sweep (void)
{
  const gsize block = 1 << 16;
  g_autofree float *x = g_new (float, block);
  g_autofree float *y = g_new (float, block);
  g_autofree float *neg = g_new (float, block);
  guint32 first, last;
  double worst = 0.0, worst_at = 0.0;
  gsize checked = 0;

  memcpy (&first, &(float) { 1e-30f }, sizeof first);
  memcpy (&last, &(float) { 10.0f }, sizeof last);

  for (guint32 bits = first; bits <= last;)
    {
      gsize n = 0;

      for (; n < block && bits <= last; n++, bits += 61)
        memcpy (&x[n], &bits, sizeof bits);
      memcpy (y, x, n * sizeof (float));
      isc_activation_apply (ISC_ACTIVATION_TANH, y, n);
      for (gsize i = 0; i < n; i++)
        neg[i] = -x[i];
      isc_activation_apply (ISC_ACTIVATION_TANH, neg, n);

      for (gsize i = 0; i < n; i++)
        {
          double t = tanh ((double) x[i]);
          double rel = fabs (y[i] - t) / t;

          if (rel > worst)
            worst = rel, worst_at = x[i];
          g_assert_cmpfloat (y[i], <=, 1.0f);
          g_assert_cmpfloat (neg[i], ==, -y[i]);
          if (i % 4096 == 0)
            g_assert_cmpfloat (isc_math_tanhf (x[i]), ==, y[i]);
        }
      checked += n;
    }

  g_test_message ("tanh: %" G_GSIZE_FORMAT " floats, worst relative error %.3g at %.9g",
                  checked, worst, worst_at);
  g_assert_cmpuint (checked, >, 10000000);
  g_assert_cmpfloat (worst, <=, 4e-7);
}

static void
test_rng_philox (void)
{
  /* The vectorized Philox is Random123's, bit for bit, including the known
   * answer from Random123's kat_vectors (philox4x32 10, all-ones input). */
  guint32 ones[4] = { 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff };
  guint32 a[4], b[4];

  isc_rng_philox_reference (G_MAXUINT64, ones, a);
  g_assert_cmphex (a[0], ==, 0x408f276d);
  g_assert_cmphex (a[1], ==, 0x41c83b0e);
  g_assert_cmphex (a[2], ==, 0xa20bc7c6);
  g_assert_cmphex (a[3], ==, 0x6d5451fd);

  for (guint64 seed = 0; seed < 1000; seed += 7)
    {
      guint32 counter[4] = { seed * 2654435761u, seed, seed % 11, seed % 2 };

      isc_rng_philox_reference (seed * 0x9e3779b97f4a7c15, counter, a);
      isc_rng_philox_blocks (seed * 0x9e3779b97f4a7c15, counter, b);
      g_assert_true (memcmp (a, b, sizeof a) == 0);
    }
}

static void
test_rng_distribution (void)
{
  /* N = 2^20 samples; with unit variance the sample mean has sd 1/√N ≈ 1e-3,
   * the sample variance sd √(2/N) ≈ 1.4e-3, a fraction p has sd √(p(1-p)/N).
   * Tolerances are 5 sd. */
  const gsize n = 1 << 20;
  g_autofree float *v = g_new (float, n);
  double sum = 0, sumsq = 0, sum4 = 0;
  gsize within1 = 0, within2 = 0, beyond3 = 0;
  double mean, var;

  isc_rng_fill_matrix (42, ISC_STREAM_WEIGHTS, 1, 1024, 1024, v);
  for (gsize i = 0; i < n; i++)
    {
      double x = v[i];

      g_assert_true (isfinite (x));
      sum += x;
      sumsq += x * x;
      sum4 += x * x * x * x;
      within1 += fabs (x) < 1.0;
      within2 += fabs (x) < 2.0;
      beyond3 += fabs (x) > 3.0;
    }
  mean = sum / n;
  var = sumsq / n - mean * mean;
  g_assert_cmpfloat (fabs (mean), <, 5 * 1e-3);
  g_assert_cmpfloat (fabs (var - 1.0), <, 5 * sqrt (2.0 / n));
  /* kurtosis 3, sd √(96/N) ≈ 0.0096 */
  g_assert_cmpfloat (fabs (sum4 / n - 3.0), <, 5 * sqrt (96.0 / n));
  g_assert_cmpfloat (fabs ((double) within1 / n - 0.682689), <,
                     5 * sqrt (0.6827 * 0.3173 / n));
  g_assert_cmpfloat (fabs ((double) within2 / n - 0.954500), <,
                     5 * sqrt (0.9545 * 0.0455 / n));
  g_assert_cmpfloat (fabs ((double) beyond3 / n - 0.0026998), <,
                     5 * sqrt (0.0027 * 0.9973 / n));
}

static void
test_rng_independence (void)
{
  /* Different seeds, layers and streams are uncorrelated: correlation of
   * N = 65536 pairs has sd 1/√N ≈ 0.004. */
  const gsize n = 1 << 16;
  g_autofree float *a = g_new (float, n);
  g_autofree float *b = g_new (float, n);
  g_autofree float *c = g_new (float, n);
  double ab = 0, ac = 0, lag = 0;

  isc_rng_fill_matrix (7, ISC_STREAM_WEIGHTS, 1, 256, 256, a);
  isc_rng_fill_matrix (7, ISC_STREAM_WEIGHTS, 2, 256, 256, b);
  isc_rng_fill_matrix (8, ISC_STREAM_WEIGHTS, 1, 256, 256, c);
  for (gsize i = 0; i < n; i++)
    {
      ab += (double) a[i] * b[i];
      ac += (double) a[i] * c[i];
      if (i + 1 < n)
        lag += (double) a[i] * a[i + 1];
    }
  g_assert_cmpfloat (fabs (ab / n), <, 5.0 / sqrt (n));
  g_assert_cmpfloat (fabs (ac / n), <, 5.0 / sqrt (n));
  g_assert_cmpfloat (fabs (lag / n), <, 5.0 / sqrt (n));
}

static void
test_rng_determinism (void)
{
  const gsize n = 1000003;
  g_autofree float *whole = g_new (float, n);
  g_autofree float *again = g_new (float, n);
  g_autofree float *part = g_new (float, 1000);

  isc_engine_set_n_threads (1);
  isc_rng_fill_matrix (99, ISC_STREAM_INPUT, 0, 1, n, whole);
  isc_engine_set_n_threads (2);
  isc_rng_fill_matrix (99, ISC_STREAM_INPUT, 0, 1, n, again);
  isc_engine_set_n_threads (0);
  g_assert_true (memcmp (whole, again, n * sizeof (float)) == 0);

  /* any window of the stream is the same numbers */
  isc_rng_fill_normal (99, ISC_STREAM_INPUT, 0, 500000, 997, part);
  g_assert_true (memcmp (part, whole + 500000, 997 * sizeof (float)) == 0);
}

/* ------------------------------------------------------------------------ */

static double
second_moment (const IscLayerStats *s)
{
  return s->mean * s->mean + s->std * s->std;
}

static void
test_linear_xavier (void)
{
  /* Given the layer input X (B × n), the gain ‖XW‖²/‖X‖² of a Gaussian W
   * with σ² = 1/n has mean 1 and relative sd √(2κ)/n, κ = n·tr(M²)/tr(M)²
   * for M = XᵀX. After l linear Gaussian layers M's spectrum is Fuss–Catalan
   * with second moment l + 1, so κ ≤ l + 1 + n/B. Over 10 layers the log of
   * the std (half the log gain) has sd ≤ √(2·Σ(l + 1.5))/(2n) ≈ 1.2 % at
   * n = 500, B = 1000; the tolerance is 5 sd. */
  IscConfig config = make_config (ISC_INIT_XAVIER, ISC_ACTIVATION_LINEAR, 10, 500, 1000, 0);
  g_autoptr(IscResult) result = isc_test_run_network (&config, NULL);
  double sd = 0;

  for (guint l = 0; l < 10; l++)
    sd += 2.0 * (l + 1.5);
  sd = sqrt (sd) / (2.0 * 500);

  for (guint l = 0; l < 10; l++)
    {
      const IscLayerStats *s = isc_result_get_layer (result, l);

      g_assert_cmpfloat (fabs (log (s->std)), <, 5 * sd);
      g_assert_cmpfloat (fabs (s->mean), <, 5 * s->std / sqrt (500.0 * 1000.0) * sqrt (500.0));
      g_assert_cmpuint (s->nonfinite, ==, 0);
    }
}

static void
test_relu_kaiming_and_xavier (void)
{
  /* ReLU halves E[a²]; Kaiming's factor 2 restores it, Xavier's does not.
   * ReLU outputs share a positive mean direction, so M = AᵀA may be close
   * to rank one: the per-layer gain then has relative sd up to √(2/n) (6.3 %
   * at n = 500), and the log of E[a²] after 9 more layers sd ≤ 3·√(2/n).
   * The tolerance is 5 sd of that worst case; Xavier sits 9·ln 2 ≈ 6.2 away. */
  IscConfig kaiming = make_config (ISC_INIT_KAIMING, ISC_ACTIVATION_RELU, 10, 500, 1000, 0);
  IscConfig xavier = make_config (ISC_INIT_XAVIER, ISC_ACTIVATION_RELU, 10, 500, 1000, 0);
  g_autoptr(IscResult) k = isc_test_run_network (&kaiming, NULL);
  g_autoptr(IscResult) x = isc_test_run_network (&xavier, NULL);
  double k1 = second_moment (isc_result_get_layer (k, 0));
  double x1 = second_moment (isc_result_get_layer (x, 0));
  double tolerance = 5 * 3 * sqrt (2.0 / 500);

  /* layer 1 sees the isotropic input: E[a²] = σ²·n/2 = 1 for Kaiming, ½ for
   * Xavier, to within 5 sd of the isotropic gain, √(2(1 + n/B))/n */
  g_assert_cmpfloat (fabs (k1 - 1.0), <, 5 * sqrt (3.0) / 500 + 5 * sqrt (2.0 / 500000));
  g_assert_cmpfloat (fabs (x1 - 0.5), <, 0.5 * (5 * sqrt (3.0) / 500 + 5 * sqrt (2.0 / 500000)));

  for (guint l = 1; l < 10; l++)
    {
      double kl = second_moment (isc_result_get_layer (k, l));
      double xl = second_moment (isc_result_get_layer (x, l));

      g_assert_cmpfloat (fabs (log (kl / k1)), <, tolerance);
      g_assert_cmpfloat (fabs (log (xl / x1) + l * G_LN2), <, tolerance);
      /* about half the units are dead: the sign of a symmetric z */
      g_assert_cmpfloat (fabs (isc_result_get_layer (k, l)->zero - 0.5), <, 0.05);
    }
}

static void
test_tanh_small_collapses (void)
{
  /* Per-layer gain ≤ 0.01·√500 ≈ 0.22 (tanh only shrinks): the std falls
   * every layer, towards 0. */
  IscConfig config = make_config (ISC_INIT_GAUSSIAN, ISC_ACTIVATION_TANH, 10, 500, 1000, 0.01);
  g_autoptr(IscResult) result = isc_test_run_network (&config, NULL);
  double prev = G_MAXDOUBLE;

  for (guint l = 0; l < 10; l++)
    {
      const IscLayerStats *s = isc_result_get_layer (result, l);

      g_assert_cmpfloat (s->std, <, prev * 0.3);
      g_assert_cmpfloat (s->std, >, 0.0);
      prev = s->std;
    }
  g_assert_cmpfloat (prev, <, 1e-5);
}

static void
test_tanh_large_saturates (void)
{
  /* σ = 1.0 at width 500: pre-activations have sd ≈ √500·E|a| ≫ 1. */
  IscConfig config = make_config (ISC_INIT_GAUSSIAN, ISC_ACTIVATION_TANH, 10, 500, 1000, 1.0);
  g_autoptr(IscResult) result = isc_test_run_network (&config, NULL);

  for (guint l = 1; l < 10; l++)
    g_assert_cmpfloat (isc_result_get_layer (result, l)->saturated, >, 0.9);
}

static void
test_zero_init (void)
{
  IscConfig config = make_config (ISC_INIT_ZERO, ISC_ACTIVATION_RELU, 5, 64, 32, 0);
  g_autoptr(IscResult) result = isc_test_run_network (&config, NULL);

  for (guint l = 0; l < 5; l++)
    {
      const IscLayerStats *s = isc_result_get_layer (result, l);

      g_assert_cmpfloat (s->mean, ==, 0.0);
      g_assert_cmpfloat (s->std, ==, 0.0);
      g_assert_cmpfloat (s->min, ==, 0.0);
      g_assert_cmpfloat (s->max, ==, 0.0);
      g_assert_cmpfloat (s->zero, ==, 1.0);
    }
}

/* ------------------------------------------------------------------------ */
/* The histogram's bin mapping and collapsed layers (issue 8) */

/* Every float a histogram can meet, the nasty ones first. */
static const float nasty_values[] = {
  0.0f, -0.0f, NAN, -NAN, INFINITY, -INFINITY, FLT_TRUE_MIN, -FLT_TRUE_MIN, 1e-40f, -1e-40f,
  FLT_MIN, -FLT_MIN, 1e-38f, 2.4e-35f, 1e-7f, 0.5f, 1.0f, -1.0f, 3e38f, -3e38f, FLT_MAX, -FLT_MAX,
};

/* The bin of @a among @n_bins equal bins of [lo, hi], found without the
 * engine's (a − lo)·scale: the last edge lo + k·(hi − lo)/n_bins at or below
 * a, by bisection (bin 0 below lo, the last bin from hi on). */
static guint
reference_bin (double a,
               double lo,
               double hi,
               guint  n_bins)
{
  double width = (hi - lo) / n_bins;
  guint first = 0, last = n_bins - 1;

  while (first < last)
    {
      guint mid = first + (last - first + 1) / 2;

      if (lo + mid * width <= a)
        first = mid;
      else
        last = mid - 1;
    }
  return first;
}

/* The bin in slot i, after checking that the slot is in value i's copy. */
static guint
slot_bin (const guint32 *slots,
          gsize          i,
          guint          n_bins,
          guint          copies)
{
  g_assert_cmpuint (slots[i] / (n_bins + 1), ==, i % copies);
  return slots[i] % (n_bins + 1);
}

/* Whatever lo and scale, every value gets a bin in [0, n_bins) or, for NaN
 * and ±Inf only, the not-binned slot n_bins; and the degenerate scales do
 * what isc-math.h says. */
static void
test_math_bin_slots_total (void)
{
  const double los[] = { 0.0, -0.0, 1.0, -1.0, 1e-40, FLT_TRUE_MIN, -FLT_MAX, FLT_MAX,
                         NAN, INFINITY, -INFINITY };
  const double scales[] = { 0.0, -0.0, NAN, INFINITY, -INFINITY, DBL_TRUE_MIN, FLT_TRUE_MIN,
                            1e-300, 1.0, -1.0, 8192 / 1e-40, 1e300, DBL_MAX };
  const guint n_bins_list[] = { 1, 2, 50, 8192 };
  const gsize n_nasty = G_N_ELEMENTS (nasty_values);
  float values[G_N_ELEMENTS (nasty_values) + 3];
  guint32 slots[G_N_ELEMENTS (values)];

  memcpy (values, nasty_values, sizeof nasty_values);
  for (gsize l = 0; l < G_N_ELEMENTS (los); l++)
    for (gsize s = 0; s < G_N_ELEMENTS (scales); s++)
      for (gsize b = 0; b < G_N_ELEMENTS (n_bins_list); b++)
        {
          double lo = los[l], scale = scales[s];
          guint n_bins = n_bins_list[b];

          /* lo itself and its neighbours, where 0·∞ hides */
          values[n_nasty] = (float) lo;
          values[n_nasty + 1] = nextafterf ((float) lo, INFINITY);
          values[n_nasty + 2] = nextafterf ((float) lo, -INFINITY);
          /* the copies a histogram of this size uses, and the others */
          guint copies = b % 2 == 0 ? isc_math_bin_copies (n_bins) : 1u << (l % 4);

          isc_math_bin_slots (values, G_N_ELEMENTS (values), lo, scale, n_bins, copies, slots);

          for (gsize i = 0; i < G_N_ELEMENTS (values); i++)
            {
              float a = values[i];
              guint bin = slot_bin (slots, i, n_bins, copies);

              if (!isfinite (a))
                {
                  g_assert_cmpuint (bin, ==, n_bins);
                  continue;
                }
              g_assert_cmpuint (bin, <, n_bins);
              if (isnan (lo) || isnan (scale) || (scale == 0.0 && isfinite (lo)))
                g_assert_cmpuint (bin, ==, 0);
              /* a zero-width range at lo: at or below it bin 0, above it the last */
              if (scale == INFINITY && isfinite (lo))
                g_assert_cmpuint (bin, ==, a > lo ? n_bins - 1 : 0);
            }
        }
}

/* Over ranges down to a few denormals wide and up to the whole float line,
 * every value's bin is the reference's; they may differ by one only for a
 * value within rounding of the edge between, each side being a few double
 * roundings (2^-53 relative) from the exact edge: a denormal just below 0
 * in [-1, 1] is absorbed by −1 − a = −1 and lands on the edge at 0. */
static void
test_math_bin_slots_reference (void)
{
  const float ranges[][2] = {
    { -1.0f, 1.0f }, { 0.0f, 1.0f }, { 0.0f, 1e-40f }, { FLT_TRUE_MIN, 3 * FLT_TRUE_MIN },
    { -1e-38f, 1e-38f }, { 0.0f, 2e-35f }, { 5e-36f, 6e-36f }, { -FLT_MAX, FLT_MAX },
    { 0.0f, FLT_MAX }, { -3e38f, 1.0f }, { 1.0f, 1.00000012f }, { 1e30f, 1.0000001e30f },
  };
  const guint n_bins_list[] = { 1, 2, 50, 8192 };
  const gsize n_nasty = G_N_ELEMENTS (nasty_values);
  const gsize n_spread = 3000;
  gsize n = n_nasty + 6 + n_spread;
  g_autofree float *values = g_new (float, n);
  g_autofree guint32 *slots = g_new (guint32, n);

  memcpy (values, nasty_values, sizeof nasty_values);
  for (gsize r = 0; r < G_N_ELEMENTS (ranges); r++)
    for (gsize b = 0; b < G_N_ELEMENTS (n_bins_list); b++)
      {
        double lo = ranges[r][0], hi = ranges[r][1];
        guint n_bins = n_bins_list[b];
        /* as the engine sets a range up */
        double scale = n_bins / (hi - lo);
        float *v = values + n_nasty;

        g_assert_cmpfloat (lo, <, hi);
        v[0] = lo, v[1] = hi;
        v[2] = nextafterf (lo, -INFINITY), v[3] = nextafterf (lo, INFINITY);
        v[4] = nextafterf (hi, -INFINITY), v[5] = nextafterf (hi, INFINITY);
        /* spread over the range, off the edges (half a step into a bin) */
        for (gsize j = 0; j < n_spread; j++)
          v[6 + j] = (float) (lo + (hi - lo) * ((j + 0.37) / n_spread));
        guint copies = isc_math_bin_copies (n_bins);

        isc_math_bin_slots (values, n, lo, scale, n_bins, copies, slots);

        for (gsize i = 0; i < n; i++)
          {
            double a = values[i];
            guint bin = slot_bin (slots, i, n_bins, copies);
            guint ref;

            if (!isfinite (a))
              {
                g_assert_cmpuint (bin, ==, n_bins);
                continue;
              }
            ref = reference_bin (a, lo, hi, n_bins);
            if (bin != ref)
              {
                double edge = lo + MAX (bin, ref) * ((hi - lo) / n_bins);

                g_assert_cmpuint (MAX (bin, ref) - MIN (bin, ref), ==, 1);
                g_assert_cmpfloat (fabs (a - edge), <=,
                                   16 * DBL_EPSILON * (fabs (a) + fabs (lo) + fabs (hi)));
              }
          }
      }
}

/* Every layer's histogram holds exactly its finite values, in bins that
 * overlap its own [min, max], and its mean from the bin centres is the
 * layer's within half a bin plus the rebinning's error (a value moves to its
 * fine bin's centre, 1/8192 of the layer's range away). A layer whose min
 * and max share a bin has all its mass there, the bin of its mean. Returns
 * how many layers collapsed so. */
static guint
assert_histograms_truthful (const IscResult *result)
{
  guint n_bins = isc_result_get_n_bins (result);
  guint collapsed = 0;
  double lo, hi, w, eps;

  isc_result_get_range (result, &lo, &hi);
  g_assert_true (isfinite (lo) && isfinite (hi));
  g_assert_cmpfloat (lo, <, hi);
  w = (hi - lo) / n_bins;
  eps = 16 * DBL_EPSILON * (fabs (lo) + fabs (hi));
  for (guint l = 0; l < isc_result_get_n_layers (result); l++)
    {
      const IscLayerStats *s = isc_result_get_layer (result, l);
      guint64 finite = s->count - s->nonfinite, sum = 0;
      double moment = 0.0;

      for (guint b = 0; b < n_bins; b++)
        {
          sum += s->bins[b];
          if (s->bins[b] == 0)
            continue;
          g_assert_cmpfloat (lo + b * w, <=, s->max + eps);
          g_assert_cmpfloat (lo + (b + 1) * w, >=, s->min - eps);
          moment += (lo + (b + 0.5) * w) * (double) s->bins[b];
        }
      g_assert_cmpuint (sum, ==, finite);
      if (finite == 0)
        continue;
      g_assert_cmpfloat (s->min, >=, lo);
      g_assert_cmpfloat (s->max, <=, hi);
      g_assert_cmpfloat (fabs (moment / finite - s->mean), <=,
                         w / 2 + (s->max - s->min) / 8192 + eps);
      if (reference_bin (s->min, lo, hi, n_bins) == reference_bin (s->max, lo, hi, n_bins))
        {
          g_assert_cmpuint (s->bins[reference_bin (s->mean, lo, hi, n_bins)], ==, finite);
          collapsed++;
        }
    }
  return collapsed;
}

/* Whether some layer spans more than nothing but less than 8192/FLT_MAX: a
 * float scale for its 8192 fine bins overflows to +∞ (the crash of issue 8). */
static gboolean
has_tiny_span (const IscResult *result)
{
  for (guint l = 0; l < isc_result_get_n_layers (result); l++)
    {
      const IscLayerStats *s = isc_result_get_layer (result, l);

      if (s->max > s->min && s->max - s->min < 8192 / FLT_MAX)
        return TRUE;
    }
  return FALSE;
}

/* The configurations that crashed, through isc_network_run: the first one
 * exactly as reported (the CLI's defaults), the others smaller. */
static void
test_collapse_configs (void)
{
  const struct { IscActivation activation; double scale; guint depth, width, batch; } cases[] = {
    { ISC_ACTIVATION_RELU, 0.01, 45, 500, 1000 },
    { ISC_ACTIVATION_RELU, 0.001, 20, 200, 100 },
    { ISC_ACTIVATION_LINEAR, 0.001, 25, 200, 100 },
    { ISC_ACTIVATION_RELU, 1e-38, 10, 200, 100 },
    { ISC_ACTIVATION_LINEAR, 1e-38, 10, 200, 100 },
    { ISC_ACTIVATION_RELU, 1e-42, 3, 100, 50 },
    { ISC_ACTIVATION_LINEAR, 1e-45, 3, 100, 50 },
  };

  for (gsize c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      IscConfig config;
      g_autoptr(IscResult) result = NULL;

      isc_config_init_default (&config);
      config.activation = cases[c].activation;
      config.scale = cases[c].scale;
      config.depth = cases[c].depth;
      config.width = cases[c].width;
      config.batch = cases[c].batch;
      result = isc_test_run_network (&config, NULL);
      g_assert_true (has_tiny_span (result));
      assert_histograms_truthful (result);
    }

  /* the window's way to the same net: through a cache, and as a preview */
  {
    g_autoptr(IscCache) cache = isc_cache_new (64 << 20);
    g_autoptr(IscResult) full = NULL;
    g_autoptr(IscResult) preview = NULL;
    IscConfig config;

    isc_config_init_default (&config);
    config.activation = ISC_ACTIVATION_RELU;
    config.depth = 45;
    full = isc_test_run_network (&config, cache);
    preview = isc_network_run (&config, cache, 100, 128, NULL, NULL);
    g_assert_nonnull (preview);
    g_assert_true (has_tiny_span (full));
    g_assert_true (has_tiny_span (preview));
    assert_histograms_truthful (full);
    assert_histograms_truthful (preview);
  }
}

/* ReLU with σ = 0.01 at width 200: each layer shrinks the scale tenfold, so
 * the last layers lie within 1e-38 of 0 (and within FLT_MAX⁻¹·8192 of each
 * other) while the shared range is the first layer's. Their whole count is
 * in bin 0, and their statistics are the same whatever the bins. */
static void
test_collapse_truthful (void)
{
  IscConfig config = make_config (ISC_INIT_GAUSSIAN, ISC_ACTIVATION_RELU, 40, 200, 300, 0.01);
  g_autoptr(IscResult) result = NULL;
  g_autoptr(IscResult) other = NULL;
  guint tiny = 0;

  result = isc_test_run_network (&config, NULL);
  config.bins = 7;
  other = isc_test_run_network (&config, NULL);
  assert_layers_equal (result, other, 40, FALSE);
  g_assert_cmpuint (assert_histograms_truthful (result), >, 30);
  g_assert_cmpuint (assert_histograms_truthful (other), >, 30);

  for (guint l = 0; l < 40; l++)
    {
      const IscLayerStats *s = isc_result_get_layer (result, l);

      if (!(s->max > 0 && s->max < 1e-38))
        continue;
      tiny++;
      g_assert_cmpfloat (s->min, ==, 0.0);
      g_assert_cmpfloat (s->mean, >, 0.0);
      g_assert_cmpfloat (s->std, >, 0.0);
      g_assert_cmpuint (s->bins[0], ==, s->count);
      g_assert_cmpuint (isc_result_get_layer (other, l)->bins[0], ==, s->count);
    }
  g_assert_cmpuint (tiny, >, 0);
}

static void
test_histogram_sums (void)
{
  for (guint a = 0; a < ISC_N_ACTIVATIONS; a++)
    {
      IscConfig config = make_config (ISC_INIT_XAVIER, a, 4, 300, 700, 0);
      g_autoptr(IscResult) result = NULL;
      double lo, hi;

      config.bins = 37;
      result = isc_test_run_network (&config, NULL);
      isc_result_get_range (result, &lo, &hi);
      g_assert_cmpfloat (lo, <, hi);
      for (guint l = 0; l < 4; l++)
        {
          const IscLayerStats *s = isc_result_get_layer (result, l);
          guint64 sum = 0;

          for (guint b = 0; b < 37; b++)
            sum += s->bins[b];
          g_assert_cmpuint (sum, ==, 300 * 700);
          g_assert_cmpuint (s->count, ==, 300 * 700);
          g_assert_cmpfloat (s->min, >=, lo);
          g_assert_cmpfloat (s->max, <=, hi);
        }
    }
}

static void
test_determinism (void)
{
  IscConfig config = make_config (ISC_INIT_XAVIER, ISC_ACTIVATION_TANH, 6, 400, 300, 0);
  g_autoptr(IscCache) cache = isc_cache_new (64 << 20);
  g_autoptr(IscResult) one = NULL;
  g_autoptr(IscResult) two = NULL;
  g_autoptr(IscResult) cached = NULL;
  g_autoptr(IscResult) warm = NULL;

  isc_engine_set_n_threads (1);
  one = isc_test_run_network (&config, NULL);
  isc_engine_set_n_threads (2);
  two = isc_test_run_network (&config, NULL);
  isc_engine_set_n_threads (0);
  cached = isc_test_run_network (&config, cache);
  warm = isc_test_run_network (&config, cache);

  assert_layers_equal (one, two, 6, TRUE);
  assert_layers_equal (one, cached, 6, TRUE);
  assert_layers_equal (one, warm, 6, TRUE);
}

static void
test_depth_keeps_layers (void)
{
  IscConfig shallow = make_config (ISC_INIT_KAIMING, ISC_ACTIVATION_RELU, 3, 200, 100, 0);
  IscConfig deep = shallow;
  g_autoptr(IscResult) a = NULL;
  g_autoptr(IscResult) b = NULL;

  deep.depth = 8;
  a = isc_test_run_network (&shallow, NULL);
  b = isc_test_run_network (&deep, NULL);
  /* relu's x range is shared by all layers, so only the statistics compare */
  assert_layers_equal (a, b, 3, FALSE);

  shallow.activation = deep.activation = ISC_ACTIVATION_TANH;
  g_clear_pointer (&a, isc_result_unref);
  g_clear_pointer (&b, isc_result_unref);
  a = isc_test_run_network (&shallow, NULL);
  b = isc_test_run_network (&deep, NULL);
  assert_layers_equal (a, b, 3, TRUE);
}

static void
test_scale_change_uses_cache (void)
{
  IscConfig config = make_config (ISC_INIT_GAUSSIAN, ISC_ACTIVATION_TANH, 5, 256, 64, 0.01);
  g_autoptr(IscCache) cache = isc_cache_new (64 << 20);
  g_autoptr(IscResult) first = NULL;
  g_autoptr(IscResult) warm = NULL;
  g_autoptr(IscResult) fresh = NULL;
  gsize size;

  first = isc_test_run_network (&config, cache);
  size = isc_cache_get_size (cache);
  /* the input batch and five 256×256 matrices */
  g_assert_cmpuint (size, ==, (64 * 256 + 5 * 256 * 256) * sizeof (float));

  config.scale = 0.05;
  warm = isc_test_run_network (&config, cache);
  g_assert_cmpuint (isc_cache_get_size (cache), ==, size);
  fresh = isc_test_run_network (&config, NULL);
  assert_layers_equal (warm, fresh, 5, TRUE);
  g_assert_cmpfloat (isc_result_get_layer (warm, 4)->std, >,
                     isc_result_get_layer (first, 4)->std);
}

/* The tables' rows agree with the lookups callers use, and a fixed range
 * and a saturation band are ranges. */
static void
test_tables (void)
{
  for (guint i = 0; i < ISC_N_INITS; i++)
    {
      const IscInitInfo *info = isc_init_get_info (i);
      IscInit back;

      g_assert_cmpstr (info->name, ==, isc_init_to_string (i));
      g_assert_cmpstr (info->name, ==, isc_init_get_names ()[i]);
      g_assert_true (isc_init_from_string (info->name, &back, NULL) && back == i);
      g_assert_cmpstr (info->formula, ==, isc_init_get_formula (i));
      g_assert_cmpfloat (info->sigma (0.3, 500, 300), ==, isc_init_sigma (i, 0.3, 500, 300));
      /* only the constant init draws nothing */
      g_assert_cmpint (info->base == ISC_BASE_ONES, ==, i == ISC_INIT_CONSTANT);
    }
  g_assert_null (isc_init_get_names ()[ISC_N_INITS]);

  for (guint i = 0; i < ISC_N_ACTIVATIONS; i++)
    {
      const IscActivationInfo *info = isc_activation_get_info (i);
      IscActivation back;

      g_assert_cmpstr (info->name, ==, isc_activation_to_string (i));
      g_assert_cmpstr (info->name, ==, isc_activation_get_names ()[i]);
      g_assert_true (isc_activation_from_string (info->name, &back, NULL) && back == i);
      g_assert_true (!info->fixed_range || info->lo < info->hi);
      g_assert_cmpfloat (info->sat_lo, <, info->sat_hi);
    }
  g_assert_null (isc_activation_get_names ()[ISC_N_ACTIVATIONS]);
}

static void
mark_range (gsize    first,
            gsize    count,
            gpointer user_data)
{
  guint8 *seen = user_data;

  /* a piece starts on a multiple of the chunk and only the last is shorter */
  g_assert_cmpuint (first % 1000, ==, 0);
  g_assert_true (count == 1000 || first + count == 12345);
  for (gsize i = first; i < first + count; i++)
    seen[i]++;
}

/* Every index of the range once, on one thread and on three. */
static void
test_parallel_for_range (void)
{
  g_autofree guint8 *seen = g_new0 (guint8, 12345);

  g_assert_cmpuint (isc_parallel_n_chunks (12345, 1000), ==, 13);
  g_assert_cmpuint (isc_parallel_n_chunks (12000, 1000), ==, 12);
  for (guint threads = 1; threads <= 3; threads += 2)
    {
      isc_engine_set_n_threads (threads);
      memset (seen, 0, 12345);
      isc_parallel_for_range (12345, 1000, mark_range, seen);
      for (gsize i = 0; i < 12345; i++)
        g_assert_cmpuint (seen[i], ==, 1);
    }
  isc_engine_set_n_threads (0);
}

/* Zeroed and writable at every size; from 2 MiB up aligned to 2 MiB (the
 * transparent huge pages' size, which the kernel may then use). */
static void
test_huge_alloc (void)
{
  const gsize huge = ISC_HUGE_PAGE_SIZE;
  const gsize sizes[] = { 0, 1, 4096, huge - 1, huge, 2 * huge + (1 << 20) + 3 };

  for (gsize i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      gsize size = sizes[i];
      guchar *p = isc_huge_alloc (size);

      g_assert_nonnull (p);
      if (size >= huge)
        g_assert_cmpuint ((guintptr) p % huge, ==, 0);
      for (gsize k = 0; k < size; k += 4093)
        g_assert_cmpuint (p[k], ==, 0);
      if (size > 0)
        {
          g_assert_cmpuint (p[size - 1], ==, 0);
          memset (p, 0xa5, size);
          g_assert_cmpuint (p[size - 1], ==, 0xa5);
        }
      isc_huge_free (p, size);
    }
  isc_huge_free (NULL, 1 << 22);
}

/* Many short jobs from two callers at once: their pool tasks mostly start
 * after the caller has taken every chunk and left (and the job may be freed
 * by such a task), yet each chunk runs exactly once and each job's work is
 * all done when isc_parallel_for returns. */
typedef struct
{
  gint counts[7];
} ShortJob;

static void
count_chunk (gsize    chunk,
             gpointer user_data)
{
  ShortJob *job = user_data;

  g_atomic_int_inc (&job->counts[chunk]);
}

static gpointer
short_jobs (gpointer data)
{
  for (guint j = 0; j < 20000; j++)
    {
      ShortJob job = { { 0 } };

      isc_parallel_for (G_N_ELEMENTS (job.counts), count_chunk, &job);
      for (guint c = 0; c < G_N_ELEMENTS (job.counts); c++)
        if (g_atomic_int_get (&job.counts[c]) != 1)
          return GUINT_TO_POINTER (FALSE);
    }
  return GUINT_TO_POINTER (TRUE);
}

static void
test_parallel_short_jobs (void)
{
  GThread *other;

  isc_engine_set_n_threads (3);
  other = g_thread_new ("short-jobs", short_jobs, NULL);
  g_assert_true (GPOINTER_TO_UINT (short_jobs (NULL)));
  g_assert_true (GPOINTER_TO_UINT (g_thread_join (other)));
  isc_engine_set_n_threads (0);
}

/* Binning a chunk: each finite value in the bin its position says, NaN and
 * ±Inf counted apart; merging adds; rebinning moves each bin's count to the
 * bin its centre falls in and keeps every count. */
static void
test_histogram_value (void)
{
  const float values[] = { 0.0f, 0.05f, 0.15f, 0.95f, 0.99f, 1.0f, -3.0f, 7.0f,
                           NAN, INFINITY, -INFINITY };
  g_auto(IscHistogram) a = { 0 };
  g_auto(IscHistogram) b = { 0 };
  g_auto(IscHistogram) fine = { 0 };
  g_auto(IscHistogram) coarse = { 0 };
  g_auto(IscHistogram) point = { 0 };
  guint64 counts[10];
  guint64 not_binned;

  g_assert_true (isc_histogram_init (&a, 0.0, 1.0, 10));
  g_assert_true (isc_histogram_init (&b, 0.0, 1.0, 10));
  not_binned = isc_histogram_bin_chunk (&a, values, G_N_ELEMENTS (values), counts);
  g_assert_cmpuint (not_binned, ==, 3);
  /* 0, 0.05 and the clamped −3 in bin 0; 0.15 in 1; 0.95, 0.99, the clamped
   * 1 and 7 in the last */
  g_assert_cmpuint (counts[0], ==, 3);
  g_assert_cmpuint (counts[1], ==, 1);
  g_assert_cmpuint (counts[9], ==, 4);
  isc_histogram_add (&a, counts, not_binned);
  isc_histogram_add (&b, counts, not_binned);
  isc_histogram_merge (&a, &b);
  g_assert_cmpuint (isc_histogram_total (&a), ==, 2 * G_N_ELEMENTS (values));
  g_assert_cmpuint (a.counts[9], ==, 8);

  /* 100 bins over [0, 1], bin k holding k + 1, into 4 over [0, 2] */
  g_assert_true (isc_histogram_init (&fine, 0.0, 1.0, 100));
  g_assert_true (isc_histogram_init (&coarse, 0.0, 2.0, 4));
  for (guint k = 0; k < 100; k++)
    fine.counts[k] = k + 1;
  isc_histogram_rebin (&fine, &coarse);
  g_assert_cmpuint (coarse.counts[0], ==, 50 * 51 / 2);
  g_assert_cmpuint (coarse.counts[1], ==, 100 * 101 / 2 - 50 * 51 / 2);
  g_assert_cmpuint (coarse.counts[2] + coarse.counts[3], ==, 0);

  /* a layer of one value: its count goes where the value belongs */
  g_assert_true (isc_histogram_init (&point, 0.3, 0.3, 100));
  point.counts[0] = 17;
  isc_histogram_set_range (&coarse, 0.0, 1.0);
  isc_histogram_rebin (&point, &coarse);
  g_assert_cmpuint (coarse.counts[1], ==, 17);
  g_assert_cmpuint (isc_histogram_total (&coarse), ==, 17);
  g_assert_cmpfloat (isc_histogram_get_scale (&point), ==, 0.0);
}

/* A second insert of a key already stored (two runners of one config) hands
 * back the stored bytes and stores nothing; another shape, base or stream is
 * another entry. */
static void
test_cache_insert_dedup (void)
{
  g_autoptr(IscCache) cache = isc_cache_new (1 << 20);
  IscCacheKey key = { ISC_STREAM_WEIGHTS, 3, 42, 16, 32, ISC_BASE_NORMAL };
  IscCacheKey other_shape = { ISC_STREAM_WEIGHTS, 3, 42, 32, 16, ISC_BASE_NORMAL };
  IscCacheKey other_base = { ISC_STREAM_WEIGHTS, 3, 42, 16, 32, ISC_BASE_UNIFORM };
  gsize bytes = 16 * 32 * sizeof (float);
  g_autoptr(GBytes) a = g_bytes_new_take (g_malloc0 (bytes), bytes);
  g_autoptr(GBytes) b = g_bytes_new_take (g_malloc0 (bytes), bytes);
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GBytes) third = NULL;
  g_autoptr(GBytes) fourth = NULL;
  g_autoptr(GBytes) found = NULL;
  guint64 run = isc_cache_begin_run (cache);

  first = isc_cache_insert (cache, &key, a, run);
  g_assert_true (first == a);
  second = isc_cache_insert (cache, &key, b, isc_cache_begin_run (cache));
  g_assert_true (second == a);
  g_assert_cmpuint (isc_cache_get_n_entries (cache), ==, 1);
  g_assert_cmpuint (isc_cache_get_size (cache), ==, bytes);

  third = isc_cache_insert (cache, &other_shape, b, run);
  fourth = isc_cache_insert (cache, &other_base, b, run);
  g_assert_true (third == b && fourth == b);
  g_assert_cmpuint (isc_cache_get_n_entries (cache), ==, 3);
  g_assert_cmpuint (isc_cache_get_size (cache), ==, 3 * bytes);

  found = isc_cache_lookup (cache, &key, run);
  g_assert_true (found == a);
}

/* A buffer given back is the one taken next for that size, and no other;
 * past ISC_CACHE_KEPT_BYTES a buffer is not kept; without a cache, plain
 * allocations. A re-run with gradients through a cache gives the same
 * result as one without. */
static void
test_cache_kept_buffers (void)
{
  g_autoptr(IscCache) cache = isc_cache_new (0);
  gsize big = ISC_CACHE_KEPT_BYTES / sizeof (float) / 2 + 1;
  float *a = isc_cache_take_buffer (cache, 1000);
  float *b = isc_cache_take_buffer (cache, big);
  float *c = isc_cache_take_buffer (cache, big);
  float *d;

  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_nonnull (c);
  a[999] = 1.0f;
  b[big - 1] = 2.0f;
  isc_cache_give_buffer (cache, a, 1000);
  isc_cache_give_buffer (cache, b, big);
  isc_cache_give_buffer (cache, c, big);  /* over the limit: freed */
  d = isc_cache_take_buffer (cache, 2000);
  g_assert_true (d != a);
  g_free (d);
  g_assert_true (isc_cache_take_buffer (cache, big) == b);
  g_assert_true (isc_cache_take_buffer (cache, 1000) == a);
  isc_cache_give_buffer (cache, a, 1000);
  isc_cache_give_buffer (NULL, b, big);
  isc_cache_give_buffer (NULL, NULL, 5);
  g_free (isc_cache_take_buffer (NULL, 10));
}

static void
test_cache_kept_rerun (void)
{
  g_autoptr(IscCache) cache = isc_cache_new (64 << 20);
  IscRunOptions options = { 0, 0, TRUE, 0, NULL, NULL };
  g_autoptr(IscResult) plain = NULL;
  IscConfig config;

  isc_config_init_default (&config);
  config.depth = 4;
  config.width = 200;
  config.batch = 300;
  plain = isc_network_run_with_options (&config, NULL, &options, NULL, NULL);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(IscResult) cached = isc_network_run_with_options (&config, cache, &options,
                                                                   NULL, NULL);

      for (guint v = 0; v < ISC_N_VIEWS; v++)
        for (guint l = 0; l < config.depth; l++)
          {
            const IscLayerStats *p = isc_result_get_view_layer (plain, v, l);
            const IscLayerStats *q = isc_result_get_view_layer (cached, v, l);

            g_assert_cmpfloat (p->mean, ==, q->mean);
            g_assert_cmpfloat (p->std, ==, q->std);
            g_assert_cmpfloat (p->min, ==, q->min);
            g_assert_cmpfloat (p->max, ==, q->max);
          }
    }
}

/* Two runs of one config through one cache store each matrix once. */
static void
test_cache_no_duplicates (void)
{
  IscConfig config = make_config (ISC_INIT_XAVIER, ISC_ACTIVATION_TANH, 4, 64, 16, 5);
  g_autoptr(IscCache) cache = isc_cache_new (64 << 20);
  g_autoptr(IscResult) a = isc_test_run_network (&config, cache);
  guint n = isc_cache_get_n_entries (cache);
  gsize size = isc_cache_get_size (cache);
  g_autoptr(IscResult) b = isc_test_run_network (&config, cache);

  g_assert_cmpuint (n, ==, 1 + 4);  /* the input and every layer's weights */
  g_assert_cmpuint (isc_cache_get_n_entries (cache), ==, n);
  g_assert_cmpuint (isc_cache_get_size (cache), ==, size);
  assert_layers_equal (a, b, 4, TRUE);
}

static void
test_cache_budget (void)
{
  IscConfig config = make_config (ISC_INIT_XAVIER, ISC_ACTIVATION_TANH, 10, 256, 16, 0);
  gsize matrix = 256 * 256 * sizeof (float);
  g_autoptr(IscCache) tiny = isc_cache_new (matrix / 2);
  g_autoptr(IscCache) some = isc_cache_new (3 * matrix + 16 * 256 * sizeof (float));
  g_autoptr(IscResult) reference = isc_test_run_network (&config, NULL);
  g_autoptr(IscResult) a = isc_test_run_network (&config, tiny);
  g_autoptr(IscResult) b = isc_test_run_network (&config, some);
  g_autoptr(IscResult) c = NULL;

  g_assert_cmpuint (isc_cache_get_size (tiny), <=, matrix / 2);
  g_assert_cmpuint (isc_cache_get_size (some), ==, isc_cache_get_budget (some));
  assert_layers_equal (reference, a, 10, TRUE);
  assert_layers_equal (reference, b, 10, TRUE);

  /* another seed evicts the old matrices instead of overflowing the budget */
  config.seed++;
  c = isc_test_run_network (&config, some);
  g_assert_cmpuint (isc_cache_get_size (some), <=, isc_cache_get_budget (some));
}

static void
test_preview (void)
{
  IscConfig config = make_config (ISC_INIT_XAVIER, ISC_ACTIVATION_TANH, 3, 100, 1000, 0);
  g_autoptr(IscResult) result = isc_network_run (&config, NULL, 64, 0, NULL, NULL);

  g_assert_nonnull (result);
  g_assert_true (isc_result_is_preview (result));
  g_assert_cmpuint (isc_result_get_batch (result), ==, 64);
  g_assert_cmpuint (isc_result_get_layer (result, 0)->count, ==, 64 * 100);
  g_assert_true (isc_config_equal (isc_result_get_config (result), &config));
}

static void
test_preview_narrow (void)
{
  /* A 1024-unit preview of the 2019 set-up (4096 × 16) keeps σ²·fan_in, so
   * its per-layer std estimates the same value as the full net's. Both are
   * noisy: the gain of a layer has relative sd √(2κ)/n with κ ≈ n/B once the
   * batch (B = 16) is the rank, so 1.1 % a layer at n = 1024, ~2.7 % over six
   * layers, half that on the std; 10 % is over 5 sd. */
  IscConfig config = make_config (ISC_INIT_XAVIER, ISC_ACTIVATION_TANH, 6, 4096, 16, 0);
  g_autoptr(IscCache) cache = isc_cache_new (512 << 20);
  g_autoptr(IscResult) full = isc_test_run_network (&config, cache);
  g_autoptr(IscResult) preview = isc_network_run (&config, cache, 64, 1024, NULL, NULL);

  g_assert_nonnull (preview);
  g_assert_true (isc_result_is_preview (preview));
  g_assert_false (isc_result_is_preview (full));
  g_assert_cmpuint (isc_result_get_units (preview), ==, 1024);
  g_assert_cmpuint (isc_result_get_batch (preview), ==, 16);
  for (guint l = 0; l < 6; l++)
    {
      const IscLayerStats *p = isc_result_get_layer (preview, l);
      const IscLayerStats *f = isc_result_get_layer (full, l);

      g_assert_cmpuint (p->count, ==, 16 * 1024);
      g_assert_cmpfloat (fabs (p->std / f->std - 1.0), <, 0.1);
    }
}

static void
test_exploding_linear (void)
{
  /* σ = 100 at width 512: each layer multiplies the scale by ~2000, so float
   * overflows after ~12 layers. Counted, not fatal. */
  IscConfig config = make_config (ISC_INIT_GAUSSIAN, ISC_ACTIVATION_LINEAR, 20, 512, 8, 100);
  g_autoptr(IscResult) result = isc_test_run_network (&config, NULL);
  const IscLayerStats *last = isc_result_get_layer (result, 19);
  guint64 sum = 0;

  g_assert_cmpuint (isc_result_get_layer (result, 0)->nonfinite, ==, 0);
  g_assert_cmpuint (last->nonfinite, >, 0);
  for (guint b = 0; b < isc_result_get_n_bins (result); b++)
    sum += last->bins[b];
  g_assert_cmpuint (sum + last->nonfinite, ==, last->count);
  /* a shared range across ±3e38: no value overflows into the last bin */
  assert_histograms_truthful (result);
  /* linear never saturates: ±Inf is non-finite, not saturated */
  for (guint l = 0; l < 20; l++)
    g_assert_cmpfloat (isc_result_get_layer (result, l)->saturated, ==, 0.0);
}

static void
test_cancel (void)
{
  IscConfig config = make_config (ISC_INIT_XAVIER, ISC_ACTIVATION_TANH, 3, 100, 100, 0);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  IscResult *result;

  g_cancellable_cancel (cancellable);
  result = isc_network_run (&config, NULL, 0, 0, cancellable, &error);
  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_invalid_config (void)
{
  IscConfig config = make_config (ISC_INIT_XAVIER, ISC_ACTIVATION_TANH, 0, 100, 100, 0);
  g_autoptr(GError) error = NULL;

  g_assert_null (isc_network_run (&config, NULL, 0, 0, NULL, &error));
  g_assert_error (error, ISC_CONFIG_ERROR, ISC_CONFIG_ERROR_OUT_OF_RANGE);
}

static void
test_lecture_2019 (void)
{
  /* The 2019 lecture's set-up: depth 6, width 4096, batch 16. */
  IscConfig small = make_config (ISC_INIT_GAUSSIAN, ISC_ACTIVATION_TANH, 6, 4096, 16, 0.01);
  IscConfig large = small;
  IscConfig xavier = small;
  g_autoptr(IscCache) cache = isc_cache_new (512 << 20);
  g_autoptr(IscResult) s = NULL;
  g_autoptr(IscResult) l = NULL;
  g_autoptr(IscResult) x = NULL;

  large.scale = 0.05;
  xavier.init = ISC_INIT_XAVIER;
  s = isc_test_run_network (&small, cache);
  l = isc_test_run_network (&large, cache);
  x = isc_test_run_network (&xavier, cache);

  /* σ = 0.01: gain 0.01·√4096 = 0.64 a layer, so the std shrinks */
  g_assert_cmpfloat (isc_result_get_layer (s, 5)->std, <, 0.5 * isc_result_get_layer (s, 0)->std);
  /* σ = 0.05: z has sd ≈ 0.05·√4096·rms(a) ≈ 2.6 once rms(a) ≈ 0.8, so
   * P(|z| > atanh 0.99 = 2.65) ≈ 0.3 and the mass piles up near ±1 */
  g_assert_cmpfloat (isc_result_get_layer (l, 5)->saturated, >, 0.2);
  g_assert_cmpfloat (isc_result_get_layer (l, 5)->std, >, 0.75);
  /* Xavier: well scaled, neither collapsed nor saturated */
  g_assert_cmpfloat (isc_result_get_layer (x, 5)->std, >, 0.2);
  g_assert_cmpfloat (isc_result_get_layer (x, 5)->saturated, <, 0.2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/config/names", test_config_names);
  g_test_add_func ("/engine/config/errors", test_config_errors);
  g_test_add_func ("/engine/config/sigma", test_sigma_formulas);
  g_test_add_func ("/engine/math/kernels", test_math_kernels);
  g_test_add_func ("/engine/math/tanh-sweep", test_math_tanh_sweep);
  g_test_add_func ("/engine/math/bin-slots-total", test_math_bin_slots_total);
  g_test_add_func ("/engine/math/bin-slots-reference", test_math_bin_slots_reference);
  g_test_add_func ("/engine/rng/philox", test_rng_philox);
  g_test_add_func ("/engine/rng/distribution", test_rng_distribution);
  g_test_add_func ("/engine/rng/independence", test_rng_independence);
  g_test_add_func ("/engine/rng/determinism", test_rng_determinism);
  g_test_add_func ("/engine/run/linear-xavier", test_linear_xavier);
  g_test_add_func ("/engine/run/relu-kaiming-xavier", test_relu_kaiming_and_xavier);
  g_test_add_func ("/engine/run/tanh-small", test_tanh_small_collapses);
  g_test_add_func ("/engine/run/tanh-large", test_tanh_large_saturates);
  g_test_add_func ("/engine/run/zero", test_zero_init);
  g_test_add_func ("/engine/run/histogram-sums", test_histogram_sums);
  g_test_add_func ("/engine/run/determinism", test_determinism);
  g_test_add_func ("/engine/run/depth-keeps-layers", test_depth_keeps_layers);
  g_test_add_func ("/engine/run/scale-change-cache", test_scale_change_uses_cache);
  g_test_add_func ("/engine/run/cache-budget", test_cache_budget);
  g_test_add_func ("/engine/cache/insert-dedup", test_cache_insert_dedup);
  g_test_add_func ("/engine/histogram/value", test_histogram_value);
  g_test_add_func ("/engine/parallel/for-range", test_parallel_for_range);
  g_test_add_func ("/engine/parallel/short-jobs", test_parallel_short_jobs);
  g_test_add_func ("/engine/memory/huge-alloc", test_huge_alloc);
  g_test_add_func ("/engine/tables", test_tables);
  g_test_add_func ("/engine/cache/no-duplicates", test_cache_no_duplicates);
  g_test_add_func ("/engine/cache/kept-buffers", test_cache_kept_buffers);
  g_test_add_func ("/engine/cache/kept-rerun", test_cache_kept_rerun);
  g_test_add_func ("/engine/run/preview", test_preview);
  g_test_add_func ("/engine/run/preview-narrow", test_preview_narrow);
  g_test_add_func ("/engine/run/exploding-linear", test_exploding_linear);
  g_test_add_func ("/engine/run/cancel", test_cancel);
  g_test_add_func ("/engine/run/invalid", test_invalid_config);
  g_test_add_func ("/engine/run/lecture-2019", test_lecture_2019);
  g_test_add_func ("/engine/run/collapse-configs", test_collapse_configs);
  g_test_add_func ("/engine/run/collapse-truthful", test_collapse_truthful);

  return g_test_run ();
}
