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

/* A tile's columns of op(B) over the whole k are at most this many floats
 * (4 MiB): a strip of generated weights (isc_gemm_generated) then stays in
 * the shared L3 while OpenBLAS packs it, with one strip a core. */
#define GEMM_PANEL_FLOATS (1u << 20)

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
  n = MIN (n, MAX (64, GEMM_PANEL_FLOATS / MAX (job->k, 1) / 64 * 64));
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

/* A product whose W is made a column strip at a time: a strip is one job,
 * filled into a buffer no other running job holds, then each of its tiles.
 * At most min(threads, strips) jobs run at once, so as many buffers. */
typedef struct
{
  GemmJob         gemm;
  IscGemmFillFunc fill;
  gpointer        fill_data;
  float          *buffers;
  gint           *busy;
  guint           n_slots;
  guint           n_tile_rows;
} GeneratedJob;

static void
generated_shape (GemmJob *job,
                 guint    rows,
                 guint    units,
                 guint   *n_slots)
{
  *job = (GemmJob) { .m = rows, .n = units, .k = units };
  gemm_tile_shape (job);
  *n_slots = MAX (1, MIN (isc_engine_get_n_threads (), job->n_tile_cols));
}

gsize
isc_gemm_generated_floats (guint rows,
                           guint units)
{
  GemmJob job;
  guint n_slots;

  generated_shape (&job, rows, units, &n_slots);
  return (gsize) n_slots * units * job.tile_cols;
}


/* A free buffer of n_slots: there is one, as at most n_slots jobs run. */
static guint
claim (gint  *busy,
       guint  n_slots)
{
  for (;;)
    for (guint s = 0; s < n_slots; s++)
      if (g_atomic_int_compare_and_exchange (&busy[s], 0, 1))
        return s;
}

static void
generated_strip (gsize    strip,
                 gpointer user_data)
{
  GeneratedJob *job = user_data;
  const GemmJob *g = &job->gemm;
  guint c = (guint) strip * g->tile_cols;
  guint cols = MIN (g->tile_cols, g->n - c);
  guint slot;
  float *w;

  if (g_cancellable_is_cancelled (g->cancellable))
    return;
  slot = claim (job->busy, job->n_slots);
  w = job->buffers + (gsize) slot * g->k * g->tile_cols;
  for (guint i = 0; i < g->k; i++)
    job->fill (i, c, cols, w + (gsize) i * cols, job->fill_data);

  for (guint t = 0; t < job->n_tile_rows; t++)
    {
      guint r = t * g->tile_rows;

      if (g_cancellable_is_cancelled (g->cancellable))
        break;
      cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans,
                   MIN (g->tile_rows, g->m - r), cols, g->k, g->alpha,
                   g->a + (gsize) r * g->lda, g->lda, w, cols,
                   0.0f, g->c + (gsize) r * g->ldc + c, g->ldc);
    }
  g_atomic_int_set (&job->busy[slot], 0);
}

void
isc_gemm_generated (const float    *x,
                    float          *z,
                    guint           rows,
                    guint           units,
                    float           alpha,
                    IscGemmFillFunc fill,
                    gpointer        fill_data,
                    float          *buffers,
                    GCancellable   *cancellable)
{
  GeneratedJob job = { .fill = fill, .fill_data = fill_data, .buffers = buffers };
  g_autofree gint *busy = NULL;

  isc_blas_init ();
  generated_shape (&job.gemm, rows, units, &job.n_slots);
  job.gemm.alpha = alpha;
  job.gemm.a = x;
  job.gemm.lda = units;
  job.gemm.c = z;
  job.gemm.ldc = units;
  job.gemm.cancellable = cancellable;
  job.n_tile_rows = (rows + job.gemm.tile_rows - 1) / job.gemm.tile_rows;
  job.busy = busy = g_new0 (gint, job.n_slots);
  isc_parallel_for (job.gemm.n_tile_cols, generated_strip, &job);
}

/* A strip is ~STRIP_FLOATS values (256 KiB), whole rows, a multiple of
 * 16 of them (the kernel's step) when there are more than 16: it stays in
 * a core's L2 beside OpenBLAS's packed B. */
#define STRIP_FLOATS (1u << 16)

typedef struct
{
  GemmJob           gemm;
  IscGemmStripFunc  func;
  gpointer          user_data;
  float            *buffers;
  gint             *busy;
  guint             n_slots;
} StripJob;

guint
isc_gemm_strip_rows (guint m,
                     guint n)
{
  guint rows = STRIP_FLOATS / MAX (n, 1);

  rows = rows > 16 ? rows / 16 * 16 : MAX (rows, 1);
  return MIN (rows, MAX (m, 1));
}

guint
isc_gemm_n_strips (guint m,
                   guint n)
{
  guint rows = isc_gemm_strip_rows (m, n);

  return (m + rows - 1) / rows;
}

guint
isc_gemm_strip_slots (guint m,
                      guint n)
{
  return MAX (1, MIN (isc_engine_get_n_threads (), isc_gemm_n_strips (m, n)));
}

gsize
isc_gemm_strips_floats (guint m,
                        guint n)
{
  return (gsize) isc_gemm_strip_slots (m, n) * isc_gemm_strip_rows (m, n) * n;
}

static void
strip_product (gsize    strip,
               gpointer user_data)
{
  StripJob *job = user_data;
  const GemmJob *g = &job->gemm;
  guint r = (guint) strip * g->tile_rows;
  guint rows = MIN (g->tile_rows, g->m - r);
  const float *a = g->trans_a ? g->a + r : g->a + (gsize) r * g->lda;
  guint slot;
  float *c;

  if (g_cancellable_is_cancelled (g->cancellable))
    return;
  slot = claim (job->busy, job->n_slots);
  c = job->buffers + (gsize) slot * g->tile_rows * g->n;
  cblas_sgemm (CblasRowMajor, g->trans_a ? CblasTrans : CblasNoTrans, CblasNoTrans,
               rows, g->n, g->k, g->alpha, a, g->lda, g->b, g->ldb, 0.0f, c, g->n);
  job->func ((guint) strip, slot, c, rows, job->user_data);
  g_atomic_int_set (&job->busy[slot], 0);
}

void
isc_gemm_strips (gboolean          trans_a,
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
                 GCancellable     *cancellable)
{
  StripJob job = { { trans_a, FALSE, m, n, k, alpha, a, lda, b, ldb, NULL, n,
                     isc_gemm_strip_rows (m, n), n, 1, cancellable },
                   func, user_data, buffers, NULL, isc_gemm_strip_slots (m, n) };
  g_autofree gint *busy = g_new0 (gint, job.n_slots);

  job.busy = busy;
  isc_blas_init ();
  isc_parallel_for (isc_gemm_n_strips (m, n), strip_product, &job);
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
