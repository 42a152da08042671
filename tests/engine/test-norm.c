/* test-norm.c — batch and layer norm: the exact backward against finite differences in double,
 * σ's scale removed by batch norm, batch norm at batch 1 refused
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "isc-network.h"
#include "isc-norm.h"
#include "isc-rng.h"

/* ------------------------------------------------------------------------ */
/* The tiny net in double, normalization included, from the engine's streams */

#define FD_DEPTH 3
#define FD_WIDTH 5
#define FD_BATCH 4
#define FD_SEED  7
#define FD_SCALE 0.6
#define FD_N     (FD_BATCH * FD_WIDTH)

typedef struct
{
  IscNorm norm;
  double  w[FD_DEPTH][FD_WIDTH * FD_WIDTH];
  double  x0[FD_N];
  double  g[FD_N];
} Net;

static void
fill (IscStream kind,
      guint     layer,
      guint     rows,
      double   *out)
{
  float tmp[FD_WIDTH * FD_WIDTH];

  isc_rng_fill_matrix (FD_SEED, kind, layer, rows, FD_WIDTH, tmp);
  for (guint i = 0; i < rows * FD_WIDTH; i++)
    out[i] = tmp[i];
}

static void
net_init (Net     *net,
          IscNorm  norm)
{
  net->norm = norm;
  for (guint l = 0; l < FD_DEPTH; l++)
    {
      fill (ISC_STREAM_WEIGHTS, l + 1, FD_WIDTH, net->w[l]);
      for (guint i = 0; i < FD_WIDTH * FD_WIDTH; i++)
        net->w[l][i] *= (float) FD_SCALE;  /* the engine's alpha is a float */
    }
  fill (ISC_STREAM_INPUT, 0, FD_BATCH, net->x0);
  fill (ISC_STREAM_READOUT, 0, FD_BATCH, net->g);
}

/* The n values z[first + k·stride] normalized, as the definition says. */
static void
normalize (double *z,
           guint   first,
           guint   stride,
           guint   n)
{
  double mean = 0.0, var = 0.0;

  for (guint k = 0; k < n; k++)
    mean += z[first + k * stride] / n;
  for (guint k = 0; k < n; k++)
    var += (z[first + k * stride] - mean) * (z[first + k * stride] - mean) / n;
  for (guint k = 0; k < n; k++)
    z[first + k * stride] = (z[first + k * stride] - mean) / sqrt (var + ISC_NORM_EPSILON);
}

/* The batch @x (layer @from's output) through layers from + 1 … depth: x_L in x. */
static void
forward (const Net *net,
         guint      from,
         guint      to,
         double    *x)
{
  for (guint l = from; l < to; l++)
    {
      double z[FD_N] = { 0 };

      for (guint b = 0; b < FD_BATCH; b++)
        for (guint j = 0; j < FD_WIDTH; j++)
          for (guint i = 0; i < FD_WIDTH; i++)
            z[b * FD_WIDTH + j] += x[b * FD_WIDTH + i] * net->w[l][i * FD_WIDTH + j];
      for (guint k = 0; net->norm == ISC_NORM_BATCH && k < FD_WIDTH; k++)
        normalize (z, k, FD_WIDTH, FD_BATCH);
      for (guint k = 0; net->norm == ISC_NORM_LAYER && k < FD_BATCH; k++)
        normalize (z, k * FD_WIDTH, 1, FD_WIDTH);
      for (guint i = 0; i < FD_N; i++)
        x[i] = tanh (z[i]);
    }
}

/* L = (1/B) Σ_b ⟨g_b, x_L[b]⟩ from x_l = @x */
static double
loss_from (const Net    *net,
           guint         l,
           const double *x)
{
  double cur[FD_N], sum = 0.0;

  memcpy (cur, x, sizeof cur);
  forward (net, l, FD_DEPTH, cur);
  for (guint i = 0; i < FD_N; i++)
    sum += net->g[i] * cur[i];
  return sum / FD_BATCH;
}

/* Central differences: with h = 1e-5 the truncation h² f‴/6 stays ≲ 1e-9 as
 * long as f‴ ≲ 60; a normalization's third derivative grows as 1/s³ with s
 * the group's std, here ≳ 0.4 (checked below through the engine's own
 * statistics being O(1)), so f‴ ≲ 30; rounding adds 2^-53·|f|/h ≈ 1e-10. */
#define FD_STEP  1e-5
#define FD_ERROR 2e-9

/* ∂L/∂W_l by differences of the whole loss; B·∂L/∂x_l, the engine's δ_l
 * (its read-out is δ_L = g, the per-sample loss's gradient; with batch norm
 * the samples interact and δ is B times the whole loss's). */
static void
fd_gradients (Net    *net,
              guint   l,
              double *dw,
              double *dx)
{
  double x[FD_N];

  memcpy (x, net->x0, sizeof x);
  forward (net, 0, l, x);
  for (guint i = 0; i < FD_WIDTH * FD_WIDTH; i++)
    {
      double keep = net->w[l][i], up, down;

      net->w[l][i] = keep + FD_STEP;
      up = loss_from (net, l, x);
      net->w[l][i] = keep - FD_STEP;
      down = loss_from (net, l, x);
      net->w[l][i] = keep;
      dw[i] = (up - down) / (2.0 * FD_STEP);
    }
  forward (net, l, l + 1, x);
  for (guint i = 0; i < FD_N; i++)
    {
      double keep = x[i], up, down;

      x[i] = keep + FD_STEP;
      up = loss_from (net, l + 1, x);
      x[i] = keep - FD_STEP;
      down = loss_from (net, l + 1, x);
      x[i] = keep;
      dx[i] = FD_BATCH * (up - down) / (2.0 * FD_STEP);
    }
}

/* The engine in float against the reference: every product and every
 * normalization sum has at most k = max (width, batch) terms rounded by
 * u = 2^-24; a layer is a product, a normalization (its mean, variance and,
 * backward, two more means), φ and φ′, each a few roundings per term, and
 * 1/s ≲ 2.5 amplifies them once a normalization: 32 (2·depth + 1)(k + 4) u of
 * the layer's largest entry (2·depth + 1 stages: forward, recomputation,
 * backward), plus FD_ERROR. */
static double
float_tolerance (double maxabs)
{
  double u = FLT_EPSILON / 2.0, k = MAX (FD_WIDTH, FD_BATCH);

  return 32.0 * (2 * FD_DEPTH + 1) * (k + 4) * u * MAX (maxabs, 1e-30) + FD_ERROR;
}

static void
assert_moments (const IscLayerStats *s,
                const double        *v,
                guint                n,
                const char          *what,
                guint                layer)
{
  double mean = 0.0, ss = 0.0, lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE, maxabs = 0.0, tol;

  for (guint i = 0; i < n; i++)
    {
      mean += v[i] / n;
      lo = MIN (lo, v[i]);
      hi = MAX (hi, v[i]);
      maxabs = MAX (maxabs, fabs (v[i]));
    }
  for (guint i = 0; i < n; i++)
    ss += (v[i] - mean) * (v[i] - mean) / n;
  tol = float_tolerance (maxabs);
  g_test_message ("%s layer %u: mean %g (engine %g), std %g (%g), max %g (%g), tol %g", what,
                  layer + 1, mean, s->mean, sqrt (ss), s->std, hi, s->max, tol);
  g_assert_cmpfloat_with_epsilon (s->mean, mean, tol);
  g_assert_cmpfloat_with_epsilon (s->std, sqrt (ss), tol);
  g_assert_cmpfloat_with_epsilon (s->min, lo, tol);
  g_assert_cmpfloat_with_epsilon (s->max, hi, tol);
  /* all zero would pass anything */
  g_assert_cmpfloat (maxabs, >, 1e3 * tol);
}

static IscResult *
run (const IscConfig *config,
     gsize            budget)
{
  g_autoptr(GError) error = NULL;
  IscRunOptions options = { 0, 0, TRUE, budget, NULL, NULL };
  IscResult *result = isc_network_run_with_options (config, NULL, &options, NULL, &error);

  g_assert_no_error (error);
  return result;
}

static void
tiny_config (IscConfig *config,
             IscNorm    norm)
{
  isc_config_init_default (config);
  config->init = ISC_INIT_GAUSSIAN;
  config->scale = FD_SCALE;
  config->depth = FD_DEPTH;
  config->width = FD_WIDTH;
  config->batch = FD_BATCH;
  config->seed = FD_SEED;
  config->norm = norm;
}

/* Both the plain run and one recomputing every layer from the input (a
 * budget of one activation: no checkpoint) against the differences. */
static void
test_finite_differences (gconstpointer data)
{
  IscNorm norm = GPOINTER_TO_UINT (data);
  IscConfig config;
  Net net;

  net_init (&net, norm);
  tiny_config (&config, norm);
  for (guint pass = 0; pass < 2; pass++)
    {
      g_autoptr(IscResult) result = run (&config, pass == 0 ? 0 : sizeof (float));

      for (guint l = 0; l < FD_DEPTH; l++)
        {
          double dw[FD_WIDTH * FD_WIDTH], dx[FD_N];

          fd_gradients (&net, l, dw, dx);
          assert_moments (isc_result_get_view_layer (result, ISC_VIEW_WEIGHT_GRADIENTS, l), dw,
                          FD_WIDTH * FD_WIDTH, "dW", l);
          assert_moments (isc_result_get_view_layer (result, ISC_VIEW_GRADIENTS, l), dx, FD_N,
                          "delta", l);
        }
    }
}

/* The identity is not the normalization's Jacobian: the same net without it
 * has other gradients (so the test above can fail). */
static void
test_not_identity (void)
{
  g_autoptr(IscResult) with = NULL;
  g_autoptr(IscResult) without = NULL;
  IscConfig config;

  tiny_config (&config, ISC_NORM_BATCH);
  with = run (&config, 0);
  config.norm = ISC_NORM_NONE;
  without = run (&config, 0);
  g_assert_cmpfloat (fabs (isc_result_get_view_layer (with, ISC_VIEW_WEIGHT_GRADIENTS, 0)->std -
                           isc_result_get_view_layer (without, ISC_VIEW_WEIGHT_GRADIENTS, 0)->std),
                     >, 0.01 * isc_result_get_view_layer (without, ISC_VIEW_WEIGHT_GRADIENTS,
                                                          0)->std);
}

/* ------------------------------------------------------------------------ */
/* Batch norm removes σ */

#define SI_DEPTH 5
#define SI_WIDTH 200
#define SI_BATCH 256

static IscResult *
run_scale (double  scale,
           IscNorm norm)
{
  IscConfig config;

  isc_config_init_default (&config);
  config.init = ISC_INIT_GAUSSIAN;
  config.scale = scale;
  config.activation = ISC_ACTIVATION_TANH;
  config.depth = SI_DEPTH;
  config.width = SI_WIDTH;
  config.batch = SI_BATCH;
  config.seed = 3;
  config.norm = norm;
  return run (&config, 0);
}

static void
assert_close (double      a,
              double      b,
              double      rel,
              const char *what,
              guint       layer)
{
  g_test_message ("%s layer %u: %.9g vs %.9g (off %.3g, tol %.3g)", what, layer + 1, a, b,
                  fabs (a - b) / MAX (fabs (a), fabs (b)), rel);
  g_assert_cmpfloat (fabs (a - b), <=, rel * MAX (fabs (a), fabs (b)));
}

/* With z = σ·xZ, y = z/√(v + ε) = ŷ·√(v/(v + ε)), ŷ the same for every σ: a
 * relative error ε/(2v) a layer, v = σ² N ⟨x²⟩ the unit's variance before
 * the normalization: ⟨x0²⟩ = 1 at layer 1, ⟨tanh² u⟩ ≥ 0.39 (u ~ N(0, 1))
 * above. tanh is 1-Lipschitz and the next normalization does not amplify a
 * relative error, so x_l's std is off by at most r_l = Σ_{k≤l} ε/(2v_k)
 * (σ = 1 adds ~ε/400: nothing). Backward, each layer's 1/s and y carry
 * r_l into δ and ∂W: (1 + 2·depth) r_L. Float rounding of sums of k = 256
 * terms a stage, 2·depth + 1 stages: (2·depth + 1)(k + 4) u. Without
 * batch norm, σ = 0.01 against 1 differ by ×5 or more at every layer (×7 at
 * layer 1, where tanh caps σ = 1 near 1). */
static void
test_scale_removed (void)
{
  g_autoptr(IscResult) small = run_scale (0.01, ISC_NORM_BATCH);
  g_autoptr(IscResult) large = run_scale (1.0, ISC_NORM_BATCH);
  g_autoptr(IscResult) plain_small = run_scale (0.01, ISC_NORM_NONE);
  g_autoptr(IscResult) plain_large = run_scale (1.0, ISC_NORM_NONE);
  double u = FLT_EPSILON / 2.0, rounding = (2 * SI_DEPTH + 1) * (SI_BATCH + 4) * u;
  double r = 0.0;

  for (guint l = 0; l < SI_DEPTH; l++)
    {
      double v = 0.01 * 0.01 * SI_WIDTH * (l == 0 ? 1.0 : 0.39);
      const IscLayerStats *a = isc_result_get_layer (small, l);
      const IscLayerStats *b = isc_result_get_layer (large, l);

      r += ISC_NORM_EPSILON / (2.0 * v);
      assert_close (a->std, b->std, r + rounding, "x std", l);
      g_assert_cmpfloat (fabs (a->mean - b->mean), <=, (r + rounding) * b->std);
      g_assert_cmpfloat (isc_result_get_layer (plain_large, l)->std, >,
                         5.0 * isc_result_get_layer (plain_small, l)->std);
    }
  for (guint l = 0; l < SI_DEPTH; l++)
    {
      double tol = (1 + 2 * SI_DEPTH) * r + rounding;
      double wa = isc_result_get_view_layer (small, ISC_VIEW_WEIGHT_GRADIENTS, l)->std;
      double wb = isc_result_get_view_layer (large, ISC_VIEW_WEIGHT_GRADIENTS, l)->std;

      /* δ = ∂L/∂x does not see σ: the 1/s of the normalization's backward
       * and the σ of the product cancel */
      assert_close (isc_result_get_view_layer (small, ISC_VIEW_GRADIENTS, l)->std,
                    isc_result_get_view_layer (large, ISC_VIEW_GRADIENTS, l)->std, tol,
                    "grad std", l);
      /* ∂L/∂W = x_{l−1}ᵀ dz/B with dz ∝ 1/s ∝ 1/σ: ×100 at σ = 0.01 */
      assert_close (wa, 100.0 * wb, tol, "wgrad std ×σ", l);
    }
}

/* ------------------------------------------------------------------------ */
/* Batch 1 */

static void
test_batch_one (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IscResult) result = NULL;
  IscConfig config;

  isc_config_init_default (&config);
  config.batch = 1;
  g_assert_true (isc_config_validate (&config, NULL));
  config.norm = ISC_NORM_LAYER;
  g_assert_true (isc_config_validate (&config, NULL));
  config.norm = ISC_NORM_BATCH;
  g_assert_false (isc_config_validate (&config, &error));
  g_assert_error (error, ISC_CONFIG_ERROR, ISC_CONFIG_ERROR_INCOMPATIBLE);
  g_assert_nonnull (strstr (error->message, "--norm"));
  g_assert_nonnull (strstr (error->message, "--batch"));
  g_clear_error (&error);

  result = isc_network_run_with_options (&config, NULL, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_nonnull (error);
}

/* A preview of one row would be a batch of one: batch norm keeps two. */
static void
test_preview_rows (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IscResult) result = NULL;
  IscRunOptions options = { 1, 0, FALSE, 0, NULL, NULL };
  IscConfig config;

  isc_config_init_default (&config);
  config.depth = 2;
  config.width = 50;
  config.batch = 100;
  config.norm = ISC_NORM_BATCH;
  result = isc_network_run_with_options (&config, NULL, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (isc_result_get_layer (result, 0)->count, ==, 2 * 50);
  /* two samples normalized: ±1 before tanh, so never 0 */
  g_assert_cmpfloat (isc_result_get_layer (result, 0)->std, >, 0.5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_data_func ("/norm/finite-differences/batch", GUINT_TO_POINTER (ISC_NORM_BATCH),
                        test_finite_differences);
  g_test_add_data_func ("/norm/finite-differences/layer", GUINT_TO_POINTER (ISC_NORM_LAYER),
                        test_finite_differences);
  g_test_add_func ("/norm/not-identity", test_not_identity);
  g_test_add_func ("/norm/batch/scale-removed", test_scale_removed);
  g_test_add_func ("/norm/batch/batch-one", test_batch_one);
  g_test_add_func ("/norm/batch/preview-rows", test_preview_rows);
  return g_test_run ();
}
