/* isc-window-private.h — the window's struct, shared by its files
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * isc-window.c         the shell: template, settings → simulator → view
 * isc-window-actions.c the win.* actions and their key bindings
 * isc-window-export.c  export and copy, through the simulator's result
 */

#pragma once

#include "isc-side-panel.h"
#include "isc-status-bar.h"
#include "isc-window.h"

G_BEGIN_DECLS

struct _IscWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  IscSimulator         *simulator;
  GFile                *export_folder;  /* where the last export went */

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwFlap              *flap;
  IscSidePanel         *side_panel;
  IscHistogramView     *view;
  IscStatusBar         *status_bar;
};

void _isc_window_class_actions_init (IscWindowClass *klass);
void _isc_window_request_run        (IscWindow      *self);
void _isc_window_show_export_error  (IscWindow      *self,
                                     const char     *path,
                                     const GError   *error);

G_END_DECLS
