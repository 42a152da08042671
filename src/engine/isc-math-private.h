/* isc-math-private.h — the polynomials Box–Muller shares between its loops
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * isc-math.c's loop (which GCC vectorizes for every clone) and
 * isc-box-muller.c's interleaved kernels do the same float operations in the
 * same order with these constants, so they give the same bits.
 */

#pragma once

/* log(1 + f) ≈ f − f²/2 + f³·P(f), P's terms from the highest (cephes logf) */
#define ISC_LOG_P0  7.0376836292E-2f
#define ISC_LOG_P1 -1.1514610310E-1f
#define ISC_LOG_P2  1.1676998740E-1f
#define ISC_LOG_P3 -1.2420140846E-1f
#define ISC_LOG_P4  1.4249322787E-1f
#define ISC_LOG_P5 -1.6668057665E-1f
#define ISC_LOG_P6  2.0000714765E-1f
#define ISC_LOG_P7 -2.4999993993E-1f
#define ISC_LOG_P8  3.3333331174E-1f
/* ln 2 = LN2_HI − LN2_LO_NEG (LN2_HI exact in 9 bits) */
#define ISC_LOG_LN2_HI      0.693359375f
#define ISC_LOG_LN2_LO_NEG -2.12194440E-4f
/* √½ · 2^23 as bits: m = x / 2^e in [√½, √2) */
#define ISC_LOG_SQRT_HALF_BITS 0x3f3504f3

/* sin a ≈ a + a³·S(a²) and cos a ≈ 1 − a²/2 + a⁴·C(a²) on [−π/4, π/4] */
#define ISC_SIN_S0 -1.9515295891E-4f
#define ISC_SIN_S1  8.3321608736E-3f
#define ISC_SIN_S2 -1.6666654611E-1f
#define ISC_COS_C0  2.443315711809948E-5f
#define ISC_COS_C1 -1.388731625493765E-3f
#define ISC_COS_C2  4.166664568298827E-2f

/* Box–Muller's scales: 31 bits of u to (0, 1], 30 bits of v to [0, 1) */
#define ISC_BM_TWO_POW_M31 4.6566128730773926e-10f
#define ISC_BM_TWO_POW_M30 9.3132257461547852e-10f
#define ISC_BM_PI_4        0.78539816339744831f
#define ISC_BM_SQRT_HALF   0.70710678118654752f
