/* isc-settings.h — the experiment's configuration in GSettings
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "isc-config.h"

G_BEGIN_DECLS

/* The keys that make up an IscConfig (the others do not ask for a run). */
extern const char * const isc_settings_config_keys[];

void isc_settings_get_config (GSettings       *settings,
                              IscConfig       *config);

/* Writes the @fields of @config as one change, so the window sees a single
 * burst (and runs the network once). */
void isc_settings_set_config (GSettings       *settings,
                              const IscConfig *config,
                              IscConfigField   fields);

/* Logs one warning for each key whose stored value GSettings ignores (out of
 * range, not a choice, wrong type). Returns how many there are. */
guint isc_settings_warn_invalid (GSettings       *settings);

G_END_DECLS
