/* isc-sweep.h — a σ sweep: the same net run at many gaussian σ, summarised
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each σ is one isc_network_run_with_options() of the base config with the
 * gaussian scheme at that σ (and the backward pass on), sharing one IscCache:
 * Z_l do not depend on σ, so they are drawn once for the whole sweep.
 */

#pragma once

#include "isc-network.h"

G_BEGIN_DECLS

/* The slider's whole range (the σ key's log axis). */
#define ISC_SWEEP_SIGMA_MIN 1e-4
#define ISC_SWEEP_SIGMA_MAX 10.0

typedef struct
{
  double sigma;       /* the full net's σ (a preview scales it, as the engine does) */
  double last_std;    /* std of x_L, the last layer's activations */
  double saturated;   /* x_L's saturated share */
  double zero;        /* x_L's share of exact zeros (dead ReLU units) */
  double grad_std;    /* std of δ_1 = ∂L/∂x_1: what reaches the first layer (δ_L is
                       * the loss's own N(0, 1), the same at every σ) */
  guint64 nonfinite;  /* x_L's NaN and ±Inf */
} IscSweepPoint;

/* Called on the running thread after each σ: @done of @total. */
typedef void (*IscSweepProgressFunc) (guint    done,
                                      guint    total,
                                      gpointer user_data);

/* @n log-spaced σ from @lo to @hi (both included, n ≥ 2), into @out. */
void           isc_sweep_log_sigmas (double               lo,
                                     double               hi,
                                     guint                n,
                                     double              *out);

/* Runs @base (its init replaced by gaussian, its scale by each σ) at every
 * @sigmas[i]; @cache may be NULL (one is made for the call). @options give
 * max_batch / max_units; gradients are always on. Returns @n points, or NULL
 * with G_IO_ERROR_CANCELLED or the run's error. */
IscSweepPoint *isc_sweep_run        (const IscConfig     *base,
                                     const double        *sigmas,
                                     guint                n,
                                     IscCache            *cache,
                                     const IscRunOptions *options,
                                     IscSweepProgressFunc progress,
                                     gpointer             progress_data,
                                     GCancellable        *cancellable,
                                     GError             **error);

/* The config a sweep runs at @sigma. */
void           isc_sweep_config     (const IscConfig     *base,
                                     double               sigma,
                                     IscConfig           *out);

/* Fills @point from a result (with gradients) of the config at @sigma. */
void           isc_sweep_point_from_result (const IscResult *result,
                                            double           sigma,
                                            IscSweepPoint   *point);

G_END_DECLS
