/* isc-histogram-view.c
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "isc-histogram-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "isc-diagnosis.h"
#include "isc-histogram-view.h"

struct _IscHistogramView
{
  GtkWidget       parent_instance;

  IscResult      *result;
  IscResult      *reference;  /* a pinned result drawn behind, or NULL */
  IscFigureStyle  style;  /* its text_scale is the text-scale property */

  /* The figure drawn once, at the size and scale factor below: a slider
   * being dragged repaints the window every frame, and a software GL
   * renderer (llvmpipe) re-rasterizing a Cairo node each time takes the CPU
   * the worker needs. A texture composites cheaply. NULL: draw it again. */
  GdkTexture     *texture;
  int             texture_width;
  int             texture_height;
  int             texture_scale;
  guint           n_renders;

  /* the lesson's hook (isc-lesson-panel.c): what to frame, and the projector palette */
  int             highlight;
  gboolean        projector;
};

G_DEFINE_FINAL_TYPE (IscHistogramView, isc_histogram_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_RESULT,
  PROP_TEXT_SCALE,
  PROP_VIEW,
  PROP_RANGE,
  PROP_THEORY,
  N_PROPS
};

/* The `range` property's names: "auto" is the view's own default. */
static const char * const range_names[] = { "auto", "shared", "per-layer", "symlog", NULL };

static GParamSpec *properties[N_PROPS];

static void isc_histogram_view_update_description (IscHistogramView *self);

/* The figure changed: draw it again at the next snapshot. */
static void
isc_histogram_view_invalidate (IscHistogramView *self)
{
  g_clear_object (&self->texture);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The figure's light or dark palette, with the text in the theme's own
 * foreground colour and the background left to the widget's CSS. Redraws
 * only when that changed: focus and backdrop restyle the widget too. */
static void
isc_histogram_view_update_style (IscHistogramView *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  IscFigureStyle style;
  GtkStyleContext *context;
  GdkRGBA color;

  if (self->projector)
    isc_figure_style_init_projector (&style);
  else if (adw_style_manager_get_dark (manager))
    isc_figure_style_init_dark (&style);
  else
    isc_figure_style_init_light (&style);

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  context = gtk_widget_get_style_context (GTK_WIDGET (self));
  gtk_style_context_get_color (context, &color);
  G_GNUC_END_IGNORE_DEPRECATIONS

  /* the projector's white and black are its own, whatever the theme */
  if (!self->projector)
    {
      style.foreground = (IscColor) { color.red, color.green, color.blue, color.alpha };
      style.background.alpha = 0.0;
    }
  style.text_scale = self->style.text_scale;
  style.view = self->style.view;
  style.range = self->style.range;
  style.theory_on = self->style.theory_on;
  style.reference = self->style.reference;
  style.highlight = self->highlight;

  if (isc_figure_style_equal (&style, &self->style))
    return;

  self->style = style;
  isc_histogram_view_invalidate (self);
}

static void
isc_histogram_view_update_description (IscHistogramView *self)
{
  g_autofree char *description = NULL;

  if (self->result != NULL)
    {
      g_autofree char *config = isc_config_describe (isc_result_get_config (self->result));

      g_autofree char *diagnosis = NULL;
      g_autofree char *layers = isc_diagnosis_describe_layers (self->result, self->style.view);
      g_autofree char *what = NULL;

      isc_diagnosis_compute (self->result, &diagnosis);
      if (self->style.view == ISC_VIEW_GRADIENTS)
        /* Translators: %s describes the network, e.g. "Xavier · Tanh · 10 layers × 500 · …" */
        what = g_strdup_printf (_("Gradient histograms of every layer: %s"), config);
      else if (self->style.view == ISC_VIEW_WEIGHT_GRADIENTS)
        /* Translators: %s describes the network, e.g. "Xavier · Tanh · 10 layers × 500 · …" */
        what = g_strdup_printf (_("Weight gradient histograms of every layer: %s"), config);
      else
        /* Translators: %s describes the network, e.g. "Xavier · Tanh · 10 layers × 500 · …" */
        what = g_strdup_printf (_("Activation histograms of every layer: %s"), config);
      /* the figure in words, then layer by layer, for a screen reader */
      description = g_strdup_printf ("%s. %s.\n%s", what, diagnosis, layers);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description ? description : _("No figure yet"),
                                  -1);
}

/* Draws the figure into device pixels (the widget's size × its integer
 * scale factor, so it stays crisp on HiDPI) with the one renderer. */
static GdkTexture *
isc_histogram_view_render (IscHistogramView *self,
                           int               width,
                           int               height,
                           int               scale)
{
  g_autoptr(GBytes) bytes = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale, height * scale);
  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  isc_figure_draw (cr, self->result, &self->style, width, height);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* Cairo's ARGB32 is GDK_MEMORY_DEFAULT: premultiplied, native-endian. The
   * texture keeps the surface's pixels, no copy. */
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) cairo_image_surface_get_stride (surface) *
                                      height * scale,
                                      (GDestroyNotify) cairo_surface_destroy, surface);
  self->texture = gdk_memory_texture_new (width * scale, height * scale, GDK_MEMORY_DEFAULT,
                                          bytes, cairo_image_surface_get_stride (surface));
  self->texture_width = width;
  self->texture_height = height;
  self->texture_scale = scale;
  return self->texture;
}

static void
isc_histogram_view_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  IscHistogramView *self = ISC_HISTOGRAM_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int scale = gtk_widget_get_scale_factor (widget);

  if (width <= 0 || height <= 0)
    return;

  if (self->texture == NULL || self->texture_width != width ||
      self->texture_height != height || self->texture_scale != scale)
    {
      g_clear_object (&self->texture);
      isc_histogram_view_render (self, width, height, scale);
      self->n_renders++;
    }
  gtk_snapshot_append_texture (snapshot, self->texture,
                               &GRAPHENE_RECT_INIT (0, 0, width, height));
}

static void
isc_histogram_view_css_changed (GtkWidget         *widget,
                                GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (isc_histogram_view_parent_class)->css_changed (widget, change);
  isc_histogram_view_update_style (ISC_HISTOGRAM_VIEW (widget));
}

static void
isc_histogram_view_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  /* Small enough for a narrow window, big enough to read. */
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 240 : 180;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 800 : 600;
}

static void
on_dark_changed (IscHistogramView *self)
{
  isc_histogram_view_update_style (self);
}

static void
on_pressed (GtkGestureClick  *gesture,
            int               n_press,
            double            x,
            double            y,
            IscHistogramView *self)
{
  /* Clicking the figure focuses it, so Ctrl+C copies it. */
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
isc_histogram_view_dispose (GObject *object)
{
  IscHistogramView *self = ISC_HISTOGRAM_VIEW (object);

  g_signal_handlers_disconnect_by_func (adw_style_manager_get_default (), on_dark_changed, self);
  self->style.reference = NULL;
  g_clear_pointer (&self->reference, isc_result_unref);
  g_clear_pointer (&self->result, isc_result_unref);
  g_clear_object (&self->texture);

  G_OBJECT_CLASS (isc_histogram_view_parent_class)->dispose (object);
}

static void
isc_histogram_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  IscHistogramView *self = ISC_HISTOGRAM_VIEW (object);

  switch (prop_id)
    {
    case PROP_RESULT:
      g_value_set_boxed (value, self->result);
      break;
    case PROP_TEXT_SCALE:
      g_value_set_double (value, self->style.text_scale);
      break;
    case PROP_VIEW:
      g_value_set_string (value, isc_view_to_string (self->style.view));
      break;
    case PROP_RANGE:
      g_value_set_string (value, range_names[self->style.range + 1]);
      break;
    case PROP_THEORY:
      g_value_set_boolean (value, self->style.theory_on);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_view_name (IscHistogramView *self,
               const char       *name)
{
  IscView view = ISC_VIEW_ACTIVATIONS;

  if (name != NULL && !isc_view_from_string (name, &view, NULL))
    g_warning ("Unknown view “%s”", name);
  isc_histogram_view_set_view (self, view);
}

static void
set_range_name (IscHistogramView *self,
                const char       *name)
{
  int range = ISC_FIGURE_RANGE_AUTO;

  for (guint i = 0; name != NULL && range_names[i] != NULL; i++)
    if (g_str_equal (name, range_names[i]))
      range = (int) i - 1;
  if (range == self->style.range)
    return;
  self->style.range = range;
  isc_histogram_view_invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RANGE]);
}

static void
isc_histogram_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  IscHistogramView *self = ISC_HISTOGRAM_VIEW (object);

  switch (prop_id)
    {
    case PROP_RESULT:
      isc_histogram_view_set_result (self, g_value_get_boxed (value));
      break;
    case PROP_TEXT_SCALE:
      isc_histogram_view_set_text_scale (self, g_value_get_double (value));
      break;
    case PROP_VIEW:
      set_view_name (self, g_value_get_string (value));
      break;
    case PROP_RANGE:
      set_range_name (self, g_value_get_string (value));
      break;
    case PROP_THEORY:
      isc_histogram_view_set_theory (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
isc_histogram_view_class_init (IscHistogramViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = isc_histogram_view_dispose;
  object_class->get_property = isc_histogram_view_get_property;
  object_class->set_property = isc_histogram_view_set_property;

  widget_class->snapshot = isc_histogram_view_snapshot;
  widget_class->css_changed = isc_histogram_view_css_changed;
  widget_class->measure = isc_histogram_view_measure;

  properties[PROP_RESULT] =
    g_param_spec_boxed ("result", NULL, NULL,
                        ISC_TYPE_RESULT,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_TEXT_SCALE] =
    g_param_spec_double ("text-scale", NULL, NULL,
                         0.25, 4.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* What is drawn: "activations", "gradients" or "weight-gradients"; a
   * result without the view draws the activations. */
  properties[PROP_VIEW] =
    g_param_spec_string ("view", NULL, NULL, "activations",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* "auto" (the view's default), "shared", "per-layer" or "symlog" */
  properties[PROP_RANGE] =
    g_param_spec_string ("range", NULL, NULL, "auto",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The mean-field prediction over the measurement. */
  properties[PROP_THEORY] =
    g_param_spec_boolean ("theory", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "histogramview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
isc_histogram_view_init (IscHistogramView *self)
{
  GtkGesture *click;

  self->style.text_scale = 1.0;
  self->style.view = ISC_VIEW_ACTIVATIONS;
  self->style.range = ISC_FIGURE_RANGE_AUTO;
  self->style.theory_on = FALSE;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Figure"),
                                  -1);
  isc_histogram_view_update_description (self);

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                            G_CALLBACK (on_dark_changed), self);
  isc_histogram_view_update_style (self);
}

/**
 * isc_histogram_view_get_result:
 *
 * Returns: (transfer none) (nullable): the result on show
 */
IscResult *
isc_histogram_view_get_result (IscHistogramView *self)
{
  g_return_val_if_fail (ISC_IS_HISTOGRAM_VIEW (self), NULL);
  return self->result;
}

void
isc_histogram_view_set_result (IscHistogramView *self,
                               IscResult        *result)
{
  g_return_if_fail (ISC_IS_HISTOGRAM_VIEW (self));

  if (self->result == result)
    return;

  g_clear_pointer (&self->result, isc_result_unref);
  self->result = result ? isc_result_ref (result) : NULL;

  isc_histogram_view_update_description (self);
  isc_histogram_view_invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT]);
}

double
isc_histogram_view_get_text_scale (IscHistogramView *self)
{
  g_return_val_if_fail (ISC_IS_HISTOGRAM_VIEW (self), 1.0);
  return self->style.text_scale;
}

void
isc_histogram_view_set_text_scale (IscHistogramView *self,
                                   double            text_scale)
{
  g_return_if_fail (ISC_IS_HISTOGRAM_VIEW (self));

  text_scale = CLAMP (text_scale, 0.25, 4.0);
  if (self->style.text_scale == text_scale)
    return;

  self->style.text_scale = text_scale;
  isc_histogram_view_invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT_SCALE]);
}

void
isc_histogram_view_set_view (IscHistogramView *self,
                             IscView           view)
{
  g_return_if_fail (ISC_IS_HISTOGRAM_VIEW (self));
  g_return_if_fail (view < ISC_N_VIEWS);

  if (self->style.view == view)
    return;
  self->style.view = view;
  isc_histogram_view_update_description (self);
  isc_histogram_view_invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

void
isc_histogram_view_set_theory (IscHistogramView *self,
                               gboolean          theory)
{
  g_return_if_fail (ISC_IS_HISTOGRAM_VIEW (self));

  if (self->style.theory_on == !!theory)
    return;
  self->style.theory_on = !!theory;
  isc_histogram_view_invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THEORY]);
}

/**
 * isc_histogram_view_get_reference:
 *
 * Returns: (transfer none) (nullable): the pinned result drawn behind
 */
IscResult *
isc_histogram_view_get_reference (IscHistogramView *self)
{
  g_return_val_if_fail (ISC_IS_HISTOGRAM_VIEW (self), NULL);
  return self->reference;
}

void
isc_histogram_view_set_reference (IscHistogramView *self,
                                  IscResult        *reference)
{
  g_return_if_fail (ISC_IS_HISTOGRAM_VIEW (self));

  if (self->reference == reference)
    return;
  g_clear_pointer (&self->reference, isc_result_unref);
  self->reference = reference ? isc_result_ref (reference) : NULL;
  /* not owned by the style: the view keeps it alive */
  self->style.reference = self->reference;
  isc_histogram_view_invalidate (self);
}

/**
 * isc_histogram_view_get_style:
 *
 * Returns: (transfer none): the style the figure is drawn in; for tests
 */
const IscFigureStyle *
isc_histogram_view_get_style (IscHistogramView *self)
{
  g_return_val_if_fail (ISC_IS_HISTOGRAM_VIEW (self), NULL);
  return &self->style;
}

/**
 * isc_histogram_view_get_n_renders:
 *
 * Returns: how many times the figure was drawn into a new texture (a new
 * result, style, text size, widget size or scale factor); for tests
 */
guint
isc_histogram_view_get_n_renders (IscHistogramView *self)
{
  g_return_val_if_fail (ISC_IS_HISTOGRAM_VIEW (self), 0);
  return self->n_renders;
}

/* The lesson's hook: frame @highlight (an ISC_FIGURE_HIGHLIGHT_… value) and draw in the
 * projector palette or the theme's. */
void
isc_histogram_view_set_lesson_style (IscHistogramView *self,
                                     int               highlight,
                                     gboolean          projector)
{
  g_return_if_fail (ISC_IS_HISTOGRAM_VIEW (self));

  self->highlight = highlight;
  self->projector = !!projector;
  isc_histogram_view_update_style (self);
}
