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
} IscInitInfo;

/* The row of @init (a valid IscInit). */
const IscInitInfo *isc_init_get_info (IscInit init);

G_END_DECLS
