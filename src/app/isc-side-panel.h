/* isc-side-panel.h — the controls: weights and network, bound to GSettings
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ISC_TYPE_SIDE_PANEL (isc_side_panel_get_type ())

G_DECLARE_FINAL_TYPE (IscSidePanel, isc_side_panel, ISC, SIDE_PANEL, AdwBin)

void     isc_side_panel_bind         (IscSidePanel *self,
                                      GSettings    *settings);
gboolean isc_side_panel_get_dragging (IscSidePanel *self);

G_END_DECLS
