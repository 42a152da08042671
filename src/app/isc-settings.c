/* isc-settings.c
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "isc-settings"

#include "config.h"

#include <stdlib.h>
#include <string.h>

/* for the backend's read vfunc: see isc_settings_warn_invalid() */
#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "isc-settings.h"

const char * const isc_settings_config_keys[] = {
  "init", "scale", "activation", "depth", "width", "batch", "seed", "bins", NULL
};

void
isc_settings_get_config (GSettings *settings,
                         IscConfig *config)
{
  g_autofree char *init = g_settings_get_string (settings, "init");
  g_autofree char *activation = g_settings_get_string (settings, "activation");

  /* The schema's choices and ranges are the config's; unknown names cannot
   * get past GSettings, so a parse failure keeps the default. */
  isc_config_init_default (config);
  isc_init_from_string (init, &config->init, NULL);
  isc_activation_from_string (activation, &config->activation, NULL);
  config->scale = g_settings_get_double (settings, "scale");
  config->depth = g_settings_get_int (settings, "depth");
  config->width = g_settings_get_int (settings, "width");
  config->batch = g_settings_get_int (settings, "batch");
  config->bins = g_settings_get_int (settings, "bins");
  config->seed = g_settings_get_uint64 (settings, "seed");
}

void
isc_settings_set_config (GSettings       *settings,
                         const IscConfig *config,
                         IscConfigField   fields)
{
  g_settings_delay (settings);
  if (fields & ISC_CONFIG_FIELD_INIT)
    g_settings_set_string (settings, "init", isc_init_to_string (config->init));
  if (fields & ISC_CONFIG_FIELD_ACTIVATION)
    g_settings_set_string (settings, "activation", isc_activation_to_string (config->activation));
  if (fields & ISC_CONFIG_FIELD_SCALE)
    g_settings_set_double (settings, "scale", config->scale);
  if (fields & ISC_CONFIG_FIELD_DEPTH)
    g_settings_set_int (settings, "depth", config->depth);
  if (fields & ISC_CONFIG_FIELD_WIDTH)
    g_settings_set_int (settings, "width", config->width);
  if (fields & ISC_CONFIG_FIELD_BATCH)
    g_settings_set_int (settings, "batch", config->batch);
  if (fields & ISC_CONFIG_FIELD_SEED)
    g_settings_set_uint64 (settings, "seed", config->seed);
  if (fields & ISC_CONFIG_FIELD_BINS)
    g_settings_set_int (settings, "bins", config->bins);
  g_settings_apply (settings);
}

/* What is wrong with @value for @key, or NULL if nothing is. */
static char *
describe_invalid (GSettingsSchemaKey *key,
                  GVariant           *value)
{
  const GVariantType *type = g_settings_schema_key_get_value_type (key);
  g_autoptr(GVariant) range = NULL;
  g_autoptr(GVariant) allowed = NULL;
  const char *kind;

  if (!g_variant_is_of_type (value, type))
    return g_strdup_printf ("not of type %.*s", (int) g_variant_type_get_string_length (type),
                            g_variant_type_peek_string (type));
  if (g_settings_schema_key_range_check (key, value))
    return NULL;

  range = g_settings_schema_key_get_range (key);
  g_variant_get (range, "(&sv)", &kind, &allowed);
  if (g_str_equal (kind, "range"))
    {
      g_autoptr(GVariant) lo = g_variant_get_child_value (allowed, 0);
      g_autoptr(GVariant) hi = g_variant_get_child_value (allowed, 1);
      g_autofree char *lo_text = g_variant_print (lo, FALSE);
      g_autofree char *hi_text = g_variant_print (hi, FALSE);

      return g_strdup_printf ("outside its range %s to %s", lo_text, hi_text);
    }
  else
    {
      g_autofree char *choices = g_variant_print (allowed, FALSE);

      return g_strdup_printf ("not one of %s", choices);
    }
}

/* The stored value of @key, whatever its type, or NULL if none is stored. */
static GVariant *
read_stored (GSettingsBackend   *backend,
             const char         *path,
             GSettingsSchemaKey *key)
{
  GSettingsBackendClass *klass = G_SETTINGS_BACKEND_GET_CLASS (backend);
  GVariant *value;

  value = klass->read (backend, path, g_settings_schema_key_get_value_type (key), FALSE);
  /* a keyfile parses with the type asked for: "depth='x'" is only found untyped */
  if (value == NULL)
    value = klass->read (backend, path, NULL, FALSE);
  return value != NULL ? g_variant_take_ref (value) : NULL;
}

static int
compare_names (const void *a,
               const void *b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * isc_settings_warn_invalid:
 * @settings: settings of the app's schema
 *
 * GSettings ignores a stored value that is out of its key's range, not one of
 * its choices or of another type, and gives the default without a word. That
 * stays (the app starts), but each such key gets one warning naming it, its
 * value and the default used instead. GSettings never hands out the bad value,
 * so it is read from the backend itself.
 *
 * Returns: how many keys hold an unusable value
 */
guint
isc_settings_warn_invalid (GSettings *settings)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsBackend) backend = NULL;
  g_autofree char *path = NULL;
  g_auto(GStrv) keys = NULL;
  guint n_invalid = 0;

  g_return_val_if_fail (G_IS_SETTINGS (settings), 0);

  g_object_get (settings, "settings-schema", &schema, "backend", &backend, "path", &path, NULL);
  keys = g_settings_schema_list_keys (schema);
  /* in a stable order, for the reader and for tests */
  qsort (keys, g_strv_length (keys), sizeof (char *), compare_names);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GSettingsSchemaKey) key = g_settings_schema_get_key (schema, keys[i]);
      g_autofree char *key_path = g_strconcat (path, keys[i], NULL);
      g_autoptr(GVariant) value = read_stored (backend, key_path, key);
      g_autoptr(GVariant) fallback = NULL;
      g_autofree char *problem = NULL;
      g_autofree char *value_text = NULL;
      g_autofree char *fallback_text = NULL;

      if (value == NULL || (problem = describe_invalid (key, value)) == NULL)
        continue;

      fallback = g_settings_get_value (settings, keys[i]);
      value_text = g_variant_print (value, FALSE);
      fallback_text = g_variant_print (fallback, FALSE);
      /* ASCII only: a log line must read in any locale */
      g_warning ("Settings key \"%s\" holds %s, %s: using %s instead",
                 keys[i], value_text, problem, fallback_text);
      n_invalid++;
    }
  return n_invalid;
}
