/* isc-presets.c — the lecture's two set-ups and the figures it shows with each
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "isc-config"

#include "config.h"

#include <glib/gi18n.h>

#include "isc-presets.h"

/* CS231n's weight-initialization slides: small and large gaussian weights on tanh,
 * Xavier on tanh and on ReLU, Kaiming on ReLU; W = 0 for the symmetry argument. The
 * "large" σ is the one the lecture used at that width. */
#define FIGURES(large, large_label)                                                        \
  { "small", N_("Tanh, small weights σ = 0.01"), ISC_INIT_GAUSSIAN, ISC_ACTIVATION_TANH, 0.01 }, \
  { "large", large_label, ISC_INIT_GAUSSIAN, ISC_ACTIVATION_TANH, large },                 \
  { "xavier", N_("Tanh, Xavier"), ISC_INIT_XAVIER, ISC_ACTIVATION_TANH, 0 },               \
  { "xavier-relu", N_("ReLU, Xavier"), ISC_INIT_XAVIER, ISC_ACTIVATION_RELU, 0 },          \
  { "kaiming-relu", N_("ReLU, Kaiming"), ISC_INIT_KAIMING, ISC_ACTIVATION_RELU, 0 },       \
  { "zero", N_("Tanh, zero weights W = 0"), ISC_INIT_ZERO, ISC_ACTIVATION_TANH, 0 }

static const IscLectureFigure figures_2016[] = {
  FIGURES (1.0, N_("Tanh, large weights σ = 1.0"))
};
static const IscLectureFigure figures_2019[] = {
  FIGURES (0.05, N_("Tanh, large weights σ = 0.05"))
};

#undef FIGURES

static const IscPreset presets[] = {
  { "cs231n-2016", N_("CS231n 2016"), 10, 500, 1000, 1.0,
    figures_2016, G_N_ELEMENTS (figures_2016) },
  { "cs231n-2019", N_("CS231n 2019"), 6, 4096, 16, 0.05,
    figures_2019, G_N_ELEMENTS (figures_2019) },
};

/* The window's menu named two figures so before they were engine data. */
static const struct {
  const char *old_name;
  const char *name;
} figure_aliases[] = {
  { "relu-xavier", "xavier-relu" },
  { "relu-kaiming", "kaiming-relu" },
};

const IscPreset *
isc_presets_get (guint *n_presets)
{
  if (n_presets)
    *n_presets = G_N_ELEMENTS (presets);
  return presets;
}

/* "a, b or c" of the @n names at @first, @stride bytes apart */
static char *
list_names (const void *first,
            gsize       stride,
            guint       n)
{
  GString *list = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (list, i + 1 == n ? _(" or ") : ", ");
      g_string_append (list, *(const char * const *) ((const guint8 *) first + i * stride));
    }
  return g_string_free (list, FALSE);
}

const IscPreset *
isc_preset_lookup (const char  *name,
                   GError     **error)
{
  g_autofree char *list = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    if (name != NULL && g_ascii_strcasecmp (name, presets[i].name) == 0)
      return &presets[i];

  list = list_names (presets, sizeof presets[0], G_N_ELEMENTS (presets));
  g_set_error (error, ISC_CONFIG_ERROR, ISC_CONFIG_ERROR_UNKNOWN_NAME,
               _("unknown preset “%s” (expected %s)"), name ? name : "", list);
  return NULL;
}

const IscLectureFigure *
isc_preset_lookup_figure (const IscPreset  *preset,
                          const char       *name,
                          GError          **error)
{
  g_autofree char *list = NULL;

  g_return_val_if_fail (preset != NULL, NULL);

  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (figure_aliases); i++)
    if (g_ascii_strcasecmp (name, figure_aliases[i].old_name) == 0)
      name = figure_aliases[i].name;
  for (guint i = 0; i < preset->n_figures; i++)
    if (name != NULL && g_ascii_strcasecmp (name, preset->figures[i].name) == 0)
      return &preset->figures[i];

  list = list_names (preset->figures, sizeof preset->figures[0], preset->n_figures);
  g_set_error (error, ISC_CONFIG_ERROR, ISC_CONFIG_ERROR_UNKNOWN_NAME,
               /* Translators: the figure asked for, the preset, the figures it has */
               _("unknown figure “%s” of %s (expected %s)"), name ? name : "", preset->name,
               list);
  return NULL;
}

IscConfigField
isc_preset_apply (const IscPreset *preset,
                  IscConfig       *config)
{
  g_return_val_if_fail (preset != NULL, 0);
  g_return_val_if_fail (config != NULL, 0);

  config->depth = preset->depth;
  config->width = preset->width;
  config->batch = preset->batch;
  return ISC_CONFIG_FIELD_DEPTH | ISC_CONFIG_FIELD_WIDTH | ISC_CONFIG_FIELD_BATCH;
}

IscConfigField
isc_preset_apply_figure (const IscPreset       *preset,
                         const IscLectureFigure *figure,
                         IscConfig             *config)
{
  IscConfigField fields;

  g_return_val_if_fail (figure != NULL, 0);

  fields = isc_preset_apply (preset, config) |
           ISC_CONFIG_FIELD_INIT | ISC_CONFIG_FIELD_ACTIVATION;
  config->init = figure->init;
  config->activation = figure->activation;
  /* the scale is set only where it matters: the user's σ survives a Xavier figure */
  if (figure->init == ISC_INIT_GAUSSIAN)
    {
      config->scale = figure->scale;
      fields |= ISC_CONFIG_FIELD_SCALE;
    }
  return fields;
}

IscConfigField
isc_preset_apply_spec (const char  *spec,
                       IscConfig   *config,
                       GError     **error)
{
  g_auto(GStrv) parts = NULL;
  const IscPreset *preset;
  const IscLectureFigure *figure;

  g_return_val_if_fail (spec != NULL, 0);
  g_return_val_if_fail (config != NULL, 0);

  parts = g_strsplit (spec, ":", 2);
  preset = isc_preset_lookup (parts[0], error);
  if (preset == NULL)
    return 0;
  if (parts[1] == NULL)
    return isc_preset_apply (preset, config);
  figure = isc_preset_lookup_figure (preset, parts[1], error);
  if (figure == NULL)
    return 0;
  return isc_preset_apply_figure (preset, figure, config);
}

char *
isc_preset_figure_spec (const IscPreset       *preset,
                        const IscLectureFigure *figure)
{
  return g_strconcat (preset->name, ":", figure->name, NULL);
}
