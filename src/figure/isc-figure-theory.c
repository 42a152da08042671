/* isc-figure-theory.c — the mean-field prediction drawn over the measurement
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The theory (src/engine/isc-theory.c) is for an infinitely wide net with
 * N(0, σ²) weights; here it is set up from a config and drawn: the predicted
 * std as dashed lines (isc-figure.c), each layer's predicted density over its
 * histogram, and the phase in words.
 */

#define G_LOG_DOMAIN "isc-figure"

#include "config.h"

#include <glib/gi18n.h>

#include "isc-figure-private.h"
#include "isc-theory-config.h"

/* Finite-width corrections to q_l are O(1/N) a layer and add up over the
 * layers: relative error ~ depth / width. Above this the figure says the
 * prediction is for infinite width (depth 10: below width 100). */
#define ISC_THEORY_MAX_DEPTH_PER_WIDTH 0.1

gboolean
isc_fig_theory_is_narrow (const IscConfig *config)
{
  return config->depth > ISC_THEORY_MAX_DEPTH_PER_WIDTH * config->width;
}

/* "chaotic: gradients grow ×3.5 a layer towards the input" and the like. */
char *
isc_fig_theory_phase_text (const IscFig *f)
{
  double chi1 = f->fixed.chi1;
  g_autofree char *ratio = isc_format_ratio (sqrt (chi1));
  char *text;

  if (!(chi1 > 0))
    /* Translators: the mean-field phase of a net whose weights are all 0 */
    text = g_strdup (_("ordered: no signal passes a layer"));
  else if (f->fixed.phase == ISC_THEORY_PHASE_CHAOTIC)
    /* Translators: the mean-field phase; %s is a factor like 3.5 */
    text = g_strdup_printf (_("chaotic: gradients grow ×%s a layer towards the input"), ratio);
  else if (f->fixed.phase == ISC_THEORY_PHASE_ORDERED)
    /* Translators: the mean-field phase; %s a factor like 0.22, %.1f a number of layers */
    text = g_strdup_printf (_("ordered: gradients shrink ×%s a layer, signals fade over "
                              "~%.1f layers"), ratio, f->fixed.depth_scale);
  else
    /* Translators: the mean-field phase at χ₁ = 1 */
    text = g_strdup (_("critical: gradients keep their size"));

  if (f->theory_narrow)
    {
      char *caveat;

      /* Translators: appended to the phase when the net is too narrow for the
       * theory to hold: %s is the phase */
      caveat = g_strdup_printf (_("%s (infinite-width prediction)"), text);
      g_free (text);
      text = caveat;
    }
  return text;
}

gboolean
isc_fig_theory_counts (const char *activation,
                       double      q,
                       double      lo,
                       double      hi,
                       guint       n_bins,
                       guint64     count,
                       double     *counts)
{
  g_autoptr(GError) error = NULL;

  if (!(hi > lo) || n_bins == 0 ||
      !isc_theory_density (activation, q, lo, hi, n_bins, counts, NULL, NULL, &error))
    return FALSE;
  for (guint b = 0; b < n_bins; b++)
    counts[b] *= count;
  return TRUE;
}

/* Layer @layer's predicted density as an outline over its bars, scaled like
 * them (counts of the same bins); cut at the plot's top like a spike. Only
 * for the activations on a linear x axis: the theory gives no density of a
 * gradient, and symlog bins would need the map's inverse. */
void
isc_fig_theory_draw_density (IscFig        *f,
                             const IscRect *plot,
                             guint          layer)
{
  const IscConfig *config = isc_result_get_config (f->result);
  g_autofree double *counts = NULL;
  double lo, hi, x0, x1, base = plot->y + plot->height;

  if (f->theory == NULL || f->view != ISC_VIEW_ACTIVATIONS || f->range == ISC_RANGE_SYMLOG ||
      f->y_top <= 0 || f->n_bins == 0)
    return;
  isc_fig_bins (f, layer, &lo, &hi);
  counts = g_new (double, f->n_bins);
  if (!isc_fig_theory_counts (isc_activation_to_string (config->activation),
                              f->theory[layer].q, lo, hi, f->n_bins,
                              isc_fig_layer (f, layer)->count, counts))
    return;

  x0 = plot->x + (lo - f->lo) / (f->hi - f->lo) * plot->width;
  x1 = plot->x + (hi - f->lo) / (f->hi - f->lo) * plot->width;
  cairo_save (f->cr);
  cairo_rectangle (f->cr, plot->x, plot->y, plot->width, plot->height);
  cairo_clip (f->cr);
  cairo_move_to (f->cr, x0, base);
  for (guint b = 0; b < f->n_bins; b++)
    {
      double y = base - MIN (counts[b] / f->y_top, 1.02) * plot->height;

      cairo_line_to (f->cr, x0 + (x1 - x0) * b / f->n_bins, y);
      cairo_line_to (f->cr, x0 + (x1 - x0) * (b + 1) / f->n_bins, y);
    }
  cairo_line_to (f->cr, x1, base);
  isc_color_set_source (f->cr, &f->style->theory, 0.9);
  cairo_set_line_width (f->cr, f->line_width * 1.5);
  cairo_set_line_join (f->cr, CAIRO_LINE_JOIN_MITER);
  cairo_stroke (f->cr);
  cairo_restore (f->cr);
}
