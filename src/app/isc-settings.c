/* isc-settings.c
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "isc-settings"

#include "config.h"

#include "isc-settings.h"

const char * const isc_settings_config_keys[] = {
  "init", "scale", "activation", "depth", "width", "batch", "seed", "bins", NULL
};

void
isc_settings_get_config (GSettings *settings,
                         IscConfig *config)
{
  g_autofree char *init = g_settings_get_string (settings, "init");
  g_autofree char *activation = g_settings_get_string (settings, "activation");

  /* The schema's choices and ranges are the config's; unknown names cannot
   * get past GSettings, so a parse failure keeps the default. */
  isc_config_init_default (config);
  isc_init_from_string (init, &config->init, NULL);
  isc_activation_from_string (activation, &config->activation, NULL);
  config->scale = g_settings_get_double (settings, "scale");
  config->depth = g_settings_get_int (settings, "depth");
  config->width = g_settings_get_int (settings, "width");
  config->batch = g_settings_get_int (settings, "batch");
  config->bins = g_settings_get_int (settings, "bins");
  config->seed = g_settings_get_uint64 (settings, "seed");
}

void
isc_settings_set_config (GSettings       *settings,
                         const IscConfig *config,
                         IscConfigField   fields)
{
  g_settings_delay (settings);
  if (fields & ISC_CONFIG_FIELD_INIT)
    g_settings_set_string (settings, "init", isc_init_to_string (config->init));
  if (fields & ISC_CONFIG_FIELD_ACTIVATION)
    g_settings_set_string (settings, "activation", isc_activation_to_string (config->activation));
  if (fields & ISC_CONFIG_FIELD_SCALE)
    g_settings_set_double (settings, "scale", config->scale);
  if (fields & ISC_CONFIG_FIELD_DEPTH)
    g_settings_set_int (settings, "depth", config->depth);
  if (fields & ISC_CONFIG_FIELD_WIDTH)
    g_settings_set_int (settings, "width", config->width);
  if (fields & ISC_CONFIG_FIELD_BATCH)
    g_settings_set_int (settings, "batch", config->batch);
  if (fields & ISC_CONFIG_FIELD_SEED)
    g_settings_set_uint64 (settings, "seed", config->seed);
  if (fields & ISC_CONFIG_FIELD_BINS)
    g_settings_set_int (settings, "bins", config->bins);
  g_settings_apply (settings);
}
