/* isc-workers.h — keeps count of the app's worker threads
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Every GTask thread of the app (network runs, exports, copies) is counted,
 * so the process can let them end before it exits: OpenBLAS joins its own
 * threads in a destructor and would deadlock with one still mid-product. */
void isc_workers_enter    (void);
void isc_workers_leave    (void);
void isc_workers_wait_all (void);

G_END_DECLS
