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

/* The stats CSV header, exactly (DESIGN.md). */
#define ISC_STATS_CSV_HEADER "layer,mean,std,min,max,saturated,zero,nonfinite"

GQuark    isc_export_error_quark       (void);

gboolean  isc_export_format_from_path  (const char           *path,
                                        IscExportFormat      *format,
                                        GError              **error);

/* Writes @result to @path in the format its extension names (.png, .svg, .pdf,
 * .csv), in @style (NULL for the light default). The file appears complete or
 * not at all: a temporary file in the same folder is renamed over @path; on
 * failure nothing is left and a previous file at @path is untouched. Errors
 * name the path. */
gboolean  isc_export_to_file           (const IscResult      *result,
                                        const IscFigureStyle *style,
                                        const char           *path,
                                        int                   width,
                                        int                   height,
                                        GError              **error);

gboolean  isc_export_stats_csv         (const IscResult      *result,
                                        const char           *path,
                                        GError              **error);

/* The statistics as CSV text (header plus one row a layer). */
char     *isc_export_stats_to_string   (const IscResult      *result);

/* A PNG of the figure in memory, for the clipboard; @style as for
 * isc_export_to_file(). */
GBytes   *isc_export_png_bytes         (const IscResult      *result,
                                        const IscFigureStyle *style,
                                        int                   width,
                                        int                   height,
                                        GError              **error);

G_END_DECLS
