/* main.c
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "initscope"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "isc-application.h"
#include "isc-cli.h"
#include "isc-export.h"
#include "isc-settings.h"
#include "isc-uninstalled.h"

/* Config flags given without --export open the window on that config: they
 * go into the settings the side panel is bound to, so a running instance
 * follows too and the next start remembers them. */
static void
apply_to_settings (const IscCliOptions *options)
{
  g_autoptr(GSettings) settings = NULL;

  if (options->set == 0)
    return;

  settings = g_settings_new (APP_ID);
  isc_settings_set_config (settings, &options->config, options->set);
  g_settings_sync ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IscApplication) app = NULL;
  const char *localedir = isc_uninstalled_init ();
  IscCliOptions options;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("initscope");

  if (!isc_cli_parse (argc, argv, &options, &error))
    {
      g_printerr ("initscope: %s\n", error->message);
      return ISC_EXIT_USAGE;
    }

  if (options.version)
    {
      g_print ("initscope %s\n", PACKAGE_VERSION);
      isc_cli_options_clear (&options);
      return ISC_EXIT_OK;
    }

  /* Headless: GTK is never initialised, so no display is needed. */
  if (options.export_path != NULL || options.stats_path != NULL)
    {
      if (options.export_path != NULL)
        isc_export_warm_up ();  /* fonts load while the net runs */
      status = isc_cli_export (&options);
      isc_cli_options_clear (&options);
      return status;
    }

  if (!isc_uninstalled_check_schema (&error))
    {
      g_printerr ("initscope: %s\n", error->message);
      isc_cli_options_clear (&options);
      return ISC_EXIT_IO;
    }

  apply_to_settings (&options);
  isc_cli_options_clear (&options);

  app = isc_application_new ();
  return g_application_run (G_APPLICATION (app), 1, argv);
}
