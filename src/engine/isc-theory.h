/* isc-theory.h — the mean-field (infinite-width) prediction of the experiment
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Poole et al. 2016, Schoenholz et al. 2017. With σ_w² = N σ² (N = fan_in)
 * and σ_b² the bias variance, the pre-activation variance of layer l is
 *   q_1 = σ_w² + σ_b²  (the input is N(0, 1)),
 *   q_{l+1} = σ_w² E[φ(√q_l u)²] + σ_b²,  u ~ N(0, 1),
 * and the gradient with respect to x_l (δ_L ~ N(0, 1)) has
 *   std δ_{l−1} = std δ_l · √χ_l,  χ_l = σ_w² E[φ′(√q_l u)²].
 *
 * Activations are named by the strings the CLI uses ("tanh", "relu", ...),
 * so this module does not depend on IscActivation.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ISC_THEORY_ERROR (isc_theory_error_quark ())

typedef enum
{
  ISC_THEORY_ERROR_UNKNOWN_ACTIVATION,
  ISC_THEORY_ERROR_INVALID,
  ISC_THEORY_ERROR_NO_CROSSING,
} IscTheoryError;

typedef enum
{
  ISC_THEORY_PHASE_ORDERED,   /* χ₁ < 1: gradients vanish towards the input */
  ISC_THEORY_PHASE_CRITICAL,  /* χ₁ ≈ 1 (see ISC_THEORY_CRITICAL_LOG_CHI) */
  ISC_THEORY_PHASE_CHAOTIC,   /* χ₁ > 1: gradients explode towards the input */
} IscTheoryPhase;

/* Critical means |ln χ₁| ≤ this: over 50 layers (the deepest net allowed) the
 * gradient std then changes by at most e^{±50·0.01/2} ≈ ×1.28. */
#define ISC_THEORY_CRITICAL_LOG_CHI 0.01

/* E[·] over u ~ N(0, 1) at one q. */
typedef struct
{
  double mean;    /* E[φ(√q u)] */
  double mean2;   /* E[φ²] */
  double var;     /* E[φ²] − E[φ]², computed without cancellation */
  double dphi2;   /* E[φ′²] */
  double dmean2;  /* d E[φ²] / d q, the slope of the variance map over σ_w² */
} IscTheoryMoments;

/* One layer l (counted from 1 as out[l − 1]). */
typedef struct
{
  double q;         /* pre-activation variance q_l */
  double mean;      /* predicted mean of x_l = φ(z_l) */
  double std;       /* predicted std of x_l: sqrt(E[φ²] − E[φ]²) */
  double chi;       /* χ_l = σ_w² E[φ′(√q_l u)²] */
  double grad_std;  /* predicted std of δ_l = ∂L/∂x_l; 1 at l = depth */
} IscTheoryLayer;

typedef struct
{
  double         q_star;       /* the q the layers approach; +∞ if they grow without bound */
  double         chi1;         /* χ at q_star (its q → ∞ limit when q_star = +∞) */
  double         depth_scale;  /* ξ = 1/|ln χ₁|: layers for a ×e gradient change; +∞ at χ₁ = 1 */
  IscTheoryPhase phase;
} IscTheoryFixedPoint;

GQuark               isc_theory_error_quark      (void);

/* The activations it knows, NULL-terminated. */
const char * const  *isc_theory_get_activations  (void);
gboolean             isc_theory_has_activation   (const char          *activation);

gboolean             isc_theory_moments          (const char          *activation,
                                                  double               q,
                                                  IscTheoryMoments    *out,
                                                  GError             **error);

/* Fills out[0 .. depth − 1] for layers 1 .. depth. */
gboolean             isc_theory_compute          (const char          *activation,
                                                  double               sigma_w2,
                                                  double               sigma_b2,
                                                  guint                depth,
                                                  IscTheoryLayer      *out,
                                                  GError             **error);

gboolean             isc_theory_fixed_point      (const char          *activation,
                                                  double               sigma_w2,
                                                  double               sigma_b2,
                                                  IscTheoryFixedPoint *out,
                                                  GError             **error);

/* The critical line of the phase diagram: the σ_w² in (0, 10⁴] where χ₁ = 1
 * at this σ_b² (bisection). ISC_THEORY_ERROR_NO_CROSSING if there is none. */
gboolean             isc_theory_critical_sigma_w2 (const char         *activation,
                                                   double              sigma_b2,
                                                   double             *sigma_w2,
                                                   GError            **error);

/* χ₁ at each (σ_w², σ_b²): chi1[i * n_w + j] for sigma_b2[i], sigma_w2[j]. */
gboolean             isc_theory_chi1_grid        (const char          *activation,
                                                  const double        *sigma_w2,
                                                  guint                n_w,
                                                  const double        *sigma_b2,
                                                  guint                n_b,
                                                  double              *chi1,
                                                  GError             **error);

/* The predicted histogram of a layer: mass[i] = P(φ(√q u) ∈ [lo + i w, lo + (i + 1) w)),
 * w = (hi − lo) / n_bins, exact for the monotone activations (through φ⁻¹; relu's
 * point mass at 0 lands in the bin holding 0), root-found for gelu and silu.
 * @below and @above (nullable) get the mass < lo and ≥ hi. */
gboolean             isc_theory_density          (const char          *activation,
                                                  double               q,
                                                  double               lo,
                                                  double               hi,
                                                  guint                n_bins,
                                                  double              *mass,
                                                  double              *below,
                                                  double              *above,
                                                  GError             **error);

IscTheoryPhase       isc_theory_phase_from_chi   (double               chi1);
const char          *isc_theory_phase_to_string  (IscTheoryPhase       phase);
/* Translated: "Ordered", "Critical", "Chaotic". */
const char          *isc_theory_phase_get_label  (IscTheoryPhase       phase);

G_END_DECLS
