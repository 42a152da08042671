/* isc-figure-panel.c — one layer's histogram: bars, its axes, title and warnings
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "isc-figure"

#include "config.h"

#include <glib/gi18n.h>

#include "isc-figure-private.h"
#include "isc-notes.h"

/* Values ----------------------------------------------------------------- */

/* A layer whose every value overflowed has no mean or std to show. */
static gboolean
has_finite (const IscLayerStats *stats)
{
  return stats->nonfinite < stats->count || stats->count == 0;
}

double
isc_layer_mean (const IscLayerStats *stats)
{
  return has_finite (stats) ? stats->mean : NAN;
}

double
isc_layer_std (const IscLayerStats *stats)
{
  return has_finite (stats) ? stats->std : NAN;
}

/* The common y scale. A lone spike — ReLU's dead units, half of every layer
 * in one bin at 0 — would flatten the rest of the histogram, which is the
 * part the lecture is about; so when every layer's tallest bin is a spike
 * (over 4× its next tallest, which is not empty), the scale follows the
 * tallest of the rest and the spikes are drawn cut, with their share. */
static double
spike_clipped_top (const IscFig *f)
{
  guint64 max_all = 0, max_rest = 0;
  gboolean all_spikes = TRUE;

  for (guint l = 0; l < f->n_layers; l++)
    {
      double lo, hi;
      const guint64 *bins = isc_fig_bins (f, l, &lo, &hi);
      guint64 first = 0, second = 0;

      for (guint b = 0; b < f->n_bins; b++)
        {
          guint64 c = bins[b];

          if (c > first)
            second = first, first = c;
          else if (c > second)
            second = c;
        }
      if (first > 0 && (second == 0 || first <= 4 * second))
        all_spikes = FALSE;
      max_all = MAX (max_all, first);
      max_rest = MAX (max_rest, second);
    }

  if (!all_spikes)
    return max_all;
  return max_rest > 0 ? MIN (max_all, max_rest * 1.5) : max_all;
}

/* Every histogram's top, in counts: the tallest bar, or the tallest uncut
 * one, with a little air above it. */
double
isc_panel_y_top (const IscFig *f)
{
  return spike_clipped_top (f) * 1.06;
}

/* Title ------------------------------------------------------------------ */

/* The abbreviated wording: the same titles with the words a language may
 * shorten (σ for std), for when the full ones would be drawn too small. In
 * English they are the full ones, which is why they carry a context. */
#define ISC_TITLE_ABBREV "abbreviated panel title"

/* [view][form]: the first line, and the second of the two-line forms */
static const char *const title_firsts[ISC_N_VIEWS][2] = {
  /* Translators: a histogram's title; layer number, mean, standard deviation */
  { N_("Layer %u · mean %s · std %s"),
    /* Translators: a narrow histogram's title; layer number, standard deviation */
    N_("Layer %u · std %s") },
  /* Translators: a gradient histogram's title; layer number, mean, standard deviation */
  { N_("Layer %u · grad mean %s · grad std %s"),
    /* Translators: a narrow gradient histogram's title */
    N_("Layer %u · grad std %s") },
  /* Translators: a weight-gradient histogram's title; ∂W is the weight gradient */
  { N_("Layer %u · ∂W mean %s · ∂W std %s"),
    /* Translators: a narrow weight-gradient histogram's title */
    N_("Layer %u · ∂W std %s") },
};
static const char *const title_seconds[ISC_N_VIEWS][2] = {
  /* Translators: the second line of a narrow histogram's title */
  { N_("mean %s · std %s"), N_("std %s") },
  /* Translators: the second line of a narrow gradient histogram's title */
  { N_("grad mean %s · grad std %s"), N_("grad std %s") },
  /* Translators: the second line of a narrow weight-gradient histogram's title */
  { N_("∂W mean %s · ∂W std %s"), N_("∂W std %s") },
};
/* The same, abbreviated; the index matches the arrays above. */
static const char *const title_firsts_abbrev[ISC_N_VIEWS][2] = {
  /* Translators: a histogram's title, shortened for a narrow panel when the
   * words are long (keep it as it is if they are short): σ for std */
  { NC_("abbreviated panel title", "Layer %u · mean %s · std %s"),
    /* Translators: shortened like the one above */
    NC_("abbreviated panel title", "Layer %u · std %s") },
  /* Translators: a gradient histogram's title, shortened (σ for std) */
  { NC_("abbreviated panel title", "Layer %u · grad mean %s · grad std %s"),
    /* Translators: shortened like the one above */
    NC_("abbreviated panel title", "Layer %u · grad std %s") },
  /* Translators: a weight-gradient histogram's title, shortened (σ for std) */
  { NC_("abbreviated panel title", "Layer %u · ∂W mean %s · ∂W std %s"),
    /* Translators: shortened like the one above */
    NC_("abbreviated panel title", "Layer %u · ∂W std %s") },
};
static const char *const title_seconds_abbrev[ISC_N_VIEWS][2] = {
  /* Translators: a title's second line, shortened (σ for std) */
  { NC_("abbreviated panel title", "mean %s · std %s"),
    NC_("abbreviated panel title", "std %s") },
  /* Translators: a gradient title's second line, shortened (σ for std) */
  { NC_("abbreviated panel title", "grad mean %s · grad std %s"),
    NC_("abbreviated panel title", "grad std %s") },
  /* Translators: a weight-gradient title's second line, shortened (σ for std) */
  { NC_("abbreviated panel title", "∂W mean %s · ∂W std %s"),
    NC_("abbreviated panel title", "∂W std %s") },
};

static const char *
title_format (const char *msgid,
              gboolean    abbreviated)
{
  return abbreviated ? g_dpgettext2 (NULL, ISC_TITLE_ABBREV, msgid) : _(msgid);
}

/* The title's lines in @form, in the @abbreviated wording or not; @second is
 * NULL for a one-line form. The gradient views name what their mean and std
 * are of. */
void
isc_panel_title (IscView        view,
                 guint          layer,
                 const char    *mean,
                 const char    *std,
                 IscTitleForm   form,
                 gboolean       abbreviated,
                 char         **first,
                 char         **second)
{
  const char *const (*firsts)[2] = abbreviated ? title_firsts_abbrev : title_firsts;
  const char *const (*seconds)[2] = abbreviated ? title_seconds_abbrev : title_seconds;

  *second = NULL;
  if (view >= ISC_N_VIEWS)
    view = ISC_VIEW_ACTIVATIONS;
  switch (form)
    {
    case ISC_TITLE_FULL:
      *first = g_strdup_printf (title_format (firsts[view][0], abbreviated),
                                layer + 1, mean, std);
      break;

    case ISC_TITLE_STD:
      *first = g_strdup_printf (title_format (firsts[view][1], abbreviated), layer + 1, std);
      break;

    case ISC_TITLE_TWO_LINES:
    case ISC_TITLE_TWO_LINES_STD:
      /* Translators: the first line of a narrow histogram's title */
      *first = g_strdup_printf (_("Layer %u"), layer + 1);
      if (form == ISC_TITLE_TWO_LINES)
        *second = g_strdup_printf (title_format (seconds[view][0], abbreviated), mean, std);
      else
        *second = g_strdup_printf (title_format (seconds[view][1], abbreviated), std);
      break;

    case ISC_N_TITLE_FORMS:
    default:
      g_assert_not_reached ();
    }
}

/* Whether @first and @second fit @width at @px */
static gboolean
title_fits (IscFig     *f,
            const char *first,
            const char *second,
            double      px,
            double      width)
{
  double w = isc_text_measure (&f->text, first, px,
                               second ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);

  if (second)
    w = MAX (w, isc_text_measure (&f->text, second, px, PANGO_WEIGHT_NORMAL));
  return w <= width;
}

static void
draw_title (IscFig              *f,
            const IscRect       *rect,
            const IscLayerStats *stats,
            guint                layer)
{
  g_autofree char *mean = NULL;
  g_autofree char *std = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  double cx = rect->x + rect->width / 2;
  double bottom = rect->y + rect->height - f->title_font * 0.15;

  if (f->title_font <= 0)
    return;

  mean = isc_format_stat (isc_layer_mean (stats));
  std = isc_format_stat (isc_layer_std (stats));
  isc_panel_title (f->view, layer, mean, std, f->title_form, FALSE, &first, &second);
  /* the page chose the abbreviated wording for the widest title; this one
   * keeps the full words if they fit (its numbers may be shorter) */
  if (f->title_short
      && !title_fits (f, first, second, f->title_font, rect->width * ISC_TITLE_MARGIN))
    {
      g_clear_pointer (&first, g_free);
      g_clear_pointer (&second, g_free);
      isc_panel_title (f->view, layer, mean, std, f->title_form, TRUE, &first, &second);
    }
  if (second)
    {
      isc_text_set (&f->text, second, f->title_font, PANGO_WEIGHT_NORMAL);
      isc_text_draw (&f->text, cx, bottom, 0.5, 1.0, &f->style->foreground, 0.8);
      bottom -= isc_text_height (&f->text);
    }
  isc_text_set (&f->text, first, f->title_font, second ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  /* a last resort: nothing here should be wider than its panel */
  pango_layout_set_width (f->text.layout, (int) (rect->width * PANGO_SCALE));
  pango_layout_set_ellipsize (f->text.layout, PANGO_ELLIPSIZE_END);
  isc_text_draw (&f->text, cx, bottom, 0.5, 1.0, &f->style->foreground, 1.0);
}

/* Axes ------------------------------------------------------------------- */

static double
x_of (const IscFig  *f,
      const IscRect *plot,
      double         value)
{
  return plot->x + (value - f->lo) / (f->hi - f->lo) * plot->width;
}

static void
draw_y_grid (IscFig        *f,
             const IscRect *plot,
             gboolean       labels)
{
  double first, step;
  double top;
  guint n;

  if (f->count == 0 || f->y_top <= 0)
    return;

  top = f->y_top / f->count * 100;
  n = isc_nice_ticks (0, top, plot->height > f->panel_px * 8 ? 4 : 2, &first, &step);
  for (guint i = 0; i < n; i++)
    {
      double v = first + i * step;
      double y = isc_axis_y_of (plot, 0, top, v);
      g_autofree char *label = NULL;

      if (v <= 0)
        continue;
      if (labels && f->ylabel_w > 0 && y - f->panel_px * 0.6 >= plot->y - f->title_h)
        label = isc_format_percent_tick (v, step);
      isc_axis_draw_y_gridline (f, plot, y, &f->style->grid, 1.0, label, f->panel_px);
    }
}

/* The range's end points at @px, flush with the edges of @plot. */
static void
measure_x_edges (IscFig            *f,
                 const IscRect     *plot,
                 const char *const  texts[2],
                 double             px,
                 double             lefts[2],
                 double             rights[2])
{
  double edges[2] = { f->lo, f->hi };

  for (guint i = 0; i < 2; i++)
    {
      double w = isc_text_measure (&f->text, texts[i], px, PANGO_WEIGHT_NORMAL);
      double x = x_of (f, plot, edges[i]);

      lefts[i] = x - i * w;
      rights[i] = lefts[i] + w;
    }
}

/* Where labels between the edges may go: 0 if it is inside, then round
 * values; at most 1 + 6 of them, and the ticks' @step. */
static guint
x_label_candidates (const IscFig *f,
                    double        candidates[1 + 6],
                    double       *step)
{
  guint n_candidates = 0, n_ticks;
  double first = 0;

  *step = 0;
  if (f->lo < 0 && f->hi > 0)
    candidates[n_candidates++] = 0.0;
  n_ticks = isc_nice_ticks (f->lo, f->hi, 5, &first, step);
  /* a symlog axis: whole numbers of y are decades of x (t·(10^k − 1)) */
  if (f->symlog_t > 0 && n_ticks > 0 && *step < 1)
    {
      *step = 1;
      first = ceil (f->lo);
      n_ticks = (guint) MAX (floor (f->hi) - first + 1, 0);
    }
  for (guint i = 0; i < n_ticks && n_candidates < 1 + 6; i++)
    {
      double v = first + i * *step;

      /* not again at 0 or at an edge */
      if (fabs (v) > *step * 1e-6 && fabs (v - f->lo) > *step * 0.25 &&
          fabs (f->hi - v) > *step * 0.25)
        candidates[n_candidates++] = v;
    }
  return n_candidates;
}

/* The x labels, the same under every panel (all share their width, the
 * range and the print size): laid out once, from the plot's left edge.
 * lo and hi flush with the plot's edges, in smaller print if they do not
 * fit side by side; then 0 and round values between them, centred on their
 * ticks, each only where it keeps an em clear of the labels already placed. */
void
isc_panel_layout_x_labels (IscFig *f)
{
  IscRect plot = { 0, 0, f->cell_width, f->plot_height };
  /* a symlog axis says its ends in the values' own units */
  g_autofree char *lo_text = isc_format_edge (f->symlog_t > 0 ? isc_symlog_inverse (f->lo,
                                                                                     f->symlog_t)
                                                               : f->lo);
  g_autofree char *hi_text = isc_format_edge (f->symlog_t > 0 ? isc_symlog_inverse (f->hi,
                                                                                     f->symlog_t)
                                                               : f->hi);
  const char *edge_texts[2] = { lo_text, hi_text };
  double lefts[2], rights[2];
  gboolean zero_inside = f->lo < 0 && f->hi > 0;
  double candidates[1 + 6];
  guint n_candidates;
  double px = f->panel_px, step = 0;

  if (px < ISC_MIN_TEXT_PX)
    return;

  measure_x_edges (f, &plot, edge_texts, px, lefts, rights);
  if (rights[0] + px * 0.5 > lefts[1])
    {
      px *= plot.width / (rights[0] - lefts[0] + rights[1] - lefts[1] + px * 0.5) * 0.95;
      /* text widths are not exactly proportional to the size */
      measure_x_edges (f, &plot, edge_texts, px, lefts, rights);
    }
  if (rights[0] + px * 0.3 > lefts[1] || px < ISC_MIN_TEXT_PX)
    return;

  f->x_label_px = px;
  f->x_labels[0] = (IscXLabel) { f->lo, 0.0, g_steal_pointer (&lo_text), lefts[0], rights[0] };
  f->x_labels[1] = (IscXLabel) { f->hi, 1.0, g_steal_pointer (&hi_text), lefts[1], rights[1] };
  f->n_x_labels = 2;
  n_candidates = x_label_candidates (f, candidates, &step);

  for (guint c = 0; c < n_candidates; c++)
    {
      g_autofree char *text = c == 0 && zero_inside ? g_strdup ("0")
                              : f->symlog_t > 0
                              ? isc_format_edge (isc_symlog_inverse (candidates[c], f->symlog_t))
                              : isc_format_tick (candidates[c], step);
      double w = isc_text_measure (&f->text, text, px, PANGO_WEIGHT_NORMAL);
      double left = x_of (f, &plot, candidates[c]) - w / 2;
      gboolean clear = TRUE;

      for (guint i = 0; i < f->n_x_labels && clear; i++)
        clear = left + w + px <= f->x_labels[i].left || f->x_labels[i].right + px <= left;
      if (clear)
        f->x_labels[f->n_x_labels++] = (IscXLabel) { candidates[c], 0.5,
                                                     g_steal_pointer (&text), left, left + w };
    }
}

static void
draw_x_axis (IscFig        *f,
             const IscRect *plot,
             gboolean       labels)
{
  double base_y = plot->y + plot->height;
  double tick = f->panel_px * 0.3;

  /* zero, faintly, when it is inside */
  if (f->lo < 0 && f->hi > 0)
    {
      double x = x_of (f, plot, 0.0);

      cairo_move_to (f->cr, x, plot->y);
      cairo_line_to (f->cr, x, base_y);
      isc_color_set_source (f->cr, &f->style->grid, 1.0);
      cairo_set_line_width (f->cr, f->line_width);
      cairo_stroke (f->cr);
    }

  isc_axis_draw_x_baseline (f, plot);

  for (guint i = 0; labels && i < f->n_x_labels; i++)
    isc_axis_draw_x_tick (f, x_of (f, plot, f->x_labels[i].value), base_y, tick,
                          f->x_labels[i].text, f->x_label_px,
                          base_y + tick + f->panel_px * 0.1, f->x_labels[i].anchor);
}

/* Bars and warnings ------------------------------------------------------ */

/* @text beside a cut bar at @y: right of it, or left where it does not fit. */
static void
draw_cut_label (IscFig        *f,
                const IscRect *plot,
                const char    *text,
                PangoWeight    weight,
                double         left,
                double         right,
                double         y)
{
  isc_text_set (&f->text, text, f->panel_px * 0.9, weight);
  if (right + f->panel_px * 0.3 + isc_text_width (&f->text) <= plot->x + plot->width)
    isc_text_draw (&f->text, right + f->panel_px * 0.3, y, 0.0, 0.0, &f->style->bars, 1.0);
  else
    isc_text_draw (&f->text, left - f->panel_px * 0.3, y, 1.0, 0.0, &f->style->bars, 1.0);
}

/* A spike cut below the plot's top: a gap across bin @b's bar, and its
 * share of the layer's values. */
static void
draw_cut (IscFig              *f,
          const IscRect       *plot,
          guint64              bin,
          double               zero,
          double               left,
          double               right)
{
  double gap_y = plot->y + plot->height * 0.08;
  double gap = MAX (f->line_width * 2, plot->height * 0.025);
  g_autofree char *share = NULL;

  cairo_save (f->cr);
  cairo_set_operator (f->cr, CAIRO_OPERATOR_CLEAR);
  if (f->style->background.alpha > 0)
    {
      cairo_set_operator (f->cr, CAIRO_OPERATOR_OVER);
      isc_color_set_source (f->cr, &f->style->background, 1.0);
    }
  cairo_move_to (f->cr, left - 1, gap_y + gap * 0.5);
  cairo_line_to (f->cr, right + 1, gap_y - gap * 0.5);
  cairo_line_to (f->cr, right + 1, gap_y + gap * 0.5);
  cairo_line_to (f->cr, left - 1, gap_y + gap * 1.5);
  cairo_close_path (f->cr);
  cairo_fill (f->cr);
  cairo_restore (f->cr);

  if (f->panel_px < ISC_MIN_TEXT_PX)
    return;
  /* Translators: the share of a layer's values in one cut-off histogram bar */
  share = g_strdup_printf (_("%.0f %%"), 100.0 * bin / f->count);
  draw_cut_label (f, plot, share, PANGO_WEIGHT_BOLD, left, right, plot->y);
  if (zero > 0)
    {
      g_autofree char *exact = NULL;

      /* Translators: under a cut bar's share: the share of values exactly 0 */
      exact = g_strdup_printf (_("%.0f %% exactly 0"), 100.0 * zero);
      draw_cut_label (f, plot, exact, PANGO_WEIGHT_NORMAL, left, right,
                      plot->y + f->panel_px * 1.1);
    }
}

static void
draw_bars (IscFig              *f,
           const IscRect       *plot,
           const IscLayerStats *stats,
           guint                layer)
{
  guint n_bins = f->n_bins;
  double lo, hi, x0, x1;
  double min_h = f->line_width * 0.75;
  const guint64 *bins;

  if (f->y_top <= 0 || n_bins == 0)
    return;

  /* The bins cover the view's (or the layer's) range; with an empty range
   * they are drawn over the widened range shown. */
  bins = isc_fig_bins (f, layer, &lo, &hi);
  if (!(hi > lo))
    {
      lo = f->lo;
      hi = f->hi;
    }
  x0 = x_of (f, plot, lo);
  x1 = x_of (f, plot, hi);

  /* One path, one fill: neighbouring bars do not show seams. */
  for (guint b = 0; b < n_bins; b++)
    {
      double h;
      double left = x0 + (x1 - x0) * b / n_bins;
      double right = x0 + (x1 - x0) * (b + 1) / n_bins;

      if (bins[b] == 0)
        continue;
      /* A non-empty bin stays visible next to a tall one: where the values
       * are matters as much as how many. */
      h = MAX (bins[b] / f->y_top * plot->height, min_h);
      h = MIN (h, plot->height);
      cairo_rectangle (f->cr, left, plot->y + plot->height - h, right - left, h);
    }
  isc_color_set_source (f->cr, &f->style->bars, 1.0);
  cairo_fill (f->cr);

  for (guint b = 0; b < n_bins; b++)
    if (bins[b] > f->y_top && f->count != 0)
      {
        /* ReLU's dead units: the exact zeros are a share of their own, the
         * bar also holds the tiny positives beside them */
        double zero = 0;

        if (stats->zero > 0 && lo + (hi - lo) * b / n_bins <= 0 &&
            0 < lo + (hi - lo) * (b + 1) / n_bins)
          zero = stats->zero;
        draw_cut (f, plot, bins[b], zero, x0 + (x1 - x0) * b / n_bins,
                  x0 + (x1 - x0) * (b + 1) / n_bins);
      }
}

/* The reference's layer @layer in the bins drawn (n_bins over [lo, hi], in
 * symlog coordinates on a symlog axis), scaled to this result's count a
 * layer; FALSE when the reference has no such layer or view. */
static gboolean
ghost_bins (IscFig       *f,
            guint         layer,
            double        lo,
            double        hi,
            IscHistogram *into)
{
  const IscResult *ref = f->style->reference;
  g_auto(IscHistogram) own = { 0 };

  if (ref == NULL || layer >= isc_result_get_n_layers (ref) ||
      (f->view != ISC_VIEW_ACTIVATIONS && !isc_result_has_view (ref, f->view)))
    return FALSE;
  /* over its own range first, finely: then into the bins drawn */
  if (!isc_histogram_init (&own, 0, 1, ISC_FIG_GHOST_FINE_BINS) ||
      !isc_result_rebin (ref, f->view, layer, ISC_RANGE_PER_LAYER, &own) ||
      !isc_histogram_init (into, lo, hi, f->n_bins))
    return FALSE;
  if (f->symlog_t > 0)
    isc_histogram_rebin_symlog (&own, f->symlog_t, into);
  else
    isc_histogram_rebin (&own, into);
  return TRUE;
}

/* The reference's histogram as a ghost: a faint fill behind the bars (call
 * with @outline FALSE) and its outline, a step line, over them. */
static void
draw_ghost (IscFig        *f,
            const IscRect *plot,
            guint          layer,
            gboolean       outline)
{
  g_auto(IscHistogram) ghost = { 0 };
  double lo, hi, x0, x1, scale, base = plot->y + plot->height;
  guint64 count;

  if (f->style->reference == NULL || f->y_top <= 0)
    return;
  isc_fig_bins (f, layer, &lo, &hi);
  if (!(hi > lo))
    {
      lo = f->lo;
      hi = f->hi;
    }
  if (!ghost_bins (f, layer, lo, hi, &ghost))
    return;
  count = isc_histogram_total (&ghost) + ghost.not_binned;
  scale = count > 0 ? (double) f->count / count : 0.0;
  x0 = x_of (f, plot, lo);
  x1 = x_of (f, plot, hi);

  cairo_move_to (f->cr, x0, base);
  for (guint b = 0; b < f->n_bins; b++)
    {
      double h = MIN (ghost.counts[b] * scale / f->y_top * plot->height, plot->height);

      cairo_line_to (f->cr, x0 + (x1 - x0) * b / f->n_bins, base - h);
      cairo_line_to (f->cr, x0 + (x1 - x0) * (b + 1) / f->n_bins, base - h);
    }
  cairo_line_to (f->cr, x1, base);
  if (!outline)
    {
      cairo_close_path (f->cr);
      isc_color_set_source (f->cr, &f->style->reference_color, 0.18);
      cairo_fill (f->cr);
      return;
    }
  isc_color_set_source (f->cr, &f->style->reference_color, 1.0);
  cairo_set_line_width (f->cr, MAX (f->line_width * 1.5, 1.0));
  cairo_set_line_join (f->cr, CAIRO_LINE_JOIN_MITER);
  cairo_stroke (f->cr);
}

/* The warnings worth a mark on a histogram, one a line; empty if none. */
static GString *
warning_text (const IscFig        *f,
              const IscLayerStats *stats,
              guint                layer)
{
  GString *text = g_string_new (NULL);
  guint units = isc_result_get_units (f->result);
  /* the notes' thresholds: the CLI and the window's status line use the same */
  guint kinds = isc_notes_layer_kinds (stats);

  if (kinds & ISC_NOTE_MASK (ISC_NOTE_SATURATED))
    /* Translators: a warning on a histogram; %.0f is a percentage */
    g_string_append_printf (text, _("%.0f %% saturated"), stats->saturated * 100);
  if (kinds & ISC_NOTE_MASK (ISC_NOTE_NONFINITE))
    {
      if (text->len)
        g_string_append_c (text, '\n');
      /* Translators: a warning on a histogram: how many values are NaN or infinite */
      g_string_append_printf (text, _("%llu non-finite"), (unsigned long long) stats->nonfinite);
    }
  /* symmetry that never breaks: every column of x_l the same. Said of the
   * activations only: the count is of x_l's columns, and the read-out's
   * gradient δ_depth differs between units whatever the weights. */
  if (f->view == ISC_VIEW_ACTIVATIONS && units > 1 &&
      isc_result_get_distinct (f->result, layer) == 1)
    {
      if (text->len)
        g_string_append_c (text, '\n');
      /* Translators: on a histogram: every unit of the layer computes the same values */
      g_string_append_printf (text, ngettext ("all %u unit identical",
                                              "all %u units identical", units), units);
    }
  return text;
}

/* Sets @text up at @px, or smaller to fit @width; returns the size. */
static double
fit_warning (IscFig     *f,
             const char *text,
             double      px,
             double      width)
{
  isc_text_set (&f->text, text, px, PANGO_WEIGHT_BOLD);
  pango_layout_set_alignment (f->text.layout, PANGO_ALIGN_CENTER);
  if (isc_text_width (&f->text) > width)
    {
      px = px * width / isc_text_width (&f->text);
      if (px >= ISC_MIN_TEXT_PX)
        {
          isc_text_set (&f->text, text, px, PANGO_WEIGHT_BOLD);
          pango_layout_set_alignment (f->text.layout, PANGO_ALIGN_CENTER);
        }
    }
  return px;
}

static void
draw_warnings (IscFig              *f,
               const IscRect       *plot,
               const IscLayerStats *stats,
               guint                layer)
{
  g_autoptr(GString) text = warning_text (f, stats, layer);
  double px = f->panel_px;

  if (text->len == 0)
    return;

  /* Saturated histograms are tall at both edges: the middle is free. */
  if (px >= ISC_MIN_TEXT_PX)
    px = fit_warning (f, text->str, px, plot->width);
  if (px >= ISC_MIN_TEXT_PX && isc_text_height (&f->text) < plot->height * 0.8)
    {
      double x = plot->x + plot->width / 2;
      double y = plot->y + px * 0.3;
      double pad = px * 0.25;

      /* a veil behind the text keeps it legible over bars */
      cairo_rectangle (f->cr, x - isc_text_width (&f->text) / 2 - pad, y - pad * 0.5,
                       isc_text_width (&f->text) + 2 * pad, isc_text_height (&f->text) + pad);
      isc_color_set_source (f->cr, &f->style->background, 0.75);
      cairo_fill (f->cr);
      isc_text_draw (&f->text, x, y, 0.5, 0.0, &f->style->warning, 1.0);
    }
  else
    {
      /* too small for words: a dot in the corner */
      double r = MAX (MIN (plot->width, plot->height) * 0.08, 1.0);

      cairo_arc (f->cr, plot->x + plot->width - r * 1.5, plot->y + r * 1.5, r, 0, 2 * G_PI);
      isc_color_set_source (f->cr, &f->style->warning, 1.0);
      cairo_fill (f->cr);
    }
}

/* @layer's panel: grid, bars, axis, title and warnings. The x labels are
 * laid out before, once for every panel (isc_panel_layout_x_labels()). */
void
isc_panel_draw (IscFig *f,
                guint   layer)
{
  const IscLayerStats *stats = isc_fig_layer (f, layer);
  gboolean first_col = layer % f->cols == 0;
  /* the bottom panel of its column carries the x labels */
  gboolean bottom = layer + f->cols >= f->n_layers;
  IscRect plot, title;

  isc_page_panel_rects (f, layer, &plot, &title);
  draw_y_grid (f, &plot, first_col);
  draw_ghost (f, &plot, layer, FALSE);
  draw_bars (f, &plot, stats, layer);
  draw_ghost (f, &plot, layer, TRUE);
  isc_fig_theory_draw_density (f, &plot, layer);
  draw_x_axis (f, &plot, f->ticks_every_panel || bottom);
  draw_title (f, &title, stats, layer);
  draw_warnings (f, &plot, stats, layer);
}
