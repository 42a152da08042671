/* isc-box-muller.h — Box–Muller's AVX2 and AVX-512 kernels
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For isc_math_box_muller alone, which picks one by the Philox kernel chosen
 * and finishes the last pairs with its own loop.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
/* Pairs (u[i], v[i]) → out[2i], out[2i + 1] for i below the returned count,
 * n rounded down to a whole step (32 pairs on AVX2, 64 on AVX-512); the
 * caller's CPU must have the ISA. */
gsize isc_box_muller_avx2   (const guint32 *u,
                             const guint32 *v,
                             gsize          n,
                             float         *out);
gsize isc_box_muller_avx512 (const guint32 *u,
                             const guint32 *v,
                             gsize          n,
                             float         *out);
#endif

G_END_DECLS
