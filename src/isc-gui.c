/* isc-gui.c — the window's entry point, in a module of its own
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK and libadwaita are half of a process start (~5 of ~10 ms, measured by
 * bench/run against bench-limits): `initscope` links the engine and the
 * figure alone and loads this module, with the window and its libraries,
 * only to open the window. The engine and figure symbols it calls are the
 * executable's (linked whole and exported), so there is one copy of each.
 */

#define G_LOG_DOMAIN "initscope"

#include "config.h"

#include <gmodule.h>

#include "isc-application.h"
#include "isc-cli.h"
#include "isc-gui.h"
#include "isc-settings.h"

/* Config flags given without --export open the window on that config, and
 * --view, --theory and --range on that figure: they go into the settings the
 * side panel and the view are bound to, so a running instance follows too and
 * the next start remembers them. */
static void
apply_to_settings (const IscCliOptions *options)
{
  const char *range = options->range >= 0 && options->range < ISC_N_RANGES
                      ? isc_range_mode_to_string (options->range) : NULL;
  g_autoptr(GSettings) settings = NULL;

  if (options->set == 0 && !options->view_given && !options->theory && range == NULL)
    return;

  settings = g_settings_new (APP_ID);
  if (options->set != 0)
    isc_settings_set_config (settings, &options->config, options->set);
  isc_settings_set_figure (settings,
                           options->view_given ? isc_view_to_string (options->view) : NULL,
                           options->theory, range);
  g_settings_sync ();
}

G_MODULE_EXPORT int
isc_gui_main (int            argc,
              char          *argv[],
              IscCliOptions *options)
{
  g_autoptr(IscApplication) app = NULL;

  /* main () has checked that the settings schema is there */
  apply_to_settings (options);
  isc_cli_options_clear (options);

  app = isc_application_new ();
  return g_application_run (G_APPLICATION (app), 1, argv);
}
