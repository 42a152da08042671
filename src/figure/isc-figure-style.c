/* isc-figure-style.c — the figure's colours: the light and dark palettes
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "isc-figure"

#include "config.h"

#include <string.h>

#include "isc-figure-private.h"

static IscColor
rgb (guint32 hex,
     double  alpha)
{
  return (IscColor) {
    ((hex >> 16) & 0xff) / 255.0,
    ((hex >> 8) & 0xff) / 255.0,
    (hex & 0xff) / 255.0,
    alpha,
  };
}

void
isc_figure_style_init_light (IscFigureStyle *style)
{
  g_return_if_fail (style != NULL);

  /* GNOME palette (Adwaita light) */
  *style = (IscFigureStyle) {
    .background = rgb (0xffffff, 1.0),
    .foreground = rgb (0x241f31, 1.0),
    .grid = rgb (0x241f31, 0.10),
    .bars = rgb (0x3584e4, 1.0),
    .mean_line = rgb (0xe66100, 1.0),
    .std_line = rgb (0x26a269, 1.0),
    .warning = rgb (0xc01c28, 1.0),
    .theory = rgb (0x613583, 1.0),
    .text_scale = 1.0,
    .font_family = NULL,
    .view = ISC_VIEW_ACTIVATIONS,
    .range = ISC_FIGURE_RANGE_AUTO,
    .theory_on = FALSE,
  };
}

void
isc_figure_style_init_dark (IscFigureStyle *style)
{
  g_return_if_fail (style != NULL);

  /* GNOME palette (Adwaita dark): lighter shades of the same hues */
  *style = (IscFigureStyle) {
    .background = rgb (0x1e1e1e, 1.0),
    .foreground = rgb (0xffffff, 0.92),
    .grid = rgb (0xffffff, 0.12),
    .bars = rgb (0x62a0ea, 1.0),
    .mean_line = rgb (0xffa348, 1.0),
    .std_line = rgb (0x57e389, 1.0),
    .warning = rgb (0xff7b63, 1.0),
    .theory = rgb (0xdc8add, 1.0),
    .text_scale = 1.0,
    .font_family = NULL,
    .view = ISC_VIEW_ACTIVATIONS,
    .range = ISC_FIGURE_RANGE_AUTO,
    .theory_on = FALSE,
  };
}

static gboolean
color_equal (const IscColor *a,
             const IscColor *b)
{
  return memcmp (a, b, sizeof *a) == 0;
}

gboolean
isc_figure_style_equal (const IscFigureStyle *a,
                        const IscFigureStyle *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  return color_equal (&a->background, &b->background) &&
         color_equal (&a->foreground, &b->foreground) &&
         color_equal (&a->grid, &b->grid) &&
         color_equal (&a->bars, &b->bars) &&
         color_equal (&a->mean_line, &b->mean_line) &&
         color_equal (&a->std_line, &b->std_line) &&
         color_equal (&a->warning, &b->warning) &&
         color_equal (&a->theory, &b->theory) &&
         a->view == b->view && a->range == b->range &&
         !a->theory_on == !b->theory_on &&
         a->text_scale == b->text_scale &&
         g_strcmp0 (a->font_family, b->font_family) == 0;
}

void
isc_color_set_source (cairo_t        *cr,
                      const IscColor *color,
                      double          alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}
