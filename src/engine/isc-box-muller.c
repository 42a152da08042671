/* isc-box-muller.c
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Box–Muller for AVX2 and AVX-512, a few vectors of pairs side by side.
 *
 * GCC vectorizes isc-math.c's loop well, but one pass of it is a chain of
 * ~40 dependent float operations (the log's Horner steps, the square root,
 * the sine and cosine), and the core's scheduler holds too few of them for
 * the next pass to start while one is waiting: a cold cs231n-2019 run spent
 * a third of its time there at ~1.4 ns a pair on AVX2. Here each step is
 * taken for K vectors before the next, so K chains are always in flight.
 *
 * The operations are the ones of isc-math.c's loop, in its order, with its
 * constants (isc-math-private.h), so the bits are the same: the kernels
 * test compares them with the scalar loop on every edge of u and v.
 */

#define G_LOG_DOMAIN "isc-box-muller"

#include "config.h"

#include <string.h>

#include "isc-box-muller.h"
#include "isc-math-private.h"

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)

#include <immintrin.h>

/* KERNEL (name, target, W lanes, K vectors, vector types, sqrt, select)
 * defines name (u, v, n, out), which does the first n − n % (W·K) pairs and
 * returns how many it did. SELECT (m, a, b) is b in the lanes where m's sign
 * bit is set, a elsewhere. The vector types are GCC's: +, −, ·, shifts and
 * conversions act lane by lane, as the scalar loop's do. */
#define KERNEL(NAME, TARGET, W, K, VF, VI, VU, SQRT, SELECT)                       \
  __attribute__ ((target (TARGET))) gsize                                          \
  NAME (const guint32 *u,                                                          \
        const guint32 *v,                                                          \
        gsize          n,                                                          \
        float         *out)                                                        \
  {                                                                                \
    const gsize step = (gsize) (W) * (K);                                          \
    gsize i;                                                                       \
                                                                                   \
    for (i = 0; i + step <= n; i += step)                                          \
      {                                                                            \
        VF f[K], z[K], y[K], fe[K], r[K], a[K], a2[K], s[K], c[K];                 \
        VU q[K];                                                                   \
                                                                                   \
        for (int k = 0; k < (K); k++)                                              \
          {                                                                        \
            VU uw;                                                                 \
            VF u1, m;                                                              \
            VI bits, e;                                                            \
                                                                                   \
            memcpy (&uw, u + i + (gsize) (W) * k, sizeof uw);                      \
            u1 = (__builtin_convertvector ((VI) (uw >> 1), VF) + 0.5f)             \
                 * ISC_BM_TWO_POW_M31;                                             \
            memcpy (&bits, &u1, sizeof bits);                                      \
            e = (bits - ISC_LOG_SQRT_HALF_BITS) >> 23;                             \
            bits = (VI) ((VU) bits - ((VU) e << 23));                              \
            memcpy (&m, &bits, sizeof m);                                          \
            fe[k] = __builtin_convertvector (e, VF);                               \
            f[k] = m - 1.0f;                                                       \
            z[k] = f[k] * f[k];                                                    \
            y[k] = f[k] * ISC_LOG_P0 + ISC_LOG_P1;                                 \
          }                                                                        \
        STEPS (K, y[k] = y[k] * f[k] + ISC_LOG_P2);                                \
        STEPS (K, y[k] = y[k] * f[k] + ISC_LOG_P3);                                \
        STEPS (K, y[k] = y[k] * f[k] + ISC_LOG_P4);                                \
        STEPS (K, y[k] = y[k] * f[k] + ISC_LOG_P5);                                \
        STEPS (K, y[k] = y[k] * f[k] + ISC_LOG_P6);                                \
        STEPS (K, y[k] = y[k] * f[k] + ISC_LOG_P7);                                \
        STEPS (K, y[k] = y[k] * f[k] + ISC_LOG_P8);                                \
        for (int k = 0; k < (K); k++)                                              \
          {                                                                        \
            VF l, vf;                                                              \
            VU vw;                                                                 \
                                                                                   \
            y[k] = y[k] * f[k] * z[k];                                             \
            y[k] += fe[k] * ISC_LOG_LN2_LO_NEG;                                    \
            y[k] += -0.5f * z[k];                                                  \
            l = f[k] + y[k] + fe[k] * ISC_LOG_LN2_HI;                              \
            r[k] = SQRT (-2.0f * l);                                               \
                                                                                   \
            memcpy (&vw, v + i + (gsize) (W) * k, sizeof vw);                      \
            q[k] = vw >> 30;                                                       \
            vf = __builtin_convertvector ((VI) (vw & 0x3fffffffu), VF);            \
            a[k] = (vf * ISC_BM_TWO_POW_M30 - 0.5f) * (2.0f * ISC_BM_PI_4);        \
            a2[k] = a[k] * a[k];                                                   \
            s[k] = ISC_SIN_S0 * a2[k] + ISC_SIN_S1;                                \
            c[k] = ISC_COS_C0 * a2[k] + ISC_COS_C1;                                \
          }                                                                        \
        STEPS (K, s[k] = s[k] * a2[k] + ISC_SIN_S2;                                \
                  c[k] = c[k] * a2[k] + ISC_COS_C2);                               \
        for (int k = 0; k < (K); k++)                                              \
          {                                                                        \
            VF sin_t, cos_t, x, yy, lo, hi;                                        \
            VI odd, neg;                                                           \
            float *o = out + 2 * (i + (gsize) (W) * k);                            \
                                                                                   \
            s[k] = s[k] * a2[k] * a[k] + a[k];                                     \
            c[k] = c[k] * a2[k] * a2[k] - 0.5f * a2[k] + 1.0f;                     \
            sin_t = (s[k] + c[k]) * ISC_BM_SQRT_HALF;                              \
            cos_t = (c[k] - s[k]) * ISC_BM_SQRT_HALF;                              \
            /* quadrant q: odd swaps (cos, sin) to (−sin, cos); q ≥ 2 negates */   \
            odd = (VI) (q[k] << 31);                                               \
            neg = (VI) (q[k] >> 1 << 31);                                          \
            x = SELECT (odd, cos_t, -sin_t);                                       \
            yy = SELECT (odd, sin_t, cos_t);                                       \
            x = FLIP (x, neg);                                                     \
            yy = FLIP (yy, neg);                                                   \
            x = r[k] * x;                                                          \
            yy = r[k] * yy;                                                        \
            INTERLEAVE (W, x, yy, lo, hi);                                         \
            memcpy (o, &lo, sizeof lo);                                            \
            memcpy (o + (W), &hi, sizeof hi);                                      \
          }                                                                        \
      }                                                                            \
    return i;                                                                      \
  }

/* One statement for each of the K vectors, as its own pass. */
#define STEPS(K, STATEMENT)                                                        \
  for (int k = 0; k < (K); k++)                                                    \
    {                                                                              \
      STATEMENT;                                                                   \
    }

/* x with its sign bit xored with neg's (0 or the sign bit alone): a negation
 * where neg is set, exactly as the scalar loop's −x. */
#define FLIP(X, NEG)                                                               \
  ({                                                                               \
    __typeof__ (NEG) flip_bits_;                                                   \
    __typeof__ (X) flip_out_;                                                      \
    memcpy (&flip_bits_, &(X), sizeof flip_bits_);                                 \
    flip_bits_ ^= (NEG);                                                           \
    memcpy (&flip_out_, &flip_bits_, sizeof flip_out_);                            \
    flip_out_;                                                                     \
  })

/* lo, hi = x0 y0 x1 y1 …: the pairs in memory order. */
#define INTERLEAVE(W, X, Y, LO, HI) INTERLEAVE_##W (X, Y, LO, HI)

typedef float v8sf __attribute__ ((vector_size (32)));
typedef gint32 v8si __attribute__ ((vector_size (32)));
typedef guint32 v8su __attribute__ ((vector_size (32)));
typedef float v16sf __attribute__ ((vector_size (64)));
typedef gint32 v16si __attribute__ ((vector_size (64)));
typedef guint32 v16su __attribute__ ((vector_size (64)));

#define SQRT_8(X) ((v8sf) _mm256_sqrt_ps ((__m256) (X)))
#define SELECT_8(M, A, B) ((v8sf) _mm256_blendv_ps ((__m256) (A), (__m256) (B), (__m256) (M)))
#define INTERLEAVE_8(X, Y, LO, HI)                                                 \
  do                                                                               \
    {                                                                              \
      __m256 l_ = _mm256_unpacklo_ps ((__m256) (X), (__m256) (Y));                 \
      __m256 h_ = _mm256_unpackhi_ps ((__m256) (X), (__m256) (Y));                 \
      (LO) = (v8sf) _mm256_permute2f128_ps (l_, h_, 0x20);                         \
      (HI) = (v8sf) _mm256_permute2f128_ps (l_, h_, 0x31);                         \
    }                                                                              \
  while (0)

#define SQRT_16(X) ((v16sf) _mm512_sqrt_ps ((__m512) (X)))
#define SELECT_16(M, A, B)                                                         \
  ((v16sf) _mm512_mask_blend_ps (_mm512_movepi32_mask ((__m512i) (M)), (__m512) (A), \
                                 (__m512) (B)))
#define INTERLEAVE_16(X, Y, LO, HI)                                                \
  do                                                                               \
    {                                                                              \
      const __m512i first_ = _mm512_setr_epi32 (0, 16, 1, 17, 2, 18, 3, 19,       \
                                                4, 20, 5, 21, 6, 22, 7, 23);       \
      const __m512i second_ = _mm512_setr_epi32 (8, 24, 9, 25, 10, 26, 11, 27,     \
                                                 12, 28, 13, 29, 14, 30, 15, 31);  \
      (LO) = (v16sf) _mm512_permutex2var_ps ((__m512) (X), first_, (__m512) (Y));  \
      (HI) = (v16sf) _mm512_permutex2var_ps ((__m512) (X), second_, (__m512) (Y)); \
    }                                                                              \
  while (0)

/* Four vectors side by side on both (fastest on Zen 5; two lose ~15 %). */
KERNEL (isc_box_muller_avx2, "arch=x86-64-v3", 8, 4, v8sf, v8si, v8su, SQRT_8, SELECT_8)
KERNEL (isc_box_muller_avx512, "arch=x86-64-v4", 16, 4, v16sf, v16si, v16su, SQRT_16,
        SELECT_16)

#endif
