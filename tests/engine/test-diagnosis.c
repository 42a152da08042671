/* test-diagnosis.c — the words under the figure name the lecture's phenomena, on real runs
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "isc-diagnosis.h"
#include "isc-network.h"
#include "isc-notes.h"
#include "isc-presets.h"

static IscResult *
run (const char *spec)
{
  g_autoptr(GError) error = NULL;
  IscRunOptions options = { .gradients = TRUE };
  IscConfig config;
  IscResult *result;

  isc_config_init_default (&config);
  g_assert_cmpuint (isc_preset_apply_spec (spec, &config, &error), !=, 0);
  g_assert_no_error (error);
  result = isc_network_run_with_options (&config, NULL, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static void
check (const char       *spec,
       IscDiagnosisKind  kind,
       const char       *word)
{
  g_autoptr(IscResult) result = run (spec);
  g_autofree char *text = NULL;

  g_assert_cmpstr (isc_diagnosis_kind_to_string (isc_diagnosis_compute (result, &text)), ==,
                   isc_diagnosis_kind_to_string (kind));
  g_test_message ("%s: %s", spec, text);
  g_assert_nonnull (strstr (text, word));
}

/* σ = 0.01 on 500 units: each layer multiplies the std by ≈ σ√500 · tanh′(0) = 0.22 */
static void
test_small (void)
{
  g_autoptr(IscResult) result = run ("cs231n-2016:small");
  double per_layer = isc_diagnosis_per_layer (result, ISC_VIEW_ACTIVATIONS);

  check ("cs231n-2016:small", ISC_DIAGNOSIS_COLLAPSED, "shrinks");
  /* the ratio of sample stds of 500 000 values: well within 2 % of 0.01·√500 */
  g_assert_cmpfloat_with_epsilon (per_layer, 0.01 * sqrt (500.0), 0.02 * 0.01 * sqrt (500.0));
}

static void
test_large (void)
{
  check ("cs231n-2016:large", ISC_DIAGNOSIS_SATURATED, "saturated");
  /* and the gradients that get through grow towards the input */
  check ("cs231n-2016:large", ISC_DIAGNOSIS_SATURATED, "grow");
}

static void
test_xavier (void)
{
  check ("cs231n-2016:xavier", ISC_DIAGNOSIS_HEALTHY, "keeps its scale");
}

/* ReLU halves Xavier's variance: ×1/√2 a layer, below the 0.75 of isc-notes */
static void
test_xavier_relu (void)
{
  g_autoptr(IscResult) result = run ("cs231n-2016:xavier-relu");
  double per_layer = isc_diagnosis_per_layer (result, ISC_VIEW_ACTIVATIONS);

  check ("cs231n-2016:xavier-relu", ISC_DIAGNOSIS_COLLAPSED, "shrinks");
  g_assert_cmpfloat_with_epsilon (per_layer, M_SQRT1_2, 0.03);
}

static void
test_kaiming_relu (void)
{
  check ("cs231n-2016:kaiming-relu", ISC_DIAGNOSIS_HEALTHY, "keeps its scale");
}

static void
test_zero (void)
{
  check ("cs231n-2016:zero", ISC_DIAGNOSIS_SYMMETRIC, "symmetry");
}

static void
test_layers (void)
{
  g_autoptr(IscResult) result = run ("cs231n-2016:large");
  g_autofree char *lines = isc_diagnosis_describe_layers (result, ISC_VIEW_ACTIVATIONS);
  g_auto(GStrv) split = g_strsplit (lines, "\n", -1);

  g_assert_cmpuint (g_strv_length (split), ==, 10);
  g_assert_true (g_str_has_prefix (split[3], "Layer 4: std "));
  g_assert_true (g_str_has_suffix (split[9], "% saturated"));
  g_assert_cmpuint (isc_diagnosis_compute (NULL, NULL), ==, ISC_DIAGNOSIS_NONE);
}

int
main (int argc, char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/diagnosis/zero", test_zero);
  g_test_add_func ("/diagnosis/small", test_small);
  g_test_add_func ("/diagnosis/large", test_large);
  g_test_add_func ("/diagnosis/xavier", test_xavier);
  g_test_add_func ("/diagnosis/xavier-relu", test_xavier_relu);
  g_test_add_func ("/diagnosis/kaiming-relu", test_kaiming_relu);
  g_test_add_func ("/diagnosis/layers", test_layers);
  return g_test_run ();
}
