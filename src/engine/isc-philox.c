/* isc-philox.c
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3")
 * on runs of consecutive counters, in structure-of-arrays form: one vector
 * holds word j of 8 (AVX2) or 16 (AVX-512) counters. GCC does not vectorize
 * the 32×32 → 64-bit products without AVX-512 (a cold run's weight fill was
 * 2.2 ns a sample on an AVX2 machine), so the kernels are written out with
 * intrinsics, each compiled for its own ISA and chosen at run time; unlike
 * target_clones this lets a test call each one and compare them.
 */

#define G_LOG_DOMAIN "isc-philox"

#include "config.h"

#include <Random123/philox.h>

#include "isc-philox.h"

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
# define ISC_PHILOX_X86 1
# include <immintrin.h>
#endif

/* Same rounds and constants as Random123's philox4x32_R (10, …), whose
 * one-counter function the tests compare with. */
static void
philox_scalar (guint64  seed,
               guint64  block,
               guint32  layer,
               guint32  kind,
               gsize    n,
               guint32 *restrict u,
               guint32 *restrict v)
{
  for (gsize b = 0; b < n; b++)
    {
      guint64 index = block + b;
      guint32 c0 = (guint32) index, c1 = (guint32) (index >> 32), c2 = layer, c3 = kind;
      guint32 k0 = (guint32) seed, k1 = (guint32) (seed >> 32);

      for (int round = 0; round < 10; round++)
        {
          guint64 p0 = (guint64) PHILOX_M4x32_0 * c0;
          guint64 p1 = (guint64) PHILOX_M4x32_1 * c2;
          guint32 n0 = (guint32) (p1 >> 32) ^ c1 ^ k0;
          guint32 n2 = (guint32) (p0 >> 32) ^ c3 ^ k1;

          c1 = (guint32) p1;
          c3 = (guint32) p0;
          c0 = n0;
          c2 = n2;
          k0 += PHILOX_W32_0;
          k1 += PHILOX_W32_1;
        }

      /* two Box–Muller pairs a block: (c0, c1) and (c2, c3) */
      u[2 * b] = c0;
      v[2 * b] = c1;
      u[2 * b + 1] = c2;
      v[2 * b + 1] = c3;
    }
}

#ifdef ISC_PHILOX_X86

/* The 10 round keys, for broadcasting. */
static void
round_keys (guint64  seed,
            guint32  k0[10],
            guint32  k1[10])
{
  k0[0] = (guint32) seed;
  k1[0] = (guint32) (seed >> 32);
  for (int r = 1; r < 10; r++)
    {
      k0[r] = k0[r - 1] + PHILOX_W32_0;
      k1[r] = k1[r - 1] + PHILOX_W32_1;
    }
}

/* ---- AVX2 ---------------------------------------------------------------- */

#define AVX2 __attribute__ ((target ("arch=x86-64-v3")))

/* hi and lo halves of a · m, lane by lane: vpmuludq multiplies the even
 * lanes into 64-bit products, so the odd ones are swapped down for a second
 * product and the high halves shuffled back into place. The low halves are
 * one vpmulld (on Zen 4 faster than a shuffle and a blend). */
AVX2 static inline void
mulhilo_avx2 (__m256i  a,
              __m256i  m,
              __m256i *hi,
              __m256i *lo)
{
  __m256i even = _mm256_mul_epu32 (a, m);
  __m256i odd = _mm256_mul_epu32 (_mm256_shuffle_epi32 (a, 0xb1), m);

  *hi = _mm256_blend_epi32 (_mm256_shuffle_epi32 (even, 0xb1), odd, 0xaa);
  *lo = _mm256_mullo_epi32 (a, m);
}

/* Counters {b_lo, b_hi} of blocks block … block + 7: the low words wrap
 * past 2^32 where lane + block_lo does, and carry into the high ones. */
AVX2 static inline void
counters_avx2 (guint64  block,
               __m256i *c0,
               __m256i *c1)
{
  const __m256i lane = _mm256_setr_epi32 (0, 1, 2, 3, 4, 5, 6, 7);
  const __m256i sign = _mm256_set1_epi32 ((int) 0x80000000u);
  __m256i lo = _mm256_add_epi32 (_mm256_set1_epi32 ((int) (guint32) block), lane);
  /* unsigned lo < lane, through signed compares of sign-flipped words */
  __m256i carry = _mm256_cmpgt_epi32 (_mm256_xor_si256 (lane, sign),
                                      _mm256_xor_si256 (lo, sign));

  *c0 = lo;
  *c1 = _mm256_sub_epi32 (_mm256_set1_epi32 ((int) (guint32) (block >> 32)), carry);
}

/* Word pairs of 8 blocks, (x_i, y_i), to x_0 y_0 x_1 y_1 … in memory. */
AVX2 static inline void
store_pairs_avx2 (guint32 *out,
                  __m256i  x,
                  __m256i  y)
{
  __m256i lo = _mm256_unpacklo_epi32 (x, y);  /* blocks 0 1 | 4 5 */
  __m256i hi = _mm256_unpackhi_epi32 (x, y);  /* blocks 2 3 | 6 7 */

  _mm256_storeu_si256 ((__m256i *) out, _mm256_permute2x128_si256 (lo, hi, 0x20));
  _mm256_storeu_si256 ((__m256i *) (out + 8), _mm256_permute2x128_si256 (lo, hi, 0x31));
}

/* Blocks block … block + 8·nv − 1, nv vectors at a time: one round's
 * products are a chain of dependent operations, and independent chains keep
 * the multipliers busy (four is fastest on Zen 4). */
AVX2 static inline __attribute__ ((always_inline)) void
group_avx2 (int            nv,
            const guint32 *k0,
            const guint32 *k1,
            guint64        block,
            guint32        layer,
            guint32        kind,
            guint32       *u,
            guint32       *v)
{
  const __m256i m0 = _mm256_set1_epi32 ((int) PHILOX_M4x32_0);
  const __m256i m1 = _mm256_set1_epi32 ((int) PHILOX_M4x32_1);
  __m256i c0[4], c1[4], c2[4], c3[4];

  for (int j = 0; j < nv; j++)
    {
      counters_avx2 (block + 8 * j, &c0[j], &c1[j]);
      c2[j] = _mm256_set1_epi32 ((int) layer);
      c3[j] = _mm256_set1_epi32 ((int) kind);
    }
  for (int r = 0; r < 10; r++)
    {
      const __m256i key0 = _mm256_set1_epi32 ((int) k0[r]);
      const __m256i key1 = _mm256_set1_epi32 ((int) k1[r]);

      for (int j = 0; j < nv; j++)
        {
          __m256i hi0, lo0, hi1, lo1;

          mulhilo_avx2 (c0[j], m0, &hi0, &lo0);
          mulhilo_avx2 (c2[j], m1, &hi1, &lo1);
          c0[j] = _mm256_xor_si256 (_mm256_xor_si256 (hi1, c1[j]), key0);
          c2[j] = _mm256_xor_si256 (_mm256_xor_si256 (hi0, c3[j]), key1);
          c1[j] = lo1;
          c3[j] = lo0;
        }
    }
  for (int j = 0; j < nv; j++)
    {
      store_pairs_avx2 (u + 16 * j, c0[j], c2[j]);
      store_pairs_avx2 (v + 16 * j, c1[j], c3[j]);
    }
}

AVX2 static void
philox_avx2 (guint64  seed,
             guint64  block,
             guint32  layer,
             guint32  kind,
             gsize    n,
             guint32 *restrict u,
             guint32 *restrict v)
{
  guint32 k0[10], k1[10];
  gsize b = 0;

  round_keys (seed, k0, k1);
  for (; b + 32 <= n; b += 32)
    group_avx2 (4, k0, k1, block + b, layer, kind, u + 2 * b, v + 2 * b);
  for (; b + 8 <= n; b += 8)
    group_avx2 (1, k0, k1, block + b, layer, kind, u + 2 * b, v + 2 * b);
  philox_scalar (seed, block + b, layer, kind, n - b, u + 2 * b, v + 2 * b);
}

/* ---- AVX-512 ------------------------------------------------------------- */

#define AVX512 __attribute__ ((target ("arch=x86-64-v4")))

/* As mulhilo_avx2, with a masked shuffle doing the blend. */
AVX512 static inline void
mulhilo_avx512 (__m512i  a,
                __m512i  m,
                __m512i *hi,
                __m512i *lo)
{
  __m512i even = _mm512_mul_epu32 (a, m);
  __m512i odd = _mm512_mul_epu32 (_mm512_shuffle_epi32 (a, _MM_PERM_CDAB), m);

  *hi = _mm512_mask_shuffle_epi32 (odd, 0x5555, even, _MM_PERM_CDAB);
  *lo = _mm512_mullo_epi32 (a, m);
}

AVX512 static inline void
counters_avx512 (guint64  block,
                 __m512i *c0,
                 __m512i *c1)
{
  const __m512i lane = _mm512_setr_epi32 (0, 1, 2, 3, 4, 5, 6, 7,
                                          8, 9, 10, 11, 12, 13, 14, 15);
  __m512i lo = _mm512_add_epi32 (_mm512_set1_epi32 ((int) (guint32) block), lane);
  __m512i hi = _mm512_set1_epi32 ((int) (guint32) (block >> 32));
  __mmask16 carry = _mm512_cmplt_epu32_mask (lo, lane);

  *c0 = lo;
  *c1 = _mm512_mask_add_epi32 (hi, carry, hi, _mm512_set1_epi32 (1));
}

AVX512 static inline void
store_pairs_avx512 (guint32 *out,
                    __m512i  x,
                    __m512i  y)
{
  /* within 128-bit lanes: lo = blocks 0 1 | 4 5 | 8 9 | 12 13, hi = 2 3 | … */
  const __m512i first = _mm512_setr_epi64 (0, 1, 8, 9, 2, 3, 10, 11);
  const __m512i second = _mm512_setr_epi64 (4, 5, 12, 13, 6, 7, 14, 15);
  __m512i lo = _mm512_unpacklo_epi32 (x, y);
  __m512i hi = _mm512_unpackhi_epi32 (x, y);

  _mm512_storeu_si512 (out, _mm512_permutex2var_epi64 (lo, first, hi));
  _mm512_storeu_si512 (out + 16, _mm512_permutex2var_epi64 (lo, second, hi));
}

AVX512 static inline __attribute__ ((always_inline)) void
group_avx512 (int            nv,
              const guint32 *k0,
              const guint32 *k1,
              guint64        block,
              guint32        layer,
              guint32        kind,
              guint32       *u,
              guint32       *v)
{
  const __m512i m0 = _mm512_set1_epi32 ((int) PHILOX_M4x32_0);
  const __m512i m1 = _mm512_set1_epi32 ((int) PHILOX_M4x32_1);
  __m512i c0[4], c1[4], c2[4], c3[4];

  for (int j = 0; j < nv; j++)
    {
      counters_avx512 (block + 16 * j, &c0[j], &c1[j]);
      c2[j] = _mm512_set1_epi32 ((int) layer);
      c3[j] = _mm512_set1_epi32 ((int) kind);
    }
  for (int r = 0; r < 10; r++)
    {
      const __m512i key0 = _mm512_set1_epi32 ((int) k0[r]);
      const __m512i key1 = _mm512_set1_epi32 ((int) k1[r]);

      for (int j = 0; j < nv; j++)
        {
          __m512i hi0, lo0, hi1, lo1;

          mulhilo_avx512 (c0[j], m0, &hi0, &lo0);
          mulhilo_avx512 (c2[j], m1, &hi1, &lo1);
          /* 0x96: the three-way xor */
          c0[j] = _mm512_ternarylogic_epi32 (hi1, c1[j], key0, 0x96);
          c2[j] = _mm512_ternarylogic_epi32 (hi0, c3[j], key1, 0x96);
          c1[j] = lo1;
          c3[j] = lo0;
        }
    }
  for (int j = 0; j < nv; j++)
    {
      store_pairs_avx512 (u + 32 * j, c0[j], c2[j]);
      store_pairs_avx512 (v + 32 * j, c1[j], c3[j]);
    }
}

AVX512 static void
philox_avx512 (guint64  seed,
               guint64  block,
               guint32  layer,
               guint32  kind,
               gsize    n,
               guint32 *restrict u,
               guint32 *restrict v)
{
  guint32 k0[10], k1[10];
  gsize b = 0;

  round_keys (seed, k0, k1);
  for (; b + 64 <= n; b += 64)
    group_avx512 (4, k0, k1, block + b, layer, kind, u + 2 * b, v + 2 * b);
  for (; b + 16 <= n; b += 16)
    group_avx512 (1, k0, k1, block + b, layer, kind, u + 2 * b, v + 2 * b);
  /* the last few: 8 at a time, then one by one */
  philox_avx2 (seed, block + b, layer, kind, n - b, u + 2 * b, v + 2 * b);
}

#endif /* ISC_PHILOX_X86 */

/* ---- dispatch ------------------------------------------------------------ */

typedef void (*PhiloxFunc) (guint64, guint64, guint32, guint32, gsize, guint32 *, guint32 *);

static const struct
{
  const char *name;
  PhiloxFunc  func;
} kernels[ISC_PHILOX_N_KERNELS] = {
  [ISC_PHILOX_SCALAR] = { "scalar", philox_scalar },
#ifdef ISC_PHILOX_X86
  [ISC_PHILOX_AVX2] = { "avx2", philox_avx2 },
  [ISC_PHILOX_AVX512] = { "avx512", philox_avx512 },
#else
  [ISC_PHILOX_AVX2] = { "avx2", NULL },
  [ISC_PHILOX_AVX512] = { "avx512", NULL },
#endif
};

static gint selected = ISC_PHILOX_AUTO;  /* atomic */

gboolean
isc_philox_supported (IscPhiloxKernel kernel)
{
  switch (kernel)
    {
    case ISC_PHILOX_AUTO:
    case ISC_PHILOX_SCALAR:
      return TRUE;
#ifdef ISC_PHILOX_X86
    /* Whole ISA levels, as Box–Muller is compiled for them too; v4
     * includes v3, which the AVX-512 kernel finishes its runs with. */
    case ISC_PHILOX_AVX2:
      return __builtin_cpu_supports ("x86-64-v3");
    case ISC_PHILOX_AVX512:
      return __builtin_cpu_supports ("x86-64-v4");
#endif
    default:
      return FALSE;
    }
}

const char *
isc_philox_name (IscPhiloxKernel kernel)
{
  if (kernel == ISC_PHILOX_AUTO)
    kernel = isc_philox_current ();
  g_return_val_if_fail (kernel >= 0 && kernel < ISC_PHILOX_N_KERNELS, NULL);
  return kernels[kernel].name;
}

/* INITSCOPE_PHILOX=scalar|avx2|avx512 names the kernel AUTO means: for
 * bench/run's AVX2 emulation on an AVX-512 machine (bench/README.md), not for
 * users. A name that is no kernel, or one this CPU cannot run, is ignored
 * with one warning. */
static IscPhiloxKernel
env_kernel (void)
{
  const char *name = g_getenv ("INITSCOPE_PHILOX");

  if (name == NULL)
    return ISC_PHILOX_AUTO;
  for (int kernel = 0; kernel < ISC_PHILOX_N_KERNELS; kernel++)
    if (g_strcmp0 (name, kernels[kernel].name) == 0)
      {
        if (isc_philox_supported (kernel))
          return kernel;
        g_warning ("INITSCOPE_PHILOX=%s: this CPU cannot run that kernel; ignored", name);
        return ISC_PHILOX_AUTO;
      }
  g_warning ("INITSCOPE_PHILOX=%s is not a kernel (scalar, avx2, avx512); ignored", name);
  return ISC_PHILOX_AUTO;
}

IscPhiloxKernel
isc_philox_current (void)
{
  static gsize best;  /* the kernel + 1, once: neither the CPU nor the environment changes */
  gint chosen = g_atomic_int_get (&selected);

  if (chosen != ISC_PHILOX_AUTO)
    return chosen;
  if (g_once_init_enter (&best))
    {
      chosen = env_kernel ();
      if (chosen == ISC_PHILOX_AUTO)
        {
          chosen = ISC_PHILOX_N_KERNELS - 1;
          while (!isc_philox_supported (chosen))
            chosen--;
        }
      g_once_init_leave (&best, chosen + 1);
    }
  return (IscPhiloxKernel) (best - 1);
}

gboolean
isc_philox_select (IscPhiloxKernel kernel)
{
  if (kernel < ISC_PHILOX_AUTO || kernel >= ISC_PHILOX_N_KERNELS
      || !isc_philox_supported (kernel))
    return FALSE;
  g_atomic_int_set (&selected, kernel);
  return TRUE;
}

void
isc_philox_blocks (IscPhiloxKernel  kernel,
                   guint64          seed,
                   guint64          block,
                   guint32          layer,
                   guint32          kind,
                   gsize            n,
                   guint32         *u,
                   guint32         *v)
{
  if (kernel == ISC_PHILOX_AUTO)
    kernel = isc_philox_current ();
  g_return_if_fail (kernel >= 0 && kernel < ISC_PHILOX_N_KERNELS);
  g_return_if_fail (isc_philox_supported (kernel));
  kernels[kernel].func (seed, block, layer, kind, n, u, v);
}
