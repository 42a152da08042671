/* isc-png.c — a cairo image surface to PNG, deflated in parallel strips
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "isc-export"

#include "config.h"

#include <string.h>

#include <zlib.h>

#include "isc-png.h"
#include "isc-parallel.h"

/* cairo_surface_write_to_png compresses at zlib's default level with
 * adaptive filters, which took most of a CLI export's time (~85 ms at
 * 1920 × 1080). A figure is flat colour: rows unfiltered at zlib's fastest
 * level make a file no larger than the SUB filter's, and the deflate, most
 * of the cost, runs in strips on the engine's threads: each strip is raw
 * deflate ended by a sync flush (a byte boundary), the last by the final
 * block, so their concatenation under one zlib header and the combined
 * Adler-32 is the one zlib stream a PNG holds, in one IDAT a strip. */
#define PNG_STRIP_ROWS  64   /* rows a strip: 17 strips at 1080 rows, enough to balance 2 cores */
#define PNG_BATCH_ROWS  8    /* rows converted at a time, so they are deflated from cache */

typedef struct
{
  const guchar *data;
  int           width;
  int           height;
  int           stride;
  int           channels;
  struct {
    guchar  *bytes;
    gsize    length;
    guint32  adler;
    gsize    raw_length;
    gboolean failed;
  } *strips;
  gboolean      translucent;  /* a strip met alpha < 1 while writing RGB: start again in RGBA */
} PngJob;

/* One row as PNG wants it: filter byte 0 (none), then RGB or RGBA. FALSE
 * when RGB was asked for and the row is not opaque. */
static gboolean
png_convert_row (const guint32 *pixels,
                 int            width,
                 gboolean       opaque,
                 guchar        *out)
{
  *out++ = 0;
  if (opaque)
    {
      guint32 all = 0xffffffff;

      /* the common case in its own loop, which the compiler vectorizes */
      for (int x = 0; x < width; x++)
        {
          all &= pixels[x];
          out[3 * x] = pixels[x] >> 16;
          out[3 * x + 1] = pixels[x] >> 8;
          out[3 * x + 2] = pixels[x];
        }
      return (all >> 24) == 0xff;
    }
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
  return TRUE;
}

static void
png_deflate_strip (gsize    strip,
                   gpointer user_data)
{
  PngJob *job = user_data;
  gsize row_length = 1 + (gsize) job->width * job->channels;
  int y0 = strip * PNG_STRIP_ROWS;
  int y1 = MIN (job->height, y0 + PNG_STRIP_ROWS);
  gboolean last = y1 == job->height;
  g_autofree guchar *rows = g_malloc (row_length * PNG_BATCH_ROWS);
  z_stream z = { 0 };
  gsize capacity;
  guint32 adler = adler32 (0, NULL, 0);
  int ret;

  if (deflateInit2 (&z, 1, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    {
      job->strips[strip].failed = TRUE;
      return;
    }
  capacity = deflateBound (&z, row_length * (y1 - y0)) + 16;  /* + the sync flush's 5 bytes */
  job->strips[strip].bytes = g_malloc (capacity);
  z.next_out = job->strips[strip].bytes;
  z.avail_out = capacity;
  for (int y = y0; y < y1; y += PNG_BATCH_ROWS)
    {
      int n = MIN (PNG_BATCH_ROWS, y1 - y);
      gboolean end = y + n == y1;

      for (int i = 0; i < n; i++)
        if (!png_convert_row ((const guint32 *) (job->data + (gsize) (y + i) * job->stride),
                              job->width, job->channels == 3, rows + i * row_length))
          g_atomic_int_set (&job->translucent, TRUE);
      adler = adler32 (adler, rows, n * row_length);
      z.next_in = rows;
      z.avail_in = n * row_length;
      /* the bound holds the whole strip, so one call takes each batch */
      ret = deflate (&z, !end ? Z_NO_FLUSH : last ? Z_FINISH : Z_SYNC_FLUSH);
      if (z.avail_in != 0 || (end && last && ret != Z_STREAM_END) ||
          (end && !last && z.avail_out == 0))
        job->strips[strip].failed = TRUE;
    }
  job->strips[strip].length = capacity - z.avail_out;
  job->strips[strip].adler = adler;
  job->strips[strip].raw_length = row_length * (y1 - y0);
  deflateEnd (&z);
}

/* A chunk: length, type, data, CRC of type and data. @prefix and @suffix
 * (the zlib header, the Adler-32) go around @data inside the same chunk. */
static gboolean
png_write_chunk (cairo_write_func_t  write,
                 void               *closure,
                 const char         *type,
                 const guchar       *prefix,
                 gsize               prefix_length,
                 const guchar       *data,
                 gsize               length,
                 const guchar       *suffix,
                 gsize               suffix_length)
{
  guint32 n = GUINT32_TO_BE (prefix_length + length + suffix_length);
  guint32 crc = crc32 (0, (const guchar *) type, 4);
  const struct { const guchar *bytes; gsize length; } parts[] = {
    { (const guchar *) &n, 4 }, { (const guchar *) type, 4 },
    { prefix, prefix_length }, { data, length }, { suffix, suffix_length },
  };

  /* crc32 () of NULL is 0 whatever the length: only the parts there are */
  for (guint i = 2; i < G_N_ELEMENTS (parts); i++)
    if (parts[i].length > 0)
      crc = crc32 (crc, parts[i].bytes, parts[i].length);
  crc = GUINT32_TO_BE (crc);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i].length > 0 &&
        write (closure, parts[i].bytes, parts[i].length) != CAIRO_STATUS_SUCCESS)
      return FALSE;
  return write (closure, (const guchar *) &crc, 4) == CAIRO_STATUS_SUCCESS;
}

static cairo_status_t
png_write_stream (PngJob             *job,
                  gsize               n_strips,
                  cairo_write_func_t  write,
                  void               *closure)
{
  static const guchar signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  static const guchar zlib_header[2] = { 0x78, 0x01 };  /* 32 KiB window, fastest level */
  guchar ihdr[13] = { 0 };
  guint32 w = GUINT32_TO_BE (job->width), h = GUINT32_TO_BE (job->height);
  guint32 adler = job->strips[0].adler;
  guchar trailer[4];

  memcpy (ihdr, &w, 4);
  memcpy (ihdr + 4, &h, 4);
  ihdr[8] = 8;                              /* bits a channel */
  ihdr[9] = job->channels == 3 ? 2 : 6;     /* RGB, RGBA; compression, filter, interlace 0 */
  for (gsize i = 1; i < n_strips; i++)
    adler = adler32_combine (adler, job->strips[i].adler, job->strips[i].raw_length);
  adler = GUINT32_TO_BE (adler);
  memcpy (trailer, &adler, 4);

  if (write (closure, signature, sizeof signature) != CAIRO_STATUS_SUCCESS ||
      !png_write_chunk (write, closure, "IHDR", NULL, 0, ihdr, sizeof ihdr, NULL, 0))
    return CAIRO_STATUS_WRITE_ERROR;
  for (gsize i = 0; i < n_strips; i++)
    if (!png_write_chunk (write, closure, "IDAT",
                          zlib_header, i == 0 ? sizeof zlib_header : 0,
                          job->strips[i].bytes, job->strips[i].length,
                          trailer, i + 1 == n_strips ? sizeof trailer : 0))
      return CAIRO_STATUS_WRITE_ERROR;
  if (!png_write_chunk (write, closure, "IEND", NULL, 0, NULL, 0, NULL, 0))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

cairo_status_t
isc_png_write (cairo_surface_t    *surface,
               cairo_write_func_t  write,
               void               *closure)
{
  PngJob job = {
    .data = cairo_image_surface_get_data (surface),
    .width = cairo_image_surface_get_width (surface),
    .height = cairo_image_surface_get_height (surface),
    .stride = cairo_image_surface_get_stride (surface),
  };
  gsize n_strips = (job.height + PNG_STRIP_ROWS - 1) / PNG_STRIP_ROWS;
  cairo_status_t status = CAIRO_STATUS_SUCCESS;

  /* a figure has a background: RGB, unless a pixel says otherwise */
  job.channels = 3;
  job.strips = g_malloc0_n (n_strips, sizeof *job.strips);
  isc_parallel_for (n_strips, png_deflate_strip, &job);
  if (g_atomic_int_get (&job.translucent))
    {
      for (gsize i = 0; i < n_strips; i++)
        g_free (job.strips[i].bytes);
      memset (job.strips, 0, n_strips * sizeof *job.strips);
      job.channels = 4;
      isc_parallel_for (n_strips, png_deflate_strip, &job);
    }
  for (gsize i = 0; i < n_strips; i++)
    if (job.strips[i].failed)
      status = CAIRO_STATUS_NO_MEMORY;
  if (status == CAIRO_STATUS_SUCCESS)
    status = png_write_stream (&job, n_strips, write, closure);
  for (gsize i = 0; i < n_strips; i++)
    g_free (job.strips[i].bytes);
  g_free (job.strips);
  return status;
}
