/* isc-figure-private.h — what the parts of the renderer share
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not installed and not for callers outside src/figure: the one public API is
 * isc-figure.h. One figure being drawn is an IscFig, set up from the inputs
 * (isc-figure.c), laid out (isc-figure-page.c), then drawn by its parts.
 */

#pragma once

#include <math.h>

#include "isc-figure.h"
#include "isc-figure-layout.h"
#include "isc-figure-text.h"
#include "isc-histogram.h"
#include "isc-theory.h"

G_BEGIN_DECLS

typedef struct
{
  double x, y, width, height;
} IscRect;

/* A label under the x axis: its value, where its text hangs from the tick
 * (0 left, 0.5 centred, 1 right) and the span it takes, from the plot's
 * left edge. */
typedef struct
{
  double  value;
  double  anchor;
  char   *text;
  double  left;
  double  right;
} IscXLabel;

/* A panel's title, in the longest form that fits its width: the lecture's
 * "Layer 3 · mean 0.00 · std 0.18", else without the mean (the mean plot
 * has it; the std is the story), else on two lines. */
typedef enum
{
  ISC_TITLE_FULL,
  ISC_TITLE_STD,
  ISC_TITLE_TWO_LINES,
  ISC_TITLE_TWO_LINES_STD,
  ISC_N_TITLE_FORMS
} IscTitleForm;

typedef struct
{
  /* inputs */
  cairo_t              *cr;
  const IscResult      *result;
  const IscFigureStyle *style;
  IscFigureStyle        fallback;   /* the style for a NULL one */
  double                width;
  double                height;

  IscText               text;

  /* sizes, in user units */
  double                base;       /* the header's font size; others derive from it */
  double                title_px;
  double                tick_px;
  double                line_width;

  /* data: the view drawn (the style's, when the result has it) */
  IscView               view;
  IscRangeMode          range;
  const IscLayerStats **stats;      /* n_layers, of the view */
  IscHistogram         *hists;      /* n_layers rebinned for the range mode; NULL = the
                                     * view's shared bins (stats->bins over lo_all..hi_all) */
  guint                 n_bins;
  guint                 n_layers;
  double                lo_all;     /* the view's shared range (bins' range, may be empty) */
  double                hi_all;
  double                lo;         /* x range shown, never empty: the panel's own when the */
  double                hi;         /* range is per layer */
  double                symlog_t;   /* > 0: the x axis is symlog with this threshold */
  double                y_top;      /* count at the top of every histogram */
  guint64               count;      /* values a layer, for the percent labels */

  /* the mean-field prediction, when the style asks for it and it applies */
  IscTheoryLayer       *theory;     /* n_layers, or NULL */
  IscTheoryFixedPoint   fixed;
  gboolean              theory_narrow; /* finite-width corrections are not small */

  /* layout */
  gboolean              show_header;
  IscRect               header;
  gboolean              show_lines;
  IscRect               lines[2];   /* mean, std: whole boxes with titles */
  gboolean              lines_stacked;
  guint                 cols;
  guint                 rows;
  IscRect               grid;       /* the panels, without the y labels */
  double                gap_x;
  double                gap_y;
  double                cell_width;
  double                plot_height;
  double                title_h;    /* band above each plot */
  double                title_font; /* 0 = no titles */
  IscTitleForm          title_form;
  gboolean              title_short; /* the abbreviated wording (σ), where needed */
  double                tick_h;     /* band below a plot with x labels */
  gboolean              ticks_every_panel;
  double                ylabel_w;   /* left of the first column; 0 = no labels */
  double                panel_px;   /* axis labels and warnings in the panels */

  /* the x labels, the same under every panel: laid out once a draw, from
   * the plot's left edge */
  IscXLabel             x_labels[2 + 1 + 6];
  guint                 n_x_labels;
  double                x_label_px;
} IscFig;

/* isc-figure.c */
/* Layer @l's statistics in the view drawn. */
static inline const IscLayerStats *
isc_fig_layer (const IscFig *f,
               guint         l)
{
  return f->stats[l];
}

void     isc_fig_set_layer_range     (IscFig               *f,
                                      guint                 l);
void     isc_fig_clear_x_labels      (IscFig               *f);

/* Bin counts of layer @l as drawn, and their range: n_bins of them. */
const guint64 *isc_fig_bins          (const IscFig         *f,
                                      guint                 l,
                                      double               *lo,
                                      double               *hi);

/* isc-figure-theory.c: the mean-field prediction drawn over the measurement */
gboolean isc_fig_theory_is_narrow    (const IscConfig      *config);
char    *isc_fig_theory_phase_text   (const IscFig         *f);
/* The predicted counts of n_bins bins over [lo, hi) for a layer of @count
 * values at q (into @counts), or FALSE. */
gboolean isc_fig_theory_counts       (const char           *activation,
                                      double                q,
                                      double                lo,
                                      double                hi,
                                      guint                 n_bins,
                                      guint64               count,
                                      double               *counts);
void     isc_fig_theory_draw_density (IscFig               *f,
                                      const IscRect        *plot,
                                      guint                 layer);

/* isc-figure-style.c */
void     isc_color_set_source        (cairo_t              *cr,
                                      const IscColor       *color,
                                      double                alpha);

/* isc-figure-axes.c: number formats, tick choice and axis lines */
char    *isc_format_stat             (double                value);
char    *isc_format_tick             (double                value,
                                      double                step);
char    *isc_format_percent_tick     (double                value,
                                      double                step);
char    *isc_format_edge             (double                value);
char    *isc_format_decade           (int                   exponent);
char    *isc_format_ratio            (double                ratio);
guint    isc_nice_ticks              (double                lo,
                                      double                hi,
                                      guint                 max_ticks,
                                      double               *first,
                                      double               *step);
double   isc_axis_y_of               (const IscRect        *plot,
                                      double                lo,
                                      double                hi,
                                      double                value);
void     isc_axis_draw_y_gridline    (IscFig               *f,
                                      const IscRect        *plot,
                                      double                y,
                                      const IscColor       *color,
                                      double                alpha,
                                      const char           *label,
                                      double                px);
void     isc_axis_draw_x_baseline    (IscFig               *f,
                                      const IscRect        *plot);
void     isc_axis_draw_x_tick        (IscFig               *f,
                                      double                x,
                                      double                base_y,
                                      double                length,
                                      const char           *label,
                                      double                px,
                                      double                label_y,
                                      double                anchor);

/* isc-figure-page.c: the page layout */
void     isc_page_layout             (IscFig               *f);
void     isc_page_panel_rects        (const IscFig         *f,
                                      guint                 layer,
                                      IscRect              *plot,
                                      IscRect              *title);

/* isc-figure-panel.c: one layer's histogram */
double   isc_layer_mean              (const IscLayerStats  *stats);
double   isc_layer_std               (const IscLayerStats  *stats);
void     isc_panel_title             (IscView               view,
                                      guint                 layer,
                                      const char           *mean,
                                      const char           *std,
                                      IscTitleForm          form,
                                      gboolean              abbreviated,
                                      char                **first,
                                      char                **second);
double   isc_panel_y_top             (const IscFig         *f);
void     isc_panel_layout_x_labels   (IscFig               *f);
void     isc_panel_draw              (IscFig               *f,
                                      guint                 layer);

/* isc-figure.c: loads into the calling thread's font map the fonts that the
 * light style's figure at @width × @height uses whatever the result (the
 * layout's 100 px measures, the header, the axes and line plots) and renders
 * their common glyphs (for isc_export_warm_up) */
void     isc_figure_warm_fonts       (int                   width,
                                      int                   height);

G_END_DECLS
