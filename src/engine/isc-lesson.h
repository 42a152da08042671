/* isc-lesson.h — the lecture's argument as a lesson: steps in order, each a figure to set,
 * a thing to look at, a few sentences and, for some, a prediction to make first
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "isc-config-fields.h"
#include "isc-result.h"

G_BEGIN_DECLS

/* IscLessonStep.highlight: nothing, or the std-per-layer line plot; else a layer index. */
#define ISC_LESSON_HIGHLIGHT_NONE (-1)
#define ISC_LESSON_HIGHLIGHT_STD  (-2)

/* Each at most this many answers. */
#define ISC_LESSON_MAX_ANSWERS 4

typedef struct
{
  const char *name;       /* "small", stable: the window stores the step's index */
  const char *title;      /* marked for translation: a heading */
  const char *spec;       /* a preset figure spec, "cs231n-2016:small" (isc_preset_apply_spec) */
  IscView     view;       /* the view to look at */
  int         highlight;  /* a layer (from 0), ISC_LESSON_HIGHLIGHT_STD or _NONE */
  const char *text;       /* marked for translation: two to four sentences */
  /* The prediction, or question == NULL: the figure is hidden until answered. */
  const char *question;   /* marked for translation */
  const char *answers[ISC_LESSON_MAX_ANSWERS]; /* marked for translation; NULL after the last */
  guint       right;      /* index of the right answer */
  const char *held;       /* marked for translation: said when the prediction held */
  const char *missed;     /* marked for translation: said when it did not */
  const char *init;       /* a scheme in place of the figure's (isc_init_from_string), or NULL */
  IscNorm     norm;       /* the normalization; every other step: none */
} IscLessonStep;

const IscLessonStep *isc_lesson_get_steps     (guint               *n_steps);
guint                isc_lesson_step_n_answers (const IscLessonStep *step);

/* Sets the step's config (its preset figure spec) on @config; returns the fields set,
 * as isc_preset_apply_spec(). */
IscConfigField       isc_lesson_step_apply    (const IscLessonStep *step,
                                               IscConfig           *config,
                                               GError             **error);

G_END_DECLS
