/* test-norm.c — batch and layer norm: the exact backward against finite differences in double
 * (every activation, biases, LSUV), σ's scale removed by batch norm, batch norm at batch 1 refused
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "isc-cache.h"
#include "isc-init.h"
#include "isc-network.h"
#include "isc-norm.h"
#include "isc-rng.h"
#include "isc-test-phi.h"
#include "isc-test-util.h"

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
  IscActivation activation;
  IscNorm       norm;
  double        w[FD_DEPTH][FD_WIDTH * FD_WIDTH];  /* the effective W_l: σ·Z_l, lsuv's c_l·Q_l */
  double        b[FD_DEPTH][FD_WIDTH];             /* b_l, or 0 */
  double        x0[FD_N];
  double        g[FD_N];
  gboolean      have_y;
  double        y[FD_DEPTH][FD_N];                 /* φ's inputs unperturbed, once known */
} Net;

/* How far the differences' perturbations moved any y from net->y: a kink
 * of φ′ nearer than that to some y would be straddled. */
static double fd_max_shift;

static void
fill (guint64   seed,
      IscStream kind,
      guint     layer,
      guint     rows,
      double   *out)
{
  float tmp[FD_WIDTH * FD_WIDTH];

  isc_rng_fill_matrix (seed, kind, layer, rows, FD_WIDTH, tmp);
  for (guint i = 0; i < rows * FD_WIDTH; i++)
    out[i] = tmp[i];
}

/* z = x W_l + b_l, layer @l's pre-activation before normalization */
static void
pre_activation (const Net    *net,
                guint         l,
                const double *x,
                double       *z)
{
  for (guint i = 0; i < FD_N; i++)
    z[i] = net->b[l][i % FD_WIDTH];
  for (guint b = 0; b < FD_BATCH; b++)
    for (guint j = 0; j < FD_WIDTH; j++)
      for (guint i = 0; i < FD_WIDTH; i++)
        z[b * FD_WIDTH + j] += x[b * FD_WIDTH + i] * net->w[l][i * FD_WIDTH + j];
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

/* The batch @x (layer @from's output) through layers from + 1 … to: x_to in
 * x; φ's inputs y into net->y unless known, else their shift in fd_max_shift. */
static void
forward (Net    *net,
         guint   from,
         guint   to,
         double *x)
{
  for (guint l = from; l < to; l++)
    {
      double z[FD_N];

      pre_activation (net, l, x, z);
      for (guint k = 0; net->norm == ISC_NORM_BATCH && k < FD_WIDTH; k++)
        normalize (z, k, FD_WIDTH, FD_BATCH);
      for (guint k = 0; net->norm == ISC_NORM_LAYER && k < FD_BATCH; k++)
        normalize (z, k * FD_WIDTH, 1, FD_WIDTH);
      for (guint i = 0; i < FD_N; i++)
        {
          if (net->have_y)
            fd_max_shift = MAX (fd_max_shift, fabs (z[i] - net->y[l][i]));
          else
            net->y[l][i] = z[i];
          x[i] = isc_test_phi (net->activation, z[i]);
        }
    }
}

/* LSUV's c on layer @l's input @x, as isc-run.c's loop: c ← c/√Var(c·xQ + b)
 * over the whole batch; then frozen into W_l, as the engine's backward
 * treats it (a constant of the init, not a function of x). */
static void
lsuv_freeze (Net          *net,
             guint         l,
             const double *x)
{
  double z[FD_N], c = 1.0, var = 0.0;
  double keep[FD_WIDTH];

  memcpy (keep, net->b[l], sizeof keep);
  memset (net->b[l], 0, sizeof keep);
  pre_activation (net, l, x, z);
  memcpy (net->b[l], keep, sizeof keep);
  for (guint round = 0; round <= ISC_LSUV_MAX_ROUNDS; round++)
    {
      double mean = 0.0;

      var = 0.0;
      for (guint i = 0; i < FD_N; i++)
        mean += (c * z[i] + net->b[l][i % FD_WIDTH]) / FD_N;
      for (guint i = 0; i < FD_N; i++)
        var += pow (c * z[i] + net->b[l][i % FD_WIDTH] - mean, 2) / FD_N;
      if (round == ISC_LSUV_MAX_ROUNDS || fabs (var - 1.0) <= ISC_LSUV_TOLERANCE)
        break;
      c /= sqrt (var);
    }
  g_test_message ("lsuv layer %u: c %g, variance %g", l + 1, c, var);
  for (guint i = 0; i < FD_WIDTH * FD_WIDTH; i++)
    net->w[l][i] *= c;
}

/* The engine's weights: its base matrices (the cache's, whatever the
 * scheme), its σ as the float alpha it multiplies by, its biases. */
static void
net_init (Net             *net,
          const IscConfig *config)
{
  const IscInitInfo *info = isc_init_get_info (config->init);
  double sigma = (float) isc_config_sigma (config, FD_WIDTH, FD_WIDTH);
  double x[FD_N];

  memset (net, 0, sizeof *net);
  net->activation = config->activation;
  net->norm = config->norm;
  fill (config->seed, ISC_STREAM_INPUT, 0, FD_BATCH, net->x0);
  fill (config->seed, ISC_STREAM_READOUT, 0, FD_BATCH, net->g);
  memcpy (x, net->x0, sizeof x);
  for (guint l = 0; l < FD_DEPTH; l++)
    {
      IscCacheKey key = { ISC_STREAM_WEIGHTS, l + 1, config->seed, FD_WIDTH, FD_WIDTH, info->base };
      g_auto(IscScratch) scratch = { 0 };
      g_autoptr(GBytes) base = isc_cache_get_matrix (NULL, 0, &key, &scratch);
      const float *q;

      g_assert_nonnull (base);
      q = g_bytes_get_data (base, NULL);
      for (guint i = 0; i < FD_WIDTH * FD_WIDTH; i++)
        net->w[l][i] = sigma * q[i];
      if (config->bias_scale > 0.0)
        {
          float b[FD_WIDTH];

          isc_rng_fill_normal (config->seed, ISC_STREAM_BIAS, l + 1, 0, FD_WIDTH, b);
          for (guint j = 0; j < FD_WIDTH; j++)
            net->b[l][j] = (float) (config->bias_scale * b[j]);
        }
      if (info->lsuv)
        lsuv_freeze (net, l, x);
      forward (net, l, l + 1, x);
    }
  net->have_y = TRUE;
}

/* L = (1/B) Σ_b ⟨g_b, x_L[b]⟩ from x_l = @x */
static double
loss_from (Net          *net,
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
 * statistics being O(1)), so f‴ ≲ 30 with |φ‴| ≤ 2, tanh's, the largest of
 * the nine (SELU's λα·e^z ≤ 1.76, GELU's ≤ 0.8); the ReLU family's pieces
 * only while no step crosses their kink (checked in the test); rounding
 * adds 2^-53·|f|/h ≈ 1e-10. */
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
  *config = isc_test_config (ISC_INIT_GAUSSIAN, ISC_ACTIVATION_TANH, FD_DEPTH, FD_WIDTH, FD_BATCH,
                             FD_SCALE, FD_SEED);
  config->norm = norm;
}

typedef struct
{
  IscActivation activation;
  IscNorm       norm;
  IscInit       init;
  double        bias_scale;
  guint64       seed;
} FdCase;

/* Both the plain run and one recomputing every layer from the input (a
 * budget of one activation: no checkpoint) against the differences. */
static void
test_finite_differences (gconstpointer data)
{
  const FdCase *c = data;
  IscConfig config;
  Net net;

  tiny_config (&config, c->norm);
  config.activation = c->activation;
  config.init = c->init;
  config.bias_scale = c->bias_scale;
  config.seed = c->seed;
  net_init (&net, &config);
  fd_max_shift = 0.0;
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
  /* the ReLU family's kink at 0: no y within the differences' reach of it
   * (the seed is chosen so; this checks it) */
  if (isc_test_phi_has_kink (c->activation))
    {
      double min_abs = G_MAXDOUBLE;

      for (guint l = 0; l < FD_DEPTH; l++)
        for (guint i = 0; i < FD_N; i++)
          min_abs = MIN (min_abs, fabs (net.y[l][i]));
      g_test_message ("smallest |y| %g, largest shift of y by a step %g", min_abs,
                      fd_max_shift);
      g_assert_cmpfloat (fd_max_shift, >, 0.0);
      g_assert_cmpfloat (min_abs, >, fd_max_shift);
    }
}

/* Every activation with each norm, then biases (which layer norm keeps and
 * batch norm removes) and LSUV's frozen c_l. */
static void
add_fd_tests (void)
{
  static FdCase cases[2 * ISC_N_ACTIVATIONS + 4];
  static const IscNorm norms[] = { ISC_NORM_BATCH, ISC_NORM_LAYER };
  guint n = 0;

  for (guint k = 0; k < G_N_ELEMENTS (norms); k++)
    for (guint a = 0; a < ISC_N_ACTIVATIONS; a++)
      cases[n++] = (FdCase) { a, norms[k], ISC_INIT_GAUSSIAN, 0.0, FD_SEED };
  for (guint k = 0; k < G_N_ELEMENTS (norms); k++)
    {
      cases[n++] = (FdCase) { ISC_ACTIVATION_GELU, norms[k], ISC_INIT_GAUSSIAN, 0.5, FD_SEED };
      cases[n++] = (FdCase) { ISC_ACTIVATION_SILU, norms[k], ISC_INIT_LSUV, 0.0, FD_SEED };
    }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path =
        g_strdup_printf ("/norm/finite-differences/%s/%s%s%s",
                         cases[i].norm == ISC_NORM_BATCH ? "batch" : "layer",
                         isc_activation_to_string (cases[i].activation),
                         cases[i].bias_scale > 0.0 ? "/bias" : "",
                         cases[i].init == ISC_INIT_LSUV ? "/lsuv" : "");

      g_test_add_data_func (path, &cases[i], test_finite_differences);
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

  config = isc_test_config (ISC_INIT_GAUSSIAN, ISC_ACTIVATION_TANH, SI_DEPTH, SI_WIDTH, SI_BATCH,
                            scale, 3);
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
  add_fd_tests ();
  g_test_add_func ("/norm/not-identity", test_not_identity);
  g_test_add_func ("/norm/batch/scale-removed", test_scale_removed);
  g_test_add_func ("/norm/batch/batch-one", test_batch_one);
  g_test_add_func ("/norm/batch/preview-rows", test_preview_rows);
  return g_test_run ();
}
