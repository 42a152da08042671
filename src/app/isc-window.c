/* isc-window.c
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The controls are bound to GSettings; every change of a key that is part of
 * the experiment's config becomes a request to the simulator, and its result
 * goes to the histogram view. Exports and copies render in worker threads.
 */

#define G_LOG_DOMAIN "isc-window"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "isc-export.h"
#include "isc-network.h"
#include "isc-window.h"
#include "isc-settings.h"
#include "isc-workers.h"

/* The scale slider runs over 10^-4 … 10 on a log axis; the spin button
 * takes any value of the key. */
#define SCALE_LOG_MIN  (-4.0)
#define SCALE_LOG_MAX  1.0
/* The width slider runs over 1 … 8192 on a log2 axis. */
#define WIDTH_LOG2_MAX 13.0

#define TEXT_SCALE_MIN  0.5
#define TEXT_SCALE_MAX  3.0
#define TEXT_SCALE_STEP 1.1

/* A busy cue for jobs that end at once would only flicker: the figure dims
 * and the spinner shows once nothing has changed for this long… */
#define COMPUTING_DELAY_MS 300
/* …and the run's progress and a Cancel button after this long. */
#define PROGRESS_DELAY_MS  2000

typedef enum
{
  ISC_BUSY_IDLE,       /* no run, or one that was cancelled */
  ISC_BUSY_WAITING,    /* a run, too young for a cue */
  ISC_BUSY_COMPUTING,  /* dimmed figure, spinner, "Computing…" */
  ISC_BUSY_PROGRESS,   /* and "Layer k of N", a progress bar, Cancel */
} IscBusyStage;

struct _IscWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  IscSimulator         *simulator;
  GFile                *export_folder;
  guint                 busy_source;
  IscBusyStage          busy_stage;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwFlap              *flap;
  AdwComboRow          *init_row;
  AdwPreferencesRow    *scale_row;
  GtkSpinButton        *scale_spin;
  GtkScale             *scale_slider;
  AdwComboRow          *activation_row;
  GtkSpinButton        *depth_spin;
  GtkScale             *depth_slider;
  GtkSpinButton        *width_spin;
  GtkScale             *width_slider;
  GtkSpinButton        *batch_spin;
  GtkSpinButton        *seed_spin;
  GtkSpinButton        *export_width_spin;
  GtkSpinButton        *export_height_spin;
  IscHistogramView     *view;
  GtkWidget            *busy_box;
  GtkSpinner           *spinner;
  GtkLabel             *busy_label;
  GtkProgressBar       *progress_bar;
  GtkWidget            *cancel_button;
  GtkWidget            *cancelled_box;
  GtkLabel             *cancelled_label;
  GtkLabel             *config_label;
  GtkLabel             *warning_label;
  GtkLabel             *time_label;
};

G_DEFINE_FINAL_TYPE (IscWindow, isc_window, ADW_TYPE_APPLICATION_WINDOW)

/* ------------------------------------------------------------------------ */
/* Settings ↔ config                                                        */

static void
request_run (IscWindow *self)
{
  IscConfig config;

  isc_settings_get_config (self->settings, &config);
  isc_simulator_request (self->simulator, &config);
}

static void update_status (IscWindow *self);

static void
on_settings_changed (IscWindow  *self,
                     const char *key,
                     GSettings  *settings)
{
  if (!g_strv_contains (isc_settings_config_keys, key))
    return;
  request_run (self);
  /* with no figure yet, the status line names what is coming */
  if (isc_simulator_get_result (self->simulator) == NULL)
    update_status (self);
}

/* init/activation keys ↔ the combo rows' "selected" index (the enum order);
 * user_data is the engine's NULL-terminated table of names. */
static gboolean
name_get_mapping (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  const char * const *names = user_data;
  const char *name = g_variant_get_string (variant, NULL);

  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], name))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
name_set_mapping (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  const char * const *names = user_data;
  guint selected = g_value_get_uint (value);

  if (selected >= g_strv_length ((char **) names))
    return NULL;
  return g_variant_new_string (names[selected]);
}

static gboolean
is_gaussian_mapping (GValue   *value,
                     GVariant *variant,
                     gpointer  user_data)
{
  g_value_set_boolean (value, g_str_equal (g_variant_get_string (variant, NULL), "gaussian"));
  return TRUE;
}

/* Slider positions are rounded to three significant digits, so dragging
 * gives σ = 0.0123, not 0.0123456789. */
static double
round_significant (double value,
                   int    digits)
{
  double factor;

  if (value <= 0.0 || !isfinite (value))
    return value;
  factor = pow (10.0, digits - 1 - floor (log10 (value)));
  return round (value * factor) / factor;
}

static gboolean
log_scale_get_mapping (GValue   *value,
                       GVariant *variant,
                       gpointer  user_data)
{
  double scale = g_variant_get_double (variant);

  g_value_set_double (value, log10 (CLAMP (scale, pow (10.0, SCALE_LOG_MIN),
                                           pow (10.0, SCALE_LOG_MAX))));
  return TRUE;
}

static GVariant *
log_scale_set_mapping (const GValue       *value,
                       const GVariantType *expected_type,
                       gpointer            user_data)
{
  return g_variant_new_double (round_significant (pow (10.0, g_value_get_double (value)), 3));
}

static gboolean
log_width_get_mapping (GValue   *value,
                       GVariant *variant,
                       gpointer  user_data)
{
  g_value_set_double (value, log2 (MAX (1, g_variant_get_int32 (variant))));
  return TRUE;
}

static GVariant *
log_width_set_mapping (const GValue       *value,
                       const GVariantType *expected_type,
                       gpointer            user_data)
{
  double width = round (exp2 (g_value_get_double (value)));

  return g_variant_new_int32 (CLAMP ((int) width, ISC_WIDTH_MIN, ISC_WIDTH_MAX));
}

/* ------------------------------------------------------------------------ */
/* The scale spin button shows the exact value of the key                   */

static gboolean
on_scale_spin_output (GtkSpinButton *spin,
                      gpointer       user_data)
{
  double value = gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin));
  char text[64];

  g_snprintf (text, sizeof text, "%.6g", value);
  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static int
on_scale_spin_input (GtkSpinButton *spin,
                     double        *new_value,
                     gpointer       user_data)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  char *end = NULL;
  double value;

  /* g_strtod() takes the C locale's "0.05" and the user's "0,05" alike. */
  value = g_strtod (text, &end);
  while (end != NULL && g_ascii_isspace (*end))
    end++;
  if (end == text || end == NULL || *end != '\0' || !isfinite (value))
    return GTK_INPUT_ERROR;

  *new_value = value;
  return TRUE;
}

/* The arrows step by a tenth of the value's decade: 0.01 → 0.011, 1 → 1.1. */
static void
on_scale_value_changed (GtkAdjustment *adjustment,
                        IscWindow     *self)
{
  double value = gtk_adjustment_get_value (adjustment);
  double step = value > 0.0 ? pow (10.0, floor (log10 (value)) - 1.0) : 1e-4;
  char text[64];

  gtk_adjustment_set_step_increment (adjustment, step);
  gtk_adjustment_set_page_increment (adjustment, step * 10.0);

  /* The slider moves over log10(σ); screen readers should hear σ itself. */
  g_snprintf (text, sizeof text, "%.6g", value);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->scale_slider),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  -1);
}

static void
on_width_value_changed (GtkAdjustment *adjustment,
                        IscWindow     *self)
{
  char text[32];

  g_snprintf (text, sizeof text, "%.0f", gtk_adjustment_get_value (adjustment));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->width_slider),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  -1);
}

/* ------------------------------------------------------------------------ */
/* Dragging a slider asks for previews                                      */

static gboolean
on_slider_event (GtkEventControllerLegacy *controller,
                 GdkEvent                 *event,
                 IscWindow                *self)
{
  switch ((int) gdk_event_get_event_type (event))
    {
    case GDK_BUTTON_PRESS:
    case GDK_TOUCH_BEGIN:
      isc_simulator_set_interactive (self->simulator, TRUE);
      break;
    case GDK_BUTTON_RELEASE:
    case GDK_TOUCH_END:
    case GDK_TOUCH_CANCEL:
      isc_simulator_set_interactive (self->simulator, FALSE);
      break;
    default:
      break;
    }
  return GDK_EVENT_PROPAGATE;
}

static void
watch_slider (IscWindow *self,
              GtkScale  *slider)
{
  GtkEventController *controller = gtk_event_controller_legacy_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "event", G_CALLBACK (on_slider_event), self);
  gtk_widget_add_controller (GTK_WIDGET (slider), controller);
}

/* ------------------------------------------------------------------------ */
/* Status line                                                              */

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

static void
update_status (IscWindow *self)
{
  IscResult *result = isc_simulator_get_result (self->simulator);
  const char *error = isc_simulator_get_error (self->simulator);
  g_autofree char *config = NULL;
  g_autofree char *time = NULL;
  g_autofree char *warnings = NULL;

  if (result != NULL)
    {
      g_autofree char *described = isc_config_describe (isc_result_get_config (result));
      double elapsed = isc_result_get_elapsed (result);

      if (isc_result_is_preview (result))
        /* Translators: a config description, then the samples of a quick preview */
        config = g_strdup_printf (_("%s · preview on %u samples"), described,
                                  isc_result_get_batch (result));
      else
        config = g_steal_pointer (&described);

      if (elapsed < 1.0)
        /* Translators: compute time in milliseconds */
        time = g_strdup_printf (_("%.0f ms"), elapsed * 1000.0);
      else
        /* Translators: compute time in seconds */
        time = g_strdup_printf (_("%.2f s"), elapsed);

      warnings = describe_warnings (result);
    }

  if (config == NULL)
    {
      IscConfig wanted;

      /* no figure yet: say what is coming */
      isc_settings_get_config (self->settings, &wanted);
      config = isc_config_describe (&wanted);
    }

  gtk_label_set_text (self->config_label, config);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->config_label), config);
  gtk_label_set_text (self->time_label, time ? time : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->time_label), _("Compute time"));

  if (error != NULL)
    {
      gtk_label_set_text (self->warning_label, error);
      gtk_widget_remove_css_class (GTK_WIDGET (self->warning_label), "warning");
      gtk_widget_add_css_class (GTK_WIDGET (self->warning_label), "error");
    }
  else
    {
      gtk_label_set_text (self->warning_label, warnings ? warnings : "");
      gtk_widget_remove_css_class (GTK_WIDGET (self->warning_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->warning_label), "warning");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->warning_label), error != NULL || warnings != NULL);
}

/* What a cancelled run leaves on screen. */
static const char *
describe_cancelled (IscWindow *self)
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

/* Shows the cue of the current busy stage; safe to call at any time. */
static void
update_busy_ui (IscWindow *self)
{
  IscSimulator *simulator = self->simulator;
  gboolean computing = self->busy_stage >= ISC_BUSY_COMPUTING;
  guint done = isc_simulator_get_layers_done (simulator);
  guint total = isc_simulator_get_layers_total (simulator);
  gboolean progress = self->busy_stage == ISC_BUSY_PROGRESS && total > 0;
  gboolean cancelled = isc_simulator_get_cancelled (simulator) &&
                       !isc_simulator_get_busy (simulator);

  /* set_visible, not a binding on "spinning": that one never showed it */
  gtk_widget_set_visible (self->busy_box, computing);
  if (computing)
    gtk_spinner_start (self->spinner);
  else
    gtk_spinner_stop (self->spinner);

  if (progress)
    {
      guint layer = MIN (done + 1, total);
      g_autofree char *text = NULL;

      if (isc_simulator_get_previewing (simulator))
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

  /* The last figure stays, dimmed: a new one is coming. */
  if (computing)
    gtk_widget_add_css_class (GTK_WIDGET (self->view), "computing");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->view), "computing");

  if (cancelled)
    gtk_label_set_text (self->cancelled_label, describe_cancelled (self));
  gtk_widget_set_visible (self->cancelled_box, cancelled);
}

static gboolean
busy_stage_cb (gpointer data)
{
  IscWindow *self = data;

  self->busy_source = 0;
  if (self->busy_stage == ISC_BUSY_WAITING)
    {
      self->busy_stage = ISC_BUSY_COMPUTING;
      self->busy_source = g_timeout_add (PROGRESS_DELAY_MS - COMPUTING_DELAY_MS,
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
restart_busy_clock (IscWindow *self)
{
  g_clear_handle_id (&self->busy_source, g_source_remove);
  if (isc_simulator_get_busy (self->simulator))
    {
      self->busy_stage = ISC_BUSY_WAITING;
      self->busy_source = g_timeout_add (COMPUTING_DELAY_MS, busy_stage_cb, self);
    }
  else
    {
      self->busy_stage = ISC_BUSY_IDLE;
    }
  update_busy_ui (self);
}

static void
on_result_changed (IscWindow    *self,
                   GParamSpec   *pspec,
                   IscSimulator *simulator)
{
  isc_histogram_view_set_result (self->view, isc_simulator_get_result (simulator));
  update_status (self);
  restart_busy_clock (self);
}

static void
on_busy_changed (IscWindow    *self,
                 GParamSpec   *pspec,
                 IscSimulator *simulator)
{
  gboolean busy = isc_simulator_get_busy (simulator);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel", busy);
  if (busy != (self->busy_stage != ISC_BUSY_IDLE))
    restart_busy_clock (self);
}

/* ------------------------------------------------------------------------ */
/* Export and copy                                                          */

typedef struct
{
  char           *path;      /* NULL for a copy */
  IscConfig       config;
  IscResult      *result;    /* NULL: compute it first */
  IscCache       *cache;
  IscFigureStyle  style;
  int             width;
  int             height;
} IscExportJob;

static void
isc_export_job_free (IscExportJob *job)
{
  g_clear_pointer (&job->path, g_free);
  g_clear_pointer (&job->result, isc_result_unref);
  g_clear_pointer (&job->cache, isc_cache_unref);
  g_free (job);
}

static IscExportJob *
isc_export_job_new (IscWindow  *self,
                    const char *path)
{
  IscExportJob *job = g_new0 (IscExportJob, 1);
  IscResult *shown = isc_simulator_get_result (self->simulator);

  job->path = g_strdup (path);
  isc_settings_get_config (self->settings, &job->config);

  /* Files get the full run of the current settings, never a preview nor a
   * figure that is about to be replaced. */
  if (isc_result_is_full_for (shown, &job->config))
    job->result = isc_result_ref (shown);
  job->cache = isc_cache_ref (isc_simulator_get_cache (self->simulator));

  isc_figure_style_init_light (&job->style);
  job->style.text_scale = g_settings_get_double (self->settings, "text-scale");
  job->width = g_settings_get_int (self->settings, "export-width");
  job->height = g_settings_get_int (self->settings, "export-height");

  return job;
}

static IscResult *
isc_export_job_get_result (IscExportJob  *job,
                           GCancellable  *cancellable,
                           GError       **error)
{
  if (job->result == NULL)
    job->result = isc_network_run (&job->config, job->cache, 0, 0, cancellable, error);
  return job->result;
}

static void
export_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  IscExportJob *job = task_data;
  GError *error = NULL;

  if (isc_export_job_get_result (job, cancellable, &error) == NULL ||
      !isc_export_to_file (job->result, &job->style, job->path,
                           job->width, job->height, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
  isc_workers_leave ();
}

static void
show_export_error (IscWindow    *self,
                   const char   *path,
                   const GError *error)
{
  g_autofree char *display = g_filename_display_name (path);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Could Not Export the Figure"),
                                                       NULL));
  /* Export errors name the path already; others get it added. */
  if (strstr (error->message, display) != NULL || strstr (error->message, path) != NULL)
    adw_message_dialog_set_body (dialog, error->message);
  else
    /* Translators: the path, then the reason */
    adw_message_dialog_format_body (dialog, _("Could not write “%s”: %s"),
                                    display, error->message);
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_export_toast (IscWindow  *self,
                   const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *display = g_filename_display_name (basename);
  g_autofree char *title = NULL;
  AdwToast *toast;

  /* Translators: %s is a file name */
  title = g_strdup_printf (_("Exported to “%s”"), display);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "win.open-file");
  adw_toast_set_action_target (toast, "s", uri);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
export_done (GObject      *object,
             GAsyncResult *res,
             gpointer      user_data)
{
  IscWindow *self = ISC_WINDOW (object);
  g_autoptr(GTask) outer = user_data;
  IscExportJob *job = g_task_get_task_data (G_TASK (res));
  g_autoptr(GError) error = NULL;
  /* The window may have closed meanwhile: the file is written, nobody to tell. */
  gboolean tell = self->toast_overlay != NULL;

  if (!g_task_propagate_boolean (G_TASK (res), &error))
    {
      if (tell && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_export_error (self, job->path, error);
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }

  if (tell)
    show_export_toast (self, job->path);
  g_task_return_boolean (outer, TRUE);
}

/* Runs @func on a job for the figure on show in a worker thread; @done gets
 * the outer task (tagged @tag, for figure_job_finish()) as its user_data. */
static void
start_figure_job (IscWindow           *self,
                  const char          *path,
                  const char          *name,
                  GTaskThreadFunc      func,
                  GAsyncReadyCallback  done,
                  gpointer             tag,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autoptr(GTask) outer = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GTask) task = NULL;

  g_task_set_source_tag (outer, tag);
  task = g_task_new (self, cancellable, done, g_steal_pointer (&outer));
  g_task_set_name (task, name);
  g_task_set_task_data (task, isc_export_job_new (self, path),
                        (GDestroyNotify) isc_export_job_free);
  isc_workers_enter ();
  g_task_run_in_thread (task, func);
}

static gboolean
figure_job_finish (IscWindow     *self,
                   GAsyncResult  *result,
                   gpointer       tag,
                   GError       **error)
{
  g_return_val_if_fail (ISC_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * isc_window_export_to_path:
 * @self: a window
 * @path: where to write; the extension names the format
 * @cancellable: (nullable): a cancellable
 * @callback: (nullable): called when the file is written or failed and the
 *   user was told
 * @user_data: for @callback
 *
 * What the Export dialog's response runs.
 */
void
isc_window_export_to_path (IscWindow           *self,
                           const char          *path,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (ISC_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  start_figure_job (self, path, "[isc] export", export_in_thread, export_done,
                    isc_window_export_to_path, cancellable, callback, user_data);
}

gboolean
isc_window_export_to_path_finish (IscWindow     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return figure_job_finish (self, result, isc_window_export_to_path, error);
}

static void
copy_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  IscExportJob *job = task_data;
  g_autoptr(GBytes) png = NULL;
  GdkTexture *texture;
  GError *error = NULL;

  /* Rendering, encoding and decoding all stay off the main thread. */
  if (isc_export_job_get_result (job, cancellable, &error) == NULL ||
      (png = isc_export_png_bytes (job->result, &job->style,
                                   job->width, job->height, &error)) == NULL ||
      (texture = gdk_texture_new_from_bytes (png, &error)) == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, texture, g_object_unref);

  isc_workers_leave ();
}

static void
copy_done (GObject      *object,
           GAsyncResult *res,
           gpointer      user_data)
{
  IscWindow *self = ISC_WINDOW (object);
  g_autoptr(GTask) outer = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = g_task_propagate_pointer (G_TASK (res), &error);
  if (self->toast_overlay == NULL)
    {
      /* The window closed meanwhile. */
      if (texture == NULL)
        g_task_return_error (outer, g_steal_pointer (&error));
      else
        g_task_return_boolean (outer, TRUE);
      return;
    }
  if (texture == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *title = g_strdup_printf (_("Could not copy the figure: %s"),
                                                    error->message);

          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
        }
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }

  gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (self)), texture);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Figure copied")));
  g_task_return_boolean (outer, TRUE);
}

void
isc_window_copy_figure (IscWindow           *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (ISC_IS_WINDOW (self));

  start_figure_job (self, NULL, "[isc] copy", copy_in_thread, copy_done,
                    isc_window_copy_figure, cancellable, callback, user_data);
}

gboolean
isc_window_copy_figure_finish (IscWindow     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return figure_job_finish (self, result, isc_window_copy_figure, error);
}

static const struct {
  const char *name;
  const char *pattern;
  const char *mime_type;
  const char *extension;
} export_formats[] = {
  { N_("PNG Image"), "*.png", "image/png", ".png" },
  { N_("SVG Image"), "*.svg", "image/svg+xml", ".svg" },
  { N_("PDF Document"), "*.pdf", "application/pdf", ".pdf" },
  { N_("Statistics as CSV"), "*.csv", "text/csv", ".csv" },
};

static void
on_export_response (GtkNativeDialog *dialog,
                    int              response,
                    IscWindow       *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  GtkFileFilter *filter;

  if (response != GTK_RESPONSE_ACCEPT)
    goto out;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  path = file ? g_file_get_path (file) : NULL;
  if (path == NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                                     _("Only local files can be written"));
      g_autofree char *uri = file ? g_file_get_uri (file) : g_strdup ("");

      show_export_error (self, uri, error);
      goto out;
    }

  /* "figure" with the PDF filter chosen means figure.pdf. */
  filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (dialog));
  if (!isc_export_format_from_path (path, NULL, NULL) && filter != NULL)
    {
      const char *extension = g_object_get_data (G_OBJECT (filter), "isc-extension");

      if (extension != NULL)
        {
          char *with_extension = g_strconcat (path, extension, NULL);

          g_free (path);
          path = with_extension;
        }
    }

  /* The next Export… opens where this one went. */
  g_clear_object (&self->export_folder);
  self->export_folder = g_file_get_parent (file);

  isc_window_export_to_path (self, path, NULL, NULL, NULL);

out:
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

/* Picking "SVG Image" turns figure.png into figure.svg. */
static void
on_export_filter_changed (GtkFileChooser *chooser,
                          GParamSpec     *pspec,
                          gpointer        user_data)
{
  GtkFileFilter *filter = gtk_file_chooser_get_filter (chooser);
  g_autofree char *name = gtk_file_chooser_get_current_name (chooser);
  const char *extension;
  const char *dot;

  if (filter == NULL || name == NULL)
    return;
  extension = g_object_get_data (G_OBJECT (filter), "isc-extension");
  dot = strrchr (name, '.');
  if (extension == NULL || dot == NULL || g_str_equal (dot, extension) ||
      !isc_export_format_from_path (name, NULL, NULL))
    return;

  {
    g_autofree char *stem = g_strndup (name, dot - name);
    g_autofree char *renamed = g_strconcat (stem, extension, NULL);

    gtk_file_chooser_set_current_name (chooser, renamed);
  }
}

static char *
suggest_export_name (IscWindow *self)
{
  IscConfig config;

  isc_settings_get_config (self->settings, &config);
  if (config.init == ISC_INIT_GAUSSIAN)
    {
      char scale[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (scale, sizeof scale, "%g", config.scale);
      return g_strdup_printf ("initscope-%s-%s-%s.png",
                              isc_activation_to_string (config.activation),
                              isc_init_to_string (config.init), scale);
    }
  return g_strdup_printf ("initscope-%s-%s.png", isc_activation_to_string (config.activation),
                          isc_init_to_string (config.init));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  IscWindow *self = ISC_WINDOW (widget);
  g_autofree char *name = suggest_export_name (self);
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Export Figure"),
                                        GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (export_formats); i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _(export_formats[i].name));
      gtk_file_filter_add_pattern (filter, export_formats[i].pattern);
      gtk_file_filter_add_mime_type (filter, export_formats[i].mime_type);
      g_object_set_data (G_OBJECT (filter), "isc-extension",
                         (gpointer) export_formats[i].extension);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
      if (i == 0)
        gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (native), filter);
    }

  if (self->export_folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), self->export_folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);

  g_signal_connect (native, "notify::filter", G_CALLBACK (on_export_filter_changed), NULL);
  g_signal_connect (native, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
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

/* ------------------------------------------------------------------------ */
/* Other actions                                                            */

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
  request_run (ISC_WINDOW (widget));
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

/* ------------------------------------------------------------------------ */
/* Setup                                                                    */

static GtkAdjustment *
new_adjustment (double lower,
                double upper,
                double step,
                double page)
{
  return gtk_adjustment_new (lower, lower, upper, step, page, 0.0);
}

static void
setup_combo_rows (IscWindow *self)
{
  g_autoptr(GtkStringList) inits = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) activations = gtk_string_list_new (NULL);

  for (guint i = 0; i < ISC_N_INITS; i++)
    {
      /* Translators: an init scheme and its formula, e.g. "Kaiming · σ = √(2/fan_in)" */
      g_autofree char *item = g_strdup_printf (_("%s · %s"), isc_init_get_label (i),
                                               isc_init_get_formula (i));

      gtk_string_list_append (inits, item);
    }
  for (guint i = 0; i < ISC_N_ACTIVATIONS; i++)
    gtk_string_list_append (activations, isc_activation_get_label (i));

  adw_combo_row_set_model (self->init_row, G_LIST_MODEL (inits));
  adw_combo_row_set_model (self->activation_row, G_LIST_MODEL (activations));

  g_settings_bind_with_mapping (self->settings, "init", self->init_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                name_get_mapping, name_set_mapping,
                                (gpointer) isc_init_get_names (), NULL);
  g_settings_bind_with_mapping (self->settings, "activation", self->activation_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                name_get_mapping, name_set_mapping,
                                (gpointer) isc_activation_get_names (), NULL);
}

static void
setup_sliders (IscWindow *self)
{
  GtkAdjustment *adjustment;
  static const struct { double log; const char *label; } scale_marks[] = {
    { -4.0, "10⁻⁴" }, { -3.0, "0.001" }, { -2.0, "0.01" }, { -1.0, "0.1" },
    { 0.0, "1" }, { 1.0, "10" },
  };
  static const guint width_marks[] = { 1, 8, 64, 512, 4096 };

  /* Scale σ: the spin button holds the exact key, the slider its log10. */
  adjustment = new_adjustment (ISC_SCALE_MIN, ISC_SCALE_MAX, 0.001, 0.01);
  gtk_spin_button_set_adjustment (self->scale_spin, adjustment);
  g_signal_connect (self->scale_spin, "output", G_CALLBACK (on_scale_spin_output), NULL);
  g_signal_connect (self->scale_spin, "input", G_CALLBACK (on_scale_spin_input), NULL);
  g_signal_connect (adjustment, "value-changed", G_CALLBACK (on_scale_value_changed), self);
  g_settings_bind (self->settings, "scale", adjustment, "value", G_SETTINGS_BIND_DEFAULT);

  adjustment = new_adjustment (SCALE_LOG_MIN, SCALE_LOG_MAX, 0.01, 0.1);
  gtk_range_set_adjustment (GTK_RANGE (self->scale_slider), adjustment);
  for (guint i = 0; i < G_N_ELEMENTS (scale_marks); i++)
    gtk_scale_add_mark (self->scale_slider, scale_marks[i].log, GTK_POS_BOTTOM,
                        scale_marks[i].label);
  g_settings_bind_with_mapping (self->settings, "scale", adjustment, "value",
                                G_SETTINGS_BIND_DEFAULT,
                                log_scale_get_mapping, log_scale_set_mapping, NULL, NULL);

  g_settings_bind_with_mapping (self->settings, "init", self->scale_row, "sensitive",
                                G_SETTINGS_BIND_GET,
                                is_gaussian_mapping, NULL, NULL, NULL);

  /* Depth: one adjustment for the spin button and the slider. */
  adjustment = new_adjustment (ISC_DEPTH_MIN, ISC_DEPTH_MAX, 1, 5);
  gtk_spin_button_set_adjustment (self->depth_spin, adjustment);
  gtk_range_set_adjustment (GTK_RANGE (self->depth_slider), adjustment);
  gtk_scale_add_mark (self->depth_slider, 6, GTK_POS_BOTTOM, "6");
  gtk_scale_add_mark (self->depth_slider, 10, GTK_POS_BOTTOM, "10");
  gtk_scale_add_mark (self->depth_slider, ISC_DEPTH_MAX, GTK_POS_BOTTOM, "50");
  g_settings_bind (self->settings, "depth", adjustment, "value", G_SETTINGS_BIND_DEFAULT);

  /* Width: exact in the spin button, log2 on the slider. */
  adjustment = new_adjustment (ISC_WIDTH_MIN, ISC_WIDTH_MAX, 1, 100);
  gtk_spin_button_set_adjustment (self->width_spin, adjustment);
  g_signal_connect (adjustment, "value-changed", G_CALLBACK (on_width_value_changed), self);
  g_settings_bind (self->settings, "width", adjustment, "value", G_SETTINGS_BIND_DEFAULT);

  adjustment = new_adjustment (0.0, WIDTH_LOG2_MAX, 0.05, 1.0);
  gtk_range_set_adjustment (GTK_RANGE (self->width_slider), adjustment);
  for (guint i = 0; i < G_N_ELEMENTS (width_marks); i++)
    {
      char label[16];

      g_snprintf (label, sizeof label, "%u", width_marks[i]);
      gtk_scale_add_mark (self->width_slider, log2 (width_marks[i]), GTK_POS_BOTTOM, label);
    }
  g_settings_bind_with_mapping (self->settings, "width", adjustment, "value",
                                G_SETTINGS_BIND_DEFAULT,
                                log_width_get_mapping, log_width_set_mapping, NULL, NULL);

  adjustment = new_adjustment (ISC_BATCH_MIN, ISC_BATCH_MAX, 1, 100);
  gtk_spin_button_set_adjustment (self->batch_spin, adjustment);
  g_settings_bind (self->settings, "batch", adjustment, "value", G_SETTINGS_BIND_DEFAULT);

  /* Seeds above 2^53 would not survive a double; the CLI can still set them. */
  adjustment = new_adjustment (0, 9007199254740991.0, 1, 1000);
  gtk_spin_button_set_adjustment (self->seed_spin, adjustment);
  g_settings_bind (self->settings, "seed", adjustment, "value", G_SETTINGS_BIND_DEFAULT);

  adjustment = new_adjustment (ISC_EXPORT_SIZE_MIN, ISC_EXPORT_SIZE_MAX, 10, 100);
  gtk_spin_button_set_adjustment (self->export_width_spin, adjustment);
  g_settings_bind (self->settings, "export-width", adjustment, "value", G_SETTINGS_BIND_DEFAULT);

  adjustment = new_adjustment (ISC_EXPORT_SIZE_MIN, ISC_EXPORT_SIZE_MAX, 10, 100);
  gtk_spin_button_set_adjustment (self->export_height_spin, adjustment);
  g_settings_bind (self->settings, "export-height", adjustment, "value", G_SETTINGS_BIND_DEFAULT);

  watch_slider (self, self->scale_slider);
  watch_slider (self, self->depth_slider);
  watch_slider (self, self->width_slider);
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

  g_clear_handle_id (&self->busy_source, g_source_remove);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
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

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/initscope/Initscope/isc-window.ui");
  gtk_widget_class_bind_template_child (widget_class, IscWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, IscWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, IscWindow, init_row);
  gtk_widget_class_bind_template_child (widget_class, IscWindow, scale_row);
  gtk_widget_class_bind_template_child (widget_class, IscWindow, scale_spin);
  gtk_widget_class_bind_template_child (widget_class, IscWindow, scale_slider);
  gtk_widget_class_bind_template_child (widget_class, IscWindow, activation_row);
  gtk_widget_class_bind_template_child (widget_class, IscWindow, depth_spin);
  gtk_widget_class_bind_template_child (widget_class, IscWindow, depth_slider);
  gtk_widget_class_bind_template_child (widget_class, IscWindow, width_spin);
  gtk_widget_class_bind_template_child (widget_class, IscWindow, width_slider);
  gtk_widget_class_bind_template_child (widget_class, IscWindow, batch_spin);
  gtk_widget_class_bind_template_child (widget_class, IscWindow, seed_spin);
  gtk_widget_class_bind_template_child (widget_class, IscWindow, export_width_spin);
  gtk_widget_class_bind_template_child (widget_class, IscWindow, export_height_spin);
  gtk_widget_class_bind_template_child (widget_class, IscWindow, view);
  gtk_widget_class_bind_template_child (widget_class, IscWindow, busy_box);
  gtk_widget_class_bind_template_child (widget_class, IscWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, IscWindow, busy_label);
  gtk_widget_class_bind_template_child (widget_class, IscWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, IscWindow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, IscWindow, cancelled_box);
  gtk_widget_class_bind_template_child (widget_class, IscWindow, cancelled_label);
  gtk_widget_class_bind_template_child (widget_class, IscWindow, config_label);
  gtk_widget_class_bind_template_child (widget_class, IscWindow, warning_label);
  gtk_widget_class_bind_template_child (widget_class, IscWindow, time_label);

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

static void
isc_window_init (IscWindow *self)
{
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

  setup_combo_rows (self);
  setup_sliders (self);
  g_settings_bind (self->settings, "text-scale", self->view, "text-scale", G_SETTINGS_BIND_GET);

  g_signal_connect_object (self->simulator, "notify::result",
                           G_CALLBACK (on_result_changed), self, G_CONNECT_SWAPPED);
  /* the status line alone shows the error */
  g_signal_connect_object (self->simulator, "notify::error",
                           G_CALLBACK (update_status), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->simulator, "notify::busy",
                           G_CALLBACK (on_busy_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->simulator, "notify::cancelled",
                           G_CALLBACK (update_busy_ui), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->simulator, "notify::layers-done",
                           G_CALLBACK (update_busy_ui), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed",
                           G_CALLBACK (on_settings_changed), self, G_CONNECT_SWAPPED);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel", FALSE);

  update_status (self);
  request_run (self);
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
