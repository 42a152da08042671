/* isc-figure-line-plot.h — a value per layer, as lines over a layer axis
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "isc-figure-private.h"

G_BEGIN_DECLS

/* How a series is drawn, by what it is. */
typedef enum
{
  ISC_LINE_MEASURED,   /* this result's values: a line through markers */
  ISC_LINE_THEORY,     /* a prediction: a dashed line, no markers */
  ISC_LINE_REFERENCE,  /* another config's values: a thin, faint line */
} IscLineRole;

/* One line. The first series of a plot is the main one: its last value is
 * written next to its marker, and it is drawn on top of the others. */
typedef struct
{
  const double   *y;      /* n values, one a layer from layer 1; NAN where there is none */
  guint           n;
  IscLineRole     role;
  const IscColor *color;
  const char     *label;  /* its entry in the legend (shown for two or more); NULL = none */
} IscLineSeries;

#define ISC_LINE_PLOT_MAX_SERIES 4
#define ISC_LINE_PLOT_LOG_SPAN   10.0

typedef enum
{
  ISC_LINE_PLOT_FROM_ZERO   = 1 << 0,  /* y from 0 when no value is negative: a std */
  ISC_LINE_PLOT_NOTE_POINTS = 1 << 1,  /* label the points of a main series that falls
                                        * through orders of magnitude */
  ISC_LINE_PLOT_LOG_AUTO    = 1 << 2,  /* a log y axis when the positive values span more
                                        * than ISC_LINE_PLOT_LOG_SPAN; the main series'
                                        * ratio a layer written on it */
  ISC_LINE_PLOT_TO_INPUT    = 1 << 3,  /* that ratio from the last layer back: a gradient
                                        * flows towards the input */
} IscLinePlotFlags;

/* A line plot's set-up: what its margins depend on, worked out before it is
 * drawn, so that two plots one above the other can share their edges. */
typedef struct
{
  IscLinePlotFlags flags;
  const char      *title;
  IscLineSeries    series[ISC_LINE_PLOT_MAX_SERIES];
  guint            n_series;
  guint            n;          /* layers on the x axis: the longest series */
  IscRect          box;        /* the whole plot, with its title */
  IscRect          plot;       /* without the title and x labels; margins included */
  guint            last;       /* the main series' last layer with a value; G_MAXUINT = none */
  char            *last_text;  /* its value, written next to its marker */
  double           vmax;       /* the main series' largest |value| */
  double           small_min;  /* and its smallest non-zero |value| */
  double           ylo;        /* y range */
  double           yhi;
  guint            n_y;        /* y ticks */
  double           first;
  double           step;
  char           **y_labels;   /* n_y of them */
  double           left;       /* margins: the y labels, the last value */
  double           right;
  gboolean         log_y;      /* ylo, yhi, first and step are decades (log10) */
  double           ratio;      /* the main series' geometric mean ratio a layer; NAN = none */
  char            *ratio_text; /* "×0.22 a layer" when log_y */
} IscLinePlot;

void isc_line_plot_prepare     (IscLinePlot         *lp,
                                IscFig              *f,
                                const IscRect       *box,
                                const char          *title,
                                IscLinePlotFlags     flags,
                                const IscLineSeries *series,
                                guint                n_series);
/* Two plots one above the other: the same left and right margins. */
void isc_line_plot_share_edges (IscLinePlot         *a,
                                IscLinePlot         *b);
void isc_line_plot_draw        (IscLinePlot         *lp,
                                IscFig              *f);
void isc_line_plot_clear       (IscLinePlot         *lp);
/* Where layer @l (from 0) of series @s is drawn, as isc_line_plot_draw() does;
 * FALSE when it is not (no value, or no room). */
gboolean isc_line_plot_point   (const IscLinePlot   *lp,
                                IscFig              *f,
                                guint                s,
                                guint                l,
                                double              *x,
                                double              *y);
/* (last / first)^(1 / (layers between)) over the finite positive values of @y. */
double isc_line_plot_geometric_ratio (const double  *y,
                                      guint          n);

G_END_DECLS
