/* isc-gemm.c
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "isc-gemm"

#include "config.h"

#include <math.h>

#include <cblas.h>

#include "isc-blas.h"
#include "isc-gemm.h"
#include "isc-parallel.h"

/* Each product x · W is cut into tiles of a shape that depends on the
 * product's alone, each one cblas_sgemm on one OpenBLAS thread over the
 * engine's pool: the summation order, so every bit of the result, is the
 * same whatever the thread count. A tile is at most GEMM_TILE_MACS
 * multiply-adds (~15 ms on one core), so a cancellation, checked before each
 * tile, is noticed within a fraction of a second; a product has at least
 * GEMM_MIN_TILES, so that several cores share even a small one. */
#define GEMM_TILE_MACS (G_GUINT64_CONSTANT (1) << 30)
#define GEMM_MIN_TILES 8

typedef struct
{
  gboolean      trans_a;
  gboolean      trans_b;
  guint         m;
  guint         n;
  guint         k;
  float         alpha;
  const float  *a;
  guint         lda;
  const float  *b;
  guint         ldb;
  float        *c;
  guint         ldc;
  guint         tile_rows;
  guint         tile_cols;
  guint         n_tile_cols;
  GCancellable *cancellable;
} GemmJob;

/* Tiles near square pack the least: a tile of m rows and n columns packs
 * (m + n)·k floats for its m·n·k multiply-adds. Rows come in multiples of 16
 * and columns of 64, OpenBLAS's kernel and cache-line steps. */
static void
gemm_tile_shape (GemmJob *job)
{
  guint64 macs = (guint64) job->m * job->n * job->k;
  guint64 n_tiles = MAX (GEMM_MIN_TILES, (macs + GEMM_TILE_MACS - 1) / GEMM_TILE_MACS);
  double area = (double) job->m * job->n / n_tiles;
  guint m, n;

  m = (guint) ceil (sqrt (area) / 16.0) * 16;
  m = CLAMP (m, 1, job->m);
  n = (guint) (area / m / 64.0 + 0.5) * 64;
  n = CLAMP (n, MIN (64, job->n), job->n);

  job->tile_rows = m;
  job->tile_cols = n;
  job->n_tile_cols = (job->n + n - 1) / n;
}

/* One tile of C: its rows of op(A), its columns of op(B), the whole k. */
static void
gemm_tile (gsize    tile,
           gpointer user_data)
{
  const GemmJob *job = user_data;
  guint r = (guint) (tile / job->n_tile_cols) * job->tile_rows;
  guint c = (guint) (tile % job->n_tile_cols) * job->tile_cols;
  const float *a = job->trans_a ? job->a + r : job->a + (gsize) r * job->lda;
  const float *b = job->trans_b ? job->b + (gsize) c * job->ldb : job->b + c;

  if (g_cancellable_is_cancelled (job->cancellable))
    return;
  cblas_sgemm (CblasRowMajor, job->trans_a ? CblasTrans : CblasNoTrans,
               job->trans_b ? CblasTrans : CblasNoTrans,
               MIN (job->tile_rows, job->m - r), MIN (job->tile_cols, job->n - c),
               job->k, job->alpha, a, job->lda, b, job->ldb,
               0.0f, job->c + (gsize) r * job->ldc + c, job->ldc);
}

void
isc_gemm_full (gboolean      trans_a,
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
               GCancellable *cancellable)
{
  GemmJob job = { trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, c, ldc, 0, 0, 0,
                  cancellable };
  guint n_tile_rows;

  isc_blas_init ();
  gemm_tile_shape (&job);
  n_tile_rows = (m + job.tile_rows - 1) / job.tile_rows;
  isc_parallel_for ((gsize) n_tile_rows * job.n_tile_cols, gemm_tile, &job);
}

/* z = alpha · x · W for x of rows × units and W the top-left units × units
 * block of a matrix with rows of ldw floats. Left incomplete when cancelled. */
void
isc_gemm (const float  *x,
          const float  *w,
          float        *z,
          guint         rows,
          guint         units,
          guint         ldw,
          float         alpha,
          GCancellable *cancellable)
{
  isc_gemm_full (FALSE, FALSE, rows, units, units, alpha, x, units, w, ldw, z, units,
                 cancellable);
}

typedef struct
{
  const float *x;
  float       *z;
  guint        units;
  float        alpha;
} OnesJob;

static void
ones_range (gsize    first,
            gsize    n,
            gpointer user_data)
{
  const OnesJob *job = user_data;

  for (gsize r = first; r < first + n; r++)
    {
      const float *x = job->x + r * job->units;
      float *z = job->z + r * job->units;
      double sum = 0.0;
      float v;

      for (guint i = 0; i < job->units; i++)
        sum += x[i];
      v = job->alpha * (float) sum;
      for (guint j = 0; j < job->units; j++)
        z[j] = v;
    }
}

void
isc_gemm_ones (const float *x,
               float       *z,
               guint        rows,
               guint        units,
               float        alpha)
{
  OnesJob job = { x, z, units, alpha };

  isc_parallel_for_range (rows, 64, ones_range, &job);
}
