/* isc-notes.c — what is notable in a result
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "isc-notes"

#include "config.h"

#include <math.h>

#include "isc-notes.h"

guint
isc_notes_layer_kinds (const IscLayerStats *stats)
{
  guint kinds = 0;

  g_return_val_if_fail (stats != NULL, 0);

  if (stats->saturated > ISC_NOTES_SATURATED_FRACTION)
    kinds |= ISC_NOTE_MASK (ISC_NOTE_SATURATED);
  if (stats->zero > ISC_NOTES_DEAD_FRACTION)
    kinds |= ISC_NOTE_MASK (ISC_NOTE_DEAD);
  if (stats->nonfinite > 0)
    kinds |= ISC_NOTE_MASK (ISC_NOTE_NONFINITE);
  return kinds;
}

static double
layer_value (const IscLayerStats *stats,
             IscNoteKind          kind)
{
  switch (kind)
    {
    case ISC_NOTE_SATURATED:
      return stats->saturated;
    case ISC_NOTE_DEAD:
      return stats->zero;
    case ISC_NOTE_NONFINITE:
      return (double) stats->nonfinite;
    case ISC_NOTE_COLLAPSED:
    case ISC_NOTE_EXPLODING:
    case ISC_N_NOTE_KINDS:
    default:
      g_return_val_if_reached (0.0);
    }
}

static void
add_note (GArray      *notes,
          IscNoteKind  kind,
          guint        layer,
          double       value)
{
  IscNote note = { kind, layer, value };

  g_array_append_val (notes, note);
}

/* Collapsed or exploding, judged on the std of the first layer against the last:
 * a std that went to 0 from a non-zero start collapsed; a net whose values
 * overflowed exploded, whatever its finite values' std says. */
static void
add_net_notes (GArray          *notes,
               const IscResult *result,
               gboolean         overflowed)
{
  guint n_layers = isc_result_get_n_layers (result);
  double first = isc_result_get_layer (result, 0)->std;
  double last = isc_result_get_layer (result, n_layers - 1)->std;
  double ratio, per_layer;

  if (overflowed)
    {
      add_note (notes, ISC_NOTE_EXPLODING, ISC_NOTES_NET, INFINITY);
      return;
    }
  /* one layer has no trend; an all-zero first layer (W = 0) is dead, not collapsed */
  if (n_layers < 2 || !(first > 0.0) || !isfinite (first) || !isfinite (last))
    return;

  ratio = last / first;
  per_layer = pow (ratio, 1.0 / (n_layers - 1));
  if (ratio < ISC_NOTES_COLLAPSED_RATIO || per_layer < ISC_NOTES_COLLAPSED_PER_LAYER)
    add_note (notes, ISC_NOTE_COLLAPSED, ISC_NOTES_NET, ratio);
  else if (ratio > ISC_NOTES_EXPLODING_RATIO || per_layer > ISC_NOTES_EXPLODING_PER_LAYER)
    add_note (notes, ISC_NOTE_EXPLODING, ISC_NOTES_NET, ratio);
}

GArray *
isc_notes_compute (const IscResult *result)
{
  GArray *notes = g_array_new (FALSE, FALSE, sizeof (IscNote));
  guint n_layers;
  gboolean overflowed = FALSE;

  g_return_val_if_fail (result != NULL, notes);

  n_layers = isc_result_get_n_layers (result);
  for (guint l = 0; l < n_layers; l++)
    {
      const IscLayerStats *stats = isc_result_get_layer (result, l);
      guint kinds = isc_notes_layer_kinds (stats);

      for (IscNoteKind k = 0; k < ISC_N_NOTE_KINDS; k++)
        if (kinds & ISC_NOTE_MASK (k))
          add_note (notes, k, l, layer_value (stats, k));
      overflowed |= stats->nonfinite > 0;
    }
  if (n_layers > 0)
    add_net_notes (notes, result, overflowed);
  return notes;
}

const IscNote *
isc_notes_find (GArray      *notes,
                IscNoteKind  kind)
{
  g_return_val_if_fail (notes != NULL, NULL);

  for (guint i = 0; i < notes->len; i++)
    if (g_array_index (notes, IscNote, i).kind == kind)
      return &g_array_index (notes, IscNote, i);
  return NULL;
}

const char *
isc_note_kind_to_string (IscNoteKind kind)
{
  static const char * const names[ISC_N_NOTE_KINDS] = {
    [ISC_NOTE_SATURATED] = "saturated",
    [ISC_NOTE_DEAD] = "dead",
    [ISC_NOTE_NONFINITE] = "non-finite",
    [ISC_NOTE_COLLAPSED] = "collapsed",
    [ISC_NOTE_EXPLODING] = "exploding",
  };

  g_return_val_if_fail ((guint) kind < ISC_N_NOTE_KINDS, NULL);
  return names[kind];
}
