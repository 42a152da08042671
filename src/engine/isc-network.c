/* isc-network.c
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "isc-network"

#include "config.h"

#include <math.h>
#include <string.h>

#include <cblas.h>
#include <glib/gi18n.h>

#include "isc-activation.h"
#include "isc-blas.h"
#include "isc-cache.h"
#include "isc-math.h"
#include "isc-network.h"
#include "isc-parallel.h"
#include "isc-result-private.h"
#include "isc-rng.h"

/* Statistics are summed per fixed-size chunk and the chunks combined in
 * order, so the numbers are byte-identical whatever the thread count. */
#define STATS_CHUNK (1u << 16)

/* relu/linear layers share an x range that is known only after the last
 * layer; each layer keeps a fine histogram over its own [min, max] and is
 * rebinned into the shared range at the end (bin error ≤ 1/FINE_BINS of the
 * layer's range), so no layer's activations need to be kept. */
#define FINE_BINS 8192

/* Each product x · W is cut into tiles of a shape that depends on the
 * product's alone, each one cblas_sgemm on one OpenBLAS thread over the
 * engine's pool: the summation order, so every bit of the result, is the
 * same whatever the thread count. A tile is at most GEMM_TILE_MACS
 * multiply-adds (~15 ms on one core), so a cancellation, checked before each
 * tile, is noticed within a fraction of a second; a product has at least
 * GEMM_MIN_TILES, so that several cores share even a small one. */
#define GEMM_TILE_MACS (G_GUINT64_CONSTANT (1) << 30)
#define GEMM_MIN_TILES 8

G_DEFINE_QUARK (isc-network-error-quark, isc_network_error)

/* ------------------------------------------------------------------------ */
/* Activation and statistics */

typedef struct
{
  IscActivation  activation;
  float         *values;
  gsize          n;
  IscChunkStats *chunks;
  float          sat_lo;
  float          sat_hi;
  /* histogram: over [lo, lo + n_bins/scale), one row of bins a chunk; in
   * double, where the scale of any two distinct floats' range is finite */
  gboolean       bin;
  double         lo;
  double         scale;
  guint          n_bins;
  guint64       *chunk_bins;
} LayerJob;

/* Each thread's counters for bin_values, all zero between calls: a chunk of
 * a relu layer's fine histogram needs 256 KiB of them, too much to allocate
 * and clear for every chunk of every layer. */
typedef struct
{
  gsize   n;
  guint32 counts[];
} BinCounters;

static GPrivate bin_counters_key = G_PRIVATE_INIT (g_free);

static guint32 *
bin_counters (gsize n)
{
  BinCounters *counters = g_private_get (&bin_counters_key);

  if (counters == NULL || counters->n < n)
    {
      counters = g_malloc0 (sizeof *counters + n * sizeof (guint32));
      counters->n = n;
      g_private_replace (&bin_counters_key, counters);
    }
  return counters->counts;
}

/* Adds a chunk's values to its bins. A chunk is at most 2^32 values, so
 * 32-bit counts do. */
static void
bin_values (const LayerJob *job,
            const float    *values,
            gsize           n,
            guint64        *bins)
{
  guint32 slots[1024];
  guint stride = job->n_bins + 1;
  guint32 *copies = bin_counters (ISC_BIN_COPIES * (gsize) stride);

  G_STATIC_ASSERT (G_N_ELEMENTS (slots) % ISC_BIN_COPIES == 0);

  for (gsize done = 0; done < n; done += G_N_ELEMENTS (slots))
    {
      gsize m = MIN (G_N_ELEMENTS (slots), n - done);

      isc_math_bin_slots (values + done, m, job->lo, job->scale, job->n_bins, slots);
      for (gsize i = 0; i < m; i++)
        copies[slots[i]]++;
    }

  /* sum the copies, and leave them zero for the next chunk */
  memset (bins, 0, job->n_bins * sizeof (guint64));
  for (guint k = 0; k < ISC_BIN_COPIES; k++)
    {
      guint32 *copy = copies + (gsize) k * stride;

      for (guint b = 0; b < job->n_bins; b++)
        bins[b] += copy[b];
      memset (copy, 0, stride * sizeof (guint32));
    }
}

/* First pass over a layer's pre-activations: activate in place, statistics,
 * and the histogram too when its range is known in advance. */
static void
activate_chunk (gsize    chunk,
                gpointer user_data)
{
  LayerJob *job = user_data;
  gsize first = chunk * STATS_CHUNK;
  gsize n = MIN (STATS_CHUNK, job->n - first);
  float *v = job->values + first;

  isc_activation_apply (job->activation, v, n);
  isc_math_chunk_stats (v, n, job->sat_lo, job->sat_hi, &job->chunks[chunk]);
  if (job->bin)
    bin_values (job, v, n, job->chunk_bins + chunk * job->n_bins);
}

static void
histogram_chunk (gsize    chunk,
                 gpointer user_data)
{
  LayerJob *job = user_data;
  gsize first = chunk * STATS_CHUNK;
  gsize n = MIN (STATS_CHUNK, job->n - first);

  bin_values (job, job->values + first, n, job->chunk_bins + chunk * job->n_bins);
}

static void
sum_chunk_bins (const LayerJob *job,
                gsize           n_chunks,
                guint64        *out)
{
  memset (out, 0, job->n_bins * sizeof (guint64));
  for (gsize c = 0; c < n_chunks; c++)
    for (guint b = 0; b < job->n_bins; b++)
      out[b] += job->chunk_bins[c * job->n_bins + b];
}

/* n_bins/(hi − lo) in double: a float scale overflows to +∞ once the span
 * is below ~2.4e-35 (a collapsed layer). A zero-width, reversed or NaN range
 * gets scale 0, so every finite value is in bin 0, where a value of a
 * one-valued layer belongs. */
static void
set_bin_range (LayerJob *job,
               double    lo,
               double    hi,
               guint     n_bins)
{
  double span = hi - lo;

  job->lo = lo;
  job->scale = span > 0.0 && span <= G_MAXDOUBLE ? n_bins / span : 0.0;
  job->n_bins = n_bins;
}

/* The shared range of relu/linear histograms when the layers' finite values
 * span nothing: one value everywhere (W = 0, or a collapse to one number) or
 * nothing finite. Padded relative to the value, so that it is a range in
 * double whatever the magnitude (lo − 1 == lo past 2^53). */
static void
pad_shared_range (IscActivation  activation,
                  double        *lo,
                  double        *hi)
{
  double pad;

  if (*hi > *lo)
    return;
  if (!(*hi >= *lo))
    *lo = *hi = 0.0;
  pad = MAX (1.0, 0.5 * fabs (*lo));
  *lo = activation == ISC_ACTIVATION_RELU && *lo == 0.0 ? 0.0 : *lo - pad;
  *hi = *hi + pad;
}

/* Moves a layer's fine histogram, over its own [fine_lo, fine_hi], into the
 * shared bins: each fine bin's count goes where its centre belongs. A layer
 * of one value (fine_hi = fine_lo) has its count in fine bin 0, put at
 * fine_lo. Spans as small as 2^-149 are fine in double. */
static void
rebin_layer (const guint64 *fine,
             double         fine_lo,
             double         fine_hi,
             double         lo,
             double         hi,
             guint          n_bins,
             guint64       *bins)
{
  double fine_width = (fine_hi - fine_lo) / FINE_BINS;
  double scale = n_bins / (hi - lo);

  for (guint k = 0; k < FINE_BINS; k++)
    {
      double centre = fine_width > 0.0 ? fine_lo + (k + 0.5) * fine_width : fine_lo;

      if (fine[k] != 0)
        bins[isc_math_bin_index (centre, lo, scale, n_bins)] += fine[k];
    }
}

/* ------------------------------------------------------------------------ */
/* The run */

static gboolean
set_no_memory (GError **error,
               gsize    bytes)
{
  g_autofree char *size = g_format_size (bytes);

  g_set_error (error, ISC_NETWORK_ERROR, ISC_NETWORK_ERROR_NO_MEMORY,
               _("Not enough memory for the network (%s more needed)"), size);
  return FALSE;
}

typedef struct
{
  const float  *x;
  const float  *w;
  float        *z;
  guint         rows;
  guint         units;
  guint         ldw;
  float         alpha;
  guint         tile_rows;
  guint         tile_cols;
  guint         n_tile_cols;
  GCancellable *cancellable;
} GemmJob;

/* Tiles near square pack the least: a tile of m rows and n columns packs
 * (m + n)·units floats for its m·n·units multiply-adds. Rows come in
 * multiples of 16 and columns of 64, OpenBLAS's kernel and cache-line steps. */
static void
gemm_tile_shape (GemmJob *job)
{
  guint64 macs = (guint64) job->rows * job->units * job->units;
  guint64 n_tiles = MAX (GEMM_MIN_TILES, (macs + GEMM_TILE_MACS - 1) / GEMM_TILE_MACS);
  double area = (double) job->rows * job->units / n_tiles;
  guint m, n;

  m = (guint) ceil (sqrt (area) / 16.0) * 16;
  m = CLAMP (m, 1, job->rows);
  n = (guint) (area / m / 64.0 + 0.5) * 64;
  n = CLAMP (n, MIN (64, job->units), job->units);

  job->tile_rows = m;
  job->tile_cols = n;
  job->n_tile_cols = (job->units + n - 1) / n;
}

static void
gemm_tile (gsize    tile,
           gpointer user_data)
{
  const GemmJob *job = user_data;
  guint r = (guint) (tile / job->n_tile_cols) * job->tile_rows;
  guint c = (guint) (tile % job->n_tile_cols) * job->tile_cols;

  if (g_cancellable_is_cancelled (job->cancellable))
    return;
  cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans,
               MIN (job->tile_rows, job->rows - r), MIN (job->tile_cols, job->units - c),
               job->units, job->alpha,
               job->x + (gsize) r * job->units, job->units,
               job->w + c, job->ldw,
               0.0f, job->z + (gsize) r * job->units + c, job->units);
}

/* z = alpha · x · W for x of rows × units and W the top-left units × units
 * block of a matrix with rows of ldw floats. Left incomplete when cancelled. */
static void
matmul (const float  *x,
        const float  *w,
        float        *z,
        guint         rows,
        guint         units,
        guint         ldw,
        float         alpha,
        GCancellable *cancellable)
{
  GemmJob job = { x, w, z, rows, units, ldw, alpha, 0, 0, 0, cancellable };
  guint n_tile_rows;

  isc_blas_init ();
  gemm_tile_shape (&job);
  n_tile_rows = (rows + job.tile_rows - 1) / job.tile_rows;
  isc_parallel_for ((gsize) n_tile_rows * job.n_tile_cols, gemm_tile, &job);
}

IscResult *
isc_network_run (const IscConfig  *config,
                 IscCache         *cache,
                 guint             max_batch,
                 guint             max_units,
                 GCancellable     *cancellable,
                 GError          **error)
{
  return isc_network_run_with_progress (config, cache, max_batch, max_units,
                                        NULL, NULL, cancellable, error);
}

IscResult *
isc_network_run_with_progress (const IscConfig  *config,
                               IscCache         *cache,
                               guint             max_batch,
                               guint             max_units,
                               IscProgressFunc   progress,
                               gpointer          progress_data,
                               GCancellable     *cancellable,
                               GError          **error)
{
  g_autoptr(IscResult) result = NULL;
  g_autofree float *x = NULL;
  g_autofree float *z = NULL;
  g_auto(IscScratch) scratch = { NULL, NULL, 0 };
  g_autofree IscChunkStats *chunks = NULL;
  g_autofree guint64 *chunk_bins = NULL;
  g_autofree guint64 *fine = NULL;
  gint64 start = g_get_monotonic_time ();
  LayerJob job;
  gboolean fixed_range;
  guint rows, width, units, n_bins, depth;
  double preview_gain, sigma;
  gsize n, n_chunks;
  guint64 run = 0;
  double lo, hi;
  float sat_lo, sat_hi;

  g_return_val_if_fail (config != NULL, NULL);

  if (!isc_config_validate (config, error))
    return NULL;

  depth = config->depth;
  width = config->width;
  n_bins = config->bins;
  rows = max_batch > 0 ? MIN (config->batch, max_batch) : config->batch;
  units = max_units > 0 ? MIN (width, max_units) : width;
  n = (gsize) rows * units;
  /* A narrower preview keeps each unit's pre-activation variance, σ²·fan_in,
   * by scaling σ with √(width/units): then every scheme's σ is its formula at
   * fan_in = units, and the histograms have the full net's shape. */
  preview_gain = sqrt ((double) width / units);
  n_chunks = (n + STATS_CHUNK - 1) / STATS_CHUNK;

  /* saturation: a < sat_lo or a > sat_hi; never for relu and linear */
  sat_lo = -G_MAXFLOAT, sat_hi = G_MAXFLOAT;
  switch (config->activation)
    {
    case ISC_ACTIVATION_TANH:
      lo = -1.0, hi = 1.0, fixed_range = TRUE;
      sat_lo = -(float) ISC_TANH_SATURATION, sat_hi = (float) ISC_TANH_SATURATION;
      break;
    case ISC_ACTIVATION_SIGMOID:
      lo = 0.0, hi = 1.0, fixed_range = TRUE;
      sat_lo = (float) ISC_SIGMOID_SATURATION, sat_hi = (float) (1.0 - ISC_SIGMOID_SATURATION);
      break;
    case ISC_ACTIVATION_RELU:
    case ISC_ACTIVATION_LINEAR:
    case ISC_N_ACTIVATIONS:
    default:
      lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE, fixed_range = FALSE;
      break;
    }

  x = g_try_malloc (n * sizeof (float));
  z = g_try_malloc (n * sizeof (float));
  chunks = g_try_new (IscChunkStats, n_chunks);
  chunk_bins = g_try_malloc_n (n_chunks, MAX (n_bins, FINE_BINS) * sizeof (guint64));
  if (!fixed_range)
    fine = g_try_malloc0_n ((gsize) depth * FINE_BINS, sizeof (guint64));
  if (x == NULL || z == NULL || chunks == NULL || chunk_bins == NULL ||
      (!fixed_range && fine == NULL))
    {
      set_no_memory (error, 2 * n * sizeof (float));
      return NULL;
    }

  result = isc_result_new (config, rows, units);

  if (cache != NULL)
    run = isc_cache_begin_run (cache);
  isc_scratch_borrow (&scratch, cache);

  /* The first rows (and columns) of the full batch's stream, so a preview is
   * a subsample. Without a cache only this run's rows are drawn, straight
   * into x when the run uses every column. */
  if (cache == NULL && units == width)
    {
      isc_rng_fill_matrix (config->seed, ISC_STREAM_INPUT, 0, rows, width, x);
    }
  else
    {
      /* a cached input is the whole batch, for previews and full runs alike */
      guint input_rows = cache != NULL ? config->batch : rows;
      IscCacheKey key = { ISC_STREAM_INPUT, 0, config->seed, input_rows, width, ISC_BASE_NORMAL };
      g_autoptr(GBytes) input = isc_cache_get_matrix (cache, run, &key, &scratch);
      const float *all;

      if (input == NULL)
        return set_no_memory (error, (gsize) input_rows * width * sizeof (float)), NULL;
      all = g_bytes_get_data (input, NULL);
      for (guint r = 0; r < rows; r++)
        memcpy (x + (gsize) r * units, all + (gsize) r * width, units * sizeof (float));
    }

  /* every layer is width × width */
  sigma = isc_init_sigma (config->init, config->scale, width, width) * preview_gain;
  job = (LayerJob) { config->activation, z, n, chunks, sat_lo, sat_hi,
                     fixed_range, 0, 0, 0, chunk_bins };
  if (fixed_range)
    set_bin_range (&job, lo, hi, n_bins);

  for (guint l = 0; l < depth; l++)
    {
      IscLayerStats *stats = &result->layers[l];
      IscChunkStats total = ISC_CHUNK_STATS_INIT;
      float *swap;

      job.values = z;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      if (sigma == 0.0)
        {
          /* W = 0: nothing to draw or multiply. */
          memset (z, 0, n * sizeof (float));
        }
      else
        {
          IscCacheKey key = { ISC_STREAM_WEIGHTS, l + 1, config->seed, width, width,
                              ISC_BASE_NORMAL };
          g_autoptr(GBytes) weights = isc_cache_get_matrix (cache, run, &key, &scratch);

          if (weights == NULL)
            {
              set_no_memory (error, (gsize) width * width * sizeof (float));
              return NULL;
            }
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return NULL;

          /* σ enters as alpha: the cached Z_l serve every scale. */
          matmul (x, g_bytes_get_data (weights, NULL), z, rows, units, width, (float) sigma,
                  cancellable);
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return NULL;
        }

      isc_parallel_for (n_chunks, activate_chunk, &job);

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

      if (fixed_range)
        {
          sum_chunk_bins (&job, n_chunks, &result->bins[(gsize) l * n_bins]);
        }
      else if (total.finite > 0)
        {
          /* second pass, now that the layer's own range is known */
          set_bin_range (&job, stats->min, stats->max, FINE_BINS);
          isc_parallel_for (n_chunks, histogram_chunk, &job);
          sum_chunk_bins (&job, n_chunks, &fine[(gsize) l * FINE_BINS]);
          lo = MIN (lo, stats->min);
          hi = MAX (hi, stats->max);
        }

      swap = x, x = z, z = swap;

      if (progress != NULL)
        progress (l + 1, depth, progress_data);
    }

  if (!fixed_range)
    {
      pad_shared_range (config->activation, &lo, &hi);
      /* the layer's fine bins span its own finite values */
      for (guint l = 0; l < depth; l++)
        rebin_layer (&fine[(gsize) l * FINE_BINS], result->layers[l].min,
                     result->layers[l].max, lo, hi, n_bins, &result->bins[(gsize) l * n_bins]);
    }

  result->lo = lo;
  result->hi = hi;
  result->elapsed = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  return g_steal_pointer (&result);
}
