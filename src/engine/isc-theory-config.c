/* isc-theory-config.c — the mean-field prediction of one config
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "isc-theory"

#include "config.h"

#include "isc-theory-config.h"

gboolean
isc_theory_config_applies (const IscConfig *config)
{
  const char *init = isc_init_to_string (config->init);

  if (g_strcmp0 (init, "constant") == 0 || g_strcmp0 (init, "lsuv") == 0)
    return FALSE;
  if (config->norm != ISC_NORM_NONE)
    return FALSE;
  return isc_theory_has_activation (isc_activation_to_string (config->activation));
}

IscTheoryLayer *
isc_theory_config_compute (const IscConfig     *config,
                           IscTheoryFixedPoint *fixed)
{
  g_autofree IscTheoryLayer *layers = NULL;
  g_autoptr(GError) error = NULL;
  IscTheoryFixedPoint unused;
  const char *activation = isc_activation_to_string (config->activation);
  double std = isc_config_weight_std (config, config->width, config->width);
  double sigma_w2 = config->width * std * std;
  double sigma_b2 = config->bias_scale * config->bias_scale;

  if (!isc_theory_config_applies (config))
    return NULL;
  layers = g_new0 (IscTheoryLayer, config->depth);
  if (!isc_theory_compute (activation, sigma_w2, sigma_b2, config->depth, layers, &error) ||
      !isc_theory_fixed_point (activation, sigma_w2, sigma_b2, fixed ? fixed : &unused, &error))
    {
      g_debug ("no theory for %s at σ_w² = %g, σ_b² = %g: %s",
               activation, sigma_w2, sigma_b2, error->message);
      return NULL;
    }
  return g_steal_pointer (&layers);
}
