/* isc-renderer.h — the GSK renderer for a software-rendered desktop
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean isc_renderer_gl_is_software (GdkDisplay *display);
void     isc_renderer_choose         (GdkDisplay *display);

G_END_DECLS
