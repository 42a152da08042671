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

#include <glib/gi18n.h>

#include "isc-presets.h"
#include "isc-renderer.h"
#include "isc-settings.h"
#include "isc-window-private.h"

G_DEFINE_FINAL_TYPE (IscWindow, isc_window, ADW_TYPE_APPLICATION_WINDOW)

void
_isc_window_request_run (IscWindow *self)
{
  g_autoptr(GError) error = NULL;
  IscConfig config;

  isc_settings_get_config (self->settings, &config);
  /* fields valid alone but not together: say so in the window, run nothing */
  if (config.norm == ISC_NORM_BATCH && config.batch < 2)
    {
      isc_simulator_refuse (self->simulator,
                            _("Batch norm needs a batch of at least 2"));
      return;
    }
  if (!isc_config_validate (&config, &error))
    {
      isc_simulator_refuse (self->simulator, error->message);
      return;
    }
  isc_simulator_request (self->simulator, &config);
}

/* A gradient view needs the backward pass: the simulator runs it from now
 * on, previews included (an activations figure keeps it off: it costs two
 * more products a layer). */
static void
update_gradients (IscWindow *self)
{
  g_autofree char *view = g_settings_get_string (self->settings, "view");

  isc_simulator_set_gradients (self->simulator, !g_str_equal (view, "activations"));
}

static void
on_settings_changed (IscWindow  *self,
                     const char *key,
                     GSettings  *settings)
{
  if (g_strv_contains (isc_settings_config_keys, key))
    _isc_window_request_run (self);
  else if (g_str_equal (key, "view"))
    update_gradients (self);
}

/* The Presets menu from the engine's table: every lecture figure of both
 * set-ups, each a win.preset of its spec. */
static void
fill_presets_menu (IscWindow *self)
{
  GMenu *menu = G_MENU (gtk_menu_button_get_menu_model (self->presets_button));
  const IscPreset *presets;
  guint n_presets;

  presets = isc_presets_get (&n_presets);
  for (guint p = 0; p < n_presets; p++)
    {
      const IscPreset *preset = &presets[p];
      g_autoptr(GMenu) section = g_menu_new ();
      /* Translators: a set-up of the lecture, e.g. "CS231n 2016: 10 layers × 500, batch 1000" */
      g_autofree char *title = g_strdup_printf (_("%s: %u layers × %u, batch %u"),
                                                _(preset->label), preset->depth,
                                                preset->width, preset->batch);

      for (guint f = 0; f < preset->n_figures; f++)
        {
          g_autofree char *spec = isc_preset_figure_spec (preset, &preset->figures[f]);
          g_autoptr(GMenuItem) item = g_menu_item_new (_(preset->figures[f].label), NULL);

          g_menu_item_set_action_and_target_value (item, "win.preset",
                                                   g_variant_new_string (spec));
          g_menu_append_item (section, item);
        }
      g_menu_append_section (menu, title, G_MENU_MODEL (section));
    }
}

/* win.view, win.theory and win.range: the keys themselves as stateful
 * actions, so the toggle buttons, the menu's radio items, the shortcuts and
 * the settings are one state. */
static const char * const settings_action_keys[] = { "view", "theory", "range" };

static void
add_settings_actions (IscWindow *self)
{
  const char * const *keys = settings_action_keys;

  for (guint i = 0; i < G_N_ELEMENTS (settings_action_keys); i++)
    {
      g_autoptr(GAction) action = g_settings_create_action (self->settings, keys[i]);

      g_action_map_add_action (G_ACTION_MAP (self), action);
    }
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

/* Pinned: drawn behind every figure until unpinned; NULL unpins. */
void
_isc_window_set_reference (IscWindow *self,
                           IscResult *reference)
{
  isc_histogram_view_set_reference (self->view, reference);
  gtk_widget_set_visible (self->unpin_button, reference != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.unpin-reference", reference != NULL);
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

/* The figure has the focus first, so Ctrl+C copies it: the template's
 * focus-widget is set before the window is mapped and lost to the first
 * focusable widget (the sidebar toggle) when it is. */
static void
isc_window_map (GtkWidget *widget)
{
  IscWindow *self = ISC_WINDOW (widget);

  GTK_WIDGET_CLASS (isc_window_parent_class)->map (widget);
  if (!self->mapped_once)
    {
      self->mapped_once = TRUE;
      gtk_widget_grab_focus (GTK_WIDGET (self->view));
    }
}

static void
isc_window_dispose (GObject *object)
{
  IscWindow *self = ISC_WINDOW (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  /* they hold the settings and would notify a window that is gone */
  for (guint i = 0; i < G_N_ELEMENTS (settings_action_keys); i++)
    g_action_map_remove_action (G_ACTION_MAP (self), settings_action_keys[i]);
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
  widget_class->map = isc_window_map;

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
  gtk_widget_class_bind_template_child (widget_class, IscWindow, presets_button);
  gtk_widget_class_bind_template_child (widget_class, IscWindow, unpin_button);
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
  g_settings_bind (self->settings, "view", self->view, "view", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "range", self->view, "range", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "theory", self->view, "theory", G_SETTINGS_BIND_GET);
  add_settings_actions (self);
  fill_presets_menu (self);
  update_gradients (self);

  g_signal_connect_object (self->simulator, "notify::result",
                           G_CALLBACK (on_result_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->simulator, "notify::busy",
                           G_CALLBACK (on_busy_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed",
                           G_CALLBACK (on_settings_changed), self, G_CONNECT_SWAPPED);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel", FALSE);
  _isc_window_set_reference (self, NULL);
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

/**
 * isc_window_get_reference:
 *
 * Returns: (transfer none) (nullable): the pinned reference result
 */
IscResult *
isc_window_get_reference (IscWindow *self)
{
  g_return_val_if_fail (ISC_IS_WINDOW (self), NULL);
  return isc_histogram_view_get_reference (self->view);
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
