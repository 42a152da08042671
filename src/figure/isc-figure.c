/* isc-figure.c — the one renderer: a result drawn into any cairo_t at any size
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "isc-figure"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "isc-figure-line-plot.h"
#include "isc-figure-private.h"

/* Parts ------------------------------------------------------------------ */

static void
draw_header (IscFig *f)
{
  const IscConfig *config = isc_result_get_config (f->result);
  g_autofree char *text = isc_config_describe (config);
  double preview_w = 0;
  double px = f->base;
  double w;

  if (isc_result_is_preview (f->result))
    {
      /* Translators: shown while only part of the batch has been run */
      isc_text_set (&f->text, _("preview"), f->tick_px, PANGO_WEIGHT_NORMAL);
      preview_w = isc_text_width (&f->text) + f->base;
      if (preview_w < f->header.width / 3)
        isc_text_draw (&f->text, f->header.x + f->header.width,
                       f->header.y + f->header.height / 2, 1.0, 0.5, &f->style->foreground, 0.5);
      else
        preview_w = 0;
    }

  /* Shrink a long description a little before cutting it */
  w = isc_text_measure (&f->text, text, px, PANGO_WEIGHT_BOLD);
  if (w > f->header.width - preview_w)
    px = MAX (px * 0.8, px * (f->header.width - preview_w) / w);
  isc_text_set (&f->text, text, px, PANGO_WEIGHT_BOLD);
  pango_layout_set_width (f->text.layout, (int) ((f->header.width - preview_w) * PANGO_SCALE));
  pango_layout_set_ellipsize (f->text.layout, PANGO_ELLIPSIZE_END);
  isc_text_draw (&f->text, f->header.x, f->header.y + f->header.height / 2, 0.0, 0.5,
                 &f->style->foreground, 1.0);
}

static void
draw_panels (IscFig *f)
{
  if (f->rows == 0)
    return;

  isc_panel_layout_x_labels (f);
  for (guint l = 0; l < f->n_layers; l++)
    isc_panel_draw (f, l);
}

/* The mean and the std per layer, each a line plot of one series. */
static void
draw_line_plots (IscFig *f)
{
  g_autofree double *means = g_new (double, f->n_layers);
  g_autofree double *stds = g_new (double, f->n_layers);
  IscLineSeries mean = { means, f->n_layers, ISC_LINE_MEASURED, &f->style->mean_line, NULL };
  IscLineSeries std = { stds, f->n_layers, ISC_LINE_MEASURED, &f->style->std_line, NULL };
  IscLinePlot mean_plot, std_plot;

  for (guint l = 0; l < f->n_layers; l++)
    {
      const IscLayerStats *stats = isc_result_get_layer (f->result, l);

      means[l] = isc_layer_mean (stats);
      stds[l] = isc_layer_std (stats);
    }

  isc_line_plot_prepare (&mean_plot, f, &f->lines[0], _("Mean per layer"), 0, &mean, 1);
  isc_line_plot_prepare (&std_plot, f, &f->lines[1], _("Std per layer"),
                         ISC_LINE_PLOT_FROM_ZERO | ISC_LINE_PLOT_NOTE_POINTS, &std, 1);
  /* two plots one above the other share their left and right edges */
  if (f->lines_stacked)
    isc_line_plot_share_edges (&mean_plot, &std_plot);
  isc_line_plot_draw (&mean_plot, f);
  isc_line_plot_draw (&std_plot, f);
  isc_line_plot_clear (&mean_plot);
  isc_line_plot_clear (&std_plot);
}

static void
draw_placeholder (IscFig *f)
{
  double px = MIN (f->width / 24, f->height / 6) * f->style->text_scale;

  if (px < ISC_MIN_TEXT_PX)
    return;
  /* Translators: shown where the figure will be, before the first run */
  isc_text_set (&f->text, _("No result yet"), px, PANGO_WEIGHT_NORMAL);
  if (isc_text_width (&f->text) > f->width * 0.9)
    return;
  isc_text_draw (&f->text, f->width / 2, f->height / 2, 0.5, 0.5, &f->style->foreground, 0.5);
}

/* Setup ------------------------------------------------------------------ */

/* Text grows with the figure (see ISC_EM_PER_WIDTH); @scale is the style's. */
static void
set_sizes (IscFig *f,
           double  scale)
{
  f->base = MAX (MIN (f->width / ISC_EM_PER_WIDTH, f->height / ISC_EM_PER_HEIGHT),
                 MIN (ISC_EM_FLOOR_PX, MIN (f->width / ISC_EM_FLOOR_PER_WIDTH,
                                            f->height / ISC_EM_FLOOR_PER_HEIGHT))) * scale;
  f->title_px = f->base * ISC_TITLE_EM;
  f->tick_px = f->base * ISC_TICK_EM;
  f->line_width = MAX (MIN (f->width, f->height) / ISC_LINE_WIDTH_PER_PX, 1.0);
}

/* The x range shown, never empty, and the y scale. */
static void
set_data (IscFig *f)
{
  const IscResult *result = f->result;

  f->n_layers = isc_result_get_n_layers (result);
  isc_result_get_range (result, &f->lo, &f->hi);
  if (!isfinite (f->lo) || !isfinite (f->hi))
    {
      f->lo = -1;
      f->hi = 1;
    }
  if (!(f->hi > f->lo))
    {
      /* all values equal (a zero init): widen around them */
      double pad = MAX (fabs (f->lo) * 0.5, 0.5);

      f->lo -= pad;
      f->hi += pad;
    }
  f->y_top = isc_panel_y_top (result);
  f->count = isc_result_get_layer (result, 0)->count;
}

/* Sets up @f to draw @result (NULL, or one without layers, for the
 * placeholder) with @style (NULL for the light one) at @width × @height.
 * FALSE when there is nothing to draw at that size; fig_clear() is safe
 * either way. */
static gboolean
fig_init (IscFig               *f,
          cairo_t              *cr,
          const IscResult      *result,
          const IscFigureStyle *style,
          double                width,
          double                height)
{
  memset (f, 0, sizeof *f);
  if (!(width > 0) || !(height > 0) || !isfinite (width) || !isfinite (height))
    return FALSE;
  if (style == NULL)
    {
      isc_figure_style_init_light (&f->fallback);
      style = &f->fallback;
    }
  if (result != NULL && isc_result_get_n_layers (result) == 0)
    result = NULL;

  f->cr = cr;
  f->result = result;
  f->style = style;
  f->width = width;
  f->height = height;
  isc_text_init (&f->text, cr, style->font_family);
  set_sizes (f, style->text_scale > 0 && isfinite (style->text_scale) ? style->text_scale : 1);
  if (result != NULL)
    set_data (f);
  return TRUE;
}

static void
fig_clear (IscFig *f)
{
  for (guint i = 0; i < f->n_x_labels; i++)
    g_free (f->x_labels[i].text);
  f->n_x_labels = 0;
  isc_text_clear (&f->text);
}

/* API -------------------------------------------------------------------- */

void
isc_figure_draw (cairo_t              *cr,
                 const IscResult      *result,
                 const IscFigureStyle *style,
                 double                width,
                 double                height)
{
  IscFig f;

  g_return_if_fail (cr != NULL);

  if (!fig_init (&f, cr, result, style, width, height))
    return;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  if (f.style->background.alpha > 0)
    {
      isc_color_set_source (cr, &f.style->background, 1.0);
      cairo_paint (cr);
    }

  if (f.result == NULL)
    draw_placeholder (&f);
  else
    {
      isc_page_layout (&f);
      if (f.show_header)
        draw_header (&f);
      draw_panels (&f);
      if (f.show_lines)
        draw_line_plots (&f);
    }
  fig_clear (&f);
  cairo_restore (cr);
}

gboolean
isc_figure_get_panel_area (const IscResult      *result,
                           const IscFigureStyle *style,
                           double                width,
                           double                height,
                           guint                 layer,
                           cairo_rectangle_t    *area)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  IscFig f;
  gboolean found = FALSE;

  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (area != NULL, FALSE);

  /* Only text is measured; any surface does. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (surface);
  if (fig_init (&f, cr, result, style, width, height) && layer < f.n_layers)
    {
      isc_page_layout (&f);
      if (f.rows > 0)
        {
          IscRect plot;

          isc_page_panel_rects (&f, layer, &plot, NULL);
          *area = (cairo_rectangle_t) { plot.x, plot.y, plot.width, plot.height };
          found = TRUE;
        }
    }
  fig_clear (&f);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  return found;
}
