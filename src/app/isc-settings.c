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
#include "isc-config-fields.h"

/* The field table's keys, in its order (tests/data/test-schema.c checks they are). */
const char * const isc_settings_config_keys[] = {
  "init", "scale", "activation", "depth", "width", "batch", "seed", "bins", "norm", "gain",
  "bias-scale", NULL
};

/* A key's value into its field. The schema's choices and ranges are the table's
 * (tests/data/test-schema.c), so GSettings hands out only valid values; a name
 * that still fails to parse keeps the default. */
static void
get_field (GSettings                *settings,
           const IscConfigFieldInfo *field,
           IscConfig                *config)
{
  g_autofree char *name = NULL;

  switch (field->type)
    {
    case ISC_FIELD_TYPE_ENUM:
      name = g_settings_get_string (settings, field->key);
      isc_config_field_parse (field, field->key, name, config, NULL);
      break;
    case ISC_FIELD_TYPE_UINT:
      isc_config_field_set_uint (field, config, MAX (g_settings_get_int (settings, field->key), 0));
      break;
    case ISC_FIELD_TYPE_UINT64:
      isc_config_field_set_uint (field, config, g_settings_get_uint64 (settings, field->key));
      break;
    case ISC_FIELD_TYPE_DOUBLE:
      isc_config_field_set_double (field, config, g_settings_get_double (settings, field->key));
      break;
    default:
      g_return_if_reached ();
    }
}

static void
set_field (GSettings                *settings,
           const IscConfigFieldInfo *field,
           const IscConfig          *config)
{
  guint64 value;

  switch (field->type)
    {
    case ISC_FIELD_TYPE_ENUM:
      value = isc_config_field_get_uint (field, config);
      g_return_if_fail (value <= field->umax);
      g_settings_set_string (settings, field->key, field->get_names ()[value]);
      break;
    case ISC_FIELD_TYPE_UINT:
      g_settings_set_int (settings, field->key, isc_config_field_get_uint (field, config));
      break;
    case ISC_FIELD_TYPE_UINT64:
      g_settings_set_uint64 (settings, field->key, isc_config_field_get_uint (field, config));
      break;
    case ISC_FIELD_TYPE_DOUBLE:
      g_settings_set_double (settings, field->key, isc_config_field_get_double (field, config));
      break;
    default:
      g_return_if_reached ();
    }
}

void
isc_settings_get_config (GSettings *settings,
                         IscConfig *config)
{
  const IscConfigFieldInfo *fields;
  guint n_fields;

  isc_config_init_default (config);
  fields = isc_config_fields_get (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    get_field (settings, &fields[i], config);
}

void
isc_settings_set_config (GSettings       *settings,
                         const IscConfig *config,
                         IscConfigField   fields)
{
  const IscConfigFieldInfo *table;
  guint n_fields;

  table = isc_config_fields_get (&n_fields);
  g_settings_delay (settings);
  for (guint i = 0; i < n_fields; i++)
    if (fields & table[i].bit)
      set_field (settings, &table[i], config);
  g_settings_apply (settings);
}

void
isc_settings_set_figure (GSettings  *settings,
                         const char *view,
                         gboolean    theory,
                         const char *range)
{
  g_settings_delay (settings);
  if (view != NULL)
    g_settings_set_string (settings, "view", view);
  if (theory)
    g_settings_set_boolean (settings, "theory", TRUE);
  if (range != NULL)
    g_settings_set_string (settings, "range", range);
  g_settings_apply (settings);
}

gboolean
isc_settings_apply_preset (GSettings   *settings,
                           const char  *spec,
                           GError     **error)
{
  IscConfig config;
  IscConfigField fields;

  g_return_val_if_fail (spec != NULL, FALSE);

  isc_config_init_default (&config);
  fields = isc_preset_apply_spec (spec, &config, error);
  if (fields == 0)
    return FALSE;
  /* One change, not six: the simulator sees a single burst. */
  isc_settings_set_config (settings, &config, fields);
  return TRUE;
}

/* an enum's key ↔ a "selected" index (the enum order); user_data is its field */
static gboolean
name_get_mapping (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  const IscConfigFieldInfo *field = user_data;
  const char * const *names = field->get_names ();
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
  const IscConfigFieldInfo *field = user_data;
  guint selected = g_value_get_uint (value);

  if (selected > field->umax)
    return NULL;
  return g_variant_new_string (field->get_names ()[selected]);
}

void
isc_settings_bind_field (GSettings                *settings,
                         const IscConfigFieldInfo *field,
                         gpointer                  object,
                         const char               *property,
                         GSettingsBindFlags        flags)
{
  g_return_if_fail (field != NULL);

  if (field->type == ISC_FIELD_TYPE_ENUM)
    g_settings_bind_with_mapping (settings, field->key, object, property, flags,
                                  name_get_mapping, name_set_mapping, (gpointer) field, NULL);
  else
    g_settings_bind (settings, field->key, object, property, flags);
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
