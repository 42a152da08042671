/* isc-slider-row.c
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row for one settings key: the spin button takes any value of the key
 * (its bounds come from the key's <range>, its digits from its type), the
 * optional slider runs over a linear or log axis with marks. Both are bound
 * to the key, so the CLI, presets and the row all go through GSettings.
 */

#define G_LOG_DOMAIN "isc-slider-row"

#include "config.h"

#include <math.h>

#include "isc-slider-row.h"

struct _IscSliderRow
{
  AdwPreferencesRow  parent_instance;

  char              *key;
  IscSliderAxis      axis;
  double             slider_lower;   /* in the key's units; 0: the key's minimum */
  double             slider_upper;   /* 0: the key's maximum */
  double             page_increment;
  double             key_min;
  double             key_max;
  gboolean           is_double;      /* a "d" key, else an integer one */
  gboolean           dragging;

  /* Template widgets */
  GtkLabel          *label;
  GtkLabel          *subtitle;
  GtkSpinButton     *spin;
  GtkScale          *slider;
};

G_DEFINE_ENUM_TYPE (IscSliderAxis, isc_slider_axis,
                    G_DEFINE_ENUM_VALUE (ISC_SLIDER_AXIS_NONE, "none"),
                    G_DEFINE_ENUM_VALUE (ISC_SLIDER_AXIS_LINEAR, "linear"),
                    G_DEFINE_ENUM_VALUE (ISC_SLIDER_AXIS_LOG10, "log10"),
                    G_DEFINE_ENUM_VALUE (ISC_SLIDER_AXIS_LOG2, "log2"))

G_DEFINE_FINAL_TYPE (IscSliderRow, isc_slider_row, ADW_TYPE_PREFERENCES_ROW)

enum {
  PROP_0,
  PROP_LABEL,
  PROP_SUBTITLE,
  PROP_KEY,
  PROP_AXIS,
  PROP_SLIDER_LOWER,
  PROP_SLIDER_UPPER,
  PROP_PAGE_INCREMENT,
  PROP_WIDTH_CHARS,
  PROP_SPIN_TOOLTIP,
  PROP_DRAGGING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------ */
/* The slider's axis                                                        */

static double
to_axis (IscSliderRow *self,
         double        value)
{
  switch (self->axis)
    {
    case ISC_SLIDER_AXIS_LOG10:
      return log10 (value);
    case ISC_SLIDER_AXIS_LOG2:
      return log2 (value);
    default:
      return value;
    }
}

static double
from_axis (IscSliderRow *self,
           double        position)
{
  switch (self->axis)
    {
    case ISC_SLIDER_AXIS_LOG10:
      return pow (10.0, position);
    case ISC_SLIDER_AXIS_LOG2:
      return exp2 (position);
    default:
      return position;
    }
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
axis_get_mapping (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  IscSliderRow *self = user_data;
  double v = self->is_double ? g_variant_get_double (variant) : g_variant_get_int32 (variant);

  g_value_set_double (value, to_axis (self, CLAMP (v, self->slider_lower, self->slider_upper)));
  return TRUE;
}

static GVariant *
axis_set_mapping (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  IscSliderRow *self = user_data;
  double v = from_axis (self, g_value_get_double (value));

  if (self->is_double)
    return g_variant_new_double (CLAMP (round_significant (v, 3), self->key_min, self->key_max));
  return g_variant_new_int32 ((gint32) CLAMP (round (v), self->key_min, self->key_max));
}

/* ------------------------------------------------------------------------ */
/* A double key's spin button shows its exact value                         */

static gboolean
on_spin_output (GtkSpinButton *spin,
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
on_spin_input (GtkSpinButton *spin,
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

/* A double's arrows step by a tenth of the value's decade (0.01 → 0.011);
 * a log slider tells screen readers the value, not its logarithm. */
static void
on_value_changed (GtkAdjustment *adjustment,
                  IscSliderRow  *self)
{
  double value = gtk_adjustment_get_value (adjustment);
  char text[64];

  if (self->is_double)
    {
      double step = value > 0.0 ? pow (10.0, floor (log10 (value)) - 1.0) : 1e-4;

      gtk_adjustment_set_step_increment (adjustment, step);
      gtk_adjustment_set_page_increment (adjustment, step * 10.0);
    }
  if (self->axis == ISC_SLIDER_AXIS_LOG10 || self->axis == ISC_SLIDER_AXIS_LOG2)
    {
      g_snprintf (text, sizeof text, self->is_double ? "%.6g" : "%.0f", value);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->slider),
                                      GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                      -1);
    }
}

/* ------------------------------------------------------------------------ */
/* Dragging                                                                 */

static void
set_dragging (IscSliderRow *self,
              gboolean      dragging)
{
  if (self->dragging == dragging)
    return;
  self->dragging = dragging;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRAGGING]);
}

static gboolean
on_slider_event (GtkEventControllerLegacy *controller,
                 GdkEvent                 *event,
                 IscSliderRow             *self)
{
  switch ((int) gdk_event_get_event_type (event))
    {
    case GDK_BUTTON_PRESS:
    case GDK_TOUCH_BEGIN:
      set_dragging (self, TRUE);
      break;
    case GDK_BUTTON_RELEASE:
    case GDK_TOUCH_END:
    case GDK_TOUCH_CANCEL:
      set_dragging (self, FALSE);
      break;
    default:
      break;
    }
  return GDK_EVENT_PROPAGATE;
}

/* ------------------------------------------------------------------------ */
/* Binding                                                                  */

/* The key's type and its <range> (a key without one takes its type's). */
static void
read_key (IscSliderRow *self,
          GSettings    *settings)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) key = NULL;
  g_autoptr(GVariant) range = NULL;
  g_autoptr(GVariant) bounds = NULL;
  const char *kind;

  g_object_get (settings, "settings-schema", &schema, NULL);
  key = g_settings_schema_get_key (schema, self->key);
  self->is_double = g_variant_type_equal (g_settings_schema_key_get_value_type (key),
                                          G_VARIANT_TYPE_DOUBLE);
  g_assert (self->is_double ||
            g_variant_type_equal (g_settings_schema_key_get_value_type (key),
                                  G_VARIANT_TYPE_INT32));

  range = g_settings_schema_key_get_range (key);
  g_variant_get (range, "(&sv)", &kind, &bounds);
  if (g_str_equal (kind, "range") && self->is_double)
    g_variant_get (bounds, "(dd)", &self->key_min, &self->key_max);
  else if (g_str_equal (kind, "range"))
    {
      gint32 lo, hi;

      g_variant_get (bounds, "(ii)", &lo, &hi);
      self->key_min = lo;
      self->key_max = hi;
    }
  else
    {
      self->key_min = self->is_double ? -G_MAXDOUBLE : G_MININT32;
      self->key_max = self->is_double ? G_MAXDOUBLE : G_MAXINT32;
    }
}

static void
bind_slider (IscSliderRow  *self,
             GSettings     *settings,
             GtkAdjustment *spin_adjustment)
{
  GtkAdjustment *adjustment;
  GtkEventController *controller;

  if (self->slider_lower == 0.0 && self->slider_upper == 0.0)
    {
      self->slider_lower = self->key_min;
      self->slider_upper = self->key_max;
    }

  if (self->axis == ISC_SLIDER_AXIS_LINEAR)
    {
      /* one adjustment for both */
      gtk_range_set_adjustment (GTK_RANGE (self->slider), spin_adjustment);
      gtk_range_set_round_digits (GTK_RANGE (self->slider), self->is_double ? -1 : 0);
    }
  else
    {
      double lo = to_axis (self, self->slider_lower);
      double hi = to_axis (self, self->slider_upper);

      g_return_if_fail (self->slider_lower > 0.0 && hi > lo);
      adjustment = gtk_adjustment_new (lo, lo, hi, (hi - lo) / 500.0, (hi - lo) / 50.0, 0.0);
      gtk_range_set_adjustment (GTK_RANGE (self->slider), adjustment);
      g_settings_bind_with_mapping (settings, self->key, adjustment, "value",
                                    G_SETTINGS_BIND_DEFAULT,
                                    axis_get_mapping, axis_set_mapping, self, NULL);
    }

  controller = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "event", G_CALLBACK (on_slider_event), self);
  gtk_widget_add_controller (GTK_WIDGET (self->slider), controller);
  gtk_widget_set_visible (GTK_WIDGET (self->slider), TRUE);
}

/**
 * isc_slider_row_bind:
 * @self: a row whose "key" is set
 * @settings: the settings holding the key
 *
 * Sets the spin button's bounds from the key's range and binds it, and the
 * slider if the row has one, to the key. Call once.
 */
void
isc_slider_row_bind (IscSliderRow *self,
                     GSettings    *settings)
{
  GtkAdjustment *adjustment;

  g_return_if_fail (ISC_IS_SLIDER_ROW (self));
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (self->key != NULL);

  read_key (self, settings);

  adjustment = gtk_adjustment_new (self->key_min, self->key_min, self->key_max,
                                   1.0, self->page_increment, 0.0);
  gtk_spin_button_set_adjustment (self->spin, adjustment);
  if (self->is_double)
    {
      gtk_spin_button_set_digits (self->spin, 6);
      g_signal_connect (self->spin, "output", G_CALLBACK (on_spin_output), NULL);
      g_signal_connect (self->spin, "input", G_CALLBACK (on_spin_input), NULL);
    }
  else
    {
      gtk_spin_button_set_digits (self->spin, 0);
      gtk_spin_button_set_numeric (self->spin, TRUE);
    }
  g_signal_connect (adjustment, "value-changed", G_CALLBACK (on_value_changed), self);
  g_settings_bind (settings, self->key, adjustment, "value", G_SETTINGS_BIND_DEFAULT);

  if (self->axis != ISC_SLIDER_AXIS_NONE)
    bind_slider (self, settings, adjustment);
  on_value_changed (adjustment, self);
}

/**
 * isc_slider_row_add_mark:
 * @value: in the key's units (not the slider's log)
 * @label: (nullable): shown under the mark
 */
void
isc_slider_row_add_mark (IscSliderRow *self,
                         double        value,
                         const char   *label)
{
  g_return_if_fail (ISC_IS_SLIDER_ROW (self));
  g_return_if_fail (self->axis != ISC_SLIDER_AXIS_NONE);

  gtk_scale_add_mark (self->slider, to_axis (self, value), GTK_POS_BOTTOM, label);
}

GtkSpinButton *
isc_slider_row_get_spin_button (IscSliderRow *self)
{
  g_return_val_if_fail (ISC_IS_SLIDER_ROW (self), NULL);
  return self->spin;
}

GtkScale *
isc_slider_row_get_scale (IscSliderRow *self)
{
  g_return_val_if_fail (ISC_IS_SLIDER_ROW (self), NULL);
  return self->slider;
}

/* TRUE while the slider is held: requests then get a preview first. */
gboolean
isc_slider_row_get_dragging (IscSliderRow *self)
{
  g_return_val_if_fail (ISC_IS_SLIDER_ROW (self), FALSE);
  return self->dragging;
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */

static void
set_double_property (IscSliderRow *self,
                     double       *field,
                     double        value,
                     guint         prop_id)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
isc_slider_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  IscSliderRow *self = ISC_SLIDER_ROW (object);
  const char *text;

  switch (prop_id)
    {
    case PROP_LABEL:
      gtk_label_set_label (self->label, g_value_get_string (value));
      break;
    case PROP_SUBTITLE:
      text = g_value_get_string (value);
      gtk_label_set_label (self->subtitle, text);
      gtk_widget_set_visible (GTK_WIDGET (self->subtitle), text != NULL && *text != '\0');
      break;
    case PROP_KEY:
      g_free (self->key);
      self->key = g_value_dup_string (value);
      break;
    case PROP_AXIS:
      self->axis = g_value_get_enum (value);
      break;
    case PROP_SLIDER_LOWER:
      set_double_property (self, &self->slider_lower, g_value_get_double (value), prop_id);
      break;
    case PROP_SLIDER_UPPER:
      set_double_property (self, &self->slider_upper, g_value_get_double (value), prop_id);
      break;
    case PROP_PAGE_INCREMENT:
      set_double_property (self, &self->page_increment, g_value_get_double (value), prop_id);
      break;
    case PROP_WIDTH_CHARS:
      gtk_editable_set_width_chars (GTK_EDITABLE (self->spin), g_value_get_int (value));
      break;
    case PROP_SPIN_TOOLTIP:
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->spin), g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
isc_slider_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  IscSliderRow *self = ISC_SLIDER_ROW (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      g_value_set_string (value, gtk_label_get_label (self->label));
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, gtk_label_get_label (self->subtitle));
      break;
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case PROP_AXIS:
      g_value_set_enum (value, self->axis);
      break;
    case PROP_SLIDER_LOWER:
      g_value_set_double (value, self->slider_lower);
      break;
    case PROP_SLIDER_UPPER:
      g_value_set_double (value, self->slider_upper);
      break;
    case PROP_PAGE_INCREMENT:
      g_value_set_double (value, self->page_increment);
      break;
    case PROP_WIDTH_CHARS:
      g_value_set_int (value, gtk_editable_get_width_chars (GTK_EDITABLE (self->spin)));
      break;
    case PROP_SPIN_TOOLTIP:
      g_value_set_string (value, gtk_widget_get_tooltip_text (GTK_WIDGET (self->spin)));
      break;
    case PROP_DRAGGING:
      g_value_set_boolean (value, self->dragging);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
isc_slider_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ISC_TYPE_SLIDER_ROW);
  G_OBJECT_CLASS (isc_slider_row_parent_class)->dispose (object);
}

static void
isc_slider_row_finalize (GObject *object)
{
  g_free (ISC_SLIDER_ROW (object)->key);
  G_OBJECT_CLASS (isc_slider_row_parent_class)->finalize (object);
}

static void
isc_slider_row_class_init (IscSliderRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = isc_slider_row_dispose;
  object_class->finalize = isc_slider_row_finalize;
  object_class->get_property = isc_slider_row_get_property;
  object_class->set_property = isc_slider_row_set_property;

  /* With a mnemonic: the spin button's and the slider's accessible label. */
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL, flags);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL, flags);
  properties[PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AXIS] =
    g_param_spec_enum ("axis", NULL, NULL, ISC_TYPE_SLIDER_AXIS, ISC_SLIDER_AXIS_NONE,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The slider's span, in the key's units; both 0: the key's range. */
  properties[PROP_SLIDER_LOWER] =
    g_param_spec_double ("slider-lower", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0, flags);
  properties[PROP_SLIDER_UPPER] =
    g_param_spec_double ("slider-upper", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0, flags);
  properties[PROP_PAGE_INCREMENT] =
    g_param_spec_double ("page-increment", NULL, NULL, 0.0, G_MAXDOUBLE, 10.0, flags);
  properties[PROP_WIDTH_CHARS] =
    g_param_spec_int ("width-chars", NULL, NULL, -1, 100, 5, flags);
  properties[PROP_SPIN_TOOLTIP] =
    g_param_spec_string ("spin-tooltip", NULL, NULL, NULL, flags);
  properties[PROP_DRAGGING] =
    g_param_spec_boolean ("dragging", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/initscope/Initscope/isc-slider-row.ui");
  gtk_widget_class_bind_template_child (widget_class, IscSliderRow, label);
  gtk_widget_class_bind_template_child (widget_class, IscSliderRow, subtitle);
  gtk_widget_class_bind_template_child (widget_class, IscSliderRow, spin);
  gtk_widget_class_bind_template_child (widget_class, IscSliderRow, slider);
}

static void
isc_slider_row_init (IscSliderRow *self)
{
  self->page_increment = 10.0;
  gtk_widget_init_template (GTK_WIDGET (self));
}
