/* isc-status-bar.c
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads the simulator and the settings, never writes them: Cancel and
 * Recompute are the window's actions (win.cancel, win.recompute).
 */

#define G_LOG_DOMAIN "isc-status-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "isc-settings.h"
#include "isc-status-bar.h"

typedef enum
{
  ISC_BUSY_IDLE,       /* no run, or one that was cancelled */
  ISC_BUSY_WAITING,    /* a run, too young for a cue */
  ISC_BUSY_COMPUTING,  /* dimmed figure, spinner, "Computing…" */
  ISC_BUSY_PROGRESS,   /* and "Layer k of N", a progress bar, Cancel */
} IscBusyStage;

struct _IscStatusBar
{
  AdwBin          parent_instance;

  IscSimulator   *simulator;
  GSettings      *settings;
  guint           busy_source;
  IscBusyStage    busy_stage;
  gboolean        computing;

  /* Template widgets */
  GtkWidget      *busy_box;
  GtkSpinner     *spinner;
  GtkLabel       *busy_label;
  GtkProgressBar *progress_bar;
  GtkWidget      *cancel_button;
  GtkWidget      *cancelled_box;
  GtkLabel       *cancelled_label;
  GtkLabel       *config_label;
  GtkLabel       *warning_label;
  GtkLabel       *time_label;
};

G_DEFINE_FINAL_TYPE (IscStatusBar, isc_status_bar, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_COMPUTING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------ */
/* What the figure shows                                                    */

static char *
describe_warnings (const IscResult *result)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  guint n_layers = isc_result_get_n_layers (result);
  guint nonfinite_layer = 0;
  guint saturated_layer = 0;
  double saturated = 0.0;

  for (guint l = 0; l < n_layers; l++)
    {
      const IscLayerStats *stats = isc_result_get_layer (result, l);

      if (stats->nonfinite > 0 && nonfinite_layer == 0)
        nonfinite_layer = l + 1;
      if (stats->saturated > saturated)
        {
          saturated = stats->saturated;
          saturated_layer = l + 1;
        }
    }

  if (nonfinite_layer > 0)
    g_ptr_array_add (parts, g_strdup_printf (_("non-finite values in layer %u"),
                                             nonfinite_layer));
  if (saturated >= 0.05)
    /* Translators: e.g. "42 % of layer 6 saturated" */
    g_ptr_array_add (parts, g_strdup_printf (_("%.0f %% of layer %u saturated"),
                                             saturated * 100.0, saturated_layer));

  if (parts->len == 0)
    return NULL;
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static char *
describe_result (IscResult *result)
{
  g_autofree char *described = isc_config_describe (isc_result_get_config (result));

  if (isc_result_is_preview (result))
    /* Translators: a config description, then the samples of a quick preview */
    return g_strdup_printf (_("%s · preview on %u samples"), described,
                            isc_result_get_batch (result));
  return g_steal_pointer (&described);
}

static char *
describe_time (IscResult *result)
{
  double elapsed = isc_result_get_elapsed (result);

  if (elapsed < 1.0)
    /* Translators: compute time in milliseconds */
    return g_strdup_printf (_("%.0f ms"), elapsed * 1000.0);
  /* Translators: compute time in seconds */
  return g_strdup_printf (_("%.2f s"), elapsed);
}

static void
show_warning (IscStatusBar *self,
              const char   *error,
              const char   *warnings)
{
  GtkWidget *label = GTK_WIDGET (self->warning_label);

  gtk_label_set_text (self->warning_label, error ? error : warnings ? warnings : "");
  gtk_widget_remove_css_class (label, error ? "warning" : "error");
  gtk_widget_add_css_class (label, error ? "error" : "warning");
  gtk_widget_set_visible (label, error != NULL || warnings != NULL);
}

static void
update_status (IscStatusBar *self)
{
  IscResult *result = isc_simulator_get_result (self->simulator);
  g_autofree char *config = NULL;
  g_autofree char *time = NULL;
  g_autofree char *warnings = NULL;

  if (result != NULL)
    {
      config = describe_result (result);
      time = describe_time (result);
      warnings = describe_warnings (result);
    }
  else
    {
      IscConfig wanted;

      /* no figure yet: say what is coming */
      isc_settings_get_config (self->settings, &wanted);
      config = isc_config_describe (&wanted);
    }

  gtk_label_set_text (self->config_label, config);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->config_label), config);
  gtk_label_set_text (self->time_label, time ? time : "");
  show_warning (self, isc_simulator_get_error (self->simulator), warnings);
}

/* ------------------------------------------------------------------------ */
/* Busy, progress, cancelled                                                */

/* What a cancelled run leaves on screen. */
static const char *
describe_cancelled (IscStatusBar *self)
{
  IscResult *shown = isc_simulator_get_result (self->simulator);
  IscConfig config;

  if (shown == NULL)
    return _("Cancelled");
  isc_settings_get_config (self->settings, &config);
  if (isc_config_equal (isc_result_get_config (shown), &config))
    return _("Cancelled: the figure is a preview");
  return _("Cancelled: the figure shows the earlier settings");
}

static void
update_progress (IscStatusBar *self)
{
  guint done = isc_simulator_get_layers_done (self->simulator);
  guint total = isc_simulator_get_layers_total (self->simulator);
  gboolean progress = self->busy_stage == ISC_BUSY_PROGRESS && total > 0;

  if (progress)
    {
      guint layer = MIN (done + 1, total);
      g_autofree char *text = NULL;

      if (isc_simulator_get_previewing (self->simulator))
        /* Translators: the layer being computed of a quick preview, of the net's depth */
        text = g_strdup_printf (_("Preview: layer %u of %u"), layer, total);
      else
        /* Translators: the layer being computed, of the net's depth */
        text = g_strdup_printf (_("Layer %u of %u"), layer, total);

      gtk_label_set_text (self->busy_label, text);
      gtk_progress_bar_set_fraction (self->progress_bar, (double) done / total);
    }
  else
    {
      gtk_label_set_text (self->busy_label, _("Computing…"));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), progress);
  gtk_widget_set_visible (self->cancel_button, self->busy_stage == ISC_BUSY_PROGRESS);
}

/* Shows the cue of the current busy stage; safe to call at any time. */
static void
update_busy_ui (IscStatusBar *self)
{
  gboolean computing = self->busy_stage >= ISC_BUSY_COMPUTING;
  gboolean cancelled = isc_simulator_get_cancelled (self->simulator) &&
                       !isc_simulator_get_busy (self->simulator);

  /* set_visible, not a binding on "spinning": that one never showed it */
  gtk_widget_set_visible (self->busy_box, computing);
  if (computing)
    gtk_spinner_start (self->spinner);
  else
    gtk_spinner_stop (self->spinner);
  update_progress (self);

  if (cancelled)
    gtk_label_set_text (self->cancelled_label, describe_cancelled (self));
  gtk_widget_set_visible (self->cancelled_box, cancelled);

  /* the window dims the figure: a new one is coming */
  if (computing != self->computing)
    {
      self->computing = computing;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPUTING]);
    }
}

static gboolean
busy_stage_cb (gpointer data)
{
  IscStatusBar *self = data;

  self->busy_source = 0;
  if (self->busy_stage == ISC_BUSY_WAITING)
    {
      self->busy_stage = ISC_BUSY_COMPUTING;
      self->busy_source = g_timeout_add (ISC_STATUS_BAR_PROGRESS_DELAY_MS -
                                         ISC_STATUS_BAR_COMPUTING_DELAY_MS,
                                         busy_stage_cb, self);
    }
  else if (self->busy_stage == ISC_BUSY_COMPUTING)
    {
      self->busy_stage = ISC_BUSY_PROGRESS;
    }
  update_busy_ui (self);
  return G_SOURCE_REMOVE;
}

/* The cue's clock runs from the moment the figure last changed: previews that
 * follow a dragged slider never dim it, a slow run does. */
static void
restart_busy_clock (IscStatusBar *self)
{
  g_clear_handle_id (&self->busy_source, g_source_remove);
  if (isc_simulator_get_busy (self->simulator))
    {
      self->busy_stage = ISC_BUSY_WAITING;
      self->busy_source = g_timeout_add (ISC_STATUS_BAR_COMPUTING_DELAY_MS,
                                         busy_stage_cb, self);
    }
  else
    {
      self->busy_stage = ISC_BUSY_IDLE;
    }
  update_busy_ui (self);
}

static void
on_result_changed (IscStatusBar *self)
{
  update_status (self);
  restart_busy_clock (self);
}

static void
on_busy_changed (IscStatusBar *self)
{
  gboolean busy = isc_simulator_get_busy (self->simulator);

  if (busy != (self->busy_stage != ISC_BUSY_IDLE))
    restart_busy_clock (self);
}

static void
on_settings_changed (IscStatusBar *self,
                     const char   *key)
{
  /* with no figure yet, the line names what is coming */
  if (g_strv_contains (isc_settings_config_keys, key) &&
      isc_simulator_get_result (self->simulator) == NULL)
    update_status (self);
}

/* ------------------------------------------------------------------------ */

/**
 * isc_status_bar_bind:
 *
 * Shows @simulator's result and runs, and names what @settings ask for while
 * there is no figure yet. Call once; isc_status_bar_unbind() before they go.
 */
void
isc_status_bar_bind (IscStatusBar *self,
                     IscSimulator *simulator,
                     GSettings    *settings)
{
  g_return_if_fail (ISC_IS_STATUS_BAR (self));
  g_return_if_fail (self->simulator == NULL);

  self->simulator = g_object_ref (simulator);
  self->settings = g_object_ref (settings);

  g_signal_connect_object (simulator, "notify::result",
                           G_CALLBACK (on_result_changed), self, G_CONNECT_SWAPPED);
  /* the status line alone shows the error */
  g_signal_connect_object (simulator, "notify::error",
                           G_CALLBACK (update_status), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (simulator, "notify::busy",
                           G_CALLBACK (on_busy_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (simulator, "notify::cancelled",
                           G_CALLBACK (update_busy_ui), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (simulator, "notify::layers-done",
                           G_CALLBACK (update_busy_ui), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed",
                           G_CALLBACK (on_settings_changed), self, G_CONNECT_SWAPPED);
  update_status (self);
  restart_busy_clock (self);
}

void
isc_status_bar_unbind (IscStatusBar *self)
{
  g_return_if_fail (ISC_IS_STATUS_BAR (self));

  g_clear_handle_id (&self->busy_source, g_source_remove);
  if (self->simulator != NULL)
    g_signal_handlers_disconnect_by_data (self->simulator, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->simulator);
  g_clear_object (&self->settings);
}

/* TRUE from ISC_STATUS_BAR_COMPUTING_DELAY_MS into a run until the figure
 * changes or the run ends: the figure on show is about to be replaced. */
gboolean
isc_status_bar_get_computing (IscStatusBar *self)
{
  g_return_val_if_fail (ISC_IS_STATUS_BAR (self), FALSE);
  return self->computing;
}

static void
isc_status_bar_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  IscStatusBar *self = ISC_STATUS_BAR (object);

  switch (prop_id)
    {
    case PROP_COMPUTING:
      g_value_set_boolean (value, self->computing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
isc_status_bar_dispose (GObject *object)
{
  IscStatusBar *self = ISC_STATUS_BAR (object);

  isc_status_bar_unbind (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), ISC_TYPE_STATUS_BAR);

  G_OBJECT_CLASS (isc_status_bar_parent_class)->dispose (object);
}

static void
isc_status_bar_class_init (IscStatusBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = isc_status_bar_dispose;
  object_class->get_property = isc_status_bar_get_property;

  properties[PROP_COMPUTING] =
    g_param_spec_boolean ("computing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/initscope/Initscope/isc-status-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, IscStatusBar, busy_box);
  gtk_widget_class_bind_template_child (widget_class, IscStatusBar, spinner);
  gtk_widget_class_bind_template_child (widget_class, IscStatusBar, busy_label);
  gtk_widget_class_bind_template_child (widget_class, IscStatusBar, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, IscStatusBar, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, IscStatusBar, cancelled_box);
  gtk_widget_class_bind_template_child (widget_class, IscStatusBar, cancelled_label);
  gtk_widget_class_bind_template_child (widget_class, IscStatusBar, config_label);
  gtk_widget_class_bind_template_child (widget_class, IscStatusBar, warning_label);
  gtk_widget_class_bind_template_child (widget_class, IscStatusBar, time_label);
}

static void
isc_status_bar_init (IscStatusBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
