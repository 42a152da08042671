/* isc-phase-diagram.c — the phase diagram widget and its window
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The χ₁ grid (64 × 64 fixed points, 0.1–0.5 s) is computed in a GTask
 * thread and kept per activation; the drawing is isc_figure_phase_draw().
 */

#define G_LOG_DOMAIN "Initscope"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "isc-figure-views.h"
#include "isc-phase-diagram.h"
#include "isc-settings.h"
#include "isc-sweep-view.h"
#include "isc-window.h"
#include "isc-workers.h"

#define GRID_N     64
#define CRIT_N     41

struct _IscPhaseDiagram
{
  GtkWidget     parent_instance;
  GSettings    *settings;
  GHashTable   *grids;        /* activation name → IscPhaseData */
  GCancellable *cancellable;  /* the running job's */
  char         *computing;    /* its activation */
  IscConfig     config;
  double        point_w2;
  double        point_b2;
  double        drag_x;
  double        drag_y;
  char         *description;
  IscPhaseMark  marks[ISC_PHASE_N_LECTURE_MARKS];
};

enum { PROP_0, PROP_DESCRIPTION, PROP_READY, N_PROPS };
static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (IscPhaseDiagram, isc_phase_diagram, GTK_TYPE_WIDGET)

static gboolean
has_key (GSettings  *settings,
         const char *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  return schema != NULL && g_settings_schema_has_key (schema, key);
}

static const char *
activation_name (IscPhaseDiagram *self)
{
  return isc_activation_to_string (self->config.activation);
}

static const IscPhaseData *
current_grid (IscPhaseDiagram *self)
{
  return g_hash_table_lookup (self->grids, activation_name (self));
}

static void
grid_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  IscPhaseData *d = isc_phase_data_compute (task_data, GRID_N, GRID_N, CRIT_N, cancellable,
                                            &error);

  if (d == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, d, (GDestroyNotify) isc_phase_data_free);
  isc_workers_leave ();
}

static void update (IscPhaseDiagram *self);

static void
grid_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  IscPhaseDiagram *self = ISC_PHASE_DIAGRAM (source);
  g_autoptr(GError) error = NULL;
  IscPhaseData *d = g_task_propagate_pointer (G_TASK (result), &error);

  if (d == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Phase diagram: %s", error->message);
      return;
    }
  g_hash_table_replace (self->grids, g_strdup (d->activation), d);
  g_clear_pointer (&self->computing, g_free);
  g_clear_object (&self->cancellable);
  update (self);
}

static void
start_grid (IscPhaseDiagram *self)
{
  g_autoptr(GTask) task = NULL;
  const char *name = activation_name (self);

  if (current_grid (self) != NULL || g_strcmp0 (self->computing, name) == 0)
    return;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_set_object (&self->cancellable, NULL);
  self->cancellable = g_cancellable_new ();
  g_free (self->computing);
  self->computing = g_strdup (name);
  task = g_task_new (self, self->cancellable, grid_done, NULL);
  g_task_set_task_data (task, g_strdup (name), g_free);
  g_task_set_return_on_cancel (task, FALSE);
  isc_workers_enter ();
  g_task_run_in_thread (task, grid_thread);
}

/* The σ the config's weights have, times the gain where there is one. */
static double
config_sigma (IscPhaseDiagram *self)
{
  double s = isc_init_sigma (self->config.init, self->config.scale,
                             self->config.width, self->config.width);

  if (self->config.init != ISC_INIT_GAUSSIAN && has_key (self->settings, "gain"))
    s *= g_settings_get_double (self->settings, "gain");
  return s;
}

static void
set_description (IscPhaseDiagram *self,
                 char            *text)
{
  if (g_strcmp0 (text, self->description) == 0)
    {
      g_free (text);
      return;
    }
  g_free (self->description);
  self->description = text;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

static void
update (IscPhaseDiagram *self)
{
  double s;
  gboolean ready;
  char *text;

  if (self->settings == NULL)  /* a job that ended after dispose */
    return;
  isc_settings_get_config (self->settings, &self->config);
  start_grid (self);
  isc_phase_lecture_marks (self->config.width, self->marks);
  s = config_sigma (self);
  self->point_w2 = self->config.width * s * s;
  self->point_b2 = 0;
  if (has_key (self->settings, "bias-scale"))
    self->point_b2 = pow (g_settings_get_double (self->settings, "bias-scale"), 2);
  ready = current_grid (self) != NULL;
  if (self->config.init == ISC_INIT_CONSTANT)
    /* Translators: the phase diagram's line when the theory does not apply */
    text = g_strdup (_("Constant weights: the mean-field theory does not apply"));
  else if (self->config.norm != ISC_NORM_NONE)
    /* Translators: the phase diagram's line when the theory does not apply */
    text = g_strdup (_("With normalization the mean-field theory does not apply: "
                       "the diagram is the net without it"));
  else
    text = isc_figure_phase_describe (activation_name (self), self->point_w2, self->point_b2);
  if (!ready)
    {
      char *t = g_strdup_printf ("%s — %s", text, _("computing χ₁…"));

      g_free (text);
      text = t;
    }
  set_description (self, text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_settings_changed (IscPhaseDiagram *self,
                     const char      *key)
{
  update (self);
}

static void
isc_phase_diagram_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  IscPhaseDiagram *self = ISC_PHASE_DIAGRAM (widget);
  double w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  IscPhaseView view = {
    .data = current_grid (self),
    .marks = self->marks,
    .n_marks = ISC_PHASE_N_LECTURE_MARKS,
    .point_w2 = self->point_w2,
    .point_b2 = self->point_b2,
  };
  IscFigureStyle style;
  cairo_t *cr;

  _isc_view_get_style (GTK_WIDGET (self), self->settings, &style);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  isc_figure_phase_draw (cr, &view, &style, w, h);
  cairo_destroy (cr);
}

static void
plot_area (IscPhaseDiagram   *self,
           cairo_rectangle_t *area)
{
  IscFigureStyle style;

  _isc_view_get_style (GTK_WIDGET (self), self->settings, &style);
  isc_figure_phase_plot_area (&style, gtk_widget_get_width (GTK_WIDGET (self)),
                              gtk_widget_get_height (GTK_WIDGET (self)), area);
}

/* A drag sets σ: the gaussian scale, or the gain of a scale-free scheme where
 * the gain key exists (without it the init switches to gaussian, which is the
 * only scheme whose σ a setting holds); and the bias where its key exists. */
void
isc_phase_diagram_drag_to (IscPhaseDiagram *self,
                           double           x,
                           double           y)
{
  cairo_rectangle_t area;
  double w2, b2, sigma;
  gboolean gain = has_key (self->settings, "gain");

  g_return_if_fail (ISC_IS_PHASE_DIAGRAM (self));
  plot_area (self, &area);
  isc_figure_phase_from_xy (&area, x, y, &w2, &b2);
  sigma = CLAMP (sqrt (w2 / self->config.width), ISC_SWEEP_SIGMA_MIN, ISC_SWEEP_SIGMA_MAX);
  g_settings_delay (self->settings);
  if (self->config.init == ISC_INIT_GAUSSIAN || self->config.init == ISC_INIT_ZERO
      || self->config.init == ISC_INIT_CONSTANT || !gain)
    {
      g_settings_set_string (self->settings, "init", isc_init_to_string (ISC_INIT_GAUSSIAN));
      g_settings_set_double (self->settings, "scale", sigma);
    }
  else
    {
      double unit = isc_init_sigma (self->config.init, 1.0, self->config.width,
                                    self->config.width);

      g_settings_set_double (self->settings, "gain", sigma / unit);
    }
  if (has_key (self->settings, "bias-scale"))
    g_settings_set_double (self->settings, "bias-scale", sqrt (b2));
  g_settings_apply (self->settings);
}

static void
on_drag_begin (GtkGestureDrag  *gesture,
               double           x,
               double           y,
               IscPhaseDiagram *self)
{
  self->drag_x = x;
  self->drag_y = y;
  isc_phase_diagram_drag_to (self, x, y);
}

static void
on_drag_update (GtkGestureDrag  *gesture,
                double           dx,
                double           dy,
                IscPhaseDiagram *self)
{
  isc_phase_diagram_drag_to (self, self->drag_x + dx, self->drag_y + dy);
}

gboolean
isc_phase_diagram_get_point (IscPhaseDiagram *self,
                             double          *x,
                             double          *y)
{
  cairo_rectangle_t area;

  g_return_val_if_fail (ISC_IS_PHASE_DIAGRAM (self), FALSE);
  if (!(self->point_w2 > 0))
    return FALSE;
  plot_area (self, &area);
  isc_figure_phase_to_xy (&area, self->point_w2, self->point_b2, x, y);
  return TRUE;
}

const char *
isc_phase_diagram_get_description (IscPhaseDiagram *self)
{
  g_return_val_if_fail (ISC_IS_PHASE_DIAGRAM (self), NULL);
  return self->description;
}

gboolean
isc_phase_diagram_is_ready (IscPhaseDiagram *self)
{
  g_return_val_if_fail (ISC_IS_PHASE_DIAGRAM (self), FALSE);
  return current_grid (self) != NULL;
}

static void
on_dark_changed (IscPhaseDiagram *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
isc_phase_diagram_dispose (GObject *object)
{
  IscPhaseDiagram *self = ISC_PHASE_DIAGRAM (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (isc_phase_diagram_parent_class)->dispose (object);
}

static void
isc_phase_diagram_finalize (GObject *object)
{
  IscPhaseDiagram *self = ISC_PHASE_DIAGRAM (object);

  g_hash_table_unref (self->grids);
  g_free (self->computing);
  g_free (self->description);
  G_OBJECT_CLASS (isc_phase_diagram_parent_class)->finalize (object);
}

static void
isc_phase_diagram_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  IscPhaseDiagram *self = ISC_PHASE_DIAGRAM (object);

  switch (prop_id)
    {
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_READY:
      g_value_set_boolean (value, isc_phase_diagram_is_ready (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
isc_phase_diagram_class_init (IscPhaseDiagramClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = isc_phase_diagram_dispose;
  object_class->finalize = isc_phase_diagram_finalize;
  object_class->get_property = isc_phase_diagram_get_property;
  widget_class->snapshot = isc_phase_diagram_snapshot;
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_css_name (widget_class, "phasediagram");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
isc_phase_diagram_init (IscPhaseDiagram *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  self->grids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) isc_phase_data_free);
  self->point_w2 = NAN;
  gtk_widget_set_size_request (GTK_WIDGET (self), 480, 320);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                            G_CALLBACK (on_dark_changed), self);
}

GtkWidget *
isc_phase_diagram_new (GSettings *settings)
{
  IscPhaseDiagram *self = g_object_new (ISC_TYPE_PHASE_DIAGRAM, NULL);

  self->settings = g_object_ref (settings);
  g_signal_connect_swapped (settings, "changed", G_CALLBACK (on_settings_changed), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Phase diagram"), -1);
  update (self);
  return GTK_WIDGET (self);
}

static void
on_description (IscPhaseDiagram *diagram,
                GParamSpec      *pspec,
                GtkLabel        *label)
{
  gtk_label_set_text (label, isc_phase_diagram_get_description (diagram));
}

/* A view's window: a header bar, the view, a line of words under it. */
void
_isc_view_get_style (GtkWidget      *view,
                     GSettings      *settings,
                     IscFigureStyle *style)
{
  GdkRGBA color;

  if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
    isc_figure_style_init_dark (style);
  else
    isc_figure_style_init_light (style);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (view), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  style->foreground = (IscColor) { color.red, color.green, color.blue, color.alpha };
  if (has_key (settings, "text-scale"))
    style->text_scale = g_settings_get_double (settings, "text-scale");
}

GtkWindow *
_isc_view_window_new (GtkWindow  *parent,
                      const char *title,
                      GtkWidget  *view,
                      GtkWidget  *footer)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkEventController *shortcuts;

  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 820, 600);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), view);
  gtk_widget_set_margin_start (footer, 12);
  gtk_widget_set_margin_end (footer, 12);
  gtk_widget_set_margin_top (footer, 6);
  gtk_widget_set_margin_bottom (footer, 12);
  gtk_box_append (GTK_BOX (box), footer);
  adw_window_set_content (ADW_WINDOW (window), box);
  /* Escape closes it, as a dialog */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape,
                                                                                  0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, shortcuts);
  return GTK_WINDOW (window);
}

GtkWindow *
isc_phase_diagram_window_new (GtkWindow *parent,
                              GSettings *settings)
{
  GtkWidget *diagram = isc_phase_diagram_new (settings);
  GtkWidget *label = gtk_label_new (isc_phase_diagram_get_description (
                                      ISC_PHASE_DIAGRAM (diagram)));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *hint;

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  g_signal_connect_object (diagram, "notify::description", G_CALLBACK (on_description), label,
                           0);
  hint = gtk_label_new (has_key (settings, "bias-scale")
                        /* Translators: under the phase diagram */
                        ? _("Drag the green point to set σ (across) and the bias (up).")
                        /* Translators: under the phase diagram, before the bias setting exists */
                        : _("Drag the green point across to set σ; a scale-free scheme "
                            "becomes gaussian at that σ. This version has no bias setting: "
                            "σ_b² stays 0, the lecture's."));
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), hint);
  /* Translators: a window's title */
  return _isc_view_window_new (parent, _("Phase Diagram"), diagram, box);
}

static void
on_view_destroy (GtkWidget *window,
                 GtkWidget *parent)
{
  g_object_set_data (G_OBJECT (parent), g_object_get_data (G_OBJECT (window), "isc-view-key"),
                     NULL);
}

/* One window of each view per main window: asking again presents it. */
static void
show_view (GtkWidget  *widget,
           const char *key,
           GtkWindow *(*make) (GtkWindow *, GSettings *))
{
  GtkWindow *window = g_object_get_data (G_OBJECT (widget), key);

  if (window == NULL)
    {
      window = make (GTK_WINDOW (widget), isc_window_get_settings (ISC_WINDOW (widget)));
      g_object_set_data (G_OBJECT (window), "isc-view-key", (gpointer) key);
      g_object_set_data (G_OBJECT (widget), key, window);
      g_signal_connect_object (window, "destroy", G_CALLBACK (on_view_destroy), widget, 0);
    }
  gtk_window_present (window);
}

static void
phase_diagram_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  show_view (widget, "isc-phase-diagram", isc_phase_diagram_window_new);
}

static void
sweep_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  show_view (widget, "isc-sweep-view", isc_sweep_view_window_new);
}

void
isc_views_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.phase-diagram", NULL,
                                   phase_diagram_action);
  gtk_widget_class_install_action (widget_class, "win.sweep", NULL, sweep_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK,
                                       "win.phase-diagram", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_D,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.sweep", NULL);
}
