/* isc-simulator.h — runs the network off the main thread, latest request wins
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "isc-config.h"
#include "isc-network.h"
#include "isc-result.h"

G_BEGIN_DECLS

/* Rows of a quick preview while a control is being moved. */
#define ISC_SIMULATOR_PREVIEW_BATCH 64
/* Units a layer of a quick preview: a wide net with a small batch (the 2019
 * lecture's 4096 × 16) costs its weights, not its rows. */
#define ISC_SIMULATOR_PREVIEW_UNITS 1024
/* How long the controls must stay still before the full run starts. */
#define ISC_SIMULATOR_SETTLE_MS     150
/* A full run slower than this gets a preview first. */
#define ISC_SIMULATOR_SLOW_SECONDS  0.080
/* How often the main thread reads a running job's progress. */
#define ISC_SIMULATOR_PROGRESS_MS   100
/* Memory the simulator may keep for the weights it has drawn. */
#define ISC_SIMULATOR_CACHE_BUDGET  ((gsize) 1 << 30)

#define ISC_TYPE_SIMULATOR (isc_simulator_get_type ())

G_DECLARE_FINAL_TYPE (IscSimulator, isc_simulator, ISC, SIMULATOR, GObject)

IscSimulator    *isc_simulator_new               (void);

void             isc_simulator_request           (IscSimulator    *self,
                                                  const IscConfig *config);
void             isc_simulator_stop              (IscSimulator    *self);
void             isc_simulator_cancel            (IscSimulator    *self);
void             isc_simulator_refuse            (IscSimulator    *self,
                                                  const char      *message);

void             isc_simulator_get_full_async    (IscSimulator        *self,
                                                  const IscConfig     *config,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
IscResult       *isc_simulator_get_full_finish   (IscSimulator        *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

IscResult       *isc_simulator_get_result        (IscSimulator    *self);
gboolean         isc_simulator_get_busy          (IscSimulator    *self);
gboolean         isc_simulator_get_cancelled     (IscSimulator    *self);
guint            isc_simulator_get_layers_done   (IscSimulator    *self);
guint            isc_simulator_get_layers_total  (IscSimulator    *self);
gboolean         isc_simulator_get_previewing    (IscSimulator    *self);
const char      *isc_simulator_get_error         (IscSimulator    *self);

void             isc_simulator_set_interactive   (IscSimulator    *self,
                                                  gboolean         interactive);
void             isc_simulator_set_preview_batch (IscSimulator    *self,
                                                  guint            preview_batch);
void             isc_simulator_set_gradients     (IscSimulator    *self,
                                                  gboolean         gradients);
gboolean         isc_simulator_get_gradients     (IscSimulator    *self);
guint            isc_simulator_get_n_runs        (IscSimulator    *self);

/* Iterates the thread-default main context until nothing is running, queued
 * or waiting to settle. Returns FALSE if that took longer than @timeout_ms. */
gboolean         isc_simulator_wait_idle         (IscSimulator    *self,
                                                  guint            timeout_ms);

G_END_DECLS
