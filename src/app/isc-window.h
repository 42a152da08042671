/* isc-window.h — the main window: side panel, figure, status line
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "isc-application.h"
#include "isc-config.h"
#include "isc-histogram-view.h"
#include "isc-simulator.h"

G_BEGIN_DECLS

#define ISC_TYPE_WINDOW (isc_window_get_type ())

G_DECLARE_FINAL_TYPE (IscWindow, isc_window, ISC, WINDOW, AdwApplicationWindow)

IscWindow        *isc_window_new                   (IscApplication      *application);

IscSimulator     *isc_window_get_simulator         (IscWindow           *self);
IscResult        *isc_window_get_reference       (IscWindow       *self);
IscHistogramView *isc_window_get_histogram_view    (IscWindow           *self);
GSettings        *isc_window_get_settings          (IscWindow           *self);
void              isc_window_get_config            (IscWindow           *self,
                                                    IscConfig           *config);

/* Writes the figure of the current settings to @path (the format follows its
 * extension) in a worker thread, then tells the user: a toast on success, a
 * message dialog naming the path and the reason on failure. */
void              isc_window_export_to_path        (IscWindow           *self,
                                                    const char          *path,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean          isc_window_export_to_path_finish (IscWindow           *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* Puts a PNG of the figure on the clipboard, rendered in a worker thread. */
void              isc_window_copy_figure           (IscWindow           *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean          isc_window_copy_figure_finish    (IscWindow           *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* Sets the settings of one of the lecture's figures, e.g. "cs231n-2016:small"
 * (small, large, xavier, relu-xavier, relu-kaiming). */
gboolean          isc_window_apply_preset          (IscWindow           *self,
                                                    const char          *preset,
                                                    GError             **error);

G_END_DECLS
