/* bench-util.h — the small timing helpers the benchmarks share
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdlib.h>

#include <glib.h>

/* qsort order for doubles, ascending. */
static inline int
isc_bench_compare_doubles (const void *a,
                           const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The median of the @n timings in @values, which it sorts in place: one slow
 * outlier (a page fault, another process) moves it little. */
static inline double
isc_bench_median (double *values,
                  guint   n)
{
  qsort (values, n, sizeof *values, isc_bench_compare_doubles);
  return n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}
