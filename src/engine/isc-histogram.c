/* isc-histogram.c
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "isc-histogram"

#include "config.h"

#include <math.h>
#include <string.h>

#include "isc-histogram.h"
#include "isc-math.h"

gboolean
isc_histogram_init (IscHistogram *hist,
                    double        lo,
                    double        hi,
                    guint         n_bins)
{
  *hist = (IscHistogram) { lo, hi, n_bins, g_try_new0 (guint64, MAX (n_bins, 1)), 0 };
  return hist->counts != NULL;
}

void
isc_histogram_clear (IscHistogram *hist)
{
  g_clear_pointer (&hist->counts, g_free);
  hist->n_bins = 0;
  hist->not_binned = 0;
}

void
isc_histogram_set_range (IscHistogram *hist,
                         double        lo,
                         double        hi)
{
  hist->lo = lo;
  hist->hi = hi;
  memset (hist->counts, 0, hist->n_bins * sizeof (guint64));
  hist->not_binned = 0;
}

double
isc_histogram_get_scale (const IscHistogram *hist)
{
  double span = hist->hi - hist->lo;

  return span > 0.0 && span <= G_MAXDOUBLE ? hist->n_bins / span : 0.0;
}

guint64
isc_histogram_total (const IscHistogram *hist)
{
  guint64 total = hist->not_binned;

  for (guint b = 0; b < hist->n_bins; b++)
    total += hist->counts[b];
  return total;
}

/* Each thread's counters for isc_histogram_bin_chunk, all zero between
 * calls: a chunk of a relu layer's fine histogram needs 256 KiB of them, too
 * much to allocate and clear for every chunk of every layer. */
typedef struct
{
  gsize   n;
  guint32 counts[];
} BinCounters;

static GPrivate bin_counters_key = G_PRIVATE_INIT (g_free);

static guint32 *
bin_counters (gsize n)
{
  BinCounters *counters = g_private_get (&bin_counters_key);

  if (counters == NULL || counters->n < n)
    {
      counters = g_malloc0 (sizeof *counters + n * sizeof (guint32));
      counters->n = n;
      g_private_replace (&bin_counters_key, counters);
    }
  return counters->counts;
}

/* Counts into isc_math_bin_copies() interleaved 32-bit copies (see
 * isc-math.h), then adds them to @counts, or overwrites them: a chunk is at
 * most 2^32 values. */
static guint64
bin_chunk (const IscHistogram *hist,
           const float        *values,
           gsize               n,
           guint64            *counts,
           gboolean            add)
{
  guint32 slots[1024];
  guint stride = hist->n_bins + 1;
  guint n_copies = isc_math_bin_copies (hist->n_bins);
  guint32 *copies = bin_counters (n_copies * (gsize) stride);
  double scale = isc_histogram_get_scale (hist);
  guint64 not_binned = 0;

  G_STATIC_ASSERT (G_N_ELEMENTS (slots) % ISC_BIN_COPIES == 0);

  for (gsize done = 0; done < n; done += G_N_ELEMENTS (slots))
    {
      gsize m = MIN (G_N_ELEMENTS (slots), n - done);

      isc_math_bin_slots (values + done, m, hist->lo, scale, hist->n_bins, n_copies, slots);
      for (gsize i = 0; i < m; i++)
        copies[slots[i]]++;
    }

  /* sum the copies, and leave them zero for the next chunk */
  if (!add)
    memset (counts, 0, hist->n_bins * sizeof (guint64));
  for (guint k = 0; k < n_copies; k++)
    {
      guint32 *copy = copies + (gsize) k * stride;

      for (guint b = 0; b < hist->n_bins; b++)
        counts[b] += copy[b];
      not_binned += copy[hist->n_bins];
      memset (copy, 0, stride * sizeof (guint32));
    }
  return not_binned;
}

guint64
isc_histogram_bin_chunk (const IscHistogram *hist,
                         const float        *values,
                         gsize               n,
                         guint64            *counts)
{
  return bin_chunk (hist, values, n, counts, FALSE);
}

guint64
isc_histogram_count_chunk (const IscHistogram *hist,
                           const float        *values,
                           gsize               n,
                           guint64            *counts)
{
  return bin_chunk (hist, values, n, counts, TRUE);
}

void
isc_histogram_add (IscHistogram  *hist,
                   const guint64 *counts,
                   guint64        not_binned)
{
  for (guint b = 0; b < hist->n_bins; b++)
    hist->counts[b] += counts[b];
  hist->not_binned += not_binned;
}

void
isc_histogram_merge (IscHistogram       *into,
                     const IscHistogram *from)
{
  g_return_if_fail (into->n_bins == from->n_bins);
  isc_histogram_add (into, from->counts, from->not_binned);
}

void
isc_histogram_rebin (const IscHistogram *from,
                     IscHistogram       *into)
{
  double width = (from->hi - from->lo) / from->n_bins;
  double scale = isc_histogram_get_scale (into);

  for (guint k = 0; k < from->n_bins; k++)
    {
      double centre = width > 0.0 ? from->lo + (k + 0.5) * width : from->lo;

      if (from->counts[k] != 0)
        into->counts[isc_math_bin_index (centre, into->lo, scale, into->n_bins)] +=
          from->counts[k];
    }
  into->not_binned += from->not_binned;
}

double
isc_symlog (double x,
            double t)
{
  double y = log10 (1.0 + fabs (x) / t);

  return x < 0.0 ? -y : y;
}

double
isc_symlog_inverse (double y,
                    double t)
{
  double x = t * (pow (10.0, fabs (y)) - 1.0);

  return y < 0.0 ? -x : x;
}

void
isc_histogram_rebin_symlog (const IscHistogram *from,
                            double              t,
                            IscHistogram       *into)
{
  double width = (from->hi - from->lo) / from->n_bins;
  double scale = isc_histogram_get_scale (into);

  g_return_if_fail (t > 0.0);
  for (guint k = 0; k < from->n_bins; k++)
    {
      double centre = width > 0.0 ? from->lo + (k + 0.5) * width : from->lo;

      if (from->counts[k] != 0)
        into->counts[isc_math_bin_index (isc_symlog (centre, t), into->lo, scale,
                                         into->n_bins)] += from->counts[k];
    }
  into->not_binned += from->not_binned;
}
