/* isc-config-fields.c — the one table of IscConfig's fields
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "isc-config"

#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <stddef.h>

#include <glib/gi18n.h>

#include "isc-config-fields.h"
#include "isc-names.h"
#include "isc-norm.h"

#define UINT_ROW(n, b, f, lo, hi, def, help) \
  { n, ISC_FIELD_TYPE_UINT, b, offsetof (IscConfig, f), lo, hi, def, 0, 0, 0, FALSE, NULL, \
    n, "N", help, n }

/* Adding a field: a member of IscConfig, a bit of IscConfigField, a row here, a key in
 * data/…gschema.xml with the same range and default (tests/data/test-schema.c checks),
 * and its use in the run. Validation, the CLI flag, --help and GSettings follow. */
static const IscConfigFieldInfo fields[] = {
  { "init", ISC_FIELD_TYPE_ENUM, ISC_CONFIG_FIELD_INIT, offsetof (IscConfig, init),
    0, ISC_N_INITS - 1, ISC_INIT_GAUSSIAN, 0, 0, 0, FALSE, isc_init_get_names,
    "init", N_("NAME"), N_("Weight initialization"), "init" },
  { "scale", ISC_FIELD_TYPE_DOUBLE, ISC_CONFIG_FIELD_SCALE, offsetof (IscConfig, scale),
    0, 0, 0, ISC_SCALE_MIN, ISC_SCALE_MAX, 0.01, TRUE, NULL,
    "scale", "S", N_("σ of the gaussian scheme"), "scale" },
  { "activation", ISC_FIELD_TYPE_ENUM, ISC_CONFIG_FIELD_ACTIVATION,
    offsetof (IscConfig, activation),
    0, ISC_N_ACTIVATIONS - 1, ISC_ACTIVATION_TANH, 0, 0, 0, FALSE, isc_activation_get_names,
    "activation", N_("NAME"), N_("Activation function"), "activation" },
  UINT_ROW ("depth", ISC_CONFIG_FIELD_DEPTH, depth, ISC_DEPTH_MIN, ISC_DEPTH_MAX, 10,
            N_("Number of layers")),
  UINT_ROW ("width", ISC_CONFIG_FIELD_WIDTH, width, ISC_WIDTH_MIN, ISC_WIDTH_MAX, 500,
            N_("Neurons per layer")),
  UINT_ROW ("batch", ISC_CONFIG_FIELD_BATCH, batch, ISC_BATCH_MIN, ISC_BATCH_MAX, 1000,
            N_("Input samples")),
  { "seed", ISC_FIELD_TYPE_UINT64, ISC_CONFIG_FIELD_SEED, offsetof (IscConfig, seed),
    0, G_MAXUINT64, 0, 0, 0, 0, FALSE, NULL, "seed", "N", N_("Random seed"), "seed" },
  UINT_ROW ("bins", ISC_CONFIG_FIELD_BINS, bins, ISC_BINS_MIN, ISC_BINS_MAX, 50,
            N_("Histogram bins")),
  { "norm", ISC_FIELD_TYPE_ENUM, ISC_CONFIG_FIELD_NORM, offsetof (IscConfig, norm),
    0, ISC_N_NORMS - 1, ISC_NORM_NONE, 0, 0, 0, FALSE, isc_norm_get_names,
    "norm", N_("NAME"), N_("Normalization of the pre-activations before φ, without learned "
                          "scale or shift"), "norm" },
  { "gain", ISC_FIELD_TYPE_DOUBLE, ISC_CONFIG_FIELD_GAIN, offsetof (IscConfig, gain),
    0, 0, 0, ISC_GAIN_MIN, ISC_GAIN_MAX, 1.0, FALSE, NULL,
    "gain", "G", N_("Multiplies σ of the scale-free schemes"), "gain" },
  { "bias-scale", ISC_FIELD_TYPE_DOUBLE, ISC_CONFIG_FIELD_BIAS_SCALE,
    offsetof (IscConfig, bias_scale), 0, 0, 0, ISC_BIAS_SCALE_MIN, ISC_BIAS_SCALE_MAX, 0.0,
    FALSE, NULL, "bias-scale", "S", N_("σ of the biases, drawn per unit from N(0, S^2)"),
    "bias-scale" },
};

#undef UINT_ROW

/* enum fields are read and written as guint */
G_STATIC_ASSERT (sizeof (IscInit) == sizeof (guint));
G_STATIC_ASSERT (sizeof (IscActivation) == sizeof (guint));
G_STATIC_ASSERT (sizeof (IscNorm) == sizeof (guint));

const IscConfigFieldInfo *
isc_config_fields_get (guint *n_fields)
{
  if (n_fields)
    *n_fields = G_N_ELEMENTS (fields);
  return fields;
}

const IscConfigFieldInfo *
isc_config_field_lookup (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (name, fields[i].name) == 0)
      return &fields[i];
  return NULL;
}

static gpointer
member (const IscConfigFieldInfo *field,
        const IscConfig          *config)
{
  return (guint8 *) config + field->offset;
}

guint64
isc_config_field_get_uint (const IscConfigFieldInfo *field,
                           const IscConfig          *config)
{
  switch (field->type)
    {
    case ISC_FIELD_TYPE_ENUM:
    case ISC_FIELD_TYPE_UINT:
      return *(const guint *) member (field, config);
    case ISC_FIELD_TYPE_UINT64:
      return *(const guint64 *) member (field, config);
    case ISC_FIELD_TYPE_DOUBLE:
    default:
      g_return_val_if_reached (0);
    }
}

void
isc_config_field_set_uint (const IscConfigFieldInfo *field,
                           IscConfig                *config,
                           guint64                   value)
{
  switch (field->type)
    {
    case ISC_FIELD_TYPE_ENUM:
    case ISC_FIELD_TYPE_UINT:
      *(guint *) member (field, config) = (guint) MIN (value, G_MAXUINT);
      break;
    case ISC_FIELD_TYPE_UINT64:
      *(guint64 *) member (field, config) = value;
      break;
    case ISC_FIELD_TYPE_DOUBLE:
    default:
      g_return_if_reached ();
    }
}

double
isc_config_field_get_double (const IscConfigFieldInfo *field,
                             const IscConfig          *config)
{
  g_return_val_if_fail (field->type == ISC_FIELD_TYPE_DOUBLE, 0.0);
  return *(const double *) member (field, config);
}

void
isc_config_field_set_double (const IscConfigFieldInfo *field,
                             IscConfig                *config,
                             double                    value)
{
  g_return_if_fail (field->type == ISC_FIELD_TYPE_DOUBLE);
  *(double *) member (field, config) = value;
}

static gboolean
parse_name (const IscConfigFieldInfo *field,
            const char               *what,
            const char               *text,
            IscConfig                *config,
            GError                  **error)
{
  const char * const *names = field->get_names ();
  g_autofree char *list = NULL;

  for (guint i = 0; names[i] != NULL; i++)
    if (text != NULL && g_ascii_strcasecmp (text, names[i]) == 0)
      {
        isc_config_field_set_uint (field, config, i);
        return TRUE;
      }
  list = isc_names_join (names);
  g_set_error (error, ISC_CONFIG_ERROR, ISC_CONFIG_ERROR_UNKNOWN_NAME,
               /* Translators: the flag, the value given, the names expected */
               _("%s: unknown name “%s” (expected %s)"), what, text ? text : "", list);
  return FALSE;
}

gboolean
isc_config_field_parse (const IscConfigFieldInfo *field,
                        const char               *what,
                        const char               *text,
                        IscConfig                *config,
                        GError                  **error)
{
  guint64 u;
  double d;

  switch (field->type)
    {
    case ISC_FIELD_TYPE_ENUM:
      return parse_name (field, what, text, config, error);
    case ISC_FIELD_TYPE_UINT:
    case ISC_FIELD_TYPE_UINT64:
      if (!isc_parse_uint (what, text, field->umin, field->umax, &u, error))
        return FALSE;
      isc_config_field_set_uint (field, config, u);
      return TRUE;
    case ISC_FIELD_TYPE_DOUBLE:
      if (!isc_parse_double (what, text, field->dmin, field->dmax, &d, error))
        return FALSE;
      isc_config_field_set_double (field, config, d);
      return TRUE;
    default:
      g_return_val_if_reached (FALSE);
    }
}

gboolean
isc_config_field_check (const IscConfigFieldInfo *field,
                        const IscConfig          *config,
                        GError                  **error)
{
  if (field->type == ISC_FIELD_TYPE_DOUBLE)
    {
      double value = isc_config_field_get_double (field, config);

      if (isnan (value) || value < field->dmin || value > field->dmax)
        {
          g_set_error (error, ISC_CONFIG_ERROR, ISC_CONFIG_ERROR_OUT_OF_RANGE,
                       _("%s must be between %g and %g, not %g"), field->name,
                       field->dmin, field->dmax, value);
          return FALSE;
        }
      return TRUE;
    }
  else
    {
      guint64 value = isc_config_field_get_uint (field, config);

      if (field->type == ISC_FIELD_TYPE_ENUM && value > field->umax)
        {
          g_set_error (error, ISC_CONFIG_ERROR, ISC_CONFIG_ERROR_UNKNOWN_NAME,
                       _("unknown %s %" PRIu64), field->name, value);
          return FALSE;
        }
      if (value < field->umin || value > field->umax)
        {
          g_set_error (error, ISC_CONFIG_ERROR, ISC_CONFIG_ERROR_OUT_OF_RANGE,
                       _("%s must be from %" PRIu64 " to %" PRIu64 ", not %" PRIu64),
                       field->name, field->umin, field->umax, value);
          return FALSE;
        }
      return TRUE;
    }
}

char *
isc_config_field_default_text (const IscConfigFieldInfo *field)
{
  switch (field->type)
    {
    case ISC_FIELD_TYPE_ENUM:
      return g_strdup (field->get_names ()[field->udefault]);
    case ISC_FIELD_TYPE_UINT:
    case ISC_FIELD_TYPE_UINT64:
      return g_strdup_printf ("%" PRIu64, field->udefault);
    case ISC_FIELD_TYPE_DOUBLE:
      return g_strdup_printf ("%g", field->ddefault);
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
isc_config_field_range_text (const IscConfigFieldInfo *field)
{
  g_autofree char *lo = NULL;
  g_autofree char *hi = NULL;

  switch (field->type)
    {
    case ISC_FIELD_TYPE_ENUM:
      return isc_names_join (field->get_names ());
    case ISC_FIELD_TYPE_UINT:
    case ISC_FIELD_TYPE_UINT64:
      lo = g_strdup_printf ("%" PRIu64, field->umin);
      hi = g_strdup_printf ("%" PRIu64, field->umax);
      break;
    case ISC_FIELD_TYPE_DOUBLE:
      lo = g_strdup_printf ("%g", field->dmin);
      hi = g_strdup_printf ("%g", field->dmax);
      break;
    default:
      g_return_val_if_reached (NULL);
    }
  /* Translators: a range of values, e.g. "1 to 50" */
  return g_strdup_printf (_("%s to %s"), lo, hi);
}
