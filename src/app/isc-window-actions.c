/* isc-window-actions.c — the window's actions and their key bindings
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Installed on the class (gtk_widget_class_install_action), so every window
 * has them from its start; keys are class bindings or, for the menus'
 * accelerators, set once by the application.
 */

#define G_LOG_DOMAIN "isc-window"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "isc-export-dialog.h"
#include "isc-phase-diagram.h"
#include "isc-lesson-panel.h"
#include "isc-settings.h"
#include "isc-window-private.h"

#define TEXT_SCALE_MIN  0.5
#define TEXT_SCALE_MAX  3.0
#define TEXT_SCALE_STEP 1.1

/* The export size, then the file chooser: the dialog of its own file. */
static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_window_present (GTK_WINDOW (isc_export_dialog_new (ISC_WINDOW (widget))));
}

static void
copy_figure_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  isc_window_copy_figure (ISC_WINDOW (widget), NULL, NULL, NULL);
}

static void
open_file_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  gtk_show_uri (GTK_WINDOW (widget), g_variant_get_string (parameter, NULL), GDK_CURRENT_TIME);
}

gboolean
isc_window_apply_preset (IscWindow   *self,
                         const char  *preset,
                         GError     **error)
{
  g_return_val_if_fail (ISC_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (preset != NULL, FALSE);

  /* the engine's table; one change, not six: the simulator sees one burst */
  return isc_settings_apply_preset (self->settings, preset, error);
}

static void
preset_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_autoptr(GError) error = NULL;

  if (!isc_window_apply_preset (ISC_WINDOW (widget), g_variant_get_string (parameter, NULL),
                                &error))
    g_warning ("%s", error->message);
}

/* The reference: the full result of the settings at the time, computed
 * once (the simulator's own when on show) and kept while sliders move. */
static void
on_reference_ready (GObject      *source,
                    GAsyncResult *res,
                    gpointer      user_data)
{
  g_autoptr(IscWindow) self = user_data;
  g_autoptr(IscResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = isc_simulator_get_full_finish (ISC_SIMULATOR (source), res, &error);
  if (result == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  _isc_window_set_reference (self, result);
}

static void
pin_reference_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  IscWindow *self = ISC_WINDOW (widget);
  IscConfig config;

  isc_settings_get_config (self->settings, &config);
  isc_simulator_get_full_async (self->simulator, &config, NULL, on_reference_ready,
                                g_object_ref (self));
}

static void
unpin_reference_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  _isc_window_set_reference (ISC_WINDOW (widget), NULL);
}

/* Escape and the Cancel button: the figure on show stays, and so do the
 * settings (the user chose them; Recompute runs them when wanted). */
static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  isc_simulator_cancel (ISC_WINDOW (widget)->simulator);
}

static void
recompute_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  _isc_window_request_run (ISC_WINDOW (widget));
}

static void
new_seed_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  IscWindow *self = ISC_WINDOW (widget);

  g_settings_set_uint64 (self->settings, "seed", g_random_int ());
}

static void
change_text_scale (IscWindow *self,
                   double     factor)
{
  double scale = g_settings_get_double (self->settings, "text-scale");

  scale = factor == 0.0 ? 1.0 : CLAMP (round (scale * factor * 100.0) / 100.0,
                                       TEXT_SCALE_MIN, TEXT_SCALE_MAX);
  g_settings_set_double (self->settings, "text-scale", scale);
}

static void
text_bigger_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  change_text_scale (ISC_WINDOW (widget), TEXT_SCALE_STEP);
}

static void
text_smaller_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  change_text_scale (ISC_WINDOW (widget), 1.0 / TEXT_SCALE_STEP);
}

static void
text_reset_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  change_text_scale (ISC_WINDOW (widget), 0.0);
}

static void
toggle_fullscreen_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GtkWindow *window = GTK_WINDOW (widget);

  if (gtk_window_is_fullscreen (window))
    gtk_window_unfullscreen (window);
  else
    gtk_window_fullscreen (window);
}

static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  IscWindow *self = ISC_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

/* The lesson (F1) and presentation mode (F5, Escape leaves): isc-lesson-panel.c. */
static void
lesson_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  IscLessonPanel *lesson = isc_lesson_panel_get_for_window (widget);

  if (g_str_equal (action_name, "win.toggle-lesson"))
    isc_lesson_panel_set_revealed (lesson, !isc_lesson_panel_get_revealed (lesson));
  else if (g_str_equal (action_name, "win.presentation"))
    isc_lesson_panel_set_presenting (lesson, !isc_lesson_panel_get_presenting (lesson));
  else
    isc_lesson_panel_set_presenting (lesson, FALSE);
}

static void
lesson_actions_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (ISC_TYPE_LESSON_PANEL);
  gtk_widget_class_install_action (widget_class, "win.toggle-lesson", NULL, lesson_action);
  gtk_widget_class_install_action (widget_class, "win.presentation", NULL, lesson_action);
  gtk_widget_class_install_action (widget_class, "win.leave-presentation", NULL, lesson_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F1, 0, "win.toggle-lesson", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.presentation", NULL);
  /* after win.cancel's Escape: a running job is cancelled first, then Escape leaves */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "win.leave-presentation", NULL);
}

void
_isc_window_class_actions_init (IscWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.copy-figure", NULL, copy_figure_action);
  gtk_widget_class_install_action (widget_class, "win.open-file", "s", open_file_action);
  gtk_widget_class_install_action (widget_class, "win.preset", "s", preset_action);
  gtk_widget_class_install_action (widget_class, "win.new-seed", NULL, new_seed_action);
  gtk_widget_class_install_action (widget_class, "win.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "win.recompute", NULL, recompute_action);
  gtk_widget_class_install_action (widget_class, "win.pin-reference", NULL,
                                   pin_reference_action);
  gtk_widget_class_install_action (widget_class, "win.unpin-reference", NULL,
                                   unpin_reference_action);
  gtk_widget_class_install_action (widget_class, "win.text-bigger", NULL, text_bigger_action);
  gtk_widget_class_install_action (widget_class, "win.text-smaller", NULL, text_smaller_action);
  gtk_widget_class_install_action (widget_class, "win.text-reset", NULL, text_reset_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-fullscreen", NULL,
                                   toggle_fullscreen_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL,
                                   toggle_sidebar_action);
  isc_views_install_actions (widget_class);  /* the phase diagram and the sweep */

  /* Ctrl+C is a class binding, which runs after the focus widget had its
   * turn: a spin button's text still copies its selection, anywhere else
   * the figure is copied. (Application accelerators run first, so they
   * would steal it.) */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK,
                                       "win.copy-figure", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_C,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.copy-figure", NULL);
  /* Escape too: a popover or an open combo row's list closes first, and a
   * disabled win.cancel (nothing running) lets the key go on. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel", NULL);
  lesson_actions_init (widget_class);
  /* Escape's last turn: with nothing running and no presentation to leave,
   * it unpins the reference. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "win.unpin-reference", NULL);
}
