/* isc-test-phi.h — the activations in double, from their definitions: the
 * reference nets of the engine's finite-difference tests
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <math.h>

#include "isc-config.h"

static inline double
isc_test_phi (IscActivation a,
              double        z)
{
  switch (a)
    {
    case ISC_ACTIVATION_TANH:    return tanh (z);
    case ISC_ACTIVATION_RELU:    return z > 0.0 ? z : 0.0;
    case ISC_ACTIVATION_SIGMOID: return 1.0 / (1.0 + exp (-z));
    case ISC_ACTIVATION_LEAKY_RELU: return z > 0.0 ? z : 0.01 * z;
    case ISC_ACTIVATION_ELU:     return z > 0.0 ? z : expm1 (z);
    case ISC_ACTIVATION_SELU:
      return 1.0507009873554805 * (z > 0.0 ? z : 1.6732632423543772 * expm1 (z));
    case ISC_ACTIVATION_GELU:    return 0.5 * z * erfc (-z / sqrt (2.0));
    case ISC_ACTIVATION_SILU:    return z / (1.0 + exp (-z));
    case ISC_ACTIVATION_LINEAR:
    default:                     return z;
    }
}

/* Whether φ′ jumps at 0 (the ReLU family): a finite difference must not
 * straddle it. (ELU's φ′ is continuous, only φ″ jumps, but the step's
 * error then is O(h), not O(h²).) */
static inline gboolean
isc_test_phi_has_kink (IscActivation a)
{
  return a == ISC_ACTIVATION_RELU || a == ISC_ACTIVATION_LEAKY_RELU ||
         a == ISC_ACTIVATION_ELU || a == ISC_ACTIVATION_SELU;
}
