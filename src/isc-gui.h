/* isc-gui.h — the window's entry point, in the module initscope loads for it
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "isc-cli.h"

G_BEGIN_DECLS

/* The module's file name, and its one entry point: opens the window (after
 * putting @options' config flags into the settings) and runs it. */
#define ISC_GUI_MODULE "libinitscope-gui.so"
#define ISC_GUI_MAIN   "isc_gui_main"

typedef int (*IscGuiMain) (int            argc,
                           char          *argv[],
                           IscCliOptions *options);

int isc_gui_main (int            argc,
                  char          *argv[],
                  IscCliOptions *options);

G_END_DECLS
