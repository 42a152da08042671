/* isc-figure.h — the one renderer: a result drawn into any cairo_t at any size
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "isc-result.h"

G_BEGIN_DECLS

typedef struct
{
  double red, green, blue, alpha;
} IscColor;

/* Colours and sizes. The window fills it from the theme; exports use the
 * light default. */
typedef struct
{
  IscColor    background;  /* alpha 0 = leave the surface as it is */
  IscColor    foreground;  /* text, axes */
  IscColor    grid;        /* faint lines */
  IscColor    bars;        /* histogram bars */
  IscColor    mean_line;   /* the mean-per-layer plot */
  IscColor    std_line;    /* the std-per-layer plot */
  IscColor    warning;     /* saturation / non-finite marks */
  double      text_scale;  /* 1.0 = default; Ctrl+plus/minus in the window */
  const char *font_family; /* NULL = "Sans" */
} IscFigureStyle;

void isc_figure_style_init_light (IscFigureStyle  *style);
void isc_figure_style_init_dark  (IscFigureStyle  *style);

/* TRUE when @a and @b draw the same figure: the same colours, text scale and
 * font family (compared by name). */
gboolean isc_figure_style_equal  (const IscFigureStyle *a,
                                  const IscFigureStyle *b);

/* Draws @result into the rectangle (0, 0, width, height) of @cr, in user units,
 * in @style (NULL for the light default). Never fails; a NULL result draws an
 * empty placeholder. */
void isc_figure_draw             (cairo_t              *cr,
                                  const IscResult      *result,
                                  const IscFigureStyle *style,
                                  double                width,
                                  double                height);

/* The plot area (the bars, without title and labels) of @layer's histogram
 * when @result is drawn at @width × @height: for hit-testing and tests.
 * FALSE when the layer has no panel at that size. */
gboolean isc_figure_get_panel_area (const IscResult      *result,
                                    const IscFigureStyle *style,
                                    double                width,
                                    double                height,
                                    guint                 layer,
                                    cairo_rectangle_t    *area);

G_END_DECLS
