/* isc-blas.h — OpenBLAS as the engine runs it
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sets OpenBLAS up for the engine, in this process, without touching the
 * environment that child processes inherit:
 *  - one OpenBLAS thread, its idle workers stopped: the engine cuts each
 *    product into tiles of a fixed shape and runs them over its own pool, so
 *    the numbers do not depend on the thread count (OpenBLAS's own threading
 *    changes the summation order), and no OpenBLAS thread spins for the
 *    cores between products;
 *  - where OpenBLAS fell back to its generic kernels on a CPU newer than it
 *    knows (Debian 12's 0.3.21 on recent Xeons: Prescott, ~4× slower) and
 *    OPENBLAS_CORETYPE is not set, it picks the AVX2 or AVX-512 kernels the
 *    CPU has.
 * Runs before main() in every program that links the engine, and again
 * before each product: a no-op unless someone asked OpenBLAS for more
 * threads since (openblas_set_num_threads). Thread-safe. */
void isc_blas_init (void);

G_END_DECLS
