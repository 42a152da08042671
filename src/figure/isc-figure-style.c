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

typedef struct
{
  guint32 hex;
  double  alpha;
} IscPaletteColor;

/* One palette's colours; everything else a style holds starts the same. */
typedef struct
{
  IscPaletteColor background, foreground, grid, bars, mean_line, std_line, warning, theory,
                  reference_color;
  double          line_scale;
} IscPalette;

/* GNOME palette (Adwaita light) */
static const IscPalette palette_light = {
  { 0xffffff, 1.0 }, { 0x241f31, 1.0 }, { 0x241f31, 0.10 }, { 0x3584e4, 1.0 }, { 0xe66100, 1.0 },
  { 0x26a269, 1.0 }, { 0xc01c28, 1.0 }, { 0x613583, 1.0 }, { 0x865e3c, 1.0 }, 0.0,
};

/* GNOME palette (Adwaita dark): lighter shades of the same hues */
static const IscPalette palette_dark = {
  { 0x1e1e1e, 1.0 }, { 0xffffff, 0.92 }, { 0xffffff, 0.12 }, { 0x62a0ea, 1.0 }, { 0xffa348, 1.0 },
  { 0x57e389, 1.0 }, { 0xff7b63, 1.0 }, { 0xdc8add, 1.0 }, { 0xcdab8f, 1.0 }, 0.0,
};

/* the light palette's hues, darker and fully opaque: contrast ≥ 7:1 on white */
static const IscPalette palette_projector = {
  { 0xffffff, 1.0 }, { 0x000000, 1.0 }, { 0x000000, 0.25 }, { 0x1a5fb4, 1.0 }, { 0x9c3e00, 1.0 },
  { 0x1d6b40, 1.0 }, { 0xa51d2d, 1.0 }, { 0x613583, 1.0 }, { 0x865e3c, 1.0 }, 2.0,
};

static IscColor
palette_rgb (IscPaletteColor c)
{
  return rgb (c.hex, c.alpha);
}

static void
style_init_palette (IscFigureStyle   *style,
                    const IscPalette *p)
{
  *style = (IscFigureStyle) {
    .background = palette_rgb (p->background),
    .foreground = palette_rgb (p->foreground),
    .grid = palette_rgb (p->grid),
    .bars = palette_rgb (p->bars),
    .mean_line = palette_rgb (p->mean_line),
    .std_line = palette_rgb (p->std_line),
    .warning = palette_rgb (p->warning),
    .theory = palette_rgb (p->theory),
    .reference_color = palette_rgb (p->reference_color),
    .line_scale = p->line_scale,
    .text_scale = 1.0,
    .font_family = NULL,
    .view = ISC_VIEW_ACTIVATIONS,
    .range = ISC_FIGURE_RANGE_AUTO,
    .theory_on = FALSE,
  };
}

void
isc_figure_style_init_light (IscFigureStyle *style)
{
  g_return_if_fail (style != NULL);

  style_init_palette (style, &palette_light);
}

void
isc_figure_style_init_dark (IscFigureStyle *style)
{
  g_return_if_fail (style != NULL);

  style_init_palette (style, &palette_dark);
}

void
isc_figure_style_init_projector (IscFigureStyle *style)
{
  g_return_if_fail (style != NULL);

  style_init_palette (style, &palette_projector);
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
         color_equal (&a->reference_color, &b->reference_color) && a->reference == b->reference &&
         a->view == b->view && a->range == b->range &&
         !a->theory_on == !b->theory_on &&
         a->text_scale == b->text_scale &&
         a->highlight == b->highlight && a->line_scale == b->line_scale &&
         g_strcmp0 (a->font_family, b->font_family) == 0;
}

void
isc_color_set_source (cairo_t        *cr,
                      const IscColor *color,
                      double          alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}
