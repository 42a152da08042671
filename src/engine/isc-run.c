/* isc-run.c — the forward pass, step by step (see isc-run.h)
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "isc-run"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "isc-distinct.h"
#include "isc-gemm.h"
#include "isc-init.h"
#include "isc-network.h"
#include "isc-norm.h"
#include "isc-orthogonal.h"
#include "isc-parallel.h"
#include "isc-rng.h"
#include "isc-run.h"

static gboolean
set_no_memory (GError **error,
               gsize    bytes)
{
  g_autofree char *size = g_format_size (bytes);

  g_set_error (error, ISC_NETWORK_ERROR, ISC_NETWORK_ERROR_NO_MEMORY,
               _("Not enough memory for the network (%s more needed)"), size);
  return FALSE;
}

/* ------------------------------------------------------------------------ */
/* Set-up */

/* The layer buffers and histograms; FALSE when out of memory. */
static gboolean
alloc_buffers (IscRun *run)
{
  IscForward *fwd = &run->fwd;
  guint depth = run->config->depth;
  guint bins = run->activation->fixed_range ? run->config->bins : ISC_RUN_FINE_BINS;

  fwd->n_chunks = isc_parallel_n_chunks (run->n, ISC_RUN_CHUNK);
  fwd->x = isc_cache_take_buffer (run->cache, run->n);
  fwd->z = isc_cache_take_buffer (run->cache, run->n);
  fwd->chunks = g_try_new (IscChunkStats, fwd->n_chunks);
  fwd->chunk_bins = g_try_malloc_n (fwd->n_chunks, bins * sizeof (guint64));
  fwd->not_binned = g_try_new (guint64, fwd->n_chunks);
  if (fwd->x == NULL || fwd->z == NULL || fwd->chunks == NULL || fwd->chunk_bins == NULL ||
      fwd->not_binned == NULL)
    return FALSE;
  if (run->config->bias_scale > 0.0 && (run->bias = g_try_new (float, run->units)) == NULL)
    return FALSE;
  if (run->init->lsuv && ((run->lsuv_sigma = g_try_new0 (double, depth)) == NULL ||
                          (run->lsuv_var = g_try_new0 (double, depth)) == NULL))
    return FALSE;

  /* a fixed range: each layer's in turn; a shared one: where they all go */
  if (!isc_histogram_init (&run->hist, run->lo, run->hi, run->config->bins))
    return FALSE;
  if (run->activation->fixed_range)
    return TRUE;

  run->fine = g_try_new0 (IscHistogram, depth);
  if (run->fine == NULL)
    return FALSE;
  for (guint l = 0; l < depth; l++)
    if (!isc_histogram_init (&run->fine[l], 0.0, 0.0, bins))
      return FALSE;
  return TRUE;
}

gboolean
isc_run_init (IscRun          *run,
              const IscConfig *config,
              IscCache        *cache,
              guint            max_batch,
              guint            max_units,
              GCancellable    *cancellable,
              GError         **error)
{
  double preview_gain;

  *run = (IscRun) { .config = config, .cache = cache, .cancellable = cancellable };
  run->start = g_get_monotonic_time ();
  run->activation = isc_activation_get_info (config->activation);
  run->init = isc_init_get_info (config->init);
  run->width = config->width;
  run->rows = max_batch > 0 ? MIN (config->batch, max_batch) : config->batch;
  /* batch norm over one sample is undefined: a preview keeps two rows */
  if (config->norm == ISC_NORM_BATCH)
    run->rows = MAX (run->rows, MIN (config->batch, 2));
  run->units = max_units > 0 ? MIN (run->width, max_units) : run->width;
  run->n = (gsize) run->rows * run->units;
  run->lo = run->activation->fixed_range ? run->activation->lo : G_MAXDOUBLE;
  run->hi = run->activation->fixed_range ? run->activation->hi : -G_MAXDOUBLE;

  /* A narrower preview keeps each unit's pre-activation variance, σ²·fan_in,
   * by scaling σ with √(width/units): then every scheme's σ is its formula at
   * fan_in = units, and the histograms have the full net's shape. Every layer
   * is width × width. */
  preview_gain = sqrt ((double) run->width / run->units);
  run->sigma = isc_config_sigma (config, run->width, run->width) * preview_gain;

  if (!alloc_buffers (run))
    return set_no_memory (error, 2 * run->n * sizeof (float));

  run->result = isc_result_new (config, run->rows, run->units);
  if (cache != NULL)
    run->run = isc_cache_begin_run (cache);
  isc_scratch_borrow (&run->scratch, cache);
  return TRUE;
}

void
isc_run_clear (IscRun *run)
{
  isc_scratch_clear (&run->scratch);
  isc_cache_give_buffer (run->cache, g_steal_pointer (&run->fwd.x), run->n);
  isc_cache_give_buffer (run->cache, g_steal_pointer (&run->fwd.z), run->n);
  g_clear_pointer (&run->fwd.chunks, g_free);
  g_clear_pointer (&run->fwd.chunk_bins, g_free);
  g_clear_pointer (&run->fwd.not_binned, g_free);
  g_clear_pointer (&run->bias, g_free);
  g_clear_pointer (&run->lsuv_sigma, g_free);
  g_clear_pointer (&run->lsuv_var, g_free);
  g_clear_pointer (&run->next_weights, g_bytes_unref);
  isc_histogram_clear (&run->hist);
  if (run->fine != NULL)
    for (guint l = 0; l < run->config->depth; l++)
      isc_histogram_clear (&run->fine[l]);
  g_clear_pointer (&run->fine, g_free);
  g_clear_pointer (&run->result, isc_result_unref);
}

/* ------------------------------------------------------------------------ */
/* Input */

/* The first rows (and columns) of the full batch's stream, so a preview is a
 * subsample. Without a cache only this run's rows are drawn, straight into x
 * when the run uses every column. */
gboolean
isc_run_input (IscRun  *run,
               GError **error)
{
  return isc_run_input_into (run, run->fwd.x, error);
}

gboolean
isc_run_input_into (IscRun  *run,
                    float   *x,
                    GError **error)
{
  const IscConfig *config = run->config;
  guint input_rows;
  const float *all;
  g_autoptr(GBytes) input = NULL;

  if (run->cache == NULL && run->units == run->width)
    {
      isc_rng_fill_matrix (config->seed, ISC_STREAM_INPUT, 0, run->rows, run->width, x);
      return TRUE;
    }

  /* a cached input is the whole batch, for previews and full runs alike */
  input_rows = run->cache != NULL ? config->batch : run->rows;
  input = isc_cache_get_matrix (run->cache, run->run,
                                &(IscCacheKey) { ISC_STREAM_INPUT, 0, config->seed, input_rows,
                                                 run->width, ISC_BASE_NORMAL },
                                &run->scratch);
  if (input == NULL)
    return set_no_memory (error, (gsize) input_rows * run->width * sizeof (float));
  all = g_bytes_get_data (input, NULL);
  for (guint r = 0; r < run->rows; r++)
    memcpy (x + (gsize) r * run->units, all + (gsize) r * run->width,
            run->units * sizeof (float));
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Forward */

/* One chunk of the pass over a layer's pre-activations: activate in place,
 * statistics, and the histogram too when its range is known in advance. */
static void
activate_range (gsize    first,
                gsize    n,
                gpointer user_data)
{
  IscRun *run = user_data;
  IscForward *fwd = &run->fwd;
  gsize chunk = first / ISC_RUN_CHUNK;
  float *v = fwd->z + first;

  isc_activation_apply (run->config->activation, v, n);
  isc_math_chunk_stats (v, n, run->activation->sat_lo, run->activation->sat_hi,
                        &fwd->chunks[chunk]);
  if (fwd->hist != NULL)
    fwd->not_binned[chunk] = isc_histogram_bin_chunk (fwd->hist, v, n,
                                                      fwd->chunk_bins +
                                                      chunk * fwd->hist->n_bins);
}

/* An orthogonal base costs a QR (seconds at 4096², on one core): the
 * forward pass makes two layers' at once, one a core, and keeps the second
 * for the next layer. The bits are those of one at a time. */
static GBytes *
orthogonal_pair (IscRun            *run,
                 const IscCacheKey *key,
                 GError           **error)
{
  gsize bytes = (gsize) key->rows * key->cols * sizeof (float);
  IscCacheKey next_key = *key;
  float *a = g_try_malloc (bytes);
  float *b = g_try_malloc (bytes);
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) next = NULL;

  if (a == NULL || b == NULL ||
      !isc_orthogonal_fill_pair (key->seed, key->stream, key->layer, key->rows, key->cols, a, b))
    {
      g_free (a);
      g_free (b);
      set_no_memory (error, 2 * bytes);
      return NULL;
    }
  first = g_bytes_new_take (a, bytes);
  next = g_bytes_new_take (b, bytes);
  next_key.layer++;
  if (run->cache != NULL && bytes <= isc_cache_get_budget (run->cache))
    {
      GBytes *stored = isc_cache_insert (run->cache, key, first, run->run);

      g_bytes_unref (first);
      first = stored;
      stored = isc_cache_insert (run->cache, &next_key, next, run->run);
      g_bytes_unref (next);
      next = stored;
    }
  run->next_weights = g_steal_pointer (&next);
  run->next_layer = key->layer;  /* the next product's 0-based layer */
  return g_steal_pointer (&first);
}

/* Whether the cache holds @key already. */
static gboolean
is_cached (IscRun            *run,
           const IscCacheKey *key)
{
  g_autoptr(GBytes) found = NULL;

  return run->cache != NULL && (found = isc_cache_lookup (run->cache, key, run->run)) != NULL;
}

GBytes *
isc_run_get_weights (IscRun  *run,
                     guint    layer,
                     GError **error)
{
  IscCacheKey key = { ISC_STREAM_WEIGHTS, layer + 1, run->config->seed, run->width, run->width,
                      run->init->base };
  IscCacheKey next_key = key;
  GBytes *weights;

  if (run->next_weights != NULL && run->next_layer == layer)
    return g_steal_pointer (&run->next_weights);
  g_clear_pointer (&run->next_weights, g_bytes_unref);

  next_key.layer++;
  if (run->prefetch && run->init->base == ISC_BASE_ORTHOGONAL && layer + 1 < run->config->depth &&
      isc_engine_get_n_threads () > 1 && !is_cached (run, &key) && !is_cached (run, &next_key))
    return orthogonal_pair (run, &key, error);

  weights = isc_cache_get_matrix (run->cache, run->run, &key, &run->scratch);
  if (weights == NULL)
    set_no_memory (error, (gsize) run->width * run->width * sizeof (float));
  return weights;
}

double
isc_run_layer_sigma (IscRun *run,
                     guint   layer)
{
  return run->init->lsuv && run->lsuv_sigma[layer] != 0.0 ? run->lsuv_sigma[layer] : run->sigma;
}

/* W_l's row segment, from its stream (a matrix is its stream row by row). */
typedef struct
{
  IscRun *run;
  guint   layer;
} WeightsFill;

static void
fill_weights (guint    row,
              guint    col,
              guint    n,
              float   *out,
              gpointer user_data)
{
  const WeightsFill *f = user_data;
  gsize first = (gsize) row * f->run->width + col;

  if (f->run->init->base == ISC_BASE_UNIFORM)
    isc_rng_fill_uniform (f->run->config->seed, ISC_STREAM_WEIGHTS, f->layer + 1, first, n, out);
  else
    isc_rng_fill_normal (f->run->config->seed, ISC_STREAM_WEIGHTS, f->layer + 1, first, n, out);
}

/* Without a cache, the forward pass proper (not the backward pass's
 * recomputation, which wants W whole anyway) makes a normal or uniform W a
 * column strip at a time and multiplies it at once: a few MiB instead of
 * the whole matrix, the same bits. A segment must start at a multiple of 4.
 * Only where the strips in flight are at most half of W: a small W (cs231n-
 * 2016's 1 MB) saves little, and a strip a thread would lose the balance of
 * the product's smaller tiles on a busy machine. */
static gboolean
can_fuse (IscRun *run)
{
  return run->cache == NULL && run->prefetch && run->width % 4 == 0 &&
         (run->init->base == ISC_BASE_NORMAL || run->init->base == ISC_BASE_UNIFORM) &&
         2 * isc_gemm_generated_floats (run->rows, run->units) <= (gsize) run->units * run->units;
}

static gboolean
fused_product (IscRun      *run,
               guint        layer,
               const float *x,
               float       *z,
               GError     **error)
{
  WeightsFill fill = { run, layer };
  gsize n = isc_gemm_generated_floats (run->rows, run->units);
  float *buffers = isc_scratch_get (&run->scratch, n);

  if (buffers == NULL)
    return set_no_memory (error, n * sizeof (float));
  isc_gemm_generated (x, z, run->rows, run->units, (float) run->sigma, fill_weights, &fill,
                      buffers, run->cancellable);
  return !g_cancellable_set_error_if_cancelled (run->cancellable, error);
}

/* z = σ · x · W_l (W = 0: nothing to draw or multiply). σ enters as the
 * product's alpha, so the cached W_l/σ serve every scale. */
static gboolean
product (IscRun      *run,
         guint        layer,
         const float *x,
         float       *z,
         GError     **error)
{
  g_autoptr(GBytes) weights = NULL;

  if (run->sigma == 0.0)
    {
      memset (z, 0, run->n * sizeof (float));
      return TRUE;
    }
  if (run->init->base == ISC_BASE_ONES)
    {
      isc_gemm_ones (x, z, run->rows, run->units, (float) run->sigma);
      return TRUE;
    }
  if (can_fuse (run))
    return fused_product (run, layer, x, z, error);

  if ((weights = isc_run_get_weights (run, layer, error)) == NULL)
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (run->cancellable, error))
    return FALSE;

  isc_gemm (x, g_bytes_get_data (weights, NULL), z, run->rows, run->units,
            run->width, (float) run->sigma, run->cancellable);
  return !g_cancellable_set_error_if_cancelled (run->cancellable, error);
}

/* ------------------------------------------------------------------------ */
/* Biases and LSUV, between the product and φ */

typedef struct
{
  IscRun *run;
  float  *z;
} BiasJob;

static void
add_bias_rows (gsize    first,
               gsize    n,
               gpointer user_data)
{
  BiasJob *job = user_data;
  IscRun *run = job->run;

  for (gsize r = first; r < first + n; r++)
    {
      float *z = job->z + r * run->units;

      for (guint u = 0; u < run->units; u++)
        z[u] += run->bias[u];
    }
}

/* b_l ~ N(0, σ_b²): the first units of the bias stream (seed, l), so a
 * preview's are the full net's first ones. */
static void
draw_bias (IscRun *run,
           guint   layer)
{
  isc_rng_fill_normal (run->config->seed, ISC_STREAM_BIAS, layer + 1, 0, run->units, run->bias);
  for (guint u = 0; u < run->units; u++)
    run->bias[u] = (float) (run->config->bias_scale * run->bias[u]);
}

static void
add_bias (IscRun *run,
          float  *z)
{
  BiasJob job = { run, z };

  isc_parallel_for_range (run->rows, MAX (1, ISC_RUN_CHUNK / run->units), add_bias_rows, &job);
}

/* The variance of c·z + b over the batch, from the sums of z and b; in one
 * thread, so the same whatever the thread count. */
typedef struct
{
  double n, z, zz, b, bb, zb;
} LsuvSums;

static double
lsuv_variance (const LsuvSums *s,
               double          c)
{
  double mean = (c * s->z + s->b) / s->n;

  return (c * c * s->zz + 2.0 * c * s->zb + s->bb) / s->n - mean * mean;
}

static void
lsuv_sums (IscRun      *run,
           const float *zs,
           LsuvSums    *s)
{
  *s = (LsuvSums) { (double) run->n };
  for (guint r = 0; r < run->rows; r++)
    for (guint u = 0; u < run->units; u++)
      {
        double z = zs[(gsize) r * run->units + u];
        double b = run->bias != NULL ? run->bias[u] : 0.0;

        s->z += z, s->zz += z * z, s->b += b, s->bb += b * b, s->zb += z * b;
      }
}

/* Mishkin & Matas's loop: c ← c/√Var(z) until |Var(z) − 1| ≤ 0.05, at most
 * ISC_LSUV_MAX_ROUNDS; then z = c·(σ x W). (Without biases one round is
 * exact; with them the variance is not c²-proportional.) The same x gives
 * the same c, so the backward pass's recomputation repeats it bit for bit. */
static void
lsuv_rescale (IscRun *run,
              guint   layer,
              float  *z)
{
  LsuvSums sums;
  double c = 1.0, var;

  lsuv_sums (run, z, &sums);
  var = lsuv_variance (&sums, c);
  for (guint round = 0; round < ISC_LSUV_MAX_ROUNDS && fabs (var - 1.0) > ISC_LSUV_TOLERANCE &&
       isfinite (var) && var > 0.0; round++)
    {
      c /= sqrt (var);
      var = lsuv_variance (&sums, c);
    }

  for (gsize i = 0; i < run->n; i++)
    z[i] = (float) (c * z[i]);
  run->lsuv_sigma[layer] = c * run->sigma;
  run->lsuv_var[layer] = var;
}

gboolean
isc_run_pre_activation (IscRun      *run,
                        guint        layer,
                        const float *x,
                        float       *z,
                        GError     **error)
{
  if (g_cancellable_set_error_if_cancelled (run->cancellable, error))
    return FALSE;
  if (!product (run, layer, x, z, error))
    return FALSE;
  if (run->bias != NULL)
    draw_bias (run, layer);
  if (run->init->lsuv)
    lsuv_rescale (run, layer, z);
  if (run->bias != NULL)
    add_bias (run, z);
  return TRUE;
}

typedef struct
{
  IscActivation activation;
  float        *z;
} ApplyJob;

static void
apply_range (gsize    first,
             gsize    n,
             gpointer user_data)
{
  ApplyJob *job = user_data;

  isc_activation_apply (job->activation, job->z + first, n);
}

/* The same product, biases, normalization and φ as isc_run_forward, in the
 * same chunks (so the same bits), without statistics: the backward pass's
 * recomputation. */
gboolean
isc_run_forward_into (IscRun      *run,
                      guint        layer,
                      const float *x,
                      float       *z,
                      GError     **error)
{
  ApplyJob job = { run->config->activation, z };

  if (!isc_run_pre_activation (run, layer, x, z, error))
    return FALSE;
  isc_norm_forward (run->config->norm, z, run->rows, run->units);
  isc_parallel_for_range (run->n, ISC_RUN_CHUNK, apply_range, &job);
  return TRUE;
}

gboolean
isc_run_forward (IscRun  *run,
                 guint    layer,
                 GError **error)
{
  gboolean done;

  run->prefetch = TRUE;
  done = isc_run_pre_activation (run, layer, run->fwd.x, run->fwd.z, error);
  run->prefetch = FALSE;
  if (!done)
    return FALSE;
  isc_norm_forward (run->config->norm, run->fwd.z, run->rows, run->units);

  /* a fixed range is binned in the same pass */
  run->fwd.hist = run->activation->fixed_range ? &run->hist : NULL;
  if (run->fwd.hist != NULL)
    isc_histogram_set_range (run->fwd.hist, run->activation->lo, run->activation->hi);
  isc_parallel_for_range (run->n, ISC_RUN_CHUNK, activate_range, run);
  return TRUE;
}

void
isc_run_next_layer (IscRun *run)
{
  float *swap = run->fwd.x;

  run->fwd.x = run->fwd.z;
  run->fwd.z = swap;
}

/* ------------------------------------------------------------------------ */
/* Statistics */

void
isc_run_distinct (IscRun *run,
                  guint   layer)
{
  isc_result_add_distinct (run->result);
  run->result->distinct[layer] = isc_distinct_columns (run->fwd.z, run->rows, run->units);
}

void
isc_run_stats_from_chunks (const IscChunkStats *chunks,
                           gsize                n_chunks,
                           gsize                n,
                           IscLayerStats       *stats)
{
  IscChunkStats total = ISC_CHUNK_STATS_INIT;

  for (gsize c = 0; c < n_chunks; c++)
    isc_chunk_stats_merge (&total, &chunks[c]);

  stats->count = n;
  stats->nonfinite = n - total.finite;
  stats->saturated = (double) total.saturated / n;
  stats->zero = (double) total.zero / n;
  if (total.finite > 0)
    {
      double mean = total.sum / total.finite;
      double var = total.sumsq / total.finite - mean * mean;

      stats->mean = mean;
      stats->std = sqrt (MAX (var, 0.0));
      stats->min = total.min;
      stats->max = total.max;
    }
}

void
isc_run_statistics (IscRun *run,
                    guint   layer)
{
  isc_run_stats_from_chunks (run->fwd.chunks, run->fwd.n_chunks, run->n,
                             &run->result->layers[layer]);
}

/* ------------------------------------------------------------------------ */
/* Histograms */

static void
histogram_range (gsize    first,
                 gsize    n,
                 gpointer user_data)
{
  IscForward *fwd = user_data;
  gsize chunk = first / ISC_RUN_CHUNK;

  fwd->not_binned[chunk] = isc_histogram_bin_chunk (fwd->hist, fwd->z + first, n,
                                                    fwd->chunk_bins + chunk * fwd->hist->n_bins);
}

static void
sum_chunks (IscForward *fwd)
{
  for (gsize c = 0; c < fwd->n_chunks; c++)
    isc_histogram_add (fwd->hist, fwd->chunk_bins + c * fwd->hist->n_bins, fwd->not_binned[c]);
}

/* A fixed range: the chunks binned in the activation pass, summed into the
 * result's row. A shared one: a second pass over the layer's own finite
 * range, now known. */
void
isc_run_histogram (IscRun *run,
                   guint   layer)
{
  const IscLayerStats *stats = &run->result->layers[layer];
  IscForward *fwd = &run->fwd;
  guint n_bins = run->config->bins;

  if (run->activation->fixed_range)
    {
      sum_chunks (fwd);
      memcpy (&run->result->bins[(gsize) layer * n_bins], fwd->hist->counts,
              n_bins * sizeof (guint64));
      return;
    }
  if (stats->count == stats->nonfinite)
    return;

  fwd->hist = &run->fine[layer];
  isc_histogram_set_range (fwd->hist, stats->min, stats->max);
  isc_parallel_for_range (run->n, ISC_RUN_CHUNK, histogram_range, fwd);
  sum_chunks (fwd);
  run->lo = MIN (run->lo, stats->min);
  run->hi = MAX (run->hi, stats->max);
}

/* ------------------------------------------------------------------------ */
/* Finish */

/* A shared range: each layer's fine histogram, over its own finite range,
 * rebinned by the result into the range of them all (kept for the figure's
 * other ranges). */
IscResult *
isc_run_finish (IscRun *run)
{
  run->result->lo = run->lo;
  run->result->hi = run->hi;
  if (run->fine != NULL)
    isc_result_take_fine (run->result, ISC_VIEW_ACTIVATIONS, g_steal_pointer (&run->fine));
  isc_result_finish_view (run->result, ISC_VIEW_ACTIVATIONS, run->activation->nonnegative);
  run->result->elapsed = (g_get_monotonic_time () - run->start) / (double) G_USEC_PER_SEC;
  return g_steal_pointer (&run->result);
}
