/* isc-side-panel.c
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every control is bound to GSettings (combo rows through a mapping of
 * "selected" to the engine's names); the panel never talks to the
 * simulator. It only says when a slider is held ("dragging").
 */

#define G_LOG_DOMAIN "isc-side-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "isc-config.h"
#include "isc-side-panel.h"
#include "isc-slider-row.h"

struct _IscSidePanel
{
  AdwBin         parent_instance;

  gboolean       dragging;

  /* Template widgets */
  AdwComboRow   *init_row;
  IscSliderRow  *scale_row;
  AdwComboRow   *activation_row;
  IscSliderRow  *depth_row;
  IscSliderRow  *width_row;
  GtkSpinButton *batch_spin;
  GtkSpinButton *seed_spin;
};

G_DEFINE_FINAL_TYPE (IscSidePanel, isc_side_panel, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DRAGGING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

static void
bind_combo_rows (IscSidePanel *self,
                 GSettings    *settings)
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

  g_settings_bind_with_mapping (settings, "init", self->init_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                name_get_mapping, name_set_mapping,
                                (gpointer) isc_init_get_names (), NULL);
  g_settings_bind_with_mapping (settings, "activation", self->activation_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                name_get_mapping, name_set_mapping,
                                (gpointer) isc_activation_get_names (), NULL);
}

static void
bind_spin (GtkSpinButton *spin,
           GSettings     *settings,
           const char    *key,
           double         lower,
           double         upper,
           double         page)
{
  GtkAdjustment *adjustment = gtk_adjustment_new (lower, lower, upper, 1, page, 0.0);

  gtk_spin_button_set_adjustment (spin, adjustment);
  g_settings_bind (settings, key, adjustment, "value", G_SETTINGS_BIND_DEFAULT);
}

static void
bind_slider_rows (IscSidePanel *self,
                  GSettings    *settings)
{
  static const struct { double value; const char *label; } scale_marks[] = {
    { 1e-4, "10⁻⁴" }, { 1e-3, "0.001" }, { 1e-2, "0.01" }, { 0.1, "0.1" },
    { 1.0, "1" }, { 10.0, "10" },
  };
  static const guint depth_marks[] = { 6, 10, ISC_DEPTH_MAX };
  static const guint width_marks[] = { 1, 8, 64, 512, 4096 };
  char label[16];

  isc_slider_row_bind (self->scale_row, settings);
  for (guint i = 0; i < G_N_ELEMENTS (scale_marks); i++)
    isc_slider_row_add_mark (self->scale_row, scale_marks[i].value, scale_marks[i].label);
  /* σ matters only to the Gaussian scheme */
  g_settings_bind_with_mapping (settings, "init", self->scale_row, "sensitive",
                                G_SETTINGS_BIND_GET,
                                is_gaussian_mapping, NULL, NULL, NULL);

  isc_slider_row_bind (self->depth_row, settings);
  for (guint i = 0; i < G_N_ELEMENTS (depth_marks); i++)
    {
      g_snprintf (label, sizeof label, "%u", depth_marks[i]);
      isc_slider_row_add_mark (self->depth_row, depth_marks[i], label);
    }

  isc_slider_row_bind (self->width_row, settings);
  for (guint i = 0; i < G_N_ELEMENTS (width_marks); i++)
    {
      g_snprintf (label, sizeof label, "%u", width_marks[i]);
      isc_slider_row_add_mark (self->width_row, width_marks[i], label);
    }
}

static void
on_row_dragging (IscSidePanel *self)
{
  gboolean dragging = isc_slider_row_get_dragging (self->scale_row) ||
                      isc_slider_row_get_dragging (self->depth_row) ||
                      isc_slider_row_get_dragging (self->width_row);

  if (dragging == self->dragging)
    return;
  self->dragging = dragging;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRAGGING]);
}

/**
 * isc_side_panel_bind:
 * @self: a side panel
 * @settings: the app's settings
 *
 * Binds every control to its key. Call once.
 */
void
isc_side_panel_bind (IscSidePanel *self,
                     GSettings    *settings)
{
  g_return_if_fail (ISC_IS_SIDE_PANEL (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  bind_combo_rows (self, settings);
  bind_slider_rows (self, settings);
  bind_spin (self->batch_spin, settings, "batch", ISC_BATCH_MIN, ISC_BATCH_MAX, 100);
  /* Seeds above 2^53 would not survive a double; the CLI can still set them. */
  bind_spin (self->seed_spin, settings, "seed", 0, 9007199254740991.0, 1000);
}

/* TRUE while one of the sliders is held. */
gboolean
isc_side_panel_get_dragging (IscSidePanel *self)
{
  g_return_val_if_fail (ISC_IS_SIDE_PANEL (self), FALSE);
  return self->dragging;
}

static void
isc_side_panel_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  IscSidePanel *self = ISC_SIDE_PANEL (object);

  switch (prop_id)
    {
    case PROP_DRAGGING:
      g_value_set_boolean (value, self->dragging);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
isc_side_panel_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ISC_TYPE_SIDE_PANEL);
  G_OBJECT_CLASS (isc_side_panel_parent_class)->dispose (object);
}

static void
isc_side_panel_class_init (IscSidePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = isc_side_panel_dispose;
  object_class->get_property = isc_side_panel_get_property;

  properties[PROP_DRAGGING] =
    g_param_spec_boolean ("dragging", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ISC_TYPE_SLIDER_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/initscope/Initscope/isc-side-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, IscSidePanel, init_row);
  gtk_widget_class_bind_template_child (widget_class, IscSidePanel, scale_row);
  gtk_widget_class_bind_template_child (widget_class, IscSidePanel, activation_row);
  gtk_widget_class_bind_template_child (widget_class, IscSidePanel, depth_row);
  gtk_widget_class_bind_template_child (widget_class, IscSidePanel, width_row);
  gtk_widget_class_bind_template_child (widget_class, IscSidePanel, batch_spin);
  gtk_widget_class_bind_template_child (widget_class, IscSidePanel, seed_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_row_dragging);
}

static void
isc_side_panel_init (IscSidePanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
