/* isc-histogram.h — a histogram as a value: range, bins, counts; binning, merging, rebinning
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* n_bins bins over [lo, hi), the mapping of isc_math_bin_index; values that
 * are NaN or ±Inf are counted in not_binned. A zero-width range (hi = lo, a
 * layer of one value) has every finite value in bin 0. */
typedef struct
{
  double   lo;
  double   hi;
  guint    n_bins;
  guint64 *counts;      /* n_bins, owned */
  guint64  not_binned;
} IscHistogram;

/* Zeroed counts; FALSE (and @hist cleared) when out of memory. */
gboolean isc_histogram_init        (IscHistogram       *hist,
                                    double              lo,
                                    double              hi,
                                    guint               n_bins);
void     isc_histogram_clear       (IscHistogram       *hist);
/* Moves to another range, the counts zeroed. */
void     isc_histogram_set_range   (IscHistogram       *hist,
                                    double              lo,
                                    double              hi);
/* n_bins/(hi − lo) in double (a float one overflows below a span of
 * ~2.4e-35); 0 for a zero-width, reversed or NaN range. */
double   isc_histogram_get_scale   (const IscHistogram *hist);
guint64  isc_histogram_total       (const IscHistogram *hist);

/* Bins n values into @counts (n_bins of them, overwritten) and returns how
 * many were not binned: one chunk of a parallel pass, each chunk its own
 * counts, added with isc_histogram_add. Safe from any thread. */
guint64  isc_histogram_bin_chunk   (const IscHistogram *hist,
                                    const float        *values,
                                    gsize               n,
                                    guint64            *counts);
/* The same, adding to @counts. */
guint64  isc_histogram_count_chunk (const IscHistogram *hist,
                                    const float        *values,
                                    gsize               n,
                                    guint64            *counts);
void     isc_histogram_add         (IscHistogram       *hist,
                                    const guint64      *counts,
                                    guint64             not_binned);
/* into += from; the same range and bins. */
void     isc_histogram_merge       (IscHistogram       *into,
                                    const IscHistogram *from);
/* Adds @from's counts into @into, another range and bin count: each bin's
 * count goes where its centre belongs (a zero-width @from: where lo is), so a
 * value lands at most one of @from's bin widths from its exact bin. */
void     isc_histogram_rebin       (const IscHistogram *from,
                                    IscHistogram       *into);

/* The symmetric-log map y = sign(x)·log10(1 + |x|/t), t > 0: linear (slope
 * 1/(t ln 10)) for |x| ≪ t, log10 |x/t| for |x| ≫ t, odd and monotonic, so a
 * histogram over y reads across decades on both sides of 0. */
double   isc_symlog                (double              x,
                                    double              t);
double   isc_symlog_inverse        (double              y,
                                    double              t);
/* As isc_histogram_rebin, but @into's range is in symlog coordinates of
 * threshold @t: each of @from's bins goes where the symlog of its centre
 * belongs. */
void     isc_histogram_rebin_symlog (const IscHistogram *from,
                                     double              t,
                                     IscHistogram       *into);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (IscHistogram, isc_histogram_clear)

G_END_DECLS
