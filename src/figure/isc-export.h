/* isc-export.h — figures and statistics to files, written atomically
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "isc-figure.h"

G_BEGIN_DECLS

#define ISC_EXPORT_ERROR (isc_export_error_quark ())

typedef enum
{
  ISC_EXPORT_ERROR_UNKNOWN_FORMAT,  /* a usage error: the name's extension */
  ISC_EXPORT_ERROR_BAD_SIZE,
  ISC_EXPORT_ERROR_CAIRO,
  ISC_EXPORT_ERROR_SAME_FILE,       /* a usage error: two outputs, one file */
} IscExportError;

typedef enum
{
  ISC_EXPORT_PNG,
  ISC_EXPORT_SVG,
  ISC_EXPORT_PDF,
  ISC_EXPORT_CSV,
} IscExportFormat;

#define ISC_EXPORT_SIZE_MIN 100
#define ISC_EXPORT_SIZE_MAX 10000

/* The stats CSV header, exactly (DESIGN.md): the activations' columns, then
 * the backward pass's (empty when it did not run) and the distinct units. */
#define ISC_STATS_CSV_HEADER "layer,mean,std,min,max,saturated,zero,nonfinite," \
                             "grad_mean,grad_std,wgrad_mean,wgrad_std,distinct," \
                             "theory_std,theory_grad_std"

/* The temporary files, in the target's real folder: a fixed short name (it
 * fits beside any name), recognisable so that one left by a SIGKILL can be
 * tidied: `.initscope-` six letters or digits `.tmp`. */
#define ISC_EXPORT_TMP_PREFIX   ".initscope-"
#define ISC_EXPORT_TMP_TEMPLATE ISC_EXPORT_TMP_PREFIX "XXXXXX.tmp"

GQuark    isc_export_error_quark       (void);

gboolean  isc_export_format_from_path  (const char           *path,
                                        IscExportFormat      *format,
                                        GError              **error);

/* Writes @result to @path in the format its extension names (.png, .svg, .pdf,
 * .csv), in @style (NULL for the light default). The file appears complete or
 * not at all: a temporary file in the real target's folder (symlinks are
 * followed) is renamed over it, keeping the old file's mode; on failure
 * nothing is left and a previous file at @path is untouched. Errors name the
 * path. */
gboolean  isc_export_to_file           (const IscResult      *result,
                                        const IscFigureStyle *style,
                                        const char           *path,
                                        int                   width,
                                        int                   height,
                                        GError              **error);

gboolean  isc_export_stats_csv         (const IscResult      *result,
                                        const char           *path,
                                        GError              **error);

/* Both at once, all or nothing: either path may be NULL; @stats_path is
 * always CSV. Every file is written and synced before the first rename; if a
 * later rename fails, the earlier targets are put back. Two paths naming one
 * file (through links too) are ISC_EXPORT_ERROR_SAME_FILE. */
gboolean  isc_export_files             (const IscResult      *result,
                                        const IscFigureStyle *style,
                                        const char           *figure_path,
                                        const char           *stats_path,
                                        int                   width,
                                        int                   height,
                                        GError              **error);

/* @path with the symlinks of its last part followed and its folder made
 * canonical: the file an export writes. */
char     *isc_export_resolve_path      (const char           *path);

/* Whether @a and @b name one file: by device and inode when both exist
 * (hard links, symlinks, "./x"), else by resolved path. */
gboolean  isc_export_same_file         (const char           *a,
                                        const char           *b);

/* For a command-line process: SIGINT, SIGTERM and SIGHUP remove the
 * temporary files being written, print @message (SIGINT only, may be NULL)
 * and exit with 128 + the signal; a signal during the final renames waits
 * for them. Not for the window, which has its own main loop. */
void      isc_export_install_signal_cleanup (const char      *message);

/* Loads fontconfig's configuration and the figure's font on a thread of its
 * own, so that a headless export hides it behind its run (~3-4 ms). Told the
 * size of the PNG to come (isc_export_warm_up_size), it also loads the sizes
 * and weights of the light style's figure at that size that do not depend on
 * the result, into a font map the PNG's drawing then uses. */
void      isc_export_warm_up           (void);
void      isc_export_warm_up_size      (int                   width,
                                        int                   height);

/* The statistics as CSV text (header plus one row a layer). */
char     *isc_export_stats_to_string   (const IscResult      *result);

/* A comparison's CSV: a leading "config" column, the rows of @result
 * ("current") then those of @reference ("reference"); without a reference,
 * isc_export_stats_to_string's text. The exports write it when the style
 * has a reference. */
char     *isc_export_compare_to_string (const IscResult      *result,
                                        const IscResult      *reference);

/* A PNG of the figure in memory, for the clipboard; @style as for
 * isc_export_to_file(). */
GBytes   *isc_export_png_bytes         (const IscResult      *result,
                                        const IscFigureStyle *style,
                                        int                   width,
                                        int                   height,
                                        GError              **error);

G_END_DECLS
