/* isc-config.c
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "isc-config"

#include "config.h"

#include <errno.h>
#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "isc-config.h"
#include "isc-config-fields.h"
#include "isc-norm.h"

G_DEFINE_QUARK (isc-config-error-quark, isc_config_error)

/* Every field its default, from the field table. */
void
isc_config_init_default (IscConfig *config)
{
  const IscConfigFieldInfo *fields;
  guint n_fields;

  g_return_if_fail (config != NULL);

  memset (config, 0, sizeof *config);
  fields = isc_config_fields_get (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      if (fields[i].type == ISC_FIELD_TYPE_DOUBLE)
        isc_config_field_set_double (&fields[i], config, fields[i].ddefault);
      else
        isc_config_field_set_uint (&fields[i], config, fields[i].udefault);
    }
}

/* Each field against its row of the field table. */
gboolean
isc_config_validate (const IscConfig  *config,
                     GError          **error)
{
  const IscConfigFieldInfo *fields;
  guint n_fields;

  g_return_val_if_fail (config != NULL, FALSE);

  fields = isc_config_fields_get (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    if (!isc_config_field_check (&fields[i], config, error))
      return FALSE;

  /* one sample has no batch statistics: its variance is 0, y = 0 */
  if (config->norm == ISC_NORM_BATCH && config->batch < 2)
    {
      g_set_error (error, ISC_CONFIG_ERROR, ISC_CONFIG_ERROR_INCOMPATIBLE,
                   _("--norm batch needs --batch of at least 2 (batch statistics of one "
                     "sample are undefined), not %u"), config->batch);
      return FALSE;
    }
  return TRUE;
}

static gboolean
field_equal (const IscConfigFieldInfo *field,
             const IscConfig          *a,
             const IscConfig          *b)
{
  if (field->type == ISC_FIELD_TYPE_DOUBLE)
    return isc_config_field_get_double (field, a) == isc_config_field_get_double (field, b);
  return isc_config_field_get_uint (field, a) == isc_config_field_get_uint (field, b);
}

/* Every field of the table: two configs that differ only in a field the run
 * ignores (the scale of a non-gaussian scheme) are still different requests. */
gboolean
isc_config_equal (const IscConfig *a,
                  const IscConfig *b)
{
  const IscConfigFieldInfo *fields;
  guint n_fields;

  fields = isc_config_fields_get (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    if (!field_equal (&fields[i], a, b))
      return FALSE;
  return TRUE;
}

char *
isc_config_describe (const IscConfig *config)
{
  g_autofree char *init = NULL;

  if (config->init == ISC_INIT_GAUSSIAN)
    init = g_strdup_printf ("%s σ = %g", isc_init_get_label (config->init), config->scale);
  else
    init = g_strdup (isc_init_get_label (config->init));

  if (config->norm != ISC_NORM_NONE)
    /* Translators: init scheme, activation, depth, width, batch, seed, normalization */
    return g_strdup_printf (_("%s · %s · %u layers × %u · batch %u · seed %" PRIu64 " · %s"),
                            init, isc_activation_get_label (config->activation),
                            config->depth, config->width, config->batch, config->seed,
                            isc_norm_get_label (config->norm));
  /* Translators: init scheme, activation, depth, width, batch, seed */
  return g_strdup_printf (_("%s · %s · %u layers × %u · batch %u · seed %" PRIu64),
                          init, isc_activation_get_label (config->activation),
                          config->depth, config->width, config->batch, config->seed);
}

/* The one rule for every number flag: decimal, ASCII, nothing around it.
 * Whole numbers are digits only; real ones may have a sign, a fraction and
 * an exponent (no hex, "inf" or "nan"). */
static gboolean
is_decimal (const char *text,
            gboolean    real)
{
  const char *p = text;
  gboolean digits = FALSE;

  if (real && (*p == '+' || *p == '-'))
    p++;
  for (; g_ascii_isdigit (*p); p++)
    digits = TRUE;
  if (real && *p == '.')
    for (p++; g_ascii_isdigit (*p); p++)
      digits = TRUE;
  if (!digits)
    return FALSE;
  if (real && (*p == 'e' || *p == 'E'))
    {
      p++;
      if (*p == '+' || *p == '-')
        p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  return *p == '\0';
}

gboolean
isc_parse_uint (const char  *what,
                const char  *text,
                guint64      min,
                guint64      max,
                guint64     *out,
                GError     **error)
{
  guint64 value = 0;
  gboolean overflow = FALSE;

  if (text == NULL || !is_decimal (text, FALSE))
    {
      g_set_error (error, ISC_CONFIG_ERROR, ISC_CONFIG_ERROR_NOT_A_NUMBER,
                   _("%s must be a whole number from %" PRIu64
                     " to %" PRIu64 ", not “%s”"),
                   what, min, max, text ? text : "");
      return FALSE;
    }
  for (const char *p = text; *p != '\0' && !overflow; p++)
    {
      guint digit = *p - '0';

      overflow = value > (G_MAXUINT64 - digit) / 10;
      value = value * 10 + digit;
    }
  if (overflow || value < min || value > max)
    {
      g_set_error (error, ISC_CONFIG_ERROR, ISC_CONFIG_ERROR_OUT_OF_RANGE,
                   _("%s must be from %" PRIu64 " to %" PRIu64
                     ", not %s"), what, min, max, text);
      return FALSE;
    }

  *out = value;
  return TRUE;
}

gboolean
isc_parse_double (const char  *what,
                  const char  *text,
                  double       min,
                  double       max,
                  double      *out,
                  GError     **error)
{
  double value;
  int saved_errno;

  if (text == NULL || !is_decimal (text, TRUE))
    {
      g_set_error (error, ISC_CONFIG_ERROR, ISC_CONFIG_ERROR_NOT_A_NUMBER,
                   _("%s must be a decimal number from %g to %g, not “%s”"),
                   what, min, max, text ? text : "");
      return FALSE;
    }
  errno = 0;
  value = g_ascii_strtod (text, NULL);
  saved_errno = errno;
  /* A value too close to 0 for a double is rejected, not rounded to 0
   * or to a subnormal: "1e-400" is no way to write 0. */
  if (value != 0.0 ? fabs (value) < DBL_MIN : saved_errno == ERANGE)
    {
      g_set_error (error, ISC_CONFIG_ERROR, ISC_CONFIG_ERROR_OUT_OF_RANGE,
                   /* Translators: the flag, the value, the smallest non-zero value */
                   _("%s: %s is too small to represent (use 0, or at least %g)"),
                   what, text, DBL_MIN);
      return FALSE;
    }
  if (!isfinite (value) || value < min || value > max)
    {
      g_set_error (error, ISC_CONFIG_ERROR, ISC_CONFIG_ERROR_OUT_OF_RANGE,
                   _("%s must be from %g to %g, not %s"), what, min, max, text);
      return FALSE;
    }

  /* -0 is 0: nothing downstream should print "-0" */
  *out = value == 0.0 ? 0.0 : value;
  return TRUE;
}
