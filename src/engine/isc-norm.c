/* isc-norm.c — batch and layer normalization (see isc-norm.h)
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "isc-norm"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "isc-norm.h"
#include "isc-parallel.h"

/* Batch norm: units a piece, each row's stretch of them one vectorized loop.
 * Layer norm: rows a piece, each row summed in LANES fixed lanes. */
#define BN_UNITS 256
#define LN_ROWS  16
#define LANES    8

static const char * const names[] = { "none", "batch", "layer", NULL };

const char * const *
isc_norm_get_names (void)
{
  return names;
}

const char *
isc_norm_get_label (IscNorm norm)
{
  switch (norm)
    {
    case ISC_NORM_BATCH:
      return _("batch norm");
    case ISC_NORM_LAYER:
      return _("layer norm");
    case ISC_NORM_NONE:
    default:
      return NULL;
    }
}

typedef struct
{
  float *z;
  float *dy;     /* NULL: forward only */
  guint  rows;
  guint  units;
} NormJob;

/* ------------------------------------------------------------------------ */
/* Batch norm: a piece of units [j0, j0 + nj), each over the rows */

static void
batch_piece (gsize    j0,
             gsize    nj,
             gpointer user_data)
{
  NormJob *job = user_data;
  double mean[BN_UNITS] = { 0 }, sq[BN_UNITS] = { 0 }, inv[BN_UNITS];
  double m1[BN_UNITS] = { 0 }, m2[BN_UNITS] = { 0 };
  gsize stride = job->units;

  for (guint r = 0; r < job->rows; r++)
    for (gsize j = 0; j < nj; j++)
      mean[j] += job->z[r * stride + j0 + j];
  for (gsize j = 0; j < nj; j++)
    mean[j] /= job->rows;
  for (guint r = 0; r < job->rows; r++)
    for (gsize j = 0; j < nj; j++)
      {
        double d = job->z[r * stride + j0 + j] - mean[j];

        sq[j] += d * d;
      }
  for (gsize j = 0; j < nj; j++)
    inv[j] = 1.0 / sqrt (sq[j] / job->rows + ISC_NORM_EPSILON);
  for (guint r = 0; r < job->rows; r++)
    for (gsize j = 0; j < nj; j++)
      {
        float *v = &job->z[r * stride + j0 + j];

        *v = (float) ((*v - mean[j]) * inv[j]);
      }
  if (job->dy == NULL)
    return;

  for (guint r = 0; r < job->rows; r++)
    for (gsize j = 0; j < nj; j++)
      {
        gsize i = r * stride + j0 + j;

        m1[j] += job->dy[i];
        m2[j] += (double) job->dy[i] * job->z[i];
      }
  for (gsize j = 0; j < nj; j++)
    {
      m1[j] /= job->rows;
      m2[j] /= job->rows;
    }
  for (guint r = 0; r < job->rows; r++)
    for (gsize j = 0; j < nj; j++)
      {
        gsize i = r * stride + j0 + j;

        job->dy[i] = (float) (inv[j] * (job->dy[i] - m1[j] - job->z[i] * m2[j]));
      }
}

/* ------------------------------------------------------------------------ */
/* Layer norm: rows [r0, r0 + nr), each over its units */

/* Σ f(a_j, b_j) over n values in LANES lanes combined in order: the same
 * bits whatever the vector width. */
#define LANE_SUM(result, n, expr)                                  \
  G_STMT_START {                                                   \
    double lane_[LANES] = { 0 };                                   \
    gsize j_ = 0;                                                  \
    for (; j_ + LANES <= (n); j_ += LANES)                         \
      for (guint k_ = 0; k_ < LANES; k_++)                         \
        {                                                          \
          gsize j = j_ + k_;                                       \
          lane_[k_] += (expr);                                     \
        }                                                          \
    for (guint k_ = 0; j_ < (n); j_++, k_++)                       \
      {                                                            \
        gsize j = j_;                                              \
        lane_[k_] += (expr);                                       \
      }                                                            \
    (result) = 0.0;                                                \
    for (guint k_ = 0; k_ < LANES; k_++)                           \
      (result) += lane_[k_];                                       \
  } G_STMT_END

static void
layer_row (float *z,
           float *dy,
           gsize  units)
{
  double mean, sq, inv, m1, m2;

  LANE_SUM (mean, units, (double) z[j]);
  mean /= units;
  LANE_SUM (sq, units, ((double) z[j] - mean) * ((double) z[j] - mean));
  inv = 1.0 / sqrt (sq / units + ISC_NORM_EPSILON);
  for (gsize j = 0; j < units; j++)
    z[j] = (float) ((z[j] - mean) * inv);
  if (dy == NULL)
    return;

  LANE_SUM (m1, units, (double) dy[j]);
  LANE_SUM (m2, units, (double) dy[j] * z[j]);
  m1 /= units;
  m2 /= units;
  for (gsize j = 0; j < units; j++)
    dy[j] = (float) (inv * (dy[j] - m1 - z[j] * m2));
}

static void
layer_piece (gsize    r0,
             gsize    nr,
             gpointer user_data)
{
  NormJob *job = user_data;

  for (gsize r = r0; r < r0 + nr; r++)
    layer_row (job->z + r * job->units, job->dy ? job->dy + r * job->units : NULL, job->units);
}

/* ------------------------------------------------------------------------ */

static void
run (IscNorm  norm,
     NormJob *job)
{
  if (norm == ISC_NORM_BATCH)
    isc_parallel_for_range (job->units, BN_UNITS, batch_piece, job);
  else if (norm == ISC_NORM_LAYER)
    isc_parallel_for_range (job->rows, LN_ROWS, layer_piece, job);
}

void
isc_norm_forward (IscNorm  norm,
                  float   *z,
                  guint    rows,
                  guint    units)
{
  NormJob job = { z, NULL, rows, units };

  run (norm, &job);
}

void
isc_norm_backward (IscNorm  norm,
                   float   *z,
                   float   *dy,
                   guint    rows,
                   guint    units)
{
  NormJob job = { z, dy, rows, units };

  run (norm, &job);
}
