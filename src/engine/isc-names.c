/* isc-names.c
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "isc-names"

#include "config.h"

#include <glib/gi18n.h>

#include "isc-config.h"
#include "isc-names.h"

char *
isc_names_join (const char * const *names)
{
  GString *list = g_string_new (NULL);
  guint n = g_strv_length ((char **) names);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (list, i + 1 == n ? _(" or ") : ", ");
      g_string_append (list, names[i]);
    }
  return g_string_free (list, FALSE);
}

gboolean
isc_names_lookup (const char * const *names,
                  const char         *name,
                  const char         *unknown,
                  guint              *index,
                  GError            **error)
{
  g_autofree char *list = NULL;

  for (guint i = 0; names[i] != NULL; i++)
    if (name != NULL && g_ascii_strcasecmp (name, names[i]) == 0)
      {
        *index = i;
        return TRUE;
      }

  list = isc_names_join (names);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  g_set_error (error, ISC_CONFIG_ERROR, ISC_CONFIG_ERROR_UNKNOWN_NAME,
               unknown, name ? name : "", list);
#pragma GCC diagnostic pop
  return FALSE;
}
