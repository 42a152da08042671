/* main.c
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "initscope"

#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include <gmodule.h>
#include <glib/gi18n.h>

#include "isc-cli.h"
#include "isc-export.h"
#include "isc-gui.h"
#include "isc-uninstalled.h"

/* The window lives in a module (isc-gui.c): beside the executable in the
 * build tree, in the package's library folder once installed. */
static int
run_window (int            argc,
            char          *argv[],
            IscCliOptions *options)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *exe_dir = exe ? g_path_get_dirname (exe) : NULL;
  g_autofree char *build_dir = realpath (ISC_BUILD_SRC_DIR, NULL);
  g_autofree char *path = NULL;
  GModule *module;
  IscGuiMain gui_main;

  if (build_dir != NULL && g_strcmp0 (exe_dir, build_dir) == 0)
    path = g_build_filename (build_dir, ISC_GUI_MODULE, NULL);
  else
    path = g_build_filename (ISC_GUI_MODULE_DIR, ISC_GUI_MODULE, NULL);

  module = g_module_open (path, G_MODULE_BIND_LOCAL);
  if (module == NULL || !g_module_symbol (module, ISC_GUI_MAIN, (gpointer *) &gui_main))
    {
      g_printerr ("initscope: %s\n", g_module_error ());
      isc_cli_options_clear (options);
      return ISC_EXIT_IO;
    }
  g_module_make_resident (module);
  return gui_main (argc, argv, options);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
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

  return run_window (argc, argv, &options);
}
