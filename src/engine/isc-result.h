/* isc-result.h — what one run of the network produced: immutable, ref-counted
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "isc-config.h"

G_BEGIN_DECLS

#define ISC_TYPE_RESULT (isc_result_get_type ())

/* Thresholds of the saturation statistic. */
#define ISC_TANH_SATURATION     0.99
#define ISC_SIGMOID_SATURATION  0.01  /* a < 0.01 or a > 0.99 */

typedef struct
{
  double   mean;       /* over the finite values */
  double   std;        /* population standard deviation, finite values */
  double   min;        /* finite values; 0 when there are none */
  double   max;
  double   saturated;  /* fraction of all values: |a| > 0.99 (tanh), a < 0.01 or a > 0.99 (sigmoid) */
  double   zero;       /* fraction of all values exactly 0 */
  guint64  nonfinite;  /* count of NaN and ±Inf */
  guint64  count;      /* batch × width */
  const guint64 *bins; /* n_bins counts over the result's shared range */
} IscLayerStats;

typedef struct _IscResult IscResult;

GType                isc_result_get_type      (void) G_GNUC_CONST;
IscResult           *isc_result_ref           (IscResult       *result);
void                 isc_result_unref         (IscResult       *result);

const IscConfig     *isc_result_get_config    (const IscResult *result);
guint                isc_result_get_n_layers  (const IscResult *result);
const IscLayerStats *isc_result_get_layer     (const IscResult *result,
                                               guint            layer);
guint                isc_result_get_n_bins    (const IscResult *result);
void                 isc_result_get_range     (const IscResult *result,
                                               double          *lo,
                                               double          *hi);
guint64              isc_result_get_max_bin   (const IscResult *result);
double               isc_result_get_elapsed   (const IscResult *result);
/* The batch rows actually used: less than the config's batch for a preview. */
guint                isc_result_get_batch     (const IscResult *result);
/* The units a layer actually computed: less than the width for a preview. */
guint                isc_result_get_units     (const IscResult *result);
gboolean             isc_result_is_preview    (const IscResult *result);
/* Whether @result is the full run (not a preview) of exactly @config. */
gboolean             isc_result_is_full_for   (const IscResult *result,
                                               const IscConfig *config);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IscResult, isc_result_unref)

G_END_DECLS
