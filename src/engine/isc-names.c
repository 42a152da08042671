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

gboolean
isc_names_lookup (const char * const *names,
                  const char         *name,
                  const char         *unknown,
                  guint              *index,
                  GError            **error)
{
  g_autoptr(GString) list = g_string_new (NULL);
  guint n = g_strv_length ((char **) names);

  for (guint i = 0; i < n; i++)
    {
      if (name != NULL && g_ascii_strcasecmp (name, names[i]) == 0)
        {
          *index = i;
          return TRUE;
        }
      if (i > 0)
        g_string_append (list, i + 1 == n ? _(" or ") : ", ");
      g_string_append (list, names[i]);
    }

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  g_set_error (error, ISC_CONFIG_ERROR, ISC_CONFIG_ERROR_UNKNOWN_NAME,
               unknown, name ? name : "", list->str);
#pragma GCC diagnostic pop
  return FALSE;
}
