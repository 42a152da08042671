/* isc-window-export.c — export and copy the figure
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both take the full result of the current settings from the simulator (the
 * one on show, or the one it is asked for: never a second runner), then
 * render, encode and write in a worker thread.
 */

#define G_LOG_DOMAIN "isc-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "isc-export.h"
#include "isc-settings.h"
#include "isc-window-private.h"
#include "isc-workers.h"

typedef struct
{
  char                *path;    /* NULL for a copy */
  IscConfig            config;
  IscResult           *result;  /* the simulator's full result, once it came */
  IscFigureStyle       style;
  int                  width;
  int                  height;
  GTaskThreadFunc      func;    /* what the worker does with it */
  GAsyncReadyCallback  done;    /* and then the main thread */
} IscExportJob;

static void
isc_export_job_free (IscExportJob *job)
{
  g_clear_pointer (&job->path, g_free);
  g_clear_pointer (&job->result, isc_result_unref);
  g_free (job);
}

/* The settings at the time of the request: a slider moved meanwhile does not
 * change the file asked for. */
static IscExportJob *
isc_export_job_new (IscWindow  *self,
                    const char *path)
{
  IscExportJob *job = g_new0 (IscExportJob, 1);

  job->path = g_strdup (path);
  isc_settings_get_config (self->settings, &job->config);
  isc_figure_style_init_light (&job->style);
  job->style.text_scale = g_settings_get_double (self->settings, "text-scale");
  job->width = g_settings_get_int (self->settings, "export-width");
  job->height = g_settings_get_int (self->settings, "export-height");
  return job;
}

static void
export_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  IscExportJob *job = task_data;
  GError *error = NULL;

  if (!isc_export_to_file (job->result, &job->style, job->path,
                           job->width, job->height, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
  isc_workers_leave ();
}

void
_isc_window_show_export_error (IscWindow    *self,
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

/* The window may have closed meanwhile: the file is written, nobody to tell. */
static gboolean
can_tell (IscWindow *self)
{
  return self->toast_overlay != NULL;
}

static void
export_failed (IscWindow    *self,
               IscExportJob *job,
               GTask        *outer,
               GError       *error)
{
  if (can_tell (self) && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _isc_window_show_export_error (self, job->path, error);
  g_task_return_error (outer, error);
}

static void
export_done (GObject      *object,
             GAsyncResult *res,
             gpointer      user_data)
{
  IscWindow *self = ISC_WINDOW (object);
  g_autoptr(GTask) outer = user_data;
  IscExportJob *job = g_task_get_task_data (outer);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (res), &error))
    {
      export_failed (self, job, outer, error);
      return;
    }
  if (can_tell (self))
    show_export_toast (self, job->path);
  g_task_return_boolean (outer, TRUE);
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
  if ((png = isc_export_png_bytes (job->result, &job->style,
                                   job->width, job->height, &error)) == NULL ||
      (texture = gdk_texture_new_from_bytes (png, &error)) == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, texture, g_object_unref);

  isc_workers_leave ();
}

static void
copy_failed (IscWindow *self,
             GTask     *outer,
             GError    *error)
{
  if (can_tell (self) && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *title = g_strdup_printf (_("Could not copy the figure: %s"),
                                                error->message);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
    }
  g_task_return_error (outer, error);
}

static void
copy_done (GObject      *object,
           GAsyncResult *res,
           gpointer      user_data)
{
  IscWindow *self = ISC_WINDOW (object);
  g_autoptr(GTask) outer = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  GError *error = NULL;

  texture = g_task_propagate_pointer (G_TASK (res), &error);
  if (texture == NULL)
    {
      copy_failed (self, outer, error);
      return;
    }
  if (can_tell (self))
    {
      gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (self)), texture);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Figure copied")));
    }
  g_task_return_boolean (outer, TRUE);
}

/* The simulator has the full result: render it in a worker thread. */
static void
on_full_result (GObject      *object,
                GAsyncResult *res,
                gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  IscWindow *self = g_task_get_source_object (outer);
  IscExportJob *job = g_task_get_task_data (outer);
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;

  job->result = isc_simulator_get_full_finish (ISC_SIMULATOR (object), res, &error);
  if (job->result == NULL)
    {
      if (job->path != NULL)
        export_failed (self, job, outer, error);
      else
        copy_failed (self, outer, error);
      return;
    }

  task = g_task_new (self, g_task_get_cancellable (outer), job->done, g_object_ref (outer));
  g_task_set_name (task, job->path ? "[isc] export" : "[isc] copy");
  g_task_set_task_data (task, job, NULL);  /* the outer task owns it */
  isc_workers_enter ();
  g_task_run_in_thread (task, job->func);
}

/* Gets the full result of the settings from the simulator, then runs
 * @func on it in a worker thread; @done gets the outer task (tagged @tag,
 * for figure_job_finish()) as its user_data. */
static void
start_figure_job (IscWindow           *self,
                  const char          *path,
                  GTaskThreadFunc      func,
                  GAsyncReadyCallback  done,
                  gpointer             tag,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autoptr(GTask) outer = g_task_new (self, cancellable, callback, user_data);
  IscExportJob *job = isc_export_job_new (self, path);

  g_task_set_source_tag (outer, tag);
  job->func = func;
  job->done = done;
  g_task_set_task_data (outer, job, (GDestroyNotify) isc_export_job_free);
  isc_simulator_get_full_async (self->simulator, &job->config, cancellable,
                                on_full_result, g_steal_pointer (&outer));
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
 * What the Export dialog's file chooser runs.
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

  start_figure_job (self, path, export_in_thread, export_done,
                    isc_window_export_to_path, cancellable, callback, user_data);
}

gboolean
isc_window_export_to_path_finish (IscWindow     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return figure_job_finish (self, result, isc_window_export_to_path, error);
}

void
isc_window_copy_figure (IscWindow           *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (ISC_IS_WINDOW (self));

  start_figure_job (self, NULL, copy_in_thread, copy_done,
                    isc_window_copy_figure, cancellable, callback, user_data);
}

gboolean
isc_window_copy_figure_finish (IscWindow     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return figure_job_finish (self, result, isc_window_copy_figure, error);
}
