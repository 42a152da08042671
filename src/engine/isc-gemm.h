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

/* The tiles of isc_gemm_full's product (the same bits), each one made in a
 * buffer of the calling thread and handed to @func while in cache, instead
 * of being stored: @c is the tile (rows × cols, rows ldc floats apart) at
 * tile index @tile, in [0, isc_gemm_full_n_tiles). Called from any thread;
 * tiles are skipped once @cancellable is cancelled. */
typedef void (*IscGemmTileFunc) (gsize        tile,
                                 const float *c,
                                 guint        rows,
                                 guint        cols,
                                 guint        ldc,
                                 gpointer     user_data);

guint isc_gemm_full_n_tiles (guint            m,
                             guint            n,
                             guint            k);
void  isc_gemm_full_each    (gboolean         trans_a,
                             gboolean         trans_b,
                             guint            m,
                             guint            n,
                             guint            k,
                             float            alpha,
                             const float     *a,
                             guint            lda,
                             const float     *b,
                             guint            ldb,
                             IscGemmTileFunc  func,
                             gpointer         func_data,
                             GCancellable    *cancellable);

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
