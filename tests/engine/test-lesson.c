/* test-lesson.c — every lesson step sets the figure it says, in the lecture's order
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "isc-lesson.h"
#include "isc-presets.h"

/* The lecture's figures as the slides state them: the lesson must set exactly these. */
static const struct {
  const char    *name;
  IscInit        init;
  IscActivation  activation;
  double         scale;  /* only for the gaussian scheme */
  IscView        view;
  IscNorm        norm;
} lecture[] = {
  { "zero", ISC_INIT_ZERO, ISC_ACTIVATION_TANH, 0, ISC_VIEW_ACTIVATIONS },
  { "small", ISC_INIT_GAUSSIAN, ISC_ACTIVATION_TANH, 0.01, ISC_VIEW_ACTIVATIONS },
  { "small-gradients", ISC_INIT_GAUSSIAN, ISC_ACTIVATION_TANH, 0.01, ISC_VIEW_GRADIENTS },
  { "large", ISC_INIT_GAUSSIAN, ISC_ACTIVATION_TANH, 1.0, ISC_VIEW_ACTIVATIONS },
  { "large-gradients", ISC_INIT_GAUSSIAN, ISC_ACTIVATION_TANH, 1.0, ISC_VIEW_GRADIENTS },
  { "xavier", ISC_INIT_XAVIER, ISC_ACTIVATION_TANH, 0, ISC_VIEW_ACTIVATIONS },
  { "xavier-relu", ISC_INIT_XAVIER, ISC_ACTIVATION_RELU, 0, ISC_VIEW_ACTIVATIONS },
  { "kaiming-relu", ISC_INIT_KAIMING, ISC_ACTIVATION_RELU, 0, ISC_VIEW_ACTIVATIONS },
  { "batch-norm", ISC_INIT_GAUSSIAN, ISC_ACTIVATION_TANH, 0.01, ISC_VIEW_ACTIVATIONS,
    ISC_NORM_BATCH },
  { "torch-default", ISC_INIT_TORCH_DEFAULT, ISC_ACTIVATION_TANH, 0, ISC_VIEW_ACTIVATIONS },
};

static void
test_order (void)
{
  guint n;
  const IscLessonStep *steps = isc_lesson_get_steps (&n);

  g_assert_cmpuint (n, ==, G_N_ELEMENTS (lecture));
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (steps[i].name, ==, lecture[i].name);
}

static void
test_configs (void)
{
  guint n;
  const IscLessonStep *steps = isc_lesson_get_steps (&n);

  for (guint i = 0; i < n && i < G_N_ELEMENTS (lecture); i++)
    {
      g_autoptr(GError) error = NULL;
      IscConfig config;
      IscConfigField fields;

      isc_config_init_default (&config);
      config.scale = 0.5;  /* a user's σ: a non-gaussian step keeps it */
      config.norm = ISC_NORM_LAYER;  /* a user's: every step sets its own */
      config.gain = 2.0;
      config.bias_scale = 0.3;
      fields = isc_lesson_step_apply (&steps[i], &config, &error);
      g_assert_no_error (error);
      /* the 2016 set-up: 10 layers × 500, a batch of 1000 */
      g_assert_true (fields & ISC_CONFIG_FIELD_INIT);
      g_assert_true (fields & ISC_CONFIG_FIELD_ACTIVATION);
      g_assert_cmpuint (config.depth, ==, 10);
      g_assert_cmpuint (config.width, ==, 500);
      g_assert_cmpuint (config.batch, ==, 1000);
      g_assert_cmpint (config.init, ==, lecture[i].init);
      g_assert_cmpint (config.activation, ==, lecture[i].activation);
      g_assert_cmpfloat (config.scale, ==, lecture[i].init == ISC_INIT_GAUSSIAN
                                           ? lecture[i].scale : 0.5);
      g_assert_cmpint (steps[i].view, ==, lecture[i].view);
      g_assert_cmpint (config.norm, ==, lecture[i].norm);
      g_assert_cmpfloat (config.gain, ==, 1.0);
      g_assert_cmpfloat (config.bias_scale, ==, 0.0);
      /* a highlighted layer exists in the net */
      g_assert_cmpint (steps[i].highlight, <, (int) config.depth);
      g_assert_cmpint (steps[i].highlight, >=, ISC_LESSON_HIGHLIGHT_STD);
    }
}

/* two to four sentences, and a question has 3–4 answers, a right one, and both verdicts */
static void
test_texts (void)
{
  guint n;
  const IscLessonStep *steps = isc_lesson_get_steps (&n);
  guint n_questions = 0;

  for (guint i = 0; i < n; i++)
    {
      guint sentences = 0;

      g_assert_nonnull (steps[i].title);
      for (const char *c = steps[i].text; *c; c++)
        if (*c == '.' && (c[1] == ' ' || c[1] == '\0'))
          sentences++;
      g_assert_cmpuint (sentences, >=, 2);
      g_assert_cmpuint (sentences, <=, 4);
      if (steps[i].question == NULL)
        {
          g_assert_cmpuint (isc_lesson_step_n_answers (&steps[i]), ==, 0);
          continue;
        }
      n_questions++;
      g_assert_cmpuint (isc_lesson_step_n_answers (&steps[i]), >=, 3);
      g_assert_cmpuint (isc_lesson_step_n_answers (&steps[i]), <=, ISC_LESSON_MAX_ANSWERS);
      g_assert_cmpuint (steps[i].right, <, isc_lesson_step_n_answers (&steps[i]));
      g_assert_nonnull (steps[i].held);
      g_assert_nonnull (steps[i].missed);
    }
  g_assert_cmpuint (n_questions, >=, 3);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lesson/order", test_order);
  g_test_add_func ("/lesson/configs", test_configs);
  g_test_add_func ("/lesson/texts", test_texts);
  return g_test_run ();
}
