/* isc-figure-line-plot.c — a value per layer, as lines over a layer axis
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "isc-figure"

#include "config.h"

#include <glib/gi18n.h>

#include "isc-figure-line-plot.h"

/* Set-up ----------------------------------------------------------------- */

/* The smallest and largest finite positive value of every series; both
 * NAN when there is none. */
static void
positive_extent (const IscLinePlot *lp,
                 double            *vmin,
                 double            *vmax)
{
  *vmin = INFINITY;
  *vmax = -INFINITY;
  for (guint s = 0; s < lp->n_series; s++)
    for (guint l = 0; l < lp->series[s].n; l++)
      {
        double v = lp->series[s].y[l];

        if (isfinite (v) && v > 0)
          {
            *vmin = MIN (*vmin, v);
            *vmax = MAX (*vmax, v);
          }
      }
  if (*vmin > *vmax)
    *vmin = *vmax = NAN;
}

/* A log axis when the values span more than ISC_LINE_PLOT_LOG_SPAN: on a
 * linear one a std falling from 0.2 to 1e-6 looks like "0 after layer 3".
 * Values ≤ 0 are not drawn on it. */
static gboolean
wants_log (const IscLinePlot *lp)
{
  double vmin, vmax;

  if (!(lp->flags & ISC_LINE_PLOT_LOG_AUTO))
    return FALSE;
  positive_extent (lp, &vmin, &vmax);
  return vmax > vmin * ISC_LINE_PLOT_LOG_SPAN && isfinite (log10 (vmax) - log10 (vmin));
}

double
isc_line_plot_geometric_ratio (const double *y,
                               guint         n)
{
  guint first = G_MAXUINT, last = G_MAXUINT;

  for (guint l = 0; l < n; l++)
    if (isfinite (y[l]) && y[l] > 0)
      {
        if (first == G_MAXUINT)
          first = l;
        last = l;
      }
  if (first == G_MAXUINT || last == first)
    return NAN;
  /* in logs: 1e-38 / 1e38 does not fit a double's ratio */
  return exp ((log (y[last]) - log (y[first])) / (last - first));
}

/* Where @v is on the plot's y axis; NAN when it cannot be drawn. */
static double
plot_y (const IscLinePlot *lp,
        const IscRect     *plot,
        double             v)
{
  if (!isfinite (v))
    return NAN;
  if (lp->log_y)
    {
      if (!(v > 0))
        return NAN;
      v = log10 (v);
    }
  return isc_axis_y_of (plot, lp->ylo, lp->yhi, v);
}

/* y range of a line plot, out to ticks: a std plot starts at 0, where a
 * collapse heads; a mean plot zooms in on what there is, with a little air.
 * Every series is in range. */
static void
line_plot_range (const IscLinePlot *lp,
                 double            *lo,
                 double            *hi)
{
  gboolean from_zero = (lp->flags & ISC_LINE_PLOT_FROM_ZERO) != 0;
  double vmin = INFINITY, vmax = -INFINITY;
  double first, step, pad;
  guint n_ticks;

  if (lp->log_y)
    {
      positive_extent (lp, &vmin, &vmax);
      /* whole decades, at least one */
      *lo = floor (log10 (vmin) + 1e-9);
      *hi = ceil (log10 (vmax) - 1e-9);
      if (!(*hi > *lo))
        *hi = *lo + 1;
      return;
    }

  for (guint s = 0; s < lp->n_series; s++)
    for (guint l = 0; l < lp->series[s].n; l++)
      if (isfinite (lp->series[s].y[l]))
        {
          vmin = MIN (vmin, lp->series[s].y[l]);
          vmax = MAX (vmax, lp->series[s].y[l]);
        }

  if (vmin > vmax)
    {
      *lo = from_zero ? 0 : -1;
      *hi = 1;
      return;
    }

  pad = (vmax - vmin) * 0.06;
  if (!(pad > 0))
    pad = vmax != 0 ? fabs (vmax) * 0.1 : 1;
  *lo = from_zero && vmin >= 0 ? 0 : vmin - pad;
  *hi = vmax + pad;
  if (!isfinite (*hi - *lo))
    {
      *lo = -1;
      *hi = 1;
      return;
    }

  /* end on a labelled tick when that costs little room */
  n_ticks = isc_nice_ticks (*lo, *hi, 5, &first, &step);
  if (n_ticks > 0)
    {
      double up = ceil (*hi / step - 1e-9) * step;
      double down = floor (*lo / step + 1e-9) * step;

      if (up - *hi < (*hi - *lo) * 0.25)
        *hi = up;
      if (*lo - down < (*hi - *lo) * 0.25)
        *lo = down;
    }
}

/* Decades as ticks: every one, or every k-th so that at most @max_ticks. */
static void
log_ticks (IscLinePlot *lp,
           guint        max_ticks)
{
  double decades = lp->yhi - lp->ylo;
  double step = MAX (ceil (decades / (max_ticks - 1) - 1e-9), 1);

  lp->first = ceil (lp->ylo / step - 1e-9) * step;
  lp->step = step;
  lp->n_y = 0;
  for (double v = lp->first; v <= lp->yhi + 1e-9 && lp->n_y < 100; v += step)
    lp->n_y++;
}

/* The main series' last value and its extent. */
static void
main_series_extent (IscLinePlot *lp)
{
  const IscLineSeries *primary = &lp->series[0];

  for (guint l = 0; l < primary->n; l++)
    {
      double v = primary->y[l];

      if (isfinite (v))
        {
          lp->last = l;
          lp->vmax = MAX (lp->vmax, fabs (v));
          if (v != 0)
            lp->small_min = MIN (lp->small_min, fabs (v));
        }
    }
}

void
isc_line_plot_prepare (IscLinePlot         *lp,
                       IscFig              *f,
                       const IscRect       *box,
                       const char          *title,
                       IscLinePlotFlags     flags,
                       const IscLineSeries *series,
                       guint                n_series)
{
  double title_h = f->title_px * ISC_LINE_TITLE_BAND;
  double tick_band = f->tick_px * ISC_LINE_TICK_BAND;

  g_assert (n_series >= 1 && n_series <= ISC_LINE_PLOT_MAX_SERIES);
  *lp = (IscLinePlot) {
    .flags = flags,
    .title = title,
    .n_series = n_series,
    .box = *box,
    .plot = { box->x, box->y + title_h, box->width, box->height - title_h - tick_band },
    .last = G_MAXUINT,
    .small_min = INFINITY,
  };
  for (guint s = 0; s < n_series; s++)
    {
      lp->series[s] = series[s];
      lp->n = MAX (lp->n, series[s].n);
    }
  main_series_extent (lp);
  lp->log_y = wants_log (lp);
  lp->ratio = NAN;
  line_plot_range (lp, &lp->ylo, &lp->yhi);

  if (lp->log_y)
    log_ticks (lp, lp->plot.height > f->tick_px * 10 ? 6 : 3);
  else
    lp->n_y = isc_nice_ticks (lp->ylo, lp->yhi, lp->plot.height > f->tick_px * 10 ? 5 : 3,
                              &lp->first, &lp->step);
  lp->y_labels = g_new0 (char *, lp->n_y + 1);
  for (guint i = 0; i < lp->n_y; i++)
    {
      lp->y_labels[i] = lp->log_y ? isc_format_decade ((int) round (lp->first + i * lp->step))
                                  : isc_format_tick (lp->first + i * lp->step, lp->step);
      lp->left = MAX (lp->left, isc_text_measure (&f->text, lp->y_labels[i], f->tick_px,
                                                  PANGO_WEIGHT_NORMAL));
    }
  lp->left += f->tick_px * 0.6;

  /* the last value, written next to its marker: a std of 3e-06 reads as
   * such even where the linear axis shows it as 0 */
  if (lp->last != G_MAXUINT)
    lp->last_text = isc_format_stat (lp->series[0].y[lp->last]);
  if (lp->log_y)
    {
      lp->ratio = isc_line_plot_geometric_ratio (lp->series[0].y, lp->series[0].n);
      if (isfinite (lp->ratio))
        {
          gboolean back = (flags & ISC_LINE_PLOT_TO_INPUT) != 0;
          g_autofree char *ratio = isc_format_ratio (back ? 1 / lp->ratio : lp->ratio);

          if (back)
            /* Translators: on a log-scale plot of gradients: the geometric mean
             * factor from one layer to the one before it */
            lp->ratio_text = g_strdup_printf (_("×%s a layer towards the input"), ratio);
          else
            /* Translators: on a log-scale plot: the geometric mean factor from one
             * layer to the next, e.g. "×0.22 a layer" */
            lp->ratio_text = g_strdup_printf (_("×%s a layer"), ratio);
        }
    }
  lp->right = f->tick_px;
  if (lp->last_text)
    lp->right = isc_text_measure (&f->text, lp->last_text, f->tick_px, PANGO_WEIGHT_BOLD)
                + f->tick_px;
}

void
isc_line_plot_share_edges (IscLinePlot *a,
                           IscLinePlot *b)
{
  a->left = b->left = MAX (a->left, b->left);
  a->right = b->right = MAX (a->right, b->right);
}

void
isc_line_plot_clear (IscLinePlot *lp)
{
  g_clear_pointer (&lp->last_text, g_free);
  g_clear_pointer (&lp->ratio_text, g_free);
  g_clear_pointer (&lp->y_labels, g_strfreev);
}

/* Drawing ---------------------------------------------------------------- */

/* A main series that falls through orders of magnitude looks like 0 on a
 * linear axis after a few layers: then every point says its value (or
 * every k-th, as room allows). 0 = none. */
static guint
notes_every (const IscLinePlot *lp,
             IscFig            *f,
             const IscRect     *plot,
             double             spacing,
             double             note_px)
{
  const IscLineSeries *primary = &lp->series[0];
  double widest = 0;
  guint every;

  /* a log axis reads the values itself */
  if (!(lp->flags & ISC_LINE_PLOT_NOTE_POINTS) || lp->log_y || !(lp->vmax > 0) ||
      !(lp->small_min < lp->vmax / 50) || primary->n <= 1 ||
      note_px < ISC_MIN_TEXT_PX || !(plot->height > note_px * 5))
    return 0;

  for (guint l = 0; l < primary->n; l++)
    {
      g_autofree char *text = isc_format_stat (primary->y[l]);

      widest = MAX (widest, isc_text_measure (&f->text, text, note_px, PANGO_WEIGHT_NORMAL));
    }
  every = (guint) ceil ((widest + note_px * 0.6) / spacing);
  /* every point but the last (it has its own), in steps back from it */
  return every >= primary->n ? 0 : every;
}

/* Horizontal grid and y labels; a stronger line at 0. */
static void
draw_y_axis (const IscLinePlot *lp,
             IscFig            *f,
             const IscRect     *plot)
{
  for (guint i = 0; i < lp->n_y; i++)
    {
      double v = lp->first + i * lp->step;
      gboolean zero = !lp->log_y && fabs (v) < lp->step * 1e-6 && lp->ylo < 0;

      isc_axis_draw_y_gridline (f, plot, isc_axis_y_of (plot, lp->ylo, lp->yhi, v),
                                zero ? &f->style->foreground : &f->style->grid,
                                zero ? 0.3 : 1.0, lp->y_labels[i], f->tick_px);
    }
}

/* The x axis: layers, as many labels as fit. */
static void
draw_layer_axis (const IscLinePlot *lp,
                 IscFig            *f,
                 const IscRect     *plot,
                 double             spacing)
{
  g_autofree char *widest = g_strdup_printf ("%u", lp->n);
  double label_w = isc_text_measure (&f->text, widest, f->tick_px, PANGO_WEIGHT_NORMAL)
                   + f->tick_px * 1.2;
  double base_y = plot->y + plot->height;
  guint max_x = MAX ((guint) (plot->width / label_w), 2);
  double xfirst, xstep;
  guint n_x;

  n_x = isc_nice_ticks (1, lp->n, MIN (max_x, lp->n + 1), &xfirst, &xstep);
  if (lp->n == 1 || n_x == 0)
    {
      xfirst = 1;
      xstep = 1;
    }
  xstep = MAX (round (xstep), 1);
  xfirst = MAX (ceil (xfirst), 1);

  isc_axis_draw_x_baseline (f, plot);
  for (double v = xfirst; v <= lp->n + 1e-9; v += xstep)
    {
      g_autofree char *label = g_strdup_printf ("%u", (guint) v);

      isc_axis_draw_x_tick (f, plot->x + (v - 0.5) * spacing, base_y, f->tick_px * 0.3,
                            label, f->tick_px, base_y + f->tick_px * 0.4, 0.5);
    }
}

/* A dot at every value of @s, ringed in the background colour. */
static void
draw_markers (const IscLinePlot   *lp,
              IscFig              *f,
              const IscRect       *plot,
              const IscLineSeries *s,
              double               spacing,
              double               radius)
{
  for (guint l = 0; l < s->n; l++)
    {
      double x = plot->x + (l + 0.5) * spacing;
      double y = plot_y (lp, plot, s->y[l]);

      if (!isfinite (y))
        continue;
      cairo_new_sub_path (f->cr);
      cairo_arc (f->cr, x, y, radius, 0, 2 * G_PI);
    }
  isc_color_set_source (f->cr, s->color, 1.0);
  cairo_fill_preserve (f->cr);
  isc_color_set_source (f->cr, &f->style->background, 1.0);
  cairo_set_line_width (f->cr, f->line_width);
  cairo_stroke (f->cr);
}

/* One series' line, and for a measured one its markers over it. */
static void
draw_series (const IscLinePlot   *lp,
             IscFig              *f,
             const IscRect       *plot,
             const IscLineSeries *s,
             double               spacing,
             double               radius)
{
  gboolean have_point = FALSE;

  for (guint l = 0; l < s->n; l++)
    {
      double x = plot->x + (l + 0.5) * spacing;
      double y = plot_y (lp, plot, s->y[l]);

      if (!isfinite (y))
        {
          have_point = FALSE;
          continue;
        }
      if (have_point)
        cairo_line_to (f->cr, x, y);
      else
        cairo_move_to (f->cr, x, y);
      have_point = TRUE;
    }
  isc_color_set_source (f->cr, s->color, s->role == ISC_LINE_REFERENCE ? 0.5 : 1.0);
  cairo_set_line_width (f->cr, f->line_width * (s->role == ISC_LINE_REFERENCE ? 1.5 : 2));
  cairo_set_line_join (f->cr, CAIRO_LINE_JOIN_ROUND);
  if (s->role == ISC_LINE_THEORY)
    {
      double dash[2] = { f->line_width * 6, f->line_width * 4 };

      cairo_set_dash (f->cr, dash, 2, 0);
      cairo_stroke (f->cr);
      cairo_set_dash (f->cr, NULL, 0, 0);
      return;
    }
  cairo_stroke (f->cr);
  if (s->role == ISC_LINE_MEASURED)
    draw_markers (lp, f, plot, s, spacing, radius);
}

/* Every @every-th point of the main series before its last says its value:
 * above the marker, on the side the line does not leave by. */
static void
draw_notes (const IscLinePlot *lp,
            IscFig            *f,
            const IscRect     *plot,
            double             spacing,
            double             radius,
            double             note_px,
            guint              every)
{
  const double *values = lp->series[0].y;
  guint n = lp->series[0].n;
  const IscColor *color = lp->series[0].color;

  for (guint l = 0; every > 0 && l < lp->last; l++)
    {
      double x = plot->x + (l + 0.5) * spacing;
      double y = plot_y (lp, plot, values[l]);
      g_autofree char *text = NULL;

      if ((lp->last - l) % every != 0 || !isfinite (values[l]))
        continue;
      text = isc_format_stat (values[l]);
      isc_text_set (&f->text, text, note_px, PANGO_WEIGHT_NORMAL);
      if (l + 1 < n && isfinite (values[l + 1]) && values[l + 1] > values[l])
        isc_text_draw (&f->text, x - radius * 0.5, y - radius * 0.5, 1.0, 1.0, color, 1.0);
      else if (l > 0 && isfinite (values[l - 1]) && values[l - 1] > values[l])
        isc_text_draw (&f->text, x + radius * 0.5, y - radius * 0.5, 0.0, 1.0, color, 1.0);
      else
        isc_text_draw (&f->text, x, y - radius - note_px * 0.2, 0.5, 1.0, color, 1.0);
    }
}

/* How many of the series' points, and of points along their segments, fall
 * in @box: what a key there would hide. */
static guint
points_in (const IscLinePlot *lp,
           const IscRect     *plot,
           const IscRect     *box,
           double             spacing)
{
  guint hits = 0;

  for (guint s = 0; s < lp->n_series; s++)
    for (guint l = 0; l < lp->series[s].n; l++)
      {
        double y0 = plot_y (lp, plot, lp->series[s].y[l]);
        double y1 = l + 1 < lp->series[s].n ? plot_y (lp, plot, lp->series[s].y[l + 1]) : NAN;
        guint steps = isfinite (y1) ? 8 : 1;

        if (!isfinite (y0))
          continue;
        for (guint k = 0; k < steps; k++)
          {
            double t = (double) k / steps;
            double x = plot->x + (l + 0.5 + t) * spacing;
            double y = steps > 1 ? y0 + (y1 - y0) * t : y0;

            hits += x >= box->x && x <= box->x + box->width &&
                    y >= box->y && y <= box->y + box->height;
          }
      }
  return hits;
}

/* The key: with two or more labelled series a sample of each line and its
 * label, one a row; under them the ratio a layer of a log axis. In the
 * corner of the plot where it hides the fewest points (top right first). */
static void
draw_key (const IscLinePlot *lp,
          IscFig            *f,
          const IscRect     *plot,
          double             spacing,
          double             px)
{
  double widest = 0, row_h, ratio_w = 0, key_w, key_h, sample_y[2] = { 0.5, 0.5 };
  guint n_labels = 0, best = G_MAXUINT;
  IscRect key = { 0 };

  if (px < ISC_MIN_TEXT_PX)
    return;
  for (guint s = 0; s < lp->n_series; s++)
    if (lp->series[s].label != NULL)
      {
        widest = MAX (widest, isc_text_measure (&f->text, lp->series[s].label, px,
                                                PANGO_WEIGHT_NORMAL));
        n_labels++;
      }
  if (n_labels < 2)
    n_labels = 0;
  isc_text_set (&f->text, "X", px, PANGO_WEIGHT_NORMAL);
  row_h = isc_text_height (&f->text);
  if (lp->ratio_text != NULL)
    ratio_w = isc_text_measure (&f->text, lp->ratio_text, px, PANGO_WEIGHT_BOLD);
  if (ratio_w > plot->width * 0.6)
    ratio_w = 0;
  key_w = MAX (n_labels > 0 ? widest + px * 2.4 : 0, ratio_w) + px * 0.3;
  key_h = row_h * (n_labels + (ratio_w > 0)) + px * 0.2;
  if (n_labels == 0 && ratio_w == 0)
    return;

  for (guint corner = 0; corner < 4; corner++)
    {
      IscRect box = { corner & 2 ? plot->x + px * 0.3 : plot->x + plot->width - key_w,
                      corner & 1 ? plot->y + plot->height - key_h - px * 0.3 : plot->y,
                      key_w, key_h };
      guint hits = points_in (lp, plot, &box, spacing);

      if (hits < best)
        best = hits, key = box;
    }

  for (guint s = 0; s < lp->n_series && n_labels > 0; s++)
    {
      /* the sample: the series' own drawing over two points, on a unit axis */
      IscLineSeries sample = { sample_y, 2, lp->series[s].role, lp->series[s].color, NULL };
      IscLinePlot unit = { .ylo = 0, .yhi = 1 };
      IscRect box;

      if (lp->series[s].label == NULL)
        continue;
      isc_text_set (&f->text, lp->series[s].label, px, PANGO_WEIGHT_NORMAL);
      isc_text_draw (&f->text, key.x + key.width - widest, key.y, 0.0, 0.0,
                     &f->style->foreground, 0.8);
      box = (IscRect) { key.x + key.width - widest - px * 2.4, key.y, px * 2, row_h };
      draw_series (&unit, f, &box, &sample, px, MIN (f->base * 0.22, px * 0.3));
      key.y += row_h;
    }
  if (ratio_w > 0)
    {
      isc_text_set (&f->text, lp->ratio_text, px, PANGO_WEIGHT_BOLD);
      isc_text_draw (&f->text, key.x + key.width, key.y + px * 0.2, 1.0, 0.0,
                     lp->series[0].color, 1.0);
    }
}

/* The plot area inside the margins; FALSE when there is no room to draw. */
static gboolean
inner_plot (const IscLinePlot *lp,
            IscFig            *f,
            IscRect           *plot)
{
  *plot = lp->plot;
  plot->x += lp->left;
  plot->width -= lp->left + lp->right;
  return lp->n > 0 && plot->width >= f->tick_px * 4 && plot->height >= f->tick_px * 3;
}

gboolean
isc_line_plot_point (const IscLinePlot *lp,
                     IscFig            *f,
                     guint              s,
                     guint              l,
                     double            *x,
                     double            *y)
{
  IscRect plot;

  if (s >= lp->n_series || l >= lp->series[s].n || !inner_plot (lp, f, &plot))
    return FALSE;
  *x = plot.x + (l + 0.5) * plot.width / lp->n;
  *y = plot_y (lp, &plot, lp->series[s].y[l]);
  return isfinite (*y);
}

void
isc_line_plot_draw (IscLinePlot *lp,
                    IscFig      *f)
{
  IscRect plot;
  double spacing, radius, note_px = f->tick_px * ISC_LINE_NOTE_EM;
  guint every;

  if (!inner_plot (lp, f, &plot))
    return;
  spacing = plot.width / lp->n;
  every = notes_every (lp, f, &plot, spacing, note_px);

  isc_text_set (&f->text, lp->title, f->title_px, PANGO_WEIGHT_BOLD);
  isc_text_draw (&f->text, plot.x + plot.width / 2, lp->box.y, 0.5, 0.0,
                 &f->style->foreground, 1.0);
  draw_y_axis (lp, f, &plot);
  draw_layer_axis (lp, f, &plot, spacing);

  /* the lines, the main one on top */
  radius = MAX (MIN (f->base * 0.22, spacing * 0.3), 1.5);
  cairo_save (f->cr);
  cairo_rectangle (f->cr, plot.x - radius * 2, plot.y - radius * 2,
                   plot.width + radius * 4, plot.height + radius * 4);
  cairo_clip (f->cr);
  for (guint s = lp->n_series; s-- > 0;)
    if (lp->series[s].role != ISC_LINE_THEORY)
      draw_series (lp, f, &plot, &lp->series[s], spacing, radius);
  /* a prediction over the measurement: dashes stay visible where they agree */
  for (guint s = lp->n_series; s-- > 0;)
    if (lp->series[s].role == ISC_LINE_THEORY)
      draw_series (lp, f, &plot, &lp->series[s], spacing, radius);
  cairo_restore (f->cr);

  draw_notes (lp, f, &plot, spacing, radius, note_px, every);
  if (lp->last_text)
    {
      double x = plot.x + (lp->last + 0.5) * spacing;
      double y = plot_y (lp, &plot, lp->series[0].y[lp->last]);

      isc_text_set (&f->text, lp->last_text, f->tick_px, PANGO_WEIGHT_BOLD);
      if (isfinite (y))
        isc_text_draw (&f->text, x + radius + f->tick_px * 0.4, y, 0.0, 0.5,
                       lp->series[0].color, 1.0);
    }
  draw_key (lp, f, &plot, spacing, note_px);
}
