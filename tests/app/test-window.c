/* test-window.c — the window, its simulator and its export code path
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb with GDK_BACKEND=x11 and GSETTINGS_BACKEND=memory.
 * gtk_test_init() makes warnings and criticals fatal, so any of them fails.
 */

#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <math.h>
#include <string.h>

/* to store values GSettings itself would refuse, as a hand-edited file does */
#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "isc-export.h"
#include "isc-export-dialog.h"
#include "isc-network.h"
#include "isc-notes.h"
#include "isc-presets.h"
#include "isc-renderer.h"
#include "isc-settings.h"
#include "isc-side-panel.h"
#include "isc-slider-row.h"
#include "isc-test-gtk.h"
#include "isc-test-util.h"
#include "isc-window.h"
#include "isc-workers.h"

/* sources isc_test_drain() runs at most */
#define DRAIN_MAX 100

static IscWindow *
window_new (void)
{
  IscWindow *window;

  isc_test_reset_settings ();
  window = isc_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
window_destroy (IscWindow *window)
{
  GList *toplevels = gtk_window_list_toplevels ();

  /* Dialogs the test left open go with their parent. */
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (l->data != (gpointer) window &&
        gtk_window_get_transient_for (l->data) == GTK_WINDOW (window))
      gtk_window_destroy (l->data);
  g_list_free (toplevels);

  gtk_window_destroy (GTK_WINDOW (window));
  isc_test_drain (DRAIN_MAX);
}

/* Waits until the simulator is idle; fails rather than hangs. */
static IscResult *
wait_for_result (IscWindow *window)
{
  IscSimulator *simulator = isc_window_get_simulator (window);

  isc_test_drain (DRAIN_MAX);
  g_assert_true (isc_simulator_wait_idle (simulator, ISC_TEST_WAIT_MS));
  g_assert_null (isc_simulator_get_error (simulator));
  g_assert_nonnull (isc_simulator_get_result (simulator));
  return isc_simulator_get_result (simulator);
}

/* The shown result is the full run of exactly the settings' config. */
static void
assert_shows_settings (IscWindow *window)
{
  IscResult *result = wait_for_result (window);
  IscConfig config;

  isc_window_get_config (window, &config);
  g_assert_false (isc_result_is_preview (result));
  g_assert_true (isc_config_equal (isc_result_get_config (result), &config));
  g_assert_true (isc_histogram_view_get_result (isc_window_get_histogram_view (window)) == result);
}

static GtkWidget *
find_child (GtkWidget  *root,
            const char *id)
{
  const char *root_id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (root));

  if (g_strcmp0 (root_id, id) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_child (child, id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* "scale_spin", "width_slider": a part of the slider row "scale_row",
 * "width_row" (isc-slider-row.ui names its parts for itself). */
static GtkWidget *
find_slider_part (GtkWidget  *root,
                  const char *id)
{
  const char *underscore = strrchr (id, '_');
  g_autofree char *row_id = NULL;
  GtkWidget *row;

  if (underscore == NULL)
    return NULL;
  row_id = g_strdup_printf ("%.*s_row", (int) (underscore - id), id);
  row = find_child (root, row_id);
  if (row == NULL || !ISC_IS_SLIDER_ROW (row))
    return NULL;
  if (g_str_equal (underscore, "_spin"))
    return GTK_WIDGET (isc_slider_row_get_spin_button (ISC_SLIDER_ROW (row)));
  if (g_str_equal (underscore, "_slider"))
    return GTK_WIDGET (isc_slider_row_get_scale (ISC_SLIDER_ROW (row)));
  return NULL;
}

static GtkWidget *
get_child (IscWindow  *window,
           const char *id)
{
  GtkWidget *widget = find_child (GTK_WIDGET (window), id);

  if (widget == NULL)
    widget = find_slider_part (GTK_WIDGET (window), id);

  g_assert_nonnull (widget);
  return widget;
}

static void
assert_same_result (const IscResult *a,
                    const IscResult *b)
{
  double alo, ahi, blo, bhi;

  g_assert_true (isc_config_equal (isc_result_get_config (a), isc_result_get_config (b)));
  g_assert_cmpuint (isc_result_get_n_layers (a), ==, isc_result_get_n_layers (b));
  g_assert_cmpuint (isc_result_get_n_bins (a), ==, isc_result_get_n_bins (b));
  g_assert_cmpuint (isc_result_get_batch (a), ==, isc_result_get_batch (b));
  isc_result_get_range (a, &alo, &ahi);
  isc_result_get_range (b, &blo, &bhi);
  g_assert_cmpfloat (alo, ==, blo);
  g_assert_cmpfloat (ahi, ==, bhi);

  for (guint l = 0; l < isc_result_get_n_layers (a); l++)
    {
      const IscLayerStats *sa = isc_result_get_layer (a, l);
      const IscLayerStats *sb = isc_result_get_layer (b, l);

      g_assert_cmpfloat (sa->mean, ==, sb->mean);
      g_assert_cmpfloat (sa->std, ==, sb->std);
      g_assert_cmpfloat (sa->min, ==, sb->min);
      g_assert_cmpfloat (sa->max, ==, sb->max);
      g_assert_cmpfloat (sa->saturated, ==, sb->saturated);
      g_assert_cmpfloat (sa->zero, ==, sb->zero);
      g_assert_cmpuint (sa->nonfinite, ==, sb->nonfinite);
      g_assert_cmpuint (sa->count, ==, sb->count);
      for (guint i = 0; i < isc_result_get_n_bins (a); i++)
        g_assert_cmpuint (sa->bins[i], ==, sb->bins[i]);
    }
}

/* ------------------------------------------------------------------------ */

static void
test_default_result (void)
{
  IscWindow *window = window_new ();
  GtkWidget *view = GTK_WIDGET (isc_window_get_histogram_view (window));
  IscConfig config;
  IscConfig defaults;

  assert_shows_settings (window);

  /* Fresh settings are the engine's default config: the lecture's 2016 set-up. */
  isc_window_get_config (window, &config);
  isc_config_init_default (&defaults);
  g_assert_true (isc_config_equal (&config, &defaults));

  g_assert_true (gtk_widget_get_mapped (view));
  g_assert_cmpint (gtk_widget_get_width (view), >, 0);
  g_assert_cmpint (gtk_widget_get_height (view), >, 0);

  window_destroy (window);
}

static void
test_controls (void)
{
  IscWindow *window = window_new ();
  GSettings *settings = isc_window_get_settings (window);
  GtkWidget *scale_row = get_child (window, "scale_row");
  const IscConfig *shown;
  g_autofree char *init = NULL;

  assert_shows_settings (window);
  g_assert_true (gtk_widget_get_visible (scale_row));

  /* The init scheme through its combo row. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (get_child (window, "init_row")), ISC_INIT_KAIMING);
  init = g_settings_get_string (settings, "init");
  g_assert_cmpstr (init, ==, "kaiming");
  assert_shows_settings (window);
  shown = isc_result_get_config (isc_simulator_get_result (isc_window_get_simulator (window)));
  g_assert_cmpint (shown->init, ==, ISC_INIT_KAIMING);
  /* not a stale σ greyed out: the scheme's own is shown instead */
  g_assert_false (gtk_widget_get_visible (scale_row));
  g_assert_true (gtk_widget_get_visible (get_child (window, "sigma_row")));

  /* The activation through its combo row. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (get_child (window, "activation_row")),
                              ISC_ACTIVATION_RELU);
  assert_shows_settings (window);
  shown = isc_result_get_config (isc_simulator_get_result (isc_window_get_simulator (window)));
  g_assert_cmpint (shown->activation, ==, ISC_ACTIVATION_RELU);

  /* The depth through its spin button. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (get_child (window, "depth_spin")), 7);
  g_assert_cmpint (g_settings_get_int (settings, "depth"), ==, 7);
  assert_shows_settings (window);
  shown = isc_result_get_config (isc_simulator_get_result (isc_window_get_simulator (window)));
  g_assert_cmpuint (shown->depth, ==, 7);

  /* The depth through its slider (the same adjustment). */
  gtk_range_set_value (GTK_RANGE (get_child (window, "depth_slider")), 12);
  assert_shows_settings (window);
  shown = isc_result_get_config (isc_simulator_get_result (isc_window_get_simulator (window)));
  g_assert_cmpuint (shown->depth, ==, 12);

  /* Back to gaussian through the settings, then the scale through its log slider. */
  g_settings_set_string (settings, "init", "gaussian");
  g_assert_true (gtk_widget_get_visible (scale_row));
  gtk_range_set_value (GTK_RANGE (get_child (window, "scale_slider")), log10 (0.05));
  g_assert_cmpfloat (g_settings_get_double (settings, "scale"), ==, 0.05);
  assert_shows_settings (window);
  shown = isc_result_get_config (isc_simulator_get_result (isc_window_get_simulator (window)));
  g_assert_cmpint (shown->init, ==, ISC_INIT_GAUSSIAN);
  g_assert_cmpfloat (shown->scale, ==, 0.05);

  /* The exact scale typed into its spin button. */
  {
    GtkSpinButton *spin = GTK_SPIN_BUTTON (get_child (window, "scale_spin"));

    gtk_editable_set_text (GTK_EDITABLE (spin), "0.0123");
    gtk_spin_button_update (spin);
    g_assert_cmpfloat (g_settings_get_double (settings, "scale"), ==, 0.0123);
    assert_shows_settings (window);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "0.0123");
  }

  /* The width through its log2 slider: 2^9 = 512. */
  gtk_range_set_value (GTK_RANGE (get_child (window, "width_slider")), 9.0);
  g_assert_cmpint (g_settings_get_int (settings, "width"), ==, 512);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (get_child (window, "width_spin"))),
                     ==, 512);
  assert_shows_settings (window);

  /* A new seed through its action. */
  {
    guint64 old_seed = g_settings_get_uint64 (settings, "seed");
    guint64 new_seed;

    gtk_widget_activate_action (GTK_WIDGET (window), "win.new-seed", NULL);
    new_seed = g_settings_get_uint64 (settings, "seed");
    g_assert_cmpuint (new_seed, !=, old_seed);
    assert_shows_settings (window);
    shown = isc_result_get_config (isc_simulator_get_result (isc_window_get_simulator (window)));
    g_assert_cmpuint (shown->seed, ==, new_seed);
  }

  window_destroy (window);
}

static void
test_presets (void)
{
  static const struct {
    const char *preset;
    const char *init;
    const char *activation;
    int depth, width, batch;
    double scale;
  } cases[] = {
    { "cs231n-2016:small", "gaussian", "tanh", 10, 500, 1000, 0.01 },
    { "cs231n-2016:large", "gaussian", "tanh", 10, 500, 1000, 1.0 },
    { "cs231n-2016:xavier", "xavier", "tanh", 10, 500, 1000, -1 },
    { "cs231n-2016:relu-xavier", "xavier", "relu", 10, 500, 1000, -1 },
    { "cs231n-2016:relu-kaiming", "kaiming", "relu", 10, 500, 1000, -1 },
    { "cs231n-2019:small", "gaussian", "tanh", 6, 4096, 16, 0.01 },
    { "cs231n-2019:large", "gaussian", "tanh", 6, 4096, 16, 0.05 },
    { "cs231n-2019:xavier", "xavier", "tanh", 6, 4096, 16, -1 },
    { "cs231n-2019:relu-xavier", "xavier", "relu", 6, 4096, 16, -1 },
    { "cs231n-2019:relu-kaiming", "kaiming", "relu", 6, 4096, 16, -1 },
  };
  IscWindow *window = window_new ();
  GSettings *settings = isc_window_get_settings (window);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *init = NULL;
      g_autofree char *activation = NULL;

      /* Through the menu's action, as a click would. */
      gtk_widget_activate_action (GTK_WIDGET (window), "win.preset", "s", cases[i].preset);

      init = g_settings_get_string (settings, "init");
      activation = g_settings_get_string (settings, "activation");
      g_assert_cmpstr (init, ==, cases[i].init);
      g_assert_cmpstr (activation, ==, cases[i].activation);
      g_assert_cmpint (g_settings_get_int (settings, "depth"), ==, cases[i].depth);
      g_assert_cmpint (g_settings_get_int (settings, "width"), ==, cases[i].width);
      g_assert_cmpint (g_settings_get_int (settings, "batch"), ==, cases[i].batch);
      if (cases[i].scale >= 0)
        g_assert_cmpfloat (g_settings_get_double (settings, "scale"), ==, cases[i].scale);
    }

  /* The last one ran to the end: the lecture's ReLU + Kaiming of 2019. */
  assert_shows_settings (window);

  g_assert_false (isc_window_apply_preset (window, "cs231n-2016:huge", &error));
  g_assert_error (error, ISC_CONFIG_ERROR, ISC_CONFIG_ERROR_UNKNOWN_NAME);
  g_clear_error (&error);
  g_assert_false (isc_window_apply_preset (window, "nonsense", &error));
  g_assert_nonnull (error);

  window_destroy (window);
}

static void
test_rapid_changes (void)
{
  static const char * const activations[] = { "tanh", "relu", "sigmoid", "linear" };
  IscWindow *window = window_new ();
  GSettings *settings = isc_window_get_settings (window);
  IscSimulator *simulator = isc_window_get_simulator (window);
  g_autoptr(IscResult) fresh = NULL;
  g_autoptr(GError) error = NULL;
  IscConfig config;

  assert_shows_settings (window);

  /* Smaller batches keep the 200 changes quick; the loop barely gets to run,
   * so jobs are started, cancelled and replaced all the time. */
  g_settings_set_int (settings, "width", 200);
  for (guint i = 0; i < 200; i++)
    {
      g_settings_set_double (settings, "scale", 0.01 + 0.005 * i);
      g_settings_set_int (settings, "depth", 1 + i % 13);
      g_settings_set_string (settings, "activation", activations[i % 4]);
      if (i % 7 == 0)
        g_settings_set_int (settings, "batch", 100 + 37 * i);
      if (i % 3 == 0)
        g_main_context_iteration (NULL, FALSE);
    }

  assert_shows_settings (window);

  isc_window_get_config (window, &config);
  g_assert_cmpfloat (config.scale, ==, 0.01 + 0.005 * 199);
  g_assert_cmpuint (config.depth, ==, 1 + 199 % 13);
  g_assert_cmpint (config.activation, ==, ISC_ACTIVATION_LINEAR);

  /* What is shown is exactly what a fresh, cache-less run computes. */
  fresh = isc_network_run (&config, NULL, 0, 0, NULL, &error);
  g_assert_no_error (error);
  assert_same_result (isc_simulator_get_result (simulator), fresh);

  window_destroy (window);
}

static void
on_result_notify (IscSimulator *simulator,
                  GParamSpec   *pspec,
                  GPtrArray    *seen)
{
  g_ptr_array_add (seen, isc_result_ref (isc_simulator_get_result (simulator)));
}

static void
test_simulator_latest_wins (void)
{
  g_autoptr(IscSimulator) simulator = isc_simulator_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func ((GDestroyNotify) isc_result_unref);
  IscConfig a, b;

  g_signal_connect (simulator, "notify::result", G_CALLBACK (on_result_notify), seen);

  isc_config_init_default (&a);
  a.width = 300;
  b = a;
  b.depth = 4;
  b.init = ISC_INIT_XAVIER;

  /* Two requests in one go: only the last is ever shown. */
  isc_simulator_request (simulator, &a);
  isc_simulator_request (simulator, &b);
  g_assert_true (isc_simulator_get_busy (simulator));
  g_assert_true (isc_simulator_wait_idle (simulator, ISC_TEST_WAIT_MS));
  g_assert_false (isc_simulator_get_busy (simulator));

  g_assert_cmpuint (seen->len, >=, 1);
  for (guint i = 0; i < seen->len; i++)
    g_assert_true (isc_config_equal (isc_result_get_config (seen->pdata[i]), &b));
  g_assert_false (isc_result_is_preview (isc_simulator_get_result (simulator)));

  /* Asking again for what is on screen computes nothing. */
  g_ptr_array_set_size (seen, 0);
  isc_simulator_request (simulator, &b);
  g_assert_false (isc_simulator_get_busy (simulator));
  g_assert_cmpuint (seen->len, ==, 0);

  /* While a slider is dragged, a preview comes first, then the full run. */
  isc_simulator_set_interactive (simulator, TRUE);
  a.batch = 1000;
  isc_simulator_request (simulator, &a);
  isc_simulator_set_interactive (simulator, FALSE);
  g_assert_true (isc_simulator_wait_idle (simulator, ISC_TEST_WAIT_MS));
  g_assert_cmpuint (seen->len, ==, 2);
  g_assert_true (isc_result_is_preview (seen->pdata[0]));
  g_assert_cmpuint (isc_result_get_batch (seen->pdata[0]), ==, ISC_SIMULATOR_PREVIEW_BATCH);
  g_assert_false (isc_result_is_preview (seen->pdata[1]));
  g_assert_true (isc_config_equal (isc_result_get_config (seen->pdata[1]), &a));
  g_assert_true (isc_simulator_get_result (simulator) == seen->pdata[1]);

  g_signal_handlers_disconnect_by_data (simulator, seen);
}


/* While a slider is held, the preview running is not cancelled by the next
 * position: it finishes and is shown (a frame slower than a preview would
 * otherwise cancel every one), then the latest position follows in full. */
static void
test_simulator_drag (void)
{
  g_autoptr(IscSimulator) simulator = isc_simulator_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func ((GDestroyNotify) isc_result_unref);
  gboolean timed_out = FALSE;
  guint id;
  IscConfig a, b;

  isc_config_init_default (&a);
  g_assert_true (a.batch > ISC_SIMULATOR_PREVIEW_BATCH);
  b = a;
  b.scale = a.scale * 2.0;

  g_signal_connect (simulator, "notify::result", G_CALLBACK (on_result_notify), seen);
  isc_simulator_set_interactive (simulator, TRUE);
  isc_simulator_request (simulator, &a);
  /* until a's preview runs in its thread */
  id = g_timeout_add (ISC_TEST_WAIT_MS, isc_test_flag_cb, &timed_out);
  while (isc_simulator_get_layers_total (simulator) == 0 && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
  isc_simulator_request (simulator, &b);
  isc_simulator_set_interactive (simulator, FALSE);
  g_assert_true (isc_simulator_wait_idle (simulator, ISC_TEST_WAIT_MS));

  g_assert_cmpuint (seen->len, >=, 2);
  g_assert_true (isc_result_is_preview (seen->pdata[0]));
  g_assert_true (isc_config_equal (isc_result_get_config (seen->pdata[0]), &a));
  g_assert_true (isc_result_is_full_for (seen->pdata[seen->len - 1], &b));
  g_assert_true (isc_simulator_get_result (simulator) == seen->pdata[seen->len - 1]);

  g_signal_handlers_disconnect_by_data (simulator, seen);
}

/* ------------------------------------------------------------------------ */
/* Export and copy                                                          */

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Outcome;

static void
on_exported (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->ok = isc_window_export_to_path_finish (ISC_WINDOW (object), result, &outcome->error);
  outcome->done = TRUE;
}

static void
on_copied (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->ok = isc_window_copy_figure_finish (ISC_WINDOW (object), result, &outcome->error);
  outcome->done = TRUE;
}

static void
wait_for_outcome (Outcome *outcome)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (ISC_TEST_WAIT_MS, isc_test_flag_cb, &timed_out);

  while (!outcome->done && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
}

static gboolean
export (IscWindow   *window,
        const char  *path,
        GError     **error)
{
  Outcome outcome = { 0 };

  isc_window_export_to_path (window, path, NULL, on_exported, &outcome);
  wait_for_outcome (&outcome);
  if (outcome.error != NULL)
    g_propagate_error (error, outcome.error);
  return outcome.ok;
}

static guint
count_message_dialogs (IscWindow *window)
{
  GList *toplevels = gtk_window_list_toplevels ();
  guint n = 0;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) &&
        gtk_window_get_transient_for (l->data) == GTK_WINDOW (window))
      n++;
  g_list_free (toplevels);
  return n;
}

static void
test_export (void)
{
  IscWindow *window = window_new ();
  GSettings *settings = isc_window_get_settings (window);
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("initscope-test-XXXXXX", &error);
  g_autofree char *png = g_build_filename (folder, "figure.png", NULL);
  g_autofree char *svg = g_build_filename (folder, "figure.svg", NULL);
  g_autofree char *pdf = g_build_filename (folder, "figure.pdf", NULL);
  g_autofree char *csv = g_build_filename (folder, "stats.csv", NULL);
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  IscConfig config;

  g_assert_no_error (error);
  g_settings_set_int (settings, "export-width", 640);
  g_settings_set_int (settings, "export-height", 400);
  assert_shows_settings (window);
  isc_window_get_config (window, &config);

  g_assert_true (export (window, png, &error));
  g_assert_no_error (error);
  texture = gdk_texture_new_from_filename (png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 640);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 400);

  g_assert_true (export (window, svg, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &contents, NULL, &error));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_nonnull (strstr (contents, "</svg>"));
  g_clear_pointer (&contents, g_free);

  g_assert_true (export (window, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &contents, NULL, &error));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_clear_pointer (&contents, g_free);

  g_assert_true (export (window, csv, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv, &contents, NULL, &error));
  lines = g_strsplit (g_strchomp (contents), "\n", -1);
  g_assert_cmpstr (lines[0], ==, ISC_STATS_CSV_HEADER);
  g_assert_cmpuint (g_strv_length (lines), ==, config.depth + 1);
  g_assert_true (g_str_has_prefix (lines[1], "1,"));

  /* Only the four files: no temporary left behind. */
  g_assert_cmpuint (isc_test_count_files (folder), ==, 4);
  g_assert_cmpuint (count_message_dialogs (window), ==, 0);

  g_unlink (png);
  g_unlink (svg);
  g_unlink (pdf);
  g_unlink (csv);
  g_rmdir (folder);
  window_destroy (window);
}

static void
test_export_errors (void)
{
  IscWindow *window = window_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("initscope-test-XXXXXX", &error);
  g_autofree char *occupied = g_build_filename (folder, "figure.png", NULL);
  g_autofree char *missing = g_build_filename (folder, "missing", "figure.png", NULL);
  g_autofree char *unknown = g_build_filename (folder, "figure.txt", NULL);
  g_autofree char *plain = g_build_filename (folder, "plain-file", NULL);
  g_autofree char *under_plain = g_build_filename (plain, "figure.png", NULL);

  g_assert_no_error (error);
  isc_simulator_set_preview_batch (isc_window_get_simulator (window), 0);
  g_settings_set_int (isc_window_get_settings (window), "export-width", 320);
  g_settings_set_int (isc_window_get_settings (window), "export-height", 200);
  assert_shows_settings (window);

  /* Under a regular file: the folder cannot exist, even for root. */
  g_assert_true (g_file_set_contents (plain, "plain", -1, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (plain, G_FILE_TEST_IS_REGULAR));
  g_assert_false (export (window, under_plain, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (count_message_dialogs (window), ==, 1);
  g_assert_false (g_file_test (under_plain, G_FILE_TEST_EXISTS));
  {
    g_autofree char *text = isc_test_read_file (plain);

    g_assert_cmpstr (text, ==, "plain");
  }
  g_assert_cmpint (g_unlink (plain), ==, 0);

  /* A folder that does not exist. */
  g_assert_false (export (window, missing, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (count_message_dialogs (window), ==, 2);

  /* A folder in the way of the file: the rename fails, the temporary goes. */
  g_assert_cmpint (g_mkdir (occupied, 0755), ==, 0);
  g_assert_false (export (window, occupied, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (count_message_dialogs (window), ==, 3);
  g_assert_true (g_file_test (occupied, G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (isc_test_count_files (folder), ==, 1);
  g_assert_cmpuint (isc_test_count_files (occupied), ==, 0);

  /* A name whose extension names no format. */
  g_assert_false (export (window, unknown, &error));
  g_assert_error (error, ISC_EXPORT_ERROR, ISC_EXPORT_ERROR_UNKNOWN_FORMAT);
  g_clear_error (&error);
  g_assert_cmpuint (count_message_dialogs (window), ==, 4);
  g_assert_cmpuint (isc_test_count_files (folder), ==, 1);

  g_rmdir (occupied);
  g_rmdir (folder);
  window_destroy (window);
}

static void
test_copy (void)
{
  IscWindow *window = window_new ();
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));
  GdkContentProvider *content;
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;
  Outcome outcome = { 0 };
  GdkTexture *texture;

  g_settings_set_int (isc_window_get_settings (window), "export-width", 300);
  g_settings_set_int (isc_window_get_settings (window), "export-height", 200);
  assert_shows_settings (window);

  isc_window_copy_figure (window, NULL, on_copied, &outcome);
  wait_for_outcome (&outcome);
  g_assert_no_error (outcome.error);
  g_assert_true (outcome.ok);

  content = gdk_clipboard_get_content (clipboard);
  g_assert_nonnull (content);
  g_value_init (&value, GDK_TYPE_TEXTURE);
  g_assert_true (gdk_content_provider_get_value (content, &value, &error));
  g_assert_no_error (error);
  texture = g_value_get_object (&value);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 300);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 200);

  window_destroy (window);
}

static void
test_text_scale (void)
{
  IscWindow *window = window_new ();
  IscHistogramView *view = isc_window_get_histogram_view (window);
  GSettings *settings = isc_window_get_settings (window);
  IscSimulator *simulator = isc_window_get_simulator (window);
  /* held, so no new result can take its address */
  g_autoptr(IscResult) before = isc_result_ref (wait_for_result (window));

  g_assert_cmpfloat (isc_histogram_view_get_text_scale (view), ==, 1.0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.text-bigger", NULL);
  g_assert_cmpfloat (g_settings_get_double (settings, "text-scale"), ==, 1.1);
  g_assert_cmpfloat (isc_histogram_view_get_text_scale (view), ==, 1.1);
  for (guint i = 0; i < 50; i++)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.text-bigger", NULL);
  g_assert_cmpfloat (g_settings_get_double (settings, "text-scale"), ==, 3.0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.text-reset", NULL);
  g_assert_cmpfloat (isc_histogram_view_get_text_scale (view), ==, 1.0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.text-smaller", NULL);
  g_assert_cmpfloat (isc_histogram_view_get_text_scale (view), <, 1.0);

  /* Text size is no part of the config: nothing to compute. Nothing was
   * started, and the result on show is the one from before. */
  isc_test_drain (DRAIN_MAX);
  g_assert_false (isc_simulator_get_busy (simulator));
  g_assert_true (isc_simulator_get_result (simulator) == before);
  g_assert_true (wait_for_result (window) == before);
  g_assert_true (isc_histogram_view_get_result (view) == before);

  window_destroy (window);
}

/* Export… opens the export dialog over the window (and no file chooser yet). */
static GtkWidget *
open_export_dialog (IscWindow *window)
{
  GList *toplevels;
  GtkWidget *dialog = NULL;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL);
  isc_test_drain (DRAIN_MAX);
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ISC_IS_EXPORT_DIALOG (l->data) &&
        gtk_window_get_transient_for (l->data) == GTK_WINDOW (window))
      {
        g_assert_null (dialog);
        dialog = l->data;
      }
  g_list_free (toplevels);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  return dialog;
}

static void
test_accessible_names (void)
{
  static const char * const labelled[] = {
    "scale_spin", "scale_slider", "depth_spin", "depth_slider", "width_spin", "width_slider",
  };
  static const char * const named[] = {
    "new_seed_button",
  };
  /* in the export dialog since the Export Size group moved there */
  static const char * const named_in_export[] = {
    "export_width_spin", "export_height_spin",
  };
  static const char * const rows[] = { "init_row", "activation_row" };
  IscWindow *window = window_new ();
  GtkAccessible *view;

  /* Every slider and spin button with its own label is labelled by it;
   * the mnemonic makes it keyboard reachable. */
  for (guint i = 0; i < G_N_ELEMENTS (labelled); i++)
    {
      GtkWidget *widget = get_child (window, labelled[i]);

      g_assert_true (gtk_widget_get_focusable (widget) ||
                     gtk_widget_get_focusable (gtk_widget_get_first_child (widget)) ||
                     GTK_IS_SPIN_BUTTON (widget));
      g_assert_true (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget),
                                                       GTK_ACCESSIBLE_RELATION_LABELLED_BY));
    }

  /* Controls in a row's suffix name themselves. */
  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (get_child (window, named[i])),
                                                     GTK_ACCESSIBLE_PROPERTY_LABEL));

  {
    GtkWidget *dialog = open_export_dialog (window);

    for (guint i = 0; i < G_N_ELEMENTS (named_in_export); i++)
      {
        GtkWidget *spin = find_child (dialog, named_in_export[i]);

        g_assert_nonnull (spin);
        g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (spin),
                                                         GTK_ACCESSIBLE_PROPERTY_LABEL));
      }
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  /* libadwaita labels a combo row by its title. */
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_assert_true (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (get_child (window, rows[i])),
                                                     GTK_ACCESSIBLE_RELATION_LABELLED_BY));

  view = GTK_ACCESSIBLE (isc_window_get_histogram_view (window));
  g_assert_true (gtk_test_accessible_has_role (view, GTK_ACCESSIBLE_ROLE_IMG));
  g_assert_true (gtk_test_accessible_has_property (view, GTK_ACCESSIBLE_PROPERTY_LABEL));

  window_destroy (window);
}


/* ------------------------------------------------------------------------ */
/* The split window's parts                                                 */

/* Each slider row's spin button spans its key's <range>, with the digits of
 * its type; the slider moves the same key. */
static void
test_slider_rows (void)
{
  static const char * const rows[] = { "scale_row", "depth_row", "width_row" };
  IscWindow *window = window_new ();
  GSettings *settings = isc_window_get_settings (window);
  g_autoptr(GSettingsSchema) schema = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      IscSliderRow *row = ISC_SLIDER_ROW (get_child (window, rows[i]));
      GtkSpinButton *spin = isc_slider_row_get_spin_button (row);
      GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (spin);
      g_autofree char *key_name = NULL;
      g_autoptr(GSettingsSchemaKey) key = NULL;
      g_autoptr(GVariant) range = NULL;
      g_autoptr(GVariant) bounds = NULL;
      g_autoptr(GVariant) lo = NULL;
      g_autoptr(GVariant) hi = NULL;
      gboolean is_double;

      g_object_get (row, "key", &key_name, NULL);
      key = g_settings_schema_get_key (schema, key_name);
      range = g_settings_schema_key_get_range (key);
      g_variant_get (range, "(&sv)", NULL, &bounds);
      lo = g_variant_get_child_value (bounds, 0);
      hi = g_variant_get_child_value (bounds, 1);
      is_double = g_variant_is_of_type (lo, G_VARIANT_TYPE_DOUBLE);

      g_assert_cmpfloat (gtk_adjustment_get_lower (adjustment), ==,
                         is_double ? g_variant_get_double (lo) : g_variant_get_int32 (lo));
      g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), ==,
                         is_double ? g_variant_get_double (hi) : g_variant_get_int32 (hi));
      g_assert_cmpuint (gtk_spin_button_get_digits (spin), ==, is_double ? 6 : 0);
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (isc_slider_row_get_scale (row))));
    }

  /* The width slider's log2 axis: the key at 2^k for position k. */
  gtk_range_set_value (GTK_RANGE (get_child (window, "width_slider")), 6.0);
  g_assert_cmpint (g_settings_get_int (settings, "width"), ==, 64);
  g_settings_set_int (settings, "width", 4096);
  g_assert_cmpfloat (gtk_range_get_value (GTK_RANGE (get_child (window, "width_slider"))), ==,
                     12.0);

  window_destroy (window);
}

static void
on_after_paint (GdkFrameClock *clock,
                guint         *n_paints)
{
  (*n_paints)++;
}

/* Queues a draw of @widget and waits until the window painted it. */
static void
paint (IscWindow *window,
       GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (ISC_TEST_WAIT_MS, isc_test_flag_cb, &timed_out);
  guint n_paints = 0;
  gulong handler;

  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &n_paints);
  gtk_widget_queue_draw (widget);
  while (n_paints < 1 && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, handler);
  g_assert_false (timed_out);
  g_source_remove (id);
}

/* The figure is drawn once per result, text size or widget size; a repaint
 * for any other reason reuses it (a dragged slider repaints every frame). */
static void
test_view_draws_once (void)
{
  IscWindow *window = window_new ();
  IscHistogramView *view = isc_window_get_histogram_view (window);
  GSettings *settings = isc_window_get_settings (window);
  guint drawn;

  assert_shows_settings (window);
  paint (window, GTK_WIDGET (view));
  drawn = isc_histogram_view_get_n_renders (view);
  g_assert_cmpuint (drawn, >=, 1);

  paint (window, GTK_WIDGET (view));
  paint (window, GTK_WIDGET (window));
  g_assert_cmpuint (isc_histogram_view_get_n_renders (view), ==, drawn);

  g_settings_set_double (settings, "text-scale", 1.5);
  paint (window, GTK_WIDGET (view));
  g_assert_cmpuint (isc_histogram_view_get_n_renders (view), ==, drawn + 1);

  /* one result, no preview before it: one drawing */
  isc_simulator_set_preview_batch (isc_window_get_simulator (window), 0);
  g_settings_set_int (settings, "depth", 4);
  assert_shows_settings (window);
  paint (window, GTK_WIDGET (view));
  g_assert_cmpuint (isc_histogram_view_get_n_renders (view), ==, drawn + 2);

  window_destroy (window);
}

/* A preview on screen: the export waits for the simulator's full result and
 * writes exactly it; the simulator then shows it too. */
static void
test_export_through_simulator (void)
{
  IscWindow *window = window_new ();
  GSettings *settings = isc_window_get_settings (window);
  IscSimulator *simulator = isc_window_get_simulator (window);
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("initscope-test-XXXXXX", &error);
  g_autofree char *csv = g_build_filename (folder, "stats.csv", NULL);
  g_autofree char *shown_csv = g_build_filename (folder, "shown.csv", NULL);
  g_autofree char *exported = NULL;
  g_autofree char *shown = NULL;
  IscFigureStyle style;
  IscConfig config;

  g_assert_no_error (error);
  assert_shows_settings (window);

  /* held slider: a preview first, the full run when it settles */
  isc_simulator_set_interactive (simulator, TRUE);
  g_settings_set_double (settings, "scale", 0.05);
  isc_window_get_config (window, &config);
  g_assert_false (isc_result_is_full_for (isc_simulator_get_result (simulator), &config));

  g_assert_true (export (window, csv, &error));
  g_assert_no_error (error);
  isc_simulator_set_interactive (simulator, FALSE);
  g_assert_true (isc_result_is_full_for (isc_simulator_get_result (simulator), &config));

  isc_figure_style_init_light (&style);
  g_assert_true (isc_export_to_file (isc_simulator_get_result (simulator), &style, shown_csv,
                                     100, 100, &error));
  g_assert_no_error (error);
  exported = isc_test_read_file (csv);
  shown = isc_test_read_file (shown_csv);
  g_assert_cmpstr (exported, ==, shown);

  /* Asked for other settings before the figure was ready: the export says so. */
  isc_simulator_set_interactive (simulator, TRUE);
  g_settings_set_double (settings, "scale", 0.07);
  {
    Outcome outcome = { 0 };

    isc_window_export_to_path (window, csv, NULL, on_exported, &outcome);
    g_settings_set_int (settings, "depth", 3);
    wait_for_outcome (&outcome);
    g_assert_false (outcome.ok);
    g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_FAILED);
    g_clear_error (&outcome.error);
  }
  isc_simulator_set_interactive (simulator, FALSE);
  g_assert_cmpuint (count_message_dialogs (window), ==, 1);
  assert_shows_settings (window);

  g_unlink (csv);
  g_unlink (shown_csv);
  g_rmdir (folder);
  window_destroy (window);
}


/* On a software GL (Xvfb's llvmpipe, say) the window runs on the Cairo
 * renderer, else on GTK's choice; GSK_RENDERER, when set, always wins. */
static void
test_window_renderer (void)
{
  IscWindow *window = window_new ();
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (window));
  GskRenderer *renderer;
  gboolean software;

  isc_test_drain (DRAIN_MAX);
  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  g_assert_nonnull (renderer);
  software = isc_renderer_gl_is_software (display);
  g_test_message ("GL rasterizes on the CPU: %s; renderer: %s", software ? "yes" : "no",
                  G_OBJECT_TYPE_NAME (renderer));
  if (g_getenv ("GSK_RENDERER") == NULL)
    {
      g_assert_cmpint (software, ==, g_strcmp0 (g_object_get_data (G_OBJECT (display),
                                                                   "gsk-renderer"),
                                                "cairo") == 0);
      if (software)
        g_assert_true (GSK_IS_CAIRO_RENDERER (renderer));
    }
  else
    {
      g_assert_null (g_object_get_data (G_OBJECT (display), "gsk-renderer"));
    }

  window_destroy (window);
}

static void
test_window_state (void)
{
  IscWindow *window;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  int width, height;

  isc_test_reset_settings ();
  g_settings_set_int (settings, "window-width", 900);
  g_settings_set_int (settings, "window-height", 640);

  /* Restored from the settings… */
  window = isc_window_new (NULL);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);

  /* …and saved when the window closes. */
  gtk_window_present (GTK_WINDOW (window));
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  isc_test_drain (DRAIN_MAX);
  gtk_window_close (GTK_WINDOW (window));
  isc_test_drain (DRAIN_MAX);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
}

/* ------------------------------------------------------------------------ */
/* Collapsed layers, the busy cue, cancel                                   */

/* The lecture's collapse demo, saved in the settings, as after a crash: the
 * next start must show it. In a subprocess, so that a crash fails this test
 * alone. */
static void
test_collapsed_relu (void)
{
  IscWindow *window;
  IscResult *result;
  IscConfig config;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, (guint64) ISC_TEST_WAIT_MS * 1000, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    isc_test_reset_settings ();
    g_settings_set_int (settings, "depth", 45);
    g_settings_set_string (settings, "activation", "relu");
  }
  window = isc_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));

  assert_shows_settings (window);
  result = isc_simulator_get_result (isc_window_get_simulator (window));
  isc_window_get_config (window, &config);
  g_assert_cmpuint (config.depth, ==, 45);
  g_assert_cmpint (config.activation, ==, ISC_ACTIVATION_RELU);
  g_assert_cmpuint (isc_result_get_n_layers (result), ==, 45);
  for (guint l = 0; l < 45; l++)
    g_assert_cmpuint (isc_result_get_layer (result, l)->count, ==,
                      (guint64) config.batch * config.width);

  /* The other collapses, through the controls. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (get_child (window, "depth_spin")), 20);
  g_settings_set_double (isc_window_get_settings (window), "scale", 0.001);
  assert_shows_settings (window);
  g_settings_set_string (isc_window_get_settings (window), "activation", "linear");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (get_child (window, "depth_spin")), 25);
  assert_shows_settings (window);

  window_destroy (window);
}

/* ------------------------------------------------------------------------ */
/* Views, theory, range; effective σ; presets menu; status notes            */

/* The view switch (win.view, the toggle buttons' action) changes the figure
 * and makes the simulator run the backward pass; theory and range reach the
 * figure's style. */
static void
test_view_switch (void)
{
  IscWindow *window = window_new ();
  GSettings *settings = isc_window_get_settings (window);
  IscHistogramView *view = isc_window_get_histogram_view (window);
  IscSimulator *simulator = isc_window_get_simulator (window);
  GtkWidget *button;
  IscResult *result;
  guint renders;

  result = wait_for_result (window);
  g_assert_false (isc_simulator_get_gradients (simulator));
  g_assert_cmpint (isc_histogram_view_get_style (view)->view, ==, ISC_VIEW_ACTIVATIONS);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (
                   get_child (window, "view_activations_button"))));
  gtk_widget_queue_draw (GTK_WIDGET (view));
  isc_test_drain (DRAIN_MAX);
  renders = isc_histogram_view_get_n_renders (view);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "gradients");
  g_assert_true (isc_simulator_get_gradients (simulator));
  assert_shows_settings (window);
  result = isc_simulator_get_result (simulator);
  g_assert_true (isc_result_has_gradients (result));
  g_assert_true (isc_result_has_view (result, ISC_VIEW_GRADIENTS));
  g_assert_cmpint (isc_histogram_view_get_style (view)->view, ==, ISC_VIEW_GRADIENTS);
  button = get_child (window, "view_gradients_button");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (
                    get_child (window, "view_activations_button"))));
  gtk_widget_queue_draw (GTK_WIDGET (view));
  isc_test_drain (DRAIN_MAX);
  g_assert_cmpuint (isc_histogram_view_get_n_renders (view), >, renders);

  /* a click on a button is the same action */
  g_signal_emit_by_name (get_child (window, "view_weight_gradients_button"), "clicked");
  {
    g_autofree char *key = g_settings_get_string (settings, "view");

    g_assert_cmpstr (key, ==, "weight-gradients");
  }
  g_assert_cmpint (isc_histogram_view_get_style (view)->view, ==, ISC_VIEW_WEIGHT_GRADIENTS);

  g_assert_false (isc_histogram_view_get_style (view)->theory_on);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.theory", NULL);
  g_assert_true (g_settings_get_boolean (settings, "theory"));
  g_assert_true (isc_histogram_view_get_style (view)->theory_on);

  g_assert_cmpint (isc_histogram_view_get_style (view)->range, ==, ISC_FIGURE_RANGE_AUTO);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.range", "s", "symlog");
  g_assert_cmpint (isc_histogram_view_get_style (view)->range, ==, ISC_RANGE_SYMLOG);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.range", "s", "per-layer");
  g_assert_cmpint (isc_histogram_view_get_style (view)->range, ==, ISC_RANGE_PER_LAYER);

  /* back to the activations: the gradient result still does */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "activations");
  g_assert_false (isc_simulator_get_gradients (simulator));
  assert_shows_settings (window);

  window_destroy (window);
}

/* A held slider with the gradients on still shows previews, and they carry
 * the gradients too. */
static void
test_simulator_drag_gradients (void)
{
  g_autoptr(IscSimulator) simulator = isc_simulator_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func ((GDestroyNotify) isc_result_unref);
  gboolean timed_out = FALSE;
  guint id;
  IscConfig a, b;

  isc_config_init_default (&a);
  b = a;
  b.scale = a.scale * 2.0;

  isc_simulator_set_gradients (simulator, TRUE);
  g_signal_connect (simulator, "notify::result", G_CALLBACK (on_result_notify), seen);
  isc_simulator_set_interactive (simulator, TRUE);
  isc_simulator_request (simulator, &a);
  id = g_timeout_add (ISC_TEST_WAIT_MS, isc_test_flag_cb, &timed_out);
  while (isc_simulator_get_layers_total (simulator) == 0 && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
  /* the forward and the backward layers */
  g_assert_cmpuint (isc_simulator_get_layers_total (simulator), ==, 2 * a.depth);
  isc_simulator_request (simulator, &b);
  /* still held: a's preview finishes and is shown (once released, a preview
   * still running when the full run is due is cancelled for it, as it should:
   * on a slow build that can be before a's preview is done) */
  timed_out = FALSE;
  id = g_timeout_add (ISC_TEST_WAIT_MS, isc_test_flag_cb, &timed_out);
  while (seen->len == 0 && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
  isc_simulator_set_interactive (simulator, FALSE);
  g_assert_true (isc_simulator_wait_idle (simulator, ISC_TEST_WAIT_MS));

  /* what the held slider showed carried the gradients (a preview where the
   * simulator's timing chose one: on a slow build it may run a in full) */
  g_assert_cmpuint (seen->len, >=, 1);
  for (guint i = 0; i < seen->len; i++)
    g_assert_true (isc_result_has_gradients (seen->pdata[i]));
  g_assert_true (isc_result_is_full_for (isc_simulator_get_result (simulator), &b));
  g_assert_true (isc_result_has_gradients (isc_simulator_get_result (simulator)));

  g_signal_handlers_disconnect_by_data (simulator, seen);
}

/* Every lecture figure of the engine's table is in the Presets menu, and its
 * item sets that figure's config. */
static void
test_presets_menu (void)
{
  IscWindow *window = window_new ();
  GSettings *settings = isc_window_get_settings (window);
  GMenuModel *menu = gtk_menu_button_get_menu_model (
                       GTK_MENU_BUTTON (get_child (window, "presets_button")));
  const IscPreset *presets;
  guint n_presets;
  gboolean saw_zero = FALSE;

  presets = isc_presets_get (&n_presets);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, n_presets);
  for (guint p = 0; p < n_presets; p++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, p, G_MENU_LINK_SECTION);

      g_assert_cmpint (g_menu_model_get_n_items (section), ==, presets[p].n_figures);
      for (guint f = 0; f < presets[p].n_figures; f++)
        {
          const IscLectureFigure *figure = &presets[p].figures[f];
          g_autofree char *spec = isc_preset_figure_spec (&presets[p], figure);
          g_autofree char *target = NULL;
          g_autofree char *action = NULL;
          g_autofree char *init = NULL;
          IscConfig config;

          g_assert_true (g_menu_model_get_item_attribute (section, f, "action", "s", &action));
          g_assert_true (g_menu_model_get_item_attribute (section, f, "target", "s", &target));
          g_assert_cmpstr (action, ==, "win.preset");
          g_assert_cmpstr (target, ==, spec);

          gtk_widget_activate_action (GTK_WIDGET (window), action, "s", target);
          isc_window_get_config (window, &config);
          g_assert_cmpint (config.init, ==, figure->init);
          g_assert_cmpint (config.activation, ==, figure->activation);
          g_assert_cmpuint (config.depth, ==, presets[p].depth);
          g_assert_cmpuint (config.width, ==, presets[p].width);
          g_assert_cmpuint (config.batch, ==, presets[p].batch);
          if (figure->init == ISC_INIT_GAUSSIAN)
            g_assert_cmpfloat (config.scale, ==, figure->scale);
          init = g_settings_get_string (settings, "init");
          saw_zero |= g_str_equal (init, "zero");
        }
    }
  g_assert_true (saw_zero);
  assert_shows_settings (window);
  window_destroy (window);
}

/* The σ a scheme gives is shown, not a stale one greyed out. */
static void
test_effective_sigma (void)
{
  IscWindow *window = window_new ();
  GSettings *settings = isc_window_get_settings (window);
  IscSidePanel *panel = ISC_SIDE_PANEL (get_child (window, "side_panel"));
  g_autofree char *kaiming = g_strdup_printf ("σ = √(2/1000) = %.3g", sqrt (2.0 / 1000.0));

  g_assert_null (isc_side_panel_get_sigma_text (panel));
  g_assert_true (gtk_widget_get_visible (get_child (window, "scale_row")));

  g_settings_set_int (settings, "width", 500);
  g_settings_set_string (settings, "init", "xavier");
  g_assert_cmpstr (isc_side_panel_get_sigma_text (panel), ==, "σ = 1/√500 = 0.0447");
  g_assert_false (gtk_widget_get_visible (get_child (window, "scale_row")));

  g_settings_set_string (settings, "init", "kaiming");
  g_settings_set_int (settings, "width", 1000);
  g_assert_cmpstr (isc_side_panel_get_sigma_text (panel), ==, kaiming);

  g_settings_set_string (settings, "init", "zero");
  g_assert_cmpstr (isc_side_panel_get_sigma_text (panel), ==, "W = 0");

  /* the init list says where two schemes coincide: xavier = glorot at equal widths */
  {
    g_autofree char *xavier = isc_side_panel_describe_coincidence (ISC_INIT_XAVIER, 500);
    g_autofree char *glorot = isc_side_panel_describe_coincidence (ISC_INIT_GLOROT, 500);
    g_autofree char *gaussian = isc_side_panel_describe_coincidence (ISC_INIT_GAUSSIAN, 500);

    g_assert_nonnull (strstr (xavier, "Glorot"));
    g_assert_nonnull (strstr (xavier, "500"));
    g_assert_nonnull (strstr (glorot, "Xavier"));
    g_assert_null (gaussian);
  }

  /* the gain: PyTorch's calculate_gain for tanh is 5/3, and the σ it gives */
  g_settings_set_string (settings, "init", "xavier");
  g_settings_set_int (settings, "width", 500);
  g_settings_set_string (settings, "activation", "tanh");
  g_assert_true (gtk_widget_get_visible (get_child (window, "gain_row")));
  g_signal_emit_by_name (get_child (window, "recommended_button"), "clicked");
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "gain"), 5.0 / 3.0, 1e-12);
  {
    g_autofree char *expected = g_strdup_printf ("σ = 1.67 × 1/√500 = %.3g",
                                                 5.0 / 3.0 / sqrt (500.0));

    g_assert_cmpstr (isc_side_panel_get_sigma_text (panel), ==, expected);
  }
  g_assert_false (gtk_widget_get_sensitive (get_child (window, "recommended_button")));
  /* a uniform base: its bound, then the weights' std (bound/√3) */
  g_settings_set_double (settings, "gain", 1.0);
  g_settings_set_string (settings, "init", "kaiming-uniform");
  {
    g_autofree char *expected = g_strdup_printf ("W ~ U(±√(6/500)): σ = %.3g",
                                                 sqrt (6.0 / 500.0) / sqrt (3.0));

    g_assert_cmpstr (isc_side_panel_get_sigma_text (panel), ==, expected);
  }
  /* lsuv sets σ on the batch: no gain row */
  g_settings_set_string (settings, "init", "lsuv");
  g_assert_false (gtk_widget_get_visible (get_child (window, "gain_row")));
  g_assert_true (gtk_widget_get_visible (get_child (window, "bias_row")));

  g_settings_set_string (settings, "init", "constant");
  g_assert_null (isc_side_panel_get_sigma_text (panel));
  g_assert_true (gtk_widget_get_visible (get_child (window, "scale_row")));

  wait_for_result (window);
  window_destroy (window);
}

/* The status line says the most notable thing, by the engine's thresholds. */
static void
test_status_notes (void)
{
  IscWindow *window = window_new ();
  GtkLabel *label = GTK_LABEL (get_child (window, "warning_label"));
  IscResult *result;
  const IscLayerStats *first, *last;
  g_autofree char *collapsed = NULL;
  g_autofree char *saturated = NULL;
  guint worst = 0;

  g_assert_true (isc_window_apply_preset (window, "cs231n-2016:small", NULL));
  assert_shows_settings (window);
  result = isc_simulator_get_result (isc_window_get_simulator (window));
  first = isc_result_get_layer (result, 0);
  last = isc_result_get_layer (result, 9);
  collapsed = g_strdup_printf ("Collapsed: std ×%.2g a layer",
                               pow (last->std / first->std, 1.0 / 9));
  g_assert_cmpstr (gtk_label_get_text (label), ==, collapsed);

  g_assert_true (isc_window_apply_preset (window, "cs231n-2016:large", NULL));
  assert_shows_settings (window);
  result = isc_simulator_get_result (isc_window_get_simulator (window));
  for (guint l = 1; l < 10; l++)
    if (isc_result_get_layer (result, l)->saturated >
        isc_result_get_layer (result, worst)->saturated)
      worst = l;
  g_assert_cmpfloat (isc_result_get_layer (result, worst)->saturated, >,
                     ISC_NOTES_SATURATED_FRACTION);
  saturated = g_strdup_printf ("Layer %u: %.0f %% saturated", worst + 1,
                               isc_result_get_layer (result, worst)->saturated * 100.0);
  g_assert_cmpstr (gtk_label_get_text (label), ==, saturated);

  g_assert_true (isc_window_apply_preset (window, "cs231n-2016:kaiming-relu", NULL));
  assert_shows_settings (window);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (label)));

  window_destroy (window);
}

/* Issue 14's screen-reader findings: names not doubled, not a class name. */
static void
test_accessible_fixes (void)
{
  static const struct { const char *id; const char *label; } names[] = {
    { "sidebar_button", "Show Controls" },
    { "menu_button", "Main Menu" },
    { "export_button", "Export…" },
  };
  IscWindow *window = window_new ();
  GtkWidget *slider;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GtkAccessible *accessible = GTK_ACCESSIBLE (get_child (window, names[i].id));

      gtk_test_accessible_assert_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                           names[i].label);
    }
  /* labelled by their rows, without a second name of their own */
  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *spin = get_child (window, i == 0 ? "batch_spin" : "seed_spin");

      g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (spin),
                                                        GTK_ACCESSIBLE_PROPERTY_LABEL));
    }
  gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (get_child (window, "batch_spin")),
                                       GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                       get_child (window, "batch_row"), NULL);

  /* a log slider tells its value, not its logarithm */
  slider = get_child (window, "scale_slider");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (slider),
                                       GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, "0.01");
  g_settings_set_double (isc_window_get_settings (window), "scale", 0.5);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (slider),
                                       GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, "0.5");

  /* the figure has the focus first (src/app/README.md, Keyboard) */
  isc_test_drain (DRAIN_MAX);
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) ==
                 GTK_WIDGET (isc_window_get_histogram_view (window)));

  wait_for_result (window);
  window_destroy (window);
}

/* Pinned, the reference is computed once and kept: a σ change runs only the
 * current config, and unpinning is one action. */
static void
test_pin_reference (void)
{
  IscWindow *window = window_new ();
  IscSimulator *simulator = isc_window_get_simulator (window);
  GSettings *settings = isc_window_get_settings (window);
  IscResult *pinned;
  IscConfig config;
  guint runs;

  /* one job a request: the count is the configs computed */
  isc_simulator_set_preview_batch (simulator, 0);
  wait_for_result (window);
  g_assert_null (isc_window_get_reference (window));
  g_assert_false (gtk_widget_get_visible (get_child (window, "unpin_button")));

  runs = isc_simulator_get_n_runs (simulator);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.pin-reference", NULL);
  wait_for_result (window);
  pinned = isc_window_get_reference (window);
  g_assert_nonnull (pinned);
  /* the figure on show was the full one: pinning computed nothing */
  g_assert_cmpuint (isc_simulator_get_n_runs (simulator), ==, runs);
  isc_window_get_config (window, &config);
  g_assert_true (isc_result_is_full_for (pinned, &config));
  g_assert_true (gtk_widget_get_visible (get_child (window, "unpin_button")));

  g_settings_set_double (settings, "scale", 0.05);
  assert_shows_settings (window);
  g_assert_cmpuint (isc_simulator_get_n_runs (simulator), ==, runs + 1);
  g_assert_true (isc_window_get_reference (window) == pinned);
  g_assert_true (isc_histogram_view_get_reference (isc_window_get_histogram_view (window)) ==
                 pinned);
  /* drawn by the figure as the comparison's ghost */
  g_assert_true (isc_histogram_view_get_style (isc_window_get_histogram_view (window))->reference ==
                 pinned);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.unpin-reference", NULL);
  g_assert_null (isc_window_get_reference (window));
  g_assert_false (gtk_widget_get_visible (get_child (window, "unpin_button")));

  window_destroy (window);
}

/* Batch norm over one sample is undefined: the window says so and runs
 * nothing; a batch of 2 runs again. */
static void
test_batch_norm_one (void)
{
  IscWindow *window = window_new ();
  IscSimulator *simulator = isc_window_get_simulator (window);
  GSettings *settings = isc_window_get_settings (window);
  GtkLabel *label = GTK_LABEL (get_child (window, "warning_label"));
  IscConfig config;
  guint runs;

  wait_for_result (window);
  adw_combo_row_set_selected (ADW_COMBO_ROW (get_child (window, "norm_row")), ISC_NORM_BATCH);
  {
    g_autofree char *norm = g_settings_get_string (settings, "norm");

    g_assert_cmpstr (norm, ==, "batch");
  }
  assert_shows_settings (window);
  isc_window_get_config (window, &config);
  g_assert_cmpint (config.norm, ==, ISC_NORM_BATCH);

  runs = isc_simulator_get_n_runs (simulator);
  g_settings_set_int (settings, "batch", 1);
  isc_test_drain (DRAIN_MAX);
  g_assert_true (isc_simulator_wait_idle (simulator, ISC_TEST_WAIT_MS));
  g_assert_cmpuint (isc_simulator_get_n_runs (simulator), ==, runs);
  g_assert_nonnull (isc_simulator_get_error (simulator));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (label)));
  g_assert_cmpstr (gtk_label_get_text (label), ==, "Batch norm needs a batch of at least 2");

  g_settings_set_int (settings, "batch", 2);
  assert_shows_settings (window);
  g_assert_null (isc_simulator_get_error (simulator));

  window_destroy (window);
}

typedef gboolean (*Condition) (IscWindow *window);

/* Iterates the main loop until @condition holds; fails rather than hangs. */
static void
wait_until (IscWindow *window,
            Condition  condition)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (ISC_TEST_WAIT_MS, isc_test_flag_cb, &timed_out);

  while (!condition (window) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
}

static gboolean
shows_progress (IscWindow *window)
{
  IscSimulator *simulator = isc_window_get_simulator (window);

  return gtk_widget_get_visible (get_child (window, "progress_bar")) &&
         !isc_simulator_get_previewing (simulator) &&
         isc_simulator_get_layers_done (simulator) >= 1;
}

static gboolean
shows_busy (IscWindow *window)
{
  return gtk_widget_get_visible (get_child (window, "busy_box"));
}

static void
on_layers_done (IscSimulator *simulator,
                GParamSpec   *pspec,
                GArray       *seen)
{
  guint done = isc_simulator_get_layers_done (simulator);

  if (!isc_simulator_get_previewing (simulator) && done > 0)
    g_array_append_val (seen, done);
}

static gboolean seen_more;

static void
on_layers_done_once (IscSimulator *simulator,
                     GParamSpec   *pspec,
                     gpointer      user_data)
{
  seen_more = TRUE;
}

static gboolean
saw_more (IscWindow *window)
{
  return seen_more;
}

/* A depth-50 net of 4096 × 4096 weights and 4096 samples runs for a minute or
 * more on any machine: the run is slow by construction, not by a clock. */
static void
set_slow_config (IscWindow *window)
{
  IscConfig config;

  isc_window_get_config (window, &config);
  config.depth = 50;
  config.width = 4096;
  config.batch = 4096;
  isc_settings_set_config (isc_window_get_settings (window), &config,
                           ISC_CONFIG_FIELD_DEPTH | ISC_CONFIG_FIELD_WIDTH |
                           ISC_CONFIG_FIELD_BATCH);
}

/* The cue is all there: the figure dimmed, spinner, "Layer k of 50", Cancel. */
static void
assert_busy_cue (IscWindow *window)
{
  IscSimulator *simulator = isc_window_get_simulator (window);
  GtkWidget *view = GTK_WIDGET (isc_window_get_histogram_view (window));
  GtkWidget *spinner = get_child (window, "spinner");
  GtkProgressBar *bar = GTK_PROGRESS_BAR (get_child (window, "progress_bar"));
  const char *label = gtk_label_get_text (GTK_LABEL (get_child (window, "busy_label")));
  g_autofree char *expected = g_strdup_printf ("Layer %u of 50",
                                               isc_simulator_get_layers_done (simulator) + 1);

  g_assert_true (isc_simulator_get_busy (simulator));
  g_assert_cmpuint (isc_simulator_get_layers_total (simulator), ==, 50);
  g_assert_true (gtk_widget_get_mapped (spinner));
  g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (spinner)));
  g_assert_true (gtk_widget_has_css_class (view, "computing"));
  g_assert_true (gtk_widget_get_mapped (get_child (window, "cancel_button")));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (bar)));
  g_assert_cmpstr (label, ==, expected);
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (bar), ==,
                     isc_simulator_get_layers_done (simulator) / 50.0);
  g_assert_false (gtk_widget_get_visible (get_child (window, "cancelled_box")));
}

/* After a cancel: the cue is gone, the figure and the settings are as they were. */
static void
assert_cancelled (IscWindow *window,
                  IscResult *shown)
{
  IscSimulator *simulator = isc_window_get_simulator (window);
  GtkWidget *view = GTK_WIDGET (isc_window_get_histogram_view (window));
  const char *label;
  IscConfig config;

  g_assert_false (isc_simulator_get_busy (simulator));
  g_assert_true (isc_simulator_get_cancelled (simulator));
  g_assert_cmpuint (isc_simulator_get_layers_done (simulator), ==, 0);
  g_assert_false (gtk_widget_get_visible (get_child (window, "busy_box")));
  g_assert_false (gtk_widget_has_css_class (view, "computing"));
  g_assert_true (gtk_widget_get_mapped (get_child (window, "cancelled_box")));
  label = gtk_label_get_text (GTK_LABEL (get_child (window, "cancelled_label")));
  g_assert_cmpstr (label, ==, "Cancelled: the figure shows the earlier settings");

  /* The cancelled job's thread ends, and brings nothing. */
  g_assert_true (isc_simulator_wait_idle (simulator, ISC_TEST_WAIT_MS));
  g_assert_true (isc_simulator_get_result (simulator) == shown);
  g_assert_true (isc_histogram_view_get_result (ISC_HISTOGRAM_VIEW (view)) == shown);
  isc_window_get_config (window, &config);
  g_assert_cmpuint (config.depth, ==, 50);
  g_assert_cmpuint (config.width, ==, 4096);
  g_assert_false (gtk_widget_get_visible (get_child (window, "busy_box")));
}

/* Escape as the window's key bindings see it: its class shortcut. */
static gboolean
press_escape (IscWindow *window)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == GDK_KEY_Escape &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0)
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                 GTK_WIDGET (window),
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }
  g_assert_not_reached ();
  return FALSE;
}

static void
test_busy_cancel (void)
{
  IscWindow *window = window_new ();
  IscSimulator *simulator = isc_window_get_simulator (window);
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (guint));
  /* held, so no new result can take its address */
  g_autoptr(IscResult) before = NULL;
  guint done;

  /* No preview: the figure on show stays the earlier settings' full run. */
  isc_simulator_set_preview_batch (simulator, 0);
  before = isc_result_ref (wait_for_result (window));

  /* Nothing runs: Escape does nothing and lets the key go on. */
  g_assert_false (press_escape (window));
  g_assert_false (gtk_widget_get_visible (get_child (window, "busy_box")));

  g_signal_connect (simulator, "notify::layers-done", G_CALLBACK (on_layers_done), seen);
  set_slow_config (window);

  /* First the quiet cue: its stage is seen before the next one can start,
   * which is scheduled only when this one shows. */
  wait_until (window, shows_busy);
  g_assert_true (isc_simulator_get_busy (simulator));
  g_assert_true (isc_simulator_get_result (simulator) == before);
  g_assert_true (gtk_widget_get_mapped (get_child (window, "spinner")));
  g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (get_child (window, "spinner"))));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (isc_window_get_histogram_view (window)),
                                           "computing"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (get_child (window, "busy_label"))), ==,
                   "Computing…");
  g_assert_false (gtk_widget_get_visible (get_child (window, "progress_bar")));
  g_assert_false (gtk_widget_get_visible (get_child (window, "cancel_button")));

  /* Then how far it is, and the Cancel button. */
  wait_until (window, shows_progress);
  assert_busy_cue (window);

  /* Progress advances, one layer at a time, on the main thread's notify. */
  done = isc_simulator_get_layers_done (simulator);
  seen_more = FALSE;
  g_signal_connect (simulator, "notify::layers-done", G_CALLBACK (on_layers_done_once), NULL);
  wait_until (window, saw_more);
  g_signal_handlers_disconnect_by_func (simulator, on_layers_done_once, NULL);
  g_assert_cmpuint (isc_simulator_get_layers_done (simulator), >, done);
  assert_busy_cue (window);
  g_assert_cmpuint (seen->len, >=, 2);
  for (guint i = 1; i < seen->len; i++)
    g_assert_cmpuint (g_array_index (seen, guint, i), >, g_array_index (seen, guint, i - 1));
  g_signal_handlers_disconnect_by_func (simulator, on_layers_done, seen);

  /* Cancel through its action (the button's): the earlier figure stays. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel", NULL);
  assert_cancelled (window, before);

  /* Recompute runs the same settings again; Escape cancels it. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.recompute", NULL);
  g_assert_true (isc_simulator_get_busy (simulator));
  g_assert_false (isc_simulator_get_cancelled (simulator));
  g_assert_false (gtk_widget_get_visible (get_child (window, "cancelled_box")));
  wait_until (window, shows_progress);
  assert_busy_cue (window);
  g_assert_true (press_escape (window));
  assert_cancelled (window, before);

  /* A change of settings after a cancel runs as usual. */
  g_settings_set_int (isc_window_get_settings (window), "width", 100);
  g_settings_set_int (isc_window_get_settings (window), "batch", 100);
  assert_shows_settings (window);
  g_assert_false (isc_simulator_get_cancelled (simulator));
  g_assert_false (gtk_widget_get_visible (get_child (window, "cancelled_box")));
  g_assert_false (gtk_widget_get_visible (get_child (window, "busy_box")));

  window_destroy (window);
}

/* ------------------------------------------------------------------------ */
/* Settings that GSettings ignores                                          */

static void
expect_bad_key (const char *pattern)
{
  g_test_expect_message ("isc-settings", G_LOG_LEVEL_WARNING, pattern);
}

/* A keyfile as GSETTINGS_BACKEND=keyfile reads it: the values are refused
 * (the defaults are used), and each bad key is named once. */
static void
test_settings_keyfile (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("initscope-test-XXXXXX", &error);
  g_autofree char *path = g_build_filename (folder, "keyfile", NULL);
  g_autoptr(GSettingsBackend) backend = NULL;
  g_autoptr(GSettings) settings = NULL;
  IscConfig config;
  IscConfig expected;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path,
                                      "[io/github/initscope/Initscope]\n"
                                      "depth=0\n"
                                      "width=100000\n"
                                      "init='bogus'\n"
                                      "scale=-1\n"
                                      "batch='many'\n"
                                      "bins=30\n",
                                      -1, &error));
  g_assert_no_error (error);
  backend = g_keyfile_settings_backend_new (path, "/", NULL);
  settings = g_settings_new_with_backend (APP_ID, backend);

  /* in the order of the names */
  expect_bad_key ("Settings key \"batch\" holds 'many', not of type i: using 1000 instead");
  expect_bad_key ("Settings key \"depth\" holds 0, outside its range 1 to 50: using 10 instead");
  expect_bad_key ("Settings key \"init\" holds 'bogus', not one of *'kaiming'*: using 'gaussian'*");
  expect_bad_key ("Settings key \"scale\" holds -1.0, outside its range 0.0 to 100.0: *0.01*");
  expect_bad_key ("Settings key \"width\" holds 100000, outside its range 1 to 8192: using 500*");
  g_assert_cmpuint (isc_settings_warn_invalid (settings), ==, 5);
  g_test_assert_expected_messages ();

  /* GSettings gives the defaults for them, and the good key its value. */
  isc_settings_get_config (settings, &config);
  isc_config_init_default (&expected);
  expected.bins = 30;
  g_assert_true (isc_config_equal (&config, &expected));

  g_unlink (path);
  g_rmdir (folder);
}

/* The command line's --view, --theory and --range reach the settings the
 * window's view is bound to; what it did not give keeps its stored value. */
static void
test_settings_figure (void)
{
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autoptr(GSettings) settings = g_settings_new_with_backend (APP_ID, backend);
  g_autofree char *view = NULL;
  g_autofree char *range = NULL;

  g_settings_set_string (settings, "view", "gradients");
  g_settings_set_boolean (settings, "theory", TRUE);
  g_settings_set_string (settings, "range", "symlog");
  isc_settings_set_figure (settings, NULL, FALSE, NULL);
  view = g_settings_get_string (settings, "view");
  range = g_settings_get_string (settings, "range");
  g_assert_cmpstr (view, ==, "gradients");
  g_assert_true (g_settings_get_boolean (settings, "theory"));
  g_assert_cmpstr (range, ==, "symlog");

  g_settings_set_boolean (settings, "theory", FALSE);
  isc_settings_set_figure (settings, isc_view_to_string (ISC_VIEW_WEIGHT_GRADIENTS), TRUE,
                           isc_range_mode_to_string (ISC_RANGE_PER_LAYER));
  g_clear_pointer (&view, g_free);
  g_clear_pointer (&range, g_free);
  view = g_settings_get_string (settings, "view");
  range = g_settings_get_string (settings, "range");
  g_assert_cmpstr (view, ==, "weight-gradients");
  g_assert_true (g_settings_get_boolean (settings, "theory"));
  g_assert_cmpstr (range, ==, "per-layer");
}

/* The window names the keys at start and runs on the defaults. */
static void
test_settings_window_warns (void)
{
  GSettingsBackend *backend = g_settings_backend_get_default ();
  GSettingsBackendClass *klass = G_SETTINGS_BACKEND_GET_CLASS (backend);
  const char *root = "/io/github/initscope/Initscope/";
  g_autofree char *depth = g_strconcat (root, "depth", NULL);
  g_autofree char *activation = g_strconcat (root, "activation", NULL);
  IscWindow *window;
  IscConfig config;
  IscConfig defaults;

  isc_test_reset_settings ();
  /* past GSettings' own checks, straight into the backend */
  klass->write (backend, depth, g_variant_new_int32 (0), NULL);
  klass->write (backend, activation, g_variant_new_string ("swish"), NULL);

  expect_bad_key ("Settings key \"activation\" holds 'swish', not one of*");
  expect_bad_key ("Settings key \"depth\" holds 0,*");
  window = isc_window_new (NULL);
  g_test_assert_expected_messages ();
  gtk_window_present (GTK_WINDOW (window));

  assert_shows_settings (window);
  isc_window_get_config (window, &config);
  isc_config_init_default (&defaults);
  g_assert_true (isc_config_equal (&config, &defaults));

  window_destroy (window);
  g_object_unref (backend);
  isc_test_reset_settings ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Without a display (not under xvfb-run), skip rather than fail. */
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display; run under xvfb-run\n");
      return 0;
    }

  /* The test accessibility backend records what the widgets expose, and
   * needs no session bus. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/app/simulator/latest-wins", test_simulator_latest_wins);
  g_test_add_func ("/app/simulator/drag", test_simulator_drag);
  g_test_add_func ("/app/window/default-result", test_default_result);
  g_test_add_func ("/app/window/controls", test_controls);
  g_test_add_func ("/app/window/presets", test_presets);
  g_test_add_func ("/app/window/rapid-changes", test_rapid_changes);
  g_test_add_func ("/app/window/text-scale", test_text_scale);
  g_test_add_func ("/app/window/accessible-names", test_accessible_names);
  g_test_add_func ("/app/window/export", test_export);
  g_test_add_func ("/app/window/export-errors", test_export_errors);
  g_test_add_func ("/app/window/copy", test_copy);
  g_test_add_func ("/app/window/export-through-simulator", test_export_through_simulator);
  g_test_add_func ("/app/window/slider-rows", test_slider_rows);
  g_test_add_func ("/app/window/view-draws-once", test_view_draws_once);
  g_test_add_func ("/app/window/state", test_window_state);
  g_test_add_func ("/app/window/renderer", test_window_renderer);
  g_test_add_func ("/app/window/collapsed-relu", test_collapsed_relu);
  g_test_add_func ("/app/window/busy-cancel", test_busy_cancel);
  g_test_add_func ("/app/window/view-switch", test_view_switch);
  g_test_add_func ("/app/simulator/drag-gradients", test_simulator_drag_gradients);
  g_test_add_func ("/app/window/presets-menu", test_presets_menu);
  g_test_add_func ("/app/window/effective-sigma", test_effective_sigma);
  g_test_add_func ("/app/window/status-notes", test_status_notes);
  g_test_add_func ("/app/window/accessible-fixes", test_accessible_fixes);
  g_test_add_func ("/app/window/pin-reference", test_pin_reference);
  g_test_add_func ("/app/window/batch-norm-one", test_batch_norm_one);
  g_test_add_func ("/app/settings/keyfile-warnings", test_settings_keyfile);
  g_test_add_func ("/app/settings/figure", test_settings_figure);
  g_test_add_func ("/app/settings/window-warns", test_settings_window_warns);

  status = g_test_run ();

  /* A closed window's run may still be ending: let it, or OpenBLAS's exit
   * handler deadlocks with it. */
  isc_workers_wait_all ();
  return status;
}
