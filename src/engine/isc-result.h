/* isc-result.h — what one run of the network produced: immutable, ref-counted
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "isc-config.h"
#include "isc-histogram.h"

G_BEGIN_DECLS

#define ISC_TYPE_RESULT (isc_result_get_type ())

/* Thresholds of the saturation statistic. */
#define ISC_TANH_SATURATION     0.99
#define ISC_SIGMOID_SATURATION  0.01  /* a < 0.01 or a > 0.99 */

typedef struct
{
  double   mean;       /* over the finite values */
  double   std;        /* population standard deviation, finite values */
  double   min;        /* finite values; 0 when there are none */
  double   max;
  double   saturated;  /* fraction of all values: |a| > 0.99 (tanh), a < 0.01 or a > 0.99 (sigmoid) */
  double   zero;       /* fraction of all values exactly 0 */
  guint64  nonfinite;  /* count of NaN and ±Inf */
  guint64  count;      /* batch × width */
  const guint64 *bins; /* n_bins counts over the result's shared range */
} IscLayerStats;

typedef struct _IscResult IscResult;

/* What a panel shows: the activations x_l, the activation gradients δ_l =
 * ∂L_b/∂x_l (per sample: δ_depth = g, the read-out), or the weight gradients
 * ∂L/∂W_l (averaged over the batch). Layer l of each is counted from 0 for
 * the net's layer l + 1. */
typedef enum
{
  ISC_VIEW_ACTIVATIONS,
  ISC_VIEW_GRADIENTS,
  ISC_VIEW_WEIGHT_GRADIENTS,
  ISC_N_VIEWS
} IscView;

/* How a view's histograms are binned for drawing:
 * SHARED    every layer over the view's one range (the lecture's figure);
 * PER_LAYER each layer over its own [min, max];
 * SYMLOG    every layer over one range in y = sign(x)·log10(1 + |x|/t), t the
 *           view's isc_result_get_symlog_threshold: magnitudes spanning
 *           decades stay readable, with a linear part around 0 of width ~t. */
typedef enum
{
  ISC_RANGE_SHARED,
  ISC_RANGE_PER_LAYER,
  ISC_RANGE_SYMLOG,
  ISC_N_RANGES
} IscRangeMode;

GType                isc_result_get_type      (void) G_GNUC_CONST;
IscResult           *isc_result_ref           (IscResult       *result);
void                 isc_result_unref         (IscResult       *result);

const IscConfig     *isc_result_get_config    (const IscResult *result);
guint                isc_result_get_n_layers  (const IscResult *result);
const IscLayerStats *isc_result_get_layer     (const IscResult *result,
                                               guint            layer);
guint                isc_result_get_n_bins    (const IscResult *result);
void                 isc_result_get_range     (const IscResult *result,
                                               double          *lo,
                                               double          *hi);
double               isc_result_get_elapsed   (const IscResult *result);
/* The batch rows actually used: less than the config's batch for a preview. */
guint                isc_result_get_batch     (const IscResult *result);
/* The units a layer actually computed: less than the width for a preview. */
guint                isc_result_get_units     (const IscResult *result);
gboolean             isc_result_is_preview    (const IscResult *result);
/* Whether @result is the full run (not a preview) of exactly @config. */
gboolean             isc_result_is_full_for   (const IscResult *result,
                                               const IscConfig *config);

/* ------------------------------------------------------------------------ */
/* Views: the activations and, after a backward pass, the gradients */

/* "activations", "gradients", "weight-gradients" (the CLI's --view). */
const char          *isc_view_to_string       (IscView          view);
gboolean             isc_view_from_string     (const char      *name,
                                               IscView         *view,
                                               GError         **error);
/* "shared", "per-layer", "symlog" (the CLI's --range, the "range" key). */
const char          *isc_range_mode_to_string (IscRangeMode     mode);
/* Translated: "Activations", "Gradients", "Weight gradients". */
const char          *isc_view_get_label       (IscView          view);
/* The range a view is drawn with unless the user picks another: SHARED for
 * the activations (the lecture's figure), PER_LAYER for both gradients (each
 * layer's shape stays visible; their magnitudes span decades and are told by
 * the std line plot on a log axis; SYMLOG turns a narrow Gaussian into two
 * humps when t is far below its std). */
IscRangeMode         isc_view_get_default_range (IscView        view);

/* Whether the backward pass ran: the gradient views exist. */
gboolean             isc_result_has_gradients (const IscResult *result);
/* Whether @view has statistics in @result (ACTIVATIONS always). */
gboolean             isc_result_has_view      (const IscResult *result,
                                               IscView          view);
/* Layer @layer of @view, or NULL when @view did not run. Its `bins` are
 * n_bins counts over isc_result_get_view_range (SHARED); `saturated` is 0 for
 * the gradient views; `zero` is the exact-zero fraction (ReLU's dead share in
 * ACTIVATIONS); `count` is rows × units (δ) or units × units (∂W). */
const IscLayerStats *isc_result_get_view_layer (const IscResult *result,
                                                IscView          view,
                                                guint            layer);
/* The view's shared range, and its largest bin over all layers. */
void                 isc_result_get_view_range (const IscResult *result,
                                                IscView          view,
                                                double          *lo,
                                                double          *hi);
/* The layer's fine histogram (ISC_RUN_FINE_BINS bins over the layer's own
 * finite [min, max]), or NULL: a fixed-range activation (tanh, sigmoid) keeps
 * only its shared bins, and a view that did not run has none. */
const IscHistogram  *isc_result_get_fine      (const IscResult *result,
                                               IscView          view,
                                               guint            layer);
/* t of the view's SYMLOG axis (> 0): the smallest positive std of its layers,
 * so the narrowest layer still spans ~0.3 of a decade, but at least 1e-12 of
 * the largest |value| so that the axis spans at most ~12 decades. 1 when the
 * view has no positive std (all zero). */
double               isc_result_get_symlog_threshold (const IscResult *result,
                                                      IscView          view);
/* Bins layer @layer of @view for drawing with @mode into @into (already
 * initialised with the bin count wanted; its range and counts are replaced):
 * SHARED over the view's range, PER_LAYER over the layer's [min, max] (padded
 * when it is one value), SYMLOG over [symlog (lo), symlog (hi)] of the view's
 * range, in symlog coordinates. From the fine histogram when there is one,
 * else from the shared bins. FALSE (and @into untouched) when the view did
 * not run. */
gboolean             isc_result_rebin         (const IscResult *result,
                                               IscView          view,
                                               guint            layer,
                                               IscRangeMode     mode,
                                               IscHistogram    *into);

/* Distinct units of layer @layer: the number of different columns of x_l
 * over the batch (bit-for-bit), 1 when W = 0 or every weight is the same,
 * the width for any random init; 0 when not computed. */
guint                isc_result_get_distinct  (const IscResult *result,
                                               guint            layer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IscResult, isc_result_unref)

G_END_DECLS
