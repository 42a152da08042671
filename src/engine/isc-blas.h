/* isc-blas.h — running OpenBLAS well alongside the engine's own threads
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* OpenBLAS reads its settings from the environment once, when it is loaded,
 * before main(). Two of its defaults hurt here:
 *  - an OpenBLAS older than the CPU (Debian 12's 0.3.21 on recent Xeons)
 *    falls back to its oldest kernels, ~4× slower for our products;
 *  - after a product its idle threads spin (sched_yield) for ~2^28 cycles,
 *    taking the cores from the engine's random-number and statistics threads
 *    that run between products (a third of a cold cs231n-2019 run).
 * Puts OPENBLAS_CORETYPE and OPENBLAS_THREAD_TIMEOUT in the environment where
 * they help and the user has not set them, and returns TRUE if it changed
 * anything: the process must then start again (execv) for OpenBLAS to see
 * them. Returns FALSE on a second call in the same environment. */
gboolean isc_blas_tune_environment (void);

G_END_DECLS
