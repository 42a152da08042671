/* isc-figure-text.c — text in the figure: one Pango layout, measured and drawn
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "isc-figure"

#include "config.h"

#include "isc-figure-private.h"

void
isc_text_init (IscText    *t,
               cairo_t    *cr,
               const char *family)
{
  cairo_font_options_t *options;

  t->cr = cr;
  /* Unhinted metrics: text measures the same on screen, PNG, SVG and PDF,
   * so every target gets the same layout. */
  t->pango = pango_cairo_create_context (cr);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (t->pango, options);
  cairo_font_options_destroy (options);
  t->layout = pango_layout_new (t->pango);
  t->font = pango_font_description_new ();
  pango_font_description_set_family (t->font, family ? family : "Sans");
  t->extents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

void
isc_text_clear (IscText *t)
{
  g_clear_pointer (&t->extents, g_hash_table_unref);
  g_clear_pointer (&t->font, pango_font_description_free);
  g_clear_object (&t->layout);
  g_clear_object (&t->pango);
}

void
isc_text_set (IscText     *t,
              const char  *text,
              double       px,
              PangoWeight  weight)
{
  pango_font_description_set_absolute_size (t->font, px * PANGO_SCALE);
  pango_font_description_set_weight (t->font, weight);
  pango_layout_set_font_description (t->layout, t->font);
  pango_layout_set_width (t->layout, -1);
  pango_layout_set_ellipsize (t->layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_alignment (t->layout, PANGO_ALIGN_LEFT);
  pango_layout_set_text (t->layout, text, -1);
}

/* The layout's logical extents, as pango_layout_get_extents() gives them:
 * the same numbers for the same text and settings (the context and family
 * are the IscText's own), so a string measured before is not laid out again
 * and nothing moves. */
static void
get_extents (IscText        *t,
             PangoRectangle *logical)
{
  g_autofree char *key = NULL;
  PangoRectangle *known;

  key = g_strdup_printf ("%d %d %d %d %d %s",
                         pango_font_description_get_size (t->font),
                         (int) pango_font_description_get_weight (t->font),
                         pango_layout_get_width (t->layout),
                         (int) pango_layout_get_ellipsize (t->layout),
                         (int) pango_layout_get_alignment (t->layout),
                         pango_layout_get_text (t->layout));
  known = g_hash_table_lookup (t->extents, key);
  if (known == NULL)
    {
      known = g_new (PangoRectangle, 1);
      pango_layout_get_extents (t->layout, NULL, known);
      g_hash_table_insert (t->extents, g_steal_pointer (&key), known);
    }
  *logical = *known;
}

double
isc_text_width (IscText *t)
{
  PangoRectangle logical;

  get_extents (t, &logical);
  return (double) logical.width / PANGO_SCALE;
}

double
isc_text_height (IscText *t)
{
  PangoRectangle logical;

  get_extents (t, &logical);
  return (double) logical.height / PANGO_SCALE;
}

double
isc_text_measure (IscText     *t,
                  const char  *text,
                  double       px,
                  PangoWeight  weight)
{
  isc_text_set (t, text, px, weight);
  return isc_text_width (t);
}

/* Draws the current text with its logical box's point (ax, ay) — fractions of
 * its width and height — at (x, y). */
void
isc_text_draw (IscText        *t,
               double          x,
               double          y,
               double          ax,
               double          ay,
               const IscColor *color,
               double          alpha)
{
  PangoRectangle logical;

  get_extents (t, &logical);
  isc_color_set_source (t->cr, color, alpha);
  cairo_move_to (t->cr,
                 x - ((double) logical.x + ax * logical.width) / PANGO_SCALE,
                 y - ((double) logical.y + ay * logical.height) / PANGO_SCALE);
  pango_cairo_show_layout (t->cr, t->layout);
}
