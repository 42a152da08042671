/* test-determinism.c — the same bits whatever the thread count
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The engine cuts each product into tiles whose shape depends on the
 * product's alone and runs them on one OpenBLAS thread each over its own
 * pool (isc-blas.h, isc-network.c). These tests compare every statistic and
 * every bin of whole results, bit for bit, at 1 and 2 engine threads, with
 * OpenBLAS asked for 1 or 2 threads, with and without the cache (and with a
 * cache too small for the net, so that its scratch buffer is used), for
 * shapes that cut into rows and columns, columns only, and previews. Every
 * run includes the backward pass: both gradient views, their fine
 * histograms and the distinct units are compared too, and so are runs whose
 * memory budget keeps every activation, √depth checkpoints, or none.
 */

#include "config.h"

#include <string.h>

#include <cblas.h>

#include "isc-network.h"

typedef struct
{
  const char   *name;
  IscInit       init;
  IscActivation activation;
  guint         depth;
  guint         width;
  guint         batch;
  guint         max_batch;
  guint         max_units;
  IscNorm       norm;
} Case;

static const Case cases[] = {
  /* the issue's: tiles of 96 rows × 64 columns, the last ones narrower */
  { "kaiming-relu", ISC_INIT_KAIMING, ISC_ACTIVATION_RELU, 8, 300, 200, 0, 0 },
  /* fewer rows than a tile: columns only, like cs231n-2019 */
  { "xavier-tanh-wide", ISC_INIT_XAVIER, ISC_ACTIVATION_TANH, 4, 1000, 16, 0, 0 },
  /* a width no tile step divides, sigmoid's fixed range */
  { "glorot-sigmoid", ISC_INIT_GLOROT, ISC_ACTIVATION_SIGMOID, 5, 333, 129, 0, 0 },
  /* a preview: the top-left block of each matrix, rows of ldw ≠ units */
  { "preview-linear", ISC_INIT_XAVIER, ISC_ACTIVATION_LINEAR, 6, 400, 300, 64, 250 },
  /* batch norm: 600 units in pieces of 256, the last one shorter */
  { "batch-norm-tanh", ISC_INIT_GAUSSIAN, ISC_ACTIVATION_TANH, 5, 600, 150, 0, 0,
    ISC_NORM_BATCH },
  /* layer norm on a preview: rows in pieces of 16, the last one shorter */
  { "layer-norm-relu-preview", ISC_INIT_KAIMING, ISC_ACTIVATION_RELU, 5, 400, 300, 90, 250,
    ISC_NORM_LAYER },
  /* the uniform base, made a column strip at a time without a cache, the last one narrower */
  { "kaiming-uniform-relu", ISC_INIT_KAIMING_UNIFORM, ISC_ACTIVATION_RELU, 4, 700, 40, 0, 0 },
  /* weight gradients made in strips (≥ 2^20 values, batch ≤ 64), the last strip shorter:
   * binned over their bound in one pass (batch 16), and again over their range (48) */
  { "wgrad-strips-tanh", ISC_INIT_XAVIER, ISC_ACTIVATION_TANH, 3, 1100, 16, 0, 0 },
  { "wgrad-strips-relu", ISC_INIT_KAIMING, ISC_ACTIVATION_RELU, 3, 1030, 48, 0, 0 },
  /* a panel of k × 384 columns would pass 2^20 floats: 320 columns, the last strip shorter */
  { "panel-cap-tanh", ISC_INIT_XAVIER, ISC_ACTIVATION_TANH, 2, 3000, 16, 0, 0 },
};

static IscResult *
run_case_budget (const Case *c,
                 IscCache   *cache,
                 gsize       budget)
{
  g_autoptr(GError) error = NULL;
  IscRunOptions options = { c->max_batch, c->max_units, TRUE, budget, NULL, NULL };
  IscConfig config;
  IscResult *result;

  isc_config_init_default (&config);
  config.init = c->init;
  config.activation = c->activation;
  config.depth = c->depth;
  config.width = c->width;
  config.batch = c->batch;
  config.seed = 42;
  config.norm = c->norm;
  result = isc_network_run_with_options (&config, cache, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_true (isc_result_has_gradients (result));
  return result;
}

static IscResult *
run_case (const Case *c,
          IscCache   *cache)
{
  return run_case_budget (c, cache, 0);
}

static void
assert_stats_identical (const IscLayerStats *x,
                        const IscLayerStats *y,
                        guint                n_bins)
{
  g_assert_cmpmem (&x->mean, sizeof x->mean, &y->mean, sizeof y->mean);
  g_assert_cmpmem (&x->std, sizeof x->std, &y->std, sizeof y->std);
  g_assert_cmpmem (&x->min, sizeof x->min, &y->min, sizeof y->min);
  g_assert_cmpmem (&x->max, sizeof x->max, &y->max, sizeof y->max);
  g_assert_cmpmem (&x->saturated, sizeof x->saturated, &y->saturated, sizeof y->saturated);
  g_assert_cmpmem (&x->zero, sizeof x->zero, &y->zero, sizeof y->zero);
  g_assert_cmpuint (x->nonfinite, ==, y->nonfinite);
  g_assert_cmpuint (x->count, ==, y->count);
  g_assert_cmpmem (x->bins, n_bins * sizeof (guint64), y->bins, n_bins * sizeof (guint64));
}

static void
assert_views_identical (const IscResult *a,
                        const IscResult *b)
{
  guint n_bins = isc_result_get_n_bins (a);

  for (IscView v = 0; v < ISC_N_VIEWS; v++)
    {
      double lo_a, hi_a, lo_b, hi_b, t_a, t_b;

      g_assert_cmpint (isc_result_has_view (a, v), ==, isc_result_has_view (b, v));
      isc_result_get_view_range (a, v, &lo_a, &hi_a);
      isc_result_get_view_range (b, v, &lo_b, &hi_b);
      g_assert_cmpmem (&lo_a, sizeof lo_a, &lo_b, sizeof lo_b);
      g_assert_cmpmem (&hi_a, sizeof hi_a, &hi_b, sizeof hi_b);
      t_a = isc_result_get_symlog_threshold (a, v);
      t_b = isc_result_get_symlog_threshold (b, v);
      g_assert_cmpmem (&t_a, sizeof t_a, &t_b, sizeof t_b);
      for (guint l = 0; l < isc_result_get_n_layers (a) && isc_result_has_view (a, v); l++)
        {
          const IscHistogram *fa = isc_result_get_fine (a, v, l);
          const IscHistogram *fb = isc_result_get_fine (b, v, l);

          assert_stats_identical (isc_result_get_view_layer (a, v, l),
                                  isc_result_get_view_layer (b, v, l), n_bins);
          g_assert_true ((fa == NULL) == (fb == NULL));
          if (fa != NULL)
            g_assert_cmpmem (fa->counts, fa->n_bins * sizeof (guint64),
                             fb->counts, fb->n_bins * sizeof (guint64));
        }
    }
  for (guint l = 0; l < isc_result_get_n_layers (a); l++)
    g_assert_cmpuint (isc_result_get_distinct (a, l), ==, isc_result_get_distinct (b, l));
}

/* Every field, compared as bytes: equal doubles are not enough (0.0 and -0.0
 * are equal), nor close ones. */
static void
assert_results_identical (const IscResult *a,
                          const IscResult *b)
{
  guint n_bins = isc_result_get_n_bins (a);
  double lo_a, hi_a, lo_b, hi_b;

  g_assert_cmpuint (isc_result_get_n_layers (a), ==, isc_result_get_n_layers (b));
  g_assert_cmpuint (n_bins, ==, isc_result_get_n_bins (b));
  isc_result_get_range (a, &lo_a, &hi_a);
  isc_result_get_range (b, &lo_b, &hi_b);
  g_assert_cmpmem (&lo_a, sizeof lo_a, &lo_b, sizeof lo_b);
  g_assert_cmpmem (&hi_a, sizeof hi_a, &hi_b, sizeof hi_b);

  for (guint l = 0; l < isc_result_get_n_layers (a); l++)
    assert_stats_identical (isc_result_get_layer (a, l), isc_result_get_layer (b, l), n_bins);
  assert_views_identical (a, b);
}

/* The statistics would be the same for a product that did nothing at all
 * (W = 0 everywhere): make sure each case really multiplies. */
static void
assert_not_trivial (const IscResult *result)
{
  const IscLayerStats *last = isc_result_get_layer (result, isc_result_get_n_layers (result) - 1);

  g_assert_cmpfloat (last->std, >, 0.0);
  g_assert_cmpfloat (last->min, <, last->max);
}

static void
test_engine_threads (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(IscResult) one = NULL;
  g_autoptr(IscResult) two = NULL;
  g_autoptr(IscResult) three = NULL;

  isc_engine_set_n_threads (1);
  one = run_case (c, NULL);
  isc_engine_set_n_threads (2);
  two = run_case (c, NULL);
  /* more threads than this machine may have cores */
  isc_engine_set_n_threads (3);
  three = run_case (c, NULL);
  isc_engine_set_n_threads (0);

  assert_not_trivial (one);
  assert_results_identical (one, two);
  assert_results_identical (one, three);
}

/* Whatever OpenBLAS was told before a run (OPENBLAS_NUM_THREADS, or a caller
 * of openblas_set_num_threads), the engine runs it on one thread. */
static void
test_openblas_threads (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(IscResult) one = NULL;
  g_autoptr(IscResult) two = NULL;

  isc_engine_set_n_threads (2);
  openblas_set_num_threads (1);
  one = run_case (c, NULL);
  openblas_set_num_threads (2);
  two = run_case (c, NULL);
  g_assert_cmpint (openblas_get_num_threads (), ==, 1);
  isc_engine_set_n_threads (0);

  assert_results_identical (one, two);
}

/* Cached matrices, and matrices a too small cache refuses (generated into the
 * scratch buffer it lends from run to run), give the same bits as a run
 * without a cache, on 1 and 2 threads, cold and warm. */
static void
test_cache (gconstpointer data)
{
  const Case *c = data;
  gsize matrix = (gsize) c->width * c->width * sizeof (float);
  g_autoptr(IscCache) roomy = isc_cache_new (64 << 20);
  /* the input batch and two matrices: the deeper layers are refused */
  g_autoptr(IscCache) small = isc_cache_new ((gsize) c->batch * c->width * sizeof (float) +
                                             2 * matrix);
  g_autoptr(IscResult) reference = NULL;

  isc_engine_set_n_threads (1);
  reference = run_case (c, NULL);

  for (guint threads = 1; threads <= 2; threads++)
    {
      isc_engine_set_n_threads (threads);
      for (guint pass = 0; pass < 2; pass++)
        {
          g_autoptr(IscResult) cached = run_case (c, roomy);
          g_autoptr(IscResult) refused = run_case (c, small);

          assert_results_identical (reference, cached);
          assert_results_identical (reference, refused);
          g_assert_cmpuint (isc_cache_get_size (small), <=, isc_cache_get_budget (small));
        }
    }
  isc_engine_set_n_threads (0);
}

/* What the backward pass keeps (every activation, checkpoints, nothing)
 * changes how much it recomputes, never a bit of the result. */
static void
test_budget (gconstpointer data)
{
  const Case *c = data;
  gsize matrix = (gsize) MIN (c->batch, c->max_batch ? c->max_batch : c->batch) *
                 MIN (c->width, c->max_units ? c->max_units : c->width) * sizeof (float);
  g_autoptr(IscResult) all = NULL;
  g_autoptr(IscResult) sqrt_depth = NULL;
  g_autoptr(IscResult) none = NULL;

  isc_engine_set_n_threads (2);
  all = run_case_budget (c, NULL, 0);
  /* depth 4 … 8: 3 matrices hold a checkpoint and a segment of 2 */
  sqrt_depth = run_case_budget (c, NULL, 3 * matrix);
  /* less than one matrix: every x_{l−1} recomputed from the input */
  none = run_case_budget (c, NULL, matrix / 2);
  isc_engine_set_n_threads (0);

  assert_results_identical (all, sqrt_depth);
  assert_results_identical (all, none);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *engine = g_strdup_printf ("/engine/determinism/engine-threads/%s",
                                                 cases[i].name);
      g_autofree char *blas = g_strdup_printf ("/engine/determinism/openblas-threads/%s",
                                               cases[i].name);
      g_autofree char *cache = g_strdup_printf ("/engine/determinism/cache/%s", cases[i].name);

      g_test_add_data_func (engine, &cases[i], test_engine_threads);
      g_test_add_data_func (blas, &cases[i], test_openblas_threads);
      g_autofree char *budget = g_strdup_printf ("/engine/determinism/budget/%s",
                                                 cases[i].name);

      g_test_add_data_func (cache, &cases[i], test_cache);
      g_test_add_data_func (budget, &cases[i], test_budget);
    }

  return g_test_run ();
}
