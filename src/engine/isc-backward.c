/* isc-backward.c — the backward pass (see isc-backward.h)
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "isc-backward"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "isc-backward.h"
#include "isc-gemm.h"
#include "isc-init.h"
#include "isc-network.h"
#include "isc-norm.h"
#include "isc-parallel.h"
#include "isc-rng.h"

/* A histogram's counts are whole numbers, so how its values are cut into
 * pieces changes no bit: a gradient is binned in this many pieces (or
 * ISC_RUN_CHUNK values each, if more), not in 65 536-value chunks, each of
 * which would clear and sum 8 × 8193 counters for its 65 536 values. */
#define BIN_PIECES 16

/* A weight gradient is made in strips and measured while each is in cache
 * (see measure_weight_gradient_strips) when its product is cheap — a batch
 * of at most STRIPS_MAX_ROWS, the product's k — and the matrix large:
 * cs231n-2019's 64 MiB written out, then read back for the statistics and
 * again for the histogram, took ~105 ms of a 166 ms warm re-run; with the
 * strips the re-run takes ~107 ms. */
#define STRIPS_MAX_ROWS 64
#define STRIPS_MIN_VALUES ((gsize) 1 << 20)

struct _IscBackward
{
  IscRun        *run;
  guint          depth;
  gsize          n;            /* rows × units: an activation or δ */
  gsize          nw;           /* units × units: a weight gradient */
  guint          spacing;      /* checkpoints at multiples of it; 1: all kept */
  guint          n_slots;
  float        **slots;        /* n_slots buffers of n floats, kept activations */
  gint          *slot_x;       /* n_slots: the x index a slot holds, or −1 */
  gint          *x_slot;       /* depth + 1: the slot holding x_i, or −1 */
  gboolean      *planned;      /* depth + 1: the forward pass keeps x_i */
  float         *xin;          /* x_{l−1} */
  float         *xout;         /* x_l, then δ_{l−1} */
  float         *delta;        /* δ_l, then e_l = δ_l ⊙ φ′ */
  float         *wgrad;        /* ∂L/∂W_l, unless made in strips */
  gboolean       strips;       /* ∂L/∂W_l made in strips, never stored */
  IscChunkStats *strip_stats;  /* a strip's statistics */
  float         *strip_buffers; /* isc_gemm_strips' */
  guint64       *slot_bins;    /* a strip buffer's histogram counts */
  guint64       *slot_not_binned;
  float         *own_spare;    /* when the weight gradient is too small to be the spare */
  float         *spare;        /* the recomputation's other buffer */
  /* measuring: chunks of max (n, nw) values */
  gsize          n_chunks;
  IscChunkStats *chunks;
  guint64       *chunk_bins;   /* BIN_PIECES × ISC_RUN_FINE_BINS */
  guint64       *not_binned;
  /* what a chunk pass works on */
  const float   *values;
  IscHistogram  *hist;
  gsize          piece;        /* values a histogram piece */
};

static gboolean
no_memory (GError **error,
           gsize    bytes)
{
  g_autofree char *size = g_format_size (bytes);

  g_set_error (error, ISC_NETWORK_ERROR, ISC_NETWORK_ERROR_NO_MEMORY,
               _("Not enough memory for the backward pass (%s more needed)"), size);
  return FALSE;
}

/* ------------------------------------------------------------------------ */
/* The plan */

/* Every x_1 … x_{L−1} if they fit; else the smallest spacing s whose
 * checkpoints (multiples of s) and one segment (s − 1 more) fit; else no
 * checkpoint and every slot for the segments recomputed from x_0. */
static void
plan (IscBackward *bwd,
      gsize        budget)
{
  guint depth = bwd->depth;
  guint need = depth - 1;
  gsize fit = budget / (bwd->n * sizeof (float));
  guint c = (guint) MIN (fit, (gsize) need);

  bwd->planned = g_new0 (gboolean, depth + 1);
  bwd->x_slot = g_new (gint, depth + 1);
  for (guint i = 0; i <= depth; i++)
    bwd->x_slot[i] = -1;

  if (c == need)
    {
      bwd->spacing = 1;
      bwd->n_slots = need;
    }
  else
    {
      bwd->spacing = depth;
      bwd->n_slots = c;
      for (guint s = 2; s < depth; s++)
        if ((depth - 1) / s + (s - 1) <= c)
          {
            bwd->spacing = s;
            bwd->n_slots = (depth - 1) / s + (s - 1);
            break;
          }
    }
  for (guint i = bwd->spacing; i < depth; i += bwd->spacing)
    bwd->planned[i] = TRUE;
}

static gboolean
alloc_all (IscBackward *bwd)
{
  gsize big = MAX (bwd->n, bwd->nw);

  bwd->slots = g_new0 (float *, MAX (bwd->n_slots, 1));
  bwd->slot_x = g_new (gint, MAX (bwd->n_slots, 1));
  for (guint k = 0; k < bwd->n_slots; k++)
    {
      bwd->slot_x[k] = -1;
      if ((bwd->slots[k] = isc_cache_take_buffer (bwd->run->cache, bwd->n)) == NULL)
        return FALSE;
    }
  bwd->delta = isc_cache_take_buffer (bwd->run->cache, bwd->n);
  if (bwd->strips)
    {
      guint units = bwd->run->units;
      guint n_slots = isc_gemm_strip_slots (units, units);

      bwd->strip_stats = g_try_new (IscChunkStats, isc_gemm_n_strips (units, units));
      bwd->strip_buffers = g_try_new (float, isc_gemm_strips_floats (units, units));
      bwd->slot_bins = g_try_malloc_n (n_slots, ISC_RUN_FINE_BINS * sizeof (guint64));
      bwd->slot_not_binned = g_try_new (guint64, n_slots);
      if (bwd->strip_stats == NULL || bwd->strip_buffers == NULL || bwd->slot_bins == NULL ||
          bwd->slot_not_binned == NULL)
        return FALSE;
    }
  else if ((bwd->wgrad = isc_cache_take_buffer (bwd->run->cache, bwd->nw)) == NULL)
    return FALSE;
  /* the spare is needed only to recompute */
  if (bwd->spacing > 1 && (bwd->wgrad == NULL || bwd->nw < bwd->n))
    bwd->own_spare = isc_cache_take_buffer (bwd->run->cache, bwd->n);
  bwd->spare = bwd->wgrad != NULL && bwd->nw >= bwd->n ? bwd->wgrad : bwd->own_spare;
  bwd->n_chunks = isc_parallel_n_chunks (big, ISC_RUN_CHUNK);
  bwd->chunks = g_try_new (IscChunkStats, bwd->n_chunks);
  bwd->chunk_bins = g_try_malloc_n (BIN_PIECES, ISC_RUN_FINE_BINS * sizeof (guint64));
  bwd->not_binned = g_try_new (guint64, BIN_PIECES);
  return bwd->delta != NULL && bwd->chunks != NULL &&
         bwd->chunk_bins != NULL && bwd->not_binned != NULL &&
         (bwd->spacing == 1 || bwd->spare != NULL);
}

/* The gradient views' fine histograms, owned by the result from the start. */
static gboolean
alloc_fine (IscBackward *bwd)
{
  IscResult *result = bwd->run->result;

  isc_result_add_gradients (result);
  for (guint v = ISC_VIEW_GRADIENTS; v < ISC_N_VIEWS; v++)
    {
      IscHistogram *fine = g_new0 (IscHistogram, bwd->depth);

      isc_result_take_fine (result, v, fine);
      for (guint l = 0; l < bwd->depth; l++)
        if (!isc_histogram_init (&fine[l], 0.0, 0.0, ISC_RUN_FINE_BINS))
          return FALSE;
    }
  return TRUE;
}

IscBackward *
isc_backward_new (IscRun  *run,
                  gsize    budget,
                  GError **error)
{
  g_autoptr(IscBackward) bwd = g_new0 (IscBackward, 1);

  bwd->run = run;
  bwd->depth = run->config->depth;
  bwd->n = run->n;
  bwd->nw = (gsize) run->units * run->units;
  bwd->strips = run->rows <= STRIPS_MAX_ROWS && bwd->nw >= STRIPS_MIN_VALUES;
  plan (bwd, budget > 0 ? budget : ISC_BACKWARD_BUDGET);
  if (!alloc_all (bwd) || !alloc_fine (bwd))
    {
      no_memory (error, (bwd->n_slots + 2) * bwd->n * sizeof (float) + bwd->nw * sizeof (float));
      return NULL;
    }
  return g_steal_pointer (&bwd);
}

void
isc_backward_free (IscBackward *bwd)
{
  IscCache *cache = bwd->run->cache;

  /* activations and gradients swap buffers: all n floats but the weight gradient */
  for (guint k = 0; bwd->slots != NULL && k < bwd->n_slots; k++)
    isc_cache_give_buffer (cache, bwd->slots[k], bwd->n);
  g_free (bwd->slots);
  g_free (bwd->slot_x);
  g_free (bwd->x_slot);
  g_free (bwd->planned);
  isc_cache_give_buffer (cache, bwd->xin, bwd->n);
  isc_cache_give_buffer (cache, bwd->xout, bwd->n);
  isc_cache_give_buffer (cache, bwd->delta, bwd->n);
  isc_cache_give_buffer (cache, bwd->wgrad, bwd->nw);
  isc_cache_give_buffer (cache, bwd->own_spare, bwd->n);
  g_free (bwd->strip_stats);
  g_free (bwd->strip_buffers);
  g_free (bwd->slot_bins);
  g_free (bwd->slot_not_binned);
  g_free (bwd->chunks);
  g_free (bwd->chunk_bins);
  g_free (bwd->not_binned);
  g_free (bwd);
}

guint
isc_backward_get_n_slots (const IscBackward *bwd)
{
  return bwd->n_slots;
}

guint
isc_backward_get_spacing (const IscBackward *bwd)
{
  return bwd->spacing;
}

/* ------------------------------------------------------------------------ */
/* Kept activations */

static gint
take_slot (IscBackward *bwd,
           guint        x)
{
  for (guint k = 0; k < bwd->n_slots; k++)
    if (bwd->slot_x[k] < 0)
      {
        bwd->slot_x[k] = x;
        bwd->x_slot[x] = k;
        return k;
      }
  g_return_val_if_reached (-1);
}

static guint
n_free_slots (const IscBackward *bwd)
{
  guint n = 0;

  for (guint k = 0; k < bwd->n_slots; k++)
    n += bwd->slot_x[k] < 0;
  return n;
}

void
isc_backward_keep (IscBackward *bwd,
                   guint        layer)
{
  guint x = layer + 1;
  gint k;

  if (x >= bwd->depth || !bwd->planned[x])
    return;
  if ((k = take_slot (bwd, x)) >= 0)
    memcpy (bwd->slots[k], bwd->run->fwd.z, bwd->n * sizeof (float));
}

static void
swap (float **a,
      float **b)
{
  float *t = *a;

  *a = *b;
  *b = t;
}

/* x_i from x_j, the nearest kept one below (x_0: the input, drawn again),
 * layer by layer; the highest ones below i go into the free slots, the rest
 * alternate between xin and the spare. Ends with x_i in xin. */
static gboolean
recompute (IscBackward *bwd,
           guint        i,
           GError     **error)
{
  IscRun *run = bwd->run;
  guint j = i - 1, lowest_kept;
  const float *src;

  while (j > 0 && bwd->x_slot[j] < 0)
    j--;
  lowest_kept = MAX (j + 1, i - MIN (i, n_free_slots (bwd)));
  if (j == 0)
    {
      if (!isc_run_input_into (run, bwd->spare, error))
        return FALSE;
      src = bwd->spare;
    }
  else
    src = bwd->slots[bwd->x_slot[j]];

  for (guint t = j + 1; t <= i; t++)
    {
      float *dst;

      if (t == i)
        dst = src == bwd->xin ? bwd->spare : bwd->xin;
      else if (t >= lowest_kept)
        dst = bwd->slots[take_slot (bwd, t)];
      else
        dst = src == bwd->spare ? bwd->xin : bwd->spare;
      if (!isc_run_forward_into (run, t - 1, src, dst, error))
        return FALSE;
      src = dst;
    }
  /* the spare may be the weight gradient's buffer, larger: copy, not swap */
  if (src == bwd->spare)
    memcpy (bwd->xin, bwd->spare, bwd->n * sizeof (float));
  return TRUE;
}

/* x_i into xin: drawn (x_0), taken from its slot (which is then free: no
 * layer below needs it), or recomputed. */
static gboolean
fetch (IscBackward *bwd,
       guint        i,
       GError     **error)
{
  gint k;

  if (i == 0)
    return isc_run_input_into (bwd->run, bwd->xin, error);
  if ((k = bwd->x_slot[i]) >= 0)
    {
      swap (&bwd->xin, &bwd->slots[k]);
      bwd->slot_x[k] = -1;
      bwd->x_slot[i] = -1;
      return TRUE;
    }
  return recompute (bwd, i, error);
}

/* ------------------------------------------------------------------------ */
/* Measuring: the statistics, then a fine histogram over the layer's own
 * finite [min, max], each in fixed chunks summed in order */

static void
stats_range (gsize    first,
             gsize    n,
             gpointer user_data)
{
  IscBackward *bwd = user_data;

  isc_math_chunk_stats (bwd->values + first, n, -G_MAXFLOAT, G_MAXFLOAT,
                        &bwd->chunks[first / ISC_RUN_CHUNK]);
}

static void
bin_range (gsize    first,
           gsize    n,
           gpointer user_data)
{
  IscBackward *bwd = user_data;
  gsize piece = first / bwd->piece;

  bwd->not_binned[piece] = isc_histogram_bin_chunk (bwd->hist, bwd->values + first, n,
                                                    bwd->chunk_bins +
                                                    piece * ISC_RUN_FINE_BINS);
}

static void
measure (IscBackward *bwd,
         const float *values,
         gsize        n,
         IscView      view,
         guint        layer)
{
  IscResult *result = bwd->run->result;
  IscLayerStats *stats = &result->views[view].layers[layer];
  gsize n_chunks = isc_parallel_n_chunks (n, ISC_RUN_CHUNK);

  bwd->values = values;
  isc_parallel_for_range (n, ISC_RUN_CHUNK, stats_range, bwd);
  isc_run_stats_from_chunks (bwd->chunks, n_chunks, n, stats);
  if (stats->count == stats->nonfinite)
    return;

  bwd->hist = &result->views[view].fine[layer];
  bwd->piece = MAX (ISC_RUN_CHUNK, (n + BIN_PIECES - 1) / BIN_PIECES);
  isc_histogram_set_range (bwd->hist, stats->min, stats->max);
  isc_parallel_for_range (n, bwd->piece, bin_range, bwd);
  for (gsize c = 0; c < isc_parallel_n_chunks (n, bwd->piece); c++)
    isc_histogram_add (bwd->hist, bwd->chunk_bins + c * ISC_RUN_FINE_BINS, bwd->not_binned[c]);
}

/* ∂L/∂W = (1/B) x_{l−1}ᵀ e_l made in strips: the statistics of each, summed
 * in strip order, and the fine histogram, each buffer counting into its own
 * (whole numbers: the order changes nothing). The histogram's range has to
 * be known before the first strip: [−U, U] for U = max_i ‖x_i‖ · max_j ‖e_j‖ / B
 * over the columns (Cauchy–Schwarz bounds every |∂W_ij| by it; a float dot
 * product of k ≤ 64 terms errs by at most γ_k ≈ 4e-6 of ‖x_i‖ ‖e_j‖, well
 * within the margin). Where the values turn out to span less than half of
 * it, so fewer than 4 096 of the fine bins, the strips are made again and
 * binned over their own [min, max], as a stored matrix is. */
static void
strip_stats (guint        strip,
             guint        slot,
             const float *c,
             guint        rows,
             gpointer     user_data)
{
  IscBackward *bwd = user_data;

  isc_math_chunk_stats (c, (gsize) rows * bwd->run->units, -G_MAXFLOAT, G_MAXFLOAT,
                        &bwd->strip_stats[strip]);
}

static void
strip_bins (guint        strip,
            guint        slot,
            const float *c,
            guint        rows,
            gpointer     user_data)
{
  IscBackward *bwd = user_data;

  bwd->slot_not_binned[slot] +=
    isc_histogram_count_chunk (bwd->hist, c, (gsize) rows * bwd->run->units,
                               bwd->slot_bins + (gsize) slot * ISC_RUN_FINE_BINS);
}

static void
strip_measure (guint        strip,
               guint        slot,
               const float *c,
               guint        rows,
               gpointer     user_data)
{
  strip_stats (strip, slot, c, rows, user_data);
  strip_bins (strip, slot, c, rows, user_data);
}

/* The largest column norm of a rows × units matrix, in double; NaN or +Inf
 * if a value is not finite. */
static double
max_column_norm (const float *m,
                 guint        rows,
                 guint        units)
{
  g_autofree double *sq = g_new0 (double, units);
  double top = 0.0;

  for (guint r = 0; r < rows; r++)
    for (guint i = 0; i < units; i++)
      sq[i] += (double) m[(gsize) r * units + i] * m[(gsize) r * units + i];
  for (guint i = 0; i < units; i++)
    top = isnan (sq[i]) || sq[i] > top ? sq[i] : top;
  return sqrt (top);
}

static gboolean
weight_gradient_strips (IscBackward       *bwd,
                        IscGemmStripFunc   func,
                        GError           **error)
{
  IscRun *run = bwd->run;
  guint n_slots = isc_gemm_strip_slots (run->units, run->units);

  memset (bwd->slot_bins, 0, n_slots * ISC_RUN_FINE_BINS * sizeof (guint64));
  memset (bwd->slot_not_binned, 0, n_slots * sizeof (guint64));
  isc_gemm_strips (TRUE, run->units, run->units, run->rows, 1.0f / run->rows,
                   bwd->xin, run->units, bwd->delta, run->units, func, bwd,
                   bwd->strip_buffers, run->cancellable);
  return !g_cancellable_set_error_if_cancelled (run->cancellable, error);
}

static void
add_slot_bins (IscBackward *bwd)
{
  guint n_slots = isc_gemm_strip_slots (bwd->run->units, bwd->run->units);

  for (guint s = 0; s < n_slots; s++)
    isc_histogram_add (bwd->hist, bwd->slot_bins + (gsize) s * ISC_RUN_FINE_BINS,
                       bwd->slot_not_binned[s]);
}

static gboolean
measure_weight_gradient_strips (IscBackward *bwd,
                                guint        layer,
                                GError     **error)
{
  IscRun *run = bwd->run;
  IscResult *result = run->result;
  IscLayerStats *stats = &result->views[ISC_VIEW_WEIGHT_GRADIENTS].layers[layer];
  double bound = max_column_norm (bwd->xin, run->rows, run->units) *
                 max_column_norm (bwd->delta, run->rows, run->units) / run->rows *
                 (1.0 + 1.0 / 1024);
  gboolean one_pass = bound <= G_MAXFLOAT;  /* false for NaN and ±Inf */

  bwd->hist = &result->views[ISC_VIEW_WEIGHT_GRADIENTS].fine[layer];
  if (one_pass)
    isc_histogram_set_range (bwd->hist, -bound, bound);
  if (!weight_gradient_strips (bwd, one_pass ? strip_measure : strip_stats, error))
    return FALSE;
  isc_run_stats_from_chunks (bwd->strip_stats, isc_gemm_n_strips (run->units, run->units),
                             bwd->nw, stats);
  if (stats->count == stats->nonfinite)
    return TRUE;
  if (!one_pass || stats->max - stats->min < bound)
    {
      isc_histogram_set_range (bwd->hist, stats->min, stats->max);
      if (!weight_gradient_strips (bwd, strip_bins, error))
        return FALSE;
    }
  add_slot_bins (bwd);
  return TRUE;
}

static gboolean
measure_weight_gradient (IscBackward *bwd,
                         guint        layer,
                         GError     **error)
{
  IscRun *run = bwd->run;

  if (bwd->strips)
    return measure_weight_gradient_strips (bwd, layer, error);
  isc_gemm_full (TRUE, FALSE, run->units, run->units, run->rows, 1.0f / run->rows,
                 bwd->xin, run->units, bwd->delta, run->units, bwd->wgrad, run->units,
                 run->cancellable);
  if (g_cancellable_set_error_if_cancelled (run->cancellable, error))
    return FALSE;
  measure (bwd, bwd->wgrad, bwd->nw, ISC_VIEW_WEIGHT_GRADIENTS, layer);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* The pass */

/* δ_L = g: the first rows and columns of the read-out stream. */
static gboolean
readout (IscBackward *bwd,
         GError     **error)
{
  IscRun *run = bwd->run;
  g_autofree float *all = NULL;

  if (run->units == run->width)
    {
      isc_rng_fill_matrix (run->config->seed, ISC_STREAM_READOUT, 0, run->rows, run->width,
                           bwd->delta);
      return TRUE;
    }
  if ((all = g_try_malloc_n ((gsize) run->rows * run->width, sizeof (float))) == NULL)
    return no_memory (error, (gsize) run->rows * run->width * sizeof (float));
  isc_rng_fill_matrix (run->config->seed, ISC_STREAM_READOUT, 0, run->rows, run->width, all);
  for (guint r = 0; r < run->rows; r++)
    memcpy (bwd->delta + (gsize) r * run->units, all + (gsize) r * run->width,
            run->units * sizeof (float));
  return TRUE;
}

static void
deriv_range (gsize    first,
             gsize    n,
             gpointer user_data)
{
  IscBackward *bwd = user_data;
  IscActivateFunc dphi_z = bwd->run->activation->dphi_z;

  if (dphi_z != NULL)
    {
      /* xout holds z_l: φ′ is not a function of φ (gelu, silu) */
      dphi_z (bwd->xout + first, n);
      for (gsize i = 0; i < n; i++)
        bwd->delta[first + i] *= bwd->xout[first + i];
      return;
    }
  isc_activation_apply_deriv (bwd->run->config->activation, bwd->xout + first,
                              bwd->delta + first, n);
}

/* δ_{l−1} = σ e_l Z_lᵀ into xout (x_l is no longer needed). */
static gboolean
propagate (IscBackward *bwd,
           guint        layer,
           GError     **error)
{
  IscRun *run = bwd->run;
  g_autoptr(GBytes) weights = NULL;

  if (run->sigma == 0.0)
    {
      memset (bwd->xout, 0, bwd->n * sizeof (float));
      return TRUE;
    }
  if (isc_init_get_info (run->config->init)->base == ISC_BASE_ONES)
    {
      isc_gemm_ones (bwd->delta, bwd->xout, run->rows, run->units, (float) run->sigma);
      return TRUE;
    }
  if ((weights = isc_run_get_weights (run, layer, error)) == NULL)
    return FALSE;
  isc_gemm_full (FALSE, TRUE, run->rows, run->units, run->units,
                 (float) isc_run_layer_sigma (run, layer),
                 bwd->delta, run->units, g_bytes_get_data (weights, NULL), run->width,
                 bwd->xout, run->units, run->cancellable);
  return !g_cancellable_set_error_if_cancelled (run->cancellable, error);
}

/* With normalization, e = δ ⊙ φ′(y) is the gradient of y: through the
 * normalization's exact Jacobian into the gradient of z. z_l is made again
 * from x_{l−1} (in xin) into xout, whose x_l is no longer needed. */
static gboolean
norm_backward (IscBackward *bwd,
               guint        layer,
               GError     **error)
{
  IscRun *run = bwd->run;

  if (run->config->norm == ISC_NORM_NONE)
    return TRUE;
  if (!isc_run_pre_activation (run, layer, bwd->xin, bwd->xout, error))
    return FALSE;
  isc_norm_backward (run->config->norm, bwd->xout, bwd->delta, run->rows, run->units);
  return TRUE;
}

/* Layer @layer (0-based, the net's layer + 1), δ in delta and x_{layer+1}
 * in xout; leaves δ_{layer} in delta and x_{layer} in xout. */
static gboolean
backward_layer (IscBackward *bwd,
                guint        layer,
                GError     **error)
{
  IscRun *run = bwd->run;
  gboolean from_z = run->activation->dphi_z != NULL;

  measure (bwd, bwd->delta, bwd->n, ISC_VIEW_GRADIENTS, layer);
  if (!from_z)
    isc_parallel_for_range (bwd->n, ISC_RUN_CHUNK, deriv_range, bwd);
  if (!fetch (bwd, layer, error))
    return FALSE;
  /* gelu, silu: φ′ is a function of φ's input, made again: z_l = σ x_{l−1} W_l + b_l,
   * normalized as the forward pass did, into xout (x_l is no longer needed) */
  if (from_z)
    {
      if (!isc_run_pre_activation (run, layer, bwd->xin, bwd->xout, error))
        return FALSE;
      isc_norm_forward (run->config->norm, bwd->xout, run->rows, run->units);
      isc_parallel_for_range (bwd->n, ISC_RUN_CHUNK, deriv_range, bwd);
    }
  if (!norm_backward (bwd, layer, error))
    return FALSE;

  /* ∂L/∂W = (1/B) x_{l−1}ᵀ e_l */
  if (!measure_weight_gradient (bwd, layer, error))
    return FALSE;

  if (layer == 0)
    return TRUE;
  if (!propagate (bwd, layer, error))
    return FALSE;
  /* δ_{l−1} is in xout, x_{l−1} in xin; the old δ is free */
  swap (&bwd->delta, &bwd->xout);
  swap (&bwd->xout, &bwd->xin);
  return TRUE;
}

gboolean
isc_backward_run (IscBackward     *bwd,
                  IscProgressFunc  progress,
                  gpointer         progress_data,
                  GError         **error)
{
  IscRun *run = bwd->run;

  /* the forward's buffers: x_L, and a free one */
  bwd->xout = g_steal_pointer (&run->fwd.x);
  bwd->xin = g_steal_pointer (&run->fwd.z);
  if (!readout (bwd, error))
    return FALSE;

  for (guint l = bwd->depth; l-- > 0;)
    {
      if (!backward_layer (bwd, l, error))
        return FALSE;
      if (progress != NULL)
        progress (2 * bwd->depth - l, 2 * bwd->depth, progress_data);
    }
  isc_result_finish_view (run->result, ISC_VIEW_GRADIENTS, FALSE);
  isc_result_finish_view (run->result, ISC_VIEW_WEIGHT_GRADIENTS, FALSE);
  return TRUE;
}
