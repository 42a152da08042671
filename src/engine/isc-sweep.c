/* isc-sweep.c — a σ sweep over one shared weight cache
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Initscope"

#include "config.h"

#include <math.h>

#include "isc-sweep.h"

/* Enough for the preview sizes a sweep runs at; past it the cache regenerates. */
#define ISC_SWEEP_CACHE_BUDGET ((gsize) 256 << 20)

void
isc_sweep_log_sigmas (double  lo,
                      double  hi,
                      guint   n,
                      double *out)
{
  double a = log10 (lo), b = log10 (hi);

  g_return_if_fail (n >= 2 && lo > 0 && hi > lo);
  for (guint i = 0; i < n; i++)
    out[i] = pow (10.0, a + (b - a) * i / (n - 1));
  /* exact ends: the first and last points are the slider's bounds */
  out[0] = lo;
  out[n - 1] = hi;
}

void
isc_sweep_config (const IscConfig *base,
                  double           sigma,
                  IscConfig       *out)
{
  *out = *base;
  out->init = ISC_INIT_GAUSSIAN;
  out->scale = sigma;
}

void
isc_sweep_point_from_result (const IscResult *result,
                             double           sigma,
                             IscSweepPoint   *point)
{
  guint n = isc_result_get_n_layers (result);
  const IscLayerStats *last = isc_result_get_layer (result, n - 1);

  point->sigma = sigma;
  point->last_std = last->std;
  point->saturated = last->saturated;
  point->zero = last->zero;
  point->nonfinite = last->nonfinite;
  point->grad_std = NAN;
  if (isc_result_has_view (result, ISC_VIEW_GRADIENTS))
    point->grad_std = isc_result_get_view_layer (result, ISC_VIEW_GRADIENTS, 0)->std;
}

IscSweepPoint *
isc_sweep_run (const IscConfig     *base,
               const double        *sigmas,
               guint                n,
               IscCache            *cache,
               const IscRunOptions *options,
               IscSweepProgressFunc progress,
               gpointer             progress_data,
               GCancellable        *cancellable,
               GError             **error)
{
  g_autoptr(IscCache) own = NULL;
  g_autofree IscSweepPoint *points = g_new0 (IscSweepPoint, n);
  IscRunOptions opts = { 0 };

  g_return_val_if_fail (base != NULL && (sigmas != NULL || n == 0), NULL);
  if (options != NULL)
    opts = *options;
  opts.gradients = TRUE;
  opts.progress = NULL;  /* progress is counted in σ, not layers */
  if (cache == NULL)
    cache = own = isc_cache_new (ISC_SWEEP_CACHE_BUDGET);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IscResult) result = NULL;
      IscConfig config;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      isc_sweep_config (base, sigmas[i], &config);
      result = isc_network_run_with_options (&config, cache, &opts, cancellable, error);
      if (result == NULL)
        return NULL;
      isc_sweep_point_from_result (result, sigmas[i], &points[i]);
      if (progress != NULL)
        progress (i + 1, n, progress_data);
    }
  return g_steal_pointer (&points);
}
