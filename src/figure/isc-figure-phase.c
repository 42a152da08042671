/* isc-figure-phase.c — the phase diagram: χ₁ over σ_w² × σ_b², the critical
 * line, the lecture's configs and the current one
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

static double
log_w2_at (guint j,
           guint n)
{
  return ISC_PHASE_LOG_W2_MIN + (ISC_PHASE_LOG_W2_MAX - ISC_PHASE_LOG_W2_MIN) * (j + 0.5) / n;
}

static gboolean
compute_critical (IscPhaseData *d,
                  GCancellable *cancellable,
                  GError      **error)
{
  for (guint k = 0; k < d->n_crit; k++)
    {
      g_autoptr(GError) local = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      d->crit_b2[k] = ISC_PHASE_B2_MAX * k / (d->n_crit - 1);
      if (!isc_theory_critical_sigma_w2 (d->activation, d->crit_b2[k], &d->crit_w2[k], &local))
        {
          if (!g_error_matches (local, ISC_THEORY_ERROR, ISC_THEORY_ERROR_NO_CROSSING))
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
          d->crit_w2[k] = NAN;
        }
    }
  return TRUE;
}

IscPhaseData *
isc_phase_data_compute (const char   *activation,
                        guint         n_w,
                        guint         n_b,
                        guint         n_crit,
                        GCancellable *cancellable,
                        GError      **error)
{
  g_autoptr(IscPhaseData) d = g_new0 (IscPhaseData, 1);

  g_return_val_if_fail (n_w > 0 && n_b > 0 && n_crit >= 2, NULL);
  d->activation = g_strdup (activation);
  d->n_w = n_w;
  d->n_b = n_b;
  d->n_crit = n_crit;
  d->sigma_w2 = g_new (double, n_w);
  d->sigma_b2 = g_new (double, n_b);
  d->chi1 = g_new (double, (gsize) n_w * n_b);
  d->crit_b2 = g_new (double, n_crit);
  d->crit_w2 = g_new (double, n_crit);
  for (guint j = 0; j < n_w; j++)
    d->sigma_w2[j] = pow (10.0, log_w2_at (j, n_w));
  for (guint i = 0; i < n_b; i++)
    d->sigma_b2[i] = ISC_PHASE_B2_MAX * (i + 0.5) / n_b;
  /* a row at a time, so a cancelled job stops within one row */
  for (guint i = 0; i < n_b; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (!isc_theory_chi1_grid (activation, d->sigma_w2, n_w, &d->sigma_b2[i], 1,
                                 &d->chi1[(gsize) i * n_w], error))
        return NULL;
    }
  if (!compute_critical (d, cancellable, error))
    return NULL;
  return g_steal_pointer (&d);
}

void
isc_phase_data_free (IscPhaseData *data)
{
  if (data == NULL)
    return;
  g_free (data->activation);
  g_free (data->sigma_w2);
  g_free (data->sigma_b2);
  g_free (data->chi1);
  g_free (data->crit_b2);
  g_free (data->crit_w2);
  g_free (data);
}

void
isc_phase_lecture_marks (guint         width,
                         IscPhaseMark *marks)
{
  double n = width;

  /* σ_w² = N σ²; Xavier's σ² = 1/N and Kaiming's 2/N whatever the width */
  marks[0] = (IscPhaseMark) { "σ 0.01", n * 1e-4, 0 };
  marks[1] = (IscPhaseMark) { "σ 0.05", n * 0.0025, 0 };
  marks[2] = (IscPhaseMark) { "σ 1.0", n, 0 };
  marks[3] = (IscPhaseMark) { "Xavier", 1.0, 0 };
  marks[4] = (IscPhaseMark) { "Kaiming", 2.0, 0 };
}

void
isc_figure_phase_plot_area (const IscFigureStyle *style,
                            double                width,
                            double                height,
                            cairo_rectangle_t    *area)
{
  double px = text_px (style);

  /* fixed margins in text units: the y labels, the colour bar, title, x labels */
  area->x = 4.6 * px;
  area->y = 2.6 * px;
  area->width = MAX (1.0, width - area->x - 7.0 * px);
  area->height = MAX (1.0, height - area->y - 3.6 * px);
}

void
isc_figure_phase_to_xy (const cairo_rectangle_t *area,
                        double                   sigma_w2,
                        double                   sigma_b2,
                        double                  *x,
                        double                  *y)
{
  double span = ISC_PHASE_LOG_W2_MAX - ISC_PHASE_LOG_W2_MIN;

  *x = area->x + area->width * (log10 (sigma_w2) - ISC_PHASE_LOG_W2_MIN) / span;
  *y = area->y + area->height * (1.0 - sigma_b2 / ISC_PHASE_B2_MAX);
}

void
isc_figure_phase_from_xy (const cairo_rectangle_t *area,
                          double                   x,
                          double                   y,
                          double                  *sigma_w2,
                          double                  *sigma_b2)
{
  double span = ISC_PHASE_LOG_W2_MAX - ISC_PHASE_LOG_W2_MIN;
  double u = CLAMP ((x - area->x) / area->width, 0.0, 1.0);
  double v = CLAMP ((y - area->y) / area->height, 0.0, 1.0);

  *sigma_w2 = pow (10.0, ISC_PHASE_LOG_W2_MIN + u * span);
  *sigma_b2 = ISC_PHASE_B2_MAX * (1.0 - v);
}

static gboolean
is_dark (const IscFigureStyle *style)
{
  const IscColor *b = &style->background;

  return b->alpha > 0 && 0.2126 * b->red + 0.7152 * b->green + 0.0722 * b->blue < 0.5;
}

IscColor
isc_figure_phase_color (const IscFigureStyle *style,
                        double                chi1)
{
  /* blue (ordered) and orange (chaotic) stay apart for the common colour
   * blindnesses; the middle is near the background so the line stands out */
  static const IscColor ordered = { 0.11, 0.44, 0.85, 1 }, chaotic = { 0.85, 0.36, 0.05, 1 };
  static const IscColor mid_light = { 0.965, 0.96, 0.955, 1 }, mid_dark = { 0.24, 0.22, 0.27, 1 };
  const IscColor *mid = is_dark (style) ? &mid_dark : &mid_light;
  double t = chi1 > 0 ? CLAMP (log10 (chi1) / 2.0, -1.0, 1.0) : -1.0;
  const IscColor *end = t < 0 ? &ordered : &chaotic;
  double a = pow (fabs (t), 0.7);

  if (isnan (chi1))
    return *mid;
  return (IscColor) { mid->red + a * (end->red - mid->red),
                      mid->green + a * (end->green - mid->green),
                      mid->blue + a * (end->blue - mid->blue), 1 };
}

static void
draw_grid (cairo_t                 *cr,
           const IscPhaseData      *d,
           const IscFigureStyle    *style,
           const cairo_rectangle_t *area)
{
  cairo_surface_t *img = cairo_image_surface_create (CAIRO_FORMAT_RGB24, d->n_w, d->n_b);
  guchar *px = cairo_image_surface_get_data (img);
  int stride = cairo_image_surface_get_stride (img);
  cairo_pattern_t *pat;

  cairo_surface_flush (img);
  for (guint i = 0; i < d->n_b; i++)
    {
      guint32 *row = (guint32 *) (px + (gsize) (d->n_b - 1 - i) * stride);  /* σ_b² up */

      for (guint j = 0; j < d->n_w; j++)
        {
          IscColor c = isc_figure_phase_color (style, d->chi1[(gsize) i * d->n_w + j]);

          row[j] = ((guint32) (c.red * 255 + 0.5) << 16) | ((guint32) (c.green * 255 + 0.5) << 8)
                   | (guint32) (c.blue * 255 + 0.5);
        }
    }
  cairo_surface_mark_dirty (img);
  cairo_save (cr);
  cairo_rectangle (cr, area->x, area->y, area->width, area->height);
  cairo_clip (cr);
  cairo_translate (cr, area->x, area->y);
  cairo_scale (cr, area->width / d->n_w, area->height / d->n_b);
  cairo_set_source_surface (cr, img, 0, 0);
  pat = cairo_get_source (cr);
  cairo_pattern_set_filter (pat, CAIRO_FILTER_BILINEAR);
  cairo_pattern_set_extend (pat, CAIRO_EXTEND_PAD);
  cairo_paint (cr);
  cairo_restore (cr);
  cairo_surface_destroy (img);
}

static void
draw_critical (cairo_t                 *cr,
               const IscPhaseData      *d,
               const IscFigureStyle    *style,
               const cairo_rectangle_t *area)
{
  gboolean open = FALSE;

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_rectangle (cr, area->x, area->y, area->width, area->height);
  cairo_clip (cr);
  for (guint k = 0; k < d->n_crit; k++)
    {
      double x, y;

      if (isnan (d->crit_w2[k]))
        {
          open = FALSE;
          continue;
        }
      isc_figure_phase_to_xy (area, d->crit_w2[k], d->crit_b2[k], &x, &y);
      if (open)
        cairo_line_to (cr, x, y);
      else
        cairo_move_to (cr, x, y);
      open = TRUE;
    }
  isc_color_set_source (cr, &style->foreground, 1.0);
  cairo_set_line_width (cr, MAX (2.0, text_px (style) * 0.2));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_label (IscText              *t,
            const IscFigureStyle *style,
            const char           *text,
            double                px,
            PangoWeight           weight,
            double                x,
            double                y,
            double                ax,
            double                ay)
{
  double w = isc_text_measure (t, text, px, weight), h = isc_text_height (t);
  cairo_t *cr = t->cr;

  cairo_new_path (cr);
  /* a plate of the background colour: legible on any cell colour */
  isc_color_set_source (cr, &style->background, 0.75);
  cairo_rectangle (cr, x - ax * w - 3, y - ay * h - 1, w + 6, h + 2);
  cairo_fill (cr);
  isc_text_draw (t, x, y, ax, ay, &style->foreground, 1.0);
}

static void
draw_axes (IscText                 *t,
           const IscFigureStyle    *style,
           const cairo_rectangle_t *area)
{
  cairo_t *cr = t->cr;
  double px = text_px (style) * 0.85;

  isc_color_set_source (cr, &style->foreground, 0.8);
  cairo_set_line_width (cr, 1.0);
  cairo_rectangle (cr, area->x + 0.5, area->y + 0.5, area->width - 1, area->height - 1);
  cairo_stroke (cr);
  for (int e = (int) ISC_PHASE_LOG_W2_MIN; e <= (int) ISC_PHASE_LOG_W2_MAX; e++)
    {
      g_autofree char *label = isc_format_decade (e);
      double x, y;

      isc_figure_phase_to_xy (area, pow (10.0, e), 0, &x, &y);
      cairo_move_to (cr, round (x) + 0.5, y);
      cairo_line_to (cr, round (x) + 0.5, y + 4);
      cairo_stroke (cr);
      isc_text_measure (t, label, px, PANGO_WEIGHT_NORMAL);
      isc_text_draw (t, x, y + 5, 0.5, 0, &style->foreground, 1.0);
    }
  for (guint k = 0; k <= 4; k++)
    {
      double b2 = ISC_PHASE_B2_MAX * k / 4, x, y;
      g_autofree char *label = g_strdup_printf ("%.1f", b2);

      isc_figure_phase_to_xy (area, pow (10.0, ISC_PHASE_LOG_W2_MIN), b2, &x, &y);
      cairo_move_to (cr, x - 4, round (y) + 0.5);
      cairo_line_to (cr, x, round (y) + 0.5);
      cairo_stroke (cr);
      isc_text_measure (t, label, px, PANGO_WEIGHT_NORMAL);
      isc_text_draw (t, x - 6, y, 1, 0.5, &style->foreground, 1.0);
    }
  /* Translators: the phase diagram's x axis; N is the layer's fan-in */
  isc_text_measure (t, _("σ_w² = N σ² (log)"), text_px (style), PANGO_WEIGHT_NORMAL);
  isc_text_draw (t, area->x + area->width / 2, area->y + area->height + 1.5 * px + 5, 0.5, 0,
                 &style->foreground, 1.0);
  cairo_save (cr);
  cairo_translate (cr, area->x - 3.2 * px, area->y + area->height / 2);
  cairo_rotate (cr, -G_PI / 2);
  /* Translators: the phase diagram's y axis: the bias variance */
  isc_text_measure (t, _("σ_b² (bias variance)"), text_px (style), PANGO_WEIGHT_NORMAL);
  isc_text_draw (t, 0, 0, 0.5, 0.5, &style->foreground, 1.0);
  cairo_restore (cr);
}

static void
draw_colorbar (IscText                 *t,
               const IscFigureStyle    *style,
               const cairo_rectangle_t *area)
{
  cairo_t *cr = t->cr;
  double px = text_px (style), x = area->x + area->width + 1.2 * px, w = 0.9 * px;
  double top = area->y, h = area->height;
  static const double ticks[] = { 0.01, 0.1, 1, 10, 100 };

  for (int r = 0; r < (int) h; r++)
    {
      /* log10 χ₁ from +2 at the top to −2 at the bottom */
      IscColor c = isc_figure_phase_color (style, pow (10.0, 2.0 - 4.0 * (r + 0.5) / h));

      isc_color_set_source (cr, &c, 1.0);
      cairo_rectangle (cr, x, top + r, w, 1);
      cairo_fill (cr);
    }
  isc_color_set_source (cr, &style->foreground, 0.8);
  cairo_set_line_width (cr, 1.0);
  cairo_rectangle (cr, x + 0.5, top + 0.5, w - 1, h - 1);
  cairo_stroke (cr);
  for (guint k = 0; k < G_N_ELEMENTS (ticks); k++)
    {
      g_autofree char *label = g_strdup_printf ("%g", ticks[k]);
      double y = top + h * (2.0 - log10 (ticks[k])) / 4.0;

      isc_text_measure (t, label, px * 0.8, PANGO_WEIGHT_NORMAL);
      isc_text_draw (t, x + w + 4, y, 0, 0.5, &style->foreground, 1.0);
    }
  isc_text_measure (t, "χ₁", px, PANGO_WEIGHT_BOLD);
  isc_text_draw (t, x + w / 2, top - 4, 0.5, 1, &style->foreground, 1.0);
}

static void
draw_regions (IscText                 *t,
              const IscPhaseData      *d,
              const IscFigureStyle    *style,
              const cairo_rectangle_t *area)
{
  double px = text_px (style), crit = d->crit_w2[d->n_crit / 2], x, y;
  g_autofree char *ordered = NULL, *chaotic = NULL;

  /* Translators: a region of the phase diagram */
  ordered = g_strdup_printf (_("%s: gradients vanish"),
                             isc_theory_phase_get_label (ISC_THEORY_PHASE_ORDERED));
  /* Translators: a region of the phase diagram */
  chaotic = g_strdup_printf (_("%s: gradients explode"),
                             isc_theory_phase_get_label (ISC_THEORY_PHASE_CHAOTIC));
  if (isnan (crit))
    crit = 1.0;
  /* each label in its own region, a third of the way up, clear of the line */
  isc_figure_phase_to_xy (area, crit, ISC_PHASE_B2_MAX * 0.7, &x, &y);
  draw_label (t, style, ordered, px, PANGO_WEIGHT_BOLD,
              MAX (area->x + 6, x - 1.5 * px), y, x - 1.5 * px > area->x + 6 ? 1 : 0, 0.5);
  draw_label (t, style, chaotic, px, PANGO_WEIGHT_BOLD,
              MIN (area->x + area->width - 6, x + 1.5 * px), y - 2 * px,
              x + 1.5 * px < area->x + area->width - 6 ? 0 : 1, 0.5);
}

static void
draw_marks (IscText                 *t,
            const IscPhaseView      *view,
            const IscFigureStyle    *style,
            const cairo_rectangle_t *area)
{
  cairo_t *cr = t->cr;
  double px = text_px (style) * 0.85, xs[16];

  for (guint k = 0; k < MIN (view->n_marks, G_N_ELEMENTS (xs)); k++)
    {
      const IscPhaseMark *m = &view->marks[k];
      double x, y, ly;
      guint level = 0;

      isc_figure_phase_to_xy (area, m->sigma_w2, m->sigma_b2, &x, &y);
      x = xs[k] = CLAMP (x, area->x, area->x + area->width);
      y = CLAMP (y, area->y, area->y + area->height);
      /* σ 0.05, Xavier and Kaiming sit within a few pixels at some widths:
       * each label one row higher than those of the marks near it */
      for (guint o = 0; o < k; o++)
        if (fabs (xs[o] - x) < 5 * px)
          level++;
      ly = y - (1.4 + 1.5 * level) * px;
      cairo_new_path (cr);
      isc_color_set_source (cr, &style->foreground, 0.7);
      cairo_set_line_width (cr, 1.0);
      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x, ly);
      cairo_stroke (cr);
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, 0.35 * px, 0, 2 * G_PI);
      isc_color_set_source (cr, &style->background, 1.0);
      cairo_fill_preserve (cr);
      isc_color_set_source (cr, &style->foreground, 1.0);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
      draw_label (t, style, m->label, px, PANGO_WEIGHT_NORMAL, x, ly, 0.5, 1);
    }
}

static void
draw_point (cairo_t                 *cr,
            const IscPhaseView      *view,
            const IscFigureStyle    *style,
            const cairo_rectangle_t *area)
{
  double r = text_px (style) * 0.55, x, y;

  if (isnan (view->point_w2) || !(view->point_w2 > 0))
    return;
  isc_figure_phase_to_xy (area, view->point_w2, view->point_b2, &x, &y);
  x = CLAMP (x, area->x, area->x + area->width);
  y = CLAMP (y, area->y, area->y + area->height);
  cairo_new_path (cr);
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  isc_color_set_source (cr, &style->std_line, 1.0);
  cairo_fill_preserve (cr);
  isc_color_set_source (cr, &style->foreground, 1.0);
  cairo_set_line_width (cr, 2.0);
  cairo_stroke (cr);
}

char *
isc_figure_phase_describe (const char *activation,
                           double      sigma_w2,
                           double      sigma_b2)
{
  g_autoptr(GError) error = NULL;
  IscTheoryFixedPoint fp;
  g_autofree char *ratio = NULL;

  if (!isc_theory_fixed_point (activation, sigma_w2, sigma_b2, &fp, &error))
    return g_strdup (error->message);
  ratio = isc_format_ratio (sqrt (fp.chi1));
  /* the same words as the figure's theory line */
  if (!(fp.chi1 > 0))
    return g_strdup (_("ordered: no signal passes a layer"));
  if (fp.phase == ISC_THEORY_PHASE_CHAOTIC)
    return g_strdup_printf (_("chaotic: gradients grow ×%s a layer towards the input"), ratio);
  if (fp.phase == ISC_THEORY_PHASE_ORDERED)
    return g_strdup_printf (_("ordered: gradients shrink ×%s a layer, signals fade over "
                              "~%.1f layers"), ratio, fp.depth_scale);
  return g_strdup (_("critical: gradients keep their size"));
}

void
isc_figure_phase_draw (cairo_t              *cr,
                       const IscPhaseView   *view,
                       const IscFigureStyle *style,
                       double                width,
                       double                height)
{
  cairo_rectangle_t area;
  IscText t;

  isc_figure_phase_plot_area (style, width, height, &area);
  cairo_save (cr);
  if (style->background.alpha > 0)
    {
      isc_color_set_source (cr, &style->background, 1.0);
      cairo_paint (cr);
    }
  isc_text_init (&t, cr, style->font_family);
  if (view->data != NULL)
    {
      g_autofree char *title = NULL;

      draw_grid (cr, view->data, style, &area);
      draw_critical (cr, view->data, style, &area);
      draw_regions (&t, view->data, style, &area);
      /* Translators: the phase diagram's title; %s is an activation like tanh */
      title = g_strdup_printf (_("χ₁ of %s (the line: χ₁ = 1, critical)"),
                               view->data->activation);
      isc_text_measure (&t, title, text_px (style), PANGO_WEIGHT_BOLD);
      isc_text_draw (&t, area.x, area.y - 0.6 * text_px (style), 0, 1, &style->foreground, 1.0);
      draw_colorbar (&t, style, &area);
    }
  draw_axes (&t, style, &area);
  draw_marks (&t, view, style, &area);
  draw_point (cr, view, style, &area);
  isc_text_clear (&t);
  cairo_restore (cr);
}
