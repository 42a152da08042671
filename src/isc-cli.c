/* isc-cli.c
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "initscope"

#include "config.h"

#include <errno.h>
#include <inttypes.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "isc-cli.h"
#include "isc-export.h"
#include "isc-network.h"

#define DEFAULT_WIDTH  1920
#define DEFAULT_HEIGHT 1080

void
isc_cli_options_clear (IscCliOptions *options)
{
  g_clear_pointer (&options->export_path, g_free);
  g_clear_pointer (&options->stats_path, g_free);
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
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--size must be WIDTHxHEIGHT, each from %d to %d, not “%s”"),
                   ISC_EXPORT_SIZE_MIN, ISC_EXPORT_SIZE_MAX, text);
      return FALSE;
    }
  *width = (int) w;
  *height = (int) h;
  return TRUE;
}

gboolean
isc_cli_parse (int            argc,
               char         **argv,
               IscCliOptions *options,
               GError       **error)
{
  g_autofree char *export_path = NULL;
  g_autofree char *stats_path = NULL;
  g_autofree char *preset = NULL;
  g_autofree char *init = NULL;
  g_autofree char *scale = NULL;
  g_autofree char *activation = NULL;
  g_autofree char *depth = NULL;
  g_autofree char *width = NULL;
  g_autofree char *batch = NULL;
  g_autofree char *seed = NULL;
  g_autofree char *bins = NULL;
  g_autofree char *size = NULL;
  g_auto(GStrv) rest = NULL;
  g_auto(GStrv) args = NULL;
  gboolean version = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  IscConfig *config = &options->config;
  guint64 value;
  const GOptionEntry entries[] = {
    { "export", 0, 0, G_OPTION_ARG_FILENAME, &export_path,
      N_("Write the figure to FILE without opening a window; its extension picks the format: "
         ".png, .svg, .pdf or .csv (the statistics)"), N_("FILE") },
    { "stats", 0, 0, G_OPTION_ARG_FILENAME, &stats_path,
      N_("Also write the per-layer statistics as CSV to FILE"), N_("FILE") },
    { "preset", 0, 0, G_OPTION_ARG_STRING, &preset,
      N_("The lecture’s set-up: cs231n-2016 (depth 10, width 500, batch 1000) or "
         "cs231n-2019 (depth 6, width 4096, batch 16); explicit flags override"), N_("NAME") },
    { "init", 0, 0, G_OPTION_ARG_STRING, &init,
      N_("Weight initialization: zero, gaussian, xavier, glorot or kaiming (default: gaussian)"),
      N_("NAME") },
    { "scale", 0, 0, G_OPTION_ARG_STRING, &scale,
      N_("σ of the gaussian scheme, 0 to 100 (default: 0.01)"), "S" },
    { "activation", 0, 0, G_OPTION_ARG_STRING, &activation,
      N_("Activation function: tanh, relu, sigmoid or linear (default: tanh)"), N_("NAME") },
    { "depth", 0, 0, G_OPTION_ARG_STRING, &depth,
      N_("Number of layers, 1 to 50 (default: 10)"), "N" },
    { "width", 0, 0, G_OPTION_ARG_STRING, &width,
      N_("Neurons per layer, 1 to 8192 (default: 500)"), "N" },
    { "batch", 0, 0, G_OPTION_ARG_STRING, &batch,
      N_("Input samples, 1 to 8192 (default: 1000)"), "N" },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed,
      N_("Random seed, 0 to 18446744073709551615 (default: 0)"), "N" },
    { "bins", 0, 0, G_OPTION_ARG_STRING, &bins,
      N_("Histogram bins, 2 to 1000 (default: 50)"), "N" },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size,
      N_("Figure size in pixels (points for SVG and PDF), 100 to 10000 each "
         "(default: 1920x1080)"), N_("WxH") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version,
      N_("Print the version and exit"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &rest, NULL, NULL },
    { NULL }
  };

  memset (options, 0, sizeof *options);
  isc_config_init_default (config);
  options->width = DEFAULT_WIDTH;
  options->height = DEFAULT_HEIGHT;

  context = g_option_context_new (NULL);
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
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_strict_posix (context, FALSE);

  /* GOptionContext consumes a copy of argv. */
  args = g_new0 (char *, argc + 1);
  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);
  if (!g_option_context_parse_strv (context, &args, error))
    return FALSE;

  if (rest != NULL && rest[0] != NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("unexpected argument “%s”"), rest[0]);
      return FALSE;
    }

  if (preset != NULL)
    {
      const IscPreset *p = isc_preset_lookup (preset, error);

      if (p == NULL)
        return g_prefix_error (error, "--preset: "), FALSE;
      options->set |= isc_preset_apply (p, config);
    }

  if (init != NULL)
    {
      if (!isc_init_from_string (init, &config->init, error))
        return g_prefix_error (error, "--init: "), FALSE;
      options->set |= ISC_CONFIG_FIELD_INIT;
    }
  if (activation != NULL)
    {
      if (!isc_activation_from_string (activation, &config->activation, error))
        return g_prefix_error (error, "--activation: "), FALSE;
      options->set |= ISC_CONFIG_FIELD_ACTIVATION;
    }
  if (scale != NULL)
    {
      if (!isc_parse_double ("--scale", scale, ISC_SCALE_MIN, ISC_SCALE_MAX, &config->scale, error))
        return FALSE;
      options->set |= ISC_CONFIG_FIELD_SCALE;
    }

#define PARSE_UINT(str, flag, min, max, field, bit)                       \
  if (str != NULL)                                                        \
    {                                                                     \
      if (!isc_parse_uint (flag, str, min, max, &value, error))           \
        return FALSE;                                                     \
      field = value;                                                      \
      options->set |= bit;                                                \
    }

  PARSE_UINT (depth, "--depth", ISC_DEPTH_MIN, ISC_DEPTH_MAX, config->depth, ISC_CONFIG_FIELD_DEPTH)
  PARSE_UINT (width, "--width", ISC_WIDTH_MIN, ISC_WIDTH_MAX, config->width, ISC_CONFIG_FIELD_WIDTH)
  PARSE_UINT (batch, "--batch", ISC_BATCH_MIN, ISC_BATCH_MAX, config->batch, ISC_CONFIG_FIELD_BATCH)
  PARSE_UINT (seed, "--seed", 0, G_MAXUINT64, config->seed, ISC_CONFIG_FIELD_SEED)
  PARSE_UINT (bins, "--bins", ISC_BINS_MIN, ISC_BINS_MAX, config->bins, ISC_CONFIG_FIELD_BINS)
#undef PARSE_UINT

  if (size != NULL && !parse_size (size, &options->width, &options->height, error))
    return FALSE;

  if (export_path != NULL && *export_path == '\0')
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("--export needs a file name"));
      return FALSE;
    }
  if (stats_path != NULL && *stats_path == '\0')
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("--stats needs a file name"));
      return FALSE;
    }
  if (export_path != NULL)
    {
      IscExportFormat format;

      if (!isc_export_format_from_path (export_path, &format, error))
        return g_prefix_error (error, "--export: "), FALSE;
    }

  if (!isc_config_validate (config, error))
    return FALSE;

  options->export_path = g_steal_pointer (&export_path);
  options->stats_path = g_steal_pointer (&stats_path);
  options->version = version;
  return TRUE;
}

/* Fails early, before a long run, when the file's folder is not there. */
static gboolean
check_folder (const char  *path,
              GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

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

int
isc_cli_export (const IscCliOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IscResult) result = NULL;
  guint n_layers;

  if ((options->export_path && !check_folder (options->export_path, &error)) ||
      (options->stats_path && !check_folder (options->stats_path, &error)))
    {
      g_printerr ("initscope: %s\n", error->message);
      return ISC_EXIT_IO;
    }

  /* One shot: no cache, each layer's weights are generated, used and dropped. */
  result = isc_network_run (&options->config, NULL, 0, 0, NULL, &error);
  if (result == NULL)
    {
      g_printerr ("initscope: %s\n", error->message);
      return ISC_EXIT_IO;
    }

  n_layers = isc_result_get_n_layers (result);
  for (guint l = 0; l < n_layers; l++)
    {
      const IscLayerStats *stats = isc_result_get_layer (result, l);

      if (stats->nonfinite > 0)
        {
          /* Data, not a failure: an exploding net is part of the lesson. */
          g_printerr (_("initscope: warning: %" PRIu64
                        " non-finite values from layer %u on\n"), stats->nonfinite, l + 1);
          break;
        }
    }

  /* NULL: the light style, for paper and slides */
  if (options->export_path != NULL &&
      !isc_export_to_file (result, NULL, options->export_path,
                           options->width, options->height, &error))
    {
      g_printerr ("initscope: %s\n", error->message);
      return g_error_matches (error, ISC_EXPORT_ERROR, ISC_EXPORT_ERROR_UNKNOWN_FORMAT) ||
             g_error_matches (error, ISC_EXPORT_ERROR, ISC_EXPORT_ERROR_BAD_SIZE)
             ? ISC_EXIT_USAGE : ISC_EXIT_IO;
    }

  if (options->stats_path != NULL &&
      !isc_export_stats_csv (result, options->stats_path, &error))
    {
      g_printerr ("initscope: %s\n", error->message);
      return ISC_EXIT_IO;
    }

  return ISC_EXIT_OK;
}
