/* isc-figure-views.h — the window's extra views, drawn without GTK: the phase
 * diagram (χ₁ over σ_w² × σ_b²) and the σ sweep's small multiples
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "isc-figure.h"
#include "isc-sweep.h"

G_BEGIN_DECLS

/* The phase diagram's axes: σ_w² = N σ² on a log axis (σ from the slider's
 * 1e-4 to 10 at the widths the lecture uses lands inside), σ_b² linear. */
#define ISC_PHASE_LOG_W2_MIN -2.0
#define ISC_PHASE_LOG_W2_MAX  4.0
#define ISC_PHASE_B2_MAX      2.0

/* χ₁ on a grid and the critical line, for one activation. */
typedef struct
{
  char   *activation;
  guint   n_w;
  guint   n_b;
  double *sigma_w2;  /* n_w, cell centres */
  double *sigma_b2;  /* n_b, cell centres */
  double *chi1;      /* chi1[i * n_w + j] at sigma_b2[i], sigma_w2[j] */
  guint   n_crit;
  double *crit_b2;   /* n_crit σ_b² from 0 to ISC_PHASE_B2_MAX */
  double *crit_w2;   /* the σ_w² where χ₁ = 1 there; NAN where there is none */
} IscPhaseData;

/* Slow (0.1–0.5 s for 64 × 64): run it on a worker thread. */
IscPhaseData *isc_phase_data_compute (const char   *activation,
                                      guint         n_w,
                                      guint         n_b,
                                      guint         n_crit,
                                      GCancellable *cancellable,
                                      GError      **error);
void          isc_phase_data_free    (IscPhaseData *data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IscPhaseData, isc_phase_data_free)

typedef struct
{
  const char *label;
  double      sigma_w2;
  double      sigma_b2;
} IscPhaseMark;

#define ISC_PHASE_N_LECTURE_MARKS 5

/* The lecture's configs at @width (σ 0.01, σ 0.05, σ 1.0, Xavier, Kaiming), no bias. */
void isc_phase_lecture_marks (guint         width,
                              IscPhaseMark *marks);

typedef struct
{
  const IscPhaseData *data;      /* NULL while it is computed */
  const IscPhaseMark *marks;
  guint               n_marks;
  double              point_w2;  /* the current config; NAN = none */
  double              point_b2;
} IscPhaseView;

void     isc_figure_phase_draw      (cairo_t              *cr,
                                     const IscPhaseView   *view,
                                     const IscFigureStyle *style,
                                     double                width,
                                     double                height);
/* The plot area (the coloured grid) in a @width × @height drawing. */
void     isc_figure_phase_plot_area (const IscFigureStyle *style,
                                     double                width,
                                     double                height,
                                     cairo_rectangle_t    *area);
/* (σ_w², σ_b²) ↔ a position in the drawing. The reverse clamps to the axes. */
void     isc_figure_phase_to_xy     (const cairo_rectangle_t *area,
                                     double                   sigma_w2,
                                     double                   sigma_b2,
                                     double                  *x,
                                     double                  *y);
void     isc_figure_phase_from_xy   (const cairo_rectangle_t *area,
                                     double                   x,
                                     double                   y,
                                     double                  *sigma_w2,
                                     double                  *sigma_b2);
/* The phase in words, translated: "chaotic: gradients grow ×3.5 a layer towards the input". */
char    *isc_figure_phase_describe  (const char           *activation,
                                     double                sigma_w2,
                                     double                sigma_b2);
/* The diverging colour of χ₁ (log scale around 1) on @style's background. */
IscColor isc_figure_phase_color     (const IscFigureStyle *style,
                                     double                chi1);

/* The sweep view: four small plots over log σ. */
typedef struct
{
  const char *label;
  double      sigma;
} IscSweepMark;

typedef struct
{
  const IscSweepPoint *points;   /* n_done of n computed so far, in σ order */
  guint                n_done;
  double               sigma_lo;
  double               sigma_hi;
  const IscSweepMark  *marks;    /* the scale-free schemes at their σ */
  guint                n_marks;
  double               current;  /* the current σ; NAN = none */
  const char          *note;     /* under the title: what was run */
} IscSweepFigure;

#define ISC_SWEEP_N_PLOTS 4

void     isc_figure_sweep_draw      (cairo_t              *cr,
                                     const IscSweepFigure   *view,
                                     const IscFigureStyle *style,
                                     double                width,
                                     double                height);
/* Plot @i's area (0 std, 1 saturated, 2 zeros, 3 gradient std). */
void     isc_figure_sweep_plot_area (const IscFigureStyle *style,
                                     double                width,
                                     double                height,
                                     guint                 i,
                                     cairo_rectangle_t    *area);
/* The point nearest @x in the plot under (@x, @y): its index, or -1. */
int      isc_figure_sweep_hit       (const IscSweepFigure   *view,
                                     const IscFigureStyle *style,
                                     double                width,
                                     double                height,
                                     double                x,
                                     double                y);
double   isc_figure_sweep_x_of      (const IscSweepFigure      *view,
                                     const cairo_rectangle_t *area,
                                     double                   sigma);

G_END_DECLS
