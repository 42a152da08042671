/* isc-activation.h — the activations as one table: name, label, φ, histogram range, saturation
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * IscActivation and the lookups callers use (isc_activation_to_string,
 * isc_activation_from_string, isc_activation_get_label,
 * isc_activation_get_names) are declared in isc-config.h and read this table.
 */

#pragma once

#include "isc-config.h"

G_BEGIN_DECLS

/* φ in place on n values; NaN stays NaN, ±Inf maps as the limit. */
typedef void (*IscActivateFunc) (float *values,
                                 gsize  n);

typedef struct
{
  const char     *name;         /* CLI and GSettings */
  const char     *label;        /* marked for translation, shown translated */
  IscActivateFunc phi;          /* NULL: the identity */
  /* histogram range: [lo, hi] when fixed_range, else shared by the layers
   * and known after the last one; nonnegative: a padded shared range of
   * one value 0 starts at 0 */
  gboolean        fixed_range;
  double          lo;
  double          hi;
  gboolean        nonnegative;
  /* saturated: a < sat_lo or a > sat_hi (±FLT_MAX: never) */
  float           sat_lo;
  float           sat_hi;
} IscActivationInfo;

/* The row of @activation (a valid IscActivation). */
const IscActivationInfo *isc_activation_get_info (IscActivation activation);

/* φ of @activation on @values in place. */
void isc_activation_apply (IscActivation activation,
                           float        *values,
                           gsize         n);

/* φ′ in place for the activations issue 12 added (NULL for the others, whose
 * derivative is the backward pass's column). */
IscActivateFunc isc_activation_get_derivative (IscActivation activation);

G_END_DECLS
