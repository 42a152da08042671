/* isc-philox.h — Philox4x32-10 over runs of consecutive counters, per ISA
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The kernels. Every one gives the same words: the scalar one is the
 * reference, the others are checked against it bit for bit. Box–Muller
 * (isc_math_box_muller) is compiled for the same ISA levels and follows the
 * kernel chosen. */
typedef enum
{
  ISC_PHILOX_AUTO = -1,  /* the fastest this CPU runs */
  ISC_PHILOX_SCALAR = 0,
  ISC_PHILOX_AVX2,       /* 8 counters a vector; x86-64-v3 */
  ISC_PHILOX_AVX512,     /* 16 counters a vector; x86-64-v4 */
  ISC_PHILOX_N_KERNELS,
} IscPhiloxKernel;

/* Philox4x32-10 with key seed of the counters {b_lo, b_hi, layer, kind} for
 * b = block … block + n − 1. Block b's four words go to u[2b'], v[2b'],
 * u[2b' + 1], v[2b' + 1] (b' = b − block): two (u, v) Box–Muller pairs.
 * @kernel must be supported (or AUTO). */
void            isc_philox_blocks    (IscPhiloxKernel  kernel,
                                      guint64          seed,
                                      guint64          block,
                                      guint32          layer,
                                      guint32          kind,
                                      gsize            n,
                                      guint32         *u,
                                      guint32         *v);

gboolean        isc_philox_supported (IscPhiloxKernel  kernel);
const char     *isc_philox_name      (IscPhiloxKernel  kernel);

/* Which kernel AUTO means: the fastest supported one (or the one
 * INITSCOPE_PHILOX names, read once: a benchmark's emulation of a CPU with
 * fewer features), unless a test or a benchmark chose another with
 * isc_philox_select (AUTO undoes that).
 * Returns FALSE, changing nothing, for a kernel this CPU cannot run. */
IscPhiloxKernel isc_philox_current   (void);
gboolean        isc_philox_select    (IscPhiloxKernel  kernel);

G_END_DECLS
