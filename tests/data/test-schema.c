/* test-schema.c — the GSettings schema agrees with the config field table
 *
 * The schema (data/io.github.initscope.Initscope.gschema.xml, compiled into the build's
 * data folder, GSETTINGS_SCHEMA_DIR) and the table (src/engine/isc-config-fields.c) both
 * give each field's type, range or choices and default: a field added to one and not the
 * other, or a bound changed in one, fails here.
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "isc-config-fields.h"
#include "isc-settings.h"

#define SCHEMA_ID "io.github.initscope.Initscope"

static GSettingsSchema *
load_schema (void)
{
  const char *dir = g_getenv ("GSETTINGS_SCHEMA_DIR");
  g_autoptr(GSettingsSchemaSource) source = NULL;
  g_autoptr(GError) error = NULL;
  GSettingsSchema *schema;

  g_assert_nonnull (dir);
  source = g_settings_schema_source_new_from_directory (dir, NULL, TRUE, &error);
  g_assert_no_error (error);
  schema = g_settings_schema_source_lookup (source, SCHEMA_ID, FALSE);
  g_assert_nonnull (schema);
  return schema;
}

static const char *
expected_type (const IscConfigFieldInfo *field)
{
  switch (field->type)
    {
    case ISC_FIELD_TYPE_ENUM:
      return "s";
    case ISC_FIELD_TYPE_UINT:
      return "i";
    case ISC_FIELD_TYPE_UINT64:
      return "t";
    case ISC_FIELD_TYPE_DOUBLE:
      return "d";
    default:
      g_assert_not_reached ();
    }
}

/* The key's range as the table would write it: ('range', <(min, max)>), or
 * ('type', <[]>) for a uint64 over its whole type, or ('enum', <[names]>). */
static GVariant *
expected_range (const IscConfigFieldInfo *field)
{
  g_autoptr(GVariantBuilder) names = NULL;

  switch (field->type)
    {
    case ISC_FIELD_TYPE_ENUM:
      names = g_variant_builder_new (G_VARIANT_TYPE ("as"));
      for (const char * const *n = field->get_names (); *n != NULL; n++)
        g_variant_builder_add (names, "s", *n);
      return g_variant_new ("(sv)", "enum", g_variant_builder_end (names));
    case ISC_FIELD_TYPE_UINT:
      return g_variant_new ("(sv)", "range",
                            g_variant_new ("(ii)", (gint32) field->umin, (gint32) field->umax));
    case ISC_FIELD_TYPE_UINT64:
      if (field->umin == 0 && field->umax == G_MAXUINT64)
        return g_variant_new ("(sv)", "type", g_variant_new_array (G_VARIANT_TYPE ("t"), NULL, 0));
      return g_variant_new ("(sv)", "range", g_variant_new ("(tt)", field->umin, field->umax));
    case ISC_FIELD_TYPE_DOUBLE:
      return g_variant_new ("(sv)", "range", g_variant_new ("(dd)", field->dmin, field->dmax));
    default:
      g_assert_not_reached ();
    }
}

static GVariant *
expected_default (const IscConfigFieldInfo *field)
{
  switch (field->type)
    {
    case ISC_FIELD_TYPE_ENUM:
      return g_variant_new_string (field->get_names ()[field->udefault]);
    case ISC_FIELD_TYPE_UINT:
      return g_variant_new_int32 ((gint32) field->udefault);
    case ISC_FIELD_TYPE_UINT64:
      return g_variant_new_uint64 (field->udefault);
    case ISC_FIELD_TYPE_DOUBLE:
      return g_variant_new_double (field->ddefault);
    default:
      g_assert_not_reached ();
    }
}

/* NULL when @field's row and the schema's key agree, else what differs. */
static char *
disagreement (GSettingsSchema          *schema,
              const IscConfigFieldInfo *field)
{
  g_autoptr(GSettingsSchemaKey) key = NULL;
  g_autoptr(GVariant) range = NULL;
  g_autoptr(GVariant) want_range = NULL;
  g_autoptr(GVariant) def = NULL;
  g_autoptr(GVariant) want_def = NULL;
  g_autofree char *type = NULL;
  g_autofree char *have = NULL;
  g_autofree char *want = NULL;

  if (!g_settings_schema_has_key (schema, field->key))
    return g_strdup_printf ("%s: no key “%s” in the schema", field->name, field->key);
  key = g_settings_schema_get_key (schema, field->key);
  type = g_variant_type_dup_string (g_settings_schema_key_get_value_type (key));
  if (!g_str_equal (type, expected_type (field)))
    return g_strdup_printf ("%s: type %s in the schema, %s in the table", field->name, type,
                            expected_type (field));

  range = g_settings_schema_key_get_range (key);
  want_range = g_variant_ref_sink (expected_range (field));
  have = g_variant_print (range, FALSE);
  want = g_variant_print (want_range, FALSE);
  if (!g_variant_equal (range, want_range))
    return g_strdup_printf ("%s: range/choices %s in the schema, %s in the table", field->name,
                            have, want);

  def = g_settings_schema_key_get_default_value (key);
  want_def = g_variant_ref_sink (expected_default (field));
  g_clear_pointer (&have, g_free);
  g_clear_pointer (&want, g_free);
  have = g_variant_print (def, FALSE);
  want = g_variant_print (want_def, FALSE);
  if (!g_variant_equal (def, want_def))
    return g_strdup_printf ("%s: default %s in the schema, %s in the table", field->name,
                            have, want);
  return NULL;
}

static void
test_fields_match_schema (void)
{
  g_autoptr(GSettingsSchema) schema = load_schema ();
  const IscConfigFieldInfo *fields;
  guint n_fields;

  fields = isc_config_fields_get (&n_fields);
  g_assert_cmpuint (n_fields, >, 0);
  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *problem = disagreement (schema, &fields[i]);

      if (problem != NULL)
        g_test_message ("%s", problem);
      g_assert_null (problem);
    }
}

/* The comparison sees a change of each kind: a bound, a default, a choice. */
static void
test_check_can_fail (void)
{
  g_autoptr(GSettingsSchema) schema = load_schema ();
  IscConfigFieldInfo depth = *isc_config_field_lookup ("depth");
  IscConfigFieldInfo scale = *isc_config_field_lookup ("scale");
  IscConfigFieldInfo init = *isc_config_field_lookup ("init");
  IscConfigFieldInfo seed = *isc_config_field_lookup ("seed");
  IscConfigFieldInfo *changed[] = { &depth, &scale, &init, &seed };

  depth.umax++;
  scale.ddefault *= 2;
  init.get_names = isc_activation_get_names;
  seed.umax--;
  for (guint i = 0; i < G_N_ELEMENTS (changed); i++)
    {
      g_autofree char *problem = disagreement (schema, changed[i]);

      g_assert_nonnull (problem);
      g_test_message ("%s", problem);
    }
}

/* The window's list of config keys is the table's. */
static void
test_config_keys (void)
{
  const IscConfigFieldInfo *fields;
  guint n_fields;

  fields = isc_config_fields_get (&n_fields);
  g_assert_cmpuint (g_strv_length ((char **) isc_settings_config_keys), ==, n_fields);
  for (guint i = 0; i < n_fields; i++)
    g_assert_cmpstr (isc_settings_config_keys[i], ==, fields[i].key);
}

/* Every field survives set_config → get_config, and the defaults are the schema's. */
static void
test_round_trip (void)
{
  g_autoptr(GSettings) settings = g_settings_new (SCHEMA_ID);
  IscConfig config, got, def;

  /* GSETTINGS_BACKEND=memory (tests/meson.build): nothing of the user's is read */
  g_assert_cmpstr (g_getenv ("GSETTINGS_BACKEND"), ==, "memory");
  isc_config_init_default (&def);
  isc_settings_get_config (settings, &got);
  g_assert_true (isc_config_equal (&got, &def));

  config = (IscConfig) { ISC_INIT_KAIMING, ISC_ACTIVATION_RELU, 7, 300, 20, 3, 0.25,
                         G_MAXUINT64 };
  g_assert_false (isc_config_equal (&config, &def));
  isc_settings_set_config (settings, &config, ~0u);
  isc_settings_get_config (settings, &got);
  g_assert_true (isc_config_equal (&got, &config));

  g_assert_true (isc_settings_apply_preset (settings, "cs231n-2019:large", NULL));
  isc_settings_get_config (settings, &got);
  g_assert_cmpuint (got.width, ==, 4096);
  g_assert_cmpfloat (got.scale, ==, 0.05);
  g_assert_cmpint (got.init, ==, ISC_INIT_GAUSSIAN);
  g_assert_cmpint (got.activation, ==, ISC_ACTIVATION_TANH);
  g_assert_false (isc_settings_apply_preset (settings, "cs231n-2019:huge", NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/schema/fields-match", test_fields_match_schema);
  g_test_add_func ("/schema/check-can-fail", test_check_can_fail);
  g_test_add_func ("/schema/config-keys", test_config_keys);
  g_test_add_func ("/schema/round-trip", test_round_trip);
  return g_test_run ();
}
