/* isc-figure-text.h — text in the figure: one Pango layout, measured and drawn
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <pango/pangocairo.h>

#include "isc-figure.h"

G_BEGIN_DECLS

/* One layout reused for every string: isc_text_set() sets its text and
 * font, then it is measured or drawn. The extents of each (text, size,
 * weight, width, ellipsis, alignment) are kept: a figure measures the same
 * strings again and again, and a layout is only laid out when it is
 * measured for the first time or drawn. */
typedef struct
{
  cairo_t              *cr;
  PangoContext         *pango;
  PangoLayout          *layout;
  PangoFontDescription *font;
  GHashTable           *extents;  /* key → PangoRectangle, the logical one */
} IscText;

void   isc_text_init    (IscText        *t,
                         cairo_t        *cr,
                         const char     *family);
void   isc_text_clear   (IscText        *t);
void   isc_text_set     (IscText        *t,
                         const char     *text,
                         double          px,
                         PangoWeight     weight);
double isc_text_width   (IscText        *t);
double isc_text_height  (IscText        *t);
double isc_text_measure (IscText        *t,
                         const char     *text,
                         double          px,
                         PangoWeight     weight);
void   isc_text_draw    (IscText        *t,
                         double          x,
                         double          y,
                         double          ax,
                         double          ay,
                         const IscColor *color,
                         double          alpha);

G_END_DECLS
