/* isc-math.h — vectorizable float kernels for the hot loops
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "isc-config.h"

G_BEGIN_DECLS

/* The hot loops are compiled for x86-64-v4 (AVX-512), x86-64-v3 (AVX2 and
 * FMA) and baseline x86-64, and the loader picks one. All do the same float
 * operations: nothing is contracted into an FMA behind our back, and where a
 * kernel wants one it calls fmaf, which is exact everywhere (a library call
 * on the baseline). So every clone gives the same numbers. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && defined(__OPTIMIZE__)
# define ISC_HOT __attribute__((target_clones ("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
# define ISC_HOT
#endif

/* Box–Muller: n pairs of raw 32-bit words (u[i], v[i]) → 2n standard normal
 * samples, out[2i] and out[2i+1]. Branch-free polynomial log/sin/cos (cephes
 * coefficients), accurate to a few float ulps, so the loop vectorizes. */
void isc_math_box_muller (const guint32 *u,
                          const guint32 *v,
                          gsize          n,
                          float         *out);

/* Activations in place (see isc-activation.h, which maps IscActivation to
 * them). NaN stays NaN, ±Inf maps as the limit. */
void isc_math_tanh       (float         *values,
                          gsize          n);
void isc_math_sigmoid    (float         *values,
                          gsize          n);
void isc_math_relu       (float         *values,
                          gsize          n);
void isc_math_leaky_relu (float         *values,
                          gsize          n);
void isc_math_elu        (float         *values,
                          gsize          n);
void isc_math_selu       (float         *values,
                          gsize          n);
void isc_math_gelu       (float         *values,
                          gsize          n);
void isc_math_silu       (float         *values,
                          gsize          n);

/* δ[i] *= φ′ at the activation a[i], from φ's output alone (the backward
 * pass keeps no pre-activations): tanh 1 − a², sigmoid a(1 − a), relu
 * [a > 0]. A NaN a makes δ NaN; a saturated tanh (a = ±1 in float) gives 0. */
void isc_math_tanh_deriv    (const float *a,
                             float       *delta,
                             gsize        n);
void isc_math_sigmoid_deriv (const float *a,
                             float       *delta,
                             gsize        n);
void isc_math_relu_deriv    (const float *a,
                             float       *delta,
                             gsize        n);

/* δ[i] *= φ′ at the activation a[i], as the lecture's four (not for gelu
 * and silu, whose φ′ is not a function of φ). */
void isc_math_leaky_relu_deriv (const float *a,
                                float       *delta,
                                gsize        n);
void isc_math_elu_deriv        (const float *a,
                                float       *delta,
                                gsize        n);
void isc_math_selu_deriv       (const float *a,
                                float       *delta,
                                gsize        n);

/* φ′ in place on pre-activations z (gelu's and silu's backward pass; the
 * tests' reference for all five): at a kink the left one, as PyTorch. NaN
 * stays NaN. */
void isc_math_leaky_relu_derivative (float *values,
                                     gsize  n);
void isc_math_elu_derivative        (float *values,
                                     gsize  n);
void isc_math_selu_derivative       (float *values,
                                     gsize  n);
void isc_math_gelu_derivative       (float *values,
                                     gsize  n);
void isc_math_silu_derivative       (float *values,
                                     gsize  n);

/* What a chunk of activations adds to a layer's statistics. */
typedef struct
{
  double  sum;        /* finite values */
  double  sumsq;
  float   min;        /* finite values; +FLT_MAX / -FLT_MAX when none */
  float   max;
  guint64 finite;
  guint64 saturated;  /* finite a < sat_lo or a > sat_hi */
  guint64 zero;       /* a == 0 */
} IscChunkStats;

/* What adds nothing: no values seen. */
#define ISC_CHUNK_STATS_INIT { 0.0, 0.0, G_MAXFLOAT, -G_MAXFLOAT, 0, 0, 0 }

/* Adds @from's values to @into's; chunks merged in the same order give the
 * same bytes. */
static inline void
isc_chunk_stats_merge (IscChunkStats       *into,
                       const IscChunkStats *from)
{
  into->sum += from->sum;
  into->sumsq += from->sumsq;
  into->min = MIN (into->min, from->min);
  into->max = MAX (into->max, from->max);
  into->finite += from->finite;
  into->saturated += from->saturated;
  into->zero += from->zero;
}

void isc_math_chunk_stats (const float   *values,
                           gsize          n,
                           float          sat_lo,
                           float          sat_hi,
                           IscChunkStats *stats);

/* A histogram counts into `copies` interleaved copies of its bins (a power
 * of two, at most ISC_BIN_COPIES), value i into copy i % copies, so that a
 * run of values in one bin (a collapsed or saturated layer) is not one long
 * chain of dependent increments. Each copy has n_bins + 1 slots, the last for
 * NaN and ±Inf. isc_math_bin_copies() says how many a histogram uses.
 *
 * slots[i] = (i % copies)·(n_bins + 1) + s, where s is n_bins (not
 * binned) for NaN and ±Inf, and for a finite value a the bin
 * ⌊(a − lo)·scale⌋ (computed in double) clamped to [0, n_bins − 1]: the bins
 * of [lo, lo + n_bins/scale). The mapping is total: whatever a, lo and scale
 * (±0, denormals, ±Inf, NaN), s is in [0, n_bins]. A product that is NaN (a
 * NaN lo or scale; 0·∞ for a = lo with an infinite scale, or for a scale of
 * 0 and an infinite a − lo) is bin 0, so a zero-width range — scale +∞ —
 * puts a = lo in bin 0, a < lo in bin 0 and a > lo in the last bin, and a
 * scale of 0 (or NaN) puts every finite value in bin 0. A scale of
 * n_bins/(hi − lo) is finite in double for any two distinct floats.
 * 1 ≤ n_bins < 2^28 (n_bins = 0 sends everything to the not-binned slot). */
#define ISC_BIN_COPIES 8

/* The copies' counters have to stay in L1 (32 KiB on most x86 cores): eight
 * copies of a display histogram's few bins do, but eight of a fine
 * histogram's 8 192 are 256 KiB, and each scattered increment then goes to
 * L2 — 0.88 against 0.58 ns a value with one copy, binning normal values on
 * a Zen 5 core, while a collapsed layer took 0.50 and 0.60. How the counts
 * are split changes no count. */
static inline guint
isc_math_bin_copies (guint n_bins)
{
  return (gsize) ISC_BIN_COPIES * (n_bins + 1) * sizeof (guint32) <= 32 * 1024
         ? ISC_BIN_COPIES : 1;
}

/* The bin of x as above (x a double here; NaN and ±Inf are not special:
 * they clamp like any other t). The one definition of the mapping, for the
 * hot loop and for rebinning. */
static inline guint32
isc_math_bin_index (double x,
                    double lo,
                    double scale,
                    guint  n_bins)
{
  double last = (double) (MAX (n_bins, 1) - 1);
  double t = (x - lo) * scale;

  t = t > 0.0 ? t : 0.0;    /* NaN fails the test: bin 0 */
  t = t < last ? t : last;  /* no longer NaN, so in [0, last] */
  return (guint32) (gint32) t;
}

void isc_math_bin_slots   (const float   *values,
                           gsize          n,
                           double         lo,
                           double         scale,
                           guint          n_bins,
                           guint          copies,
                           guint32       *slots);

/* Scalar reference versions, for tests. */
float isc_math_logf      (float x);
float isc_math_expf      (float x);
float isc_math_tanhf     (float x);
float isc_math_sigmoidf  (float x);
float isc_math_leaky_reluf (float x);
float isc_math_eluf      (float x);
float isc_math_seluf     (float x);
float isc_math_geluf     (float x);
float isc_math_siluf     (float x);
float isc_math_leaky_relu_derivativef (float x);
float isc_math_elu_derivativef        (float x);
float isc_math_selu_derivativef       (float x);
float isc_math_gelu_derivativef       (float x);
float isc_math_silu_derivativef       (float x);

G_END_DECLS
