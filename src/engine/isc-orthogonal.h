/* isc-orthogonal.h — orthogonal base matrices: Q of the QR of a Gaussian matrix
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "isc-rng.h"

G_BEGIN_DECLS

/* Fills out (rows × cols, row-major, rows ≤ cols) with PyTorch's orthogonal_
 * of the normal stream (seed, kind, layer): G its rows × cols samples, QR of
 * Gᵀ by LAPACK (sgeqrf, sorgqr) and each column of Q times the sign of R's
 * diagonal entry, so Q is Haar-distributed; the rows come out orthonormal.
 * The Gaussian fill is the engine's (any thread count), the QR one thread of
 * OpenBLAS: the same bits whatever the thread count. FALSE when out of
 * memory (out's contents are then undefined). */
gboolean isc_orthogonal_fill (guint64   seed,
                              IscStream kind,
                              guint     layer,
                              guint     rows,
                              guint     cols,
                              float    *out);

/* Layers @layer and @layer + 1 at once, into @out and @next, one a thread
 * (a QR runs on one core): the bits of two isc_orthogonal_fill calls. */
gboolean isc_orthogonal_fill_pair (guint64   seed,
                                   IscStream kind,
                                   guint     layer,
                                   guint     rows,
                                   guint     cols,
                                   float    *out,
                                   float    *next);

G_END_DECLS
