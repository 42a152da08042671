/* isc-diagnosis.h — the figure explained in words: what a result shows, in a sentence or two
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "isc-result.h"

G_BEGIN_DECLS

/* The phenomenon a result shows, the first that holds in this order (a net with
 * overflowed values is said to overflow, whatever else it does). */
typedef enum
{
  ISC_DIAGNOSIS_NONE,       /* no result, or no layers */
  ISC_DIAGNOSIS_NONFINITE,  /* values overflowed to ±Inf or NaN */
  ISC_DIAGNOSIS_SYMMETRIC,  /* every unit of the last layer the same: a constant init */
  ISC_DIAGNOSIS_SATURATED,  /* the last layer saturated (isc-notes' threshold) */
  ISC_DIAGNOSIS_EXPLODING,  /* the std grows (isc-notes' exploding) */
  ISC_DIAGNOSIS_COLLAPSED,  /* the std shrinks (isc-notes' collapsed) */
  ISC_DIAGNOSIS_DEAD,       /* the last layer dead (isc-notes' threshold) */
  ISC_DIAGNOSIS_HEALTHY,    /* none of these: the signal keeps its scale */
} IscDiagnosisKind;

/* "collapsed", ... (for tests and logs; not translated) */
const char       *isc_diagnosis_kind_to_string (IscDiagnosisKind  kind);

/* The phenomenon of @result (NULL allowed), and in @text (may be NULL; free with
 * g_free()) one or two translated sentences with its numbers, e.g. "σ too small: the
 * std shrinks ×0.22 a layer; by layer 10 the signal is 1e-06 of layer 1's". */
IscDiagnosisKind  isc_diagnosis_compute        (const IscResult  *result,
                                                char            **text);

/* The std ratio of @view from one layer to the next, on (geometric) average over
 * the net: (std_last / std_first)^(1/(n−1)); 1 for one layer, 0 when the first std is
 * 0 or not finite, and NaN when @view did not run. */
double            isc_diagnosis_per_layer      (const IscResult  *result,
                                                IscView           view);

/* One short line per layer of @view, for a screen reader: "Layer 4: std 0.0024, 0 %
 * saturated". Lines joined by "\n". Free with g_free(). */
char             *isc_diagnosis_describe_layers (const IscResult *result,
                                                 IscView          view);

G_END_DECLS
