/* isc-gemm.h — matrix products with the same bits on any thread count
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* z = alpha · x · W for x of rows × units and W the top-left units × units
 * block of a matrix with rows of ldw floats, in tiles whose shape depends on
 * the product's alone, over the engine's pool. Left incomplete when
 * @cancellable is cancelled (checked before each tile). */
void isc_gemm (const float  *x,
               const float  *w,
               float        *z,
               guint         rows,
               guint         units,
               guint         ldw,
               float         alpha,
               GCancellable *cancellable);

G_END_DECLS
