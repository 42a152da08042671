/* isc-result.c
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "isc-result"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "isc-math.h"
#include "isc-names.h"
#include "isc-result-private.h"

G_DEFINE_BOXED_TYPE (IscResult, isc_result, isc_result_ref, isc_result_unref)

static void
isc_result_clear (gpointer data)
{
  IscResult *self = data;

  for (guint v = 0; v < ISC_N_VIEWS; v++)
    {
      IscResultView *view = &self->views[v];

      if (view->fine != NULL)
        for (guint l = 0; l < self->config.depth; l++)
          isc_histogram_clear (&view->fine[l]);
      g_clear_pointer (&view->fine, g_free);
      g_clear_pointer (&view->layers, g_free);
      g_clear_pointer (&view->bins, g_free);
    }
  self->layers = NULL;
  self->bins = NULL;
  g_clear_pointer (&self->distinct, g_free);
}

static void
view_alloc (IscResult     *self,
            IscResultView *view)
{
  guint depth = self->config.depth, n_bins = self->config.bins;

  view->layers = g_new0 (IscLayerStats, depth);
  view->bins = g_new0 (guint64, (gsize) depth * n_bins);
  view->symlog_t = 1.0;
  for (guint l = 0; l < depth; l++)
    view->layers[l].bins = &view->bins[(gsize) l * n_bins];
}

IscResult *
isc_result_new (const IscConfig *config,
                guint            batch,
                guint            units)
{
  IscResult *self;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (config->depth > 0 && config->bins > 0, NULL);

  self = g_atomic_rc_box_new0 (IscResult);
  self->config = *config;
  self->batch = batch;
  self->units = units;
  view_alloc (self, &self->views[ISC_VIEW_ACTIVATIONS]);
  self->layers = self->views[ISC_VIEW_ACTIVATIONS].layers;
  self->bins = self->views[ISC_VIEW_ACTIVATIONS].bins;

  return self;
}

void
isc_result_add_gradients (IscResult *self)
{
  g_return_if_fail (self != NULL);
  for (guint v = ISC_VIEW_GRADIENTS; v < ISC_N_VIEWS; v++)
    if (self->views[v].layers == NULL)
      view_alloc (self, &self->views[v]);
}

void
isc_result_add_distinct (IscResult *self)
{
  g_return_if_fail (self != NULL);
  if (self->distinct == NULL)
    self->distinct = g_new0 (guint, self->config.depth);
}

void
isc_result_take_fine (IscResult    *self,
                      IscView       view,
                      IscHistogram *fine)
{
  g_return_if_fail (self != NULL && (guint) view < ISC_N_VIEWS);
  g_return_if_fail (self->views[view].fine == NULL);
  self->views[view].fine = fine;
}

/* The range when the layers' finite values span nothing: padded relative to
 * the value, so that it is a range in double whatever the magnitude. */
static void
pad_range (gboolean  nonnegative,
           double   *lo,
           double   *hi)
{
  double pad;

  if (*hi > *lo)
    return;
  if (!(*hi >= *lo))
    *lo = *hi = 0.0;
  pad = MAX (1.0, 0.5 * fabs (*lo));
  *lo = nonnegative && *lo == 0.0 ? 0.0 : *lo - pad;
  *hi = *hi + pad;
}

/* The smallest positive std, but at least 1e-12 of the largest |value|. */
static double
symlog_threshold (const IscResult     *self,
                  const IscResultView *view)
{
  double t = G_MAXDOUBLE, big = 0.0;

  for (guint l = 0; l < self->config.depth; l++)
    {
      const IscLayerStats *s = &view->layers[l];

      if (s->count == s->nonfinite)
        continue;
      if (s->std > 0.0)
        t = MIN (t, s->std);
      big = MAX (big, MAX (fabs (s->min), fabs (s->max)));
    }
  if (t == G_MAXDOUBLE)
    return 1.0;
  return MAX (t, 1e-12 * big);
}

void
isc_result_finish_view (IscResult *self,
                        IscView    view_id,
                        gboolean   nonnegative)
{
  IscResultView *view;
  guint n_bins;

  g_return_if_fail (self != NULL && (guint) view_id < ISC_N_VIEWS);
  view = &self->views[view_id];
  g_return_if_fail (view->layers != NULL);
  n_bins = self->config.bins;

  view->symlog_t = symlog_threshold (self, view);
  if (view->fine == NULL)
    return;

  view->lo = G_MAXDOUBLE;
  view->hi = -G_MAXDOUBLE;
  for (guint l = 0; l < self->config.depth; l++)
    if (view->layers[l].count > view->layers[l].nonfinite)
      {
        view->lo = MIN (view->lo, view->layers[l].min);
        view->hi = MAX (view->hi, view->layers[l].max);
      }
  pad_range (nonnegative, &view->lo, &view->hi);
  for (guint l = 0; l < self->config.depth; l++)
    {
      IscHistogram shared = { view->lo, view->hi, n_bins, view->bins + (gsize) l * n_bins, 0 };

      memset (shared.counts, 0, n_bins * sizeof (guint64));
      isc_histogram_rebin (&view->fine[l], &shared);
    }
  if (view_id == ISC_VIEW_ACTIVATIONS)
    {
      self->lo = view->lo;
      self->hi = view->hi;
    }
}

IscResult *
isc_result_ref (IscResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_atomic_rc_box_acquire (self);
}

void
isc_result_unref (IscResult *self)
{
  g_return_if_fail (self != NULL);
  g_atomic_rc_box_release_full (self, isc_result_clear);
}

const IscConfig *
isc_result_get_config (const IscResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->config;
}

guint
isc_result_get_n_layers (const IscResult *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->config.depth;
}

const IscLayerStats *
isc_result_get_layer (const IscResult *self,
                      guint            layer)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (layer < self->config.depth, NULL);
  return &self->layers[layer];
}

guint
isc_result_get_n_bins (const IscResult *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->config.bins;
}

void
isc_result_get_range (const IscResult *self,
                      double          *lo,
                      double          *hi)
{
  g_return_if_fail (self != NULL);
  if (lo)
    *lo = self->lo;
  if (hi)
    *hi = self->hi;
  /* the activations' range as the run set it */
}

double
isc_result_get_elapsed (const IscResult *self)
{
  g_return_val_if_fail (self != NULL, 0.0);
  return self->elapsed;
}

guint
isc_result_get_batch (const IscResult *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->batch;
}

guint
isc_result_get_units (const IscResult *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->units;
}

gboolean
isc_result_is_preview (const IscResult *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->batch < self->config.batch || self->units < self->config.width;
}

gboolean
isc_result_is_full_for (const IscResult *self,
                        const IscConfig *config)
{
  return self != NULL &&
         !isc_result_is_preview (self) &&
         isc_config_equal (&self->config, config);
}

/* ------------------------------------------------------------------------ */
/* Views */

static const char * const view_names[ISC_N_VIEWS + 1] = {
  "activations", "gradients", "weight-gradients", NULL
};

static const char * const view_labels[ISC_N_VIEWS] = {
  N_("Activations"), N_("Gradients"), N_("Weight gradients")
};

const char *
isc_view_to_string (IscView view)
{
  g_return_val_if_fail ((guint) view < ISC_N_VIEWS, NULL);
  return view_names[view];
}

const char *
isc_range_mode_to_string (IscRangeMode mode)
{
  static const char * const names[ISC_N_RANGES] = { "shared", "per-layer", "symlog" };

  g_return_val_if_fail ((guint) mode < ISC_N_RANGES, NULL);
  return names[mode];
}

gboolean
isc_view_from_string (const char  *name,
                      IscView     *view,
                      GError     **error)
{
  guint i;

  if (!isc_names_lookup (view_names, name, _("unknown view “%s” (expected %s)"), &i, error))
    return FALSE;
  *view = i;
  return TRUE;
}

const char *
isc_view_get_label (IscView view)
{
  g_return_val_if_fail ((guint) view < ISC_N_VIEWS, NULL);
  return _(view_labels[view]);
}

IscRangeMode
isc_view_get_default_range (IscView view)
{
  return view == ISC_VIEW_ACTIVATIONS ? ISC_RANGE_SHARED : ISC_RANGE_PER_LAYER;
}

gboolean
isc_result_has_gradients (const IscResult *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->views[ISC_VIEW_GRADIENTS].layers != NULL;
}

gboolean
isc_result_has_view (const IscResult *self,
                     IscView          view)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return (guint) view < ISC_N_VIEWS && self->views[view].layers != NULL;
}

const IscLayerStats *
isc_result_get_view_layer (const IscResult *self,
                           IscView          view,
                           guint            layer)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (layer < self->config.depth, NULL);
  if (!isc_result_has_view (self, view))
    return NULL;
  return &self->views[view].layers[layer];
}

void
isc_result_get_view_range (const IscResult *self,
                           IscView          view,
                           double          *lo,
                           double          *hi)
{
  const IscResultView *v;

  g_return_if_fail (self != NULL);
  if (view == ISC_VIEW_ACTIVATIONS || !isc_result_has_view (self, view))
    {
      isc_result_get_range (self, lo, hi);
      return;
    }
  v = &self->views[view];
  if (lo)
    *lo = v->lo;
  if (hi)
    *hi = v->hi;
}

const IscHistogram *
isc_result_get_fine (const IscResult *self,
                     IscView          view,
                     guint            layer)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (layer < self->config.depth, NULL);
  if (!isc_result_has_view (self, view) || self->views[view].fine == NULL)
    return NULL;
  return &self->views[view].fine[layer];
}

double
isc_result_get_symlog_threshold (const IscResult *self,
                                 IscView          view)
{
  g_return_val_if_fail (self != NULL, 1.0);
  if (!isc_result_has_view (self, view))
    return 1.0;
  return self->views[view].symlog_t;
}

gboolean
isc_result_rebin (const IscResult *self,
                  IscView          view,
                  guint            layer,
                  IscRangeMode     mode,
                  IscHistogram    *into)
{
  const IscLayerStats *stats;
  const IscHistogram *fine;
  IscHistogram coarse = { 0 };
  double lo, hi, t;

  g_return_val_if_fail (self != NULL && into != NULL, FALSE);
  if ((stats = isc_result_get_view_layer (self, view, layer)) == NULL)
    return FALSE;

  isc_result_get_view_range (self, view, &lo, &hi);
  if ((fine = isc_result_get_fine (self, view, layer)) == NULL)
    {
      coarse = (IscHistogram) { lo, hi, self->config.bins, (guint64 *) stats->bins,
                                stats->nonfinite };
      fine = &coarse;
    }

  t = isc_result_get_symlog_threshold (self, view);
  switch (mode)
    {
    case ISC_RANGE_PER_LAYER:
      lo = stats->min;
      hi = stats->max;
      pad_range (FALSE, &lo, &hi);
      isc_histogram_set_range (into, lo, hi);
      isc_histogram_rebin (fine, into);
      break;
    case ISC_RANGE_SYMLOG:
      isc_histogram_set_range (into, isc_symlog (lo, t), isc_symlog (hi, t));
      isc_histogram_rebin_symlog (fine, t, into);
      break;
    case ISC_RANGE_SHARED:
    default:
      isc_histogram_set_range (into, lo, hi);
      isc_histogram_rebin (fine, into);
      break;
    }
  return TRUE;
}

guint
isc_result_get_distinct (const IscResult *self,
                         guint            layer)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (layer < self->config.depth, 0);
  return self->distinct != NULL ? self->distinct[layer] : 0;
}
