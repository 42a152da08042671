/* isc-uninstalled.h
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *isc_uninstalled_init         (void);
gboolean    isc_uninstalled_check_schema (GError **error);

G_END_DECLS
