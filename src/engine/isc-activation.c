/* isc-activation.c
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "isc-activation"

#include "config.h"

#include <glib/gi18n.h>

#include "isc-activation.h"
#include "isc-math.h"
#include "isc-names.h"
#include "isc-result.h"

/* The one table of activations: a new one is a row here (and its enum value,
 * and its kernel in isc-math.c). */
static const IscActivationInfo activations[ISC_N_ACTIVATIONS] = {
  [ISC_ACTIVATION_TANH] = {
    "tanh", N_("Tanh"), isc_math_tanh, isc_math_tanh_deriv, TRUE, -1.0, 1.0, FALSE,
    -(float) ISC_TANH_SATURATION, (float) ISC_TANH_SATURATION
  },
  [ISC_ACTIVATION_RELU] = {
    "relu", N_("ReLU"), isc_math_relu, isc_math_relu_deriv, FALSE, 0.0, 0.0, TRUE,
    -G_MAXFLOAT, G_MAXFLOAT
  },
  [ISC_ACTIVATION_SIGMOID] = {
    "sigmoid", N_("Sigmoid"), isc_math_sigmoid, isc_math_sigmoid_deriv, TRUE, 0.0, 1.0, FALSE,
    (float) ISC_SIGMOID_SATURATION, (float) (1.0 - ISC_SIGMOID_SATURATION)
  },
  [ISC_ACTIVATION_LINEAR] = {
    "linear", N_("Linear"), NULL, NULL, FALSE, 0.0, 0.0, FALSE, -G_MAXFLOAT, G_MAXFLOAT
  },
  /* bounded below only: a shared range; nothing saturates */
  [ISC_ACTIVATION_LEAKY_RELU] = {
    "leaky-relu", N_("Leaky ReLU"), isc_math_leaky_relu, isc_math_leaky_relu_deriv, FALSE,
    0.0, 0.0, FALSE, -G_MAXFLOAT, G_MAXFLOAT
  },
  [ISC_ACTIVATION_ELU] = {
    "elu", N_("ELU"), isc_math_elu, isc_math_elu_deriv, FALSE, 0.0, 0.0, FALSE,
    -G_MAXFLOAT, G_MAXFLOAT
  },
  [ISC_ACTIVATION_SELU] = {
    "selu", N_("SELU"), isc_math_selu, isc_math_selu_deriv, FALSE, 0.0, 0.0, FALSE,
    -G_MAXFLOAT, G_MAXFLOAT
  },
  [ISC_ACTIVATION_GELU] = {
    "gelu", N_("GELU"), isc_math_gelu, NULL, FALSE, 0.0, 0.0, FALSE, -G_MAXFLOAT, G_MAXFLOAT,
    isc_math_gelu_derivative
  },
  [ISC_ACTIVATION_SILU] = {
    "silu", N_("SiLU"), isc_math_silu, NULL, FALSE, 0.0, 0.0, FALSE, -G_MAXFLOAT, G_MAXFLOAT,
    isc_math_silu_derivative
  },
};

/* φ′ on z of every activation: the new ones' kernels, the lecture's four
 * through their δ ⊙ φ′(a) kernels on δ = 1 (after φ on a copy). */
void
isc_activation_apply_derivative (IscActivation activation,
                                 float        *z,
                                 gsize         n)
{
  const IscActivationInfo *info = isc_activation_get_info (activation);
  g_autofree float *a = NULL;

  if (info->dphi_z != NULL)
    {
      info->dphi_z (z, n);
      return;
    }
  if (info->dphi == NULL)
    {
      for (gsize i = 0; i < n; i++)
        z[i] = z[i] == z[i] ? 1.0f : z[i];
      return;
    }
  a = g_memdup2 (z, n * sizeof (float));
  isc_activation_apply (activation, a, n);
  for (gsize i = 0; i < n; i++)
    z[i] = 1.0f;
  info->dphi (a, z, n);
}

/* torch.nn.init.calculate_gain; 0 here is 1 (PyTorch's for the rest) */
static const double recommended_gains[ISC_N_ACTIVATIONS] = {
  [ISC_ACTIVATION_TANH]       = 5.0 / 3.0,
  [ISC_ACTIVATION_RELU]       = G_SQRT2,
  [ISC_ACTIVATION_LEAKY_RELU] = 1.4141428569978354,  /* √(2/(1 + 0.01²)) */
  [ISC_ACTIVATION_SELU]       = 0.75,
};

double
isc_activation_recommended_gain (IscActivation activation)
{
  g_return_val_if_fail ((guint) activation < ISC_N_ACTIVATIONS, 1.0);
  return recommended_gains[activation] != 0.0 ? recommended_gains[activation] : 1.0;
}

const IscActivationInfo *
isc_activation_get_info (IscActivation activation)
{
  g_return_val_if_fail ((guint) activation < ISC_N_ACTIVATIONS,
                        &activations[ISC_ACTIVATION_LINEAR]);
  return &activations[activation];
}

void
isc_activation_apply (IscActivation activation,
                      float        *values,
                      gsize         n)
{
  IscActivateFunc phi = isc_activation_get_info (activation)->phi;

  if (phi != NULL)
    phi (values, n);
}

void
isc_activation_apply_deriv (IscActivation activation,
                            const float  *a,
                            float        *delta,
                            gsize         n)
{
  IscDerivFunc dphi = isc_activation_get_info (activation)->dphi;

  if (dphi != NULL)
    dphi (a, delta, n);
}

const char * const *
isc_activation_get_names (void)
{
  static const char *names[ISC_N_ACTIVATIONS + 1];
  static gsize filled;

  if (g_once_init_enter (&filled))
    {
      for (guint i = 0; i < ISC_N_ACTIVATIONS; i++)
        names[i] = activations[i].name;
      g_once_init_leave (&filled, 1);
    }
  return names;
}

const char *
isc_activation_to_string (IscActivation activation)
{
  g_return_val_if_fail ((guint) activation < ISC_N_ACTIVATIONS, NULL);
  return activations[activation].name;
}

gboolean
isc_activation_from_string (const char     *name,
                            IscActivation  *activation,
                            GError        **error)
{
  guint i;

  if (!isc_names_lookup (isc_activation_get_names (), name,
                         _("unknown activation “%s” (expected %s)"), &i, error))
    return FALSE;
  *activation = i;
  return TRUE;
}

const char *
isc_activation_get_label (IscActivation activation)
{
  g_return_val_if_fail ((guint) activation < ISC_N_ACTIVATIONS, NULL);
  return _(activations[activation].label);
}
