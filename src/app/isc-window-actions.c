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

/* The lecture's figures: the scale is set only where it matters. */
typedef struct
{
  const char    *name;
  IscInit        init;
  IscActivation  activation;
  gboolean       large;  /* the set-up's large_scale, else 0.01 */
} IscPresetFigure;

static const IscPresetFigure preset_figures[] = {
  { "small", ISC_INIT_GAUSSIAN, ISC_ACTIVATION_TANH, FALSE },
  { "large", ISC_INIT_GAUSSIAN, ISC_ACTIVATION_TANH, TRUE },
  { "xavier", ISC_INIT_XAVIER, ISC_ACTIVATION_TANH, FALSE },
  { "relu-xavier", ISC_INIT_XAVIER, ISC_ACTIVATION_RELU, FALSE },
  { "relu-kaiming", ISC_INIT_KAIMING, ISC_ACTIVATION_RELU, FALSE },
};

static const IscPresetFigure *
lookup_preset_figure (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (preset_figures); i++)
    if (g_str_equal (name, preset_figures[i].name))
      return &preset_figures[i];
  return NULL;
}

gboolean
isc_window_apply_preset (IscWindow   *self,
                         const char  *preset,
                         GError     **error)
{
  g_auto(GStrv) parts = NULL;
  const IscPreset *setup = NULL;
  const IscPresetFigure *figure = NULL;
  IscConfig config;
  IscConfigField fields;

  g_return_val_if_fail (ISC_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (preset != NULL, FALSE);

  parts = g_strsplit (preset, ":", 2);
  if (g_strv_length (parts) == 2)
    {
      setup = isc_preset_lookup (parts[0], error);
      if (setup == NULL)
        return FALSE;
      figure = lookup_preset_figure (parts[1]);
    }
  if (figure == NULL)
    {
      g_set_error (error, ISC_CONFIG_ERROR, ISC_CONFIG_ERROR_UNKNOWN_NAME,
                   _("unknown preset “%s”"), preset);
      return FALSE;
    }

  isc_config_init_default (&config);
  fields = isc_preset_apply (setup, &config) |
           ISC_CONFIG_FIELD_INIT | ISC_CONFIG_FIELD_ACTIVATION;
  config.init = figure->init;
  config.activation = figure->activation;
  if (figure->init == ISC_INIT_GAUSSIAN)
    {
      config.scale = figure->large ? setup->large_scale : 0.01;
      fields |= ISC_CONFIG_FIELD_SCALE;
    }
  /* One change, not six: the simulator sees a single burst. */
  isc_settings_set_config (self->settings, &config, fields);
  return TRUE;
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
  gtk_widget_class_install_action (widget_class, "win.text-bigger", NULL, text_bigger_action);
  gtk_widget_class_install_action (widget_class, "win.text-smaller", NULL, text_smaller_action);
  gtk_widget_class_install_action (widget_class, "win.text-reset", NULL, text_reset_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-fullscreen", NULL,
                                   toggle_fullscreen_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL,
                                   toggle_sidebar_action);

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
}
