/* isc-parallel.h — the engine's threads: a parallel-for over numbered chunks or over a range
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef void (*IscChunkFunc) (gsize    chunk,
                              gpointer user_data);

/* One piece [first, first + count) of a range. */
typedef void (*IscRangeFunc) (gsize    first,
                              gsize    count,
                              gpointer user_data);

/* Worker threads used for random numbers, products and statistics (0 = one
 * a core). Results do not depend on it. */
void  isc_engine_set_n_threads (guint        n_threads);
guint isc_engine_get_n_threads (void);

/* Calls func (i, user_data) for every i in [0, n_chunks), spread over the
 * engine's threads (isc_engine_get_n_threads). Which thread runs a chunk
 * varies; what a chunk computes must not depend on it. */
void isc_parallel_for       (gsize        n_chunks,
                             IscChunkFunc func,
                             gpointer     user_data);

/* Cuts [0, n) into ⌈n/chunk⌉ pieces of @chunk items (the last one shorter)
 * and calls func (first, count, user_data) for each, as isc_parallel_for.
 * The pieces depend on n and chunk alone, never on the thread count. */
void isc_parallel_for_range (gsize        n,
                             gsize        chunk,
                             IscRangeFunc func,
                             gpointer     user_data);

/* The number of pieces isc_parallel_for_range cuts [0, n) into. */
static inline gsize
isc_parallel_n_chunks (gsize n,
                       gsize chunk)
{
  return (n + chunk - 1) / chunk;
}

G_END_DECLS
