/* isc-config.h — the experiment's configuration: one value type, one table of names
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  ISC_INIT_ZERO,
  ISC_INIT_GAUSSIAN,
  ISC_INIT_XAVIER,
  ISC_INIT_GLOROT,
  ISC_INIT_KAIMING,
  ISC_INIT_CONSTANT,
  ISC_INIT_GLOROT_UNIFORM,
  ISC_INIT_KAIMING_UNIFORM,
  ISC_INIT_ORTHOGONAL,
  ISC_INIT_TORCH_DEFAULT,
  ISC_INIT_LSUV,
  ISC_N_INITS
} IscInit;

typedef enum
{
  ISC_ACTIVATION_TANH,
  ISC_ACTIVATION_RELU,
  ISC_ACTIVATION_SIGMOID,
  ISC_ACTIVATION_LINEAR,
  ISC_ACTIVATION_LEAKY_RELU,
  ISC_ACTIVATION_ELU,
  ISC_ACTIVATION_SELU,
  ISC_ACTIVATION_GELU,
  ISC_ACTIVATION_SILU,
  ISC_N_ACTIVATIONS
} IscActivation;

/* Normalization of the pre-activations, before φ (isc-norm.h). */
typedef enum
{
  ISC_NORM_NONE,
  ISC_NORM_BATCH,
  ISC_NORM_LAYER,
  ISC_N_NORMS
} IscNorm;

/* Limits: the field table (isc-config-fields.c) uses them; the schema must agree. */
#define ISC_DEPTH_MIN   1
#define ISC_DEPTH_MAX   50
#define ISC_WIDTH_MIN   1
#define ISC_WIDTH_MAX   8192
#define ISC_BATCH_MIN   1
#define ISC_BATCH_MAX   8192
#define ISC_SCALE_MIN   0.0
#define ISC_SCALE_MAX   100.0
#define ISC_BINS_MIN    2
#define ISC_BINS_MAX    1000
#define ISC_GAIN_MIN    0.0
#define ISC_GAIN_MAX    10.0
#define ISC_BIAS_SCALE_MIN 0.0
#define ISC_BIAS_SCALE_MAX 10.0

#define ISC_CONFIG_ERROR (isc_config_error_quark ())

typedef enum
{
  ISC_CONFIG_ERROR_UNKNOWN_NAME,
  ISC_CONFIG_ERROR_OUT_OF_RANGE,
  ISC_CONFIG_ERROR_NOT_A_NUMBER,
  ISC_CONFIG_ERROR_INCOMPATIBLE,   /* fields valid alone, not together */
} IscConfigError;

/* A plain value: copy it with `=`, compare it with isc_config_equal(). */
typedef struct
{
  IscInit       init;
  IscActivation activation;
  guint         depth;
  guint         width;
  guint         batch;
  guint         bins;
  double        scale;  /* σ of the gaussian scheme; ignored by the others */
  guint64       seed;
  IscNorm       norm;   /* batch norm needs a batch of at least 2 */
  double        gain;        /* multiplies σ of the scale-free schemes */
  double        bias_scale;  /* σ_b: b_l ~ N(0, σ_b²) per unit; 0, the lecture's, is none */
} IscConfig;

/* Fields of an IscConfig, for code that sets only some of them. */
typedef enum
{
  ISC_CONFIG_FIELD_INIT       = 1 << 0,
  ISC_CONFIG_FIELD_ACTIVATION = 1 << 1,
  ISC_CONFIG_FIELD_DEPTH      = 1 << 2,
  ISC_CONFIG_FIELD_WIDTH      = 1 << 3,
  ISC_CONFIG_FIELD_BATCH      = 1 << 4,
  ISC_CONFIG_FIELD_SCALE      = 1 << 5,
  ISC_CONFIG_FIELD_SEED       = 1 << 6,
  ISC_CONFIG_FIELD_BINS       = 1 << 7,
  /* a high bit: rows appended in parallel take the next ones */
  ISC_CONFIG_FIELD_NORM       = 1 << 15,
  ISC_CONFIG_FIELD_GAIN       = 1 << 8,
  ISC_CONFIG_FIELD_BIAS_SCALE = 1 << 9,
} IscConfigField;

GQuark         isc_config_error_quark     (void);

void           isc_config_init_default    (IscConfig       *config);
gboolean       isc_config_validate        (const IscConfig *config,
                                           GError         **error);
gboolean       isc_config_equal           (const IscConfig *a,
                                           const IscConfig *b);
char          *isc_config_describe        (const IscConfig *config);

double         isc_init_sigma             (IscInit          init,
                                           double           scale,
                                           guint            fan_in,
                                           guint            fan_out);
/* The names, NULL-terminated, in enum order. */
const char * const *isc_init_get_names    (void);
const char * const *isc_activation_get_names (void);

const char    *isc_init_to_string         (IscInit          init);
gboolean       isc_init_from_string       (const char      *name,
                                           IscInit         *init,
                                           GError         **error);
const char    *isc_init_get_label         (IscInit          init);
const char    *isc_init_get_formula       (IscInit          init);
/* Whether --gain multiplies the scheme's σ (not zero, gaussian, lsuv). */
gboolean       isc_init_uses_gain         (IscInit          init);
/* The scheme @init gives the same weights as at equal fan-in and fan-out
 * (every layer here is width × width), or ISC_N_INITS: xavier ↔ glorot. */
IscInit        isc_init_coincides_with    (IscInit          init);

/* The multiplier of the base matrix of a layer of @config: gain × the
 * scheme's formula (the bound of a uniform base, the factor of an orthogonal
 * Q); lsuv's is its start, 1 × Q, before the rescaling on the batch. */
double         isc_config_sigma           (const IscConfig *config,
                                           guint            fan_in,
                                           guint            fan_out);
/* The standard deviation of each weight that multiplier gives: σ for a
 * normal base, σ/√3 for a uniform one, σ/√fan_in for an orthogonal Q. */
double         isc_config_weight_std      (const IscConfig *config,
                                           guint            fan_in,
                                           guint            fan_out);

const char    *isc_activation_to_string   (IscActivation    activation);
gboolean       isc_activation_from_string (const char      *name,
                                           IscActivation   *activation,
                                           GError         **error);
const char    *isc_activation_get_label   (IscActivation    activation);
/* PyTorch's torch.nn.init.calculate_gain for the activation: tanh 5/3,
 * relu √2, leaky-relu √(2/(1 + 0.01²)), selu 3/4, the others 1. */
double         isc_activation_recommended_gain (IscActivation activation);

/* Strict number parsing shared by the CLI and tests: the whole string must be a
 * number within [min, max]; @what names the culprit in the error. */
gboolean       isc_parse_uint             (const char      *what,
                                           const char      *text,
                                           guint64          min,
                                           guint64          max,
                                           guint64         *out,
                                           GError         **error);
gboolean       isc_parse_double           (const char      *what,
                                           const char      *text,
                                           double           min,
                                           double           max,
                                           double          *out,
                                           GError         **error);

G_END_DECLS

/* The presets used to live here: what includes only this header still finds them. */
#include "isc-presets.h"
