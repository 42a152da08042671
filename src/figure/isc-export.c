/* isc-export.c — figures and statistics to files: formats, surfaces, entry points
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "isc-export"

#include "config.h"

#include <string.h>
#include <sys/mman.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "isc-atomic-file.h"
#include "isc-export.h"
#include "isc-memory.h"
#include "isc-export-private.h"
#include "isc-figure-private.h"
#include "isc-png.h"

G_DEFINE_QUARK (isc-export-error-quark, isc_export_error)

/* Timings for bench/run (bench/README.md), not for users: with
 * INITSCOPE_TIMINGS=1 in the environment, an export prints one line of
 * per-stage milliseconds to stderr. loaded_us is CLOCK_MONOTONIC when the
 * loader had linked every library and ran the constructors, just before
 * main(), and done_us when the files are in place: a parent that notes the
 * time before starting us and when we have exited has the process start, the
 * set-up before the run and the exit. */
static gint64 loaded_us;
static gint64 timings_us[ISC_N_TIMINGS];
static gboolean timings_on;

__attribute__((constructor)) static void
note_loaded (void)
{
  loaded_us = g_get_monotonic_time ();
  timings_on = g_strcmp0 (g_getenv ("INITSCOPE_TIMINGS"), "1") == 0;
}

gint64
isc_export_timing_start (void)
{
  return timings_on ? g_get_monotonic_time () : 0;
}

void
isc_export_timing_add (IscTiming stage,
                       gint64    since)
{
  if (timings_on)
    timings_us[stage] += g_get_monotonic_time () - since;
}

static void
print_timings (const IscResult *result)
{
  if (!timings_on)
    return;
  g_printerr ("initscope timings: loaded_us=%" G_GINT64_FORMAT " done_us=%" G_GINT64_FORMAT
              " run=%.3f draw=%.3f png=%.3f fsync=%.3f rename=%.3f\n",
              loaded_us, g_get_monotonic_time (),
              isc_result_get_elapsed (result) * 1e3, timings_us[ISC_TIMING_DRAW] / 1e3,
              timings_us[ISC_TIMING_PNG] / 1e3, timings_us[ISC_TIMING_FSYNC] / 1e3,
              timings_us[ISC_TIMING_RENAME] / 1e3);
}

static const struct {
  const char      *extension;
  IscExportFormat  format;
} formats[] = {
  { "png", ISC_EXPORT_PNG },
  { "svg", ISC_EXPORT_SVG },
  { "pdf", ISC_EXPORT_PDF },
  { "csv", ISC_EXPORT_CSV },
};

gboolean
isc_export_format_from_path (const char       *path,
                             IscExportFormat  *format,
                             GError          **error)
{
  g_autofree char *name = NULL;
  const char *dot;

  g_return_val_if_fail (path != NULL, FALSE);

  /* "x.png/" names a folder, not a PNG */
  name = g_path_get_basename (path);
  dot = strrchr (name, '.');
  if (dot != NULL && dot != name && !g_str_has_suffix (path, G_DIR_SEPARATOR_S))
    {
      for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
        if (g_ascii_strcasecmp (dot + 1, formats[i].extension) == 0)
          {
            if (format)
              *format = formats[i].format;
            return TRUE;
          }
    }

  g_set_error (error, ISC_EXPORT_ERROR, ISC_EXPORT_ERROR_UNKNOWN_FORMAT,
               /* Translators: %s is a file name */
               _("Cannot export “%s”: unknown file type (use .png, .svg, .pdf or .csv)"),
               path);
  return FALSE;
}

static gboolean
check_size (const char  *path,
            int          width,
            int          height,
            GError     **error)
{
  if (width >= ISC_EXPORT_SIZE_MIN && width <= ISC_EXPORT_SIZE_MAX &&
      height >= ISC_EXPORT_SIZE_MIN && height <= ISC_EXPORT_SIZE_MAX)
    return TRUE;

  if (path)
    g_set_error (error, ISC_EXPORT_ERROR, ISC_EXPORT_ERROR_BAD_SIZE,
                 /* Translators: file name, width, height, smallest and largest size */
                 _("Cannot export “%s”: the size %d × %d is not between %d and %d"),
                 path, width, height, ISC_EXPORT_SIZE_MIN, ISC_EXPORT_SIZE_MAX);
  else
    g_set_error (error, ISC_EXPORT_ERROR, ISC_EXPORT_ERROR_BAD_SIZE,
                 /* Translators: width, height, smallest and largest size */
                 _("Cannot draw the figure: the size %d × %d is not between %d and %d"),
                 width, height, ISC_EXPORT_SIZE_MIN, ISC_EXPORT_SIZE_MAX);
  return FALSE;
}

/* After cairo finished a surface: a write error names @file's path, anything
 * else is cairo's (naming the path when there is a @file). */
static gboolean
check_cairo (cairo_status_t   status,
             IscAtomicFile   *file,
             GError         **error)
{
  if (file && file->saved_errno != 0)
    {
      isc_atomic_set_io_error (error, file->path, file->saved_errno);
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      if (file)
        g_set_error (error, ISC_EXPORT_ERROR, ISC_EXPORT_ERROR_CAIRO,
                     /* Translators: file name, then cairo's reason */
                     _("Cannot draw “%s”: %s"), file->path, cairo_status_to_string (status));
      else
        g_set_error (error, ISC_EXPORT_ERROR, ISC_EXPORT_ERROR_CAIRO,
                     /* Translators: cairo's reason */
                     _("Cannot draw the figure: %s"), cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

/* Figures ---------------------------------------------------------------- */

/* The warm-up's state: the size it is told, and whether the drawing no
 * longer waits for it. */
static struct
{
  GMutex   lock;
  GCond    cond;
  int      width;
  int      height;
  gboolean sized;
  gboolean over;
} warm;

/* Pango's font maps are one a thread: this one is the thread's own. What it
 * loads first is fontconfig's, for the whole process (its configuration and
 * font caches, the family's match), and the font file is in the page cache.
 * Told a size, it loads the figure's fonts at that size too, and is handed
 * to the thread that draws (warm_up_wait); else it is thrown away. */
static gpointer
warm_fonts (gpointer data)
{
  PangoFontMap *map = pango_cairo_font_map_new ();
  PangoContext *context = pango_font_map_create_context (map);
  PangoFontDescription *font = pango_font_description_from_string ("Sans 12");
  PangoFont *loaded = pango_font_map_load_font (map, context, font);
  gboolean sized;

  g_clear_object (&loaded);
  pango_font_description_free (font);
  g_object_unref (context);

  g_mutex_lock (&warm.lock);
  while (!warm.sized && !warm.over)
    g_cond_wait (&warm.cond, &warm.lock);
  sized = warm.sized && !warm.over;
  g_mutex_unlock (&warm.lock);
  if (!sized)
    {
      g_object_unref (map);
      return NULL;
    }
  pango_cairo_font_map_set_default (PANGO_CAIRO_FONT_MAP (map));  /* this thread's */
  isc_figure_warm_fonts (warm.width, warm.height);
  return map;
}

static GThread *warm_thread;

void
isc_export_warm_up (void)
{
  static gsize started;

  if (g_once_init_enter (&started))
    {
      g_atomic_pointer_set (&warm_thread, g_thread_new ("isc-fonts", warm_fonts, NULL));
      g_once_init_leave (&started, 1);
    }
}

void
isc_export_warm_up_size (int width,
                         int height)
{
  g_mutex_lock (&warm.lock);
  warm.width = width;
  warm.height = height;
  warm.sized = TRUE;
  g_cond_signal (&warm.cond);
  g_mutex_unlock (&warm.lock);
}

/* Before drawing: the warm-up done, not competing with the drawing, and its
 * font map, if it made one, this thread's. */
static void
warm_up_wait (int width,
              int height)
{
  GThread *thread = g_atomic_pointer_exchange (&warm_thread, NULL);
  PangoFontMap *map;

  if (thread == NULL)
    return;
  g_mutex_lock (&warm.lock);
  /* fonts for another size would only cost time: not loaded if not begun */
  if (!warm.sized || warm.width != width || warm.height != height)
    warm.over = TRUE;
  g_cond_signal (&warm.cond);
  g_mutex_unlock (&warm.lock);
  map = g_thread_join (thread);
  if (map != NULL && warm.width == width && warm.height == height)
    pango_cairo_font_map_set_default (PANGO_CAIRO_FONT_MAP (map));
  g_clear_object (&map);
}

static const cairo_user_data_key_t pixels_key;

typedef struct
{
  void  *start;
  gsize  size;
} Pixels;

static void
pixels_free (void *data)
{
  Pixels *pixels = data;

  isc_huge_free (pixels->start, pixels->size);
  g_free (pixels);
}

/* An image surface whose pixels sit in transparent huge pages where the
 * kernel offers them: a fresh 1920 × 1080 surface otherwise takes ~2000
 * page faults as the background is painted (3.5 of a draw's ~15 ms). Fresh
 * pages are zero, as cairo's own surface is: a background of alpha 0 leaves
 * it transparent. */
static cairo_surface_t *
image_surface_new (int width,
                   int height)
{
  int stride = cairo_format_stride_for_width (CAIRO_FORMAT_ARGB32, width);
  gsize size = stride > 0 ? (gsize) stride * height : 0;
  void *start = size >= ISC_HUGE_PAGE_SIZE ? isc_huge_alloc (size) : NULL;

  if (start != NULL)
    {
      Pixels *pixels = g_new (Pixels, 1);
      cairo_surface_t *surface;

      *pixels = (Pixels) { start, size };
      surface = cairo_image_surface_create_for_data (start, CAIRO_FORMAT_ARGB32,
                                                     width, height, stride);
      if (cairo_surface_set_user_data (surface, &pixels_key, pixels, pixels_free) ==
          CAIRO_STATUS_SUCCESS)
        return surface;
      cairo_surface_destroy (surface);
      pixels_free (pixels);
    }
  return cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
}

/* The pixels' pages faulted in writable, their contents untouched, so while
 * the figure is laid out and even drawn on (Linux 5.14's
 * MADV_POPULATE_WRITE; elsewhere the first touch does it, as before): the
 * kernel zeroing 8 MiB of fresh pages took ~2.5 ms of a 1920 × 1080 draw
 * here. */
static gpointer
populate (gpointer data)
{
#ifdef MADV_POPULATE_WRITE
  cairo_surface_t *surface = data;
  const gsize page = 4096;
  guintptr start = (guintptr) cairo_image_surface_get_data (surface);
  guintptr end = start + (gsize) cairo_image_surface_get_stride (surface) *
                         cairo_image_surface_get_height (surface);

  start -= start % page;
  madvise ((void *) start, end - start, MADV_POPULATE_WRITE);
#endif
  return NULL;
}

static cairo_surface_t *
draw_image (const IscResult      *result,
            const IscFigureStyle *style,
            int                   width,
            int                   height)
{
  cairo_surface_t *surface;
  GThread *helper;
  cairo_t *cr;

  warm_up_wait (width, height);
  surface = image_surface_new (width, height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    return surface;
  helper = g_thread_try_new ("isc-pixels", populate, surface, NULL);
  cr = cairo_create (surface);
  isc_figure_draw (cr, result, style, width, height);
  cairo_destroy (cr);
  if (helper != NULL)
    g_thread_join (helper);
  cairo_surface_flush (surface);
  return surface;
}

static cairo_status_t
draw_vector (cairo_surface_t      *surface,
             const IscResult      *result,
             const IscFigureStyle *style,
             int                   width,
             int                   height)
{
  cairo_status_t status;
  cairo_t *cr;

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    return cairo_surface_status (surface);
  cr = cairo_create (surface);
  isc_figure_draw (cr, result, style, width, height);
  cairo_show_page (cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  return status;
}

static gboolean
write_figure (IscAtomicFile         *file,
              IscExportFormat        format,
              const IscResult       *result,
              const IscFigureStyle  *style,
              int                    width,
              int                    height,
              GError               **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  gint64 t;

  switch (format)
    {
    case ISC_EXPORT_PNG:
      t = isc_export_timing_start ();
      surface = draw_image (result, style, width, height);
      isc_export_timing_add (ISC_TIMING_DRAW, t);
      status = cairo_surface_status (surface);
      t = isc_export_timing_start ();
      if (status == CAIRO_STATUS_SUCCESS)
        status = isc_png_write (surface, isc_atomic_write_func, file);
      isc_export_timing_add (ISC_TIMING_PNG, t);
      cairo_surface_destroy (surface);
      break;

    case ISC_EXPORT_SVG:
      /* sizes in points, one per pixel asked for */
      surface = cairo_svg_surface_create_for_stream (isc_atomic_write_func, file, width, height);
      status = draw_vector (surface, result, style, width, height);
      cairo_surface_destroy (surface);
      break;

    case ISC_EXPORT_PDF:
      surface = cairo_pdf_surface_create_for_stream (isc_atomic_write_func, file, width, height);
      if (cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS)
        {
          cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Initscope");
          if (result)
            {
              g_autofree char *title = isc_config_describe (isc_result_get_config (result));

              cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
            }
        }
      status = draw_vector (surface, result, style, width, height);
      cairo_surface_destroy (surface);
      break;

    case ISC_EXPORT_CSV:
    default:
      g_return_val_if_reached (FALSE);
    }

  return check_cairo (status, file, error);
}

static gboolean
write_csv (IscAtomicFile    *file,
           const IscResult  *result,
           const IscResult  *reference,
           GError          **error)
{
  g_autofree char *text = isc_export_compare_to_string (result, reference);

  if (!isc_atomic_write (file, (const guchar *) text, strlen (text)))
    {
      isc_atomic_set_io_error (error, file->path, file->saved_errno);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_output (IscAtomicFile         *file,
              IscExportFormat        format,
              const IscResult       *result,
              const IscFigureStyle  *style,
              int                    width,
              int                    height,
              GError               **error)
{
  gboolean ok;

  if (format == ISC_EXPORT_CSV)
    ok = write_csv (file, result, style != NULL ? style->reference : NULL, error);
  else
    ok = write_figure (file, format, result, style, width, height, error);
  return ok && isc_atomic_finish (file, error);
}

gboolean
isc_export_files (const IscResult       *result,
                  const IscFigureStyle  *style,
                  const char            *figure_path,
                  const char            *stats_path,
                  int                    width,
                  int                    height,
                  GError               **error)
{
  const char *paths[2];
  IscExportFormat kinds[2];
  IscAtomicFile files[2];
  guint n = 0;
  gboolean ok;
  gint64 t;

  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (figure_path != NULL || stats_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* the quick CSV first: its temporary file is complete while the figure is drawn */
  if (stats_path != NULL)
    {
      kinds[n] = ISC_EXPORT_CSV;
      paths[n++] = stats_path;
    }
  if (figure_path != NULL)
    {
      if (!isc_export_format_from_path (figure_path, &kinds[n], error) ||
          (kinds[n] != ISC_EXPORT_CSV && !check_size (figure_path, width, height, error)))
        return FALSE;
      paths[n++] = figure_path;
    }
  if (n == 2 && isc_export_same_file (paths[0], paths[1]))
    {
      g_set_error (error, ISC_EXPORT_ERROR, ISC_EXPORT_ERROR_SAME_FILE,
                   /* Translators: two file names */
                   _("Cannot export “%s” and “%s”: they are the same file"), paths[0], paths[1]);
      return FALSE;
    }

  /* every file complete and on disk before any target changes */
  for (guint i = 0; i < n; i++)
    {
      if (!isc_atomic_open (&files[i], paths[i], error) ||
          !write_output (&files[i], kinds[i], result, style, width, height, error))
        {
          for (guint j = 0; j <= i; j++)
            isc_atomic_abort (&files[j]);
          return FALSE;
        }
    }
  t = isc_export_timing_start ();
  ok = isc_atomic_commit_all (files, n, error);
  isc_export_timing_add (ISC_TIMING_RENAME, t);
  if (ok)
    print_timings (result);
  return ok;
}

gboolean
isc_export_to_file (const IscResult       *result,
                    const IscFigureStyle  *style,
                    const char            *path,
                    int                    width,
                    int                    height,
                    GError               **error)
{
  g_return_val_if_fail (path != NULL, FALSE);

  return isc_export_files (result, style, path, NULL, width, height, error);
}

gboolean
isc_export_stats_csv (const IscResult  *result,
                      const char       *path,
                      GError          **error)
{
  g_return_val_if_fail (path != NULL, FALSE);

  return isc_export_files (result, NULL, NULL, path, 0, 0, error);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
isc_export_png_bytes (const IscResult       *result,
                      const IscFigureStyle  *style,
                      int                    width,
                      int                    height,
                      GError               **error)
{
  g_autoptr(GByteArray) bytes = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_size (NULL, width, height, error))
    return NULL;

  bytes = g_byte_array_new ();
  surface = draw_image (result, style, width, height);
  status = cairo_surface_status (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = isc_png_write (surface, append_bytes, bytes);
  cairo_surface_destroy (surface);
  if (!check_cairo (status, NULL, error))
    return NULL;

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}
