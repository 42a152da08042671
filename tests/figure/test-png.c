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
 */

#define G_LOG_DOMAIN "initscope-test"

#include "config.h"

#include <string.h>

#include "isc-export.h"
#include "isc-network.h"

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
      guint32 size = GUINT32_FROM_BE (*(const guint32 *) (data + i));

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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/png/opaque", test_opaque);
  g_test_add_func ("/png/translucent", test_translucent);
  return g_test_run ();
}
