/* bench-drag.c — how closely the figure follows a hand dragging the σ slider
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drives the window's IscSimulator the way the scale slider does: interactive
 * on, one request a frame (60 Hz) for a one-second sweep of σ from 0.01 to
 * 0.1 on a log scale, then the hand lets go. It measures, on the main
 * thread's clock:
 *  - latency: from the request of a config to its result arriving (preview
 *    or full), for every result that was shown;
 *  - shown: how many of the requests got a figure of their own (the rest were
 *    superseded while computing: latest wins);
 *  - settle: from letting go to the full result of the last position.
 * No display is needed: the simulator is GObject and the engine.
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <unistd.h>

#include "isc-simulator.h"

#define FRAMES   60
#define FRAME_US (G_USEC_PER_SEC / 60)

typedef struct
{
  gint64   requested[FRAMES];
  double   scale[FRAMES];
  GArray  *latency_ms;   /* double */
  guint    previews;
  guint    fulls;
  gint64   release_us;
  double   final_scale;
  double   settle_ms;
} Drag;

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
result_cb (IscSimulator *sim,
           GParamSpec   *pspec,
           Drag         *drag)
{
  IscResult *result = isc_simulator_get_result (sim);
  const IscConfig *config = isc_result_get_config (result);
  gint64 now = g_get_monotonic_time ();

  if (drag->release_us != 0 && !isc_result_is_preview (result) &&
      config->scale == drag->final_scale)
    {
      drag->settle_ms = (now - drag->release_us) / 1000.0;
      return;
    }

  for (guint i = 0; i < FRAMES; i++)
    if (drag->requested[i] != 0 && drag->scale[i] == config->scale)
      {
        double ms = (now - drag->requested[i]) / 1000.0;

        g_array_append_val (drag->latency_ms, ms);
        if (isc_result_is_preview (result))
          drag->previews++;
        else
          drag->fulls++;
        break;
      }
}

/* Runs the main loop until @deadline (monotonic µs). */
static void
iterate_until (gint64 deadline)
{
  while (g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (200);
    }
}

static void
run_preset (const IscPreset *preset)
{
  g_autoptr(IscSimulator) sim = isc_simulator_new ();
  Drag drag = { 0 };
  IscConfig config;
  gint64 t;
  double median = 0, p90 = 0;

  isc_config_init_default (&config);
  isc_preset_apply (preset, &config);
  config.init = ISC_INIT_GAUSSIAN;
  config.activation = ISC_ACTIVATION_TANH;
  config.scale = 0.01;

  /* the figure before the hand moves: cold run, weights cached */
  isc_simulator_request (sim, &config);
  if (!isc_simulator_wait_idle (sim, 60000))
    g_error ("the first run did not finish");

  drag.latency_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_signal_connect (sim, "notify::result", G_CALLBACK (result_cb), &drag);

  isc_simulator_set_interactive (sim, TRUE);
  t = g_get_monotonic_time ();
  for (guint i = 0; i < FRAMES; i++)
    {
      /* three significant digits, like the slider's positions */
      double s = 0.01 * pow (10.0, (i + 1) / (double) FRAMES);
      char digits[G_ASCII_DTOSTR_BUF_SIZE];

      config.scale = g_ascii_strtod (g_ascii_formatd (digits, sizeof digits, "%.3g", s), NULL);
      drag.scale[i] = config.scale;
      drag.requested[i] = g_get_monotonic_time ();
      isc_simulator_request (sim, &config);
      iterate_until (t + (i + 1) * FRAME_US);
    }
  drag.final_scale = config.scale;
  drag.release_us = g_get_monotonic_time ();
  isc_simulator_set_interactive (sim, FALSE);
  if (!isc_simulator_wait_idle (sim, 60000))
    g_error ("the last run did not finish");

  if (drag.latency_ms->len > 0)
    {
      g_array_sort (drag.latency_ms, compare_double);
      median = g_array_index (drag.latency_ms, double, drag.latency_ms->len / 2);
      p90 = g_array_index (drag.latency_ms, double, (drag.latency_ms->len * 9) / 10);
    }

  g_print ("%-12s %5ux%-5u batch %-5u  shown %2u of %u frames (%u preview, %u full)  "
           "latency median %6.1f ms, p90 %6.1f ms  settle %6.1f ms\n",
           preset->name, preset->width, preset->width, preset->batch,
           drag.previews + drag.fulls, FRAMES, drag.previews, drag.fulls,
           median, p90, drag.settle_ms);
  g_print ("RESULT drag preset=%s shown=%u frames=%u previews=%u median_ms=%.1f p90_ms=%.1f "
           "settle_ms=%.1f\n",
           preset->name, drag.previews + drag.fulls, FRAMES, drag.previews, median, p90,
           drag.settle_ms);

  isc_simulator_stop (sim);
  g_array_unref (drag.latency_ms);
}

int
main (int   argc,
      char *argv[])
{
  const IscPreset *presets;
  guint n;

  g_print ("a one-second drag of the scale (0.01 to 0.1, 60 requests at 60 Hz), gaussian, "
           "tanh; previews of at most %u rows and %u units while dragging\n",
           ISC_SIMULATOR_PREVIEW_BATCH, ISC_SIMULATOR_PREVIEW_UNITS);
  presets = isc_presets_get (&n);
  for (guint i = 0; i < n; i++)
    run_preset (&presets[i]);
  return 0;
}
