/* isc-diagnosis.c — the figure explained in words
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The phenomena are isc-notes' (one set of thresholds for the CLI's warning, the
 * figure's marks and these words); this file only picks the one to tell and puts
 * its numbers into a sentence.
 */

#define G_LOG_DOMAIN "isc-diagnosis"

#include "config.h"

#include <inttypes.h>
#include <math.h>

#include <glib/gi18n.h>

#include "isc-diagnosis.h"
#include "isc-notes.h"

static const char * const kind_names[] = {
  "none", "nonfinite", "symmetric", "saturated", "exploding", "collapsed", "dead", "healthy",
};

G_STATIC_ASSERT (G_N_ELEMENTS (kind_names) == ISC_DIAGNOSIS_HEALTHY + 1);

const char *
isc_diagnosis_kind_to_string (IscDiagnosisKind kind)
{
  g_return_val_if_fail (kind <= ISC_DIAGNOSIS_HEALTHY, NULL);
  return kind_names[kind];
}

double
isc_diagnosis_per_layer (const IscResult *result,
                         IscView          view)
{
  guint n;
  const IscLayerStats *first, *last;

  g_return_val_if_fail (result != NULL, NAN);

  n = isc_result_get_n_layers (result);
  if (n == 0 || !isc_result_has_view (result, view))
    return NAN;
  if (n == 1)
    return 1.0;
  first = isc_result_get_view_layer (result, view, 0);
  last = isc_result_get_view_layer (result, view, n - 1);
  if (!(first->std > 0.0) || !isfinite (first->std))
    return 0.0;
  return pow (last->std / first->std, 1.0 / (n - 1));
}

/* "; back-propagated gradients shrink ×0.22 a layer" towards the input, or "" */
static char *
gradient_clause (const IscResult *result)
{
  double per_layer = isc_diagnosis_per_layer (result, ISC_VIEW_GRADIENTS);

  /* δ is measured from the read-out back: towards the input is the inverse ratio */
  if (isnan (per_layer) || isc_result_get_n_layers (result) < 2 || per_layer <= 0.0)
    return g_strdup ("");
  per_layer = 1.0 / per_layer;
  if (per_layer > ISC_NOTES_EXPLODING_PER_LAYER)
    /* Translators: follows a sentence about the activations; %.2g is a factor, ×3.5 */
    return g_strdup_printf (_("; back-propagated gradients grow ×%.2g a layer"), per_layer);
  if (per_layer < ISC_NOTES_COLLAPSED_PER_LAYER)
    /* Translators: follows a sentence about the activations; %.2g is a factor, ×0.22 */
    return g_strdup_printf (_("; back-propagated gradients shrink ×%.2g a layer"), per_layer);
  return g_strdup (_("; the gradients keep their scale"));
}

static char *
describe (const IscResult  *result,
          IscDiagnosisKind  kind,
          GArray           *notes)
{
  guint n = isc_result_get_n_layers (result);
  const IscLayerStats *first = isc_result_get_layer (result, 0);
  const IscLayerStats *last = isc_result_get_layer (result, n - 1);
  double per_layer = isc_diagnosis_per_layer (result, ISC_VIEW_ACTIVATIONS);
  g_autofree char *grad = gradient_clause (result);
  double ratio = first->std > 0.0 ? last->std / first->std : 0.0;
  /* "σ too small" is advice only where σ is the user's to change */
  gboolean gaussian = isc_result_get_config (result)->init == ISC_INIT_GAUSSIAN;

  switch (kind)
    {
    case ISC_DIAGNOSIS_NONFINITE:
      return g_strdup_printf (_("The values overflowed: %" PRIu64
                                " are not finite in layer %u"),
                              (uint64_t) last->nonfinite, n);
    case ISC_DIAGNOSIS_SYMMETRIC:
      return g_strdup_printf (_("Every unit is the same: the weights are constant, so the "
                                "symmetry is never broken (std %.2g in layer %u)"),
                              last->std, n);
    case ISC_DIAGNOSIS_SATURATED:
      /* Translators: %.0f %% is a share of the units, then the layer */
      return g_strdup_printf (_("σ too large: %.0f %% of units saturated in layer %u, where "
                                "the local gradient vanishes%s"),
                              100.0 * last->saturated, n, grad);
    case ISC_DIAGNOSIS_EXPLODING:
      if (!gaussian)
        return g_strdup_printf (_("The signal explodes: the std grows ×%.2g a layer; by layer %u "
                                  "it is %.1e times layer 1’s%s"),
                                per_layer, n, ratio, grad);
      return g_strdup_printf (_("σ too large: the std grows ×%.2g a layer; by layer %u the "
                                "signal is %.1e times layer 1’s%s"),
                              per_layer, n, ratio, grad);
    case ISC_DIAGNOSIS_COLLAPSED:
      if (!gaussian)
        return g_strdup_printf (_("The signal collapses: the std shrinks ×%.2g a layer; by layer "
                                  "%u it is %.1e of layer 1’s%s"),
                                per_layer, n, ratio, grad);
      return g_strdup_printf (_("σ too small: the std shrinks ×%.2g a layer; by layer %u the "
                                "signal is %.1e of layer 1’s%s"),
                              per_layer, n, ratio, grad);
    case ISC_DIAGNOSIS_DEAD:
      return g_strdup_printf (_("%.0f %% of the units in layer %u are dead (exactly 0)%s"),
                              100.0 * last->zero, n, grad);
    case ISC_DIAGNOSIS_HEALTHY:
      return g_strdup_printf (_("The signal keeps its scale: the std changes ×%.2g a layer, "
                                "%.2g in layer %u%s"),
                              per_layer, last->std, n, grad);
    case ISC_DIAGNOSIS_NONE:
    default:
      return g_strdup (_("No figure yet"));
    }
}

static IscDiagnosisKind
classify (const IscResult *result,
          GArray          *notes)
{
  guint n = isc_result_get_n_layers (result);
  const IscLayerStats *last = isc_result_get_layer (result, n - 1);
  guint last_kinds = isc_notes_layer_kinds (last);

  if (isc_notes_find (notes, ISC_NOTE_NONFINITE) != NULL)
    return ISC_DIAGNOSIS_NONFINITE;
  /* one distinct unit in a wider net: only a constant init does that */
  if (isc_result_get_units (result) > 1 && isc_result_get_distinct (result, n - 1) == 1)
    return ISC_DIAGNOSIS_SYMMETRIC;
  if (last_kinds & ISC_NOTE_MASK (ISC_NOTE_SATURATED))
    return ISC_DIAGNOSIS_SATURATED;
  if (isc_notes_find (notes, ISC_NOTE_EXPLODING) != NULL)
    return ISC_DIAGNOSIS_EXPLODING;
  if (isc_notes_find (notes, ISC_NOTE_COLLAPSED) != NULL)
    return ISC_DIAGNOSIS_COLLAPSED;
  if (last_kinds & ISC_NOTE_MASK (ISC_NOTE_DEAD))
    return ISC_DIAGNOSIS_DEAD;
  return ISC_DIAGNOSIS_HEALTHY;
}

IscDiagnosisKind
isc_diagnosis_compute (const IscResult  *result,
                       char            **text)
{
  g_autoptr(GArray) notes = NULL;
  IscDiagnosisKind kind;

  if (result == NULL || isc_result_get_n_layers (result) == 0)
    {
      if (text)
        *text = g_strdup (_("No figure yet"));
      return ISC_DIAGNOSIS_NONE;
    }
  notes = isc_notes_compute (result);
  kind = classify (result, notes);
  if (text)
    *text = describe (result, kind, notes);
  return kind;
}

char *
isc_diagnosis_describe_layers (const IscResult *result,
                               IscView          view)
{
  GString *lines;
  gboolean bounded;

  g_return_val_if_fail (result != NULL, NULL);

  if (!isc_result_has_view (result, view))
    view = ISC_VIEW_ACTIVATIONS;
  /* saturation is a tanh/sigmoid thing; ReLU's tell is its exact zeros */
  bounded = view == ISC_VIEW_ACTIVATIONS &&
            (isc_result_get_config (result)->activation == ISC_ACTIVATION_TANH ||
             isc_result_get_config (result)->activation == ISC_ACTIVATION_SIGMOID);
  lines = g_string_new (NULL);
  for (guint l = 0; l < isc_result_get_n_layers (result); l++)
    {
      const IscLayerStats *stats = isc_result_get_view_layer (result, view, l);

      if (l > 0)
        g_string_append_c (lines, '\n');
      if (bounded)
        g_string_append_printf (lines, _("Layer %u: std %.2g, %.0f %% saturated"),
                                l + 1, stats->std, 100.0 * stats->saturated);
      else
        g_string_append_printf (lines, _("Layer %u: std %.2g, %.0f %% zero"),
                                l + 1, stats->std, 100.0 * stats->zero);
    }
  return g_string_free (lines, FALSE);
}
