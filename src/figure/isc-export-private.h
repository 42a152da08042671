/* isc-export-private.h — what the export files share (private to src/figure)
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The stages INITSCOPE_TIMINGS=1 reports (isc-export.c). */
typedef enum
{
  ISC_TIMING_DRAW,
  ISC_TIMING_PNG,
  ISC_TIMING_FSYNC,
  ISC_TIMING_RENAME,
  ISC_N_TIMINGS
} IscTiming;

/* 0 unless timings are on */
gint64 isc_export_timing_start (void);
void   isc_export_timing_add   (IscTiming stage,
                                gint64    since);

G_END_DECLS
