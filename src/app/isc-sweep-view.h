/* isc-sweep-view.h — the σ sweep: last-layer std, saturation, dead share and
 * gradient std over log σ, for the current activation, depth and width
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "isc-sweep.h"

G_BEGIN_DECLS

/* The sweep's preview: at most this batch and width (σ scaled by
 * √(width/units), as the figure's previews), at this many σ. */
#define ISC_SWEEP_VIEW_BATCH  64
#define ISC_SWEEP_VIEW_UNITS  512
#define ISC_SWEEP_VIEW_N      25

#define ISC_TYPE_SWEEP_VIEW (isc_sweep_view_get_type ())

G_DECLARE_FINAL_TYPE (IscSweepView, isc_sweep_view, ISC, SWEEP_VIEW, GtkWidget)

GtkWidget           *isc_sweep_view_new        (GSettings    *settings);
/* The finished sweep, or NULL while it runs; @n gets its length. */
const IscSweepPoint *isc_sweep_view_get_points (IscSweepView *self,
                                                guint        *n);
gboolean             isc_sweep_view_is_busy    (IscSweepView *self);
/* The fraction of the running sweep done (0 … 1). */
double               isc_sweep_view_get_progress (IscSweepView *self);
/* What a click at (@x, @y) does: the point under it sets σ (gaussian). */
gboolean             isc_sweep_view_click      (IscSweepView *self,
                                                double        x,
                                                double        y);
/* Where point @i of plot @plot is drawn, horizontally, and the plot's middle. */
gboolean             isc_sweep_view_point_xy   (IscSweepView *self,
                                                guint         plot,
                                                guint         i,
                                                double       *x,
                                                double       *y);

GtkWindow           *isc_sweep_view_window_new (GtkWindow    *parent,
                                                GSettings    *settings);

G_END_DECLS
