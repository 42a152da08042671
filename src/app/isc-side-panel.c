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

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "isc-config.h"
#include "isc-norm.h"
#include "isc-settings.h"
#include "isc-side-panel.h"
#include "isc-slider-row.h"

struct _IscSidePanel
{
  AdwBin         parent_instance;

  gboolean       dragging;
  GSettings     *settings;

  /* Template widgets */
  AdwComboRow   *init_row;
  IscSliderRow  *scale_row;
  AdwActionRow  *sigma_row;
  IscSliderRow  *gain_row;
  AdwActionRow  *recommended_row;
  GtkButton     *recommended_button;
  IscSliderRow  *bias_row;
  AdwComboRow   *activation_row;
  AdwComboRow   *norm_row;
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

/**
 * isc_side_panel_describe_sigma:
 * @init: a scheme whose σ follows from the widths (not gaussian or constant)
 * @width: the net's width: every layer's fan-in and fan-out
 *
 * The scheme's formula at @width and its value, as the σ row shows it:
 * "σ = 1/√500 = 0.0447" for Xavier at 500, "W = 0" for zero.
 *
 * Returns: (transfer full): the text
 */
char *
isc_side_panel_describe_sigma (const IscConfig *config)
{
  const char *formula = isc_init_get_formula (config->init);
  const char *aside = strstr (formula, " (");
  g_autoptr(GString) text = g_string_new_len (formula, aside ? aside - formula : -1);
  gboolean gain = isc_init_uses_gain (config->init) && config->gain != 1.0;
  double std = isc_config_weight_std (config, config->width, config->width);
  char number[32];

  if (config->init == ISC_INIT_ZERO)
    return g_string_free (g_steal_pointer (&text), FALSE);

  g_snprintf (number, sizeof number, "%u", config->width);
  g_string_replace (text, "fan_in", number, 0);
  g_string_replace (text, "fan_out", number, 0);
  g_snprintf (number, sizeof number, "%.3g × ", config->gain);
  if (g_str_has_prefix (text->str, "σ = "))
    {
      /* "σ = gain × 1/√500 = 0.0745" */
      if (gain)
        g_string_insert (text, strlen ("σ = "), number);
      g_string_append_printf (text, " = %.3g", std);
    }
  else
    {
      /* a uniform or orthogonal base: its formula, then the weights' std */
      if (gain)
        g_string_prepend (text, number);
      g_string_append_printf (text, ": σ = %.3g", std);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* PyTorch's calculate_gain for the activation, and the σ it would give. */
static void
update_recommended (IscSidePanel *self,
                    IscConfig    *config)
{
  double gain = isc_activation_recommended_gain (config->activation);
  IscConfig recommended = *config;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  recommended.gain = gain;
  /* Translators: PyTorch's calculate_gain, e.g. "Recommended for Tanh: 1.67" */
  title = g_strdup_printf (_("Recommended for %s: %.3g"),
                           isc_activation_get_label (config->activation), gain);
  subtitle = isc_side_panel_describe_sigma (&recommended);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->recommended_row), title);
  adw_action_row_set_subtitle (self->recommended_row, subtitle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->recommended_button), config->gain != gain);
}

static void
on_recommended_clicked (IscSidePanel *self)
{
  IscConfig config;

  isc_settings_get_config (self->settings, &config);
  g_settings_set_double (self->settings, "gain",
                         isc_activation_recommended_gain (config.activation));
}

/* The scale row for the schemes that take σ (gaussian, constant); for the
 * others what their formula gives at this width, not a stale σ greyed out. */
static void
update_sigma (IscSidePanel *self)
{
  IscConfig config;
  gboolean takes_scale;
  gboolean gain;

  isc_settings_get_config (self->settings, &config);
  takes_scale = config.init == ISC_INIT_GAUSSIAN || config.init == ISC_INIT_CONSTANT;
  gain = isc_init_uses_gain (config.init);
  gtk_widget_set_visible (GTK_WIDGET (self->scale_row), takes_scale);
  gtk_widget_set_visible (GTK_WIDGET (self->sigma_row), !takes_scale);
  gtk_widget_set_visible (GTK_WIDGET (self->gain_row), gain);
  gtk_widget_set_visible (GTK_WIDGET (self->recommended_row), gain);
  if (!takes_scale)
    {
      g_autofree char *text = isc_side_panel_describe_sigma (&config);

      adw_action_row_set_subtitle (self->sigma_row, text);
    }
  if (gain)
    update_recommended (self, &config);
}

/* Where two schemes give the same σ at equal widths (the net's case):
 * "same σ as Glorot at width 500", so the list says xavier = glorot. */
static char *
describe_coincidence (IscInit init,
                      guint   width)
{
  /* the engine's table knows (uniform bounds are not σ: no numeric test) */
  IscInit same = isc_init_coincides_with (init);

  if (same >= ISC_N_INITS)
    return NULL;
  /* Translators: e.g. "same σ as Glorot at width 500" */
  return g_strdup_printf (_("same σ as %s at width %u"), isc_init_get_label (same), width);
}

static void
init_item_setup (GtkSignalListItemFactory *factory,
                 GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0.0);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_list_item_set_child (item, box);
}

/* Each scheme in the list: its name, then its formula and, where another
 * gives the same σ at this width, which. */
static void
init_item_bind (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                IscSidePanel             *self)
{
  GtkWidget *title = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  IscInit init = gtk_list_item_get_position (item);
  guint width = (guint) g_settings_get_int (self->settings, "width");
  g_autofree char *same = describe_coincidence (init, width);
  g_autofree char *text = NULL;

  if (same != NULL)
    /* Translators: a formula, then which schemes give the same σ */
    text = g_strdup_printf (_("%s · %s"), isc_init_get_formula (init), same);
  gtk_label_set_text (GTK_LABEL (title), isc_init_get_label (init));
  gtk_label_set_text (GTK_LABEL (subtitle), text != NULL ? text : isc_init_get_formula (init));
}

static void
bind_combo_rows (IscSidePanel *self,
                 GSettings    *settings)
{
  g_autoptr(GtkStringList) inits = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) activations = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) norms = gtk_string_list_new (NULL);

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
  {
    g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

    g_signal_connect (factory, "setup", G_CALLBACK (init_item_setup), NULL);
    g_signal_connect (factory, "bind", G_CALLBACK (init_item_bind), self);
    adw_combo_row_set_list_factory (self->init_row, factory);
  }
  adw_combo_row_set_model (self->activation_row, G_LIST_MODEL (activations));

  isc_settings_bind_field (settings, isc_config_field_lookup ("init"), self->init_row,
                           "selected", G_SETTINGS_BIND_DEFAULT);
  /* Translators: no normalization of the pre-activations */
  gtk_string_list_append (norms, C_("normalization", "None"));
  for (guint i = 1; i < ISC_N_NORMS; i++)
    gtk_string_list_append (norms, isc_norm_get_label (i));
  adw_combo_row_set_model (self->norm_row, G_LIST_MODEL (norms));
  isc_settings_bind_field (settings, isc_config_field_lookup ("norm"), self->norm_row,
                           "selected", G_SETTINGS_BIND_DEFAULT);

  isc_settings_bind_field (settings, isc_config_field_lookup ("activation"),
                           self->activation_row, "selected", G_SETTINGS_BIND_DEFAULT);
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
  /* σ is typed only for the schemes that take it; the others show theirs */
  g_signal_connect_object (settings, "changed::init", G_CALLBACK (update_sigma), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::width", G_CALLBACK (update_sigma), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::gain", G_CALLBACK (update_sigma), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::activation", G_CALLBACK (update_sigma), self,
                           G_CONNECT_SWAPPED);
  isc_slider_row_bind (self->gain_row, settings);
  isc_slider_row_bind (self->bias_row, settings);

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
                      isc_slider_row_get_dragging (self->width_row) ||
                      isc_slider_row_get_dragging (self->gain_row) ||
                      isc_slider_row_get_dragging (self->bias_row);

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

  g_set_object (&self->settings, settings);
  bind_combo_rows (self, settings);
  bind_slider_rows (self, settings);
  update_sigma (self);
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

/* What the init list says beside @init's formula at @width, or NULL. */
char *
isc_side_panel_describe_coincidence (IscInit init,
                                     guint   width)
{
  return describe_coincidence (init, width);
}

const char *
isc_side_panel_get_sigma_text (IscSidePanel *self)
{
  g_return_val_if_fail (ISC_IS_SIDE_PANEL (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->sigma_row)))
    return NULL;
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->sigma_row)) != NULL ?
         adw_action_row_get_subtitle (self->sigma_row) : NULL;
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
  IscSidePanel *self = ISC_SIDE_PANEL (object);

  g_clear_object (&self->settings);
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
  gtk_widget_class_bind_template_child (widget_class, IscSidePanel, sigma_row);
  gtk_widget_class_bind_template_child (widget_class, IscSidePanel, gain_row);
  gtk_widget_class_bind_template_child (widget_class, IscSidePanel, recommended_row);
  gtk_widget_class_bind_template_child (widget_class, IscSidePanel, recommended_button);
  gtk_widget_class_bind_template_child (widget_class, IscSidePanel, bias_row);
  gtk_widget_class_bind_template_callback (widget_class, on_recommended_clicked);
  gtk_widget_class_bind_template_child (widget_class, IscSidePanel, activation_row);
  gtk_widget_class_bind_template_child (widget_class, IscSidePanel, norm_row);
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
