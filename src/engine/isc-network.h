/* isc-network.h — the forward pass of the lecture's experiment
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "isc-config.h"
#include "isc-parallel.h"  /* isc_engine_set_n_threads */
#include "isc-result.h"

G_BEGIN_DECLS

#define ISC_NETWORK_ERROR (isc_network_error_quark ())

typedef enum
{
  ISC_NETWORK_ERROR_NO_MEMORY,
} IscNetworkError;

/* A thread-safe cache of the unit-Gaussian matrices Z_l (and the input batch),
 * bounded by a memory budget. Z_l does not depend on σ, so a scale change
 * reuses everything. */
typedef struct _IscCache IscCache;

GQuark     isc_network_error_quark (void);

IscCache  *isc_cache_new           (gsize            budget_bytes);
IscCache  *isc_cache_ref           (IscCache        *cache);
void       isc_cache_unref         (IscCache        *cache);
gsize      isc_cache_get_size      (IscCache        *cache);
gsize      isc_cache_get_budget    (IscCache        *cache);

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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IscCache, isc_cache_unref)

G_END_DECLS
