/* isc-lesson.c — the lecture's steps, in the lecture's order
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every step is a figure of the CS231n 2016 set-up (10 layers × 500, a batch of
 * 1000): its histograms are the ones the lecture showed. The texts are ours.
 */

#define G_LOG_DOMAIN "isc-lesson"

#include "config.h"

#include <glib/gi18n.h>

#include "isc-lesson.h"
#include "isc-presets.h"

static const IscLessonStep steps[] = {
  { "zero", N_("Start from zero: W = 0"), "cs231n-2016:zero", ISC_VIEW_ACTIVATIONS,
    ISC_LESSON_HIGHLIGHT_STD,
    N_("With every weight 0 each unit computes the same thing: tanh(0) = 0 in every layer. "
       "Their gradients are the same too, so training can never make them differ. "
       "Any constant initialization has this symmetry; random weights break it."),
    N_("With W = 0, how many different units does layer 5 have?"),
    { N_("One: every unit is the same"), N_("About half of the 500"), N_("All 500"), NULL },
    0,
    N_("Your prediction held: one unit, copied 500 times."),
    N_("Not this time: with equal weights every unit is the same, one unit copied 500 times.") },

  { "small", N_("Small weights: σ = 0.01"), "cs231n-2016:small", ISC_VIEW_ACTIVATIONS, 9,
    N_("Each layer multiplies the std of its input by about σ·√500 ≈ 0.22. "
       "After ten layers the signal is a spike at 0: the net has collapsed. "
       "Look at the last layer and the std plot."),
    N_("What will layer 10’s histogram look like?"),
    { N_("Spread evenly over −1 … 1"), N_("A narrow spike at 0"), N_("Two spikes at −1 and 1"),
      N_("The same as layer 1") },
    1,
    N_("Your prediction held: the activations shrink to a spike at 0."),
    N_("Not quite: every layer shrinks the std by about ×0.22, so layer 10 is a spike at 0.") },

  { "small-gradients", N_("Small weights: the gradients"), "cs231n-2016:small",
    ISC_VIEW_GRADIENTS, ISC_LESSON_HIGHLIGHT_STD,
    N_("Going backwards, each layer multiplies the gradient by the same small weights, so the "
       "gradients vanish towards the input. The weight gradients are also tiny, since each "
       "is the gradient times an input that has collapsed. Nothing learns."),
    NULL, { NULL }, 0, NULL, NULL },

  { "large", N_("Large weights: σ = 1.0"), "cs231n-2016:large", ISC_VIEW_ACTIVATIONS, 9,
    N_("Now the pre-activations have a std of about √500 ≈ 22, far into the flat ends of tanh. "
       "Almost every unit is saturated at −1 or 1."),
    N_("What will layer 10’s histogram look like?"),
    { N_("A narrow spike at 0"), N_("A bell curve"), N_("Two spikes at −1 and 1"), NULL },
    2,
    N_("Your prediction held: the units are saturated at −1 and 1."),
    N_("Not quite: the inputs of tanh are so large that almost all units sit at −1 or 1.") },

  { "large-gradients", N_("Large weights: the gradients"), "cs231n-2016:large",
    ISC_VIEW_GRADIENTS, ISC_LESSON_HIGHLIGHT_STD,
    N_("A saturated unit has a local gradient near 0, so little flows through it. "
       "Yet the gradients that do get through are multiplied by large weights at every layer, "
       "and grow towards the input. Saturation and growth together make training unstable."),
    NULL, { NULL }, 0, NULL, NULL },

  { "xavier", N_("Xavier with tanh"), "cs231n-2016:xavier", ISC_VIEW_ACTIVATIONS, 9,
    N_("Xavier initialization sets σ = 1/√fan_in, so each layer keeps the variance of its input. "
       "The histograms keep their width from the first layer to the last."),
    NULL, { NULL }, 0, NULL, NULL },

  { "xavier-relu", N_("Xavier with ReLU"), "cs231n-2016:xavier-relu", ISC_VIEW_ACTIVATIONS,
    ISC_LESSON_HIGHLIGHT_STD,
    N_("ReLU sets half of its inputs to 0, so it halves the variance Xavier keeps. "
       "The std shrinks by about 1/√2 a layer, and the net collapses again, only more slowly."),
    N_("Xavier kept tanh healthy. What does it do with ReLU?"),
    { N_("The same: the std stays the same"), N_("The std shrinks layer by layer"),
      N_("The std grows layer by layer"), NULL },
    1,
    N_("Your prediction held: ReLU halves the variance, so the std shrinks."),
    N_("Not quite: ReLU zeroes half of its inputs, so the std shrinks by about 1/√2 a layer.") },

  { "kaiming-relu", N_("Kaiming with ReLU"), "cs231n-2016:kaiming-relu", ISC_VIEW_ACTIVATIONS,
    ISC_LESSON_HIGHLIGHT_STD,
    N_("Kaiming (He) initialization doubles the variance: σ = √(2/fan_in). "
       "That makes up for the half ReLU removes, and the std stays level through all ten layers."),
    NULL, { NULL }, 0, NULL, NULL },

  { "batch-norm", N_("Batch norm: σ no longer matters"), "cs231n-2016:small",
    ISC_VIEW_ACTIVATIONS, ISC_LESSON_HIGHLIGHT_STD,
    N_("Back to σ = 0.01, which collapsed, now with batch norm before each tanh: every unit is "
       "made zero-mean and unit-variance over the batch. The activations no longer depend on "
       "σ at all. Switch to the gradients: they grow towards the input instead of vanishing."),
    N_("With batch norm, what will the std of layer 10 look like at σ = 0.01?"),
    { N_("Collapsed towards 0, as without it"),
      N_("Level, about the same at every layer"),
      N_("Saturated at ±1"), NULL },
    1,
    N_("Your prediction held: batch norm rescales every layer, so σ drops out."),
    N_("Not quite: batch norm divides each unit by its std over the batch, so σ drops out and "
       "every layer looks alike."),
    NULL, ISC_NORM_BATCH },

  { "torch-default", N_("PyTorch’s default"), "cs231n-2016:xavier", ISC_VIEW_ACTIVATIONS,
    ISC_LESSON_HIGHLIGHT_STD,
    N_("What nn.Linear gives you if you set nothing: W ~ U(±1/√fan_in), whose std is "
       "1/√(3·fan_in), √3 smaller than Xavier's. With tanh the std shrinks by about 1/√3 a "
       "layer: the small-σ collapse, only slower."),
    NULL, { NULL }, 0, NULL, NULL, "torch-default", ISC_NORM_NONE },
};

const IscLessonStep *
isc_lesson_get_steps (guint *n_steps)
{
  if (n_steps)
    *n_steps = G_N_ELEMENTS (steps);
  return steps;
}

guint
isc_lesson_step_n_answers (const IscLessonStep *step)
{
  guint n = 0;

  g_return_val_if_fail (step != NULL, 0);

  if (step->question == NULL)
    return 0;
  while (n < ISC_LESSON_MAX_ANSWERS && step->answers[n] != NULL)
    n++;
  return n;
}

IscConfigField
isc_lesson_step_apply (const IscLessonStep *step,
                       IscConfig           *config,
                       GError             **error)
{
  g_return_val_if_fail (step != NULL, 0);
  g_return_val_if_fail (config != NULL, 0);

  IscConfigField fields = isc_preset_apply_spec (step->spec, config, error);

  if (fields == 0)
    return 0;
  if (step->init != NULL && !isc_init_from_string (step->init, &config->init, error))
    return 0;
  /* a step is the lecture's net: no normalization but its own, unit gain, no biases */
  config->norm = step->norm;
  config->gain = 1.0;
  config->bias_scale = 0.0;
  return fields | ISC_CONFIG_FIELD_INIT | ISC_CONFIG_FIELD_NORM | ISC_CONFIG_FIELD_GAIN |
         ISC_CONFIG_FIELD_BIAS_SCALE;
}
