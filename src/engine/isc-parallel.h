/* isc-parallel.h — a tiny parallel-for over numbered chunks
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef void (*IscChunkFunc) (gsize    chunk,
                              gpointer user_data);

/* Calls func (i, user_data) for every i in [0, n_chunks), spread over the
 * engine's threads (isc_engine_get_n_threads). Which thread runs a chunk
 * varies; what a chunk computes must not depend on it. */
void isc_parallel_for (gsize        n_chunks,
                       IscChunkFunc func,
                       gpointer     user_data);

G_END_DECLS
