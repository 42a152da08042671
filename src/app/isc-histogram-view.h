/* isc-histogram-view.h — the figure on screen, drawn by the one renderer
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "isc-figure.h"
#include "isc-result.h"

G_BEGIN_DECLS

#define ISC_TYPE_HISTOGRAM_VIEW (isc_histogram_view_get_type ())

G_DECLARE_FINAL_TYPE (IscHistogramView, isc_histogram_view, ISC, HISTOGRAM_VIEW, GtkWidget)

IscResult *isc_histogram_view_get_result     (IscHistogramView *self);
void       isc_histogram_view_set_result     (IscHistogramView *self,
                                              IscResult        *result);
double     isc_histogram_view_get_text_scale (IscHistogramView *self);
void       isc_histogram_view_set_text_scale (IscHistogramView *self,
                                              double            text_scale);
void       isc_histogram_view_set_view       (IscHistogramView *self,
                                              IscView           view);
void       isc_histogram_view_set_theory     (IscHistogramView *self,
                                              gboolean          theory);
IscResult *isc_histogram_view_get_reference  (IscHistogramView *self);
void       isc_histogram_view_set_reference  (IscHistogramView *self,
                                              IscResult        *reference);
const IscFigureStyle *isc_histogram_view_get_style (IscHistogramView *self);
guint      isc_histogram_view_get_n_renders  (IscHistogramView *self);
void       isc_histogram_view_set_lesson_style (IscHistogramView *self,
                                                int               highlight,
                                                gboolean          projector);

G_END_DECLS
