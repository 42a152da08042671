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

/* δ[i] *= φ′ at a[i] = φ(z[i]), from the activations alone. */
typedef void (*IscDerivFunc) (const float *a,
                              float       *delta,
                              gsize        n);

typedef struct
{
  const char     *name;         /* CLI and GSettings */
  const char     *label;        /* marked for translation, shown translated */
  IscActivateFunc phi;          /* NULL: the identity */
  IscDerivFunc    dphi;         /* NULL: φ′ = 1 */
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
  /* φ′ in place on pre-activations z, for an activation whose φ′ is not a
   * function of φ (gelu, silu: dphi is NULL); the backward pass then
   * recomputes z_l (isc_run_pre_activation) */
  IscActivateFunc dphi_z;
} IscActivationInfo;

/* The row of @activation (a valid IscActivation). */
const IscActivationInfo *isc_activation_get_info (IscActivation activation);

/* φ of @activation on @values in place. */
void isc_activation_apply (IscActivation activation,
                           float        *values,
                           gsize         n);

/* δ ⊙ φ′ of @activation, in place in @delta, φ′ at the activations @a. */
void isc_activation_apply_deriv (IscActivation activation,
                                 const float  *a,
                                 float        *delta,
                                 gsize         n);

/* φ′ on pre-activations z in place, for every activation (the identity's:
 * 1): the tests', and the backward pass's where dphi is NULL. */
void isc_activation_apply_derivative (IscActivation activation,
                                      float        *z,
                                      gsize         n);

G_END_DECLS
