/* isc-side-panel.h — the controls: weights and network, bound to GSettings
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "isc-config.h"

G_BEGIN_DECLS

#define ISC_TYPE_SIDE_PANEL (isc_side_panel_get_type ())

G_DECLARE_FINAL_TYPE (IscSidePanel, isc_side_panel, ISC, SIDE_PANEL, AdwBin)

void     isc_side_panel_bind         (IscSidePanel *self,
                                      GSettings    *settings);
gboolean isc_side_panel_get_dragging (IscSidePanel *self);
/* The effective σ the panel shows, or NULL while the scale row is shown. */
const char *isc_side_panel_get_sigma_text (IscSidePanel *self);
char    *isc_side_panel_describe_sigma (const IscConfig *config);
char    *isc_side_panel_describe_coincidence (IscInit init,
                                              guint   width);

G_END_DECLS
