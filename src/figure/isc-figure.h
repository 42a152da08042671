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
  IscColor    reference_color; /* a pinned config: its histograms' outlines, its std lines */
  double      text_scale;  /* 1.0 = default; Ctrl+plus/minus in the window */
  const char *font_family; /* NULL = "Sans" */

  /* What is drawn. The init functions set the lecture's figure: the
   * activations over their shared range, no theory. */
  IscView     view;        /* a view the result does not have draws the activations */
  int         range;       /* an IscRangeMode, or ISC_FIGURE_RANGE_AUTO */
  gboolean    theory_on;   /* the mean-field prediction over the measurement */
  /* A comparison: another config's result (the window's pinned one, the
   * CLI's --reference), drawn as outlines behind the bars and as a second
   * series on the line plots, both configs in the header and a legend.
   * Not owned: keep it alive while the style is used. NULL: none. */
  const IscResult *reference;

  /* For a lesson and a projector; 0 (as the init functions set) draws the figure as
   * without them. */
  int         highlight;   /* a frame round what to look at: ISC_FIGURE_HIGHLIGHT_… */
  double      line_scale;  /* line widths × this; 0 = 1 */
} IscFigureStyle;

/* IscFigureStyle.highlight: nothing, the std-per-layer plot, or layer l's panel. */
#define ISC_FIGURE_HIGHLIGHT_NONE      0
#define ISC_FIGURE_HIGHLIGHT_STD       (-1)
#define ISC_FIGURE_HIGHLIGHT_LAYER(l)  ((int) (l) + 1)

/* IscFigureStyle.range: the view's default (isc_view_get_default_range). */
#define ISC_FIGURE_RANGE_AUTO (-1)

void isc_figure_style_init_light (IscFigureStyle  *style);
void isc_figure_style_init_dark  (IscFigureStyle  *style);
/* For a projector in a lit room: a white background, black text, saturated dark
 * colours and lines twice as thick (a dark style washes out on a projector). */
void isc_figure_style_init_projector (IscFigureStyle *style);

/* TRUE when @a and @b draw the same figure: the same colours, text scale,
 * font family (compared by name), view, range mode, theory, reference (the same
 * result object), highlight and line scale. */
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

/* What tells @config from @other, as "init xavier · activation relu" (the
 * fields of the config table whose values differ, @config's values); the
 * legend of a comparison. "same config" when nothing differs. Free with g_free(). */
char *isc_figure_describe_difference (const IscConfig *config,
                                      const IscConfig *other);

G_END_DECLS
