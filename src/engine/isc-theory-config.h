/* isc-theory-config.h — the mean-field prediction of one config
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "isc-config.h"
#include "isc-theory.h"

G_BEGIN_DECLS

/* FALSE where the theory says nothing: a normalization layer, constant init
 * (every weight the same is not Gaussian), LSUV (its σ is measured on the
 * batch), or an activation the theory does not know. */
gboolean        isc_theory_config_applies (const IscConfig     *config);

/* config->depth layers of the prediction (out[l-1] is layer l), with
 * σ_w² = N·std(W)² (N = fan_in = the width, the gain and the base's std
 * included) and σ_b² = bias_scale²; @fixed, if not NULL, the fixed point.
 * NULL where it does not apply. Free with g_free. */
IscTheoryLayer *isc_theory_config_compute (const IscConfig     *config,
                                           IscTheoryFixedPoint *fixed);

G_END_DECLS
