/* isc-blas.h — making sure OpenBLAS uses this CPU's kernels
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* OpenBLAS picks its kernels when it is loaded. An OpenBLAS older than the
 * CPU (Debian 12's 0.3.21 on recent Xeons) does not recognise it and falls
 * back to its oldest kernels, ~4× slower for our products. Returns the core
 * type to ask for through OPENBLAS_CORETYPE, or NULL when the choice is
 * already right or was made by the user. */
const char *isc_blas_better_coretype (void);

G_END_DECLS
