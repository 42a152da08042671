/* isc-backward.h — the backward pass: activation and weight gradients, layer by layer,
 * in bounded memory (engine-internal)
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The loss is a random linear read-out L = (1/B) Σ_b ⟨g_b, x_L[b]⟩, g unit
 * Gaussian (rows × units, the first rows and columns of the stream
 * ISC_STREAM_READOUT, as the input's). Per layer l = L … 1:
 *
 *   δ_L = g                          δ_l = ∂L_b/∂x_l[b], per sample (no 1/B)
 *   e_l = δ_l ⊙ φ′(z_l)              φ′ from x_l = φ(z_l) (the activation table)
 *   ∂L/∂W_l = (1/B) x_{l−1}ᵀ e_l     units × units, made, measured, dropped
 *   δ_{l−1} = σ e_l Z_lᵀ             W_l = σ Z_l, σ the products' alpha
 *
 * x_{l−1} comes from what the forward pass kept: every x_l when they fit the
 * budget, else checkpoints every s-th layer (the smallest s for which the
 * checkpoints and one segment between two fit, ~√depth) with the segment
 * recomputed from its checkpoint, else (a budget below ~2√depth matrices)
 * segments recomputed from x_0 as often as the budget's slots require. x_0 is
 * never kept: it is the input, drawn again. All products are isc_gemm_full's
 * and every sum is taken in fixed chunks, so the bits do not depend on the
 * thread count, nor on the budget.
 *
 * Memory beyond the weight cache: the kept activations (at most the budget),
 * the forward's two rows × units buffers (reused), one more for δ, the
 * weight gradient (units²; it doubles as the recomputation's spare buffer
 * when units ≥ rows, else one more rows × units) and the fine histograms.
 */

#pragma once

#include "isc-network.h"
#include "isc-run.h"

G_BEGIN_DECLS

typedef struct _IscBackward IscBackward;

/* Plans what the forward pass keeps within @budget bytes (0: the default)
 * and adds the gradient views to the run's result. NULL with an error when
 * out of memory. */
IscBackward *isc_backward_new     (IscRun       *run,
                                   gsize         budget,
                                   GError      **error);
void         isc_backward_free    (IscBackward  *bwd);
/* After the forward layer @layer (0-based): keeps x_{layer+1} (fwd.z) if
 * planned. */
void         isc_backward_keep    (IscBackward  *bwd,
                                   guint         layer);
/* The backward pass, after the last forward layer (x_L in fwd.x, which it
 * takes, with fwd.z); @progress (may be NULL) after each layer, of 2 × depth. */
gboolean     isc_backward_run     (IscBackward     *bwd,
                                   IscProgressFunc  progress,
                                   gpointer         progress_data,
                                   GError         **error);
/* How many activation matrices the plan keeps, and its checkpoint spacing
 * (1: every layer kept); for tests and the benchmark. */
guint        isc_backward_get_n_slots (const IscBackward *bwd);
guint        isc_backward_get_spacing (const IscBackward *bwd);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IscBackward, isc_backward_free)

G_END_DECLS
