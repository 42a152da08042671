/* test-backward.c — the backward pass: gradients against finite differences in double, the
 * lecture's gradient maths, distinct units, the memory plan, the range modes
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "isc-backward.h"
#include "isc-distinct.h"
#include "isc-math.h"
#include "isc-network.h"
#include "isc-rng.h"
#include "isc-test-phi.h"
#include "isc-test-util.h"
#include "isc-theory.h"

/* ------------------------------------------------------------------------ */
/* The tiny net in double, written here from the same streams */

#define FD_DEPTH 3
#define FD_WIDTH 5
#define FD_BATCH 4
#define FD_SEED  7
#define FD_SCALE 0.6

typedef struct
{
  IscActivation activation;
  double        w[FD_DEPTH][FD_WIDTH * FD_WIDTH];  /* W_l = σ Z_l */
  double        x0[FD_BATCH * FD_WIDTH];
  double        g[FD_BATCH * FD_WIDTH];
} Net;

static void
fill (IscStream kind,
      guint     layer,
      guint     rows,
      double   *out)
{
  float tmp[FD_BATCH * FD_WIDTH > FD_WIDTH * FD_WIDTH ? FD_BATCH * FD_WIDTH
                                                      : FD_WIDTH * FD_WIDTH];

  isc_rng_fill_matrix (FD_SEED, kind, layer, rows, FD_WIDTH, tmp);
  for (guint i = 0; i < rows * FD_WIDTH; i++)
    out[i] = tmp[i];
}

static void
net_init (Net           *net,
          IscActivation  activation)
{
  net->activation = activation;
  for (guint l = 0; l < FD_DEPTH; l++)
    {
      fill (ISC_STREAM_WEIGHTS, l + 1, FD_WIDTH, net->w[l]);
      for (guint i = 0; i < FD_WIDTH * FD_WIDTH; i++)
        net->w[l][i] *= (float) FD_SCALE;  /* the engine's alpha is a float */
    }
  fill (ISC_STREAM_INPUT, 0, FD_BATCH, net->x0);
  fill (ISC_STREAM_READOUT, 0, FD_BATCH, net->g);
}

/* One sample's row x (layer @from's output, 0: the input) through layers
 * from + 1 … depth; returns ⟨g_b, x_L⟩. Also the smallest |z| met, to make
 * sure no ReLU kink lies within a step. */
static double
forward_row (const Net    *net,
             guint         b,
             guint         from,
             const double *x,
             double       *min_abs_z)
{
  double cur[FD_WIDTH], next[FD_WIDTH], loss = 0.0;

  memcpy (cur, x, sizeof cur);
  for (guint l = from; l < FD_DEPTH; l++)
    {
      for (guint j = 0; j < FD_WIDTH; j++)
        {
          double z = 0.0;

          for (guint i = 0; i < FD_WIDTH; i++)
            z += cur[i] * net->w[l][i * FD_WIDTH + j];
          if (min_abs_z != NULL)
            *min_abs_z = MIN (*min_abs_z, fabs (z));
          next[j] = isc_test_phi (net->activation, z);
        }
      memcpy (cur, next, sizeof cur);
    }
  for (guint j = 0; j < FD_WIDTH; j++)
    loss += net->g[b * FD_WIDTH + j] * cur[j];
  return loss;
}

/* x_l of sample b (l = 0: the input). */
static void
activation_row (const Net *net,
                guint      b,
                guint      l,
                double    *x)
{
  memcpy (x, &net->x0[b * FD_WIDTH], FD_WIDTH * sizeof (double));
  for (guint k = 0; k < l; k++)
    {
      double next[FD_WIDTH];

      for (guint j = 0; j < FD_WIDTH; j++)
        {
          double z = 0.0;

          for (guint i = 0; i < FD_WIDTH; i++)
            z += x[i] * net->w[k][i * FD_WIDTH + j];
          next[j] = isc_test_phi (net->activation, z);
        }
      memcpy (x, next, sizeof next);
    }
}

/* L = (1/B) Σ_b ⟨g_b, x_L[b]⟩ */
static double
loss (const Net *net,
      double    *min_abs_z)
{
  double sum = 0.0;

  for (guint b = 0; b < FD_BATCH; b++)
    sum += forward_row (net, b, 0, &net->x0[b * FD_WIDTH], min_abs_z);
  return sum / FD_BATCH;
}

typedef struct
{
  double mean, std, min, max, maxabs;
} Moments;

static Moments
moments (const double *v,
         guint         n)
{
  Moments m = { 0.0, 0.0, G_MAXDOUBLE, -G_MAXDOUBLE, 0.0 };
  double ss = 0.0;

  for (guint i = 0; i < n; i++)
    {
      m.mean += v[i] / n;
      m.min = MIN (m.min, v[i]);
      m.max = MAX (m.max, v[i]);
      m.maxabs = MAX (m.maxabs, fabs (v[i]));
    }
  for (guint i = 0; i < n; i++)
    ss += (v[i] - m.mean) * (v[i] - m.mean);
  m.std = sqrt (ss / n);
  return m;
}

/* The step and its error. Central differences: D(h) − f′ = h² f‴(ξ)/6 plus
 * rounding ≈ ε|f|/h with ε = 2^-53. For these nets |f| ≲ 10 and
 * |f‴| ≲ 10 along one weight or activation (products of at most three
 * O(1) weights and φ‴, |tanh‴| ≤ 2, |σ‴| ≤ 1/8), so h = 1e-5 gives
 * 1e-10 · 10/6 + 1.1e-16 · 10 / 1e-5 ≈ 2e-10 + 1e-10: FD_ERROR, a bound
 * far below the float error it is compared within. */
#define FD_STEP  1e-5
#define FD_ERROR 1e-9

/* The engine's float result against the double reference: each product
 * sums at most k = max (width, batch) terms, each rounded by u = 2^-24, and
 * every layer (product, φ, φ′) adds a few more, so an entry is off by at
 * most ~(depth + 1)(k + 4) u of the magnitudes it is made of; 16 times
 * that, relative to the layer's largest entry, leaves room for a
 * cancellation of 16 (these nets have none that large). The mean, std, min
 * and max move at most by the largest entry's error. */
static double
float_tolerance (double maxabs)
{
  double u = FLT_EPSILON / 2.0;
  double k = MAX (FD_WIDTH, FD_BATCH);

  return 16.0 * (FD_DEPTH + 1) * (k + 4) * u * MAX (maxabs, 1e-30) + FD_ERROR;
}

static void
assert_moments (const IscLayerStats *s,
                const double        *ref,
                guint                n,
                const char          *what,
                guint                layer)
{
  Moments m = moments (ref, n);
  double tol = float_tolerance (m.maxabs);

  g_test_message ("%s layer %u: mean %g (engine %g), std %g (%g), tol %g", what, layer + 1,
                  m.mean, s->mean, m.std, s->std, tol);
  g_assert_cmpuint (s->count, ==, n);
  g_assert_cmpuint (s->nonfinite, ==, 0);
  g_assert_cmpfloat_with_epsilon (s->mean, m.mean, tol);
  g_assert_cmpfloat_with_epsilon (s->std, m.std, tol);
  g_assert_cmpfloat_with_epsilon (s->min, m.min, tol);
  g_assert_cmpfloat_with_epsilon (s->max, m.max, tol);
  /* a gradient that is all zero would pass anything: not these */
  g_assert_cmpfloat (m.maxabs, >, 1e3 * tol);
}

/* ∂L/∂W_l[i][j] by central differences of the whole loss. */
static void
fd_weight_gradient (Net    *net,
                    guint   l,
                    double *out)
{
  for (guint i = 0; i < FD_WIDTH * FD_WIDTH; i++)
    {
      double keep = net->w[l][i], up, down;

      net->w[l][i] = keep + FD_STEP;
      up = loss (net, NULL);
      net->w[l][i] = keep - FD_STEP;
      down = loss (net, NULL);
      net->w[l][i] = keep;
      out[i] = (up - down) / (2.0 * FD_STEP);
    }
}

/* δ_l[b][i] = ∂L_b/∂x_l[b][i]: x_l nudged, then the layers above it. */
static void
fd_activation_gradient (const Net *net,
                        guint      l,
                        double    *out)
{
  for (guint b = 0; b < FD_BATCH; b++)
    {
      double x[FD_WIDTH];

      activation_row (net, b, l, x);
      for (guint i = 0; i < FD_WIDTH; i++)
        {
          double keep = x[i], up, down;

          x[i] = keep + FD_STEP;
          up = forward_row (net, b, l, x, NULL);
          x[i] = keep - FD_STEP;
          down = forward_row (net, b, l, x, NULL);
          x[i] = keep;
          out[b * FD_WIDTH + i] = (up - down) / (2.0 * FD_STEP);
        }
    }
}

static IscResult *
run_gradients (const IscConfig *config,
               guint            max_batch,
               guint            max_units,
               gsize            budget)
{
  g_autoptr(GError) error = NULL;
  IscRunOptions options = { max_batch, max_units, TRUE, budget, NULL, NULL };
  IscResult *result = isc_network_run_with_options (config, NULL, &options, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (isc_result_has_gradients (result));
  return result;
}

static void
test_finite_differences (gconstpointer data)
{
  IscActivation activation = GPOINTER_TO_UINT (data);
  g_autoptr(IscResult) result = NULL;
  double min_abs_z = G_MAXDOUBLE;
  IscConfig config;
  Net net;

  net_init (&net, activation);
  loss (&net, &min_abs_z);
  /* no ReLU kink within ten steps of a pre-activation: the differences are smooth */
  g_assert_cmpfloat (min_abs_z, >, 10 * FD_STEP);

  config = isc_test_config (ISC_INIT_GAUSSIAN, activation, FD_DEPTH, FD_WIDTH, FD_BATCH,
                            FD_SCALE, FD_SEED);
  result = run_gradients (&config, 0, 0, 0);

  for (guint l = 0; l < FD_DEPTH; l++)
    {
      double dw[FD_WIDTH * FD_WIDTH], dx[FD_BATCH * FD_WIDTH];

      fd_weight_gradient (&net, l, dw);
      fd_activation_gradient (&net, l + 1, dx);
      assert_moments (isc_result_get_view_layer (result, ISC_VIEW_WEIGHT_GRADIENTS, l),
                      dw, FD_WIDTH * FD_WIDTH, "dW", l);
      assert_moments (isc_result_get_view_layer (result, ISC_VIEW_GRADIENTS, l),
                      dx, FD_BATCH * FD_WIDTH, "delta", l);
    }
}

/* ------------------------------------------------------------------------ */
/* A weight gradient made in strips (a large matrix, a small batch), against
 * the same product in double: one linear layer, so ∂W = (1/B) x_0ᵀ g. */

#define STRIP_WIDTH 1100  /* 1.21 M values, strips of 48 rows, the last one of 44 */

typedef struct
{
  double *dw;
  double  span_of_bound;  /* (max − min) / U */
  double  bound;          /* U (1 + 2^-10), as the engine widens it */
  double  tol;
} StripReference;

static void
strip_reference (guint           batch,
                 StripReference *ref)
{
  guint w = STRIP_WIDTH;
  g_autofree float *x = g_new (float, (gsize) batch * w);
  g_autofree float *g = g_new (float, (gsize) batch * w);
  g_autofree double *nx = g_new0 (double, w);
  g_autofree double *ng = g_new0 (double, w);
  double top_x = 0.0, top_g = 0.0, top_abs = 0.0, lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;

  isc_rng_fill_matrix (FD_SEED, ISC_STREAM_INPUT, 0, batch, w, x);
  isc_rng_fill_matrix (FD_SEED, ISC_STREAM_READOUT, 0, batch, w, g);
  ref->dw = g_new (double, (gsize) w * w);
  for (guint b = 0; b < batch; b++)
    for (guint i = 0; i < w; i++)
      {
        nx[i] += (double) x[b * w + i] * x[b * w + i];
        ng[i] += (double) g[b * w + i] * g[b * w + i];
      }
  for (guint i = 0; i < w; i++)
    for (guint j = 0; j < w; j++)
      {
        double sum = 0.0, abs_sum = 0.0;

        for (guint b = 0; b < batch; b++)
          {
            sum += (double) x[b * w + i] * g[b * w + j];
            abs_sum += fabs ((double) x[b * w + i] * g[b * w + j]);
          }
        ref->dw[(gsize) i * w + j] = sum / batch;
        top_abs = MAX (top_abs, abs_sum / batch);
        lo = MIN (lo, sum / batch);
        hi = MAX (hi, sum / batch);
      }
  for (guint i = 0; i < w; i++)
    {
      top_x = MAX (top_x, nx[i]);
      top_g = MAX (top_g, ng[i]);
    }
  ref->bound = sqrt (top_x) * sqrt (top_g) / batch * (1.0 + 1.0 / 1024);
  ref->span_of_bound = (hi - lo) / (sqrt (top_x) * sqrt (top_g) / batch);
  /* a float sum of B products errs by at most γ_B Σ|x g| (B u for B u ≪ 1),
   * and the scaling by the float 1/B adds two roundings more */
  ref->tol = 2.0 * (batch + 2) * (FLT_EPSILON / 2.0) * top_abs;
}

/* Counts of the reference's values in the fine histogram's bins, and how
 * many lie within @tol of an edge, where a float value may fall either side. */
static guint64
reference_counts (const IscHistogram *fine,
                  const double       *dw,
                  gsize               n,
                  double              tol,
                  guint64            *counts)
{
  double scale = isc_histogram_get_scale (fine);
  guint64 near_edge = 0;

  for (gsize i = 0; i < n; i++)
    {
      double t = (dw[i] - fine->lo) * scale;

      counts[isc_math_bin_index (dw[i], fine->lo, scale, fine->n_bins)]++;
      near_edge += fabs (t - round (t)) < tol * scale;
    }
  return near_edge;
}

static void
test_weight_gradient_strips (gconstpointer data)
{
  guint batch = GPOINTER_TO_UINT (data);
  gsize n = (gsize) STRIP_WIDTH * STRIP_WIDTH;
  g_autoptr(IscResult) result = NULL;
  g_autofree guint64 *counts = NULL;
  const IscLayerStats *s;
  const IscHistogram *fine;
  StripReference ref;
  Moments m;
  guint64 near_edge, off = 0;
  IscConfig config;

  isc_config_init_default (&config);
  config = isc_test_config (ISC_INIT_GAUSSIAN, ISC_ACTIVATION_LINEAR, 1, STRIP_WIDTH, batch,
                            config.scale, FD_SEED);
  result = run_gradients (&config, 0, 0, 0);
  strip_reference (batch, &ref);
  m = moments (ref.dw, n);
  s = isc_result_get_view_layer (result, ISC_VIEW_WEIGHT_GRADIENTS, 0);
  fine = isc_result_get_fine (result, ISC_VIEW_WEIGHT_GRADIENTS, 0);
  g_test_message ("batch %u: mean %g (engine %g), std %g (%g), span %.3f of the bound, tol %g",
                  batch, m.mean, s->mean, m.std, s->std, ref.span_of_bound, ref.tol);

  g_assert_cmpuint (s->count, ==, n);
  g_assert_cmpuint (s->nonfinite, ==, 0);
  g_assert_cmpfloat_with_epsilon (s->mean, m.mean, ref.tol);
  g_assert_cmpfloat_with_epsilon (s->std, m.std, ref.tol);
  g_assert_cmpfloat_with_epsilon (s->min, m.min, ref.tol);
  g_assert_cmpfloat_with_epsilon (s->max, m.max, ref.tol);
  g_assert_cmpfloat (m.std, >, 1e3 * ref.tol);

  /* the range: the bound where the values span at least half of it (so at
   * least 4 096 of the bins), else their own [min, max]; not near the switch */
  g_assert_cmpfloat (fabs (ref.span_of_bound - 1.0), >, 1e-3);
  if (ref.span_of_bound >= 1.0)
    {
      g_assert_cmpfloat_with_epsilon (fine->lo, -ref.bound, 1e-12 * ref.bound);
      g_assert_cmpfloat_with_epsilon (fine->hi, ref.bound, 1e-12 * ref.bound);
    }
  else
    {
      g_assert_cmpfloat (fine->lo, ==, s->min);
      g_assert_cmpfloat (fine->hi, ==, s->max);
    }
  g_assert_cmpfloat ((s->max - s->min) * fine->n_bins / (fine->hi - fine->lo), >=,
                     fine->n_bins / 2.0);

  /* every value binned, each where the reference puts it but for those
   * within rounding of an edge */
  g_assert_cmpuint (isc_histogram_total (fine), ==, n);
  g_assert_cmpuint (fine->not_binned, ==, 0);
  counts = g_new0 (guint64, fine->n_bins);
  near_edge = reference_counts (fine, ref.dw, n, ref.tol, counts);
  for (guint b = 0; b < fine->n_bins; b++)
    off += fine->counts[b] > counts[b] ? fine->counts[b] - counts[b] : counts[b] - fine->counts[b];
  g_test_message ("%" G_GUINT64_FORMAT " values off their bin, %" G_GUINT64_FORMAT
                  " within rounding of an edge", off / 2, near_edge);
  g_assert_cmpuint (off, <=, 2 * near_edge);
  g_free (ref.dw);
}

/* ------------------------------------------------------------------------ */
/* The lecture's gradients (the 2016 set-up: 10 layers of 500, batch 1000) */

static void
config_2016 (IscConfig     *config,
             IscInit        init,
             IscActivation  activation,
             double         scale)
{
  *config = isc_test_config (init, activation, 10, 500, 1000, scale, 1);
}

static double
grad_std (const IscResult *result,
          guint            layer)
{
  return isc_result_get_view_layer (result, ISC_VIEW_GRADIENTS, layer)->std;
}

/* The std of δ_{l−1} over that of δ_l, for each layer l, in order from the
 * top: what a layer multiplies the gradient by on its way down. */
static void
layer_ratios (const IscResult *result,
              double          *ratio)
{
  guint depth = isc_result_get_n_layers (result);

  for (guint l = depth - 1; l > 0; l--)
    ratio[depth - 1 - l] = grad_std (result, l - 1) / grad_std (result, l);
}

/* Var δ_{l−1} = Var δ_l · χ̂_l, χ̂_l the layer's empirical N σ² ⟨φ′²⟩: a sum
 * over N = 500 units of independent terms, so χ̂_l/χ is off by about
 * √(Var(Z²φ′²)/N)/E[Z²φ′²]; for ReLU (Z² kept half the time) that is
 * √((3·½ − ¼)/500)/½ ≈ 0.10 in variance, 0.05 in std, a layer. Nine layers
 * are a random walk: 0.05·√9 = 0.15 in log std, and a band of four of
 * those, ±0.6, keeps the ratio in [0.55, 1.8] where Xavier's ×√½ a layer
 * (0.044 over nine) or σ = 0.01 (1e-6) are far out. The band holds every
 * layer on the way, against the theory's grad_std. */
static void
test_relu_kaiming (void)
{
  g_autoptr(IscResult) result = NULL;
  IscTheoryLayer theory[10];
  IscConfig config;

  config_2016 (&config, ISC_INIT_KAIMING, ISC_ACTIVATION_RELU, 0.0);
  result = run_gradients (&config, 0, 0, 0);
  g_assert_true (isc_theory_compute ("relu", 2.0, 0.0, 10, theory, NULL));

  g_assert_cmpfloat_with_epsilon (grad_std (result, 9), 1.0, 0.05);
  for (guint l = 0; l < 10; l++)
    {
      double log_ratio = log (grad_std (result, l) / grad_std (result, 9)) -
                         log (theory[l].grad_std / theory[9].grad_std);

      g_test_message ("relu kaiming: std δ_%u = %g (theory ×%g)", l + 1, grad_std (result, l),
                      theory[l].grad_std);
      g_assert_cmpfloat (fabs (log_ratio), <, 0.6);
    }
}

/* tanh at σ = 0.01: z = σ·Σ x W has std σ√N·std x ≪ 1, so φ′ ≈ 1 and each
 * layer multiplies δ's std by σ√N = 0.01·√500 = 0.224 (χ̂ exactly, up to the
 * 5 % a layer of the Z² average, see above: the geometric mean of nine
 * ratios is within 0.05/√9·4 ≈ 7 %; allow 10 %, φ′ = 1 − x² taking < 1 %). */
static void
test_tanh_small (void)
{
  g_autoptr(IscResult) result = NULL;
  double ratio[9], log_mean = 0.0, expected = 0.01 * sqrt (500.0);
  IscConfig config;

  config_2016 (&config, ISC_INIT_GAUSSIAN, ISC_ACTIVATION_TANH, 0.01);
  result = run_gradients (&config, 0, 0, 0);
  layer_ratios (result, ratio);
  for (guint i = 0; i < 9; i++)
    {
      g_test_message ("tanh σ=0.01: ×%g a layer", ratio[i]);
      g_assert_cmpfloat (fabs (log (ratio[i] / expected)), <, 0.3);
      log_mean += log (ratio[i]) / 9;
    }
  g_assert_cmpfloat (fabs (exp (log_mean) / expected - 1.0), <, 0.10);
  /* the gradients at layer 1: ~0.224⁹ ≈ 1.4e-6 of the top's */
  g_assert_cmpfloat (grad_std (result, 0) / grad_std (result, 9), <, 1e-5);
}

/* tanh at σ = 1.0: saturated (x = ±1 mostly, φ′ small), yet N σ² ⟨φ′²⟩ is
 * ~3.5² in mean field: δ grows towards the input, every layer. The theory's
 * ×√χ a layer from isc_theory_compute, within the same 0.6 band in log
 * std over the nine layers (the per-layer χ̂ fluctuates as above). */
static void
test_tanh_large (void)
{
  g_autoptr(IscResult) result = NULL;
  IscTheoryLayer theory[10];
  double ratio[9];
  IscConfig config;

  config_2016 (&config, ISC_INIT_GAUSSIAN, ISC_ACTIVATION_TANH, 1.0);
  result = run_gradients (&config, 0, 0, 0);
  g_assert_true (isc_theory_compute ("tanh", 500.0, 0.0, 10, theory, NULL));
  layer_ratios (result, ratio);
  for (guint i = 0; i < 9; i++)
    {
      g_test_message ("tanh σ=1: ×%g a layer (theory ×%g)", ratio[i],
                      theory[8 - i].grad_std / theory[9 - i].grad_std);
      g_assert_cmpfloat (ratio[i], >, 1.0);
    }
  g_assert_cmpfloat (fabs (log (grad_std (result, 0) / grad_std (result, 9)) -
                           log (theory[0].grad_std / theory[9].grad_std)), <, 0.6);
  /* and the local derivative is tiny: most activations saturated */
  g_assert_cmpfloat (isc_result_get_layer (result, 9)->saturated, >, 0.5);
}

/* ------------------------------------------------------------------------ */
/* Symmetry: distinct units */

static void
test_distinct (void)
{
  static const struct { IscInit init; double scale; guint expected; } cases[] = {
    { ISC_INIT_ZERO, 0.01, 1 },
    { ISC_INIT_CONSTANT, 0.01, 1 },
    { ISC_INIT_CONSTANT, 0.5, 1 },
    { ISC_INIT_GAUSSIAN, 0.05, 64 },
    { ISC_INIT_XAVIER, 0.0, 64 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(IscResult) result = NULL;
      IscConfig config;

      isc_config_init_default (&config);
      config.init = cases[i].init;
      config.scale = cases[i].scale;
      config.activation = ISC_ACTIVATION_TANH;
      config.depth = 4;
      config.width = 64;
      config.batch = 32;
      result = isc_network_run (&config, NULL, 0, 0, NULL, &error);
      g_assert_no_error (error);
      for (guint l = 0; l < 4; l++)
        g_assert_cmpuint (isc_result_get_distinct (result, l), ==, cases[i].expected);
    }
}

/* Columns that agree but for one bit are told apart; duplicates among
 * different columns are counted once each group. */
static void
test_distinct_columns (void)
{
  float x[3 * 6];

  for (guint r = 0; r < 3; r++)
    for (guint c = 0; c < 6; c++)
      x[r * 6 + c] = (float) (c % 3) + r;  /* columns 0=3, 1=4, 2=5 */
  g_assert_cmpuint (isc_distinct_columns (x, 3, 6), ==, 3);
  x[2 * 6 + 4] = nextafterf (x[2 * 6 + 4], 10.0f);
  g_assert_cmpuint (isc_distinct_columns (x, 3, 6), ==, 4);
  x[0] = -0.0f;
  x[3] = 0.0f;
  g_assert_cmpuint (isc_distinct_columns (x, 3, 6), ==, 5);
}

/* With constant weights every unit gets the same gradient too: below the
 * top (whose δ is the read-out g, different for every unit) δ_l = σ e 1ᵀ
 * has equal columns, so the weight gradient of layers 2 … depth − 1 (their
 * input x's columns equal too) has one value. */
static void
test_constant_gradients (void)
{
  g_autoptr(IscResult) result = NULL;
  IscConfig config;

  isc_config_init_default (&config);
  config.init = ISC_INIT_CONSTANT;
  config.scale = 0.1;
  config.activation = ISC_ACTIVATION_TANH;
  config.depth = 4;
  config.width = 32;
  config.batch = 16;
  result = run_gradients (&config, 0, 0, 0);
  for (guint l = 1; l < 3; l++)
    {
      const IscLayerStats *w = isc_result_get_view_layer (result, ISC_VIEW_WEIGHT_GRADIENTS, l);

      /* ∂W[i][j] = (1/B) Σ_b x[b][i] e[b][j] with every column of x, and of e,
       * the same: one value, up to the product's rounding (k = 16 terms of
       * u = 2^-24 each: 1e-6 of it is far more than enough) */
      g_assert_cmpfloat (fabs (w->mean), >, 0.0);
      g_assert_cmpfloat (w->std, <=, 1e-6 * fabs (w->mean));
      g_assert_cmpuint (isc_result_get_distinct (result, l), ==, 1);
    }
}

/* ------------------------------------------------------------------------ */
/* Without the backward pass, and the activations unchanged by it */

static void
test_optional (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IscResult) plain = NULL;
  g_autoptr(IscResult) with = NULL;
  IscConfig config;

  config_2016 (&config, ISC_INIT_XAVIER, ISC_ACTIVATION_RELU, 0.0);
  config.depth = 4;
  plain = isc_network_run (&config, NULL, 0, 0, NULL, &error);
  g_assert_no_error (error);
  with = run_gradients (&config, 0, 0, 0);

  g_assert_false (isc_result_has_gradients (plain));
  g_assert_null (isc_result_get_view_layer (plain, ISC_VIEW_GRADIENTS, 0));
  g_assert_null (isc_result_get_fine (plain, ISC_VIEW_WEIGHT_GRADIENTS, 0));
  for (guint l = 0; l < 4; l++)
    {
      const IscLayerStats *a = isc_result_get_layer (plain, l);
      const IscLayerStats *b = isc_result_get_layer (with, l);

      g_assert_cmpmem (&a->std, sizeof a->std, &b->std, sizeof b->std);
      g_assert_cmpmem (a->bins, config.bins * sizeof (guint64), b->bins,
                       config.bins * sizeof (guint64));
      g_assert_nonnull (isc_result_get_view_layer (with, ISC_VIEW_WEIGHT_GRADIENTS, l));
      g_assert_cmpuint (isc_result_get_view_layer (with, ISC_VIEW_WEIGHT_GRADIENTS, l)->count,
                        ==, 500 * 500);
    }
}

/* A preview runs the backward pass on its block, with the same σ gain. */
static void
test_preview (void)
{
  g_autoptr(IscResult) result = NULL;
  IscConfig config;

  config_2016 (&config, ISC_INIT_KAIMING, ISC_ACTIVATION_RELU, 0.0);
  result = run_gradients (&config, 200, 100, 0);
  g_assert_true (isc_result_is_preview (result));
  g_assert_cmpuint (isc_result_get_view_layer (result, ISC_VIEW_GRADIENTS, 0)->count, ==,
                    200 * 100);
  g_assert_cmpuint (isc_result_get_view_layer (result, ISC_VIEW_WEIGHT_GRADIENTS, 0)->count,
                    ==, 100 * 100);
  /* Kaiming at the block's fan-in keeps the gradient std (the band above, at N = 100) */
  g_assert_cmpfloat (fabs (log (grad_std (result, 0) / grad_std (result, 9))), <, 1.3);
}

/* ------------------------------------------------------------------------ */
/* The memory plan */

static void
test_plan (void)
{
  static const struct { guint depth; gsize matrices; guint spacing; } cases[] = {
    { 10, 9, 1 },     /* x_1 … x_9 fit */
    { 10, 100, 1 },
    { 50, 13, 5 },    /* 9 checkpoints and a segment of 4: 13, the fewest any spacing needs */
    { 50, 20, 3 },    /* the smallest spacing that fits, the least recomputed: 16 + 2 ≤ 20 */
    { 50, 12, 50 },   /* too few for any: segments recomputed from the input */
    { 50, 2, 50 },
    { 50, 0, 50 },
    { 1, 0, 1 },      /* one layer keeps nothing */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_auto(IscRun) run = { 0 };
      g_autoptr(IscBackward) bwd = NULL;
      IscConfig config;
      gsize matrix = 64 * 32 * sizeof (float);

      isc_config_init_default (&config);
      config.depth = cases[i].depth;
      config.width = 32;
      config.batch = 64;
      g_assert_true (isc_run_init (&run, &config, NULL, 0, 0, NULL, &error));
      bwd = isc_backward_new (&run, MAX (cases[i].matrices * matrix, 1), &error);
      g_assert_no_error (error);
      g_assert_cmpuint (isc_backward_get_spacing (bwd), ==, cases[i].spacing);
      g_assert_cmpuint (isc_backward_get_n_slots (bwd) * matrix, <=,
                        MAX (cases[i].matrices * matrix, 1));
    }
}

/* Results at every plan agree bit for bit (deep, so each plan recomputes). */
static void
test_plans_agree (void)
{
  g_autoptr(IscResult) all = NULL;
  IscConfig config;
  gsize matrix = 64 * 48 * sizeof (float);
  const gsize budgets[] = { 14 * matrix, 5 * matrix, 1 * matrix, 1 };

  isc_config_init_default (&config);
  config.init = ISC_INIT_XAVIER;
  config.activation = ISC_ACTIVATION_TANH;
  config.depth = 17;
  config.width = 48;
  config.batch = 64;
  all = run_gradients (&config, 0, 0, 0);
  for (guint i = 0; i < G_N_ELEMENTS (budgets); i++)
    {
      g_autoptr(IscResult) other = run_gradients (&config, 0, 0, budgets[i]);

      for (guint l = 0; l < config.depth; l++)
        for (IscView v = ISC_VIEW_GRADIENTS; v < ISC_N_VIEWS; v++)
          {
            const IscLayerStats *a = isc_result_get_view_layer (all, v, l);
            const IscLayerStats *b = isc_result_get_view_layer (other, v, l);

            g_assert_cmpmem (&a->mean, sizeof a->mean, &b->mean, sizeof b->mean);
            g_assert_cmpmem (&a->std, sizeof a->std, &b->std, sizeof b->std);
            g_assert_cmpmem (a->bins, config.bins * sizeof (guint64), b->bins,
                             config.bins * sizeof (guint64));
          }
    }
}

/* ------------------------------------------------------------------------ */
/* Range modes */

static void
test_symlog (void)
{
  const double t = 1e-3;
  const double xs[] = { 0.0, 1e-9, -1e-9, 1e-3, -2.5, 1e6, -1e30 };

  for (guint i = 0; i < G_N_ELEMENTS (xs); i++)
    {
      double y = isc_symlog (xs[i], t);

      g_assert_cmpfloat (isc_symlog (-xs[i], t), ==, -y);
      g_assert_cmpfloat_with_epsilon (isc_symlog_inverse (y, t), xs[i],
                                      1e-12 * MAX (fabs (xs[i]), t));
    }
  /* log10 (1 + 1) at the threshold; a decade a decade far from it */
  g_assert_cmpfloat_with_epsilon (isc_symlog (t, t), log10 (2.0), 1e-15);
  g_assert_cmpfloat_with_epsilon (isc_symlog (1e3, t) - isc_symlog (1e2, t), 1.0, 1e-5);
  g_assert_true (isc_symlog (1e-6, t) < isc_symlog (1e-5, t));
}

/* Every mode keeps every value: the counts sum to the layer's, in the view's
 * bins. Layer 1's δ at σ = 0.01 is ~1e-6 of the top's: the shared range has
 * it in one or two bins, its own range spreads it over most, and the symlog
 * axis (t ≈ its std, the top ~6 decades above) gives it its decade's share,
 * log10 (1 + 4) on each side of ±6.5: ~6 of 60 bins, more than 3. */
static void
test_rebin_modes (void)
{
  g_autoptr(IscResult) result = NULL;
  IscConfig config;

  config_2016 (&config, ISC_INIT_GAUSSIAN, ISC_ACTIVATION_TANH, 0.01);
  result = run_gradients (&config, 0, 0, 0);
  g_assert_cmpint (isc_view_get_default_range (ISC_VIEW_ACTIVATIONS), ==, ISC_RANGE_SHARED);
  g_assert_cmpint (isc_view_get_default_range (ISC_VIEW_GRADIENTS), ==, ISC_RANGE_PER_LAYER);

  for (IscView v = 0; v < ISC_N_VIEWS; v++)
    for (IscRangeMode mode = 0; mode < ISC_N_RANGES; mode++)
      {
        g_auto(IscHistogram) hist = { 0 };
        guint used = 0;

        g_assert_true (isc_histogram_init (&hist, 0.0, 1.0, 60));
        g_assert_true (isc_result_rebin (result, v, 0, mode, &hist));
        g_assert_cmpuint (isc_histogram_total (&hist), ==,
                          isc_result_get_view_layer (result, v, 0)->count);
        for (guint b = 0; b < 60; b++)
          used += hist.counts[b] != 0;
        g_test_message ("view %d mode %d: %u of 60 bins used", v, mode, used);
        if (v != ISC_VIEW_ACTIVATIONS && mode == ISC_RANGE_PER_LAYER)
          g_assert_cmpuint (used, >, 20);
        if (v == ISC_VIEW_GRADIENTS && mode == ISC_RANGE_SYMLOG)
          g_assert_cmpuint (used, >, 3);
        if (v == ISC_VIEW_GRADIENTS && mode == ISC_RANGE_SHARED)
          g_assert_cmpuint (used, <=, 2);
      }
  g_assert_cmpfloat (isc_result_get_symlog_threshold (result, ISC_VIEW_GRADIENTS), <, 1e-5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (IscActivation a = 0; a < ISC_N_ACTIVATIONS; a++)
    {
      g_autofree char *path = g_strdup_printf ("/engine/backward/finite-differences/%s",
                                               isc_activation_to_string (a));

      g_test_add_data_func (path, GUINT_TO_POINTER (a), test_finite_differences);
    }
  /* a batch whose values span more than half the bound, and one that spans less */
  g_test_add_data_func ("/engine/backward/weight-gradient-strips/16", GUINT_TO_POINTER (16),
                        test_weight_gradient_strips);
  g_test_add_data_func ("/engine/backward/weight-gradient-strips/64", GUINT_TO_POINTER (64),
                        test_weight_gradient_strips);
  g_test_add_func ("/engine/backward/relu-kaiming", test_relu_kaiming);
  g_test_add_func ("/engine/backward/tanh-small", test_tanh_small);
  g_test_add_func ("/engine/backward/tanh-large", test_tanh_large);
  g_test_add_func ("/engine/backward/distinct", test_distinct);
  g_test_add_func ("/engine/backward/distinct-columns", test_distinct_columns);
  g_test_add_func ("/engine/backward/constant", test_constant_gradients);
  g_test_add_func ("/engine/backward/optional", test_optional);
  g_test_add_func ("/engine/backward/preview", test_preview);
  g_test_add_func ("/engine/backward/plan", test_plan);
  g_test_add_func ("/engine/backward/plans-agree", test_plans_agree);
  g_test_add_func ("/engine/backward/symlog", test_symlog);
  g_test_add_func ("/engine/backward/rebin-modes", test_rebin_modes);

  return g_test_run ();
}
