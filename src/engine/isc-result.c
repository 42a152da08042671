/* isc-result.c
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "isc-result"

#include "config.h"

#include "isc-result-private.h"

G_DEFINE_BOXED_TYPE (IscResult, isc_result, isc_result_ref, isc_result_unref)

static void
isc_result_clear (gpointer data)
{
  IscResult *self = data;

  g_clear_pointer (&self->layers, g_free);
  g_clear_pointer (&self->bins, g_free);
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
  self->layers = g_new0 (IscLayerStats, config->depth);
  self->bins = g_new0 (guint64, (gsize) config->depth * config->bins);
  for (guint l = 0; l < config->depth; l++)
    self->layers[l].bins = &self->bins[(gsize) l * config->bins];

  return self;
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
}

guint64
isc_result_get_max_bin (const IscResult *self)
{
  guint64 max = 0;

  g_return_val_if_fail (self != NULL, 0);
  for (gsize i = 0; i < (gsize) self->config.depth * self->config.bins; i++)
    max = MAX (max, self->bins[i]);
  return max;
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
