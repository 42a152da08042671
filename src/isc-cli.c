/* isc-cli.c
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "initscope"

#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "isc-cli.h"
#include "isc-config-fields.h"
#include "isc-export.h"
#include "isc-network.h"
#include "isc-notes.h"

#define DEFAULT_WIDTH  1920
#define DEFAULT_HEIGHT 1080

void
isc_cli_options_clear (IscCliOptions *options)
{
  g_clear_pointer (&options->export_path, g_free);
  g_clear_pointer (&options->stats_path, g_free);
}

/* Output ----------------------------------------------------------------- */

/* Plain ASCII for what the app itself prints; the locale's own charset, when
 * it has the character, comes first. */
static const struct {
  gunichar    c;
  const char *ascii;
} transliterations[] = {
  { 0x00A0, " " }, { 0x00B1, "+/-" }, { 0x00B7, "." }, { 0x00D7, "x" },
  { 0x03B4, "delta" }, { 0x03B5, "epsilon" }, { 0x03BC, "mu" }, { 0x03C3, "sigma" },
  { 0x03C6, "phi" }, { 0x03C7, "chi" }, { 0x2009, " " }, { 0x2013, "-" }, { 0x2014, "-" },
  { 0x2018, "'" }, { 0x2019, "'" }, { 0x201C, "\"" }, { 0x201D, "\"" }, { 0x2022, "*" },
  { 0x2026, "..." }, { 0x202F, " " }, { 0x2192, "->" }, { 0x2212, "-" }, { 0x221A, "sqrt" },
  { 0x2264, "<=" }, { 0x2265, ">=" },
};

static void
append_char_for_locale (GString    *out,
                        const char *utf8,
                        gsize       len,
                        const char *charset)
{
  gunichar c = g_utf8_get_char (utf8);
  g_autofree char *converted = NULL;
  gsize n = 0;

  converted = g_convert (utf8, len, charset, "UTF-8", NULL, &n, NULL);
  if (converted != NULL && n > 0)
    {
      g_string_append_len (out, converted, n);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (transliterations); i++)
    if (transliterations[i].c == c)
      {
        g_string_append (out, transliterations[i].ascii);
        return;
      }
  g_string_append_c (out, '?');
}

/* @text (UTF-8, perhaps not valid: a file name) as the terminal's charset
 * shows it: unchanged under UTF-8, else converted character by character
 * with ASCII stand-ins where the charset lacks one. */
static char *
text_for_locale (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  const char *charset;
  GString *out;

  if (g_get_charset (&charset))
    return g_steal_pointer (&valid);

  out = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      if ((guchar) *p < 0x80)
        g_string_append_c (out, *p);
      else
        append_char_for_locale (out, p, g_utf8_next_char (p) - p, charset);
    }
  return g_string_free (out, FALSE);
}

static void
print_for_locale (const char *text,
                  FILE       *stream)
{
  g_autofree char *shown = text_for_locale (text);

  fputs (shown, stream);
  fflush (stream);
}

static void
print_out (const char *text)
{
  print_for_locale (text, stdout);
}

static void
print_err (const char *text)
{
  print_for_locale (text, stderr);
}

/* Values ------------------------------------------------------------------ */

/* A value given in the locale's charset, as UTF-8 when it converts; kept as
 * given when it does not (non-ASCII under LC_ALL=C): the parsers then reject
 * it with a message naming its flag. */
static void
value_to_utf8 (char **value)
{
  g_autofree char *utf8 = NULL;

  if (*value == NULL || g_get_charset (NULL))
    return;
  utf8 = g_locale_to_utf8 (*value, -1, NULL, NULL, NULL);
  if (utf8 != NULL)
    {
      g_free (*value);
      *value = g_steal_pointer (&utf8);
    }
}

static gboolean
parse_size (const char  *text,
            int         *width,
            int         *height,
            GError     **error)
{
  g_auto(GStrv) parts = NULL;
  guint64 w, h;

  parts = g_strsplit_set (text, "xX", 3);
  if (g_strv_length (parts) != 2 ||
      !isc_parse_uint ("--size", parts[0], ISC_EXPORT_SIZE_MIN, ISC_EXPORT_SIZE_MAX, &w, NULL) ||
      !isc_parse_uint ("--size", parts[1], ISC_EXPORT_SIZE_MIN, ISC_EXPORT_SIZE_MAX, &h, NULL))
    {
      if (!g_str_is_ascii (text))
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                     /* Translators: the x is the ASCII letter */
                     _("--size must be WIDTHxHEIGHT with a plain x, each from %d to %d, not “%s”"),
                     ISC_EXPORT_SIZE_MIN, ISC_EXPORT_SIZE_MAX, text);
      else
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                     _("--size must be WIDTHxHEIGHT, each from %d to %d, not “%s”"),
                     ISC_EXPORT_SIZE_MIN, ISC_EXPORT_SIZE_MAX, text);
      return FALSE;
    }
  *width = (int) w;
  *height = (int) h;
  return TRUE;
}

/* At most this many config fields: a fixed array keeps CliValues a plain value. */
#define MAX_FIELDS 32

/* The flags' values as given, before parsing; the config fields' in table order. */
typedef struct
{
  char      *export_path;
  char      *stats_path;
  char      *preset;
  char      *fields[MAX_FIELDS];
  char      *size;
  char      *range;
  char      *view;
  char      *reference;
  GStrv      rest;
  gboolean   version;
  gboolean   gradients;
  gboolean   theory;
  GPtrArray *texts;  /* the entries' help texts, made from the field table */
} CliValues;

static void
cli_values_clear (CliValues *v)
{
  char **strings[] = { &v->export_path, &v->stats_path, &v->preset, &v->size, &v->range,
                       &v->view, &v->reference };

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    g_clear_pointer (strings[i], g_free);
  for (guint i = 0; i < MAX_FIELDS; i++)
    g_clear_pointer (&v->fields[i], g_free);
  g_clear_pointer (&v->rest, g_strfreev);
  g_clear_pointer (&v->texts, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliValues, cli_values_clear)

/* The config flags: the preset first, then each field's flag over it; every
 * error names its flag. */
static gboolean
parse_config_values (CliValues      *v,
                     IscCliOptions  *options,
                     GError        **error)
{
  const IscConfigFieldInfo *fields;
  guint n_fields;

  if (v->preset != NULL)
    {
      IscConfigField set = isc_preset_apply_spec (v->preset, &options->config, error);

      if (set == 0)
        return g_prefix_error (error, "--preset: "), FALSE;
      options->set |= set;
    }

  fields = isc_config_fields_get (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *flag = g_strconcat ("--", fields[i].flag, NULL);

      if (v->fields[i] == NULL)
        continue;
      if (!isc_config_field_parse (&fields[i], flag, v->fields[i], &options->config, error))
        return FALSE;
      options->set |= fields[i].bit;
    }

  if (v->size != NULL && !parse_size (v->size, &options->width, &options->height, error))
    return FALSE;
  return isc_config_validate (&options->config, error);
}

static GOptionContext *option_context_new (CliValues *v);

/* --reference 'FLAGS': split like a shell, then the config flags alone
 * parsed over a copy of the main config. */
static gboolean
parse_reference (const char     *text,
                 IscCliOptions  *options,
                 GError        **error)
{
  g_auto(CliValues) rv = { NULL };
  g_autoptr(GOptionContext) context = NULL;
  g_auto(GStrv) words = NULL;
  g_auto(GStrv) args = NULL;
  IscCliOptions ref = { 0 };
  int argc = 0;

  if (text == NULL)
    return TRUE;
  if (!g_shell_parse_argv (text, &argc, &words, error))
    return g_prefix_error (error, "--reference: "), FALSE;
  args = g_new0 (char *, argc + 2);
  args[0] = g_strdup ("initscope");
  for (int i = 0; i < argc; i++)
    args[i + 1] = g_strdup (words[i]);

  rv.texts = g_ptr_array_new_with_free_func (g_free);
  context = option_context_new (&rv);
  g_option_context_set_help_enabled (context, FALSE);
  if (!g_option_context_parse_strv (context, &args, error))
    return g_prefix_error (error, "--reference: "), FALSE;
  if ((rv.rest != NULL && rv.rest[0] != NULL) || rv.export_path || rv.stats_path || rv.size ||
      rv.range || rv.view || rv.reference || rv.gradients || rv.theory || rv.version)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--reference takes config flags only (like --init, --scale, --norm), "
                     "not “%s”"), text);
      return FALSE;
    }
  ref.config = options->config;
  if (!parse_config_values (&rv, &ref, error))
    return g_prefix_error (error, "--reference: "), FALSE;
  options->reference = ref.config;
  options->has_reference = TRUE;
  return TRUE;
}

/* --range MODE: the figure's histogram range mode. */
static gboolean
parse_range (const char  *text,
             int         *range,
             GError     **error)
{
  if (text == NULL)
    return TRUE;
  for (int i = 0; i < ISC_N_RANGES; i++)
    if (g_ascii_strcasecmp (text, isc_range_mode_to_string (i)) == 0)
      {
        *range = i;
        return TRUE;
      }
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               /* Translators: %s is what was given */
               _("--range: unknown mode “%s”: shared, per-layer or symlog"), text);
  return FALSE;
}

/* --gradients, and --view: what it names; any view but the activations
 * needs the backward pass. */
static gboolean
parse_view_values (const CliValues *v,
                   IscCliOptions   *options,
                   GError         **error)
{
  options->view = ISC_VIEW_ACTIVATIONS;
  options->view_given = v->view != NULL;
  if (v->view != NULL && !isc_view_from_string (v->view, &options->view, error))
    return g_prefix_error (error, "--view: "), FALSE;
  options->gradients = v->gradients || options->view != ISC_VIEW_ACTIVATIONS;
  return TRUE;
}

/* The output files: named, of a known type, and not one file twice. */
static gboolean
check_outputs (const CliValues  *v,
               GError          **error)
{
  if (v->export_path != NULL && *v->export_path == '\0')
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--export needs a file name"));
      return FALSE;
    }
  if (v->stats_path != NULL && *v->stats_path == '\0')
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("--stats needs a file name"));
      return FALSE;
    }
  if (v->export_path != NULL && !isc_export_format_from_path (v->export_path, NULL, error))
    return g_prefix_error (error, "--export: "), FALSE;

  if (v->export_path != NULL && v->stats_path != NULL &&
      isc_export_same_file (v->export_path, v->stats_path))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   /* Translators: the two file names as given */
                   _("--export and --stats name the same file (“%s” and “%s”)"),
                   v->export_path, v->stats_path);
      return FALSE;
    }
  return TRUE;
}

/* A help text made here, kept until the context goes. */
static const char *
keep_text (CliValues *v,
           char      *text)
{
  g_ptr_array_add (v->texts, text);
  return text;
}

/* "Number of layers, 1 to 50 (default: 10)", from the field's row. */
static char *
field_help (const IscConfigFieldInfo *field)
{
  g_autofree char *range = isc_config_field_range_text (field);
  g_autofree char *def = isc_config_field_default_text (field);

  if (field->type == ISC_FIELD_TYPE_ENUM)
    /* Translators: --help of a flag that takes a name: what it is, the names, the default */
    return g_strdup_printf (_("%s: %s (default: %s)"), _(field->help), range, def);
  /* Translators: --help of a number flag: what it is, its range, the default */
  return g_strdup_printf (_("%s, %s (default: %s)"), _(field->help), range, def);
}

/* The presets' shapes and figures, from the preset table. */
static char *
preset_help (void)
{
  guint n_presets;
  const IscPreset *presets = isc_presets_get (&n_presets);
  g_autoptr(GString) setups = g_string_new (NULL);
  g_autoptr(GString) figures = g_string_new (NULL);

  for (guint i = 0; i < n_presets; i++)
    {
      if (i > 0)
        g_string_append (setups, i + 1 == n_presets ? _(" or ") : ", ");
      /* Translators: a preset of --help: its name, depth, width and batch */
      g_string_append_printf (setups, _("%s (depth %u, width %u, batch %u)"), presets[i].name,
                              presets[i].depth, presets[i].width, presets[i].batch);
    }
  /* every set-up has the same figures (their σ follows the width) */
  for (guint i = 0; i < presets[0].n_figures; i++)
    {
      if (i > 0)
        g_string_append (figures, i + 1 == presets[0].n_figures ? _(" or ") : ", ");
      g_string_append (figures, presets[0].figures[i].name);
    }
  /* Translators: --help of --preset: the set-ups, then the figures' names */
  return g_strdup_printf (_("The lecture’s set-up: %s; or one of its figures, NAME:FIGURE with "
                            "FIGURE %s; explicit flags override"), setups->str, figures->str);
}

/* The flags: the files and the preset, one a field of the config table, then the size. */
static GArray *
option_entries_new (CliValues *v)
{
  /* Every value as the bytes given (FILENAME): GOptionContext would convert
   * STRING values from the locale's charset and fail on a non-ASCII one with
   * a message naming no flag; our parsers reject what they do not know. */
  const GOptionEntry head[] = {
    { "export", 0, 0, G_OPTION_ARG_FILENAME, &v->export_path,
      N_("Write the figure to FILE without opening a window; its extension picks the format: "
         ".png, .svg, .pdf or .csv (the statistics)"), N_("FILE") },
    { "stats", 0, 0, G_OPTION_ARG_FILENAME, &v->stats_path,
      N_("Also write the per-layer statistics as CSV to FILE"), N_("FILE") },
    { "preset", 0, 0, G_OPTION_ARG_FILENAME, &v->preset,
      keep_text (v, preset_help ()), N_("NAME[:FIGURE]") },
  };
  const GOptionEntry tail[] = {
    { "gradients", 0, 0, G_OPTION_ARG_NONE, &v->gradients,
      N_("Also run the backward pass: per layer the activation gradient δ = dL/dx and "
         "the weight gradient dL/dW of a random linear read-out (the CSV’s grad_ and "
         "wgrad_ columns)"),
      NULL },
    { "view", 0, 0, G_OPTION_ARG_FILENAME, &v->view,
      N_("What the figure shows: activations, gradients or weight-gradients "
         "(default: activations; the gradient views imply --gradients)"), N_("VIEW") },
    { "size", 0, 0, G_OPTION_ARG_FILENAME, &v->size,
      N_("Figure size in pixels (points for SVG and PDF), 100 to 10000 each "
         "(default: 1920x1080)"), N_("WxH") },
    { "theory", 0, 0, G_OPTION_ARG_NONE, &v->theory,
      N_("Draw the mean-field (infinite-width) prediction over the figure: the predicted std "
         "dashed, each layer’s predicted density over its histogram, the phase in the header"),
      NULL },
    { "range", 0, 0, G_OPTION_ARG_FILENAME, &v->range,
      N_("How the histograms are binned: shared (one range for every layer, the lecture's), "
         "per-layer or symlog (default: shared for the activations, per-layer for gradients)"),
      N_("MODE") },
    { "reference", 0, 0, G_OPTION_ARG_FILENAME, &v->reference,
      N_("Compare with another config: FLAGS (quoted, e.g. '--init xavier') over this one's; "
         "its histograms drawn as outlines, its std as a second line, both in the CSV"),
      N_("FLAGS") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &v->version,
      N_("Print the version and exit"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &v->rest, NULL, NULL },
    { NULL }
  };
  GArray *entries = g_array_new (FALSE, TRUE, sizeof (GOptionEntry));
  const IscConfigFieldInfo *fields;
  guint n_fields;

  g_array_append_vals (entries, head, G_N_ELEMENTS (head));
  fields = isc_config_fields_get (&n_fields);
  g_assert (n_fields <= MAX_FIELDS);
  for (guint i = 0; i < n_fields; i++)
    {
      GOptionEntry entry = { fields[i].flag, 0, 0, G_OPTION_ARG_FILENAME, &v->fields[i],
                             keep_text (v, field_help (&fields[i])), fields[i].arg };

      g_array_append_val (entries, entry);
    }
  g_array_append_vals (entries, tail, G_N_ELEMENTS (tail));
  return entries;
}

static GOptionContext *
option_context_new (CliValues *v)
{
  g_autoptr(GArray) entries = NULL;
  GOptionContext *context = g_option_context_new (NULL);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
    _("See why weight initialization matters: per-layer activation histograms of a deep\n"
      "fully connected network. Without --export, opens the window on the given\n"
      "configuration; with --export, renders the figure headless."));
  g_option_context_set_description (context,
    _("Examples:\n"
      "  initscope --preset cs231n-2019 --init gaussian --scale 0.05 --export large.png\n"
      "  initscope --preset cs231n-2016 --init kaiming --activation relu --export relu.svg "
      "--stats relu.csv\n"
      "\n"
      "Exit status: 0 done, 1 an I/O failure, 2 bad usage."));
  /* GOptionContext copies the entries, not the strings they point to */
  entries = option_entries_new (v);
  g_option_context_add_main_entries (context, (GOptionEntry *) entries->data, GETTEXT_PACKAGE);
  g_option_context_set_strict_posix (context, FALSE);
  return context;
}

gboolean
isc_cli_parse (int            argc,
               char         **argv,
               IscCliOptions *options,
               GError       **error)
{
  g_auto(CliValues) v = { NULL };
  g_auto(GStrv) args = NULL;
  g_autoptr(GOptionContext) context = NULL;

  /* --help and every message readable whatever the locale's charset */
  g_set_print_handler (print_out);
  g_set_printerr_handler (print_err);

  memset (options, 0, sizeof *options);
  isc_config_init_default (&options->config);
  options->width = DEFAULT_WIDTH;
  options->height = DEFAULT_HEIGHT;
  options->range = ISC_FIGURE_RANGE_AUTO;

  /* GOptionContext consumes a copy of argv. */
  v.texts = g_ptr_array_new_with_free_func (g_free);
  context = option_context_new (&v);
  args = g_new0 (char *, argc + 1);
  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);
  if (!g_option_context_parse_strv (context, &args, error))
    return FALSE;

  {
    value_to_utf8 (&v.preset);
    value_to_utf8 (&v.size);
    value_to_utf8 (&v.range);
    value_to_utf8 (&v.view);
    value_to_utf8 (&v.reference);
    for (guint i = 0; i < MAX_FIELDS; i++)
      value_to_utf8 (&v.fields[i]);
  }

  if (v.rest != NULL && v.rest[0] != NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("unexpected argument “%s”"), v.rest[0]);
      return FALSE;
    }
  if (!parse_config_values (&v, options, error) || !parse_view_values (&v, options, error) ||
      !check_outputs (&v, error) || !parse_range (v.range, &options->range, error) ||
      !parse_reference (v.reference, options, error))
    return FALSE;

  options->export_path = g_steal_pointer (&v.export_path);
  options->stats_path = g_steal_pointer (&v.stats_path);
  options->version = v.version;
  options->theory = v.theory;
  return TRUE;
}

/* Fails early, before a long run, when the file's folder is not there. */
static gboolean
check_folder (const char  *path,
              GError     **error)
{
  g_autofree char *real_path = isc_export_resolve_path (path);
  g_autofree char *dir = g_path_get_dirname (real_path);

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("Cannot write “%s”: the folder “%s” does not exist"), path, dir);
      return FALSE;
    }
  if (g_access (dir, W_OK) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot write “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* Progress on a terminal: "layer k of N, elapsed t s", rewritten in place. */
typedef struct
{
  gint64 start;
  gsize  shown;  /* characters on the line, to clear it */
} Progress;

static void
on_progress (guint    done,
             guint    total,
             gpointer user_data)
{
  Progress *progress = user_data;
  double elapsed = (g_get_monotonic_time () - progress->start) / (double) G_USEC_PER_SEC;
  g_autofree char *line = NULL;
  g_autofree char *shown = NULL;

  /* Translators: progress of a command-line run: layers done, depth, seconds */
  line = g_strdup_printf (_("layer %u of %u, elapsed %.1f s"), done, total, elapsed);
  shown = text_for_locale (line);
  fprintf (stderr, "\r%s%*s", shown,
           (int) (progress->shown > strlen (shown) ? progress->shown - strlen (shown) : 0), "");
  fflush (stderr);
  progress->shown = MAX (progress->shown, strlen (shown));
}

static void
progress_clear (Progress *progress)
{
  if (progress->shown > 0)
    {
      fprintf (stderr, "\r%*s\r", (int) progress->shown, "");
      fflush (stderr);
    }
  progress->shown = 0;
}

static IscResult *
run_network (const IscCliOptions  *options,
             const IscConfig      *config,
             GError              **error)
{
  Progress progress = { g_get_monotonic_time (), 0 };
  gboolean on_terminal = isatty (STDERR_FILENO);
  IscRunOptions run = { 0, 0, options->gradients, 0, on_terminal ? on_progress : NULL,
                        &progress };
  IscResult *result;

  /* One shot: no cache, each layer's weights are generated, used and dropped. */
  result = isc_network_run_with_options (config, NULL, &run, NULL, error);
  progress_clear (&progress);
  return result;
}

/* The notes worth a word on a terminal: values that overflowed. The others
 * (saturated, collapsed, …) are what the figure is there to show. */
static void
warn_nonfinite (IscResult *result)
{
  g_autoptr(GArray) notes = isc_notes_compute (result);
  const IscNote *note = isc_notes_find (notes, ISC_NOTE_NONFINITE);

  /* Data, not a failure: an exploding net is part of the lesson. */
  if (note != NULL)
    g_printerr (_("initscope: warning: %" PRIu64 " non-finite values from layer %u on\n"),
                (guint64) note->value, note->layer + 1);
}

static void
install_signal_cleanup (void)
{
  g_autofree char *message = NULL;
  g_autofree char *shown = NULL;

  /* a leading newline: the terminal echoed ^C on the progress line */
  message = g_strdup_printf ("%s%s\n", isatty (STDERR_FILENO) ? "\n" : "",
                             _("initscope: interrupted"));
  shown = text_for_locale (message);
  isc_export_install_signal_cleanup (shown);
}

int
isc_cli_export (const IscCliOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IscResult) result = NULL;
  g_autoptr(IscResult) reference = NULL;
  IscFigureStyle style;
  IscExportFormat format;

  install_signal_cleanup ();

  if ((options->export_path && !check_folder (options->export_path, &error)) ||
      (options->stats_path && !check_folder (options->stats_path, &error)))
    {
      g_printerr ("initscope: %s\n", error->message);
      return ISC_EXIT_IO;
    }

  /* a PNG's fonts load while the net runs, at the size it will be drawn */
  if (options->export_path != NULL &&
      isc_export_format_from_path (options->export_path, &format, NULL) &&
      format == ISC_EXPORT_PNG)
    isc_export_warm_up_size (options->width, options->height);
  result = run_network (options, &options->config, &error);
  if (result != NULL && options->has_reference)
    reference = run_network (options, &options->reference, &error);
  if (result == NULL || (options->has_reference && reference == NULL))
    {
      g_printerr ("initscope: %s\n", error->message);
      return ISC_EXIT_IO;
    }
  warn_nonfinite (result);

  /* the light style, for paper and slides; both files or neither */
  isc_figure_style_init_light (&style);
  style.theory_on = options->theory;
  style.range = options->range;
  style.view = options->view;
  style.reference = reference;
  if (!isc_export_files (result, &style, options->export_path, options->stats_path,
                         options->width, options->height, &error))
    {
      g_printerr ("initscope: %s\n", error->message);
      return error->domain == ISC_EXPORT_ERROR && error->code != ISC_EXPORT_ERROR_CAIRO
             ? ISC_EXIT_USAGE : ISC_EXIT_IO;
    }
  return ISC_EXIT_OK;
}
