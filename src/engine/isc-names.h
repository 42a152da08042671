/* isc-names.h — looking a CLI/GSettings name up in a table's names
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @names (NULL-terminated) as "a, b or c"; free with g_free. */
char    *isc_names_join   (const char * const *names);

/* The index of @name (any case) in the NULL-terminated @names, or FALSE with
 * an ISC_CONFIG_ERROR_UNKNOWN_NAME made from @unknown, a format taking the
 * name and the list of those expected ("a, b or c"). */
gboolean isc_names_lookup (const char * const *names,
                           const char         *name,
                           const char         *unknown,
                           guint              *index,
                           GError            **error);

G_END_DECLS
