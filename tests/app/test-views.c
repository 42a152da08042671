/* test-views.c — the phase diagram and σ sweep windows: opened from their
 * actions, a drag and a click set the settings
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb with GDK_BACKEND=x11 and GSETTINGS_BACKEND=memory.
 * ISC_TEST_SHOTS=DIR also saves each view's window as DIR/hw2-NAME.png.
 */

#define G_LOG_DOMAIN "test-views"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "isc-figure-views.h"
#include "isc-phase-diagram.h"
#include "isc-settings.h"
#include "isc-sweep-view.h"
#include "isc-test-gtk.h"
#include "isc-window.h"

/* Iterates until @done(@object) or ISC_TEST_WAIT_MS; FALSE on the timeout. */
static gboolean
wait_until (gboolean (*done) (gpointer),
            gpointer   object)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (ISC_TEST_WAIT_MS, isc_test_flag_cb, &timed_out);

  while (!done (object) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return !timed_out;
}

static GtkWidget *
find_child (GtkWidget *widget,
            GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_child (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The toplevel transient for @parent holding a @type. */
static GtkWidget *
find_view (GtkWindow  *parent,
           GType       type,
           GtkWindow **window)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (gtk_window_get_transient_for (l->data) == parent)
      {
        GtkWidget *found = find_child (l->data, type);

        if (found != NULL)
          {
            *window = l->data;
            return found;
          }
      }
  return NULL;
}

static gboolean
is_mapped_and_sized (gpointer widget)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 100;
}

static void
save_shot (GtkWindow  *window,
           const char *name)
{
  const char *dir = g_getenv ("ISC_TEST_SHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int w = gtk_widget_get_width (GTK_WIDGET (window));
  int h = gtk_widget_get_height (GTK_WIDGET (window));

  if (dir == NULL)
    return;
  paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  /* the window paints once it had a frame */
  for (guint i = 0; i < 200 && node == NULL; i++)
    {
      gboolean done = FALSE;

      g_timeout_add (20, isc_test_flag_cb, &done);
      while (!done)
        g_main_context_iteration (NULL, TRUE);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, w, h);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  path = g_strdup_printf ("%s/hw2-%s.png", dir, name);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* The widget's controller of @type: the test drives its signals, as the
 * pointer would (GTK 4.8 has no way to synthesize pointer events). */
static GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) list = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (list, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (c, type))
        return c;
    }
  return NULL;
}

static gboolean
diagram_ready (gpointer diagram)
{
  return isc_phase_diagram_is_ready (diagram);
}

static IscWindow *
window_new (const char *activation,
            const char *init)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  IscWindow *window;

  isc_test_reset_settings ();
  g_settings_set_string (settings, "activation", activation);
  g_settings_set_string (settings, "init", init);
  window = isc_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
test_phase_diagram (void)
{
  IscWindow *window = window_new ("tanh", "xavier");
  GSettings *settings = isc_window_get_settings (window);
  GtkWindow *dialog = NULL;
  GtkWidget *diagram;
  cairo_rectangle_t area;
  IscFigureStyle style;
  IscConfig config;
  double x, y, px, py, want = 0.2;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.phase-diagram", NULL));
  diagram = find_view (GTK_WINDOW (window), ISC_TYPE_PHASE_DIAGRAM, &dialog);
  g_assert_nonnull (diagram);
  g_assert_true (wait_until (is_mapped_and_sized, diagram));
  g_assert_true (wait_until (diagram_ready, diagram));
  /* Xavier with tanh, no bias: χ₁ = 1 at q* = 0, critical */
  g_assert_cmpstr (isc_phase_diagram_get_description (ISC_PHASE_DIAGRAM (diagram)), ==,
                   _("critical: gradients keep their size"));
  save_shot (dialog, "phase-tanh");
  /* asking again presents the same window */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.phase-diagram", NULL));
  g_assert_true (find_view (GTK_WINDOW (window), ISC_TYPE_PHASE_DIAGRAM, &dialog) == diagram);

  /* a drag to σ_w² = N × 0.2² sets σ = 0.2: xavier stays, through its gain
   * (σ = gain/√N) */
  isc_settings_get_config (settings, &config);
  isc_figure_style_init_light (&style);
  style.text_scale = g_settings_get_double (settings, "text-scale");
  isc_figure_phase_plot_area (&style, gtk_widget_get_width (diagram),
                              gtk_widget_get_height (diagram), &area);
  isc_figure_phase_to_xy (&area, config.width * want * want, 0, &x, &y);
  /* the drag starts elsewhere (σ = 0.01) and ends there */
  {
    GtkEventController *drag = find_controller (diagram, GTK_TYPE_GESTURE_DRAG);
    double x0, y0;

    g_assert_nonnull (drag);
    isc_figure_phase_to_xy (&area, config.width * 1e-4, 0, &x0, &y0);
    g_signal_emit_by_name (drag, "drag-begin", x0, y0);
    {
      g_autofree char *init = g_settings_get_string (settings, "init");

      g_assert_cmpstr (init, ==, "xavier");
    }
    g_assert_cmpfloat (fabs (log10 (g_settings_get_double (settings, "gain") /
                                    sqrt (config.width) / 0.01)), <, 6.0 / area.width);
    g_signal_emit_by_name (drag, "drag-update", x - x0, y - y0);
  }
  {
    g_autofree char *init = g_settings_get_string (settings, "init");

    g_assert_cmpstr (init, ==, "xavier");
  }
  /* a pixel's worth of the 6 decades across the plot */
  g_assert_cmpfloat (fabs (log10 (g_settings_get_double (settings, "gain") /
                                  sqrt (config.width) / want)), <, 6.0 / area.width);
  /* and the point follows to where the drag went */
  g_assert_true (isc_phase_diagram_get_point (ISC_PHASE_DIAGRAM (diagram), &px, &py));
  g_assert_cmpfloat (fabs (px - x), <, 1.0);
  g_assert_cmpfloat (fabs (py - y), <, 1.0);
  g_assert_nonnull (strstr (isc_phase_diagram_get_description (ISC_PHASE_DIAGRAM (diagram)),
                            "×"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
sweep_done (gpointer view)
{
  return !isc_sweep_view_is_busy (view) && isc_sweep_view_get_points (view, NULL) != NULL;
}

static void
test_sweep (void)
{
  IscWindow *window = window_new ("tanh", "gaussian");
  GSettings *settings = isc_window_get_settings (window);
  GtkWindow *dialog = NULL;
  GtkWidget *view;
  const IscSweepPoint *p;
  g_autoptr(IscResult) single = NULL;
  g_autoptr(GError) error = NULL;
  IscRunOptions opts = { .max_batch = ISC_SWEEP_VIEW_BATCH, .max_units = ISC_SWEEP_VIEW_UNITS,
                         .gradients = TRUE };
  IscSweepPoint direct;
  IscConfig config;
  guint n;
  double x, y;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sweep", NULL));
  view = find_view (GTK_WINDOW (window), ISC_TYPE_SWEEP_VIEW, &dialog);
  g_assert_nonnull (view);
  g_assert_true (wait_until (is_mapped_and_sized, view));
  g_assert_true (wait_until (sweep_done, view));
  p = isc_sweep_view_get_points (ISC_SWEEP_VIEW (view), &n);
  g_assert_cmpuint (n, ==, ISC_SWEEP_VIEW_N);
  g_assert_cmpfloat (isc_sweep_view_get_progress (ISC_SWEEP_VIEW (view)), ==, 1.0);
  save_shot (dialog, "sweep-tanh");

  /* point 12 is the preview run of its config, bit for bit */
  isc_settings_get_config (settings, &config);
  config.scale = p[12].sigma;
  single = isc_network_run_with_options (&config, NULL, &opts, NULL, &error);
  g_assert_no_error (error);
  isc_sweep_point_from_result (single, p[12].sigma, &direct);
  g_assert_true (memcmp (&direct, &p[12], sizeof direct) == 0);

  /* a click on point 12 of the saturation plot sets its σ; σ alone does not re-run */
  g_assert_true (isc_sweep_view_point_xy (ISC_SWEEP_VIEW (view), 1, 12, &x, &y));
  g_signal_emit_by_name (find_controller (view, GTK_TYPE_GESTURE_CLICK), "released", 1, x, y);
  g_assert_cmpfloat (g_settings_get_double (settings, "scale"), ==, p[12].sigma);
  g_assert_false (isc_sweep_view_is_busy (ISC_SWEEP_VIEW (view)));
  /* outside the plots nothing happens */
  g_assert_false (isc_sweep_view_click (ISC_SWEEP_VIEW (view), 1, 1));
  /* a new activation runs a new sweep; another one cancels it: the points are the last's */
  g_settings_set_string (settings, "activation", "sigmoid");
  g_assert_true (isc_sweep_view_is_busy (ISC_SWEEP_VIEW (view)));
  g_settings_set_string (settings, "activation", "relu");
  g_assert_true (isc_sweep_view_is_busy (ISC_SWEEP_VIEW (view)));
  g_assert_true (wait_until (sweep_done, view));
  p = isc_sweep_view_get_points (ISC_SWEEP_VIEW (view), &n);
  g_assert_cmpfloat (p[0].zero, >, 0.0);
  save_shot (dialog, "sweep-relu");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_phase_relu_marks (void)
{
  IscWindow *window = window_new ("relu", "kaiming");
  GtkWindow *dialog = NULL;
  GtkWidget *diagram;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.phase-diagram", NULL));
  diagram = find_view (GTK_WINDOW (window), ISC_TYPE_PHASE_DIAGRAM, &dialog);
  g_assert_true (wait_until (is_mapped_and_sized, diagram));
  g_assert_true (wait_until (diagram_ready, diagram));
  /* Kaiming with ReLU: σ_w² = 2, χ₁ = σ_w²/2 = 1 */
  g_assert_cmpstr (isc_phase_diagram_get_description (ISC_PHASE_DIAGRAM (diagram)), ==,
                   _("critical: gradients keep their size"));
  save_shot (dialog, "phase-relu");
  /* the grid is kept per activation: back to relu after tanh, it is there at once */
  g_settings_set_string (isc_window_get_settings (window), "activation", "tanh");
  g_assert_false (isc_phase_diagram_is_ready (ISC_PHASE_DIAGRAM (diagram)));
  g_assert_true (wait_until (diagram_ready, diagram));
  g_settings_set_string (isc_window_get_settings (window), "activation", "relu");
  g_assert_true (isc_phase_diagram_is_ready (ISC_PHASE_DIAGRAM (diagram)));
  /* window.close (Escape's action there) closes it, and the main window forgets it */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  for (guint i = 0; i < 100 && g_main_context_iteration (NULL, FALSE); i++)
    ;
  g_assert_null (find_view (GTK_WINDOW (window), ISC_TYPE_PHASE_DIAGRAM, &dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.phase-diagram", NULL));
  g_assert_nonnull (find_view (GTK_WINDOW (window), ISC_TYPE_PHASE_DIAGRAM, &dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display; run under xvfb-run\n");
      return 0;
    }
  g_setenv ("GTK_A11Y", "test", TRUE);
  if (g_getenv ("INITSCOPE_LOCALEDIR") != NULL)
    {
      /* for the Korean shots: the build tree's catalogue */
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("INITSCOPE_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  gtk_test_init (&argc, &argv, NULL);
  /* gtk_test_init() sets the C locale; the Korean shots need the environment's */
  if (g_getenv ("INITSCOPE_LOCALEDIR") != NULL)
    setlocale (LC_ALL, "");
  adw_init ();
  if (g_strcmp0 (g_getenv ("ISC_TEST_DARK"), "1") == 0)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                        ADW_COLOR_SCHEME_FORCE_DARK);

  g_test_add_func ("/app/views/phase-diagram", test_phase_diagram);
  g_test_add_func ("/app/views/phase-relu", test_phase_relu_marks);
  g_test_add_func ("/app/views/sweep", test_sweep);
  return g_test_run ();
}
