/* isc-orthogonal.c
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Debian's OpenBLAS exports LAPACK's Fortran symbols but ships no lapack.h
 * with them, so the two prototypes are declared here (32-bit integers: the
 * LP64 build).
 */

#define G_LOG_DOMAIN "isc-orthogonal"

#include "config.h"

#include "isc-blas.h"
#include "isc-orthogonal.h"
#include "isc-parallel.h"

extern void sgeqrf_ (const int *m, const int *n, float *a, const int *lda, float *tau,
                     float *work, const int *lwork, int *info);
extern void sorgqr_ (const int *m, const int *n, const int *k, float *a, const int *lda,
                     const float *tau, float *work, const int *lwork, int *info);

/* The larger of the two routines' workspace queries, in floats. */
static int
workspace_size (int    m,
                int    n,
                float *a)
{
  int query = -1, info = 0;
  float size_qr = 0.0f, size_q = 0.0f;

  sgeqrf_ (&m, &n, a, &m, NULL, &size_qr, &query, &info);
  sorgqr_ (&m, &n, &n, a, &m, NULL, &size_q, &query, &info);
  return MAX (MAX ((int) size_qr, (int) size_q), n);
}

/* The Gaussian matrix in @out replaced by its Q. */
static gboolean
orthogonalize (guint  rows,
               guint  cols,
               float *out)
{
  /* row-major rows × cols is column-major cols × rows: tall, as QR wants */
  int m = (int) cols, n = (int) rows, lwork, info = 0;
  g_autofree float *tau = NULL;
  g_autofree float *work = NULL;
  g_autofree float *sign = NULL;

  lwork = workspace_size (m, n, out);
  tau = g_try_new (float, n);
  work = g_try_new (float, lwork);
  sign = g_try_new (float, n);
  if (tau == NULL || work == NULL || sign == NULL)
    return FALSE;

  sgeqrf_ (&m, &n, out, &m, tau, work, &lwork, &info);
  if (info != 0)
    return FALSE;
  /* R's diagonal, before sorgqr overwrites it; sign(0) taken as +1 */
  for (int j = 0; j < n; j++)
    sign[j] = out[(gsize) j * m + j] < 0.0f ? -1.0f : 1.0f;
  sorgqr_ (&m, &n, &n, out, &m, tau, work, &lwork, &info);
  if (info != 0)
    return FALSE;

  for (int j = 0; j < n; j++)
    {
      float *column = out + (gsize) j * m;

      for (int i = 0; i < m; i++)
        column[i] *= sign[j];
    }
  return TRUE;
}

gboolean
isc_orthogonal_fill (guint64   seed,
                     IscStream kind,
                     guint     layer,
                     guint     rows,
                     guint     cols,
                     float    *out)
{
  g_return_val_if_fail (rows <= cols && cols <= G_MAXINT / MAX (rows, 1), FALSE);

  isc_rng_fill_matrix (seed, kind, layer, rows, cols, out);
  isc_blas_init ();  /* one OpenBLAS thread, whatever was asked since */
  return orthogonalize (rows, cols, out);
}

typedef struct
{
  guint64   seed;
  IscStream kind;
  guint     layer;
  guint     rows;
  guint     cols;
  float    *out[2];
  gboolean  ok[2];
} PairJob;

/* One matrix a thread: its fill in this thread (the samples are those of
 * any split), then its QR. */
static void
pair_chunk (gsize    i,
            gpointer user_data)
{
  PairJob *job = user_data;

  isc_rng_fill_normal (job->seed, job->kind, job->layer + i, 0, (gsize) job->rows * job->cols,
                       job->out[i]);
  job->ok[i] = orthogonalize (job->rows, job->cols, job->out[i]);
}

gboolean
isc_orthogonal_fill_pair (guint64   seed,
                          IscStream kind,
                          guint     layer,
                          guint     rows,
                          guint     cols,
                          float    *out,
                          float    *next)
{
  PairJob job = { seed, kind, layer, rows, cols, { out, next }, { FALSE, FALSE } };

  g_return_val_if_fail (rows <= cols && cols <= G_MAXINT / MAX (rows, 1), FALSE);

  isc_blas_init ();
  isc_parallel_for (2, pair_chunk, &job);
  return job.ok[0] && job.ok[1];
}
