/* isc-png.h — the parallel-deflate PNG writer (private to src/figure)
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* @surface (ARGB32, flushed) as a PNG through @write: RGB when every pixel
 * is opaque, else RGBA. */
cairo_status_t isc_png_write (cairo_surface_t    *surface,
                              cairo_write_func_t  write,
                              void               *closure);

G_END_DECLS
