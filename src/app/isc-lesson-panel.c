/* isc-lesson-panel.c — the lesson beside the figure
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The steps are engine data (isc-lesson.c); this pane shows one, sets its figure
 * through the settings (as the presets do), frames what to look at, and for a
 * question hides the figure until it is answered: students who predict first learn
 * from a demonstration, those who only watch hardly do (Crouch et al. 2004).
 *
 * Placed in the window, it puts two widgets of its own next to the figure, in the
 * figure's box: the placeholder shown instead of it, and the diagnosis line under it.
 * It also owns presentation mode, since the lesson is what is presented.
 */

#define G_LOG_DOMAIN "isc-lesson"

#include "config.h"

#include <glib/gi18n.h>

#include "isc-diagnosis.h"
#include "isc-lesson.h"
#include "isc-lesson-panel.h"
#include "isc-settings.h"
#include "isc-window-private.h"

/* text × this when presenting: 1.8 makes 11 pt text 20 pt, legible from ~10 m at 720 p */
#define PRESENTING_TEXT_SCALE 1.8

struct _IscLessonPanel
{
  AdwBin        parent_instance;

  GtkRevealer  *revealer;
  GtkWidget    *content;
  GtkLabel     *counter_label;
  GtkLabel     *title_label;
  GtkLabel     *text_label;
  GtkWidget    *question_box;
  GtkLabel     *question_label;
  GtkBox       *answers_box;
  GtkLabel     *verdict_label;
  GtkWidget    *previous_button;
  GtkWidget    *next_button;

  IscWindow    *window;       /* not owned: the window owns us */
  GtkWidget    *placeholder;  /* owned by the figure's box */
  GtkLabel     *diagnosis;    /* ditto */
  guint         step;
  int           answered;     /* the answer given to this step's question, or -1 */
  gboolean      presenting;
  gboolean      was_flap_revealed;
  double        was_text_scale;
};

enum {
  PROP_0,
  PROP_REVEALED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (IscLessonPanel, isc_lesson_panel, ADW_TYPE_BIN)

static const IscLessonStep *
current_step (IscLessonPanel *self)
{
  guint n;
  const IscLessonStep *steps = isc_lesson_get_steps (&n);

  return &steps[MIN (self->step, n - 1)];
}

/* The figure hides only while the lesson is open and its question unanswered. */
static gboolean
figure_hidden (IscLessonPanel *self)
{
  return gtk_revealer_get_reveal_child (self->revealer) &&
         current_step (self)->question != NULL && self->answered < 0;
}

static void
update_figure (IscLessonPanel *self)
{
  const IscLessonStep *step = current_step (self);
  gboolean hidden = figure_hidden (self);
  int highlight = ISC_FIGURE_HIGHLIGHT_NONE;

  if (self->placeholder == NULL)
    return;
  if (gtk_revealer_get_reveal_child (self->revealer))
    highlight = step->highlight == ISC_LESSON_HIGHLIGHT_STD ? ISC_FIGURE_HIGHLIGHT_STD
              : step->highlight >= 0 ? ISC_FIGURE_HIGHLIGHT_LAYER (step->highlight)
              : ISC_FIGURE_HIGHLIGHT_NONE;
  isc_histogram_view_set_lesson_style (self->window->view, highlight, self->presenting);
  gtk_widget_set_visible (GTK_WIDGET (self->window->view), !hidden);
  gtk_widget_set_visible (self->placeholder, hidden);
  gtk_widget_set_visible (GTK_WIDGET (self->diagnosis), !hidden);
}

static void
on_answer_clicked (GtkButton      *button,
                   IscLessonPanel *self)
{
  isc_lesson_panel_answer (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button),
                                                                      "answer")));
}

static void
fill_answers (IscLessonPanel      *self,
              const IscLessonStep *step)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->answers_box))) != NULL)
    gtk_box_remove (self->answers_box, child);
  for (guint i = 0; i < isc_lesson_step_n_answers (step); i++)
    {
      GtkWidget *button = gtk_button_new_with_label (_(step->answers[i]));

      gtk_label_set_wrap (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), TRUE);
      gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), 0.0);
      g_object_set_data (G_OBJECT (button), "answer", GUINT_TO_POINTER (i));
      g_signal_connect (button, "clicked", G_CALLBACK (on_answer_clicked), self);
      gtk_box_append (self->answers_box, button);
    }
}

static void
update_step (IscLessonPanel *self)
{
  const IscLessonStep *step = current_step (self);
  guint n;
  g_autofree char *counter = NULL;

  isc_lesson_get_steps (&n);
  /* Translators: the lesson's step counter */
  counter = g_strdup_printf (_("Step %u of %u"), self->step + 1, n);
  gtk_label_set_label (self->counter_label, counter);
  gtk_label_set_label (self->title_label, _(step->title));
  gtk_label_set_label (self->text_label, _(step->text));
  gtk_widget_set_visible (self->question_box, step->question != NULL);
  if (step->question != NULL)
    gtk_label_set_label (self->question_label, _(step->question));
  fill_answers (self, step);
  gtk_widget_set_visible (GTK_WIDGET (self->verdict_label), FALSE);
  gtk_widget_set_sensitive (self->previous_button, self->step > 0);
  gtk_widget_set_sensitive (self->next_button, self->step + 1 < n);
  update_figure (self);
}

static void
apply_config (IscLessonPanel *self)
{
  g_autoptr(GError) error = NULL;
  IscConfig config;
  IscConfigField fields;

  if (self->placeholder == NULL)
    return;
  isc_settings_get_config (self->window->settings, &config);
  fields = isc_lesson_step_apply (current_step (self), &config, &error);
  if (fields == 0)
    g_warning ("lesson step “%s”: %s", current_step (self)->name, error->message);
  else
    isc_settings_set_config (self->window->settings, &config, fields);
  /* and the view it looks at: a gradient step shows the gradients */
  g_settings_set_string (self->window->settings, "view",
                         isc_view_to_string (current_step (self)->view));
}

static void
on_setup_clicked (IscLessonPanel *self)
{
  apply_config (self);
}

void
isc_lesson_panel_go (IscLessonPanel *self,
                     guint           step)
{
  guint n;

  g_return_if_fail (ISC_IS_LESSON_PANEL (self));

  isc_lesson_get_steps (&n);
  self->step = MIN (step, n - 1);
  self->answered = -1;
  if (self->placeholder != NULL)
    g_settings_set_int (self->window->settings, "lesson-step", (int) self->step);
  update_step (self);
  apply_config (self);
}

void
isc_lesson_panel_next (IscLessonPanel *self)
{
  guint n;

  isc_lesson_get_steps (&n);
  if (self->step + 1 < n)
    isc_lesson_panel_go (self, self->step + 1);
}

void
isc_lesson_panel_previous (IscLessonPanel *self)
{
  if (self->step > 0)
    isc_lesson_panel_go (self, self->step - 1);
}

void
isc_lesson_panel_answer (IscLessonPanel *self,
                         guint           answer)
{
  const IscLessonStep *step;
  gboolean held;

  g_return_if_fail (ISC_IS_LESSON_PANEL (self));

  step = current_step (self);
  if (step->question == NULL || answer >= isc_lesson_step_n_answers (step))
    return;
  self->answered = (int) answer;
  held = answer == step->right;
  gtk_label_set_label (self->verdict_label, held ? _(step->held) : _(step->missed));
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), held ? "error" : "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->verdict_label), held ? "success" : "error");
  gtk_widget_set_visible (GTK_WIDGET (self->verdict_label), TRUE);
  /* the right answer in the accent colour, a wrong pick in red */
  for (GtkWidget *b = gtk_widget_get_first_child (GTK_WIDGET (self->answers_box)); b != NULL;
       b = gtk_widget_get_next_sibling (b))
    {
      guint i = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (b), "answer"));

      if (i == step->right)
        gtk_widget_add_css_class (b, "suggested-action");
      else if (i == answer)
        gtk_widget_add_css_class (b, "destructive-action");
    }
  update_figure (self);
}

guint
isc_lesson_panel_get_step (IscLessonPanel *self)
{
  g_return_val_if_fail (ISC_IS_LESSON_PANEL (self), 0);
  return self->step;
}

gboolean
isc_lesson_panel_get_figure_hidden (IscLessonPanel *self)
{
  g_return_val_if_fail (ISC_IS_LESSON_PANEL (self), FALSE);
  return figure_hidden (self);
}

gboolean
isc_lesson_panel_get_revealed (IscLessonPanel *self)
{
  g_return_val_if_fail (ISC_IS_LESSON_PANEL (self), FALSE);
  return gtk_revealer_get_reveal_child (self->revealer);
}

/* Opening the lesson sets its step's figure: what is on screen is what it talks about. */
void
isc_lesson_panel_set_revealed (IscLessonPanel *self,
                               gboolean        revealed)
{
  g_return_if_fail (ISC_IS_LESSON_PANEL (self));

  revealed = !!revealed;
  if (revealed == gtk_revealer_get_reveal_child (self->revealer))
    return;
  gtk_revealer_set_reveal_child (self->revealer, revealed);
  if (revealed)
    {
      isc_lesson_panel_go (self, self->step);
      gtk_widget_grab_focus (self->next_button);
    }
  else
    update_figure (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEALED]);
}

/* The header bar: the first child of the window's content box (isc-window.ui). */
static GtkWidget *
header_bar (IscLessonPanel *self)
{
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (self->window));

  return content ? gtk_widget_get_first_child (content) : NULL;
}

gboolean
isc_lesson_panel_get_presenting (IscLessonPanel *self)
{
  g_return_val_if_fail (ISC_IS_LESSON_PANEL (self), FALSE);
  return self->presenting;
}

void
isc_lesson_panel_set_presenting (IscLessonPanel *self,
                                 gboolean        presenting)
{
  IscWindow *window = self->window;

  g_return_if_fail (ISC_IS_LESSON_PANEL (self));

  presenting = !!presenting;
  if (self->placeholder == NULL || presenting == self->presenting)
    return;
  self->presenting = presenting;
  if (presenting)
    {
      self->was_flap_revealed = adw_flap_get_reveal_flap (window->flap);
      self->was_text_scale = isc_histogram_view_get_text_scale (window->view);
      adw_flap_set_reveal_flap (window->flap, FALSE);
      gtk_window_fullscreen (GTK_WINDOW (window));
      isc_histogram_view_set_text_scale (window->view,
                                         self->was_text_scale * PRESENTING_TEXT_SCALE);
      gtk_widget_add_css_class (GTK_WIDGET (window), "presenting");
    }
  else
    {
      adw_flap_set_reveal_flap (window->flap, self->was_flap_revealed);
      gtk_window_unfullscreen (GTK_WINDOW (window));
      isc_histogram_view_set_text_scale (window->view, self->was_text_scale);
      gtk_widget_remove_css_class (GTK_WIDGET (window), "presenting");
    }
  gtk_widget_set_visible (header_bar (self), !presenting);
  gtk_widget_set_visible (GTK_WIDGET (window->status_bar), !presenting);
  gtk_widget_action_set_enabled (GTK_WIDGET (window), "win.leave-presentation", presenting);
  update_figure (self);
}

/* A presentation clicker sends Page Up/Down; the arrows are the keyboard's. */
static gboolean
on_key_pressed (IscLessonPanel        *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  gboolean window_wide = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)) !=
                         GTK_WIDGET (self);

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0 ||
      !gtk_revealer_get_reveal_child (self->revealer) || (window_wide && !self->presenting))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Right: case GDK_KEY_Page_Down: case GDK_KEY_KP_Page_Down:
      isc_lesson_panel_next (self);
      return TRUE;
    case GDK_KEY_Left: case GDK_KEY_Page_Up: case GDK_KEY_KP_Page_Up:
      isc_lesson_panel_previous (self);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
update_diagnosis (IscLessonPanel *self)
{
  g_autofree char *text = NULL;

  isc_diagnosis_compute (isc_histogram_view_get_result (self->window->view), &text);
  gtk_label_set_label (self->diagnosis, text);
}

static GtkWidget *
placeholder_new (void)
{
  GtkWidget *page = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "dialog-question-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (page), _("Make Your Prediction"));
  adw_status_page_set_description (ADW_STATUS_PAGE (page),
                                   _("The figure shows once you have answered the question."));
  gtk_widget_set_vexpand (page, TRUE);
  gtk_widget_set_visible (page, FALSE);
  return page;
}

/* In the window: the placeholder and the diagnosis go into the figure's box, after it. */
static void
attach (IscLessonPanel *self)
{
  IscWindow *window = self->window;
  GtkWidget *view = GTK_WIDGET (window->view);
  GtkWidget *box = gtk_widget_get_parent (view);
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->diagnosis = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->diagnosis, TRUE);
  gtk_label_set_xalign (self->diagnosis, 0.0);
  gtk_widget_add_css_class (GTK_WIDGET (self->diagnosis), "diagnosis");
  self->placeholder = placeholder_new ();
  gtk_box_insert_child_after (GTK_BOX (box), GTK_WIDGET (self->diagnosis), view);
  gtk_box_insert_child_after (GTK_BOX (box), self->placeholder, view);
  g_signal_connect_object (view, "notify::result", G_CALLBACK (update_diagnosis), self,
                           G_CONNECT_SWAPPED);
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (window), keys);
  gtk_widget_action_set_enabled (GTK_WIDGET (window), "win.leave-presentation", FALSE);
}

/* The window's settings and children exist only after its template: take them when
 * first mapped. */
static void
isc_lesson_panel_map (GtkWidget *widget)
{
  IscLessonPanel *self = ISC_LESSON_PANEL (widget);

  GTK_WIDGET_CLASS (isc_lesson_panel_parent_class)->map (widget);
  if (self->window == NULL || self->placeholder != NULL)
    return;
  attach (self);
  self->step = (guint) g_settings_get_int (self->window->settings, "lesson-step");
  update_step (self);
  update_diagnosis (self);
}

static void
on_root_changed (IscLessonPanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->window == NULL && ISC_IS_WINDOW (root))
    {
      self->window = ISC_WINDOW (root);
      g_object_set_data (G_OBJECT (root), "isc-lesson-panel", self);
    }
}

static void
isc_lesson_panel_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  IscLessonPanel *self = ISC_LESSON_PANEL (object);

  if (prop_id == PROP_REVEALED)
    g_value_set_boolean (value, isc_lesson_panel_get_revealed (self));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
isc_lesson_panel_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  IscLessonPanel *self = ISC_LESSON_PANEL (object);

  if (prop_id == PROP_REVEALED)
    isc_lesson_panel_set_revealed (self, g_value_get_boolean (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

/* Presenting scales the lesson's text with the figure's; Adwaita's heading classes have
 * sizes of their own, so they are scaled one by one (× PRESENTING_TEXT_SCALE). */
static const char css[] =
  ".diagnosis { padding: 6px 12px; }\n"
  ".lesson-panel { padding: 18px; }\n"
  ".presenting .lesson-panel, .presenting .diagnosis { font-size: 180%; }\n"
  ".presenting .lesson-panel { min-width: 480px; }\n"
  ".presenting .lesson-panel .title-2 { font-size: 27pt; }\n"
  ".presenting .lesson-panel .heading { font-size: 20pt; }\n"
  ".presenting .lesson-panel .caption-heading { font-size: 16pt; }\n";

static void
add_css (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_data (provider, css, -1);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
isc_lesson_panel_class_init (IscLessonPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = isc_lesson_panel_get_property;
  object_class->set_property = isc_lesson_panel_set_property;
  widget_class->map = isc_lesson_panel_map;

  properties[PROP_REVEALED] =
    g_param_spec_boolean ("revealed", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/initscope/Initscope/"
                                               "isc-lesson-panel.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, IscLessonPanel, name)
  CHILD (revealer); CHILD (content); CHILD (counter_label); CHILD (title_label);
  CHILD (text_label); CHILD (question_box); CHILD (question_label); CHILD (answers_box);
  CHILD (verdict_label); CHILD (previous_button); CHILD (next_button);
#undef CHILD
  gtk_widget_class_bind_template_callback (widget_class, on_setup_clicked);
  gtk_widget_class_bind_template_callback (widget_class, isc_lesson_panel_next);
  gtk_widget_class_bind_template_callback (widget_class, isc_lesson_panel_previous);
}

static void
isc_lesson_panel_init (IscLessonPanel *self)
{
  static gsize css_done;
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->answered = -1;
  if (g_once_init_enter (&css_done))
    {
      add_css ();
      g_once_init_leave (&css_done, 1);
    }
  /* arrows and Page Up/Down while the focus is in the pane */
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  g_signal_connect (self, "notify::root", G_CALLBACK (on_root_changed), NULL);
}

IscLessonPanel *
isc_lesson_panel_get_for_window (GtkWidget *window)
{
  g_return_val_if_fail (GTK_IS_WIDGET (window), NULL);
  return g_object_get_data (G_OBJECT (window), "isc-lesson-panel");
}
