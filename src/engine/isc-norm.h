/* isc-norm.h — batch and layer normalization, forward and exact backward
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On a rows × units pre-activation z (row-major, a row a sample): batch norm
 * normalizes each unit (column) over the batch, layer norm each sample (row)
 * over its units, y = (z − μ) / √(v + ε) with v the population variance,
 * no learned scale or shift. Every sum runs in a fixed order in double, so
 * the bits depend on neither the thread count nor the pieces.
 */

#pragma once

#include "isc-config.h"

G_BEGIN_DECLS

#define ISC_NORM_EPSILON 1e-5

/* The names, NULL-terminated, in enum order: "none", "batch", "layer". */
const char * const *isc_norm_get_names (void);
/* "batch norm", "layer norm"; NULL for none. Translated. */
const char         *isc_norm_get_label (IscNorm norm);

/* z ← y in place. Nothing for ISC_NORM_NONE. */
void isc_norm_forward  (IscNorm      norm,
                        float       *z,
                        guint        rows,
                        guint        units);

/* The exact backward: @z holds the pre-activation (made again by the same
 * product), normalized here in place with isc_norm_forward's bits; @dy, the
 * gradient with respect to y, becomes the one with respect to z:
 * dz = (1/s)(dy − mean dy − y · mean (dy · y)), the means over the group
 * (a unit's batch, a sample's units), s = √(v + ε). */
void isc_norm_backward (IscNorm      norm,
                        float       *z,
                        float       *dy,
                        guint        rows,
                        guint        units);

G_END_DECLS
