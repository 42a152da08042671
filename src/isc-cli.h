/* isc-cli.h — the command line: config flags, headless export
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "isc-config.h"
#include "isc-result.h"

G_BEGIN_DECLS

/* Exit statuses (DESIGN.md). */
#define ISC_EXIT_OK    0
#define ISC_EXIT_IO    1
#define ISC_EXIT_USAGE 2

typedef struct
{
  IscConfig config;
  IscConfigField set;     /* which config fields the command line gave */
  char     *export_path;
  char     *stats_path;
  int       width;
  int       height;
  gboolean  version;
  gboolean  gradients;    /* --gradients, or a --view other than activations */
  IscView   view;         /* --view */
  gboolean  view_given;   /* --view was there (the window shows it, else what it remembers) */
  gboolean  theory;       /* --theory: the mean-field prediction over the figure */
  int       range;        /* --range: an IscRangeMode, or ISC_FIGURE_RANGE_AUTO */
  gboolean  has_reference;     /* --reference 'FLAGS' */
  IscConfig reference;         /* the main config with FLAGS over it */
} IscCliOptions;

void     isc_cli_options_clear (IscCliOptions *options);

/* Parses argv; on a usage error returns FALSE with a message naming the flag.
 * Also makes g_print() and g_printerr() write in the locale's charset, with
 * ASCII stand-ins ("sigma", "'", "...", "x") for what it cannot show. */
gboolean isc_cli_parse         (int            argc,
                                char         **argv,
                                IscCliOptions *options,
                                GError       **error);

/* Runs the network and writes the files; returns the exit status.
 * SIGINT, SIGTERM and SIGHUP leave no temporary file (exit 128 + signal);
 * on a terminal, stderr shows the progress. */
int      isc_cli_export        (const IscCliOptions *options);

G_END_DECLS
