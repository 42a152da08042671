/* isc-notes.h — what is notable in a result: saturated, dead, non-finite, collapsed, exploding
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "isc-result.h"

G_BEGIN_DECLS

/* The one set of thresholds: the CLI's warning, the figure's panel marks and the
 * window's status line all use these. */

/* A layer is saturated when more than half its values are in the saturation band
 * (|a| > 0.99 for tanh, a < 0.01 or a > 0.99 for sigmoid): its histogram is two
 * spikes at the edges, and its gradient is mostly gone. */
#define ISC_NOTES_SATURATED_FRACTION  0.5
/* Dead: more than 90 % of a layer's values exactly 0. A healthy ReLU layer has
 * about half; past nine in ten most units never fire (or every weight is 0). */
#define ISC_NOTES_DEAD_FRACTION       0.9
/* Collapsed: the last layer's std below 1e-3 of the first layer's, or shrinking by
 * more than a factor 0.75 a layer on (geometric) average — the lecture's ReLU +
 * Xavier (1/√2 a layer) while Xavier on tanh (≈ 0.9) and Kaiming on ReLU (≈ 1) pass. */
#define ISC_NOTES_COLLAPSED_RATIO     1e-3
#define ISC_NOTES_COLLAPSED_PER_LAYER 0.75
/* Exploding: the mirror image (last std above 1e3 × the first, or growing by more
 * than 1/0.75 a layer), or values that overflowed to ±Inf/NaN. */
#define ISC_NOTES_EXPLODING_RATIO     1e3
#define ISC_NOTES_EXPLODING_PER_LAYER (1.0 / ISC_NOTES_COLLAPSED_PER_LAYER)

typedef enum
{
  ISC_NOTE_SATURATED,   /* per layer; value: the fraction saturated */
  ISC_NOTE_DEAD,        /* per layer; value: the fraction exactly 0 */
  ISC_NOTE_NONFINITE,   /* per layer; value: the count of NaN and ±Inf */
  ISC_NOTE_COLLAPSED,   /* the whole net; value: last std / first std */
  ISC_NOTE_EXPLODING,   /* the whole net; value: last std / first std (+Inf on overflow) */
  ISC_N_NOTE_KINDS
} IscNoteKind;

#define ISC_NOTE_MASK(kind) (1u << (kind))
/* The layer of a note about the whole net. */
#define ISC_NOTES_NET G_MAXUINT

typedef struct
{
  IscNoteKind kind;
  guint       layer;  /* counted from 0, or ISC_NOTES_NET */
  double      value;
} IscNote;

/* The per-layer kinds that hold for one layer's statistics, as ISC_NOTE_MASK() bits. */
guint        isc_notes_layer_kinds   (const IscLayerStats *stats);

/* Every note of @result: per-layer notes in layer order, then the whole net's.
 * An array of IscNote; free with g_array_unref(). */
GArray      *isc_notes_compute       (const IscResult     *result);
/* The first note of @kind in @notes, or NULL. */
const IscNote *isc_notes_find        (GArray              *notes,
                                      IscNoteKind          kind);
/* "saturated", "dead", "non-finite", "collapsed", "exploding" */
const char  *isc_note_kind_to_string (IscNoteKind          kind);

G_END_DECLS
