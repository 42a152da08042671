/* isc-uninstalled.c
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An uninstalled build runs as it is. When this process is the binary of its own build tree
 * (<build>/src/initscope), GSettings reads the build's compiled schema first and gettext the
 * build's catalogues, so `_build/src/initscope` needs neither `meson install` nor
 * `meson devenv`. The build's schema goes first even when one is installed: it is the one this
 * binary's keys come from, and an older installed copy may lack a key (GSettings aborts then).
 */

#define G_LOG_DOMAIN "initscope"

#include "config.h"

#include <stdlib.h>

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "isc-uninstalled.h"

static gboolean
running_from_build_tree (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *exe_dir = NULL;
  g_autofree char *build_dir = NULL;

  if (exe == NULL)
    return FALSE;

  exe_dir = g_path_get_dirname (exe);
  build_dir = realpath (ISC_BUILD_SRC_DIR, NULL);  /* /proc/self/exe has no symlinks either */
  return build_dir != NULL && g_strcmp0 (exe_dir, build_dir) == 0;
}

/* GSettings reads GSETTINGS_SCHEMA_DIR once, when its default source is made: make it here
 * with the build's folder first, then give child processes the caller's value back. */
static void
use_build_schemas (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("GSETTINGS_SCHEMA_DIR"));
  g_autofree char *dirs = NULL;

  if (saved != NULL && *saved != '\0')
    dirs = g_strjoin (G_SEARCHPATH_SEPARATOR_S, ISC_BUILD_SCHEMA_DIR, saved, NULL);
  else
    dirs = g_strdup (ISC_BUILD_SCHEMA_DIR);

  g_setenv ("GSETTINGS_SCHEMA_DIR", dirs, TRUE);
  g_settings_schema_source_get_default ();

  if (saved != NULL)
    g_setenv ("GSETTINGS_SCHEMA_DIR", saved, TRUE);
  else
    g_unsetenv ("GSETTINGS_SCHEMA_DIR");
}

/**
 * isc_uninstalled_init:
 *
 * Call first in main(), before anything uses GSettings or gettext.
 *
 * Returns: the folder of the translations: $INITSCOPE_LOCALEDIR if set, the build tree's
 *   when running from it, the installed one otherwise.
 */
const char *
isc_uninstalled_init (void)
{
  const char *localedir = g_getenv ("INITSCOPE_LOCALEDIR");
  gboolean uninstalled = running_from_build_tree ();

  if (uninstalled)
    use_build_schemas ();

  if (localedir != NULL && *localedir != '\0')
    return localedir;
  return uninstalled ? ISC_BUILD_LOCALEDIR : LOCALEDIR;
}

/**
 * isc_uninstalled_check_schema:
 *
 * The window needs the settings schema, and g_settings_new() aborts the process without it
 * (a copied binary, or a --prefix that XDG_DATA_DIRS does not list): say so in one line instead.
 */
gboolean
isc_uninstalled_check_schema (GError **error)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("the settings schema %s is not installed: run the build tree’s "
                 "src/initscope, or install with “meson install”"),
               APP_ID);
  return FALSE;
}
