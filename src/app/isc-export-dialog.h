/* isc-export-dialog.h — the export size, then a file chooser
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "isc-window.h"

G_BEGIN_DECLS

#define ISC_TYPE_EXPORT_DIALOG (isc_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (IscExportDialog, isc_export_dialog, ISC, EXPORT_DIALOG, AdwWindow)

IscExportDialog *isc_export_dialog_new         (IscWindow       *window);
void             isc_export_dialog_choose_file (IscExportDialog *self);

G_END_DECLS
