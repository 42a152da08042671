/* isc-init.c
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "isc-init"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "isc-init.h"
#include "isc-names.h"

static double
sigma_zero (double scale,
            guint  fan_in,
            guint  fan_out)
{
  return 0.0;
}

static double
sigma_gaussian (double scale,
                guint  fan_in,
                guint  fan_out)
{
  return scale;
}

static double
sigma_xavier (double scale,
              guint  fan_in,
              guint  fan_out)
{
  return 1.0 / sqrt ((double) fan_in);
}

static double
sigma_glorot (double scale,
              guint  fan_in,
              guint  fan_out)
{
  return sqrt (2.0 / ((double) fan_in + (double) fan_out));
}

static double
sigma_kaiming (double scale,
               guint  fan_in,
               guint  fan_out)
{
  return sqrt (2.0 / (double) fan_in);
}

/* The uniform schemes' σ is the bound of U(−σ, σ), the base being U(−1, 1). */
static double
sigma_glorot_uniform (double scale,
                      guint  fan_in,
                      guint  fan_out)
{
  return sqrt (6.0 / ((double) fan_in + (double) fan_out));
}

static double
sigma_kaiming_uniform (double scale,
                       guint  fan_in,
                       guint  fan_out)
{
  return sqrt (6.0 / (double) fan_in);
}

/* nn.Linear's default: kaiming_uniform_ with a = √5, so the bound is
 * gain(a)·√(3/fan_in) = √(2/6)·√(3/fan_in) = 1/√fan_in. */
static double
sigma_torch_default (double scale,
                     guint  fan_in,
                     guint  fan_out)
{
  return 1.0 / sqrt ((double) fan_in);
}

/* Q itself: orthogonal_ multiplies it by the gain alone. */
static double
sigma_one (double scale,
           guint  fan_in,
           guint  fan_out)
{
  return 1.0;
}

/* The one table of init schemes: a new one is a row here (and its enum value). */
static const IscInitInfo inits[ISC_N_INITS] = {
  [ISC_INIT_ZERO]     = { "zero", N_("Zero"), "W = 0", sigma_zero, ISC_BASE_NORMAL },
  /* Translators: the gaussian scheme's formula: its σ is the "scale" setting */
  [ISC_INIT_GAUSSIAN] = { "gaussian", N_("Gaussian"), N_("σ = scale"), sigma_gaussian,
                          ISC_BASE_NORMAL },
  [ISC_INIT_XAVIER]   = { "xavier", N_("Xavier"), "σ = 1/√fan_in (= LeCun normal)", sigma_xavier,
                          ISC_BASE_NORMAL, TRUE, "glorot" },
  [ISC_INIT_GLOROT]   = { "glorot", N_("Glorot"), "σ = √(2/(fan_in+fan_out))", sigma_glorot,
                          ISC_BASE_NORMAL, TRUE, "xavier" },
  [ISC_INIT_KAIMING]  = { "kaiming", N_("Kaiming"), "σ = √(2/fan_in)", sigma_kaiming,
                          ISC_BASE_NORMAL, TRUE },
  /* every weight the scale: W = scale · a matrix of ones, nothing drawn */
  [ISC_INIT_CONSTANT] = { "constant", N_("Constant"), N_("W = scale"), sigma_gaussian,
                          ISC_BASE_ONES },
  [ISC_INIT_GLOROT_UNIFORM] = { "glorot-uniform", N_("Glorot uniform"),
                                "W ~ U(±√(6/(fan_in+fan_out)))", sigma_glorot_uniform,
                                ISC_BASE_UNIFORM, TRUE },
  [ISC_INIT_KAIMING_UNIFORM] = { "kaiming-uniform", N_("Kaiming uniform"), "W ~ U(±√(6/fan_in))",
                                 sigma_kaiming_uniform, ISC_BASE_UNIFORM, TRUE },
  [ISC_INIT_ORTHOGONAL] = { "orthogonal", N_("Orthogonal"), "W = Q of the QR of a Gaussian matrix",
                            sigma_one, ISC_BASE_ORTHOGONAL, TRUE },
  [ISC_INIT_TORCH_DEFAULT] = { "torch-default", N_("PyTorch default"), "W ~ U(±1/√fan_in)",
                               sigma_torch_default, ISC_BASE_UNIFORM, TRUE },
  /* the rescaling sets the variance: no gain */
  [ISC_INIT_LSUV] = { "lsuv", N_("LSUV"), "W = c_l·Q, Var(z_l) = 1 on the batch", sigma_one,
                      ISC_BASE_ORTHOGONAL, FALSE, NULL, TRUE },
};

const IscInitInfo *
isc_init_get_info (IscInit init)
{
  g_return_val_if_fail ((guint) init < ISC_N_INITS, &inits[ISC_INIT_ZERO]);
  return &inits[init];
}

double
isc_init_sigma (IscInit init,
                double  scale,
                guint   fan_in,
                guint   fan_out)
{
  g_return_val_if_fail ((guint) init < ISC_N_INITS, 0.0);
  return inits[init].sigma (scale, fan_in, fan_out);
}

gboolean
isc_init_uses_gain (IscInit init)
{
  g_return_val_if_fail ((guint) init < ISC_N_INITS, FALSE);
  return inits[init].gain;
}

IscInit
isc_init_coincides_with (IscInit init)
{
  g_return_val_if_fail ((guint) init < ISC_N_INITS, ISC_N_INITS);
  for (guint i = 0; inits[init].same_as != NULL && i < ISC_N_INITS; i++)
    if (g_strcmp0 (inits[i].name, inits[init].same_as) == 0)
      return i;
  return ISC_N_INITS;
}

double
isc_config_sigma (const IscConfig *config,
                  guint            fan_in,
                  guint            fan_out)
{
  const IscInitInfo *info = isc_init_get_info (config->init);
  double sigma = info->sigma (config->scale, fan_in, fan_out);

  return info->gain ? config->gain * sigma : sigma;
}

double
isc_config_weight_std (const IscConfig *config,
                       guint            fan_in,
                       guint            fan_out)
{
  double sigma = isc_config_sigma (config, fan_in, fan_out);

  switch (isc_init_get_info (config->init)->base)
    {
    case ISC_BASE_UNIFORM:
      return sigma / sqrt (3.0);
    case ISC_BASE_ORTHOGONAL:
      /* unit rows or columns of the longer side's length */
      return sigma / sqrt ((double) MAX (fan_in, fan_out));
    case ISC_BASE_NORMAL:
    default:
      return sigma;
    }
}

const char * const *
isc_init_get_names (void)
{
  static const char *names[ISC_N_INITS + 1];
  static gsize filled;

  if (g_once_init_enter (&filled))
    {
      for (guint i = 0; i < ISC_N_INITS; i++)
        names[i] = inits[i].name;
      g_once_init_leave (&filled, 1);
    }
  return names;
}

const char *
isc_init_to_string (IscInit init)
{
  g_return_val_if_fail ((guint) init < ISC_N_INITS, NULL);
  return inits[init].name;
}

gboolean
isc_init_from_string (const char  *name,
                      IscInit     *init,
                      GError     **error)
{
  guint i;

  if (!isc_names_lookup (isc_init_get_names (), name,
                         _("unknown init scheme “%s” (expected %s)"), &i, error))
    return FALSE;
  *init = i;
  return TRUE;
}

const char *
isc_init_get_label (IscInit init)
{
  g_return_val_if_fail ((guint) init < ISC_N_INITS, NULL);
  return _(inits[init].label);
}

const char *
isc_init_get_formula (IscInit init)
{
  g_return_val_if_fail ((guint) init < ISC_N_INITS, NULL);
  /* only the formulas with the word "scale" are translated; the others are maths */
  return init == ISC_INIT_GAUSSIAN || init == ISC_INIT_CONSTANT ? _(inits[init].formula)
                                                                : inits[init].formula;
}
