/* isc-config-fields.h — the one table of IscConfig's fields
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "isc-config.h"

G_BEGIN_DECLS

typedef enum
{
  ISC_FIELD_TYPE_ENUM,    /* an int-sized enum in the config; a string (name) elsewhere */
  ISC_FIELD_TYPE_UINT,    /* guint; GSettings "i" */
  ISC_FIELD_TYPE_UINT64,  /* guint64; GSettings "t" */
  ISC_FIELD_TYPE_DOUBLE,  /* double; GSettings "d" */
} IscFieldType;

/* One row: everything validation, the CLI, --help and GSettings need to know. */
typedef struct
{
  const char     *name;        /* as in messages: "depth" */
  IscFieldType    type;
  IscConfigField  bit;
  gsize           offset;      /* offsetof (IscConfig, …) */
  /* whole numbers (uint, uint64) and enums (an index) */
  guint64         umin, umax, udefault;
  /* doubles */
  double          dmin, dmax, ddefault;
  gboolean        log_scale;   /* a UI hint: a slider for it moves in log steps */
  const char * const *(*get_names) (void);  /* enums: NULL-terminated, in enum order */
  const char     *flag;        /* the CLI's long name, without "--" */
  const char     *arg;         /* marked for translation: the value placeholder */
  const char     *help;        /* marked for translation: what it is, no range */
  const char     *key;         /* the GSettings key */
} IscConfigFieldInfo;

/* The rows, in the order --help lists them. */
const IscConfigFieldInfo *isc_config_fields_get     (guint                    *n_fields);
const IscConfigFieldInfo *isc_config_field_lookup   (const char               *name);

/* The field's value in @config, as its type; enums as their index. */
guint64  isc_config_field_get_uint   (const IscConfigFieldInfo *field,
                                      const IscConfig          *config);
void     isc_config_field_set_uint   (const IscConfigFieldInfo *field,
                                      IscConfig                *config,
                                      guint64                   value);
double   isc_config_field_get_double (const IscConfigFieldInfo *field,
                                      const IscConfig          *config);
void     isc_config_field_set_double (const IscConfigFieldInfo *field,
                                      IscConfig                *config,
                                      double                    value);

/* Parses @text (a name, or a number by the strict rules of isc_parse_uint()
 * and isc_parse_double()) into @config; @what names the culprit in the error. */
gboolean isc_config_field_parse      (const IscConfigFieldInfo *field,
                                      const char               *what,
                                      const char               *text,
                                      IscConfig                *config,
                                      GError                  **error);
/* Checks the field's value in @config against its range or names. */
gboolean isc_config_field_check      (const IscConfigFieldInfo *field,
                                      const IscConfig          *config,
                                      GError                  **error);
/* The default, as text ("0.01", "gaussian"); and the range or names ("1 to 50",
 * "tanh, relu, sigmoid or linear"). Free with g_free(). */
char    *isc_config_field_default_text (const IscConfigFieldInfo *field);
char    *isc_config_field_range_text   (const IscConfigFieldInfo *field);

G_END_DECLS
