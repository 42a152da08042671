/* bench-warm.c — a warm re-run after a scale change against the bare matrix products
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 2, part (a): once the cache holds Z_l, moving the scale slider should
 * cost little more than the products themselves. For each preset this warms a
 * cache with one run, then times runs that alternate the gaussian scale (a
 * scale change: no new random numbers) and, in the same loop, the bare
 * cblas_sgemm calls of the same shapes on preallocated buffers. The two are
 * interleaved, and their order swapped every round, so that a noisy shared
 * machine hurts both alike; medians are reported.
 *
 * With --gradients (issue 11) the warm runs include the backward pass and the
 * bare side adds its two products a layer: δ_{l−1} = σ e Zᵀ (not at the first
 * layer, as the engine) and ∂W = (1/B) xᵀ e, so 3·depth − 1 calls in all.
 *
 * Output: a human table on stdout, and one machine-readable line a preset
 * starting with "RESULT warm-rerun" (with --gradients "RESULT warm-gradients")
 * for bench/run.
 */

#define G_LOG_DOMAIN "initscope-bench"

#include "config.h"

#include <cblas.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <sys/resource.h>
#include <unistd.h>

#include "bench-util.h"
#include "isc-network.h"

#define TARGET_RATIO 1.3

typedef struct
{
  guint   depth;
  guint   width;
  guint   batch;
  float  *x0;       /* batch × width */
  float **weights;  /* n_weights × (width × width), layer l uses l % n_weights */
  guint   n_weights;
  float  *ping;     /* batch × width, the layers' outputs in turn */
  float  *pong;
  float  *delta;    /* batch × width, with --gradients: δ and its successor */
  float  *delta2;
  float  *wgrad;    /* width × width */
  int     threads;  /* OpenBLAS threads for the bare products: one a core */
} BareNet;

static gboolean gradients;

/* Unit normals for the bare buffers; values matter only in that they stay
 * finite and normal (denormals would slow sgemm), not in their quality. */
static void
fill_normal (GRand *rand,
             float *out,
             gsize  n)
{
  for (gsize i = 0; i < n; i += 2)
    {
      double u = g_rand_double_range (rand, 1e-12, 1.0);
      double v = g_rand_double (rand);
      double r = sqrt (-2.0 * log (u));

      out[i] = (float) (r * cos (2 * G_PI * v));
      if (i + 1 < n)
        out[i + 1] = (float) (r * sin (2 * G_PI * v));
    }
}

static void
bare_net_init (BareNet *net,
               guint    depth,
               guint    width,
               guint    batch)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  gsize act = (gsize) batch * width;

  *net = (BareNet) { 0 };
  net->depth = depth;
  net->width = width;
  net->batch = batch;
  net->threads = (int) MAX (1, g_get_num_processors ());
  net->x0 = g_new (float, act);
  net->ping = g_new (float, act);
  net->pong = g_new (float, act);
  /* a deep wide net cycles through 1 GiB of matrices: none fits in a cache */
  net->n_weights = (guint) MIN (depth, MAX (1, ((gsize) 1 << 28) / ((gsize) width * width)));
  net->weights = g_new (float *, net->n_weights);
  fill_normal (rand, net->x0, act);
  if (gradients)
    {
      net->delta = g_new (float, act);
      net->delta2 = g_new (float, act);
      net->wgrad = g_new (float, (gsize) width * width);
      fill_normal (rand, net->delta, act);
      fill_normal (rand, net->delta2, act);
    }
  for (guint l = 0; l < net->n_weights; l++)
    {
      net->weights[l] = g_new (float, (gsize) width * width);
      fill_normal (rand, net->weights[l], (gsize) width * width);
    }
}

static void
bare_net_clear (BareNet *net)
{
  for (guint l = 0; l < net->n_weights; l++)
    g_free (net->weights[l]);
  g_free (net->weights);
  g_free (net->x0);
  g_free (net->ping);
  g_free (net->pong);
  g_free (net->delta);
  g_free (net->delta2);
  g_free (net->wgrad);
}

/* The backward pass's products, from the top layer down. */
static void
bare_net_backward (BareNet *net,
                   float    sigma)
{
  float *delta = net->delta, *next = net->delta2;

  for (guint l = net->depth; l-- > 0;)
    {
      cblas_sgemm (CblasRowMajor, CblasTrans, CblasNoTrans,
                   net->width, net->width, net->batch,
                   1.0f / net->batch, net->ping, net->width, delta, net->width,
                   0.0f, net->wgrad, net->width);
      if (l == 0)
        break;
      cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasTrans,
                   net->batch, net->width, net->width,
                   sigma, delta, net->width, net->weights[l % net->n_weights], net->width,
                   0.0f, next, net->width);
      /* finite values stay finite: δ would explode at σ ≫ 1/√width */
      if (next == net->delta2)
        next = net->delta, delta = net->delta2;
      else
        next = net->delta2, delta = net->delta;
    }
}

/* What the engine cannot avoid doing: x_l = σ · x_{l-1} · Z_l, layer by layer,
 * each product one call on every core, OpenBLAS's own way. The engine keeps
 * OpenBLAS on one thread (isc-blas.h) and gets it back so. */
static void
bare_net_run (BareNet *net,
              float    sigma)
{
  const float *in = net->x0;
  float *out = net->ping;
  int engine_threads = openblas_get_num_threads ();

  openblas_set_num_threads (net->threads);

  for (guint l = 0; l < net->depth; l++)
    {
      cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans,
                   net->batch, net->width, net->width,
                   sigma, in, net->width,
                   net->weights[l % net->n_weights], net->width,
                   0.0f, out, net->width);
      in = out;
      out = (out == net->ping) ? net->pong : net->ping;
    }
  if (gradients)
    bare_net_backward (net, sigma);
  openblas_set_num_threads (engine_threads);
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* CPU time of every thread of the process, OpenBLAS's included */
static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
}

static gboolean
bench_preset (const IscPreset *preset,
              guint            runs,
              double           scale_a,
              double           scale_b,
              gsize            budget,
              gboolean        *pass)
{
  g_autoptr(IscCache) cache = isc_cache_new (budget);
  g_autoptr(GError) error = NULL;
  g_autofree double *warm = g_new (double, runs);
  g_autofree double *bare = g_new (double, runs);
  g_autofree double *engine = g_new (double, runs);
  g_autofree double *paired = g_new (double, runs);
  g_autofree double *warm_cpu = g_new (double, runs);
  g_autofree double *bare_cpu = g_new (double, runs);
  IscRunOptions options = { 0, 0, gradients, 0, NULL, NULL };
  IscConfig config;
  BareNet net;
  gsize cached;
  double t0, c0, t_cold, warm_med, bare_med, ratio, ratio_of_medians, flops;

  isc_config_init_default (&config);
  isc_preset_apply (preset, &config);
  config.init = ISC_INIT_GAUSSIAN;
  config.activation = ISC_ACTIVATION_TANH;
  config.scale = scale_b;
  config.seed = 1;
  if (!isc_config_validate (&config, &error))
    {
      g_printerr ("bench-warm: %s: %s\n", preset->name, error->message);
      return FALSE;
    }

  /* Warm the cache: this run draws Z_l. */
  t0 = now_ms ();
  {
    g_autoptr(IscResult) result = isc_network_run_with_options (&config, cache, &options, NULL,
                                                                &error);

    if (result == NULL)
      {
        g_printerr ("bench-warm: %s: %s\n", preset->name, error->message);
        return FALSE;
      }
  }
  t_cold = now_ms () - t0;
  cached = isc_cache_get_size (cache);
  if (cached == 0)
    g_printerr ("bench-warm: %s: warning: nothing cached (budget %" G_GSIZE_FORMAT
                " bytes): the 'warm' runs regenerate\n", preset->name, budget);

  bare_net_init (&net, preset->depth, preset->width, preset->batch);
  bare_net_run (&net, (float) scale_a);  /* page the buffers in, start BLAS threads */

  for (guint i = 0; i < runs; i++)
    {
      double scale = (i % 2) ? scale_b : scale_a;
      double sigma = isc_init_sigma (config.init, scale, config.width, config.width);
      gboolean engine_first = (i / 2) % 2 == 0;

      config.scale = scale;
      for (guint pass_no = 0; pass_no < 2; pass_no++)
        {
          if ((pass_no == 0) == engine_first)
            {
              g_autoptr(IscResult) result = NULL;

              t0 = now_ms ();
              c0 = cpu_ms ();
              result = isc_network_run_with_options (&config, cache, &options, NULL, &error);
              warm[i] = now_ms () - t0;
              warm_cpu[i] = cpu_ms () - c0;
              if (result == NULL)
                {
                  g_printerr ("bench-warm: %s: %s\n", preset->name, error->message);
                  bare_net_clear (&net);
                  return FALSE;
                }
              engine[i] = isc_result_get_elapsed (result) * 1000.0;
            }
          else
            {
              t0 = now_ms ();
              c0 = cpu_ms ();
              bare_net_run (&net, (float) sigma);
              bare[i] = now_ms () - t0;
              bare_cpu[i] = cpu_ms () - c0;
            }
        }
    }
  bare_net_clear (&net);

  if (isc_cache_get_size (cache) != cached)
    g_printerr ("bench-warm: %s: warning: the cache changed size during the warm runs "
                "(%" G_GSIZE_FORMAT " -> %" G_GSIZE_FORMAT " bytes)\n",
                preset->name, cached, isc_cache_get_size (cache));

  /* The verdict uses the median of each round's own ratio: the two runs of a
   * round are back to back, so a load that comes and goes cancels out. */
  for (guint i = 0; i < runs; i++)
    paired[i] = warm[i] / bare[i];
  ratio = isc_bench_median (paired, runs);
  warm_med = isc_bench_median (warm, runs);
  bare_med = isc_bench_median (bare, runs);
  ratio_of_medians = warm_med / bare_med;
  flops = 2.0 * (gradients ? 3.0 * config.depth - 1 : config.depth) * config.batch *
          (double) config.width * config.width;
  *pass = ratio <= TARGET_RATIO;

  g_print ("%-12s %5ux%-5ux%-5u  cold %8.1f ms  warm %8.2f ms (engine says %.2f, min %.2f)"
           "  bare sgemm %8.2f ms (min %.2f)  ratio %.2fx (of medians %.2fx, of minima %.2fx)"
           "  target <= %.1fx  %s\n",
           preset->name, preset->batch, preset->width, preset->width, t_cold,
           warm_med, isc_bench_median (engine, runs), warm[0], bare_med, bare[0], ratio,
           ratio_of_medians, warm[0] / bare[0], TARGET_RATIO, *pass ? "PASS" : "MISS");
  g_print ("%-12s CPU time (all threads, median): warm %.2f ms, bare sgemm %.2f ms; products "
           "%.1f GFLOP/s in the warm run, %.1f bare\n",
           preset->name, isc_bench_median (warm_cpu, runs), isc_bench_median (bare_cpu, runs),
           flops / warm_med / 1e6, flops / bare_med / 1e6);
  g_print ("RESULT %s preset=%s runs=%u cold_ms=%.3f warm_ms=%.3f bare_ms=%.3f "
           "ratio=%.4f target=%.2f cache_bytes=%" G_GSIZE_FORMAT " warm_cpu_ms=%.3f "
           "bare_cpu_ms=%.3f %s\n",
           gradients ? "warm-gradients" : "warm-rerun", preset->name, runs, t_cold, warm_med, bare_med, ratio, TARGET_RATIO, cached,
           isc_bench_median (warm_cpu, runs), isc_bench_median (bare_cpu, runs),
           *pass ? "PASS" : "MISS");
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *preset_name = NULL;
  int runs = 31;
  int threads = 0;
  double budget_mib = 2048;
  int depth = 0, width = 0, batch = 0;
  gboolean ok = TRUE;
  const GOptionEntry entries[] = {
    { "preset", 'p', 0, G_OPTION_ARG_STRING, &preset_name, "Only this preset", "NAME" },
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Timed runs of each kind (default 31)", "N" },
    { "threads", 't', 0, G_OPTION_ARG_INT, &threads, "Engine threads (0: one a core)", "N" },
    { "budget", 'b', 0, G_OPTION_ARG_DOUBLE, &budget_mib, "Cache budget (default 2048)",
      "MiB" },
    { "depth", 0, 0, G_OPTION_ARG_INT, &depth, "Instead of the preset's depth", "N" },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "Instead of the preset's width", "N" },
    { "batch", 0, 0, G_OPTION_ARG_INT, &batch, "Instead of the preset's batch", "N" },
    { "gradients", 'g', 0, G_OPTION_ARG_NONE, &gradients,
      "With the backward pass (and its two products a layer on the bare side)", NULL },
    { NULL }
  };
  const IscPreset *presets;
  g_autofree IscPreset *shapes = NULL;
  guint n_presets;

  /* The bare products' OpenBLAS threads would spin ~2^28 cycles after each
   * call, into the engine's turn; the benchmark alone (never initscope)
   * starts again with them sleeping at once, as it always has. */
  if (g_getenv ("OPENBLAS_THREAD_TIMEOUT") == NULL)
    {
      g_setenv ("OPENBLAS_THREAD_TIMEOUT", "8", TRUE);
      execv ("/proc/self/exe", argv);
    }

  context = g_option_context_new ("— time warm re-runs against bare cblas_sgemm");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-warm: %s\n", error->message);
      return 2;
    }
  if (runs < 1)
    {
      g_printerr ("bench-warm: --runs must be at least 1\n");
      return 2;
    }
  isc_engine_set_n_threads ((guint) MAX (threads, 0));

  if (preset_name != NULL)
    {
      const IscPreset *preset = isc_preset_lookup (preset_name, &error);

      if (preset == NULL)
        {
          g_printerr ("bench-warm: %s\n", error->message);
          return 2;
        }
      presets = preset;
      n_presets = 1;
    }
  else
    presets = isc_presets_get (&n_presets);

  /* large nets: a preset with another shape */
  shapes = g_memdup2 (presets, n_presets * sizeof *presets);
  for (guint p = 0; p < n_presets; p++)
    {
      shapes[p].depth = depth > 0 ? (guint) depth : shapes[p].depth;
      shapes[p].width = width > 0 ? (guint) width : shapes[p].width;
      shapes[p].batch = batch > 0 ? (guint) batch : shapes[p].batch;
    }

  /* The kernel OpenBLAS picked matters: 0.3.21 falls back to Prescott (SSE3)
   * on CPUs newer than it knows, several times slower than its AVX-512 ones. */
  g_print ("warm re-run%s (gaussian scale alternating 0.01/0.05, tanh) against bare "
           "cblas_sgemm, %d runs each, medians; engine threads %u; OpenBLAS %s kernels\n",
           gradients ? " with gradients" : "", runs, isc_engine_get_n_threads (), openblas_get_corename ());
  for (guint p = 0; p < n_presets; p++)
    {
      gboolean pass = FALSE;

      ok = bench_preset (&shapes[p], (guint) runs, 0.01, 0.05,
                         (gsize) (budget_mib * 1024 * 1024), &pass) && ok;
    }

  /* A miss is a finding, not a failure of the benchmark itself. */
  return ok ? 0 : 1;
}
