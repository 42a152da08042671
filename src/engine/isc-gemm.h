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

/* C = alpha · op(A) · op(B), C of m × n (rows of ldc floats), op(A) m × k,
 * op(B) k × n, op the transpose when asked; row-major, tiled over C as
 * isc_gemm (each tile sums the whole k), so the bits depend on the shapes
 * alone. isc_gemm is (FALSE, FALSE, rows, units, units, …). */
void isc_gemm_full (gboolean      trans_a,
                    gboolean      trans_b,
                    guint         m,
                    guint         n,
                    guint         k,
                    float         alpha,
                    const float  *a,
                    guint         lda,
                    const float  *b,
                    guint         ldb,
                    float        *c,
                    guint         ldc,
                    GCancellable *cancellable);

/* z = alpha · x · 1 for the units × units matrix of ones (the constant
 * init; its transpose is itself): each row's sum, in double, in every
 * column. Every column gets the very same bits, which a blocked sgemm does
 * not promise (its edge kernels sum in another order), and the distinct
 * units of a constant net are then 1, as its maths says. */
void isc_gemm_ones (const float  *x,
                    float        *z,
                    guint         rows,
                    guint         units,
                    float         alpha);

G_END_DECLS
