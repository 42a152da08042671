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
  IscColor    theory;      /* the mean-field prediction: dashed lines, density outlines */
  double      text_scale;  /* 1.0 = default; Ctrl+plus/minus in the window */
  const char *font_family; /* NULL = "Sans" */

  /* What is drawn. The init functions set the lecture's figure: the
   * activations over their shared range, no theory. */
  IscView     view;        /* a view the result does not have draws the activations */
  int         range;       /* an IscRangeMode, or ISC_FIGURE_RANGE_AUTO */
  gboolean    theory_on;   /* the mean-field prediction over the measurement */
} IscFigureStyle;

/* IscFigureStyle.range: the view's default (isc_view_get_default_range). */
#define ISC_FIGURE_RANGE_AUTO (-1)

void isc_figure_style_init_light (IscFigureStyle  *style);
void isc_figure_style_init_dark  (IscFigureStyle  *style);

/* TRUE when @a and @b draw the same figure: the same colours, text scale,
 * font family (compared by name), view, range mode and theory. */
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
