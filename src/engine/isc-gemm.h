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

/* Fills W[row, col … col + n) of a matrix made on the fly. */
typedef void (*IscGemmFillFunc) (guint    row,
                                 guint    col,
                                 guint    n,
                                 float   *out,
                                 gpointer user_data);

/* The floats isc_gemm_generated needs as @buffers for that product. */
gsize isc_gemm_generated_floats (guint rows,
                                 guint units);

/* isc_gemm with a units × units W never made whole: each column strip of
 * isc_gemm's tiles is filled by @fill into one of @buffers and multiplied at
 * once, with the same tile shapes, so the same bits. Left incomplete when
 * @cancellable is cancelled. */
void isc_gemm_generated (const float    *x,
                         float          *z,
                         guint           rows,
                         guint           units,
                         float           alpha,
                         IscGemmFillFunc fill,
                         gpointer        fill_data,
                         float          *buffers,
                         GCancellable   *cancellable);

/* Gets strip @strip of a product made by isc_gemm_strips: its @rows rows of
 * n floats at @c, in buffer @slot (< isc_gemm_strip_slots ()), which no
 * other strip uses while this call runs. */
typedef void (*IscGemmStripFunc) (guint        strip,
                                  guint        slot,
                                  const float *c,
                                  guint        rows,
                                  gpointer     user_data);

/* The rows of a strip of an m × n product, the strips, how many can be in
 * flight at once (so many buffers, and slots for @func's own state), and
 * the floats isc_gemm_strips needs as @buffers. */
guint isc_gemm_strip_rows    (guint m,
                              guint n);
guint isc_gemm_n_strips      (guint m,
                              guint n);
guint isc_gemm_strip_slots   (guint m,
                              guint n);
gsize isc_gemm_strips_floats (guint m,
                              guint n);

/* C = alpha · op(A) · B as isc_gemm_full, but never stored: made a strip of
 * isc_gemm_strip_rows () rows at a time (one cblas_sgemm, ~256 KiB, so it
 * is still in cache when @func reads it) into one of @buffers, over the
 * engine's pool. A strip's shape depends on m and n alone, so its bits are
 * the same on any thread count and on every call — though not those of
 * isc_gemm_full, whose tiles have other shapes. Incomplete when
 * @cancellable is cancelled (checked before each strip). */
void isc_gemm_strips (gboolean          trans_a,
                      guint             m,
                      guint             n,
                      guint             k,
                      float             alpha,
                      const float      *a,
                      guint             lda,
                      const float      *b,
                      guint             ldb,
                      IscGemmStripFunc  func,
                      gpointer          user_data,
                      float            *buffers,
                      GCancellable     *cancellable);

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
