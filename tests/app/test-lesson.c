/* test-lesson.c — the lesson pane: steps set their figures, predict-then-reveal, the
 * remembered step, presentation mode; with ISC_SHOTS_DIR set, also screenshots
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb with GDK_BACKEND=x11 and GSETTINGS_BACKEND=memory.
 */

#define G_LOG_DOMAIN "test-lesson"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "isc-diagnosis.h"
#include "isc-lesson.h"
#include "isc-lesson-panel.h"
#include "isc-presets.h"
#include "isc-settings.h"
#include "isc-test-gtk.h"
#include "isc-window-private.h"

/* sources isc_test_drain() runs at most */
#define DRAIN_MAX 200

static IscWindow *
window_new (int width,
            int height)
{
  IscWindow *window = isc_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  isc_test_drain (DRAIN_MAX);
  return window;
}

static IscResult *
wait_for_result (IscWindow *window)
{
  isc_test_drain (DRAIN_MAX);
  g_assert_true (isc_simulator_wait_idle (window->simulator, ISC_TEST_WAIT_MS));
  isc_test_drain (DRAIN_MAX);
  g_assert_nonnull (isc_simulator_get_result (window->simulator));
  return isc_simulator_get_result (window->simulator);
}

static void
window_destroy (IscWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  isc_test_drain (DRAIN_MAX);
}

/* The first widget under @root of @type that is visible, or NULL. */
static GtkWidget *
find_visible (GtkWidget *root,
              GType      type)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (!gtk_widget_get_visible (c))
        continue;
      if (G_TYPE_CHECK_INSTANCE_TYPE (c, type))
        return c;
      if ((found = find_visible (c, type)) != NULL)
        return found;
    }
  return NULL;
}

static void
assert_step_config (IscWindow           *window,
                    const IscLessonStep *step)
{
  IscConfig want, have;
  const IscConfig *shown;

  isc_settings_get_config (window->settings, &want);
  have = want;
  g_assert_cmpuint (isc_lesson_step_apply (step, &want, NULL), !=, 0);
  g_assert_true (isc_config_equal (&want, &have));
  shown = isc_result_get_config (wait_for_result (window));
  g_assert_true (isc_config_equal (shown, &have));
  /* the view the step looks at, and a gradient step's result has the gradients */
  {
    g_autofree char *view = g_settings_get_string (window->settings, "view");

    g_assert_cmpstr (view, ==, isc_view_to_string (step->view));
    if (step->view != ISC_VIEW_ACTIVATIONS)
      g_assert_true (isc_result_has_gradients (wait_for_result (window)));
  }
}

static void
test_reveal (void)
{
  IscWindow *window;
  IscLessonPanel *lesson;
  const IscLessonStep *steps = isc_lesson_get_steps (NULL);
  GtkWidget *placeholder;

  isc_test_reset_settings ();
  window = window_new (1200, 800);
  lesson = isc_lesson_panel_get_for_window (GTK_WIDGET (window));
  g_assert_nonnull (lesson);
  g_assert_false (isc_lesson_panel_get_figure_hidden (lesson));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-lesson", NULL);
  g_assert_true (isc_lesson_panel_get_revealed (lesson));
  isc_lesson_panel_go (lesson, 1);  /* small σ: a question */
  g_assert_cmpstr (steps[1].name, ==, "small");
  g_assert_nonnull (steps[1].question);
  assert_step_config (window, &steps[1]);
  g_assert_cmpint (g_settings_get_int (window->settings, "lesson-step"), ==, 1);

  /* hidden: the placeholder instead of the figure, and the answers as buttons */
  g_assert_true (isc_lesson_panel_get_figure_hidden (lesson));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->view)));
  placeholder = find_visible (gtk_widget_get_parent (GTK_WIDGET (window->view)),
                              ADW_TYPE_STATUS_PAGE);
  g_assert_nonnull (placeholder);

  /* a wrong answer still reveals, and says so */
  isc_lesson_panel_answer (lesson, steps[1].right == 0 ? 1 : 0);
  g_assert_false (isc_lesson_panel_get_figure_hidden (lesson));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->view)));
  g_assert_false (gtk_widget_get_visible (placeholder));

  /* the next question hides it again; the right answer holds */
  isc_lesson_panel_go (lesson, 3);
  g_assert_cmpstr (steps[3].name, ==, "large");
  g_assert_true (isc_lesson_panel_get_figure_hidden (lesson));
  isc_lesson_panel_answer (lesson, steps[3].right);
  g_assert_false (isc_lesson_panel_get_figure_hidden (lesson));
  assert_step_config (window, &steps[3]);

  /* closing the lesson always shows the figure */
  isc_lesson_panel_previous (lesson);
  g_assert_cmpuint (isc_lesson_panel_get_step (lesson), ==, 2);
  isc_lesson_panel_go (lesson, 1);
  g_assert_true (isc_lesson_panel_get_figure_hidden (lesson));
  isc_lesson_panel_set_revealed (lesson, FALSE);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->view)));
  window_destroy (window);
}

/* every step, one after the other, sets its own figure */
static void
test_steps (void)
{
  IscWindow *window;
  IscLessonPanel *lesson;
  guint n;
  const IscLessonStep *steps = isc_lesson_get_steps (&n);

  isc_test_reset_settings ();
  window = window_new (1200, 800);
  lesson = isc_lesson_panel_get_for_window (GTK_WIDGET (window));
  isc_lesson_panel_set_revealed (lesson, TRUE);
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        isc_lesson_panel_next (lesson);
      g_assert_cmpuint (isc_lesson_panel_get_step (lesson), ==, i);
      assert_step_config (window, &steps[i]);
    }
  isc_lesson_panel_next (lesson);  /* past the end: stays */
  g_assert_cmpuint (isc_lesson_panel_get_step (lesson), ==, n - 1);
  window_destroy (window);

  /* the next window starts where the lesson was */
  window = window_new (1200, 800);
  lesson = isc_lesson_panel_get_for_window (GTK_WIDGET (window));
  g_assert_cmpuint (isc_lesson_panel_get_step (lesson), ==, n - 1);
  window_destroy (window);
}

static void
test_presentation (void)
{
  IscWindow *window;
  IscLessonPanel *lesson;
  GtkWidget *header;
  double text_scale;

  isc_test_reset_settings ();
  window = window_new (1200, 800);
  lesson = isc_lesson_panel_get_for_window (GTK_WIDGET (window));
  header = gtk_widget_get_first_child (adw_application_window_get_content (
                                         ADW_APPLICATION_WINDOW (window)));
  g_assert_true (ADW_IS_HEADER_BAR (header));
  text_scale = isc_histogram_view_get_text_scale (window->view);
  adw_flap_set_reveal_flap (window->flap, TRUE);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL);
  g_assert_true (isc_lesson_panel_get_presenting (lesson));
  g_assert_false (gtk_widget_get_visible (header));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->status_bar)));
  g_assert_false (adw_flap_get_reveal_flap (window->flap));
  g_assert_cmpfloat (isc_histogram_view_get_text_scale (window->view), >, 1.5 * text_scale);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (window), "presenting"));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.leave-presentation", NULL);
  g_assert_false (isc_lesson_panel_get_presenting (lesson));
  g_assert_true (gtk_widget_get_visible (header));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->status_bar)));
  g_assert_true (adw_flap_get_reveal_flap (window->flap));
  g_assert_cmpfloat (isc_histogram_view_get_text_scale (window->view), ==, text_scale);
  window_destroy (window);
}

/* Screenshots (not a test): the window as drawn, into ISC_SHOTS_DIR/hw3-NAME.png. */
static void
shoot (IscWindow  *window,
       const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width, height;

  wait_for_result (window);
  for (guint i = 0; i < 20; i++)
    {
      g_usleep (20000);
      isc_test_drain (DRAIN_MAX);
    }
  width = gtk_widget_get_width (GTK_WIDGET (window));
  height = gtk_widget_get_height (GTK_WIDGET (window));
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_strdup_printf ("%s/hw3-%s.png", g_getenv ("ISC_SHOTS_DIR"), name);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static void
test_shots (void)
{
  const char *lang = g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "en";
  IscWindow *window;
  IscLessonPanel *lesson;
  guint n;
  const IscLessonStep *steps = isc_lesson_get_steps (&n);

  isc_test_reset_settings ();
  window = window_new (1400, 860);
  lesson = isc_lesson_panel_get_for_window (GTK_WIDGET (window));
  isc_lesson_panel_set_revealed (lesson, TRUE);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = NULL;

      isc_lesson_panel_go (lesson, i);
      if (steps[i].question != NULL)
        {
          name = g_strdup_printf ("%s-%02u-%s-predict", lang, i + 1, steps[i].name);
          shoot (window, name);
          g_free (name);
          isc_lesson_panel_answer (lesson, (steps[i].right + i) % 2 ? steps[i].right : 0);
        }
      name = g_strdup_printf ("%s-%02u-%s", lang, i + 1, steps[i].name);
      shoot (window, name);
    }
  isc_lesson_panel_go (lesson, 1);
  isc_lesson_panel_answer (lesson, steps[1].right);
  isc_lesson_panel_set_presenting (lesson, TRUE);
  shoot (window, g_strdup_printf ("%s-presentation", lang));
  window_destroy (window);
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
  gtk_test_init (&argc, &argv, NULL);
  /* the screenshots in a LANGUAGE: gtk_test_init() chose the C locale, which ignores it */
  if (g_getenv ("ISC_SHOTS_DIR") != NULL)
    setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, ISC_BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  adw_init ();

  g_test_add_func ("/app/lesson/reveal", test_reveal);
  g_test_add_func ("/app/lesson/steps", test_steps);
  g_test_add_func ("/app/lesson/presentation", test_presentation);
  if (g_getenv ("ISC_SHOTS_DIR") != NULL)
    g_test_add_func ("/app/lesson/shots", test_shots);
  return g_test_run ();
}
