/* isc-distinct.h — how many different columns a matrix has (symmetry made measurable)
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The number of different columns of the row-major @rows × @cols matrix @x,
 * bit for bit (so 0 and −0, or two NaNs of other payloads, differ): each
 * column's bytes hashed, then columns of equal hashes compared exactly.
 * 1 for a layer of identical units, @cols when every unit differs. */
guint isc_distinct_columns (const float *x,
                            guint        rows,
                            guint        cols);

G_END_DECLS
