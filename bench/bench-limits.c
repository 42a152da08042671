/* bench-limits.c — the machine's limits that bench/run holds a cold export against
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 15. Without arguments it exits at once: linked like `initscope` less
 * GTK and libadwaita (the engine, the figure, cairo, Pango, zlib, OpenBLAS),
 * its start is what a headless export's would be with the window's libraries
 * out of the way. With --copy MIB it times a copy of MIB MiB split over the
 * engine's threads as the weight fill is, and prints the bandwidth counting
 * the bytes read and written: the one-shot run writes each weight matrix and
 * the product reads it back, so bytes moved / this bandwidth is its floor.
 *
 * With --blas it prints the core OpenBLAS runs once the engine has set it up
 * (isc-blas.h), which is the export's, for the head of bench/run's table.
 *
 * Output: "RESULT copy threads=T mib=M gbps=G" (medians), for bench/run.
 */

#define G_LOG_DOMAIN "initscope-bench"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <cblas.h>

#include "bench-util.h"
#include "isc-export.h"
#include "isc-network.h"
#include "isc-parallel.h"

#define N_CHUNKS 64

typedef struct
{
  guchar *from;
  guchar *to;
  gsize   chunk;
} CopyJob;

static void
copy_chunk (gsize    chunk,
            gpointer user_data)
{
  CopyJob *job = user_data;

  memcpy (job->to + chunk * job->chunk, job->from + chunk * job->chunk, job->chunk);
}

static int
time_copy (guint mib,
           guint runs)
{
  CopyJob job = { .chunk = ((gsize) mib << 20) / N_CHUNKS };
  g_autofree double *gbps = g_new (double, runs);

  job.from = g_malloc (job.chunk * N_CHUNKS);
  job.to = g_malloc (job.chunk * N_CHUNKS);
  /* touched first: a copy into fresh pages would time the page faults */
  memset (job.from, 1, job.chunk * N_CHUNKS);
  memset (job.to, 2, job.chunk * N_CHUNKS);
  for (guint r = 0; r < runs; r++)
    {
      gint64 t0 = g_get_monotonic_time ();

      isc_parallel_for (N_CHUNKS, copy_chunk, &job);
      gbps[r] = 2.0 * job.chunk * N_CHUNKS / ((g_get_monotonic_time () - t0) * 1e3);
    }
  qsort (gbps, runs, sizeof *gbps, isc_bench_compare_doubles);
  g_print ("RESULT copy threads=%u mib=%u gbps=%.3f\n",
           isc_engine_get_n_threads (), mib, gbps[runs / 2]);
  g_free (job.from);
  g_free (job.to);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 1)
    return 0;
  if (argc == 2 && strcmp (argv[1], "--blas") == 0)
    {
      /* isc_blas_init ran before main, as in initscope */
      g_print ("RESULT blas core=%s\n", openblas_get_corename ());
      return 0;
    }
  if (argc == 3 && strcmp (argv[1], "--copy") == 0 && atoi (argv[2]) > 0)
    return time_copy ((guint) atoi (argv[2]), 15);
  /* never reached by bench/run; it keeps the export's libraries linked in */
  if (argc == 2 && strcmp (argv[1], "--export-nothing") == 0)
    return isc_export_files (NULL, NULL, NULL, NULL, 0, 0, NULL) ? 0 : 1;
  g_printerr ("usage: bench-limits [--copy MIB | --blas]\n");
  return 2;
}
