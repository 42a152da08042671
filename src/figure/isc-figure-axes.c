/* isc-figure-axes.c — number formats, tick choice and the lines of an axis
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "isc-figure"

#include "config.h"

#include <string.h>

#include "isc-figure-private.h"

/* Numbers ---------------------------------------------------------------- */

/* A real minus sign reads better than a hyphen in a figure. */
static char *
typeset_minus (char *text)
{
  GString *out;

  if (strchr (text, '-') == NULL)
    return text;

  out = g_string_new (NULL);
  for (const char *p = text; *p; p++)
    {
      if (*p == '-')
        g_string_append (out, "−");
      else
        g_string_append_c (out, *p);
    }
  g_free (text);
  return g_string_free (out, FALSE);
}

/* A statistic in a title: two decimals like the lecture, but tiny values
 * (a collapsed std of 1e-6) keep their significant digits. */
char *
isc_format_stat (double value)
{
  double a = fabs (value);

  if (!isfinite (value))
    return g_strdup ("–");
  if (value == 0.0)
    return g_strdup ("0.00");
  if (a < 0.01 || a >= 1e4)
    return typeset_minus (g_strdup_printf ("%.2g", value));
  if (a >= 100)
    return typeset_minus (g_strdup_printf ("%.0f", value));
  return typeset_minus (g_strdup_printf ("%.2f", value));
}

char *
isc_format_tick (double value,
                 double step)
{
  double a = fabs (value);
  int decimals;

  if (a < step * 1e-6)
    return g_strdup ("0");
  if (step < 1e-3 || a >= 1e5)
    return typeset_minus (g_strdup_printf ("%.2g", value));
  decimals = step >= 1.0 ? 0 : (int) ceil (-log10 (step) - 1e-9);
  /* a step like 0.25 needs one more digit than its order of magnitude */
  if (fabs (step * pow (10, decimals) - round (step * pow (10, decimals))) > 1e-6)
    decimals++;
  return typeset_minus (g_strdup_printf ("%.*f", decimals, value));
}

/* A histogram's y label: a share of the layer's values. */
char *
isc_format_percent_tick (double value,
                         double step)
{
  g_autofree char *num = isc_format_tick (value, step);

  return g_strdup_printf ("%s %%", num);
}

/* The x range's end points: as short as they can be. */
char *
isc_format_edge (double value)
{
  if (value == 0.0)
    return g_strdup ("0");
  return typeset_minus (g_strdup_printf ("%.3g", value));
}

/* A log axis's label: 10 with a superscript exponent, "10⁻⁴"; 1 and 10 plain. */
char *
isc_format_decade (int exponent)
{
  static const char *const digits[10] = {
    "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"
  };
  g_autofree char *number = g_strdup_printf ("%d", ABS (exponent));
  GString *out;

  if (exponent == 0)
    return g_strdup ("1");
  if (exponent == 1)
    return g_strdup ("10");
  out = g_string_new ("10");
  if (exponent < 0)
    g_string_append (out, "⁻");
  for (const char *p = number; *p; p++)
    g_string_append (out, digits[*p - '0']);
  return g_string_free (out, FALSE);
}

/* A factor a layer: two significant digits, "0.22", "3.5", "1.2e+03"; three
 * near 1, where two would round a slow drift away ("1.03", not "1"). */
char *
isc_format_ratio (double ratio)
{
  if (ratio >= 1e3 || ratio < 1e-3)
    return typeset_minus (g_strdup_printf ("%.1e", ratio));
  if (fabs (ratio - 1.0) < 0.1)
    return g_strdup_printf ("%.3g", ratio);
  return g_strdup_printf ("%.2g", ratio);
}

static double
nice_number (double   x,
             gboolean round_it)
{
  double exponent = floor (log10 (x));
  double fraction = x / pow (10, exponent);
  double nice;

  if (round_it)
    nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
  else
    nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return nice * pow (10, exponent);
}

/* Ticks inside [lo, hi], at most @max_ticks of them. */
guint
isc_nice_ticks (double  lo,
                double  hi,
                guint   max_ticks,
                double *first,
                double *step)
{
  double s;
  guint n = 0;

  if (!(hi > lo) || !isfinite (hi - lo) || max_ticks < 2)
    return 0;
  s = nice_number ((hi - lo) / (max_ticks - 1), TRUE);
  if (!(s > 0) || !isfinite (s))
    return 0;
  while ((hi - lo) / s + 1 > max_ticks + 0.5)
    s = nice_number (s * 1.01, FALSE);
  *first = ceil (lo / s - 1e-9) * s;
  *step = s;
  for (double v = *first; v <= hi + s * 1e-9 && n < 100; v += s)
    n++;
  return n;
}

/* Axes ------------------------------------------------------------------- */

/* Where @value is on a y axis from @lo at the plot's bottom to @hi at its top. */
double
isc_axis_y_of (const IscRect *plot,
               double         lo,
               double         hi,
               double         value)
{
  return plot->y + plot->height - (value - lo) / (hi - lo) * plot->height;
}

/* A horizontal grid line across @plot at @y, and its @label (if any) at
 * @px, right-aligned left of the plot. */
void
isc_axis_draw_y_gridline (IscFig         *f,
                          const IscRect  *plot,
                          double          y,
                          const IscColor *color,
                          double          alpha,
                          const char     *label,
                          double          px)
{
  cairo_move_to (f->cr, plot->x, y);
  cairo_line_to (f->cr, plot->x + plot->width, y);
  isc_color_set_source (f->cr, color, alpha);
  cairo_set_line_width (f->cr, f->line_width);
  cairo_stroke (f->cr);

  if (label == NULL)
    return;
  isc_text_set (&f->text, label, px, PANGO_WEIGHT_NORMAL);
  isc_text_draw (&f->text, plot->x - px * 0.4, y, 1.0, 0.5, &f->style->foreground, 0.6);
}

/* The x axis line along the bottom of @plot. */
void
isc_axis_draw_x_baseline (IscFig        *f,
                          const IscRect *plot)
{
  double y = plot->y + plot->height;

  cairo_move_to (f->cr, plot->x, y);
  cairo_line_to (f->cr, plot->x + plot->width, y);
  isc_color_set_source (f->cr, &f->style->foreground, 0.55);
  cairo_set_line_width (f->cr, f->line_width);
  cairo_stroke (f->cr);
}

/* A tick @length down from the x axis at (@x, @base_y), and its @label at
 * @px hanging from (@x, @label_y) by the point @anchor of its width. */
void
isc_axis_draw_x_tick (IscFig     *f,
                      double      x,
                      double      base_y,
                      double      length,
                      const char *label,
                      double      px,
                      double      label_y,
                      double      anchor)
{
  cairo_move_to (f->cr, x, base_y);
  cairo_line_to (f->cr, x, base_y + length);
  isc_color_set_source (f->cr, &f->style->foreground, 0.55);
  cairo_set_line_width (f->cr, f->line_width);
  cairo_stroke (f->cr);

  isc_text_set (&f->text, label, px, PANGO_WEIGHT_NORMAL);
  isc_text_draw (&f->text, x, label_y, anchor, 0.0, &f->style->foreground, 0.7);
}
