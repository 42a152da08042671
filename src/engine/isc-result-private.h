/* isc-result-private.h — how the engine (and tests) build a result
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "isc-result.h"

G_BEGIN_DECLS

/* One view's statistics. */
typedef struct
{
  IscLayerStats *layers;    /* config.depth of them, or NULL: the view did not run */
  guint64       *bins;      /* config.depth × config.bins */
  double         lo;        /* shared histogram range */
  double         hi;
  IscHistogram  *fine;      /* config.depth fine histograms, or NULL */
  double         symlog_t;  /* see isc_result_get_symlog_threshold */
} IscResultView;

struct _IscResult
{
  IscConfig      config;
  guint          batch;    /* rows used: < config.batch for a preview */
  guint          units;    /* units a layer: < config.width for a preview */
  double         lo;       /* shared histogram range (of the activations) */
  double         hi;
  double         elapsed;  /* seconds */
  IscLayerStats *layers;   /* config.depth of them: views[ACTIVATIONS].layers */
  guint64       *bins;     /* config.depth × config.bins: views[ACTIVATIONS].bins */
  IscResultView  views[ISC_N_VIEWS];
  guint         *distinct; /* config.depth, or NULL: not computed */
};

/* Layers' statistics and bins are zeroed; the caller fills them in (each
 * layer's `bins` already points at its row) and then treats it as immutable.
 * Only the activations view exists. */
IscResult *isc_result_new (const IscConfig *config,
                           guint            batch,
                           guint            units);

/* Adds the zeroed gradient views (layers, bins pointing at their rows). */
void       isc_result_add_gradients (IscResult *result);
/* Adds the zeroed distinct counts. */
void       isc_result_add_distinct  (IscResult *result);
/* Gives @view the fine histograms @fine (config.depth of them, g_new0'd;
 * the result takes them and their counts). */
void       isc_result_take_fine     (IscResult    *result,
                                     IscView       view,
                                     IscHistogram *fine);
/* Once a view's layer statistics (min, max, std) and fine histograms are in:
 * sets its shared range (every layer's finite [min, max], padded when it is
 * one value), rebins the fine histograms into the shared bins, and sets the
 * symlog threshold. For a view without fine histograms the caller has set
 * lo, hi and the bins; only the threshold is set. */
void       isc_result_finish_view   (IscResult *result,
                                     IscView    view,
                                     gboolean   nonnegative);

G_END_DECLS
