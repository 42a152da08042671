/* isc-theory.c — the mean-field recursion, its fixed point and the predicted histograms
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every expectation is E[f(√q u)], u ~ N(0, 1), by composite Gauss–Legendre
 * on u ∈ [−12, 12] (the tails beyond weigh < 10⁻³²). All the activations have
 * their kinks (relu family, selu, elu) at x = 0 and their complex singularities
 * (tanh, sigmoid, silu poles) on the imaginary axis, so the panels are graded
 * towards u = 0: the first is [0, 2^−k] with 2^−k ≤ 1/√q (at most one unit of
 * x), then dyadic panels up to 1 and fixed ones to 12. Each panel is then at
 * least 1.5 half-widths from every singularity, and 12 nodes give double
 * precision (tests/engine/test-theory.c checks against 10⁶-panel Simpson).
 * The panels depend on q only through k, so all nodes and Gaussian weights are
 * computed once.
 */

#define G_LOG_DOMAIN "isc-theory"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "isc-theory.h"

#ifndef GL_N
#define GL_N      12    /* Gauss–Legendre nodes a panel */
#endif
#define K_MAX     64    /* finest first panel [0, 2^−64]: q up to ~10³⁸ resolved */
#define N_TAIL    7
#define Q_LIMIT   1e200 /* "q → ∞" for χ when the variance grows without bound */
#define Q_DIVERGE 1e30  /* a map still rising here rises for ever (it is linear in q by then) */
#define Q_FLOOR   1e-30 /* below it, only q* = 0 or a root under a negligible σ_b² remain */
#define SW2_MAX   1e4   /* the phase diagram's search range for the critical line */

static const double tail_edges[N_TAIL + 1] = { 1, 2, 3, 4, 5, 6.5, 8.5, 12 };

/* φ(x) − φ(0) and φ′(x) in one call: subtracting φ(0) keeps the variance of
 * sigmoid accurate at small q, where E[φ]² ≈ E[φ²]. */
typedef void   (*EvalFunc)    (double x, double *phi, double *dphi);
/* The smallest x with φ(x) ≥ y (±∞ off the range); NULL: not monotone. */
typedef double (*InverseFunc) (double y);

typedef struct
{
  const char  *name;
  double       phi0;     /* φ(0) */
  EvalFunc     eval;
  InverseFunc  inverse;
  double       argmin;   /* non-monotone ones: decreasing before, increasing after */
  gboolean     odd;      /* φ − φ(0) odd: the mirror node costs nothing */
} Activation;

/* Nodes u > 0 and weights h/2 · w_i · N(u; 0, 1); the mirror −u has the same weight. */
typedef struct
{
  double u[GL_N];
  double w[GL_N];
} Panel;

static Panel first_panels[K_MAX + 1];  /* [0, 2^−k] */
static Panel dyadic_panels[K_MAX];     /* [2^−j−1, 2^−j] */
static Panel tail_panels[N_TAIL];

G_DEFINE_QUARK (isc-theory-error-quark, isc_theory_error)

/* ---- activations ---------------------------------------------------------------------------- */

static void
sech2_tanh (double  x,
            double *t,
            double *sech2)
{
  /* from expm1(−2|x|): accurate at tiny x, and no overflow at large x */
  double em;

  if (fabs (x) > 40.0)
    {
      /* 1 − tanh² < 10⁻³⁴: skip the arithmetic on numbers near underflow */
      *t = copysign (1.0, x);
      *sech2 = fabs (x) < 350.0 ? 4.0 * exp (-2.0 * fabs (x)) : 0.0;
      return;
    }
  em = expm1 (-2.0 * fabs (x));

  *t = copysign (-em / (2.0 + em), x);
  *sech2 = 4.0 * (1.0 + em) / ((2.0 + em) * (2.0 + em));
}

static void
eval_tanh (double x, double *phi, double *dphi)
{
  sech2_tanh (x, phi, dphi);
}

static void
eval_sigmoid (double x, double *phi, double *dphi)
{
  double t, s2;

  /* σ(x) − 1/2 = tanh(x/2)/2, σ′ = sech²(x/2)/4 */
  sech2_tanh (0.5 * x, &t, &s2);
  *phi = 0.5 * t;
  *dphi = 0.25 * s2;
}

static void
eval_relu (double x, double *phi, double *dphi)
{
  *phi = x > 0.0 ? x : 0.0;
  *dphi = x > 0.0 ? 1.0 : 0.0;
}

#define LEAKY_SLOPE 0.01

static void
eval_leaky_relu (double x, double *phi, double *dphi)
{
  *phi = x > 0.0 ? x : LEAKY_SLOPE * x;
  *dphi = x > 0.0 ? 1.0 : LEAKY_SLOPE;
}

static void
eval_elu (double x, double *phi, double *dphi)
{
  /* below −700, e^x is subnormal (slow) and far below the rounding of −1 */
  *phi = x > 0.0 ? x : x > -700.0 ? expm1 (x) : -1.0;
  *dphi = x > 0.0 ? 1.0 : x > -700.0 ? exp (x) : 0.0;
}

#define SELU_LAMBDA 1.0507009873554805
#define SELU_ALPHA  1.6732632423543772

static void
eval_selu (double x, double *phi, double *dphi)
{
  double e = x > -700.0 ? expm1 (x) : -1.0;  /* as elu */

  *phi = x > 0.0 ? SELU_LAMBDA * x : SELU_LAMBDA * SELU_ALPHA * e;
  *dphi = x > 0.0 ? SELU_LAMBDA : SELU_LAMBDA * SELU_ALPHA * (e + 1.0);
}

static void
eval_gelu (double x, double *phi, double *dphi)
{
  double cdf;

  if (fabs (x) > 38.0)
    {
      /* Φ(−38) < 10⁻³¹⁵: what is left is below double precision, and slow to compute */
      *phi = x > 0.0 ? x : 0.0;
      *dphi = x > 0.0 ? 1.0 : 0.0;
      return;
    }
  cdf = 0.5 * erfc (-x * G_SQRT2 / 2.0);
  *phi = x * cdf;
  *dphi = cdf + x * exp (-0.5 * x * x) / sqrt (2.0 * G_PI);
}

static void
eval_silu (double x, double *phi, double *dphi)
{
  double t, s2, sig;

  sech2_tanh (0.5 * x, &t, &s2);
  sig = 0.5 + 0.5 * t;
  *phi = x * sig;
  *dphi = sig + x * 0.25 * s2;  /* σ + x σ (1 − σ) */
}

static void
eval_linear (double x, double *phi, double *dphi)
{
  *phi = x;
  *dphi = 1.0;
}

static double
inverse_tanh (double y)
{
  return y <= -1.0 ? -INFINITY : y >= 1.0 ? INFINITY : atanh (y);
}

static double
inverse_sigmoid (double y)
{
  return y <= 0.0 ? -INFINITY : y >= 1.0 ? INFINITY : log (y) - log1p (-y);
}

static double
inverse_relu (double y)
{
  return y <= 0.0 ? -INFINITY : y;
}

static double
inverse_leaky_relu (double y)
{
  return y > 0.0 ? y : y / LEAKY_SLOPE;
}

static double
inverse_elu (double y)
{
  return y > 0.0 ? y : y <= -1.0 ? -INFINITY : log1p (y);
}

static double
inverse_selu (double y)
{
  if (y > 0.0)
    return y / SELU_LAMBDA;
  return y <= -SELU_LAMBDA * SELU_ALPHA ? -INFINITY : log1p (y / (SELU_LAMBDA * SELU_ALPHA));
}

static double
inverse_linear (double y)
{
  return y;
}

static Activation activations[] = {
  { "tanh",       0.0, eval_tanh,       inverse_tanh,       NAN, TRUE },
  { "relu",       0.0, eval_relu,       inverse_relu,       NAN, FALSE },
  { "sigmoid",    0.5, eval_sigmoid,    inverse_sigmoid,    NAN, TRUE },
  { "linear",     0.0, eval_linear,     inverse_linear,     NAN, TRUE },
  { "leaky-relu", 0.0, eval_leaky_relu, inverse_leaky_relu, NAN, FALSE },
  { "elu",        0.0, eval_elu,        inverse_elu,        NAN, FALSE },
  { "selu",       0.0, eval_selu,       inverse_selu,       NAN, FALSE },
  { "gelu",       0.0, eval_gelu,       NULL,               NAN, FALSE },  /* argmin: at init */
  { "silu",       0.0, eval_silu,       NULL,               NAN, FALSE },
};

static const char * const activation_names[] = {
  "tanh", "relu", "sigmoid", "linear", "leaky-relu", "elu", "selu", "gelu", "silu", NULL
};

/* ---- quadrature tables ---------------------------------------------------------------------- */

static void
gauss_legendre (double *x,
                double *w)
{
  /* Newton on P_n from the Chebyshev guesses; symmetric, so half the roots */
  for (guint i = 0; i < (GL_N + 1) / 2; i++)
    {
      double z = cos (G_PI * (i + 0.75) / (GL_N + 0.5));
      double dp = 1.0;

      for (guint iter = 0; iter < 100; iter++)
        {
          double p0 = 1.0, p1 = z, dz;

          for (guint n = 2; n <= GL_N; n++)
            {
              double p2 = ((2.0 * n - 1.0) * z * p1 - (n - 1.0) * p0) / n;
              p0 = p1;
              p1 = p2;
            }
          dp = GL_N * (z * p1 - p0) / (z * z - 1.0);
          dz = p1 / dp;
          z -= dz;
          if (fabs (dz) < 1e-16)
            break;
        }
      x[i] = z;
      x[GL_N - 1 - i] = -z;
      w[i] = w[GL_N - 1 - i] = 2.0 / ((1.0 - z * z) * dp * dp);
    }
}

static void
fill_panel (Panel  *panel,
            double  a,
            double  b,
            const double *x,
            const double *w)
{
  double c = 0.5 * (a + b), h = 0.5 * (b - a);

  for (guint i = 0; i < GL_N; i++)
    {
      double u = c + h * x[i];

      panel->u[i] = u;
      panel->w[i] = h * w[i] * exp (-0.5 * u * u) / sqrt (2.0 * G_PI);
    }
}

/* The minimum of gelu / silu: bisection on φ′ over [−3, 0], where φ′ changes sign once. */
static double
find_argmin (const Activation *act)
{
  double a = -3.0, b = 0.0;

  for (guint i = 0; i < 200 && b - a > 1e-16; i++)
    {
      double m = 0.5 * (a + b), phi, dphi;

      act->eval (m, &phi, &dphi);
      if (dphi < 0.0)
        a = m;
      else
        b = m;
    }
  return 0.5 * (a + b);
}

static void
ensure_tables (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      double x[GL_N], w[GL_N];

      gauss_legendre (x, w);
      for (guint k = 0; k <= K_MAX; k++)
        fill_panel (&first_panels[k], 0.0, ldexp (1.0, -(int) k), x, w);
      for (guint j = 0; j < K_MAX; j++)
        fill_panel (&dyadic_panels[j], ldexp (1.0, -(int) j - 1), ldexp (1.0, -(int) j), x, w);
      for (guint t = 0; t < N_TAIL; t++)
        fill_panel (&tail_panels[t], tail_edges[t], tail_edges[t + 1], x, w);
      for (guint i = 0; i < G_N_ELEMENTS (activations); i++)
        if (activations[i].inverse == NULL)
          activations[i].argmin = find_argmin (&activations[i]);
      g_once_init_leave (&done, 1);
    }
}

static const Activation *
lookup (const char  *name,
        GError     **error)
{
  ensure_tables ();
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (activations); i++)
    if (strcmp (activations[i].name, name) == 0)
      return &activations[i];
  g_set_error (error, ISC_THEORY_ERROR, ISC_THEORY_ERROR_UNKNOWN_ACTIVATION,
               "unknown activation “%s” for the theory", name ? name : "(null)");
  return NULL;
}

const char * const *
isc_theory_get_activations (void)
{
  return activation_names;
}

gboolean
isc_theory_has_activation (const char *activation)
{
  return lookup (activation, NULL) != NULL;
}

/* ---- moments -------------------------------------------------------------------------------- */

typedef struct
{
  double d1;  /* Σ w (φ − φ0) */
  double d2;  /* Σ w (φ − φ0)² */
  double g2;  /* Σ w φ′² */
  double pu;  /* Σ w φ φ′ u, for d E[φ²]/dq = E[φ φ′ u]/√q */
} Sums;

static inline void
add_panel (const Activation *act,
           double            s,
           const Panel      *panel,
           Sums             *sums)
{
  double phi0 = act->phi0;

  for (guint i = 0; i < GL_N; i++)
    {
      double u = panel->u[i], w = panel->w[i], p, d, pm, dm;

      act->eval (s * u, &p, &d);
      if (act->odd)
        pm = -p, dm = d;  /* and p + pm = 0: no ∞ − ∞ once q overflows */
      else
        {
          act->eval (-s * u, &pm, &dm);
          sums->d1 += w * (p + pm);
        }
      sums->d2 += w * (p * p + pm * pm);
      sums->g2 += w * (d * d + dm * dm);
      sums->pu += w * u * ((p + phi0) * d - (pm + phi0) * dm);
    }
}

/* E[·] at q ≥ 0 (q = +∞ allowed: the limit, by the coarsest-resolved mesh). */
static void
moments (const Activation *act,
         double            q,
         IscTheoryMoments *out)
{
  Sums sums = { 0 };
  double s = sqrt (q), phi0 = act->phi0;
  guint k = 0;

  if (q == 0.0)
    {
      double p, d;

      /* a point mass at 0: φ′(0) is the right derivative (what the kink rule gives) */
      act->eval (0.0, &p, &d);
      *out = (IscTheoryMoments) { phi0, phi0 * phi0, 0.0, d * d, d * d };
      return;
    }
  if (s > 1.0)
    k = s >= ldexp (1.0, K_MAX) ? K_MAX : (guint) ceil (log2 (s));
  add_panel (act, s, &first_panels[k], &sums);
  for (guint j = k; j-- > 0;)
    add_panel (act, s, &dyadic_panels[j], &sums);
  for (guint t = 0; t < N_TAIL; t++)
    add_panel (act, s, &tail_panels[t], &sums);

  out->mean = phi0 + sums.d1;
  /* (no 0 · ∞ once an unbounded φ's q overflowed) */
  out->mean2 = phi0 == 0.0 ? sums.d2 : phi0 * phi0 + 2.0 * phi0 * sums.d1 + sums.d2;
  out->var = isinf (sums.d2) ? sums.d2 : MAX (sums.d2 - sums.d1 * sums.d1, 0.0);
  out->dphi2 = sums.g2;
  out->dmean2 = sums.pu / s;
}

gboolean
isc_theory_moments (const char       *activation,
                    double            q,
                    IscTheoryMoments *out,
                    GError          **error)
{
  const Activation *act = lookup (activation, error);

  g_return_val_if_fail (out != NULL, FALSE);
  if (act == NULL)
    return FALSE;
  if (!(q >= 0.0))
    {
      g_set_error (error, ISC_THEORY_ERROR, ISC_THEORY_ERROR_INVALID,
                   "theory: q = %g is not a variance", q);
      return FALSE;
    }
  moments (act, q, out);
  return TRUE;
}

static gboolean
check_sigmas (double   sigma_w2,
              double   sigma_b2,
              GError **error)
{
  if (sigma_w2 >= 0.0 && isfinite (sigma_w2) && sigma_b2 >= 0.0 && isfinite (sigma_b2))
    return TRUE;
  g_set_error (error, ISC_THEORY_ERROR, ISC_THEORY_ERROR_INVALID,
               "theory: σ_w² = %g, σ_b² = %g must be finite and ≥ 0", sigma_w2, sigma_b2);
  return FALSE;
}

gboolean
isc_theory_compute (const char     *activation,
                    double          sigma_w2,
                    double          sigma_b2,
                    guint           depth,
                    IscTheoryLayer *out,
                    GError        **error)
{
  const Activation *act = lookup (activation, error);
  double q = sigma_w2 + sigma_b2;  /* E[x0²] = 1 */
  IscTheoryMoments m = { 0 };

  g_return_val_if_fail (depth == 0 || out != NULL, FALSE);
  if (act == NULL || !check_sigmas (sigma_w2, sigma_b2, error))
    return FALSE;

  for (guint l = 0; l < depth; l++)
    {
      /* past the fixed point q repeats to the bit: reuse the integrals */
      if (l == 0 || q != out[l - 1].q)
        moments (act, q, &m);
      out[l] = (IscTheoryLayer) { q, m.mean, sqrt (m.var), sigma_w2 * m.dphi2, 1.0 };
      q = sigma_w2 * m.mean2 + sigma_b2;
    }
  for (guint l = depth; l-- > 1;)
    out[l - 1].grad_std = out[l].grad_std * sqrt (out[l].chi);
  return TRUE;
}

/* ---- fixed point and phase ------------------------------------------------------------------ */

/* F(q) = σ_w² E[φ²](q) + σ_b² − q and its slope */
static double
map_gap (const Activation *act,
         double            sw2,
         double            sb2,
         double            q,
         double           *slope)
{
  IscTheoryMoments m;

  moments (act, q, &m);
  if (slope != NULL)
    *slope = sw2 * m.dmean2 - 1.0;
  return sw2 * m.mean2 + sb2 - q;
}

/* The root of F in [lo, hi], F(lo) > 0 > F(hi): Newton, kept in the bracket by bisection. */
static double
refine_root (const Activation *act,
             double            sw2,
             double            sb2,
             double            lo,
             double            hi)
{
  double q = lo > 0.0 && hi > 4.0 * lo ? sqrt (lo * hi) : 0.5 * (lo + hi);

  for (guint iter = 0; iter < 200 && hi - lo > 1e-15 * hi; iter++)
    {
      double slope, f = map_gap (act, sw2, sb2, q, &slope), next;

      if (f > 0.0)
        lo = q;
      else if (f < 0.0)
        hi = q;
      else
        return q;
      next = q - f / slope;
      if (!(next > lo && next < hi))
        next = lo > 0.0 && hi > 4.0 * lo ? sqrt (lo * hi) : 0.5 * (lo + hi);
      if (fabs (next - q) <= 1e-15 * q)
        return next;
      q = next;
    }
  return 0.5 * (lo + hi);
}

/* The variance map is non-decreasing in q for every activation here (φ² grows with |x| once
 * its mirror is added), so the layers move monotonically from q_1 to the nearest fixed point
 * in that direction. Gelu and silu can have several (an ordered one near 0 and a runaway past
 * an unstable one), so scan from q_1 in steps of 2 for the first sign change, then refine. */
static double
solve_q_star (const Activation *act,
              double            sw2,
              double            sb2)
{
  double q1 = sw2 + sb2, f1, slope0;

  if (sw2 == 0.0)
    return sb2;
  f1 = map_gap (act, sw2, sb2, q1, NULL);
  if (fabs (f1) <= 1e-14 * q1)
    return q1;  /* e.g. relu at σ_w² = 2, σ_b² = 0: every q is fixed */
  if (f1 > 0.0)
    {
      /* past 10³ every map here is linear in q up to O(1): at most one more root, so the
       * steps may grow (squared each time) without jumping over a pair; a gap within the
       * integrals' rounding (10⁻¹⁴ q) is no sign change (relu at σ_w² = 2: F = σ_b²) */
      for (double lo = q1, hi = 2.0 * q1, step = 2.0; lo <= Q_DIVERGE;
           lo = hi, hi = MIN (hi * step, 2.0 * Q_DIVERGE))
        {
          if (map_gap (act, sw2, sb2, hi, NULL) <= -1e-14 * hi)
            return refine_root (act, sw2, sb2, lo, hi);
          if (hi > 1e3)
            step *= step;
        }
      return INFINITY;
    }
  /* likewise downwards: at σ_w² = 1 tanh's F(q) ≈ −2q² drowns in the rounding below
   * q ≈ 10⁻¹⁴, and q* = 0 is what the slope test below finds */
  for (double lo = 0.5 * q1; lo >= Q_FLOOR; lo *= 0.5)
    if (map_gap (act, sw2, sb2, lo, NULL) >= 1e-14 * lo)
      return refine_root (act, sw2, sb2, lo, 2.0 * lo);
  if (sw2 * act->phi0 * act->phi0 + sb2 > 0.0)
    return refine_root (act, sw2, sb2, 0.0, Q_FLOOR);
  /* q = 0 is fixed: it attracts unless the map's slope at 0⁺ exceeds 1 */
  map_gap (act, sw2, sb2, 1e-300, &slope0);
  if (slope0 <= 1e-12)
    return 0.0;
  for (double lo = 0.5 * Q_FLOOR; lo > 1e-300; lo *= 0.5)
    if (map_gap (act, sw2, sb2, lo, NULL) > 0.0)
      return refine_root (act, sw2, sb2, lo, 2.0 * lo);
  return 0.0;
}

IscTheoryPhase
isc_theory_phase_from_chi (double chi1)
{
  if (fabs (log (chi1)) <= ISC_THEORY_CRITICAL_LOG_CHI)
    return ISC_THEORY_PHASE_CRITICAL;
  return chi1 < 1.0 ? ISC_THEORY_PHASE_ORDERED : ISC_THEORY_PHASE_CHAOTIC;
}

static void
fixed_point (const Activation    *act,
             double               sw2,
             double               sb2,
             IscTheoryFixedPoint *out)
{
  double q_star = solve_q_star (act, sw2, sb2);
  IscTheoryMoments m;

  /* χ as the limit from above at q* = 0 (relu's is σ_w²/2, not φ′(0)²) and at q* = ∞ */
  moments (act, q_star == 0.0 ? 1e-300 : isinf (q_star) ? Q_LIMIT : q_star, &m);
  out->q_star = q_star;
  out->chi1 = sw2 * m.dphi2;
  out->depth_scale = 1.0 / fabs (log (out->chi1));
  out->phase = isc_theory_phase_from_chi (out->chi1);
}

gboolean
isc_theory_fixed_point (const char          *activation,
                        double               sigma_w2,
                        double               sigma_b2,
                        IscTheoryFixedPoint *out,
                        GError             **error)
{
  const Activation *act = lookup (activation, error);

  g_return_val_if_fail (out != NULL, FALSE);
  if (act == NULL || !check_sigmas (sigma_w2, sigma_b2, error))
    return FALSE;
  fixed_point (act, sigma_w2, sigma_b2, out);
  return TRUE;
}

static double
log_chi1 (const Activation *act,
          double            sw2,
          double            sb2)
{
  IscTheoryFixedPoint fp;

  fixed_point (act, sw2, sb2, &fp);
  return log (fp.chi1);
}

gboolean
isc_theory_critical_sigma_w2 (const char *activation,
                              double      sigma_b2,
                              double     *sigma_w2,
                              GError    **error)
{
  const Activation *act = lookup (activation, error);
  double lo = 1e-6, hi = SW2_MAX;

  g_return_val_if_fail (sigma_w2 != NULL, FALSE);
  if (act == NULL || !check_sigmas (1.0, sigma_b2, error))
    return FALSE;
  if (!(log_chi1 (act, lo, sigma_b2) < 0.0 && log_chi1 (act, hi, sigma_b2) > 0.0))
    {
      g_set_error (error, ISC_THEORY_ERROR, ISC_THEORY_ERROR_NO_CROSSING,
                   "theory: %s has no χ₁ = 1 for σ_w² in (0, %g] at σ_b² = %g",
                   activation, SW2_MAX, sigma_b2);
      return FALSE;
    }
  /* bisection in log σ_w², to a relative 1e-13 */
  while (hi - lo > 1e-13 * hi)
    {
      double mid = sqrt (lo * hi);

      if (mid <= lo || mid >= hi)
        break;
      if (log_chi1 (act, mid, sigma_b2) < 0.0)
        lo = mid;
      else
        hi = mid;
    }
  *sigma_w2 = sqrt (lo * hi);
  return TRUE;
}

gboolean
isc_theory_chi1_grid (const char   *activation,
                      const double *sigma_w2,
                      guint         n_w,
                      const double *sigma_b2,
                      guint         n_b,
                      double       *chi1,
                      GError      **error)
{
  const Activation *act = lookup (activation, error);

  g_return_val_if_fail (n_w * n_b == 0 || (sigma_w2 && sigma_b2 && chi1), FALSE);
  if (act == NULL)
    return FALSE;
  for (guint i = 0; i < n_b; i++)
    for (guint j = 0; j < n_w; j++)
      {
        IscTheoryFixedPoint fp;

        if (!check_sigmas (sigma_w2[j], sigma_b2[i], error))
          return FALSE;
        fixed_point (act, sigma_w2[j], sigma_b2[i], &fp);
        chi1[(gsize) i * n_w + j] = fp.chi1;
      }
  return TRUE;
}

const char *
isc_theory_phase_to_string (IscTheoryPhase phase)
{
  static const char * const names[] = { "ordered", "critical", "chaotic" };

  g_return_val_if_fail (phase <= ISC_THEORY_PHASE_CHAOTIC, NULL);
  return names[phase];
}

const char *
isc_theory_phase_get_label (IscTheoryPhase phase)
{
  static const char * const labels[] = { N_("Ordered"), N_("Critical"), N_("Chaotic") };

  g_return_val_if_fail (phase <= ISC_THEORY_PHASE_CHAOTIC, NULL);
  return _(labels[phase]);
}

/* ---- predicted histogram -------------------------------------------------------------------- */

static double
normal_cdf (double t)
{
  return 0.5 * erfc (-t / G_SQRT2);
}

/* x in [a, b] with φ(x) = y, where φ − y changes sign over [a, b] (one monotone branch) */
static double
solve_branch (const Activation *act,
              double            y,
              double            a,
              double            b)
{
  double pa, d, x = 0.5 * (a + b);
  gboolean rising;

  act->eval (a, &pa, &d);
  rising = pa + act->phi0 < y;
  for (guint iter = 0; iter < 200 && b - a > 1e-15 * (1.0 + fabs (x)); iter++)
    {
      double p, next;

      act->eval (x, &p, &d);
      p += act->phi0 - y;
      if (p == 0.0)
        return x;
      if ((p < 0.0) == rising)
        a = x;
      else
        b = x;
      next = x - p / d;
      if (!(next > MIN (a, b) && next < MAX (a, b)))
        next = 0.5 * (a + b);
      if (fabs (next - x) <= 1e-16 * (1.0 + fabs (x)))
        return next;
      x = next;
    }
  return 0.5 * (a + b);
}

/* P(φ(x) < y) for x ~ N(0, s²), s > 0 */
static double
cdf_below (const Activation *act,
           double            s,
           double            y)
{
  double m = act->argmin, phi_min, d, x_hi, x_lo;

  if (act->inverse != NULL)
    return normal_cdf (act->inverse (y) / s);
  /* gelu and silu: falling from 0⁻ at −∞ to the minimum, then rising without bound */
  act->eval (m, &phi_min, &d);
  if (y <= phi_min)
    return 0.0;
  x_hi = solve_branch (act, y, m, 2.0 * MAX (y, 0.0) + 2.0);
  if (y >= 0.0)
    return normal_cdf (x_hi / s);
  x_lo = m - 1.0;
  for (double p = -1.0; p < 0.0 && x_lo > -1e4; x_lo = m - 2.0 * (m - x_lo))
    {
      act->eval (x_lo, &p, &d);
      if (p > y)
        break;
    }
  x_lo = solve_branch (act, y, x_lo, m);
  return normal_cdf (x_hi / s) - normal_cdf (x_lo / s);
}

gboolean
isc_theory_density (const char *activation,
                    double      q,
                    double      lo,
                    double      hi,
                    guint       n_bins,
                    double     *mass,
                    double     *below,
                    double     *above,
                    GError    **error)
{
  const Activation *act = lookup (activation, error);
  double s = sqrt (q), width = (hi - lo) / n_bins, prev;

  g_return_val_if_fail (n_bins == 0 || mass != NULL, FALSE);
  if (act == NULL)
    return FALSE;
  if (!(q >= 0.0 && isfinite (q) && lo < hi && isfinite (lo) && isfinite (hi) && n_bins > 0))
    {
      g_set_error (error, ISC_THEORY_ERROR, ISC_THEORY_ERROR_INVALID,
                   "theory: no density for q = %g over [%g, %g) in %u bins", q, lo, hi, n_bins);
      return FALSE;
    }
#define CDF(y) (s > 0.0 ? cdf_below (act, s, (y)) : act->phi0 < (y) ? 1.0 : 0.0)
  prev = CDF (lo);
  if (below != NULL)
    *below = prev;
  for (guint i = 0; i < n_bins; i++)
    {
      double next = CDF (i + 1 == n_bins ? hi : lo + (i + 1) * width);

      mass[i] = MAX (next - prev, 0.0);
      prev = next;
    }
  if (above != NULL)
    *above = 1.0 - prev;
#undef CDF
  return TRUE;
}
