/* isc-export.c — figures and statistics to files, written atomically
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "isc-export"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <png.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "isc-export.h"

G_DEFINE_QUARK (isc-export-error-quark, isc_export_error)

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

/* CSV -------------------------------------------------------------------- */

static void
append_number (GString *out,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* "%.9g" and a '.' whatever the locale: a spreadsheet reads it back */
  g_string_append_c (out, ',');
  g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.9g", value));
}

char *
isc_export_stats_to_string (const IscResult *result)
{
  GString *out;
  guint n;

  g_return_val_if_fail (result != NULL, NULL);

  out = g_string_new (ISC_STATS_CSV_HEADER "\n");
  n = isc_result_get_n_layers (result);
  for (guint l = 0; l < n; l++)
    {
      const IscLayerStats *s = isc_result_get_layer (result, l);

      g_string_append_printf (out, "%u", l + 1);
      append_number (out, s->mean);
      append_number (out, s->std);
      append_number (out, s->min);
      append_number (out, s->max);
      append_number (out, s->saturated);
      append_number (out, s->zero);
      g_string_append_printf (out, ",%" G_GUINT64_FORMAT "\n", s->nonfinite);
    }

  return g_string_free (out, FALSE);
}

/* Atomic files ----------------------------------------------------------- */

/* A file being written: a temporary name in the target's folder (a rename
 * across file systems is not atomic, so not /tmp), renamed over the target
 * once complete. */
typedef struct
{
  const char *path;
  char       *tmp_path;
  int         fd;
  int         saved_errno;  /* the first write error */
} AtomicFile;

static void
set_io_error (GError     **error,
              const char  *path,
              int          saved_errno)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               /* Translators: file name, then the reason */
               _("Cannot write “%s”: %s"), path, g_strerror (saved_errno));
}

static gboolean
atomic_open (AtomicFile  *file,
             const char  *path,
             GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *tmp_name = g_strdup_printf (".%s.XXXXXX", name);

  file->path = path;
  file->tmp_path = g_build_filename (dir, tmp_name, NULL);
  file->saved_errno = 0;
  /* 0666 through the umask: an exported figure is not private */
  file->fd = g_mkstemp_full (file->tmp_path, O_WRONLY | O_CLOEXEC, 0666);
  if (file->fd < 0)
    {
      int saved_errno = errno;

      set_io_error (error, path, saved_errno);
      g_clear_pointer (&file->tmp_path, g_free);
      return FALSE;
    }
  return TRUE;
}

static gboolean
atomic_write (AtomicFile   *file,
              const guchar *data,
              gsize         length)
{
  if (file->saved_errno != 0)
    return FALSE;

  while (length > 0)
    {
      gssize n = write (file->fd, data, length);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          file->saved_errno = errno;
          return FALSE;
        }
      data += n;
      length -= (gsize) n;
    }
  return TRUE;
}

static cairo_status_t
atomic_write_func (void                *closure,
                   const unsigned char *data,
                   unsigned int         length)
{
  return atomic_write (closure, data, length) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* Throws the temporary file away: the target stays as it was. */
static void
atomic_abort (AtomicFile *file)
{
  if (file->fd >= 0)
    {
      close (file->fd);
      file->fd = -1;
    }
  if (file->tmp_path)
    {
      g_unlink (file->tmp_path);
      g_clear_pointer (&file->tmp_path, g_free);
    }
}

static gboolean
atomic_commit (AtomicFile  *file,
               GError     **error)
{
  int saved_errno = file->saved_errno;

  /* on disk before the rename, or a crash could leave an empty target */
  if (saved_errno == 0 && fsync (file->fd) != 0 && errno != EINVAL)
    saved_errno = errno;
  if (close (file->fd) != 0 && saved_errno == 0)
    saved_errno = errno;
  file->fd = -1;
  if (saved_errno == 0 && g_rename (file->tmp_path, file->path) != 0)
    saved_errno = errno;

  if (saved_errno != 0)
    {
      set_io_error (error, file->path, saved_errno);
      atomic_abort (file);
      return FALSE;
    }
  g_clear_pointer (&file->tmp_path, g_free);
  return TRUE;
}

/* After cairo finished a surface: a write error names @file's path, anything
 * else is cairo's (naming the path when there is a @file). */
static gboolean
check_cairo (cairo_status_t   status,
             AtomicFile      *file,
             GError         **error)
{
  if (file && file->saved_errno != 0)
    {
      set_io_error (error, file->path, file->saved_errno);
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

/* PNG ------------------------------------------------------------------- */

typedef struct
{
  cairo_write_func_t write;
  void              *closure;
  gboolean           failed;
} PngSink;

static void
png_sink_write (png_structp  png,
                png_bytep    data,
                png_size_t   length)
{
  PngSink *sink = png_get_io_ptr (png);

  if (sink->write (sink->closure, data, length) != CAIRO_STATUS_SUCCESS)
    {
      sink->failed = TRUE;
      png_error (png, "write failed");
    }
}

static void
png_sink_flush (png_structp png)
{
}

/* libpng's default handlers print to stderr; the caller reports the error
 * itself, in one line that names the path. */
static void
png_fail_quietly (png_structp      png,
                  png_const_charp  message)
{
  png_longjmp (png, 1);
}

static void
png_warn_quietly (png_structp      png,
                  png_const_charp  message)
{
}

/* cairo_surface_write_to_png compresses at zlib's default level with
 * adaptive filters, which took most of a CLI export's time (~85 ms at
 * 1920 × 1080). A figure is flat colour: the SUB filter at the fastest level
 * is ~6× quicker and the file barely larger. */
static cairo_status_t
write_png_fast (cairo_surface_t    *surface,
                cairo_write_func_t  write,
                void               *closure)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guchar *data = cairo_image_surface_get_data (surface);
  PngSink sink = { write, closure, FALSE };
  gboolean opaque = TRUE;
  png_structp png;
  png_infop info;
  guchar * volatile row = NULL;
  int channels;

  for (int y = 0; y < height && opaque; y++)
    {
      const guint32 *pixels = (const guint32 *) (data + (gsize) y * stride);

      for (int x = 0; x < width; x++)
        opaque &= (pixels[x] >> 24) == 0xff;
    }
  channels = opaque ? 3 : 4;

  png = png_create_write_struct (PNG_LIBPNG_VER_STRING, NULL, png_fail_quietly, png_warn_quietly);
  if (png == NULL)
    return CAIRO_STATUS_NO_MEMORY;
  info = png_create_info_struct (png);
  if (info == NULL)
    {
      png_destroy_write_struct (&png, NULL);
      return CAIRO_STATUS_NO_MEMORY;
    }
  if (setjmp (png_jmpbuf (png)))
    {
      g_free (row);
      png_destroy_write_struct (&png, &info);
      return sink.failed ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_NO_MEMORY;
    }

  png_set_write_fn (png, &sink, png_sink_write, png_sink_flush);
  png_set_IHDR (png, info, width, height, 8,
                opaque ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_RGB_ALPHA,
                PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_set_compression_level (png, 1);
  png_set_filter (png, PNG_FILTER_TYPE_BASE, PNG_FILTER_SUB);
  png_write_info (png, info);

  row = g_malloc ((gsize) width * channels);
  for (int y = 0; y < height; y++)
    {
      const guint32 *pixels = (const guint32 *) (data + (gsize) y * stride);
      guchar *out = row;

      for (int x = 0; x < width; x++)
        {
          guint32 p = pixels[x];
          guint a = p >> 24;
          guint r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;

          if (!opaque)
            {
              /* cairo stores premultiplied alpha; PNG does not */
              if (a == 0)
                r = g = b = 0;
              else if (a < 0xff)
                {
                  r = (r * 255 + a / 2) / a;
                  g = (g * 255 + a / 2) / a;
                  b = (b * 255 + a / 2) / a;
                }
            }
          *out++ = r;
          *out++ = g;
          *out++ = b;
          if (!opaque)
            *out++ = a;
        }
      png_write_row (png, row);
    }
  png_write_end (png, info);

  g_free (row);
  png_destroy_write_struct (&png, &info);
  return CAIRO_STATUS_SUCCESS;
}

/* Figures ---------------------------------------------------------------- */

static cairo_surface_t *
draw_image (const IscResult      *result,
            const IscFigureStyle *style,
            int                   width,
            int                   height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr;

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    return surface;
  cr = cairo_create (surface);
  isc_figure_draw (cr, result, style, width, height);
  cairo_destroy (cr);
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
write_figure (AtomicFile            *file,
              IscExportFormat        format,
              const IscResult       *result,
              const IscFigureStyle  *style,
              int                    width,
              int                    height,
              GError               **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;

  switch (format)
    {
    case ISC_EXPORT_PNG:
      surface = draw_image (result, style, width, height);
      status = cairo_surface_status (surface);
      if (status == CAIRO_STATUS_SUCCESS)
        status = write_png_fast (surface, atomic_write_func, file);
      cairo_surface_destroy (surface);
      break;

    case ISC_EXPORT_SVG:
      /* sizes in points, one per pixel asked for */
      surface = cairo_svg_surface_create_for_stream (atomic_write_func, file, width, height);
      status = draw_vector (surface, result, style, width, height);
      cairo_surface_destroy (surface);
      break;

    case ISC_EXPORT_PDF:
      surface = cairo_pdf_surface_create_for_stream (atomic_write_func, file, width, height);
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
write_csv (AtomicFile       *file,
           const IscResult  *result,
           GError          **error)
{
  g_autofree char *text = isc_export_stats_to_string (result);

  if (!atomic_write (file, (const guchar *) text, strlen (text)))
    {
      set_io_error (error, file->path, file->saved_errno);
      return FALSE;
    }
  return TRUE;
}

gboolean
isc_export_to_file (const IscResult       *result,
                    const IscFigureStyle  *style,
                    const char            *path,
                    int                    width,
                    int                    height,
                    GError               **error)
{
  IscExportFormat format;
  AtomicFile file = { .fd = -1 };
  gboolean ok;

  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!isc_export_format_from_path (path, &format, error))
    return FALSE;
  if (format == ISC_EXPORT_CSV)
    return isc_export_stats_csv (result, path, error);
  if (!check_size (path, width, height, error))
    return FALSE;

  if (!atomic_open (&file, path, error))
    return FALSE;
  ok = write_figure (&file, format, result, style, width, height, error);
  if (!ok)
    {
      atomic_abort (&file);
      return FALSE;
    }
  return atomic_commit (&file, error);
}

gboolean
isc_export_stats_csv (const IscResult  *result,
                      const char       *path,
                      GError          **error)
{
  AtomicFile file = { .fd = -1 };

  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!atomic_open (&file, path, error))
    return FALSE;
  if (!write_csv (&file, result, error))
    {
      atomic_abort (&file);
      return FALSE;
    }
  return atomic_commit (&file, error);
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
    status = write_png_fast (surface, append_bytes, bytes);
  cairo_surface_destroy (surface);
  if (!check_cairo (status, NULL, error))
    return NULL;

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}
