/* isc-test-gtk.h — main-loop and settings helpers the GTK test programs share
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Include after config.h (APP_ID).
 */

#pragma once

#include <gio/gio.h>

/* Generous: a cold cs231n-2019 run draws 100 M normal samples. No test
 * asserts on time; this only turns a hang into a failure. */
#define ISC_TEST_WAIT_MS 120000

/* Every key of the app's schema back to its default. */
static inline void
isc_test_reset_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
}

/* A g_timeout_add() callback: sets the gboolean @data points to, once. */
static inline gboolean
isc_test_flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs what is pending, at most @max_iterations sources: a spinning spinner
 * always has something pending. */
static inline void
isc_test_drain (guint max_iterations)
{
  for (guint i = 0; i < max_iterations && g_main_context_iteration (NULL, FALSE); i++)
    ;
}
