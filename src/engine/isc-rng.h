/* isc-rng.h — counter-based unit-Gaussian streams (Philox4x32-10)
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Which stream: the input batch, a layer's weights, or the backward pass's
 * read-out g (batch × width, layer 0) of the loss L = (1/B) Σ_b ⟨g_b, x_L[b]⟩. */
typedef enum
{
  ISC_STREAM_INPUT   = 0,
  ISC_STREAM_WEIGHTS = 1,
  ISC_STREAM_READOUT = 2,
  ISC_STREAM_BIAS    = 3,  /* b_l, layer l's biases (a row of fan_out) */
} IscStream;

/* Fills out[0 … n) with samples first … first + n of the standard normal
 * stream (seed, kind, layer): sample i is a function of those values and i
 * alone, whatever the thread count. A matrix is its stream in row-major
 * order, so the first k rows of a batch are a batch of k. @first must be a
 * multiple of 4. */
void isc_rng_fill_normal (guint64   seed,
                          IscStream kind,
                          guint     layer,
                          gsize     first,
                          gsize     n,
                          float    *out);

/* The same over the whole rows × cols matrix, split across threads. */
void isc_rng_fill_matrix (guint64   seed,
                          IscStream kind,
                          guint     layer,
                          guint     rows,
                          guint     cols,
                          float    *out);

/* Samples first … first + n of the uniform stream U(−1, 1) (seed, kind,
 * layer): word j of Philox block b is sample 4b + j, as the signed 24-bit
 * lattice (⌊w/2^8⌋ + ½)/2^23, symmetric about 0 and never ±1. The same
 * counters as the normal stream: a layer's base is one or the other. @first
 * must be a multiple of 4. */
void isc_rng_fill_uniform (guint64   seed,
                           IscStream kind,
                           guint     layer,
                           gsize     first,
                           gsize     n,
                           float    *out);

/* The same over the whole rows × cols matrix, split across threads. */
void isc_rng_fill_uniform_matrix (guint64   seed,
                                  IscStream kind,
                                  guint     layer,
                                  guint     rows,
                                  guint     cols,
                                  float    *out);

/* Philox4x32-10 of one counter: Random123's own, and the engine's current
 * kernel (isc-philox.h); for tests. */
void isc_rng_philox_reference (guint64 seed,
                               guint32 counter[4],
                               guint32 out[4]);
void isc_rng_philox_blocks    (guint64 seed,
                               guint32 counter[4],
                               guint32 out[4]);

G_END_DECLS
