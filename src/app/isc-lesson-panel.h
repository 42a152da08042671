/* isc-lesson-panel.h — the lesson beside the figure: steps, predict-then-reveal, presenting
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ISC_TYPE_LESSON_PANEL (isc_lesson_panel_get_type ())

G_DECLARE_FINAL_TYPE (IscLessonPanel, isc_lesson_panel, ISC, LESSON_PANEL, AdwBin)

/* The panel of the window @widget is in (set when the panel is placed in it), or NULL. */
IscLessonPanel *isc_lesson_panel_get_for_window (GtkWidget      *window);

gboolean isc_lesson_panel_get_revealed   (IscLessonPanel *self);
void     isc_lesson_panel_set_revealed   (IscLessonPanel *self,
                                          gboolean        revealed);
guint    isc_lesson_panel_get_step       (IscLessonPanel *self);
/* Goes to step @step (clamped), sets its figure and, for a question, hides the figure
 * until it is answered. */
void     isc_lesson_panel_go             (IscLessonPanel *self,
                                          guint           step);
void     isc_lesson_panel_next           (IscLessonPanel *self);
void     isc_lesson_panel_previous       (IscLessonPanel *self);
/* Answers the step's question with answer @answer: reveals the figure and says whether
 * the prediction held. */
void     isc_lesson_panel_answer         (IscLessonPanel *self,
                                          guint           answer);
/* Whether the figure is hidden behind "Make your prediction". */
gboolean isc_lesson_panel_get_figure_hidden (IscLessonPanel *self);

/* Presentation mode: full screen, no header bar, side panel or status bar, text scaled
 * for the back of the room, the projector palette. */
gboolean isc_lesson_panel_get_presenting (IscLessonPanel *self);
void     isc_lesson_panel_set_presenting (IscLessonPanel *self,
                                          gboolean        presenting);

G_END_DECLS
