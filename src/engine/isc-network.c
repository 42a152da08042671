/* isc-network.c — the run's entry points; its steps are in isc-run.c
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "isc-network"

#include "config.h"

#include "isc-backward.h"
#include "isc-network.h"
#include "isc-run.h"

G_DEFINE_QUARK (isc-network-error-quark, isc_network_error)

IscResult *
isc_network_run (const IscConfig  *config,
                 IscCache         *cache,
                 guint             max_batch,
                 guint             max_units,
                 GCancellable     *cancellable,
                 GError          **error)
{
  return isc_network_run_with_progress (config, cache, max_batch, max_units,
                                        NULL, NULL, cancellable, error);
}

IscResult *
isc_network_run_with_progress (const IscConfig  *config,
                               IscCache         *cache,
                               guint             max_batch,
                               guint             max_units,
                               IscProgressFunc   progress,
                               gpointer          progress_data,
                               GCancellable     *cancellable,
                               GError          **error)
{
  IscRunOptions options = { max_batch, max_units, FALSE, 0, progress, progress_data };

  return isc_network_run_with_options (config, cache, &options, cancellable, error);
}

IscResult *
isc_network_run_with_options (const IscConfig     *config,
                              IscCache            *cache,
                              const IscRunOptions *options,
                              GCancellable        *cancellable,
                              GError             **error)
{
  static const IscRunOptions defaults = { 0 };
  g_auto(IscRun) run = { 0 };
  g_autoptr(IscBackward) bwd = NULL;
  const IscRunOptions *o = options != NULL ? options : &defaults;
  guint total;

  g_return_val_if_fail (config != NULL, NULL);

  if (!isc_config_validate (config, error))
    return NULL;
  if (!isc_run_init (&run, config, cache, o->max_batch, o->max_units, cancellable, error) ||
      !isc_run_input (&run, error))
    return NULL;
  if (o->gradients && (bwd = isc_backward_new (&run, o->memory_budget, error)) == NULL)
    return NULL;

  total = bwd != NULL ? 2 * config->depth : config->depth;
  for (guint l = 0; l < config->depth; l++)
    {
      if (!isc_run_forward (&run, l, error))
        return NULL;
      isc_run_statistics (&run, l);
      isc_run_histogram (&run, l);
      isc_run_distinct (&run, l);
      if (bwd != NULL)
        isc_backward_keep (bwd, l);
      isc_run_next_layer (&run);

      if (o->progress != NULL)
        o->progress (l + 1, total, o->progress_data);
    }
  if (bwd != NULL && !isc_backward_run (bwd, o->progress, o->progress_data, error))
    return NULL;

  return isc_run_finish (&run);
}
