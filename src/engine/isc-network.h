/* isc-network.h — the forward pass of the lecture's experiment
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "isc-cache.h"
#include "isc-config.h"
#include "isc-parallel.h"  /* isc_engine_set_n_threads */
#include "isc-result.h"

G_BEGIN_DECLS

#define ISC_NETWORK_ERROR (isc_network_error_quark ())

typedef enum
{
  ISC_NETWORK_ERROR_NO_MEMORY,
} IscNetworkError;

GQuark     isc_network_error_quark (void);

/* Runs the forward pass. @cache may be NULL (generate, multiply, drop, layer
 * by layer). A non-zero @max_batch or @max_units below the config's batch or
 * width makes a quick preview: the first @max_batch rows of the input, and
 * a net @max_units wide made of the top-left blocks of the same weights with
 * σ scaled by √(width/units), so each unit's pre-activation variance — and
 * so the histograms' shape — is the full net's. Returns NULL with
 * G_IO_ERROR_CANCELLED when cancelled. Safe to call from any thread. */
IscResult *isc_network_run         (const IscConfig *config,
                                    IscCache        *cache,
                                    guint            max_batch,
                                    guint            max_units,
                                    GCancellable    *cancellable,
                                    GError         **error);

/* Called on the running thread after each layer: @done of @total layers are
 * finished. It must be quick and must not call back into the engine. */
typedef void (*IscProgressFunc) (guint    done,
                                 guint    total,
                                 gpointer user_data);

IscResult *isc_network_run_with_progress (const IscConfig *config,
                                          IscCache        *cache,
                                          guint            max_batch,
                                          guint            max_units,
                                          IscProgressFunc  progress,
                                          gpointer         progress_data,
                                          GCancellable    *cancellable,
                                          GError         **error);

/* What the backward pass may keep of the forward activations (x_l and z_l
 * of every layer) beyond the weight cache; past it, activations are
 * recomputed from checkpoints. */
#define ISC_BACKWARD_BUDGET ((gsize) 512 << 20)

typedef struct
{
  guint           max_batch;      /* as isc_network_run's; 0: the config's */
  guint           max_units;
  gboolean        gradients;      /* run the backward pass too (the gradient views) */
  gsize           memory_budget;  /* 0: ISC_BACKWARD_BUDGET */
  IscProgressFunc progress;       /* may be NULL; layers of the backward pass count too */
  gpointer        progress_data;
} IscRunOptions;

/* isc_network_run_with_progress with every option; @options may be NULL (the
 * defaults: a full forward run). */
IscResult *isc_network_run_with_options (const IscConfig     *config,
                                         IscCache            *cache,
                                         const IscRunOptions *options,
                                         GCancellable        *cancellable,
                                         GError             **error);

G_END_DECLS
