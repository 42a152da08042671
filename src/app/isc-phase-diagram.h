/* isc-phase-diagram.h — χ₁ over σ_w² × σ_b² for the current activation, with
 * the current config as a point to drag
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "isc-figure.h"

G_BEGIN_DECLS

#define ISC_TYPE_PHASE_DIAGRAM (isc_phase_diagram_get_type ())

G_DECLARE_FINAL_TYPE (IscPhaseDiagram, isc_phase_diagram, ISC, PHASE_DIAGRAM, GtkWidget)

GtkWidget  *isc_phase_diagram_new             (GSettings       *settings);
/* The phase of the current config in words (the label under the diagram). */
const char *isc_phase_diagram_get_description (IscPhaseDiagram *self);
/* Whether the χ₁ grid of the current activation is on show (not still computed). */
gboolean    isc_phase_diagram_is_ready        (IscPhaseDiagram *self);
/* Where the current config's point is drawn, in widget coordinates. */
gboolean    isc_phase_diagram_get_point       (IscPhaseDiagram *self,
                                               double          *x,
                                               double          *y);
/* What a drag to (@x, @y) does: sets σ (and the bias, when there is a key). */
void        isc_phase_diagram_drag_to         (IscPhaseDiagram *self,
                                               double           x,
                                               double           y);

/* The window holding it, transient for @parent. */
GtkWindow  *isc_phase_diagram_window_new      (GtkWindow       *parent,
                                               GSettings       *settings);

/* A view's window (shared with the sweep view): header bar, @view, @footer. */
GtkWindow  *_isc_view_window_new              (GtkWindow       *parent,
                                               const char      *title,
                                               GtkWidget       *view,
                                               GtkWidget       *footer);

/* A view's figure style: the light or dark palette, the widget's foreground,
 * the settings' text scale (when they have the key). Shared with the sweep view. */
void        _isc_view_get_style               (GtkWidget       *view,
                                               GSettings       *settings,
                                               IscFigureStyle  *style);

/* win.phase-diagram (Ctrl+D) and win.sweep (Ctrl+Shift+D) on IscWindow's class. */
void        isc_views_install_actions         (GtkWidgetClass  *widget_class);

G_END_DECLS
