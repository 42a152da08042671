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
  const float  *x;
  const float  *w;
  float        *z;
  guint         rows;
  guint         units;
  guint         ldw;
  float         alpha;
  guint         tile_rows;
  guint         tile_cols;
  guint         n_tile_cols;
  GCancellable *cancellable;
} GemmJob;

/* Tiles near square pack the least: a tile of m rows and n columns packs
 * (m + n)·units floats for its m·n·units multiply-adds. Rows come in
 * multiples of 16 and columns of 64, OpenBLAS's kernel and cache-line steps. */
static void
gemm_tile_shape (GemmJob *job)
{
  guint64 macs = (guint64) job->rows * job->units * job->units;
  guint64 n_tiles = MAX (GEMM_MIN_TILES, (macs + GEMM_TILE_MACS - 1) / GEMM_TILE_MACS);
  double area = (double) job->rows * job->units / n_tiles;
  guint m, n;

  m = (guint) ceil (sqrt (area) / 16.0) * 16;
  m = CLAMP (m, 1, job->rows);
  n = (guint) (area / m / 64.0 + 0.5) * 64;
  n = CLAMP (n, MIN (64, job->units), job->units);

  job->tile_rows = m;
  job->tile_cols = n;
  job->n_tile_cols = (job->units + n - 1) / n;
}

static void
gemm_tile (gsize    tile,
           gpointer user_data)
{
  const GemmJob *job = user_data;
  guint r = (guint) (tile / job->n_tile_cols) * job->tile_rows;
  guint c = (guint) (tile % job->n_tile_cols) * job->tile_cols;

  if (g_cancellable_is_cancelled (job->cancellable))
    return;
  cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans,
               MIN (job->tile_rows, job->rows - r), MIN (job->tile_cols, job->units - c),
               job->units, job->alpha,
               job->x + (gsize) r * job->units, job->units,
               job->w + c, job->ldw,
               0.0f, job->z + (gsize) r * job->units + c, job->units);
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
  GemmJob job = { x, w, z, rows, units, ldw, alpha, 0, 0, 0, cancellable };
  guint n_tile_rows;

  isc_blas_init ();
  gemm_tile_shape (&job);
  n_tile_rows = (rows + job.tile_rows - 1) / job.tile_rows;
  isc_parallel_for ((gsize) n_tile_rows * job.n_tile_cols, gemm_tile, &job);
}
