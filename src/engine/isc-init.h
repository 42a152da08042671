/* isc-init.h — the init schemes as one table: name, label, formula, σ, base distribution
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * IscInit and the lookups callers use (isc_init_sigma, isc_init_to_string,
 * isc_init_from_string, isc_init_get_label, isc_init_get_formula,
 * isc_init_get_names) are declared in isc-config.h and read this table.
 */

#pragma once

#include "isc-cache.h"
#include "isc-config.h"

G_BEGIN_DECLS

/* σ of the scheme for a layer of @fan_in inputs and @fan_out outputs;
 * @scale is the gaussian scheme's σ, ignored by the others. */
typedef double (*IscSigmaFunc) (double scale,
                                guint  fan_in,
                                guint  fan_out);

typedef struct
{
  const char  *name;     /* CLI and GSettings */
  const char  *label;    /* marked for translation; the window, the figure */
  const char  *formula;  /* shown beside the label */
  IscSigmaFunc sigma;
  IscBase      base;     /* W = σ · a matrix of this distribution */
  gboolean     gain;     /* --gain multiplies σ */
  const char  *same_as;  /* the scheme it equals when fan_in = fan_out, or NULL */
  gboolean     lsuv;     /* σ rescaled per layer on the batch (isc-run.c) */
} IscInitInfo;

/* LSUV (Mishkin & Matas 2015): each layer's σ is rescaled until the variance
 * of its pre-activations on the batch is within ISC_LSUV_TOLERANCE of 1, at
 * most ISC_LSUV_MAX_ROUNDS times. */
#define ISC_LSUV_TOLERANCE  0.05
#define ISC_LSUV_MAX_ROUNDS 10

/* The row of @init (a valid IscInit). */
const IscInitInfo *isc_init_get_info (IscInit init);

G_END_DECLS
