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
    "tanh", N_("Tanh"), isc_math_tanh, TRUE, -1.0, 1.0, FALSE,
    -(float) ISC_TANH_SATURATION, (float) ISC_TANH_SATURATION
  },
  [ISC_ACTIVATION_RELU] = {
    "relu", N_("ReLU"), isc_math_relu, FALSE, 0.0, 0.0, TRUE, -G_MAXFLOAT, G_MAXFLOAT
  },
  [ISC_ACTIVATION_SIGMOID] = {
    "sigmoid", N_("Sigmoid"), isc_math_sigmoid, TRUE, 0.0, 1.0, FALSE,
    (float) ISC_SIGMOID_SATURATION, (float) (1.0 - ISC_SIGMOID_SATURATION)
  },
  [ISC_ACTIVATION_LINEAR] = {
    "linear", N_("Linear"), NULL, FALSE, 0.0, 0.0, FALSE, -G_MAXFLOAT, G_MAXFLOAT
  },
  /* bounded below only: a shared range; nothing saturates */
  [ISC_ACTIVATION_LEAKY_RELU] = {
    "leaky-relu", N_("Leaky ReLU"), isc_math_leaky_relu, FALSE, 0.0, 0.0, FALSE,
    -G_MAXFLOAT, G_MAXFLOAT
  },
  [ISC_ACTIVATION_ELU] = {
    "elu", N_("ELU"), isc_math_elu, FALSE, 0.0, 0.0, FALSE, -G_MAXFLOAT, G_MAXFLOAT
  },
  [ISC_ACTIVATION_SELU] = {
    "selu", N_("SELU"), isc_math_selu, FALSE, 0.0, 0.0, FALSE, -G_MAXFLOAT, G_MAXFLOAT
  },
  [ISC_ACTIVATION_GELU] = {
    "gelu", N_("GELU"), isc_math_gelu, FALSE, 0.0, 0.0, FALSE, -G_MAXFLOAT, G_MAXFLOAT
  },
  [ISC_ACTIVATION_SILU] = {
    "silu", N_("SiLU"), isc_math_silu, FALSE, 0.0, 0.0, FALSE, -G_MAXFLOAT, G_MAXFLOAT
  },
};

/* φ′ of the activations added with issue 12, until the table has the backward
 * pass's column (then they move there). */
static const IscActivateFunc derivatives[ISC_N_ACTIVATIONS] = {
  [ISC_ACTIVATION_LEAKY_RELU] = isc_math_leaky_relu_derivative,
  [ISC_ACTIVATION_ELU]        = isc_math_elu_derivative,
  [ISC_ACTIVATION_SELU]       = isc_math_selu_derivative,
  [ISC_ACTIVATION_GELU]       = isc_math_gelu_derivative,
  [ISC_ACTIVATION_SILU]       = isc_math_silu_derivative,
};

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

IscActivateFunc
isc_activation_get_derivative (IscActivation activation)
{
  g_return_val_if_fail ((guint) activation < ISC_N_ACTIVATIONS, NULL);
  return derivatives[activation];
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
