/* isc-result-private.h — how the engine (and tests) build a result
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "isc-result.h"

G_BEGIN_DECLS

struct _IscResult
{
  IscConfig      config;
  guint          batch;    /* rows used: < config.batch for a preview */
  guint          units;    /* units a layer: < config.width for a preview */
  double         lo;       /* shared histogram range */
  double         hi;
  double         elapsed;  /* seconds */
  IscLayerStats *layers;   /* config.depth of them */
  guint64       *bins;     /* config.depth × config.bins */
};

/* Layers' statistics and bins are zeroed; the caller fills them in (each
 * layer's `bins` already points at its row) and then treats it as immutable. */
IscResult *isc_result_new (const IscConfig *config,
                           guint            batch,
                           guint            units);

G_END_DECLS
