/* isc-application.c
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "isc-application"

#include "config.h"

#include <glib/gi18n.h>

#include "isc-application.h"
#include "isc-window.h"
#include "isc-workers.h"

struct _IscApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (IscApplication, isc_application, ADW_TYPE_APPLICATION)

static void
isc_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (isc_window_new (ISC_APPLICATION (app)));

  gtk_window_present (window);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  static const char *developers[] = { "The Initscope authors", NULL };
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWindow *window = gtk_application_get_active_window (app);
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  adw_about_window_set_application_name (about, _("Initscope"));
  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_developer_name (about, _("The Initscope authors"));
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_comments (about,
                                 _("See why weight initialization matters: the activation "
                                   "histograms of every layer of a deep network, as in "
                                   "Stanford’s CS231n lecture."));
  adw_about_window_set_website (about, "https://github.com/initscope/initscope");
  adw_about_window_set_issue_url (about, "https://github.com/initscope/initscope/issues");
  adw_about_window_set_developers (about, developers);
  adw_about_window_set_copyright (about, "© 2026 The Initscope authors");
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  /* Translators: credit yourself here, one name a line */
  adw_about_window_set_translator_credits (about, _("translator-credits"));

  gtk_window_set_transient_for (GTK_WINDOW (about), window);
  gtk_window_set_modal (GTK_WINDOW (about), TRUE);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);

  /* Closing the windows saves their state the usual way, then the app ends. */
  for (GList *l = gtk_application_get_windows (app); l != NULL; )
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
  g_application_quit (G_APPLICATION (app));
}

static const GActionEntry app_actions[] = {
  { .name = "about", .activate = about_action },
  { .name = "quit", .activate = quit_action },
};

static void
isc_application_startup (GApplication *app)
{
  static const struct {
    const char *action;
    const char *accels[4];
  } accels[] = {
    { "app.quit", { "<Primary>q", NULL } },
    { "win.export", { "<Primary>e", NULL } },
    { "win.toggle-fullscreen", { "F11", NULL } },
    { "win.toggle-sidebar", { "F9", NULL } },
    { "win.new-seed", { "<Primary><Shift>r", NULL } },
    /* F5 is presentation mode (isc-window-actions.c), as in slide software */
    { "win.recompute", { "<Primary>r", NULL } },
    { "win.pin-reference", { "<Primary>p", NULL } },
    { "win.unpin-reference", { "<Primary><Shift>p", NULL } },
    { "win.view('activations')", { "<Alt>1", NULL } },
    { "win.view('gradients')", { "<Alt>2", NULL } },
    { "win.view('weight-gradients')", { "<Alt>3", NULL } },
    { "win.text-bigger", { "<Primary>plus", "<Primary>equal", "<Primary>KP_Add", NULL } },
    { "win.text-smaller", { "<Primary>minus", "<Primary>KP_Subtract", NULL } },
    { "win.text-reset", { "<Primary>0", "<Primary>KP_0", NULL } },
  };

  G_APPLICATION_CLASS (isc_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app),
                                           accels[i].action, accels[i].accels);
}

static void
isc_application_shutdown (GApplication *app)
{
  GList *windows;

  /* Closing the windows cancels their runs; exports still write their file.
   * Then no worker may be left when the process exits (isc-workers.h). */
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (windows->data);
  isc_workers_wait_all ();

  G_APPLICATION_CLASS (isc_application_parent_class)->shutdown (app);
}

static void
isc_application_class_init (IscApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = isc_application_activate;
  app_class->startup = isc_application_startup;
  app_class->shutdown = isc_application_shutdown;
}

static void
isc_application_init (IscApplication *self)
{
}

IscApplication *
isc_application_new (void)
{
  return g_object_new (ISC_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/initscope/Initscope",
                       NULL);
}
