/* isc-window.c — the window: a shell around the side panel, the figure and
 * the status bar
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The side panel's controls are bound to GSettings; every change of a key
 * that is part of the experiment's config becomes a request to the
 * simulator, and its result goes to the histogram view and the status bar.
 * Actions: isc-window-actions.c; export and copy: isc-window-export.c.
 */

#define G_LOG_DOMAIN "isc-window"

#include "config.h"

#include "isc-renderer.h"
#include "isc-settings.h"
#include "isc-window-private.h"

G_DEFINE_FINAL_TYPE (IscWindow, isc_window, ADW_TYPE_APPLICATION_WINDOW)

void
_isc_window_request_run (IscWindow *self)
{
  IscConfig config;

  isc_settings_get_config (self->settings, &config);
  isc_simulator_request (self->simulator, &config);
}

static void
on_settings_changed (IscWindow  *self,
                     const char *key,
                     GSettings  *settings)
{
  if (g_strv_contains (isc_settings_config_keys, key))
    _isc_window_request_run (self);
}

static void
on_result_changed (IscWindow    *self,
                   GParamSpec   *pspec,
                   IscSimulator *simulator)
{
  isc_histogram_view_set_result (self->view, isc_simulator_get_result (simulator));
}

static void
on_busy_changed (IscWindow    *self,
                 GParamSpec   *pspec,
                 IscSimulator *simulator)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel",
                                 isc_simulator_get_busy (simulator));
}

/* A held slider asks for previews first. */
static void
on_dragging_changed (IscWindow *self)
{
  isc_simulator_set_interactive (self->simulator,
                                 isc_side_panel_get_dragging (self->side_panel));
}

/* The last figure stays, dimmed: a new one is coming. */
static void
on_computing_changed (IscWindow *self)
{
  if (isc_status_bar_get_computing (self->status_bar))
    gtk_widget_add_css_class (GTK_WIDGET (self->view), "computing");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->view), "computing");
}

static gboolean
isc_window_close_request (GtkWindow *window)
{
  IscWindow *self = ISC_WINDOW (window);
  gboolean maximized = gtk_window_is_maximized (window);
  int width;
  int height;

  /* Keep the restored size of a maximized or fullscreen window. */
  if (!maximized && !gtk_window_is_fullscreen (window))
    {
      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", MAX (width, 360));
      g_settings_set_int (self->settings, "window-height", MAX (height, 300));
    }
  g_settings_set_boolean (self->settings, "window-maximized", maximized);

  return GTK_WINDOW_CLASS (isc_window_parent_class)->close_request (window);
}

static void
isc_window_dispose (GObject *object)
{
  IscWindow *self = ISC_WINDOW (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  if (self->status_bar != NULL)
    isc_status_bar_unbind (self->status_bar);
  if (self->simulator != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->simulator, self);
      isc_simulator_stop (self->simulator);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), ISC_TYPE_WINDOW);

  g_clear_object (&self->simulator);
  g_clear_object (&self->export_folder);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (isc_window_parent_class)->dispose (object);
}

static void
isc_window_class_init (IscWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = isc_window_dispose;
  window_class->close_request = isc_window_close_request;

  g_type_ensure (ISC_TYPE_HISTOGRAM_VIEW);
  g_type_ensure (ISC_TYPE_SIDE_PANEL);
  g_type_ensure (ISC_TYPE_STATUS_BAR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/initscope/Initscope/isc-window.ui");
  gtk_widget_class_bind_template_child (widget_class, IscWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, IscWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, IscWindow, side_panel);
  gtk_widget_class_bind_template_child (widget_class, IscWindow, view);
  gtk_widget_class_bind_template_child (widget_class, IscWindow, status_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_dragging_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_computing_changed);

  _isc_window_class_actions_init (klass);
}

static void
isc_window_init (IscWindow *self)
{
  /* before the first window is realized: a dragged slider on software GL */
  isc_renderer_choose (gtk_widget_get_display (GTK_WIDGET (self)));
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->simulator = isc_simulator_new ();
  /* a hand-edited or older settings file: start on the defaults, but say so */
  isc_settings_warn_invalid (self->settings);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  isc_side_panel_bind (self->side_panel, self->settings);
  isc_status_bar_bind (self->status_bar, self->simulator, self->settings);
  g_settings_bind (self->settings, "text-scale", self->view, "text-scale", G_SETTINGS_BIND_GET);

  g_signal_connect_object (self->simulator, "notify::result",
                           G_CALLBACK (on_result_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->simulator, "notify::busy",
                           G_CALLBACK (on_busy_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed",
                           G_CALLBACK (on_settings_changed), self, G_CONNECT_SWAPPED);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel", FALSE);
  _isc_window_request_run (self);
}

IscWindow *
isc_window_new (IscApplication *application)
{
  return g_object_new (ISC_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

IscSimulator *
isc_window_get_simulator (IscWindow *self)
{
  g_return_val_if_fail (ISC_IS_WINDOW (self), NULL);
  return self->simulator;
}

IscHistogramView *
isc_window_get_histogram_view (IscWindow *self)
{
  g_return_val_if_fail (ISC_IS_WINDOW (self), NULL);
  return self->view;
}

GSettings *
isc_window_get_settings (IscWindow *self)
{
  g_return_val_if_fail (ISC_IS_WINDOW (self), NULL);
  return self->settings;
}

/**
 * isc_window_get_config:
 * @config: (out): the config the settings describe
 */
void
isc_window_get_config (IscWindow *self,
                       IscConfig *config)
{
  g_return_if_fail (ISC_IS_WINDOW (self));
  g_return_if_fail (config != NULL);

  isc_settings_get_config (self->settings, config);
}
