/* isc-slider-row.h — one setting as a label, a spin button and a slider
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* How the slider's position maps to the key's value. */
typedef enum
{
  ISC_SLIDER_AXIS_NONE,    /* a spin button alone */
  ISC_SLIDER_AXIS_LINEAR,  /* the slider moves over the value itself */
  ISC_SLIDER_AXIS_LOG10,   /* over log10 of it: σ from 10⁻⁴ to 10 */
  ISC_SLIDER_AXIS_LOG2,    /* over log2 of it: widths from 1 to 8192 */
} IscSliderAxis;

GType isc_slider_axis_get_type (void) G_GNUC_CONST;
#define ISC_TYPE_SLIDER_AXIS (isc_slider_axis_get_type ())

#define ISC_TYPE_SLIDER_ROW (isc_slider_row_get_type ())

G_DECLARE_FINAL_TYPE (IscSliderRow, isc_slider_row, ISC, SLIDER_ROW, AdwPreferencesRow)

void           isc_slider_row_bind            (IscSliderRow *self,
                                               GSettings    *settings);
void           isc_slider_row_add_mark        (IscSliderRow *self,
                                               double        value,
                                               const char   *label);

GtkSpinButton *isc_slider_row_get_spin_button (IscSliderRow *self);
GtkScale      *isc_slider_row_get_scale       (IscSliderRow *self);
gboolean       isc_slider_row_get_dragging    (IscSliderRow *self);

G_END_DECLS
