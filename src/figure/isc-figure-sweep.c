/* isc-figure-sweep.c — the σ sweep as four small plots over log σ
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "isc-figure"

#include "config.h"

#include <glib/gi18n.h>

#include "isc-figure-private.h"
#include "isc-figure-views.h"

#define BASE_PX 13.0

static double
text_px (const IscFigureStyle *style)
{
  return BASE_PX * (style->text_scale > 0 ? style->text_scale : 1.0);
}

void
isc_figure_sweep_plot_area (const IscFigureStyle *style,
                            double                width,
                            double                height,
                            guint                 i,
                            cairo_rectangle_t    *area)
{
  double px = text_px (style), top = 3.6 * px;
  double cw = width / 2, ch = (height - top) / 2;
  guint col = i % 2, row = i / 2;

  /* each cell: its title above, y labels left, x labels below */
  area->x = col * cw + 4.4 * px;
  area->y = top + row * ch + 1.8 * px;
  area->width = MAX (1.0, cw - 4.4 * px - 1.2 * px);
  area->height = MAX (1.0, ch - 1.8 * px - 2.4 * px);
}

double
isc_figure_sweep_x_of (const IscSweepFigure      *view,
                       const cairo_rectangle_t *area,
                       double                   sigma)
{
  double a = log10 (view->sigma_lo), b = log10 (view->sigma_hi);

  return area->x + area->width * (log10 (sigma) - a) / (b - a);
}

static double
value_of (const IscSweepPoint *p,
          guint                i)
{
  switch (i)
    {
    case 0: return p->last_std;
    case 1: return p->saturated;
    case 2: return p->zero;
    default: return p->grad_std;
    }
}

static const char *
title_of (guint i)
{
  switch (i)
    {
    /* Translators: a plot of the σ sweep */
    case 0: return _("Last layer's std (log)");
    /* Translators: a plot of the σ sweep */
    case 1: return _("Last layer saturated");
    /* Translators: a plot of the σ sweep: the share of exact zeros (dead ReLU units) */
    case 2: return _("Last layer dead (exact zeros)");
    /* Translators: a plot of the σ sweep: the gradient reaching the first layer */
    default: return _("Gradient std at layer 1 (log)");
    }
}

/* The y range in decades (log plots) or [0, 1] (shares). */
static void
y_range (const IscSweepFigure *view,
         guint               i,
         double             *lo,
         double             *hi)
{
  double mn = INFINITY, mx = -INFINITY;

  if (i == 1 || i == 2)
    {
      *lo = 0;
      *hi = 1;
      return;
    }
  for (guint k = 0; k < view->n_done; k++)
    {
      double v = value_of (&view->points[k], i);

      if (isfinite (v) && v > 0)
        {
          mn = MIN (mn, log10 (v));
          mx = MAX (mx, log10 (v));
        }
    }
  if (!(mx >= mn))
    mn = -2, mx = 1;
  *lo = floor (mn);
  *hi = MAX (ceil (mx), *lo + 1);
}

static double
y_of (const cairo_rectangle_t *area,
      guint                    i,
      double                   lo,
      double                   hi,
      double                   v)
{
  double t = (i == 1 || i == 2) ? v : log10 (v);

  return area->y + area->height * (1 - (t - lo) / (hi - lo));
}

static void
draw_frame (IscText                 *t,
            const IscSweepFigure      *view,
            const IscFigureStyle    *style,
            const cairo_rectangle_t *area,
            guint                    i,
            double                   lo,
            double                   hi)
{
  cairo_t *cr = t->cr;
  double px = text_px (style) * 0.8;
  guint step = (hi - lo) > 8 ? (guint) ceil ((hi - lo) / 6) : 1;

  isc_color_set_source (cr, &style->foreground, 0.8);
  cairo_set_line_width (cr, 1.0);
  cairo_rectangle (cr, area->x + 0.5, area->y + 0.5, area->width - 1, area->height - 1);
  cairo_stroke (cr);
  for (int e = (int) ceil (log10 (view->sigma_lo)); e <= (int) floor (log10 (view->sigma_hi)); e++)
    {
      g_autofree char *label = isc_format_decade (e);
      double x = isc_figure_sweep_x_of (view, area, pow (10, e));

      isc_color_set_source (cr, &style->grid, 1.0);
      cairo_move_to (cr, round (x) + 0.5, area->y);
      cairo_line_to (cr, round (x) + 0.5, area->y + area->height);
      cairo_stroke (cr);
      isc_text_measure (t, label, px, PANGO_WEIGHT_NORMAL);
      isc_text_draw (t, x, area->y + area->height + 3, 0.5, 0, &style->foreground, 1.0);
    }
  /* log ticks on multiples of their step, so 1 (10⁰) is one whenever it is in range */
  for (double v = (i == 1 || i == 2) ? lo : ceil (lo / step) * step; v <= hi + 1e-9;
       v += (i == 1 || i == 2) ? 0.5 : step)
    {
      g_autofree char *label = (i == 1 || i == 2) ? g_strdup_printf ("%.0f %%", v * 100)
                               : isc_format_decade ((int) v);
      double y = area->y + area->height * (1 - (v - lo) / (hi - lo));

      isc_text_measure (t, label, px, PANGO_WEIGHT_NORMAL);
      isc_text_draw (t, area->x - 4, y, 1, 0.5, &style->foreground, 1.0);
    }
  isc_text_measure (t, title_of (i), text_px (style), PANGO_WEIGHT_BOLD);
  isc_text_draw (t, area->x, area->y - 4, 0, 1, &style->foreground, 1.0);
}

static void
draw_marks (IscText                 *t,
            const IscSweepFigure      *view,
            const IscFigureStyle    *style,
            const cairo_rectangle_t *area,
            gboolean                 labels)
{
  cairo_t *cr = t->cr;
  static const double dash[] = { 4, 3 };

  cairo_save (cr);
  cairo_set_dash (cr, dash, 2, 0);
  for (guint k = 0; k < view->n_marks; k++)
    {
      double x = isc_figure_sweep_x_of (view, area, view->marks[k].sigma);

      if (x < area->x || x > area->x + area->width)
        continue;
      isc_color_set_source (cr, &style->mean_line, 0.9);
      cairo_new_path (cr);
      cairo_move_to (cr, round (x) + 0.5, area->y);
      cairo_line_to (cr, round (x) + 0.5, area->y + area->height);
      cairo_stroke (cr);
      if (labels)
        {
          isc_text_measure (t, view->marks[k].label, text_px (style) * 0.75,
                            PANGO_WEIGHT_NORMAL);
          /* at the bottom: the std rises from left to right, so that corner is clear */
          isc_text_draw (t, x + 3, area->y + area->height - 3 - (view->n_marks - 1 - k)
                         * text_px (style), 0, 1, &style->mean_line, 1.0);
        }
    }
  cairo_restore (cr);
  if (!isnan (view->current))
    {
      double x = isc_figure_sweep_x_of (view, area, view->current);

      isc_color_set_source (cr, &style->foreground, 0.6);
      cairo_set_line_width (cr, 2.0);
      cairo_new_path (cr);
      cairo_move_to (cr, x, area->y);
      cairo_line_to (cr, x, area->y + area->height);
      cairo_stroke (cr);
    }
}

static void
draw_series (cairo_t                 *cr,
             const IscSweepFigure      *view,
             const IscFigureStyle    *style,
             const cairo_rectangle_t *area,
             guint                    i,
             double                   lo,
             double                   hi)
{
  gboolean open = FALSE;

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_rectangle (cr, area->x - 4, area->y - 4, area->width + 8, area->height + 8);
  cairo_clip (cr);
  for (guint k = 0; k < view->n_done; k++)
    {
      const IscSweepPoint *p = &view->points[k];
      double v = value_of (p, i);
      double x = isc_figure_sweep_x_of (view, area, p->sigma);

      /* a log plot has no place for 0 or a non-finite value: the line breaks there */
      if (!isfinite (v) || ((i == 0 || i == 3) && !(v > 0)))
        {
          open = FALSE;
          continue;
        }
      if (open)
        cairo_line_to (cr, x, CLAMP (y_of (area, i, lo, hi, v), area->y, area->y + area->height));
      else
        cairo_move_to (cr, x, CLAMP (y_of (area, i, lo, hi, v), area->y, area->y + area->height));
      open = TRUE;
    }
  isc_color_set_source (cr, &style->bars, 1.0);
  cairo_set_line_width (cr, 2.0);
  cairo_stroke (cr);
  for (guint k = 0; k < view->n_done; k++)
    {
      double v = value_of (&view->points[k], i);

      if (!isfinite (v) || ((i == 0 || i == 3) && !(v > 0)))
        continue;
      cairo_new_sub_path (cr);
      cairo_arc (cr, isc_figure_sweep_x_of (view, area, view->points[k].sigma),
                 y_of (area, i, lo, hi, v), 2.5, 0, 2 * G_PI);
      cairo_fill (cr);
    }
  cairo_restore (cr);
}

void
isc_figure_sweep_draw (cairo_t              *cr,
                       const IscSweepFigure   *view,
                       const IscFigureStyle *style,
                       double                width,
                       double                height)
{
  double px = text_px (style);
  IscText t;

  cairo_save (cr);
  if (style->background.alpha > 0)
    {
      isc_color_set_source (cr, &style->background, 1.0);
      cairo_paint (cr);
    }
  isc_text_init (&t, cr, style->font_family);
  /* Translators: the σ sweep's title: the line is the gaussian scheme at each σ */
  isc_text_measure (&t, _("Gaussian σ from 10⁻⁴ to 10 (line); dashed: the other schemes' σ"),
                    px, PANGO_WEIGHT_BOLD);
  isc_text_draw (&t, px, 0.5 * px, 0, 0, &style->foreground, 1.0);
  if (view->note != NULL)
    {
      isc_text_measure (&t, view->note, px * 0.85, PANGO_WEIGHT_NORMAL);
      isc_text_draw (&t, px, 1.9 * px, 0, 0, &style->foreground, 0.8);
    }
  for (guint i = 0; i < ISC_SWEEP_N_PLOTS; i++)
    {
      cairo_rectangle_t area;
      double lo, hi;

      isc_figure_sweep_plot_area (style, width, height, i, &area);
      y_range (view, i, &lo, &hi);
      draw_frame (&t, view, style, &area, i, lo, hi);
      draw_marks (&t, view, style, &area, i == 0);
      draw_series (cr, view, style, &area, i, lo, hi);
    }
  isc_text_clear (&t);
  cairo_restore (cr);
}

int
isc_figure_sweep_hit (const IscSweepFigure   *view,
                      const IscFigureStyle *style,
                      double                width,
                      double                height,
                      double                x,
                      double                y)
{
  for (guint i = 0; i < ISC_SWEEP_N_PLOTS; i++)
    {
      cairo_rectangle_t a;
      int best = -1;
      double best_d = INFINITY;

      isc_figure_sweep_plot_area (style, width, height, i, &a);
      if (x < a.x - 6 || x > a.x + a.width + 6 || y < a.y || y > a.y + a.height)
        continue;
      for (guint k = 0; k < view->n_done; k++)
        {
          double d = fabs (isc_figure_sweep_x_of (view, &a, view->points[k].sigma) - x);

          if (d < best_d)
            best_d = d, best = (int) k;
        }
      return best;
    }
  return -1;
}
