/* test-notes.c — each kind of note on a real run that shows it, and not on one that doesn't
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "isc-network.h"
#include "isc-notes.h"
#include "isc-presets.h"

/* A run of @spec (a preset, or NULL for the default shape) with @flags over it. */
static IscResult *
run (const char *spec,
     IscInit     init,
     IscActivation activation,
     double      scale,
     guint       depth)
{
  g_autoptr(GError) error = NULL;
  IscConfig config;
  IscResult *result;

  isc_config_init_default (&config);
  if (spec != NULL)
    {
      g_assert_cmpuint (isc_preset_apply_spec (spec, &config, &error), !=, 0);
      g_assert_no_error (error);
    }
  else
    {
      config.init = init;
      config.activation = activation;
      config.scale = scale;
      config.depth = depth;
    }
  result = isc_network_run (&config, NULL, 0, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

/* The layers (as a mask, bit l for layer l) that carry a note of @kind. */
static guint64
layers_with (GArray      *notes,
             IscNoteKind  kind)
{
  guint64 mask = 0;

  for (guint i = 0; i < notes->len; i++)
    {
      const IscNote *note = &g_array_index (notes, IscNote, i);

      if (note->kind == kind && note->layer != ISC_NOTES_NET)
        mask |= G_GUINT64_CONSTANT (1) << note->layer;
    }
  return mask;
}

static gboolean
net_has (GArray      *notes,
         IscNoteKind  kind)
{
  const IscNote *note = isc_notes_find (notes, kind);

  return note != NULL && note->layer == ISC_NOTES_NET;
}

static guint64
all_layers (const IscResult *result)
{
  return (G_GUINT64_CONSTANT (1) << isc_result_get_n_layers (result)) - 1;
}

/* The healthy ones: Kaiming on ReLU and Xavier on tanh, at both of the lecture's
 * shapes, have no note at all. */
static void
test_healthy (void)
{
  const char *specs[] = { "cs231n-2016:kaiming-relu", "cs231n-2016:xavier",
                          "cs231n-2019:kaiming-relu", "cs231n-2019:xavier" };

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      g_autoptr(IscResult) result = run (specs[i], 0, 0, 0, 0);
      g_autoptr(GArray) notes = isc_notes_compute (result);

      for (guint n = 0; n < notes->len; n++)
        g_test_message ("%s: %s at %u", specs[i],
                        isc_note_kind_to_string (g_array_index (notes, IscNote, n).kind),
                        g_array_index (notes, IscNote, n).layer);
      g_assert_cmpuint (notes->len, ==, 0);
    }
}

/* σ = 1 on tanh (2016): every layer saturated, nothing else (the std stays near 1:
 * neither collapsed nor exploding). The 2019 "large" σ = 0.05 (σ_w² ≈ 10) puts only
 * a third of the values past 0.99, under the threshold: spread towards ±1, not yet
 * two spikes. */
static void
test_saturated (void)
{
  g_autoptr(IscResult) result = run ("cs231n-2016:large", 0, 0, 0, 0);
  g_autoptr(GArray) notes = isc_notes_compute (result);
  g_autoptr(IscResult) spread = run ("cs231n-2019:large", 0, 0, 0, 0);
  g_autoptr(GArray) spread_notes = isc_notes_compute (spread);

  g_assert_cmphex (layers_with (notes, ISC_NOTE_SATURATED), ==, all_layers (result));
  g_assert_cmpuint (notes->len, ==, isc_result_get_n_layers (result));
  for (guint n = 0; n < notes->len; n++)
    g_assert_cmpfloat (g_array_index (notes, IscNote, n).value, >,
                       ISC_NOTES_SATURATED_FRACTION);

  g_assert_cmpuint (spread_notes->len, ==, 0);
  for (guint l = 0; l < isc_result_get_n_layers (spread); l++)
    g_assert_cmpfloat (isc_result_get_layer (spread, l)->saturated, >, 0.2);
}

/* W = 0: every value exactly 0 on tanh and on ReLU: dead everywhere, and not
 * "collapsed" (there is no std to shrink from). */
static void
test_dead (void)
{
  IscActivation activations[] = { ISC_ACTIVATION_TANH, ISC_ACTIVATION_RELU };

  for (guint i = 0; i < G_N_ELEMENTS (activations); i++)
    {
      g_autoptr(IscResult) result = run (NULL, ISC_INIT_ZERO, activations[i], 0.01, 4);
      g_autoptr(GArray) notes = isc_notes_compute (result);

      g_assert_cmphex (layers_with (notes, ISC_NOTE_DEAD), ==, all_layers (result));
      g_assert_cmpuint (notes->len, ==, isc_result_get_n_layers (result));
      g_assert_cmpfloat (isc_notes_find (notes, ISC_NOTE_DEAD)->value, ==, 1.0);
    }
  /* a healthy ReLU layer has about half its values at 0: not dead (test_healthy) */
}

/* σ = 0.01 on tanh shrinks by 0.01·√500 ≈ 0.22 a layer (2016) or 0.64 (2019); ReLU
 * with Xavier by 1/√2: collapsed, on the whole net only. */
static void
test_collapsed (void)
{
  const char *specs[] = { "cs231n-2016:small", "cs231n-2019:small",
                          "cs231n-2016:xavier-relu", "cs231n-2019:xavier-relu" };

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      g_autoptr(IscResult) result = run (specs[i], 0, 0, 0, 0);
      g_autoptr(GArray) notes = isc_notes_compute (result);
      guint n_layers = isc_result_get_n_layers (result);
      double ratio = isc_result_get_layer (result, n_layers - 1)->std /
                     isc_result_get_layer (result, 0)->std;

      g_test_message ("%s: last/first std %g", specs[i], ratio);
      g_assert_true (net_has (notes, ISC_NOTE_COLLAPSED));
      g_assert_cmpfloat (isc_notes_find (notes, ISC_NOTE_COLLAPSED)->value, ==, ratio);
      g_assert_null (isc_notes_find (notes, ISC_NOTE_EXPLODING));
      g_assert_cmpuint (notes->len, ==, 1);
    }
}

/* A linear net with σ = 1 at width 500 grows by √500 ≈ 22 a layer: five layers stay
 * finite (~22⁵ ≈ 5·10⁶) and explode; σ = 100 overflows float by layer ~9 and the
 * non-finite values are noted from that layer on. */
static void
test_exploding_and_nonfinite (void)
{
  g_autoptr(IscResult) big = run (NULL, ISC_INIT_GAUSSIAN, ISC_ACTIVATION_LINEAR, 1.0, 5);
  g_autoptr(GArray) big_notes = isc_notes_compute (big);
  g_autoptr(IscResult) boom = run (NULL, ISC_INIT_GAUSSIAN, ISC_ACTIVATION_LINEAR, 100.0, 20);
  g_autoptr(GArray) boom_notes = isc_notes_compute (boom);
  const IscNote *first;
  guint64 nonfinite = 0;

  g_assert_cmpuint (big_notes->len, ==, 1);
  g_assert_true (net_has (big_notes, ISC_NOTE_EXPLODING));
  g_assert_cmpfloat (isc_notes_find (big_notes, ISC_NOTE_EXPLODING)->value, >,
                     ISC_NOTES_EXPLODING_RATIO);

  first = isc_notes_find (boom_notes, ISC_NOTE_NONFINITE);
  g_assert_nonnull (first);
  for (guint l = 0; l < isc_result_get_n_layers (boom); l++)
    {
      guint64 n = isc_result_get_layer (boom, l)->nonfinite;

      /* the note is on exactly the layers that have such values, the first one first */
      g_assert_cmpuint ((layers_with (boom_notes, ISC_NOTE_NONFINITE) >> l) & 1, ==, n > 0);
      if (nonfinite == 0 && n > 0)
        {
          g_assert_cmpuint (first->layer, ==, l);
          g_assert_cmpfloat (first->value, ==, (double) n);
        }
      nonfinite += n;
    }
  g_assert_cmpuint (nonfinite, >, 0);
  g_assert_true (net_has (boom_notes, ISC_NOTE_EXPLODING));
  g_assert_true (isinf (isc_notes_find (boom_notes, ISC_NOTE_EXPLODING)->value));
  g_assert_null (isc_notes_find (big_notes, ISC_NOTE_NONFINITE));
}

/* One layer has no trend: only per-layer notes. */
static void
test_one_layer (void)
{
  g_autoptr(IscResult) result = run (NULL, ISC_INIT_GAUSSIAN, ISC_ACTIVATION_TANH, 0.001, 1);
  g_autoptr(GArray) notes = isc_notes_compute (result);

  g_assert_cmpuint (notes->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/notes/healthy", test_healthy);
  g_test_add_func ("/notes/saturated", test_saturated);
  g_test_add_func ("/notes/dead", test_dead);
  g_test_add_func ("/notes/collapsed", test_collapsed);
  g_test_add_func ("/notes/exploding-and-nonfinite", test_exploding_and_nonfinite);
  g_test_add_func ("/notes/one-layer", test_one_layer);
  return g_test_run ();
}
