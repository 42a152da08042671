/* isc-stats-csv.c — a result's statistics as CSV, one row a layer
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "isc-export"

#include "config.h"

#include "isc-export.h"
#include "isc-theory-config.h"

static void
append_number (GString *out,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* "%.9g" and a '.' whatever the locale: a spreadsheet reads it back; never "-0" */
  if (value == 0.0)
    value = 0.0;
  g_string_append_c (out, ',');
  g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.9g", value));
}

/* A mean and std of a view's layer, or two empty fields: not computed, or
 * no finite value (a statistic that does not exist is not 0). */
static void
append_view_moments (GString         *out,
                     const IscResult *result,
                     IscView          view,
                     guint            layer)
{
  const IscLayerStats *s = isc_result_get_view_layer (result, view, layer);

  if (s == NULL || s->nonfinite == s->count)
    {
      g_string_append (out, ",,");
      return;
    }
  append_number (out, s->mean);
  append_number (out, s->std);
}

/* grad_mean,grad_std,wgrad_mean,wgrad_std,distinct */
static void
append_gradients (GString         *out,
                  const IscResult *result,
                  guint            layer)
{
  guint distinct = isc_result_get_distinct (result, layer);

  append_view_moments (out, result, ISC_VIEW_GRADIENTS, layer);
  append_view_moments (out, result, ISC_VIEW_WEIGHT_GRADIENTS, layer);
  if (distinct > 0)
    g_string_append_printf (out, ",%u", distinct);
  else
    g_string_append_c (out, ',');
}

/* theory_std,theory_grad_std (empty where the theory does not apply) and the
 * line's end; the gradient's prediction only where the backward pass ran. */
static void
append_theory (GString               *out,
               const IscResult       *result,
               const IscTheoryLayer  *theory,
               guint                  layer)
{
  if (theory == NULL)
    {
      g_string_append (out, ",,\n");
      return;
    }
  append_number (out, theory[layer].std);
  if (isc_result_has_gradients (result))
    append_number (out, theory[layer].grad_std);
  else
    g_string_append_c (out, ',');
  g_string_append_c (out, '\n');
}

static void append_rows (GString         *out,
                         const IscResult *result,
                         const char      *config);

char *
isc_export_stats_to_string (const IscResult *result)
{
  GString *out;

  g_return_val_if_fail (result != NULL, NULL);

  out = g_string_new (ISC_STATS_CSV_HEADER "\n");
  append_rows (out, result, NULL);
  return g_string_free (out, FALSE);
}

char *
isc_export_compare_to_string (const IscResult *result,
                              const IscResult *reference)
{
  GString *out;

  g_return_val_if_fail (result != NULL, NULL);
  if (reference == NULL)
    return isc_export_stats_to_string (result);

  out = g_string_new ("config," ISC_STATS_CSV_HEADER "\n");
  append_rows (out, result, "current");
  append_rows (out, reference, "reference");
  return g_string_free (out, FALSE);
}

/* One row a layer; each led by @config and a comma when it is not NULL. */
static void
append_rows (GString         *out,
             const IscResult *result,
             const char      *config)
{
  guint n = isc_result_get_n_layers (result);
  const IscConfig *cfg = isc_result_get_config (result);
  /* the prediction of the run's net: a preview's is the full net's by construction */
  g_autofree IscTheoryLayer *theory = isc_theory_config_compute (cfg, NULL);

  for (guint l = 0; l < n; l++)
    {
      const IscLayerStats *s = isc_result_get_layer (result, l);

      if (config != NULL)
        g_string_append_printf (out, "%s,", config);
      g_string_append_printf (out, "%u", l + 1);
      if (s->nonfinite < s->count)
        {
          append_number (out, s->mean);
          append_number (out, s->std);
          append_number (out, s->min);
          append_number (out, s->max);
        }
      else
        g_string_append (out, ",,,,");  /* no finite value: these do not exist, they are not 0 */
      append_number (out, s->saturated);
      append_number (out, s->zero);
      g_string_append_printf (out, ",%" G_GUINT64_FORMAT, s->nonfinite);
      append_gradients (out, result, l);
      append_theory (out, result, theory, l);
    }
}
