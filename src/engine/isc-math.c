/* isc-math.c
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libm's logf/sincosf/tanhf are correct but scalar, and they dominate a cold
 * run (100 M samples for the cs231n-2019 set-up). These polynomial versions
 * are written so that GCC vectorizes the loops: no branches, no calls (the
 * build adds -fno-trapping-math so the selects can be if-converted).
 */

#define G_LOG_DOMAIN "isc-math"

#include "config.h"

#include <math.h>
#include <string.h>

#include "isc-box-muller.h"
#include "isc-math.h"
#include "isc-math-private.h"
#include "isc-philox.h"

static inline guint32
float_bits (float f)
{
  guint32 i;
  memcpy (&i, &f, sizeof i);
  return i;
}

static inline float
bits_float (guint32 i)
{
  float f;
  memcpy (&f, &i, sizeof f);
  return f;
}

/* Natural log for x in (0, FLT_MAX]: x = m·2^e with m in [√½, √2). */
static inline float
log_kernel (float x)
{
  gint32 i = (gint32) float_bits (x);
  gint32 e = (i - ISC_LOG_SQRT_HALF_BITS) >> 23;
  float m = bits_float ((guint32) i - ((guint32) e << 23));
  float fe = (float) e;
  float f = m - 1.0f;
  float z = f * f;
  float y;

  y = ISC_LOG_P0;
  y = y * f + ISC_LOG_P1;
  y = y * f + ISC_LOG_P2;
  y = y * f + ISC_LOG_P3;
  y = y * f + ISC_LOG_P4;
  y = y * f + ISC_LOG_P5;
  y = y * f + ISC_LOG_P6;
  y = y * f + ISC_LOG_P7;
  y = y * f + ISC_LOG_P8;
  y = y * f * z;
  y += fe * ISC_LOG_LN2_LO_NEG;
  y += -0.5f * z;
  return f + y + fe * ISC_LOG_LN2_HI;
}

/* e^x for x in [-87, 88]: x = n·ln2 + r, |r| ≤ ln2/2. */
static inline float
exp_kernel (float x)
{
  const float magic = 12582912.0f;  /* 1.5·2^23: adding it rounds to an integer */
  float n = (x * 1.44269504088896341f + magic) - magic;
  float r = x - n * 0.693359375f + n * 2.12194440E-4f;
  float z = r * r;
  float p;

  p = 1.9875691500E-4f;
  p = p * r + 1.3981999507E-3f;
  p = p * r + 8.3334519073E-3f;
  p = p * r + 4.1665795894E-2f;
  p = p * r + 1.6666665459E-1f;
  p = p * r + 5.0000001201E-1f;
  p = p * z + r + 1.0f;
  return p * bits_float ((guint32) (((gint32) n + 127) << 23));
}

static inline float
clampf (float x,
        float lo,
        float hi)
{
  /* Written with comparisons so NaN passes through (fminf would drop it). */
  x = x < lo ? lo : x;
  return x > hi ? hi : x;
}

/* tanh(x) ≈ x·P(x²)/Q(x²): one rational minimax fit over |x| ≤ 9.1, past
 * which tanh rounds to ±1. The coefficients come from build-aux/fit-tanh.py;
 * the fit itself is within 8e-9, and its float evaluation within 3.1e-7
 * relative (2.6 ulp) over every float. P(0) = Q(0) = 1, so tiny arguments —
 * the σ = 0.01 net reaches 1e-10 — come back exactly. One division and no
 * exp: a third of the time of 1 − 2/(e^2x + 1). fmaf is exact on every
 * clone, so they all give the same bits. */
static inline float
tanh_kernel (float x)
{
  float c = clampf (x, -9.1f, 9.1f);
  float t = c * c;
  float p, q, y;

  p = -8.2942031028286398e-14f;
  p = fmaf (p, t, 5.2063624057690578e-11f);
  p = fmaf (p, t, -2.0085532066984168e-08f);
  p = fmaf (p, t, 1.1121858728166067e-05f);
  p = fmaf (p, t, 3.1009807691940354e-03f);
  p = fmaf (p, t, 1.3081388595527019e-01f);
  p = fmaf (p, t, 1.0f);

  q = 2.5417345133602916e-04f;
  q = fmaf (q, t, 2.4483458962009656e-02f);
  q = fmaf (q, t, 4.6414717249465753e-01f);
  q = fmaf (q, t, 1.0f);

  /* the rounding may step just past ±1, or stop one ulp short at the clamp */
  y = (c * p) / q;
  y = clampf (y, -1.0f, 1.0f);
  return fabsf (x) >= 9.1f ? copysignf (1.0f, x) : y;
}

static inline float
sigmoid_kernel (float x)
{
  float e = exp_kernel (clampf (-x, -87.0f, 87.0f));
  float y = 1.0f / (1.0f + e);

  /* Past the clamp the true value is below FLT_MIN (or rounds to 1). */
  return x < -87.0f ? 0.0f : y;
}

float
isc_math_logf (float x)
{
  return log_kernel (x);
}

float
isc_math_expf (float x)
{
  return exp_kernel (clampf (x, -87.0f, 88.0f));
}

float
isc_math_tanhf (float x)
{
  return x != x ? x : tanh_kernel (x);
}

float
isc_math_sigmoidf (float x)
{
  return x != x ? x : sigmoid_kernel (x);
}

/* Box–Muller is compiled for the ISA of each Philox kernel and follows the
 * one chosen (isc_philox_select): a test can then compare them bit for bit,
 * and a benchmark can run an AVX2-only machine's code on an AVX-512 one. */
static inline __attribute__ ((always_inline)) void
box_muller_loop (const guint32 *u,
                 const guint32 *v,
                 gsize          n,
                 float         *out)
{
  for (gsize i = 0; i < n; i++)
    {
      /* 31 bits through a signed conversion (unsigned ones do not vectorize
       * before AVX-512): u1 in (0, 1], so the log is finite; radius up to
       * 6.7 σ. */
      float u1 = ((float) (gint32) (u[i] >> 1) + 0.5f) * ISC_BM_TWO_POW_M31;
      float r = sqrtf (-2.0f * log_kernel (u1));
      /* The top two bits of v pick the quadrant; the rest an angle in it,
       * centred on π/4 so the polynomials stay on [-π/4, π/4]. */
      guint32 q = v[i] >> 30;
      float a = ((float) (gint32) (v[i] & 0x3fffffffu) * ISC_BM_TWO_POW_M30 - 0.5f)
                * (2.0f * ISC_BM_PI_4);
      float a2 = a * a;
      float s, c, sin_t, cos_t, x, y;

      s = ISC_SIN_S0;
      s = s * a2 + ISC_SIN_S1;
      s = s * a2 + ISC_SIN_S2;
      s = s * a2 * a + a;

      c = ISC_COS_C0;
      c = c * a2 + ISC_COS_C1;
      c = c * a2 + ISC_COS_C2;
      c = c * a2 * a2 - 0.5f * a2 + 1.0f;

      /* rotate by π/4: the angle is a + π/4 in [0, π/2) */
      sin_t = (s + c) * ISC_BM_SQRT_HALF;
      cos_t = (c - s) * ISC_BM_SQRT_HALF;

      /* quadrant q: rotate (cos, sin) by q·π/2 */
      x = (q & 1) ? -sin_t : cos_t;
      y = (q & 1) ? cos_t : sin_t;
      x = (q & 2) ? -x : x;
      y = (q & 2) ? -y : y;

      out[2 * i] = r * x;
      out[2 * i + 1] = r * y;
    }
}

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
/* The interleaved kernels (isc-box-muller.c) take whole steps of pairs;
 * the loop compiled for their ISA does the rest. */
__attribute__ ((target ("arch=x86-64-v4"))) static void
box_muller_v4 (const guint32 *u,
               const guint32 *v,
               gsize          n,
               float         *out)
{
  gsize done = isc_box_muller_avx512 (u, v, n, out);

  box_muller_loop (u + done, v + done, n - done, out + 2 * done);
}

__attribute__ ((target ("arch=x86-64-v3"))) static void
box_muller_v3 (const guint32 *u,
               const guint32 *v,
               gsize          n,
               float         *out)
{
  gsize done = isc_box_muller_avx2 (u, v, n, out);

  box_muller_loop (u + done, v + done, n - done, out + 2 * done);
}
#endif

void
isc_math_box_muller (const guint32 *u,
                     const guint32 *v,
                     gsize          n,
                     float         *out)
{
  switch (isc_philox_current ())
    {
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
    case ISC_PHILOX_AVX512:
      box_muller_v4 (u, v, n, out);
      break;
    case ISC_PHILOX_AVX2:
      box_muller_v3 (u, v, n, out);
      break;
#endif
    default:
      box_muller_loop (u, v, n, out);
      break;
    }
}

/* The activations in place, one kernel each (the table in isc-activation.c
 * picks one). NaN stays NaN, ±Inf maps as the limit. */
ISC_HOT void
isc_math_tanh (float *values,
               gsize  n)
{
  for (gsize i = 0; i < n; i++)
    {
      float x = values[i];
      float y = tanh_kernel (x);
      values[i] = x == x ? y : x;
    }
}

ISC_HOT void
isc_math_sigmoid (float *values,
                  gsize  n)
{
  for (gsize i = 0; i < n; i++)
    {
      float x = values[i];
      float y = sigmoid_kernel (x);
      values[i] = x == x ? y : x;
    }
}

ISC_HOT void
isc_math_relu (float *values,
               gsize  n)
{
  for (gsize i = 0; i < n; i++)
    {
      float x = values[i];
      /* NaN stays NaN: it is counted, not hidden as a dead unit. */
      values[i] = x > 0.0f ? x : (x == x ? 0.0f : x);
    }
}

ISC_HOT void
isc_math_tanh_deriv (const float *a,
                     float       *delta,
                     gsize        n)
{
  for (gsize i = 0; i < n; i++)
    delta[i] *= 1.0f - a[i] * a[i];
}

ISC_HOT void
isc_math_sigmoid_deriv (const float *a,
                        float       *delta,
                        gsize        n)
{
  for (gsize i = 0; i < n; i++)
    delta[i] *= a[i] * (1.0f - a[i]);
}

ISC_HOT void
isc_math_relu_deriv (const float *a,
                     float       *delta,
                     gsize        n)
{
  for (gsize i = 0; i < n; i++)
    {
      float x = a[i];

      delta[i] = x > 0.0f ? delta[i] : (x == x ? 0.0f : x);
    }
}


/* ------------------------------------------------------------------------ */
/* The activations past the lecture's four (issue 12) and their derivatives */

#define LEAKY_SLOPE 0.01f
#define SELU_LAMBDA 1.0507009873554805f
#define SELU_ALPHA  1.6732632423543772f

/* e^x for x ≤ 0, 0 below −87 (where it is under FLT_MIN) */
static inline float
exp_neg_kernel (float x)
{
  return x < -87.0f ? 0.0f : exp_kernel (clampf (x, -87.0f, 0.0f));
}

/* e^x − 1 for x ≤ 0 with relative accuracy near 0, where e^x − 1 cancels:
 * a Taylor polynomial below |x| = 0.35 (the x^9 term is < 1e-9 relative). */
static inline float
expm1_neg_kernel (float x)
{
  float c = clampf (x, -87.0f, 0.0f);
  float p;

  p = 1.0f / 362880.0f;
  p = fmaf (p, c, 1.0f / 40320.0f);
  p = fmaf (p, c, 1.0f / 5040.0f);
  p = fmaf (p, c, 1.0f / 720.0f);
  p = fmaf (p, c, 1.0f / 120.0f);
  p = fmaf (p, c, 1.0f / 24.0f);
  p = fmaf (p, c, 1.0f / 6.0f);
  p = fmaf (p, c, 0.5f);
  p = fmaf (p, c * c, c);
  return c > -0.35f ? p : exp_kernel (c) - 1.0f;
}

/* erfc(z) for z ≥ 0, relative error ≤ 1.2e-7 in exact arithmetic (Numerical
 * Recipes' erfcc, a Chebyshev fit of t·e^(−z² + P(t)), t = 1/(1 + z/2)); the
 * float e^ adds a few ulps of its argument, ~z² ulps. */
static inline float
erfc_kernel (float z)
{
  float c = clampf (z, 0.0f, 9.3f);
  float t = 1.0f / fmaf (0.5f, c, 1.0f);
  float p;

  p = 0.17087277f;
  p = fmaf (p, t, -0.82215223f);
  p = fmaf (p, t, 1.48851587f);
  p = fmaf (p, t, -1.13520398f);
  p = fmaf (p, t, 0.27886807f);
  p = fmaf (p, t, -0.18628806f);
  p = fmaf (p, t, 0.09678418f);
  p = fmaf (p, t, 0.37409196f);
  p = fmaf (p, t, 1.00002368f);
  p = fmaf (p, t, -1.26551223f);
  return t * exp_neg_kernel (p - c * c);
}

/* Φ(x), the standard normal CDF: from erfc on the side where it is small. */
static inline float
normal_cdf_kernel (float x)
{
  float h = 0.5f * erfc_kernel (fabsf (x) * 0.70710678118654752f);

  return x < 0.0f ? h : 1.0f - h;
}

static inline float
leaky_relu_kernel (float x)
{
  return x > 0.0f ? x : LEAKY_SLOPE * x;
}

static inline float
elu_kernel (float x)
{
  return x > 0.0f ? x : expm1_neg_kernel (x);
}

static inline float
selu_kernel (float x)
{
  return SELU_LAMBDA * (x > 0.0f ? x : SELU_ALPHA * expm1_neg_kernel (x));
}

/* x·Φ(x); below −13.15 it is under FLT_MIN, and −∞·0 must not be NaN */
static inline float
gelu_kernel (float x)
{
  return x < -13.15f ? -0.0f : x * normal_cdf_kernel (x);
}

/* x·sigmoid(x); past −87 sigmoid is 0 (and −∞·0 must not be NaN) */
static inline float
silu_kernel (float x)
{
  return x < -87.0f ? -0.0f : x * sigmoid_kernel (x);
}

/* φ′, at 0 the left derivative where there is a kink (as PyTorch). */
static inline float
leaky_relu_derivative_kernel (float x)
{
  return x > 0.0f ? 1.0f : LEAKY_SLOPE;
}

static inline float
elu_derivative_kernel (float x)
{
  return x > 0.0f ? 1.0f : exp_neg_kernel (x);
}

static inline float
selu_derivative_kernel (float x)
{
  return SELU_LAMBDA * (x > 0.0f ? 1.0f : SELU_ALPHA * exp_neg_kernel (x));
}

/* Φ(x) + x·φ(x); past ±20 it is 1 or 0 to float precision */
static inline float
gelu_derivative_kernel (float x)
{
  float c = clampf (x, -20.0f, 20.0f);
  float pdf = 0.39894228040143268f * exp_neg_kernel (-0.5f * c * c);

  return fmaf (c, pdf, normal_cdf_kernel (c));
}

/* s·(1 + x·(1 − s)), s = sigmoid(x) */
static inline float
silu_derivative_kernel (float x)
{
  float c = clampf (x, -88.0f, 88.0f);
  float s = sigmoid_kernel (c);

  return s * fmaf (c, 1.0f - s, 1.0f);
}

/* One in-place loop and one scalar reference a kernel; NaN stays NaN. */
#define ISC_MATH_KERNEL(name)                      \
  ISC_HOT void                                     \
  isc_math_##name (float *values,                  \
                   gsize  n)                       \
  {                                                \
    for (gsize i = 0; i < n; i++)                  \
      {                                            \
        float x = values[i];                       \
        float y = name##_kernel (x);               \
        values[i] = x == x ? y : x;                \
      }                                            \
  }                                                \
                                                   \
  float                                            \
  isc_math_##name##f (float x)                     \
  {                                                \
    return x != x ? x : name##_kernel (x);         \
  }

ISC_MATH_KERNEL (leaky_relu)
ISC_MATH_KERNEL (elu)
ISC_MATH_KERNEL (selu)
ISC_MATH_KERNEL (gelu)
ISC_MATH_KERNEL (silu)
ISC_MATH_KERNEL (leaky_relu_derivative)
ISC_MATH_KERNEL (elu_derivative)
ISC_MATH_KERNEL (selu_derivative)
ISC_MATH_KERNEL (gelu_derivative)
ISC_MATH_KERNEL (silu_derivative)

#undef ISC_MATH_KERNEL

/* The backward pass's δ ⊙ φ′ from the activations alone, where φ is
 * invertible on each side of 0 (the sign of a is that of z): leaky-relu
 * [a > 0] + 0.01 [a ≤ 0], elu e^z = a + 1, selu λα e^z = a + λα below 0. A
 * NaN a makes δ NaN. gelu and silu are not invertible below 0 (two z give
 * one a): their φ′ needs z (isc_math_gelu_derivative, _silu_derivative). */
ISC_HOT void
isc_math_leaky_relu_deriv (const float *a,
                           float       *delta,
                           gsize        n)
{
  for (gsize i = 0; i < n; i++)
    delta[i] *= a[i] > 0.0f ? 1.0f : (a[i] == a[i] ? LEAKY_SLOPE : a[i]);
}

ISC_HOT void
isc_math_elu_deriv (const float *a,
                    float       *delta,
                    gsize        n)
{
  for (gsize i = 0; i < n; i++)
    delta[i] *= a[i] > 0.0f ? 1.0f : a[i] + 1.0f;
}

ISC_HOT void
isc_math_selu_deriv (const float *a,
                     float       *delta,
                     gsize        n)
{
  for (gsize i = 0; i < n; i++)
    delta[i] *= a[i] > 0.0f ? SELU_LAMBDA : a[i] + SELU_LAMBDA * SELU_ALPHA;
}

/* Lanes of partial sums. A floating-point reduction is not vectorized
 * unless the compiler may reorder it, and a reordering would make the sums
 * depend on the vector width; explicit lanes vectorize and fix the order, so
 * every clone gives the same bytes. Chunks are at most 2^32 values. */
#define LANES 16

ISC_HOT void
isc_math_chunk_stats (const float   *values,
                      gsize          n,
                      float          sat_lo,
                      float          sat_hi,
                      IscChunkStats *stats)
{
  double sum[LANES] = { 0 }, sumsq[LANES] = { 0 };
  float min[LANES], max[LANES];
  guint32 finite[LANES] = { 0 }, saturated[LANES] = { 0 }, zero[LANES] = { 0 };
  gsize i = 0;

  for (int k = 0; k < LANES; k++)
    {
      min[k] = G_MAXFLOAT;
      max[k] = -G_MAXFLOAT;
    }

#define ACCUMULATE(k, a)                                                  \
  G_STMT_START {                                                          \
    gboolean ok = fabsf (a) <= G_MAXFLOAT;  /* false for NaN and ±Inf */ \
    float f = ok ? (a) : 0.0f;                                            \
    finite[k] += ok;                                                      \
    zero[k] += (a) == 0.0f;                                               \
    saturated[k] += ok & (((a) < sat_lo) | ((a) > sat_hi));               \
    sum[k] += f;                                                          \
    sumsq[k] += (double) f * f;                                           \
    min[k] = (ok & ((a) < min[k])) ? (a) : min[k];                       \
    max[k] = (ok & ((a) > max[k])) ? (a) : max[k];                       \
  } G_STMT_END

  for (; i + LANES <= n; i += LANES)
    for (int k = 0; k < LANES; k++)
      ACCUMULATE (k, values[i + k]);
  for (int k = 0; i < n; i++, k++)
    ACCUMULATE (k, values[i]);

#undef ACCUMULATE

  *stats = (IscChunkStats) ISC_CHUNK_STATS_INIT;
  for (int k = 0; k < LANES; k++)
    isc_chunk_stats_merge (stats, &(IscChunkStats) { sum[k], sumsq[k], min[k], max[k],
                                                     finite[k], saturated[k], zero[k] });
}

/* Total by construction: for a finite value, (a − lo) of two floats cannot
 * overflow in double, and isc_math_bin_index's clamps send a NaN product (a
 * NaN lo or scale, 0·∞) to bin 0 before the conversion. IEEE double
 * operations and ordered compares only, so every clone gives the same slots;
 * measured, the double arithmetic costs ~0.03 ns a value over float. */
ISC_HOT void
isc_math_bin_slots (const float *values,
                    gsize        n,
                    double       lo,
                    double       scale,
                    guint        n_bins,
                    guint        copies,
                    guint32     *slots)
{
  guint32 stride = n_bins + 1;
  guint32 mask = copies - 1;

  g_return_if_fail (copies > 0 && (copies & mask) == 0 && copies <= ISC_BIN_COPIES);
  for (gsize i = 0; i < n; i++)
    {
      float a = values[i];
      gboolean ok = fabsf (a) <= G_MAXFLOAT;  /* false for NaN and ±Inf */
      guint32 bin = isc_math_bin_index (a, lo, scale, n_bins);
      guint32 copy = ((guint32) i & mask) * stride;

      slots[i] = copy + (ok ? bin : n_bins);
    }
}
