/* isc-settings.h — the experiment's configuration in GSettings
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "isc-config-fields.h"

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

/* What the command line asked the figure to show, for the window: @view
 * ("activations", "gradients", "weight-gradients") unless NULL, the theory
 * if @theory (FALSE leaves the stored choice), and @range ("shared",
 * "per-layer", "symlog") unless NULL. One change. */
void isc_settings_set_figure (GSettings       *settings,
                              const char      *view,
                              gboolean         theory,
                              const char      *range);

/* Applies a preset, "NAME" or "NAME:FIGURE" (isc_preset_apply_spec()), as one
 * change; FALSE with @error set for an unknown one. */
gboolean isc_settings_apply_preset (GSettings   *settings,
                                    const char  *spec,
                                    GError     **error);

/* Binds @field's key to @object's @property: an enum to a guint index in the
 * field's name order (a combo row's "selected"), a number as it is (an
 * adjustment's "value"). */
void isc_settings_bind_field (GSettings                *settings,
                              const IscConfigFieldInfo *field,
                              gpointer                  object,
                              const char               *property,
                              GSettingsBindFlags        flags);

/* Logs one warning for each key whose stored value GSettings ignores (out of
 * range, not a choice, wrong type). Returns how many there are. */
guint isc_settings_warn_invalid (GSettings       *settings);

G_END_DECLS
