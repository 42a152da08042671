/* isc-export-dialog.c
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Export… opens this dialog: the size of the file (bound to the
 * export-width and export-height keys, like every control), then its Export…
 * button opens the file chooser. GTK 4.8's GtkFileChooserNative takes no
 * widgets of ours, hence the two steps. The chosen path goes to
 * isc_window_export_to_path(), which tells the user how it went.
 */

#define G_LOG_DOMAIN "isc-export-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "isc-export.h"
#include "isc-export-dialog.h"
#include "isc-settings.h"
#include "isc-window-private.h"

struct _IscExportDialog
{
  AdwWindow      parent_instance;

  IscWindow     *window;

  /* Template widgets */
  GtkSpinButton *export_width_spin;
  GtkSpinButton *export_height_spin;
};

G_DEFINE_FINAL_TYPE (IscExportDialog, isc_export_dialog, ADW_TYPE_WINDOW)

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
                    IscExportDialog *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  GtkFileFilter *filter;

  /* the window may have gone meanwhile, and this dialog with it */
  if (response != GTK_RESPONSE_ACCEPT || self->window == NULL)
    goto out;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  path = file ? g_file_get_path (file) : NULL;
  if (path == NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                                     _("Only local files can be written"));
      g_autofree char *uri = file ? g_file_get_uri (file) : g_strdup ("");

      _isc_window_show_export_error (self->window, uri, error);
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
  g_clear_object (&self->window->export_folder);
  self->window->export_folder = g_file_get_parent (file);

  isc_window_export_to_path (self->window, path, NULL, NULL, NULL);
  gtk_window_destroy (GTK_WINDOW (self));

out:
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
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
suggest_export_name (IscWindow *window)
{
  IscConfig config;

  isc_settings_get_config (window->settings, &config);
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

/**
 * isc_export_dialog_choose_file:
 *
 * Opens the file chooser, what the dialog's Export… button does; on Export
 * the dialog closes and the file is written.
 */
void
isc_export_dialog_choose_file (IscExportDialog *self)
{
  g_autofree char *name = suggest_export_name (self->window);
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

  if (self->window->export_folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native),
                                         self->window->export_folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);

  g_signal_connect (native, "notify::filter", G_CALLBACK (on_export_filter_changed), NULL);
  g_signal_connect (native, "response", G_CALLBACK (on_export_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}


static void
bind_size (GtkSpinButton *spin,
           GSettings     *settings,
           const char    *key)
{
  GtkAdjustment *adjustment = gtk_adjustment_new (ISC_EXPORT_SIZE_MIN, ISC_EXPORT_SIZE_MIN,
                                                  ISC_EXPORT_SIZE_MAX, 10, 100, 0.0);

  gtk_spin_button_set_adjustment (spin, adjustment);
  g_settings_bind (settings, key, adjustment, "value", G_SETTINGS_BIND_DEFAULT);
}

static void
isc_export_dialog_dispose (GObject *object)
{
  IscExportDialog *self = ISC_EXPORT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ISC_TYPE_EXPORT_DIALOG);
  g_clear_object (&self->window);

  G_OBJECT_CLASS (isc_export_dialog_parent_class)->dispose (object);
}

static void
isc_export_dialog_class_init (IscExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = isc_export_dialog_dispose;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/initscope/Initscope/isc-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, IscExportDialog, export_width_spin);
  gtk_widget_class_bind_template_child (widget_class, IscExportDialog, export_height_spin);
  gtk_widget_class_bind_template_callback (widget_class, isc_export_dialog_choose_file);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
isc_export_dialog_init (IscExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * isc_export_dialog_new:
 * @window: the window whose figure and settings to export
 *
 * Returns: (transfer none): a modal dialog, shown by gtk_window_present()
 */
IscExportDialog *
isc_export_dialog_new (IscWindow *window)
{
  IscExportDialog *self;

  g_return_val_if_fail (ISC_IS_WINDOW (window), NULL);

  self = g_object_new (ISC_TYPE_EXPORT_DIALOG,
                       "transient-for", window,
                       NULL);
  self->window = g_object_ref (window);
  bind_size (self->export_width_spin, window->settings, "export-width");
  bind_size (self->export_height_spin, window->settings, "export-height");
  return self;
}
