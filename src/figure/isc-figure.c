/* isc-figure.c — the one renderer: a result drawn into any cairo_t at any size
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "isc-figure"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "isc-config-fields.h"
#include "isc-figure-line-plot.h"
#include "isc-figure-private.h"
#include "isc-theory-config.h"

/* Parts ------------------------------------------------------------------ */

/* "init xavier · activation relu": @config's values of the fields that differ. */
char *
isc_figure_describe_difference (const IscConfig *config,
                                const IscConfig *other)
{
  const IscConfigFieldInfo *fields;
  g_autoptr(GString) out = g_string_new (NULL);
  guint n_fields;

  fields = isc_config_fields_get (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const IscConfigFieldInfo *field = &fields[i];
      g_autofree char *value = NULL;

      if (field->type == ISC_FIELD_TYPE_DOUBLE)
        {
          double v = isc_config_field_get_double (field, config);

          if (v == isc_config_field_get_double (field, other))
            continue;
          value = g_strdup_printf ("%g", v);
        }
      else
        {
          guint64 v = isc_config_field_get_uint (field, config);

          if (v == isc_config_field_get_uint (field, other))
            continue;
          value = field->type == ISC_FIELD_TYPE_ENUM
                  ? g_strdup (field->get_names ()[v])
                  : g_strdup_printf ("%" G_GUINT64_FORMAT, v);
        }
      if (out->len > 0)
        g_string_append (out, " · ");
      g_string_append_printf (out, "%s %s", field->flag, value);
    }
  if (out->len == 0)
    /* Translators: the legend of a comparison whose two configs are equal */
    return g_strdup (_("same config"));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The header's text: the config, and in a comparison what the reference changes. */
static char *
header_text (const IscFig *f)
{
  const IscConfig *config = isc_result_get_config (f->result);
  g_autofree char *text = isc_config_describe (config);
  g_autofree char *diff = NULL;

  if (f->style->reference == NULL)
    return g_steal_pointer (&text);
  diff = isc_figure_describe_difference (isc_result_get_config (f->style->reference), config);
  /* Translators: the header of a comparison: the current config, what the reference differs in */
  return g_strdup_printf (_("%s  vs reference: %s"), text, diff);
}

static void
draw_header (IscFig *f)
{
  g_autofree char *text = header_text (f);
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

  /* the phase, left of "preview": at most half the header */
  if (f->theory != NULL)
    {
      g_autofree char *phase = isc_fig_theory_phase_text (f);
      double right = f->header.x + f->header.width - preview_w;
      double phase_w;

      isc_text_set (&f->text, phase, f->tick_px, PANGO_WEIGHT_NORMAL);
      phase_w = isc_text_width (&f->text) + f->base;
      if (phase_w < f->header.width / 2)
        {
          isc_text_draw (&f->text, right, f->header.y + f->header.height / 2, 1.0, 0.5,
                         &f->style->theory, 1.0);
          preview_w += phase_w;
        }
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
    {
      /* a range of its own: its own labels */
      if (f->hists != NULL && f->range == ISC_RANGE_PER_LAYER)
        {
          isc_fig_set_layer_range (f, l);
          isc_fig_clear_x_labels (f);
          isc_panel_layout_x_labels (f);
        }
      isc_panel_draw (f, l);
    }
}

/* The two line plots' values: what the series point at. */
typedef struct
{
  double *left;      /* activations: the mean; gradient views: the activation std */
  double *right;     /* the view's std */
  double *theory_left;
  double *theory_right;
  double *ref_left;
  double *ref_right;
  char   *current_label;
  char   *ref_label;
} LineValues;

static void
line_values_clear (LineValues *v)
{
  g_free (v->left);
  g_free (v->right);
  g_free (v->theory_left);
  g_free (v->theory_right);
  g_free (v->ref_left);
  g_free (v->ref_right);
  g_free (v->current_label);
  g_free (v->ref_label);
}

/* A comparison: the reference's values as a second series, both named by
 * what differs. */
static void
add_reference (IscFig        *f,
               LineValues    *v,
               IscLineSeries *left,
               guint         *n_left,
               IscLineSeries *right,
               guint         *n_right)
{
  const IscResult *ref = f->style->reference;
  const IscConfig *config = isc_result_get_config (f->result);
  gboolean acts = f->view == ISC_VIEW_ACTIVATIONS;
  guint n;

  if (ref == NULL || (!acts && !isc_result_has_view (ref, f->view)))
    return;
  n = MIN (isc_result_get_n_layers (ref), f->n_layers);
  v->ref_left = g_new (double, n);
  v->ref_right = g_new (double, n);
  for (guint l = 0; l < n; l++)
    {
      const IscLayerStats *a = isc_result_get_layer (ref, l);

      v->ref_left[l] = acts ? isc_layer_mean (a) : isc_layer_std (a);
      v->ref_right[l] = acts ? isc_layer_std (a)
                             : isc_layer_std (isc_result_get_view_layer (ref, f->view, l));
    }
  v->current_label = isc_figure_describe_difference (config, isc_result_get_config (ref));
  v->ref_label = isc_figure_describe_difference (isc_result_get_config (ref), config);
  left[0].label = right[0].label = v->current_label;
  left[(*n_left)++] = (IscLineSeries) { v->ref_left, n, ISC_LINE_REFERENCE,
                                        &f->style->reference_color, v->ref_label };
  right[(*n_right)++] = (IscLineSeries) { v->ref_right, n, ISC_LINE_REFERENCE,
                                          &f->style->reference_color, v->ref_label };
}

/* The plots: in the activations view the lecture's mean and std per layer;
 * in a gradient view the activations' std beside the view's (the means of
 * gradients are ~0 and say little). The theory, dashed, on both stds. */
static void
line_plots_prepare (IscFig      *f,
                    LineValues  *v,
                    IscLinePlot  plots[2])
{
  gboolean acts = f->view == ISC_VIEW_ACTIVATIONS;
  IscLinePlotFlags std_flags = ISC_LINE_PLOT_FROM_ZERO | ISC_LINE_PLOT_NOTE_POINTS |
                               ISC_LINE_PLOT_LOG_AUTO;
  IscLineSeries left[3], right[3];
  guint n_left = 1, n_right = 1;
  const char *titles[ISC_N_VIEWS] = {
    N_("Std per layer"), N_("Gradient std per layer"), N_("Weight-gradient std per layer")
  };

  v->left = g_new (double, f->n_layers);
  v->right = g_new (double, f->n_layers);
  for (guint l = 0; l < f->n_layers; l++)
    {
      const IscLayerStats *a = isc_result_get_layer (f->result, l);

      v->left[l] = acts ? isc_layer_mean (a) : isc_layer_std (a);
      v->right[l] = isc_layer_std (isc_fig_layer (f, l));
    }
  left[0] = (IscLineSeries) { v->left, f->n_layers, ISC_LINE_MEASURED,
                              acts ? &f->style->mean_line : &f->style->std_line, NULL };
  right[0] = (IscLineSeries) { v->right, f->n_layers, ISC_LINE_MEASURED,
                               acts ? &f->style->std_line : &f->style->mean_line, NULL };
  if (f->theory != NULL)
    {
      /* the std of x_l, and of δ_l; the weight gradients have no prediction */
      double **act_std = acts ? &v->theory_right : &v->theory_left;

      *act_std = g_new (double, f->n_layers);
      for (guint l = 0; l < f->n_layers; l++)
        (*act_std)[l] = f->theory[l].std;
      if (f->view == ISC_VIEW_GRADIENTS)
        {
          v->theory_right = g_new (double, f->n_layers);
          for (guint l = 0; l < f->n_layers; l++)
            v->theory_right[l] = f->theory[l].grad_std;
        }
      /* Translators: the legend of a measured line beside its prediction */
      if (v->theory_left != NULL)
        {
          left[0].label = _("measured");
          left[n_left++] = (IscLineSeries) { v->theory_left, f->n_layers, ISC_LINE_THEORY,
                                             &f->style->theory, _("theory") };
        }
      if (v->theory_right != NULL)
        {
          right[0].label = _("measured");
          right[n_right++] = (IscLineSeries) { v->theory_right, f->n_layers, ISC_LINE_THEORY,
                                               /* Translators: the legend of a predicted line */
                                               &f->style->theory, _("theory") };
        }
    }

  add_reference (f, v, left, &n_left, right, &n_right);
  isc_line_plot_prepare (&plots[0], f, &f->lines[0], acts ? _("Mean per layer") : _(titles[0]),
                         acts ? 0 : std_flags, left, n_left);
  isc_line_plot_prepare (&plots[1], f, &f->lines[1], _(titles[f->view]),
                         std_flags | (acts ? 0 : ISC_LINE_PLOT_TO_INPUT), right, n_right);
  /* two plots one above the other share their left and right edges */
  if (f->lines_stacked)
    isc_line_plot_share_edges (&plots[0], &plots[1]);
}

static void
draw_line_plots (IscFig *f)
{
  LineValues v = { NULL };
  IscLinePlot plots[2];

  line_plots_prepare (f, &v, plots);
  for (guint i = 0; i < 2; i++)
    {
      isc_line_plot_draw (&plots[i], f);
      isc_line_plot_clear (&plots[i]);
    }
  line_values_clear (&v);
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

/* The frame round what a lesson step points at: the warning colour, thick, a little
 * outside the box so it covers none of its marks. Nothing when unset or not drawn. */
static void
draw_highlight (IscFig *f)
{
  int h = f->style->highlight;
  IscRect box;
  double pad;

  if (h == ISC_FIGURE_HIGHLIGHT_STD && f->show_lines)
    box = f->lines[1];
  else if (h > 0 && (guint) h <= f->n_layers && f->title_font > 0)
    {
      IscRect plot, title;

      isc_page_panel_rects (f, h - 1, &plot, &title);
      box = (IscRect) { plot.x, title.y, plot.width, plot.y + plot.height - title.y };
    }
  else if (h > 0 && (guint) h <= f->n_layers)
    isc_page_panel_rects (f, h - 1, &box, &(IscRect) { 0 });
  else
    return;

  pad = 2.0 * f->line_width;
  cairo_save (f->cr);
  cairo_set_line_width (f->cr, 3.0 * f->line_width);
  isc_color_set_source (f->cr, &f->style->warning, 1.0);
  cairo_rectangle (f->cr, box.x - pad, box.y - pad, box.width + 2 * pad, box.height + 2 * pad);
  cairo_stroke (f->cr);
  cairo_restore (f->cr);
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
  if (f->style->line_scale > 0.0)
    f->line_width *= f->style->line_scale;
}

/* @lo..@hi widened where it is empty or not finite: a range to draw over. */
static void
widen_range (double *lo,
             double *hi)
{
  if (!isfinite (*lo) || !isfinite (*hi))
    {
      *lo = -1;
      *hi = 1;
    }
  if (!(*hi > *lo))
    {
      /* all values equal (a zero init): widen around them */
      double pad = MAX (fabs (*lo) * 0.5, 0.5);

      *lo -= pad;
      *hi += pad;
    }
}

const guint64 *
isc_fig_bins (const IscFig *f,
              guint         l,
              double       *lo,
              double       *hi)
{
  if (f->hists != NULL)
    {
      *lo = f->hists[l].lo;
      *hi = f->hists[l].hi;
      return f->hists[l].counts;
    }
  *lo = f->lo_all;
  *hi = f->hi_all;
  return f->stats[l]->bins;
}

/* A comparison in the shared range: one range covering both configs, the
 * current's bars rebinned into it (through a fine histogram of each layer)
 * so that the ghost and the bars share bins. Nothing when the reference's
 * range is inside the current's (a fixed range: tanh, sigmoid). */
static void
share_reference_range (IscFig *f)
{
  const IscResult *ref = f->style->reference;
  double lo, hi;

  if (ref == NULL || (f->view != ISC_VIEW_ACTIVATIONS && !isc_result_has_view (ref, f->view)))
    return;
  if (f->view == ISC_VIEW_ACTIVATIONS)
    isc_result_get_range (ref, &lo, &hi);
  else
    isc_result_get_view_range (ref, f->view, &lo, &hi);
  if (!isfinite (lo) || !isfinite (hi) || !(hi > lo) ||
      (lo >= f->lo_all && hi <= f->hi_all) || !(f->hi_all > f->lo_all))
    return;
  lo = MIN (lo, f->lo_all);
  hi = MAX (hi, f->hi_all);

  f->hists = g_new0 (IscHistogram, f->n_layers);
  for (guint l = 0; l < f->n_layers; l++)
    {
      g_auto(IscHistogram) own = { 0 };

      if (!isc_histogram_init (&own, 0, 1, ISC_FIG_GHOST_FINE_BINS) ||
          !isc_result_rebin (f->result, f->view, l, ISC_RANGE_PER_LAYER, &own) ||
          !isc_histogram_init (&f->hists[l], lo, hi, f->n_bins))
        {
          for (guint k = 0; k <= l; k++)
            isc_histogram_clear (&f->hists[k]);
          g_clear_pointer (&f->hists, g_free);
          return;
        }
      isc_histogram_rebin (&own, &f->hists[l]);
    }
  f->lo_all = lo;
  f->hi_all = hi;
}

/* The view drawn: the style's when the result has it, else the activations. */
static void
set_view (IscFig *f)
{
  const IscResult *result = f->result;
  IscView view = f->style->view;
  int range = f->style->range;

  if (view != ISC_VIEW_ACTIVATIONS &&
      (view >= ISC_N_VIEWS || !isc_result_has_view (result, view)))
    view = ISC_VIEW_ACTIVATIONS;
  f->view = view;
  f->range = range >= 0 && range < ISC_N_RANGES ? (IscRangeMode) range
                                                 : isc_view_get_default_range (view);
  f->stats = g_new (const IscLayerStats *, f->n_layers);
  for (guint l = 0; l < f->n_layers; l++)
    f->stats[l] = view == ISC_VIEW_ACTIVATIONS ? isc_result_get_layer (result, l)
                                               : isc_result_get_view_layer (result, view, l);
  if (view == ISC_VIEW_ACTIVATIONS)
    isc_result_get_range (result, &f->lo_all, &f->hi_all);
  else
    isc_result_get_view_range (result, view, &f->lo_all, &f->hi_all);
  if (f->range == ISC_RANGE_SHARED)
    {
      share_reference_range (f);
      return;
    }

  /* rebinned for the mode: the bins the panels draw, each over its range */
  f->hists = g_new0 (IscHistogram, f->n_layers);
  for (guint l = 0; l < f->n_layers; l++)
    if (!isc_histogram_init (&f->hists[l], 0, 1, f->n_bins) ||
        !isc_result_rebin (result, view, l, f->range, &f->hists[l]))
      {
        for (guint k = 0; k <= l; k++)
          isc_histogram_clear (&f->hists[k]);
        g_clear_pointer (&f->hists, g_free);
        f->range = ISC_RANGE_SHARED;
        return;
      }
  if (f->range == ISC_RANGE_SYMLOG)
    {
      f->symlog_t = isc_result_get_symlog_threshold (result, view);
      f->lo_all = f->hists[0].lo;
      f->hi_all = f->hists[0].hi;
    }
}

/* The prediction, when asked for and where it applies (see isc-figure-theory.c). */
static void
set_theory (IscFig *f)
{
  const IscConfig *config = isc_result_get_config (f->result);

  if (!f->style->theory_on || !isc_theory_config_applies (config))
    return;
  f->theory = isc_theory_config_compute (config, &f->fixed);
  f->theory_narrow = isc_fig_theory_is_narrow (config);
}

/* The view, the x range shown (never empty), the y scale, the theory. */
static void
set_data (IscFig *f)
{
  const IscResult *result = f->result;

  f->n_layers = isc_result_get_n_layers (result);
  f->n_bins = isc_result_get_n_bins (result);
  set_view (f);
  f->lo = f->lo_all;
  f->hi = f->hi_all;
  widen_range (&f->lo, &f->hi);
  f->y_top = isc_panel_y_top (f);
  f->count = isc_fig_layer (f, 0)->count;
  set_theory (f);
}

/* Layer @l's x range when each layer has its own. */
void
isc_fig_set_layer_range (IscFig *f,
                         guint   l)
{
  if (f->hists == NULL || f->range != ISC_RANGE_PER_LAYER)
    return;
  f->lo = f->hists[l].lo;
  f->hi = f->hists[l].hi;
  widen_range (&f->lo, &f->hi);
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

void
isc_fig_clear_x_labels (IscFig *f)
{
  for (guint i = 0; i < f->n_x_labels; i++)
    g_clear_pointer (&f->x_labels[i].text, g_free);
  f->n_x_labels = 0;
}

static void
fig_clear (IscFig *f)
{
  isc_fig_clear_x_labels (f);
  for (guint l = 0; f->hists != NULL && l < f->n_layers; l++)
    isc_histogram_clear (&f->hists[l]);
  g_clear_pointer (&f->hists, g_free);
  g_clear_pointer (&f->stats, g_free);
  g_clear_pointer (&f->theory, g_free);
  isc_text_clear (&f->text);
}

/* Warm-up ---------------------------------------------------------------- */

void
isc_figure_warm_fonts (int width,
                       int height)
{
  /* what the header, titles, ticks and notes mostly hold */
  static const char sample[] = "Layer 0123456789 · mean std −.e×% Mean per Std Gaussian σ";
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);
  IscFig f;

  if (fig_init (&f, cr, NULL, NULL, width, height))
    {
      /* the layout measures titles and labels at 100 px (isc-figure-page.c) */
      const struct { double px; PangoWeight weight; } fonts[] = {
        { 100, PANGO_WEIGHT_NORMAL }, { 100, PANGO_WEIGHT_BOLD }, { f.base, PANGO_WEIGHT_BOLD },
        { f.title_px, PANGO_WEIGHT_BOLD }, { f.tick_px, PANGO_WEIGHT_NORMAL },
        { f.tick_px, PANGO_WEIGHT_BOLD }, { f.tick_px * ISC_LINE_NOTE_EM, PANGO_WEIGHT_NORMAL },
      };

      for (guint i = 0; i < G_N_ELEMENTS (fonts); i++)
        {
          isc_text_set (&f.text, sample, fonts[i].px, fonts[i].weight);
          /* drawn, so that cairo renders and keeps their glyphs; the 100 px
           * ones are only measured, by the layout */
          if (fonts[i].px < 100)
            isc_text_draw (&f.text, 0, 0, 0, 0, &f.style->foreground, 1.0);
          else
            isc_text_width (&f.text);
        }
    }
  fig_clear (&f);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
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
  /* laid out (text measured, nothing drawn) before the first pixel is
   * touched: an export faults the pixels in on another thread meanwhile */
  if (f.result != NULL)
    isc_page_layout (&f);

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
      if (f.show_header)
        draw_header (&f);
      draw_panels (&f);
      if (f.show_lines)
        draw_line_plots (&f);
      draw_highlight (&f);
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
