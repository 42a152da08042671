/* drag-frames.c — how many figure updates the window PAINTS while σ is dragged
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens the real window on the cs231n-2016 preset (tanh, σ = 0.01), then, from
 * a tick callback, moves the scale the way a held slider does: the simulator
 * is interactive and the "scale" key changes every 16 ms, sweeping σ from
 * 0.01 to 1 and back on a log axis for DRAG_SECONDS. It counts, on the
 * window's GdkFrameClock "after-paint":
 *  - frames: every frame painted;
 *  - updates: painted frames whose figure shows a result the previous painted
 *    frame did not (what the eye sees follow the hand);
 *  - results: results that reached the view (some may never be painted).
 * Unlike bench-drag (results arriving at the simulator) this includes the
 * renderer: run it under Xvfb with LIBGL_ALWAYS_SOFTWARE=1, with and without
 * GSK_RENDERER=cairo (bench/drag-frames.sh does). No hook in the app is needed.
 *
 *   drag-frames [SECONDS [WIDTHxHEIGHT]]    prints one RESULT line (3 s, 1280x800)
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <adwaita.h>

#include "isc-window.h"

#define STEP_US (16 * G_TIME_SPAN_MILLISECOND)

typedef struct
{
  IscWindow        *window;
  IscHistogramView *view;
  GSettings        *settings;
  gint64            start_us;
  gint64            last_step_us;
  gint64            end_us;
  guint             steps;
  guint             frames;
  guint             updates;
  guint             results;
  IscResult        *last_painted;  /* compared by address only, never dereferenced */
  gboolean          done;
} Drag;

static void
on_after_paint (GdkFrameClock *clock,
                Drag          *drag)
{
  IscResult *shown = isc_histogram_view_get_result (drag->view);

  if (drag->start_us == 0 || drag->done)
    return;
  drag->frames++;
  if (shown != drag->last_painted)
    drag->updates++;
  drag->last_painted = shown;
}

static void
on_result (IscHistogramView *view,
           GParamSpec       *pspec,
           Drag             *drag)
{
  if (drag->start_us != 0 && !drag->done)
    drag->results++;
}

/* σ over the sweep: 0.01 → 1 → 0.01, log axis, three significant digits. */
static double
sweep_scale (double t)
{
  double phase = fmod (t, 2.0);
  double x = phase < 1.0 ? phase : 2.0 - phase;
  double s = pow (10.0, -2.0 + 2.0 * x);
  double factor = pow (10.0, 2 - floor (log10 (s)));

  return round (s * factor) / factor;
}

/* The end of the drag even if the frame clock stops ticking (a frozen or
 * unmapped window): the driver must end, and say so. */
static gboolean
deadline_cb (gpointer user_data)
{
  Drag *drag = user_data;

  if (!drag->done)
    g_printerr ("drag-frames: no frame for 1 s past the end of the drag\n");
  drag->done = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  Drag *drag = user_data;
  gint64 now = g_get_monotonic_time ();

  if (now >= drag->end_us)
    {
      drag->done = TRUE;
      return G_SOURCE_REMOVE;
    }
  if (now - drag->last_step_us < STEP_US)
    return G_SOURCE_CONTINUE;
  drag->last_step_us = now;
  drag->steps++;
  /* one sweep each way takes 1.5 s */
  g_settings_set_double (drag->settings, "scale",
                         sweep_scale ((now - drag->start_us) / 1.5e6));
  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  double seconds = argc > 1 ? g_ascii_strtod (argv[1], NULL) : 3.0;
  int width = 1280, height = 800;
  IscSimulator *simulator;
  GdkFrameClock *clock;
  g_autoptr(GError) error = NULL;
  Drag drag = { 0 };

  if (!(seconds > 0.0 && seconds < 600.0))
    {
      g_printerr ("drag-frames: SECONDS must be a number in (0, 600), not “%s”\n", argv[1]);
      return 2;
    }
  if (argc > 2 && (sscanf (argv[2], "%dx%d", &width, &height) != 2 ||
                   width < 360 || height < 360 || width > 8192 || height > 8192))
    {
      g_printerr ("drag-frames: the size must be WIDTHxHEIGHT, 360 to 8192, not “%s”\n",
                  argv[2]);
      return 2;
    }

  gtk_init ();
  adw_init ();

  drag.window = isc_window_new (NULL);
  drag.view = isc_window_get_histogram_view (drag.window);
  drag.settings = isc_window_get_settings (drag.window);
  simulator = isc_window_get_simulator (drag.window);
  gtk_window_set_default_size (GTK_WINDOW (drag.window), width, height);
  /* INITSCOPE_DRAG_PRESET (default cs231n-2016:small) and INITSCOPE_DRAG_VIEW
   * (activations, gradients, weight-gradients): issue 11 measures a drag in the
   * Gradients view on both presets */
  if (!isc_window_apply_preset (drag.window, g_getenv ("INITSCOPE_DRAG_PRESET") ?
                                g_getenv ("INITSCOPE_DRAG_PRESET") : "cs231n-2016:small",
                                &error))
    {
      g_printerr ("drag-frames: %s\n", error->message);
      return 1;
    }
  if (g_getenv ("INITSCOPE_DRAG_VIEW") != NULL)
    g_settings_set_string (drag.settings, "view", g_getenv ("INITSCOPE_DRAG_VIEW"));
  gtk_window_present (GTK_WINDOW (drag.window));

  /* the figure before the hand moves: cold run, weights cached */
  if (!isc_simulator_wait_idle (simulator, 120000))
    {
      g_printerr ("drag-frames: the first run did not finish\n");
      return 1;
    }
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (drag.window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &drag);
  g_signal_connect (drag.view, "notify::result", G_CALLBACK (on_result), &drag);

  isc_simulator_set_interactive (simulator, TRUE);
  drag.last_painted = isc_histogram_view_get_result (drag.view);
  drag.start_us = g_get_monotonic_time ();
  drag.end_us = drag.start_us + (gint64) (seconds * G_USEC_PER_SEC);
  gtk_widget_add_tick_callback (GTK_WIDGET (drag.window), tick_cb, &drag, NULL);
  g_timeout_add ((guint) (seconds * 1000.0) + 1000, deadline_cb, &drag);
  while (!drag.done)
    g_main_context_iteration (NULL, TRUE);
  isc_simulator_set_interactive (simulator, FALSE);

  g_print ("RESULT drag-frames renderer=%s view=%s size=%dx%d seconds=%.1f steps=%u frames=%u updates=%u "
           "results=%u updates_per_s=%.1f frames_per_s=%.1f\n",
           g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "default",
           g_getenv ("INITSCOPE_DRAG_VIEW") ? g_getenv ("INITSCOPE_DRAG_VIEW") : "activations",
           width, height, seconds, drag.steps, drag.frames, drag.updates, drag.results,
           drag.updates / seconds, drag.frames / seconds);

  g_signal_handlers_disconnect_by_data (clock, &drag);
  g_signal_handlers_disconnect_by_data (drag.view, &drag);
  gtk_window_destroy (GTK_WINDOW (drag.window));
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  return 0;
}
