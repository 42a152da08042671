/* test-png.c — the PNG encoder: the file decodes to the very pixels drawn
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * isc-export.c writes its own PNG: rows deflated in strips on the engine's
 * threads, one zlib stream over one IDAT a strip. Decoded by libpng (through
 * cairo), it must give back the surface isc_figure_draw makes, pixel for
 * pixel: opaque as RGB, translucent as RGBA. A translucent pixel comes back
 * exactly too: PNG keeps c = round(p · 255 / a) and cairo premultiplies again
 * with round(c · a / 255), which is off from p by at most a / 510 < ½.
 *
 * The deflate is the encoder's own (matches with the pixel before and the
 * one above, fixed codes): synthetic images push it through every path —
 * noise (literals), runs of every length past deflate's 258 and across rows
 * and strips, rows copying the one above, widths whose row is just under and
 * over deflate's 32 KiB reach — and zlib, inflating the IDATs, checks the
 * stream and its Adler-32 as well as the bytes.
 */

#define G_LOG_DOMAIN "initscope-test"

#include "config.h"

#include <string.h>

#include <zlib.h>

#include "isc-export.h"
#include "isc-network.h"
#include "isc-png.h"

typedef struct
{
  const guchar *data;
  gsize         length;
  gsize         offset;
} Reader;

static cairo_status_t
read_bytes (void          *closure,
            unsigned char *data,
            unsigned int   length)
{
  Reader *reader = closure;

  if (reader->offset + length > reader->length)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, reader->data + reader->offset, length);
  reader->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

static IscResult *
small_result (void)
{
  g_autoptr(GError) error = NULL;
  IscConfig config;
  IscResult *result;

  isc_config_init_default (&config);
  config.depth = 4;
  config.width = 64;
  config.batch = 32;
  result = isc_network_run (&config, NULL, 0, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* How many chunks of @type the PNG in @data holds (its structure walked). */
static guint
count_chunks (const guchar *data,
              gsize         length,
              const char   *type)
{
  guint n = 0;

  g_assert_cmpuint (length, >, 8);
  g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
  for (gsize i = 8; i + 12 <= length;)
    {
      guint32 size;

      /* chunks sit at any byte offset: copy, never cast */
      memcpy (&size, data + i, sizeof size);
      size = GUINT32_FROM_BE (size);

      if (memcmp (data + i + 4, type, 4) == 0)
        n++;
      i += 12 + (gsize) size;
      g_assert_cmpuint (i, <=, length);
    }
  return n;
}

static void
check_round_trip (const IscFigureStyle *style,
                  int                   width,
                  int                   height,
                  guchar                color_type)
{
  g_autoptr(IscResult) result = small_result ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = isc_export_png_bytes (result, style, width, height, &error);
  cairo_surface_t *drawn, *decoded;
  Reader reader = { 0 };
  cairo_t *cr;
  int stride;

  g_assert_no_error (error);
  reader.data = g_bytes_get_data (bytes, &reader.length);
  g_assert_cmpuint (reader.data[25], ==, color_type);            /* IHDR's colour type */
  g_assert_cmpuint (count_chunks (reader.data, reader.length, "IDAT"), >=, (height + 63) / 64);
  g_assert_cmpuint (count_chunks (reader.data, reader.length, "IEND"), ==, 1);

  drawn = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (drawn);
  isc_figure_draw (cr, result, style, width, height);
  cairo_destroy (cr);
  cairo_surface_flush (drawn);

  decoded = cairo_image_surface_create_from_png_stream (read_bytes, &reader);
  g_assert_cmpint (cairo_surface_status (decoded), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (decoded), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (decoded), ==, height);
  g_assert_cmpuint (reader.offset, ==, reader.length);           /* nothing after IEND */

  stride = cairo_image_surface_get_stride (drawn);
  g_assert_cmpint (cairo_image_surface_get_stride (decoded), ==, stride);
  for (int y = 0; y < height; y++)
    {
      const guint32 *a = (const guint32 *) (cairo_image_surface_get_data (drawn) + y * stride);
      const guint32 *b = (const guint32 *) (cairo_image_surface_get_data (decoded) + y * stride);

      for (int x = 0; x < width; x++)
        if (a[x] != b[x])
          g_error ("pixel (%d, %d): drawn %08x, decoded %08x", x, y, a[x], b[x]);
    }
  cairo_surface_destroy (drawn);
  cairo_surface_destroy (decoded);
}

static void
test_opaque (void)
{
  /* 1080 rows: 17 strips of 64, the last one short; 100 rows: two */
  check_round_trip (NULL, 1920, 1080, 2);
  check_round_trip (NULL, 640, 100, 2);
}

static void
test_translucent (void)
{
  IscFigureStyle style;

  /* no background: the figure's antialiased edges over transparency */
  isc_figure_style_init_light (&style);
  style.background.alpha = 0.0;
  check_round_trip (&style, 800, 301, 6);
}

/* The zlib stream of a PNG's IDATs inflated (zlib checking it and its
 * Adler-32): the filtered rows. */
static GBytes *
inflate_idat (const guchar *data,
              gsize         length,
              gsize         expected)
{
  g_autoptr(GByteArray) stream = g_byte_array_new ();
  guchar *raw = g_malloc (expected + 1);
  z_stream z = { 0 };
  int ret;

  for (gsize i = 8; i + 12 <= length;)
    {
      guint32 size;

      memcpy (&size, data + i, sizeof size);
      size = GUINT32_FROM_BE (size);
      if (memcmp (data + i + 4, "IDAT", 4) == 0)
        g_byte_array_append (stream, data + i + 8, size);
      i += 12 + (gsize) size;
    }
  g_assert_cmpint (inflateInit (&z), ==, Z_OK);
  z.next_in = stream->data;
  z.avail_in = stream->len;
  z.next_out = raw;
  z.avail_out = expected + 1;  /* one byte more: a stream too long shows */
  ret = inflate (&z, Z_FINISH);
  if (ret != Z_STREAM_END)
    g_error ("inflate: %d (%s) after %lu bytes", ret, z.msg ? z.msg : "", z.total_out);
  g_assert_cmpuint (z.avail_in, ==, 0);
  g_assert_cmpuint (z.total_out, ==, expected);
  inflateEnd (&z);
  return g_bytes_new_take (raw, expected);
}

typedef enum
{
  PATTERN_NOISE,
  PATTERN_RUNS,
  PATTERN_ROWS,
  PATTERN_HOLE,  /* runs, with one transparent pixel: RGBA */
} Pattern;

static void
fill_pattern (guint32 *pixels,
              int      width,
              int      height,
              Pattern  pattern,
              GRand   *rand)
{
  /* few colours, so that runs and rows repeat */
  static const guint32 colors[] = { 0xffffffff, 0xff000000, 0xff3584e4, 0xfffefefe,
                                    0xff010203 };
  gsize n = (gsize) width * height, i = 0;

  while (i < n)
    {
      guint32 c = colors[g_rand_int_range (rand, 0, G_N_ELEMENTS (colors))];
      gsize run = pattern == PATTERN_NOISE ? 1 : g_rand_int_range (rand, 1, 700);

      if (pattern == PATTERN_NOISE)
        c = 0xff000000 | (g_rand_int (rand) & 0xffffff);
      if (pattern == PATTERN_ROWS && i >= (gsize) width && g_rand_int_range (rand, 0, 4) > 0)
        {
          /* copy the row above, a run at a time */
          for (gsize k = 0; k < run && i < n; k++, i++)
            pixels[i] = pixels[i - width];
          continue;
        }
      for (gsize k = 0; k < run && i < n; k++)
        pixels[i++] = c;
    }
  if (pattern == PATTERN_HOLE)
    pixels[n / 2] = 0;
}

static void
check_pattern (int     width,
               int     height,
               Pattern pattern,
               GRand  *rand)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  g_autoptr(GByteArray) png = g_byte_array_new ();
  g_autoptr(GBytes) raw = NULL;
  int stride = cairo_image_surface_get_stride (surface);
  guint32 *pixels = g_new (guint32, (gsize) width * height);
  int channels = pattern == PATTERN_HOLE ? 4 : 3;
  gsize row = 1 + (gsize) width * channels;
  const guchar *bytes;

  fill_pattern (pixels, width, height, pattern, rand);
  cairo_surface_flush (surface);
  for (int y = 0; y < height; y++)
    memcpy (cairo_image_surface_get_data (surface) + (gsize) y * stride,
            pixels + (gsize) y * width, width * 4);
  cairo_surface_mark_dirty (surface);
  g_assert_cmpint (isc_png_write (surface, append_png, png), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpuint (png->data[25], ==, channels == 3 ? 2 : 6);

  raw = inflate_idat (png->data, png->len, row * height);
  bytes = g_bytes_get_data (raw, NULL);
  for (int y = 0; y < height; y++)
    {
      const guchar *r = bytes + y * row;

      g_assert_cmpuint (r[0], ==, 0);  /* filter: none */
      for (int x = 0; x < width; x++)
        {
          guint32 p = pixels[(gsize) y * width + x];
          const guchar *got = r + 1 + x * channels;

          if (got[0] != ((p >> 16) & 0xff) || got[1] != ((p >> 8) & 0xff) ||
              got[2] != (p & 0xff) || (channels == 4 && got[3] != p >> 24))
            g_error ("%d × %d, pattern %d: pixel (%d, %d) is not %08x", width, height,
                     pattern, x, y, p);
        }
    }
  g_free (pixels);
  cairo_surface_destroy (surface);
}

static void
test_patterns (void)
{
  /* widths: one pixel; 86 pixels of RGB (258 bytes) and around; rows of RGB
   * just under deflate's 32 KiB reach, RGBA just over it (no match with the
   * row above) */
  static const int widths[] = { 1, 2, 85, 86, 87, 1000, 10922, 8192 };
  static const int heights[] = { 1, 63, 64, 65, 130 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (27);

  for (Pattern pattern = PATTERN_NOISE; pattern <= PATTERN_HOLE; pattern++)
    for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
      for (guint h = 0; h < G_N_ELEMENTS (heights); h++)
        if ((gsize) widths[w] * heights[h] <= 1500000)
          check_pattern (widths[w], heights[h], pattern, rand);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/png/opaque", test_opaque);
  g_test_add_func ("/png/translucent", test_translucent);
  g_test_add_func ("/png/patterns", test_patterns);
  return g_test_run ();
}
