/* test-schemes.c — the init schemes past the lecture's, gain, biases and the new activations
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tolerances come from the maths: float rounding (u = 2^-24) where a value is
 * computed, and five standard deviations of the estimate where a statistic of
 * random numbers is compared with its expectation.
 */

#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include <cblas.h>

#include "isc-activation.h"
#include "isc-init.h"
#include "isc-math.h"
#include "isc-network.h"
#include "isc-orthogonal.h"
#include "isc-rng.h"
#include "isc-run.h"
#include "isc-test-util.h"

#define U_FLOAT (1.0 / 16777216.0)  /* 2^-24, float's unit roundoff */

static IscConfig
make_config (IscInit       init,
             IscActivation activation,
             guint         depth,
             guint         width,
             guint         batch)
{
  IscConfig defaults;

  isc_config_init_default (&defaults);
  return isc_test_config (init, activation, depth, width, batch, defaults.scale, 7);
}

/* ------------------------------------------------------------------------ */
/* σ formulas, gain, coincidences */

static void
test_sigma_formulas (void)
{
  static const guint fans[][2] = { { 1, 1 }, { 500, 300 }, { 7, 13 }, { 4096, 4096 } };

  for (guint f = 0; f < G_N_ELEMENTS (fans); f++)
    {
      double in = fans[f][0], out = fans[f][1];
      double expected[ISC_N_INITS] = {
        [ISC_INIT_ZERO] = 0.0,
        [ISC_INIT_GAUSSIAN] = 0.3,
        [ISC_INIT_XAVIER] = 1.0 / sqrt (in),
        [ISC_INIT_GLOROT] = sqrt (2.0 / (in + out)),
        [ISC_INIT_KAIMING] = sqrt (2.0 / in),
        [ISC_INIT_GLOROT_UNIFORM] = sqrt (6.0 / (in + out)),
        [ISC_INIT_KAIMING_UNIFORM] = sqrt (6.0 / in),
        [ISC_INIT_ORTHOGONAL] = 1.0,
        [ISC_INIT_TORCH_DEFAULT] = 1.0 / sqrt (in),
        [ISC_INIT_LSUV] = 1.0,
        [ISC_INIT_CONSTANT] = 0.3,
      };

      for (guint i = 0; i < ISC_N_INITS; i++)
        {
          IscConfig config = make_config (i, ISC_ACTIVATION_TANH, 1, 1, 1);
          double sigma = isc_init_sigma (i, 0.3, fans[f][0], fans[f][1]);
          double std_factor;

          g_assert_cmpfloat_with_epsilon (sigma, expected[i],
                                          4 * DBL_EPSILON * expected[i] + DBL_MIN);
          config.scale = 0.3;
          config.gain = 2.5;
          g_assert_cmpfloat_with_epsilon (isc_config_sigma (&config, fans[f][0], fans[f][1]),
                                          isc_init_uses_gain (i) ? 2.5 * sigma : sigma,
                                          8 * DBL_EPSILON * expected[i] + DBL_MIN);

          /* the std of a weight: σ, σ/√3 for U(−σ, σ), σ/√max(fans) for Q */
          switch (isc_init_get_info (i)->base)
            {
            case ISC_BASE_UNIFORM:    std_factor = 1.0 / sqrt (3.0); break;
            case ISC_BASE_ORTHOGONAL: std_factor = 1.0 / sqrt (MAX (in, out)); break;
            default:                  std_factor = 1.0; break;
            }
          g_assert_cmpfloat_with_epsilon (isc_config_weight_std (&config, fans[f][0], fans[f][1]),
                                          isc_config_sigma (&config, fans[f][0], fans[f][1]) *
                                          std_factor, 8 * DBL_EPSILON * expected[i] + DBL_MIN);
        }
    }

  /* the gain is for the scale-free schemes only */
  g_assert_false (isc_init_uses_gain (ISC_INIT_ZERO));
  g_assert_false (isc_init_uses_gain (ISC_INIT_GAUSSIAN));
  g_assert_false (isc_init_uses_gain (ISC_INIT_LSUV));
  g_assert_false (isc_init_uses_gain (ISC_INIT_CONSTANT));
  for (IscInit i = ISC_INIT_XAVIER; i <= ISC_INIT_TORCH_DEFAULT; i++)
    g_assert_true (isc_init_uses_gain (i) == (i != ISC_INIT_CONSTANT));

  /* torch-default and the uniform schemes give a weight variance of bound²/3 */
  g_assert_cmpfloat_with_epsilon (pow (isc_init_sigma (ISC_INIT_TORCH_DEFAULT, 0, 500, 500), 2)
                                  / 3, 1.0 / 1500.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (pow (isc_init_sigma (ISC_INIT_GLOROT_UNIFORM, 0, 500, 300), 2)
                                  / 3, 2.0 / 800.0, 1e-15);
}

static void
test_coincidences (void)
{
  g_assert_cmpint (isc_init_coincides_with (ISC_INIT_XAVIER), ==, ISC_INIT_GLOROT);
  g_assert_cmpint (isc_init_coincides_with (ISC_INIT_GLOROT), ==, ISC_INIT_XAVIER);
  for (guint i = 0; i < ISC_N_INITS; i++)
    {
      IscInit other = isc_init_coincides_with (i);

      if (other == ISC_N_INITS)
        continue;
      /* the same σ at equal fans, and the same base */
      g_assert_cmpint (isc_init_coincides_with (other), ==, i);
      g_assert_cmpint (isc_init_get_info (i)->base, ==, isc_init_get_info (other)->base);
      for (guint n = 1; n <= 8192; n *= 3)
        g_assert_cmpfloat_with_epsilon (isc_init_sigma (i, 0, n, n),
                                        isc_init_sigma (other, 0, n, n),
                                        2 * DBL_EPSILON / sqrt (n));
    }
  g_assert_cmpint (isc_init_coincides_with (ISC_INIT_KAIMING), ==, ISC_N_INITS);
  g_assert_cmpint (isc_init_coincides_with (ISC_INIT_GLOROT_UNIFORM), ==, ISC_N_INITS);
  g_assert_nonnull (strstr (isc_init_get_formula (ISC_INIT_XAVIER), "LeCun normal"));
}

static void
test_recommended_gain (void)
{
  g_assert_cmpfloat (isc_activation_recommended_gain (ISC_ACTIVATION_TANH), ==, 5.0 / 3.0);
  g_assert_cmpfloat (isc_activation_recommended_gain (ISC_ACTIVATION_RELU), ==, sqrt (2.0));
  g_assert_cmpfloat_with_epsilon (isc_activation_recommended_gain (ISC_ACTIVATION_LEAKY_RELU),
                                  sqrt (2.0 / (1.0 + 0.01 * 0.01)), 1e-15);
  g_assert_cmpfloat (isc_activation_recommended_gain (ISC_ACTIVATION_SELU), ==, 0.75);
  g_assert_cmpfloat (isc_activation_recommended_gain (ISC_ACTIVATION_SIGMOID), ==, 1.0);
  g_assert_cmpfloat (isc_activation_recommended_gain (ISC_ACTIVATION_LINEAR), ==, 1.0);
  g_assert_cmpfloat (isc_activation_recommended_gain (ISC_ACTIVATION_GELU), ==, 1.0);
}

/* A run's pre-activations scale with the gain: layer 1 of a linear net is σ·x·W. */
static void
test_gain_in_run (void)
{
  IscConfig config = make_config (ISC_INIT_KAIMING_UNIFORM, ISC_ACTIVATION_LINEAR, 3, 200, 100);
  g_autoptr(IscResult) one = isc_test_run_network (&config, NULL);
  g_autoptr(IscResult) two = NULL;
  g_autoptr(IscResult) gaussian = NULL;

  config.gain = 2.0;
  two = isc_test_run_network (&config, NULL);
  /* ×2 is exact in float: the product's alpha doubles, nothing else changes */
  for (guint l = 0; l < 3; l++)
    g_assert_cmpfloat_with_epsilon (isc_result_get_layer (two, l)->std,
                                    pow (2.0, l + 1) * isc_result_get_layer (one, l)->std,
                                    1e-12 * isc_result_get_layer (two, l)->std);

  /* the gaussian scheme ignores it */
  config.init = ISC_INIT_GAUSSIAN;
  config.scale = 0.05;
  gaussian = isc_test_run_network (&config, NULL);
  config.gain = 1.0;
  g_clear_pointer (&one, isc_result_unref);
  one = isc_test_run_network (&config, NULL);
  g_assert_cmpfloat (isc_result_get_layer (gaussian, 2)->std, ==,
                     isc_result_get_layer (one, 2)->std);
}

/* ------------------------------------------------------------------------ */
/* The uniform base */

static void
test_uniform_base (void)
{
  const guint rows = 1000, cols = 1000;
  gsize n = (gsize) rows * cols;
  g_autofree float *a = g_new (float, n);
  g_autofree float *b = g_new (float, n);
  double sum = 0, sumsq = 0, lo = 1, hi = -1;

  isc_engine_set_n_threads (1);
  isc_rng_fill_uniform_matrix (3, ISC_STREAM_WEIGHTS, 2, rows, cols, a);
  for (gsize i = 0; i < n; i++)
    {
      /* the lattice (k + ½)/2^23: strictly inside (−1, 1) */
      g_assert_cmpfloat (fabsf (a[i]), <=, 1.0 - 0.5 / 8388608.0);
      sum += a[i];
      sumsq += (double) a[i] * a[i];
      lo = MIN (lo, a[i]);
      hi = MAX (hi, a[i]);
    }
  /* mean 0 (sd 1/√(3n)), E[x²] = 1/3 (sd √(4/45)/√n): five sds */
  g_assert_cmpfloat (fabs (sum / n), <, 5 / sqrt (3.0 * n));
  g_assert_cmpfloat (fabs (sumsq / n - 1.0 / 3.0), <, 5 * sqrt (4.0 / 45.0 / n));
  /* P(max < 1 − 1e-4) = (1 − 5e-5)^n ≈ e^−50 */
  g_assert_cmpfloat (hi, >, 1 - 1e-4);
  g_assert_cmpfloat (lo, <, -1 + 1e-4);

  /* any split and any thread count: the same samples */
  for (guint threads = 2; threads <= 3; threads++)
    {
      isc_engine_set_n_threads (threads);
      isc_rng_fill_uniform_matrix (3, ISC_STREAM_WEIGHTS, 2, rows, cols, b);
      g_assert_cmpmem (a, n * sizeof (float), b, n * sizeof (float));
    }
  isc_engine_set_n_threads (0);
  memset (b, 0, n * sizeof (float));
  isc_rng_fill_uniform (3, ISC_STREAM_WEIGHTS, 2, 0, 4 * 77 + 3, b);
  isc_rng_fill_uniform (3, ISC_STREAM_WEIGHTS, 2, 4 * 77 + 4, n - (4 * 77 + 4), b + 4 * 77 + 4);
  b[4 * 77 + 3] = a[4 * 77 + 3];
  g_assert_cmpmem (a, n * sizeof (float), b, n * sizeof (float));

  /* not the normal stream, and another layer is another matrix */
  isc_rng_fill_uniform (3, ISC_STREAM_WEIGHTS, 3, 0, 1000, b);
  g_assert_true (memcmp (a, b, 1000 * sizeof (float)) != 0);
}

/* ------------------------------------------------------------------------ */
/* The orthogonal base */

/* max |W Wᵀ − I| and max |Wᵀ W − I| in double */
static double
orthogonality_error (const float *w,
                     guint        n)
{
  double worst = 0.0;

  for (guint i = 0; i < n; i++)
    for (guint j = i; j < n; j++)
      {
        double rows = 0.0, cols = 0.0;

        for (guint k = 0; k < n; k++)
          {
            rows += (double) w[(gsize) i * n + k] * w[(gsize) j * n + k];
            cols += (double) w[(gsize) k * n + i] * w[(gsize) k * n + j];
          }
        worst = MAX (worst, fabs (rows - (i == j)));
        worst = MAX (worst, fabs (cols - (i == j)));
      }
  return worst;
}

static void
test_orthogonal_base (void)
{
  const guint n = 300;
  g_autofree float *q = g_new (float, (gsize) n * n);
  g_autofree float *g = g_new (float, (gsize) n * n);
  g_autofree float *again = g_new (float, (gsize) n * n);
  double err;

  g_assert_true (isc_orthogonal_fill (5, ISC_STREAM_WEIGHTS, 1, n, n, q));
  /* Householder QR: ‖QᵀQ − I‖ ≤ γ_cn, a small multiple of n·u (Higham, Thm 19.4) */
  err = orthogonality_error (q, n);
  g_test_message ("max |QQᵀ − I| = %.3g (n·u = %.3g)", err, n * U_FLOAT);
  g_assert_cmpfloat (err, <, 2 * n * U_FLOAT);

  /* the signs: Q is the Q of R with a positive diagonal, R_jj = ⟨q_j, g_j⟩ > 0
   * (column j of the column-major Gᵀ is row j of the stream's matrix) */
  isc_rng_fill_matrix (5, ISC_STREAM_WEIGHTS, 1, n, n, g);
  for (guint j = 0; j < n; j++)
    {
      double r = 0.0;

      for (guint i = 0; i < n; i++)
        r += (double) q[(gsize) j * n + i] * g[(gsize) j * n + i];
      g_assert_cmpfloat (r, >, 0.0);
    }

  /* the same bits on any thread count, whatever OpenBLAS was asked for */
  for (guint threads = 1; threads <= 3; threads++)
    {
      isc_engine_set_n_threads (threads);
      openblas_set_num_threads (threads);
      g_assert_true (isc_orthogonal_fill (5, ISC_STREAM_WEIGHTS, 1, n, n, again));
      g_assert_cmpmem (q, (gsize) n * n * sizeof (float), again, (gsize) n * n * sizeof (float));
    }
  isc_engine_set_n_threads (0);

  /* two layers at once, one a thread: the same bits as one at a time */
  {
    g_autofree float *next = g_new (float, (gsize) n * n);
    g_autofree float *one = g_new (float, (gsize) n * n);

    for (guint threads = 1; threads <= 2; threads++)
      {
        isc_engine_set_n_threads (threads);
        g_assert_true (isc_orthogonal_fill_pair (5, ISC_STREAM_WEIGHTS, 1, n, n, again, next));
        g_assert_cmpmem (q, (gsize) n * n * sizeof (float), again,
                         (gsize) n * n * sizeof (float));
        g_assert_true (isc_orthogonal_fill (5, ISC_STREAM_WEIGHTS, 2, n, n, one));
        g_assert_cmpmem (one, (gsize) n * n * sizeof (float), next,
                         (gsize) n * n * sizeof (float));
      }
    isc_engine_set_n_threads (0);
  }
}

/* A linear net of orthogonal layers keeps every sample's norm. */
static double
row_norm (const float *x,
          guint        r,
          guint        width)
{
  double s = 0.0;

  for (guint u = 0; u < width; u++)
    s += (double) x[(gsize) r * width + u] * x[(gsize) r * width + u];
  return sqrt (s);
}

static void
test_orthogonal_norms (void)
{
  IscConfig config = make_config (ISC_INIT_ORTHOGONAL, ISC_ACTIVATION_LINEAR, 20, 256, 64);
  g_auto(IscRun) run = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree double *norms = g_new0 (double, config.batch);
  double worst = 0.0;

  g_assert_true (isc_run_init (&run, &config, NULL, 0, 0, NULL, &error));
  g_assert_true (isc_run_input (&run, &error));
  for (guint r = 0; r < config.batch; r++)
    norms[r] = row_norm (run.fwd.x, r, config.width);
  for (guint l = 0; l < config.depth; l++)
    {
      g_assert_true (isc_run_forward (&run, l, &error));
      g_assert_no_error (error);
      isc_run_next_layer (&run);
    }
  for (guint r = 0; r < config.batch; r++)
    worst = MAX (worst, fabs (row_norm (run.fwd.x, r, config.width) / norms[r] - 1.0));
  g_test_message ("worst relative norm change over 20 layers: %.3g", worst);
  g_assert_cmpfloat (worst, <, 1e-5);
}

/* ------------------------------------------------------------------------ */
/* LSUV */

/* Each layer's pre-activation, recomputed in double from the input the layer
 * saw, its σ after the rescaling, its Q and its biases: variance within 0.05
 * of 1. */
static void
check_lsuv (IscActivation activation,
            double        bias_scale)
{
  IscConfig config = make_config (ISC_INIT_LSUV, activation, 8, 128, 200);
  guint w = config.width;
  g_auto(IscRun) run = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree float *x = g_new (float, (gsize) config.batch * w);
  g_autofree float *q = g_new (float, (gsize) w * w);
  g_autofree float *b = g_new0 (float, w);

  config.bias_scale = bias_scale;
  g_assert_true (isc_run_init (&run, &config, NULL, 0, 0, NULL, &error));
  g_assert_true (isc_run_input (&run, &error));
  for (guint l = 0; l < config.depth; l++)
    {
      double sum = 0.0, sumsq = 0.0, var, n = (double) config.batch * w;

      memcpy (x, run.fwd.x, (gsize) config.batch * w * sizeof (float));
      g_assert_true (isc_run_forward (&run, l, &error));
      g_assert_true (isc_orthogonal_fill (config.seed, ISC_STREAM_WEIGHTS, l + 1, w, w, q));
      isc_rng_fill_normal (config.seed, ISC_STREAM_BIAS, l + 1, 0, w, b);
      for (guint r = 0; r < config.batch; r++)
        for (guint j = 0; j < w; j++)
          {
            double z = 0.0;

            for (guint k = 0; k < w; k++)
              z += (double) x[(gsize) r * w + k] * q[(gsize) k * w + j];
            z = run.lsuv_sigma[l] * z + bias_scale * b[j];
            sum += z;
            sumsq += z * z;
          }
      var = sumsq / n - (sum / n) * (sum / n);
      g_test_message ("layer %u: σ %.4f, Var z %.6f", l + 1, run.lsuv_sigma[l], var);
      g_assert_cmpfloat (fabs (var - 1.0), <=, ISC_LSUV_TOLERANCE);
      isc_run_next_layer (&run);
    }
}

static void
test_lsuv (void)
{
  check_lsuv (ISC_ACTIVATION_TANH, 0.0);
  check_lsuv (ISC_ACTIVATION_RELU, 0.0);
  check_lsuv (ISC_ACTIVATION_SELU, 0.5);
}

/* ------------------------------------------------------------------------ */
/* What the schemes do to a deep net */

/* At the fixed point q* = 1 of SELU (N σ² = 1), every layer has mean 0 and
 * std 1. A layer's std estimated from B samples of N units varies by about
 * √(Var x²)/(2√M) with M = min(B, N) effectively independent values
 * (Var x² ≈ 2); the fixed point attracts, so the error does not build up:
 * five of those. Tanh at the same σ shrinks towards 0, out of the band. */
static void
test_selu_self_normalizes (void)
{
  IscConfig config = make_config (ISC_INIT_XAVIER, ISC_ACTIVATION_SELU, 12, 500, 1000);
  g_autoptr(IscResult) selu = isc_test_run_network (&config, NULL);
  g_autoptr(IscResult) tanh_net = NULL;
  double band = 5 * sqrt (2.0) / (2 * sqrt (MIN (config.batch, config.width)));

  for (guint l = 0; l < config.depth; l++)
    {
      const IscLayerStats *s = isc_result_get_layer (selu, l);

      g_test_message ("selu layer %u: mean %.4f std %.4f (band ±%.3f)", l + 1, s->mean, s->std,
                      band);
      g_assert_cmpfloat (fabs (s->std - 1.0), <, band);
      g_assert_cmpfloat (fabs (s->mean), <, band);
    }
  config.activation = ISC_ACTIVATION_TANH;
  tanh_net = isc_test_run_network (&config, NULL);
  g_assert_cmpfloat (fabs (isc_result_get_layer (tanh_net, 11)->std - 1.0), >, band);
}

/* torch-default's Var w = 1/(3N): at small q, tanh(x) ≈ x, so
 * q_{l+1} = q_l/3·(1 − 2q_l + …) and the std shrinks by (1 − q_l)/√3 a layer.
 * The estimate of a ratio of stds varies by the band above. */
static void
test_torch_default_tanh (void)
{
  IscConfig config = make_config (ISC_INIT_TORCH_DEFAULT, ISC_ACTIVATION_TANH, 10, 500, 1000);
  g_autoptr(IscResult) result = isc_test_run_network (&config, NULL);
  double band = 5 * sqrt (2.0) / (2 * sqrt (MIN (config.batch, config.width)));

  for (guint l = 3; l + 1 < config.depth; l++)
    {
      double s0 = isc_result_get_layer (result, l)->std;
      double s1 = isc_result_get_layer (result, l + 1)->std;
      double expected = (1.0 - s0 * s0) / sqrt (3.0);

      g_test_message ("layer %u → %u: ×%.4f (expected %.4f)", l + 1, l + 2, s1 / s0, expected);
      g_assert_cmpfloat (fabs (s1 / s0 - expected), <, band * expected);
    }
}

/* ------------------------------------------------------------------------ */
/* Biases */

static void
test_bias (void)
{
  IscConfig config = make_config (ISC_INIT_ZERO, ISC_ACTIVATION_LINEAR, 3, 4096, 8);
  g_autoptr(IscResult) result = NULL;
  g_autoptr(IscResult) again = NULL;
  g_autoptr(IscResult) plain = NULL;
  g_autofree float *b = g_new (float, config.width);
  g_autofree float *other = g_new (float, config.width);

  /* the stream: a function of (seed, layer) alone, not the weights' */
  isc_rng_fill_normal (config.seed, ISC_STREAM_BIAS, 2, 0, config.width, b);
  isc_rng_fill_normal (config.seed, ISC_STREAM_BIAS, 2, 0, config.width, other);
  g_assert_cmpmem (b, config.width * sizeof (float), other, config.width * sizeof (float));
  isc_rng_fill_normal (config.seed, ISC_STREAM_WEIGHTS, 2, 0, config.width, other);
  g_assert_true (memcmp (b, other, config.width * sizeof (float)) != 0);

  /* W = 0: layer l is b_l in every row; its statistics are those of S·b_l */
  config.bias_scale = 0.7;
  result = isc_test_run_network (&config, NULL);
  for (guint l = 0; l < config.depth; l++)
    {
      const IscLayerStats *s = isc_result_get_layer (result, l);
      double sum = 0.0, sumsq = 0.0, mean, std;

      isc_rng_fill_normal (config.seed, ISC_STREAM_BIAS, l + 1, 0, config.width, b);
      for (guint u = 0; u < config.width; u++)
        {
          float v = (float) (0.7 * b[u]);

          sum += v;
          sumsq += (double) v * v;
        }
      mean = sum / config.width;
      std = sqrt (sumsq / config.width - mean * mean);
      g_assert_cmpfloat_with_epsilon (s->std, std, 1e-9 * std);
      g_assert_cmpfloat_with_epsilon (s->mean, mean, 1e-9);
      /* σ_b: the sample std of N normals has relative sd 1/√(2N) */
      g_assert_cmpfloat (fabs (s->std / 0.7 - 1.0), <, 5 / sqrt (2.0 * config.width));
    }

  /* deterministic, and on any thread count */
  isc_engine_set_n_threads (3);
  again = isc_test_run_network (&config, NULL);
  isc_engine_set_n_threads (0);
  for (guint l = 0; l < config.depth; l++)
    g_assert_cmpmem (&isc_result_get_layer (result, l)->std, sizeof (double),
                     &isc_result_get_layer (again, l)->std, sizeof (double));

  /* S = 0 is no bias at all: the lecture's numbers */
  config.init = ISC_INIT_XAVIER;
  config.bias_scale = 0.0;
  plain = isc_test_run_network (&config, NULL);
  g_assert_cmpfloat (isc_result_get_layer (plain, 0)->mean, !=,
                     isc_result_get_layer (result, 0)->mean);
}

/* ------------------------------------------------------------------------ */
/* The new activations */

typedef struct
{
  IscActivation activation;
  float (*phi) (float);
  float (*dphi) (float);
  double (*reference) (double);
  double (*dreference) (double);
  void (*dphi_z) (float *, gsize);  /* the loop over z */
  double minus_inf;  /* φ(−∞) */
  double kink;       /* where φ′ jumps (NaN: nowhere) */
} ActivationCase;

#define SELU_L 1.0507009873554805
#define SELU_A 1.6732632423543772

static double ref_leaky (double x) { return x > 0 ? x : 0.01 * x; }
static double ref_dleaky (double x) { return x > 0 ? 1.0 : 0.01; }
static double ref_elu (double x) { return x > 0 ? x : expm1 (x); }
static double ref_delu (double x) { return x > 0 ? 1.0 : exp (x); }
static double ref_selu (double x) { return SELU_L * (x > 0 ? x : SELU_A * expm1 (x)); }
static double ref_dselu (double x) { return SELU_L * (x > 0 ? 1.0 : SELU_A * exp (x)); }
static double ref_gelu (double x) { return x * 0.5 * erfc (-x / sqrt (2.0)); }
static double ref_dgelu (double x)
{
  return 0.5 * erfc (-x / sqrt (2.0)) + x * exp (-0.5 * x * x) / sqrt (2.0 * G_PI);
}
static double ref_silu (double x) { return x / (1.0 + exp (-x)); }
static double ref_dsilu (double x)
{
  double s = 1.0 / (1.0 + exp (-x));

  return s * (1.0 + x * (1.0 - s));
}

static const ActivationCase activation_cases[] = {
  { ISC_ACTIVATION_LEAKY_RELU, isc_math_leaky_reluf, isc_math_leaky_relu_derivativef,
    ref_leaky, ref_dleaky, isc_math_leaky_relu_derivative, -INFINITY, 0.0 },
  { ISC_ACTIVATION_ELU, isc_math_eluf, isc_math_elu_derivativef, ref_elu, ref_delu,
    isc_math_elu_derivative, -1.0, NAN },
  { ISC_ACTIVATION_SELU, isc_math_seluf, isc_math_selu_derivativef, ref_selu, ref_dselu,
    isc_math_selu_derivative, -SELU_L * SELU_A, 0.0 },
  { ISC_ACTIVATION_GELU, isc_math_geluf, isc_math_gelu_derivativef, ref_gelu, ref_dgelu,
    isc_math_gelu_derivative, 0.0, NAN },
  { ISC_ACTIVATION_SILU, isc_math_siluf, isc_math_silu_derivativef, ref_silu, ref_dsilu,
    isc_math_silu_derivative, 0.0, NAN },
};

/* The kernels' error bound: a few ulps of e^ and of its argument (|x|, or x²/2
 * for gelu's e^(−x²/2)), and 1.2e-7 for the erfc fit; relative to the sum of
 * the magnitudes of the terms added, plus four times the smallest normal float
 * (values past it are flushed to 0). */
static double
tolerance (const ActivationCase *c,
           double                x,
           double                magnitude)
{
  double arg = c->activation == ISC_ACTIVATION_GELU ? 0.5 * x * x + 1.0 : fabs (x) + 1.0;
  double fit = c->activation == ISC_ACTIVATION_GELU ? 1.2e-7 : 0.0;

  return (fit + (8.0 + 2.0 * arg) * U_FLOAT) * magnitude + 4 * FLT_MIN;
}

static void
test_activation_values (void)
{
  for (guint a = 0; a < G_N_ELEMENTS (activation_cases); a++)
    {
      const ActivationCase *c = &activation_cases[a];
      const IscActivationInfo *info = isc_activation_get_info (c->activation);
      g_autofree float *v = g_new (float, 40001);
      g_autofree float *d = g_new (float, 40001);
      g_autofree float *t = g_new (float, 40001);

      /* every one on a shared range, none saturates */
      g_assert_false (info->fixed_range);
      g_assert_cmpfloat (info->sat_lo, ==, -G_MAXFLOAT);
      g_assert_cmpfloat (info->sat_hi, ==, G_MAXFLOAT);

      for (guint i = 0; i <= 40000; i++)
        v[i] = d[i] = t[i] = (float) (-20.0 + i * 1e-3);
      isc_activation_apply (c->activation, v, 40001);
      c->dphi_z (d, 40001);
      /* the table's φ′: from a = φ(z) where it can be (leaky-relu, elu, selu) */
      isc_activation_apply_derivative (c->activation, t, 40001);
      for (guint i = 0; i <= 40000; i++)
        {
          float x = (float) (-20.0 + i * 1e-3);
          double ref = c->reference (x), dref = c->dreference (x);
          double mag = c->activation == ISC_ACTIVATION_GELU
                       ? fabs (x) * (0.5 * erfc (-x / sqrt (2.0)) +
                                     0.5 * erfc (fabs (x) / sqrt (2.0)))
                       : fabs (ref) + (c->activation == ISC_ACTIVATION_SILU ? fabs (x) : 0.0);
          double dmag = fabs (dref) + fabs (x) * exp (-0.5 * x * x) + ref_dsilu (x) + 1.0;

          /* the loop and the scalar reference give the same bits */
          g_assert_cmpfloat (v[i], ==, c->phi (x));
          g_assert_cmpfloat (d[i], ==, c->dphi (x));
          if (fabs (v[i] - ref) > tolerance (c, x, mag))
            g_error ("%s(%.9g) = %.9g, libm %.17g", info->name, x, v[i], ref);
          if (fabs (d[i] - dref) > tolerance (c, x, dmag) * 4)
            g_error ("%s′(%.9g) = %.9g, libm %.17g", info->name, x, d[i], dref);
          /* from a: a + 1 (elu) or a + λα (selu) adds a few ulps of |a| + λα */
          if (fabs (t[i] - dref) > tolerance (c, x, dmag) * 4 + 8 * U_FLOAT * (fabs (ref) + 2))
            g_error ("%s′(%.9g) from φ = %.9g, libm %.17g", info->name, x, t[i], dref);
        }

      /* limits and NaN */
      g_assert_true (isnan (c->phi (NAN)));
      g_assert_true (isnan (c->dphi (NAN)));
      g_assert_cmpfloat (c->phi (INFINITY), ==, INFINITY);
      if (isinf (c->minus_inf))
        {
          g_assert_cmpfloat (c->phi (-INFINITY), ==, -INFINITY);
          g_assert_cmpfloat (c->phi (-1e30f), ==, 0.01f * -1e30f);
        }
      else
        {
          g_assert_cmpfloat_with_epsilon (c->phi (-INFINITY), c->minus_inf, 4 * U_FLOAT);
          g_assert_cmpfloat_with_epsilon (c->phi (-1e30f), c->minus_inf, 4 * U_FLOAT);
          g_assert_cmpfloat (c->dphi (-INFINITY), ==, 0.0f);
        }
      g_assert_cmpfloat (c->dphi (INFINITY), ==,
                         c->activation == ISC_ACTIVATION_SELU ? (float) SELU_L : 1.0f);
      g_assert_cmpfloat (c->phi (0.0f), ==, 0.0f);
    }
}

/* φ′ against a central difference of the double reference, away from kinks:
 * the truncation error h²/6·|φ‴| is below 1e-9 at h = 1e-4. */
static void
test_activation_gradients (void)
{
  const double h = 1e-4;

  for (guint a = 0; a < G_N_ELEMENTS (activation_cases); a++)
    {
      const ActivationCase *c = &activation_cases[a];

      for (double x = -12.0; x <= 12.0; x += 0.0137)
        {
          float xf = (float) x;
          double fd, dmag;

          if (!isnan (c->kink) && fabs (xf - c->kink) < 2 * h)
            continue;
          fd = (c->reference ((double) xf + h) - c->reference ((double) xf - h)) / (2 * h);
          dmag = fabs (fd) + fabs (xf) * exp (-0.5 * xf * xf) + ref_dsilu (xf) + 1.0;
          if (fabs (c->dphi (xf) - fd) > 4 * tolerance (c, xf, dmag) + 1e-8)
            g_error ("%s′(%.9g) = %.9g, central difference %.12g",
                     isc_activation_to_string (c->activation), xf, c->dphi (xf), fd);
        }
    }
}

/* ------------------------------------------------------------------------ */
/* The backward pass through biases and LSUV's rescaled layers, against
 * central differences of the same tiny net in double (the loss of
 * test-backward.c: L = (1/B) Σ_b ⟨g_b, x_L[b]⟩, g the read-out stream). The
 * biases shift z, LSUV's c_l scales W_l: the effective weights c_l σ W_l are
 * what the gradient is taken against, c_l held fixed as the engine does. */

#define BW_DEPTH 3
#define BW_WIDTH 5
#define BW_BATCH 4
#define BW_STEP  1e-5

typedef struct
{
  IscActivation activation;
  double        w[BW_DEPTH][BW_WIDTH * BW_WIDTH];  /* effective: c_l σ W_l */
  double        b[BW_DEPTH][BW_WIDTH];
  double        x0[BW_BATCH * BW_WIDTH];
  double        g[BW_BATCH * BW_WIDTH];
} BiasNet;

static double
phi_ref (IscActivation a,
         double        z)
{
  switch (a)
    {
    case ISC_ACTIVATION_TANH:       return tanh (z);
    case ISC_ACTIVATION_LEAKY_RELU: return ref_leaky (z);
    case ISC_ACTIVATION_ELU:        return ref_elu (z);
    case ISC_ACTIVATION_SELU:       return ref_selu (z);
    case ISC_ACTIVATION_GELU:       return ref_gelu (z);
    case ISC_ACTIVATION_SILU:       return ref_silu (z);
    default:                        g_assert_not_reached ();
    }
}

/* x (B × W) through layer @l alone, in place */
static void
bias_net_layer (const BiasNet *net,
                guint          l,
                double        *x)
{
  for (guint r = 0; r < BW_BATCH; r++)
    {
      double next[BW_WIDTH];

      for (guint j = 0; j < BW_WIDTH; j++)
        {
          double z = net->b[l][j];

          for (guint i = 0; i < BW_WIDTH; i++)
            z += x[r * BW_WIDTH + i] * net->w[l][i * BW_WIDTH + j];
          next[j] = phi_ref (net->activation, z);
        }
      memcpy (&x[r * BW_WIDTH], next, sizeof next);
    }
}

/* x (B × W, layer @from's output) through layers from + 1 … depth, in place */
static void
bias_net_forward (const BiasNet *net,
                  guint          from,
                  double        *x)
{
  for (guint l = from; l < BW_DEPTH; l++)
    bias_net_layer (net, l, x);
}

static double
bias_net_loss (const BiasNet *net)
{
  double x[BW_BATCH * BW_WIDTH], sum = 0.0;

  memcpy (x, net->x0, sizeof x);
  bias_net_forward (net, 0, x);
  for (guint i = 0; i < BW_BATCH * BW_WIDTH; i++)
    sum += net->g[i] * x[i];
  return sum / BW_BATCH;
}

/* LSUV's c for layer @l's weights on input x, as isc-run.c's loop */
static double
lsuv_c (const BiasNet *net,
        guint          l,
        const double  *x)
{
  double c = 1.0;

  for (guint round = 0; round <= ISC_LSUV_MAX_ROUNDS; round++)
    {
      double sum = 0.0, sumsq = 0.0, n = BW_BATCH * BW_WIDTH, var;

      for (guint r = 0; r < BW_BATCH; r++)
        for (guint j = 0; j < BW_WIDTH; j++)
          {
            double z = 0.0;

            for (guint i = 0; i < BW_WIDTH; i++)
              z += x[r * BW_WIDTH + i] * net->w[l][i * BW_WIDTH + j];
            z = c * z + net->b[l][j];
            sum += z;
            sumsq += z * z;
          }
      var = sumsq / n - (sum / n) * (sum / n);
      if (fabs (var - 1.0) <= ISC_LSUV_TOLERANCE || round == ISC_LSUV_MAX_ROUNDS)
        break;
      c /= sqrt (var);
    }
  return c;
}

/* The engine's config in double: its streams, float σ and biases, and
 * LSUV's loop on the batch. */
static void
bias_net_init (BiasNet         *net,
               const IscConfig *config)
{
  float tmp[BW_WIDTH * BW_WIDTH];
  double x[BW_BATCH * BW_WIDTH];
  float sigma = (float) isc_config_sigma (config, BW_WIDTH, BW_WIDTH);

  net->activation = config->activation;
  isc_rng_fill_matrix (config->seed, ISC_STREAM_INPUT, 0, BW_BATCH, BW_WIDTH, tmp);
  for (guint i = 0; i < BW_BATCH * BW_WIDTH; i++)
    x[i] = net->x0[i] = tmp[i];
  isc_rng_fill_matrix (config->seed, ISC_STREAM_READOUT, 0, BW_BATCH, BW_WIDTH, tmp);
  for (guint i = 0; i < BW_BATCH * BW_WIDTH; i++)
    net->g[i] = tmp[i];

  for (guint l = 0; l < BW_DEPTH; l++)
    {
      double c;

      if (config->init == ISC_INIT_LSUV)
        g_assert_true (isc_orthogonal_fill (config->seed, ISC_STREAM_WEIGHTS, l + 1, BW_WIDTH,
                                            BW_WIDTH, tmp));
      else
        isc_rng_fill_matrix (config->seed, ISC_STREAM_WEIGHTS, l + 1, BW_WIDTH, BW_WIDTH, tmp);
      for (guint i = 0; i < BW_WIDTH * BW_WIDTH; i++)
        net->w[l][i] = sigma * (double) tmp[i];
      isc_rng_fill_normal (config->seed, ISC_STREAM_BIAS, l + 1, 0, BW_WIDTH, tmp);
      for (guint j = 0; j < BW_WIDTH; j++)
        net->b[l][j] = (float) (config->bias_scale * tmp[j]);
      c = config->init == ISC_INIT_LSUV ? lsuv_c (net, l, x) : 1.0;
      for (guint i = 0; i < BW_WIDTH * BW_WIDTH; i++)
        net->w[l][i] *= c;
      bias_net_layer (net, l, x);
    }
}

/* test-backward.c's bound: each entry off by ~(depth + 1)(k + 4) u of the
 * magnitudes it is made of, k = max (width, batch), 16 times for
 * cancellations, plus the differences' own 1e-9 (h = 1e-5: h²f‴/6 + ε|f|/h). */
static double
bw_tolerance (double maxabs)
{
  return 16.0 * (BW_DEPTH + 1) * (MAX (BW_WIDTH, BW_BATCH) + 4) * U_FLOAT * maxabs + 1e-9;
}

static void
assert_bw_moments (const IscLayerStats *s,
                   const double        *ref,
                   guint                n)
{
  double mean = 0.0, ss = 0.0, maxabs = 0.0, tol;

  for (guint i = 0; i < n; i++)
    {
      mean += ref[i] / n;
      maxabs = MAX (maxabs, fabs (ref[i]));
    }
  for (guint i = 0; i < n; i++)
    ss += (ref[i] - mean) * (ref[i] - mean);
  tol = bw_tolerance (maxabs);
  g_assert_cmpfloat (maxabs, >, 1e3 * tol);
  g_assert_cmpfloat_with_epsilon (s->mean, mean, tol);
  g_assert_cmpfloat_with_epsilon (s->std, sqrt (ss / n), tol);
}

static void
check_backward (IscInit       init,
                IscActivation activation,
                double        bias_scale)
{
  IscConfig config = make_config (init, activation, BW_DEPTH, BW_WIDTH, BW_BATCH);
  IscRunOptions options = { 0, 0, TRUE, 0, NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(IscResult) result = NULL;
  BiasNet net;

  config.scale = 0.6;
  config.bias_scale = bias_scale;
  result = isc_network_run_with_options (&config, NULL, &options, NULL, &error);
  g_assert_no_error (error);
  bias_net_init (&net, &config);

  for (guint l = 0; l < BW_DEPTH; l++)
    {
      double dw[BW_WIDTH * BW_WIDTH], dx[BW_BATCH * BW_WIDTH], x[BW_BATCH * BW_WIDTH];

      /* ∂L/∂W_l by differences of the whole loss */
      for (guint i = 0; i < BW_WIDTH * BW_WIDTH; i++)
        {
          double keep = net.w[l][i], up, down;

          net.w[l][i] = keep + BW_STEP;
          up = bias_net_loss (&net);
          net.w[l][i] = keep - BW_STEP;
          down = bias_net_loss (&net);
          net.w[l][i] = keep;
          dw[i] = (up - down) / (2 * BW_STEP);
        }
      /* δ_l = ∂L_b/∂x_l: x_l nudged, then the layers above (L_b = B·L's term) */
      memcpy (x, net.x0, sizeof x);
      for (guint k = 0; k <= l; k++)
        bias_net_layer (&net, k, x);
      for (guint i = 0; i < BW_BATCH * BW_WIDTH; i++)
        {
          double keep = x[i], y[BW_BATCH * BW_WIDTH], up = 0.0, down = 0.0;
          guint r = i / BW_WIDTH;

          x[i] = keep + BW_STEP;
          memcpy (y, x, sizeof y);
          bias_net_forward (&net, l + 1, y);
          for (guint j = 0; j < BW_WIDTH; j++)
            up += net.g[r * BW_WIDTH + j] * y[r * BW_WIDTH + j];
          x[i] = keep - BW_STEP;
          memcpy (y, x, sizeof y);
          bias_net_forward (&net, l + 1, y);
          for (guint j = 0; j < BW_WIDTH; j++)
            down += net.g[r * BW_WIDTH + j] * y[r * BW_WIDTH + j];
          x[i] = keep;
          dx[i] = (up - down) / (2 * BW_STEP);
        }
      assert_bw_moments (isc_result_get_view_layer (result, ISC_VIEW_WEIGHT_GRADIENTS, l),
                         dw, BW_WIDTH * BW_WIDTH);
      assert_bw_moments (isc_result_get_view_layer (result, ISC_VIEW_GRADIENTS, l),
                         dx, BW_BATCH * BW_WIDTH);
    }
}

static void
test_backward_bias_lsuv (void)
{
  check_backward (ISC_INIT_GAUSSIAN, ISC_ACTIVATION_GELU, 0.4);
  check_backward (ISC_INIT_GAUSSIAN, ISC_ACTIVATION_SELU, 0.4);
  check_backward (ISC_INIT_LSUV, ISC_ACTIVATION_SILU, 0.3);
  check_backward (ISC_INIT_LSUV, ISC_ACTIVATION_TANH, 0.0);
  check_backward (ISC_INIT_LSUV, ISC_ACTIVATION_ELU, 0.0);
}

/* ------------------------------------------------------------------------ */
/* Determinism of the new bases and steps */

static void
assert_same (const IscResult *a,
             const IscResult *b)
{
  guint n_bins = isc_result_get_n_bins (a);

  for (guint l = 0; l < isc_result_get_n_layers (a); l++)
    {
      const IscLayerStats *x = isc_result_get_layer (a, l);
      const IscLayerStats *y = isc_result_get_layer (b, l);

      g_assert_cmpmem (&x->mean, sizeof x->mean, &y->mean, sizeof y->mean);
      g_assert_cmpmem (&x->std, sizeof x->std, &y->std, sizeof y->std);
      g_assert_cmpmem (&x->min, sizeof x->min, &y->min, sizeof y->min);
      g_assert_cmpmem (&x->max, sizeof x->max, &y->max, sizeof y->max);
      g_assert_cmpmem (x->bins, n_bins * sizeof (guint64), y->bins, n_bins * sizeof (guint64));
    }
}

static void
test_determinism (void)
{
  static const struct { IscInit init; IscActivation activation; double bias; } cases[] = {
    { ISC_INIT_GLOROT_UNIFORM, ISC_ACTIVATION_RELU, 0.0 },
    { ISC_INIT_TORCH_DEFAULT, ISC_ACTIVATION_GELU, 0.1 },
    { ISC_INIT_ORTHOGONAL, ISC_ACTIVATION_TANH, 0.0 },
    { ISC_INIT_LSUV, ISC_ACTIVATION_SELU, 0.3 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      IscConfig config = make_config (cases[i].init, cases[i].activation, 5, 333, 129);
      g_autoptr(IscCache) cache = isc_cache_new (64 << 20);
      g_autoptr(IscResult) one = NULL;

      config.bias_scale = cases[i].bias;
      isc_engine_set_n_threads (1);
      one = isc_test_run_network (&config, NULL);
      for (guint threads = 2; threads <= 3; threads++)
        {
          g_autoptr(IscResult) other = NULL;
          g_autoptr(IscResult) cached = NULL;
          g_autoptr(IscResult) warm = NULL;

          isc_engine_set_n_threads (threads);
          other = isc_test_run_network (&config, NULL);
          cached = isc_test_run_network (&config, cache);
          warm = isc_test_run_network (&config, cache);
          assert_same (one, other);
          assert_same (one, cached);
          assert_same (one, warm);
        }
      isc_engine_set_n_threads (0);
      g_assert_cmpfloat (isc_result_get_layer (one, 4)->std, >, 0.0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/schemes/sigma-formulas", test_sigma_formulas);
  g_test_add_func ("/schemes/coincidences", test_coincidences);
  g_test_add_func ("/schemes/recommended-gain", test_recommended_gain);
  g_test_add_func ("/schemes/gain-in-run", test_gain_in_run);
  g_test_add_func ("/schemes/uniform-base", test_uniform_base);
  g_test_add_func ("/schemes/orthogonal-base", test_orthogonal_base);
  g_test_add_func ("/schemes/orthogonal-norms", test_orthogonal_norms);
  g_test_add_func ("/schemes/lsuv", test_lsuv);
  g_test_add_func ("/schemes/selu-self-normalizes", test_selu_self_normalizes);
  g_test_add_func ("/schemes/torch-default-tanh", test_torch_default_tanh);
  g_test_add_func ("/schemes/bias", test_bias);
  g_test_add_func ("/schemes/activation-values", test_activation_values);
  g_test_add_func ("/schemes/activation-gradients", test_activation_gradients);
  g_test_add_func ("/schemes/backward-bias-lsuv", test_backward_bias_lsuv);
  g_test_add_func ("/schemes/determinism", test_determinism);
  return g_test_run ();
}
