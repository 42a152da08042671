/* isc-sweep-view.c — the σ sweep widget and its window
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A sweep runs isc_sweep_run() in a GTask thread at a preview size; a change
 * of the activation, depth, width, batch or seed cancels it and starts
 * another. Moving σ only moves the "current" line.
 */

#define G_LOG_DOMAIN "Initscope"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "isc-figure-views.h"
#include "isc-phase-diagram.h"
#include "isc-settings.h"
#include "isc-sweep-view.h"
#include "isc-workers.h"

#define PROGRESS_MS 100

typedef struct
{
  IscConfig base;
  double    sigmas[ISC_SWEEP_VIEW_N];
  gint      done;  /* atomic: σ finished */
} SweepJob;

struct _IscSweepView
{
  GtkWidget      parent_instance;
  GSettings     *settings;
  GCancellable  *cancellable;
  SweepJob      *job;          /* the running one's (owned by its task) */
  guint          progress_id;
  IscConfig      config;
  IscConfig      swept;        /* the base config of @points or of the running job */
  gboolean       has_swept;
  IscSweepPoint *points;
  double         progress;
  IscSweepMark   marks[2];
  char          *note;
};

enum { PROP_0, PROP_BUSY, PROP_PROGRESS, N_PROPS };
static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (IscSweepView, isc_sweep_view, GTK_TYPE_WIDGET)

static void
sweep_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable);

static void
count_progress (guint    done,
                guint    total,
                gpointer user_data)
{
  SweepJob *job = user_data;

  g_atomic_int_set (&job->done, done);
}

static void
sweep_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  SweepJob *job = task_data;
  IscRunOptions opts = { .max_batch = ISC_SWEEP_VIEW_BATCH, .max_units = ISC_SWEEP_VIEW_UNITS };
  GError *error = NULL;
  IscSweepPoint *p = isc_sweep_run (&job->base, job->sigmas, ISC_SWEEP_VIEW_N, NULL, &opts,
                                    count_progress, job, cancellable, &error);

  if (p == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, p, g_free);
  isc_workers_leave ();
}

static void
set_busy (IscSweepView *self,
          SweepJob     *job)
{
  self->job = job;
  if (job == NULL)
    g_clear_handle_id (&self->progress_id, g_source_remove);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
sweep_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  IscSweepView *self = ISC_SWEEP_VIEW (source);
  g_autoptr(GError) error = NULL;
  IscSweepPoint *p = g_task_propagate_pointer (G_TASK (result), &error);

  if (self->settings == NULL)  /* ended after dispose */
    {
      g_free (p);
      return;
    }
  if (p == NULL)
    {
      /* a cancelled job was replaced (or the view is going): nothing to show */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_warning ("Sweep: %s", error->message);
          set_busy (self, NULL);
        }
      return;
    }
  g_free (self->points);
  self->points = p;
  self->progress = 1.0;
  g_clear_object (&self->cancellable);
  set_busy (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
on_progress_tick (gpointer user_data)
{
  IscSweepView *self = user_data;

  if (self->job == NULL)
    return G_SOURCE_CONTINUE;
  self->progress = g_atomic_int_get (&self->job->done) / (double) ISC_SWEEP_VIEW_N;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
  return G_SOURCE_CONTINUE;
}

static void
start_sweep (IscSweepView *self)
{
  g_autoptr(GTask) task = NULL;
  SweepJob *job = g_new0 (SweepJob, 1);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  isc_sweep_config (&self->config, 1.0, &job->base);
  isc_sweep_log_sigmas (ISC_SWEEP_SIGMA_MIN, ISC_SWEEP_SIGMA_MAX, ISC_SWEEP_VIEW_N,
                        job->sigmas);
  self->swept = job->base;
  self->has_swept = TRUE;
  g_clear_pointer (&self->points, g_free);
  self->progress = 0;
  task = g_task_new (self, self->cancellable, sweep_done, NULL);
  g_task_set_task_data (task, job, g_free);
  set_busy (self, job);
  if (self->progress_id == 0)
    self->progress_id = g_timeout_add (PROGRESS_MS, on_progress_tick, self);
  isc_workers_enter ();
  g_task_run_in_thread (task, sweep_thread);
}

static void
update_marks (IscSweepView *self)
{
  guint n = self->config.width;
  guint units = MIN (n, ISC_SWEEP_VIEW_UNITS), batch = MIN (self->config.batch,
                                                            ISC_SWEEP_VIEW_BATCH);

  /* the scale-free schemes at the σ they give this width (the axis is the full net's σ) */
  /* (Glorot's √(2/(fan_in + fan_out)) is Xavier's at these equal widths: one mark) */
  self->marks[0] = (IscSweepMark) { "Xavier = Glorot", isc_init_sigma (ISC_INIT_XAVIER, 1, n, n) };
  self->marks[1] = (IscSweepMark) { "Kaiming", isc_init_sigma (ISC_INIT_KAIMING, 1, n, n) };
  g_free (self->note);
  /* Translators: under the sweep's title; %s an activation, then depth, width, batch */
  self->note = g_strdup_printf (_("%s, %u layers × %u units; run at a batch of %u × %u units, "
                                  "σ scaled by √(width/units) as the figure's previews"),
                                isc_activation_get_label (self->config.activation),
                                self->config.depth, n, batch, units);
}

static void
on_settings_changed (IscSweepView *self,
                     const char   *key)
{
  IscConfig base;

  isc_settings_get_config (self->settings, &self->config);
  isc_sweep_config (&self->config, 1.0, &base);
  update_marks (self);
  if (!self->has_swept || !isc_config_equal (&base, &self->swept))
    start_sweep (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
fill_figure (IscSweepView   *self,
             IscSweepFigure *fig)
{
  *fig = (IscSweepFigure) {
    .points = self->points,
    .n_done = self->points != NULL ? ISC_SWEEP_VIEW_N : 0,
    .sigma_lo = ISC_SWEEP_SIGMA_MIN,
    .sigma_hi = ISC_SWEEP_SIGMA_MAX,
    .marks = self->marks,
    .n_marks = G_N_ELEMENTS (self->marks),
    .current = self->config.init == ISC_INIT_GAUSSIAN ? self->config.scale : NAN,
    .note = self->note,
  };
}

static void
isc_sweep_view_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  IscSweepView *self = ISC_SWEEP_VIEW (widget);
  double w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  IscSweepFigure fig;
  IscFigureStyle style;
  cairo_t *cr;

  _isc_view_get_style (GTK_WIDGET (self), self->settings, &style);
  fill_figure (self, &fig);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  isc_figure_sweep_draw (cr, &fig, &style, w, h);
  cairo_destroy (cr);
}

gboolean
isc_sweep_view_click (IscSweepView *self,
                      double        x,
                      double        y)
{
  IscSweepFigure fig;
  IscFigureStyle style;
  IscConfig config;
  int i;

  g_return_val_if_fail (ISC_IS_SWEEP_VIEW (self), FALSE);
  _isc_view_get_style (GTK_WIDGET (self), self->settings, &style);
  fill_figure (self, &fig);
  i = isc_figure_sweep_hit (&fig, &style, gtk_widget_get_width (GTK_WIDGET (self)),
                            gtk_widget_get_height (GTK_WIDGET (self)), x, y);
  if (i < 0)
    return FALSE;
  config = self->config;
  config.init = ISC_INIT_GAUSSIAN;
  config.scale = self->points[i].sigma;
  isc_settings_set_config (self->settings, &config,
                           ISC_CONFIG_FIELD_INIT | ISC_CONFIG_FIELD_SCALE);
  return TRUE;
}

gboolean
isc_sweep_view_point_xy (IscSweepView *self,
                         guint         plot,
                         guint         i,
                         double       *x,
                         double       *y)
{
  IscSweepFigure fig;
  IscFigureStyle style;
  cairo_rectangle_t area;

  g_return_val_if_fail (ISC_IS_SWEEP_VIEW (self), FALSE);
  if (self->points == NULL || i >= ISC_SWEEP_VIEW_N || plot >= ISC_SWEEP_N_PLOTS)
    return FALSE;
  _isc_view_get_style (GTK_WIDGET (self), self->settings, &style);
  fill_figure (self, &fig);
  isc_figure_sweep_plot_area (&style, gtk_widget_get_width (GTK_WIDGET (self)),
                              gtk_widget_get_height (GTK_WIDGET (self)), plot, &area);
  *x = isc_figure_sweep_x_of (&fig, &area, self->points[i].sigma);
  *y = area.y + area.height / 2;
  return TRUE;
}

static void
on_released (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             IscSweepView    *self)
{
  isc_sweep_view_click (self, x, y);
}

const IscSweepPoint *
isc_sweep_view_get_points (IscSweepView *self,
                           guint        *n)
{
  g_return_val_if_fail (ISC_IS_SWEEP_VIEW (self), NULL);
  if (n != NULL)
    *n = self->points != NULL ? ISC_SWEEP_VIEW_N : 0;
  return self->points;
}

gboolean
isc_sweep_view_is_busy (IscSweepView *self)
{
  g_return_val_if_fail (ISC_IS_SWEEP_VIEW (self), FALSE);
  return self->job != NULL;
}

double
isc_sweep_view_get_progress (IscSweepView *self)
{
  g_return_val_if_fail (ISC_IS_SWEEP_VIEW (self), 0);
  return self->progress;
}

static void
isc_sweep_view_dispose (GObject *object)
{
  IscSweepView *self = ISC_SWEEP_VIEW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  self->job = NULL;
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (isc_sweep_view_parent_class)->dispose (object);
}

static void
isc_sweep_view_finalize (GObject *object)
{
  IscSweepView *self = ISC_SWEEP_VIEW (object);

  g_free (self->points);
  g_free (self->note);
  G_OBJECT_CLASS (isc_sweep_view_parent_class)->finalize (object);
}

static void
isc_sweep_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  IscSweepView *self = ISC_SWEEP_VIEW (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->job != NULL);
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
isc_sweep_view_class_init (IscSweepViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = isc_sweep_view_dispose;
  object_class->finalize = isc_sweep_view_finalize;
  object_class->get_property = isc_sweep_view_get_property;
  widget_class->snapshot = isc_sweep_view_snapshot;
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, 0, 1, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_css_name (widget_class, "sweepview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
isc_sweep_view_init (IscSweepView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_widget_set_size_request (GTK_WIDGET (self), 560, 400);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  g_signal_connect (click, "released", G_CALLBACK (on_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                            G_CALLBACK (gtk_widget_queue_draw), self);
}

GtkWidget *
isc_sweep_view_new (GSettings *settings)
{
  IscSweepView *self = g_object_new (ISC_TYPE_SWEEP_VIEW, NULL);

  self->settings = g_object_ref (settings);
  g_signal_connect_swapped (settings, "changed", G_CALLBACK (on_settings_changed), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("σ sweep"), -1);
  on_settings_changed (self, NULL);
  return GTK_WIDGET (self);
}

static void
on_progress (IscSweepView   *view,
             GParamSpec     *pspec,
             GtkProgressBar *bar)
{
  gtk_progress_bar_set_fraction (bar, isc_sweep_view_get_progress (view));
  gtk_widget_set_visible (GTK_WIDGET (bar), isc_sweep_view_is_busy (view));
}

GtkWindow *
isc_sweep_view_window_new (GtkWindow *parent,
                           GSettings *settings)
{
  GtkWidget *view = isc_sweep_view_new (settings);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *bar = gtk_progress_bar_new ();
  /* Translators: under the sweep view */
  GtkWidget *hint = gtk_label_new (_("Click a point to set that σ (the gaussian scheme). "
                                     "The gradient is the one reaching layer 1: the last "
                                     "layer's is the loss's own, the same at every σ."));

  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_box_append (GTK_BOX (box), bar);
  gtk_box_append (GTK_BOX (box), hint);
  g_signal_connect_object (view, "notify::progress", G_CALLBACK (on_progress), bar, 0);
  g_signal_connect_object (view, "notify::busy", G_CALLBACK (on_progress), bar, 0);
  on_progress (ISC_SWEEP_VIEW (view), NULL, GTK_PROGRESS_BAR (bar));
  /* Translators: a window's title */
  return _isc_view_window_new (parent, _("Sweep σ"), view, box);
}
