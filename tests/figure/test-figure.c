/* test-figure.c — the renderer and the exporters, without a display
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-figure"

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "isc-export.h"
#include "isc-figure.h"
#include "isc-network.h"
#include "isc-result-private.h"
#include "isc-test-util.h"

typedef enum
{
  FAKE_GAUSSIAN,  /* bell curves that narrow layer by layer */
  FAKE_SATURATED, /* tanh at ±1, and a layer with non-finite values */
  FAKE_ZERO,      /* W = 0: every value 0, an empty range */
} FakeKind;

/* A result like the engine's, made by hand with fixed numbers. */
static IscResult *
fake_result (guint    depth,
             FakeKind kind)
{
  IscConfig config;
  IscResult *result;

  isc_config_init_default (&config);
  config.depth = depth;
  config.width = 100;
  config.batch = 50;
  config.bins = 40;
  config.init = kind == FAKE_ZERO ? ISC_INIT_ZERO : ISC_INIT_GAUSSIAN;
  config.scale = kind == FAKE_SATURATED ? 1.0 : 0.01;

  result = isc_result_new (&config, config.batch, config.width);
  result->lo = kind == FAKE_ZERO ? 0.0 : -1.0;
  result->hi = kind == FAKE_ZERO ? 0.0 : 1.0;
  result->elapsed = 0.5;

  for (guint l = 0; l < depth; l++)
    {
      IscLayerStats *s = &result->layers[l];
      guint64 *bins = (guint64 *) s->bins;
      guint64 total = 0;
      double std = 0.6 * pow (0.5, l);

      s->count = (guint64) config.width * config.batch;
      switch (kind)
        {
        case FAKE_GAUSSIAN:
          for (guint b = 0; b < config.bins; b++)
            {
              double x = -1.0 + (b + 0.5) * 2.0 / config.bins;

              bins[b] = (guint64) (1000 * exp (-x * x / (2 * std * std)));
              total += bins[b];
            }
          /* the rest in the middle bins, so the counts add up */
          if (total < s->count)
            bins[config.bins / 2] += s->count - total;
          s->mean = 0.001 * ((int) l - 2);
          s->std = std;
          s->min = -3 * std;
          s->max = 3 * std;
          break;

        case FAKE_SATURATED:
          bins[0] = s->count * 4 / 10;
          bins[config.bins - 1] = s->count * 4 / 10;
          bins[config.bins / 2] = s->count - bins[0] - bins[config.bins - 1];
          s->mean = 0.0;
          s->std = 0.9;
          s->min = -1;
          s->max = 1;
          s->saturated = 0.8;
          if (l == depth - 1)
            {
              s->nonfinite = 1234;
              bins[config.bins / 2] -= 1234;
            }
          break;

        case FAKE_ZERO:
          bins[0] = s->count;
          s->zero = 1.0;
          s->nonfinite = l == 0 ? 3 : 0;
          break;

        default:
          g_assert_not_reached ();
        }
    }

  return result;
}

static char *
make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("test-figure-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
rm_rf (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_chmod (path, 0700);
          rm_rf (path);
        }
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

/* The temporary files of an atomic write start with a dot. */
static void
assert_no_leftovers (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d = g_dir_open (dir, 0, &error);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (d)))
    if (name[0] == '.')
      g_error ("temporary file left behind: %s/%s", dir, name);
}

static cairo_surface_t *
draw_to_image (const IscResult      *result,
               const IscFigureStyle *style,
               int                   width,
               int                   height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  isc_figure_draw (cr, result, style, width, height);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  return surface;
}

/* Pixels in the rectangle that differ from the top-left pixel (the
 * background: margins are never drawn on). */
static guint
count_ink (cairo_surface_t         *surface,
           const cairo_rectangle_t *area)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  guint32 background = *(const guint32 *) data;
  int x0 = MAX ((int) floor (area->x), 0);
  int y0 = MAX ((int) floor (area->y), 0);
  int x1 = MIN ((int) ceil (area->x + area->width), width);
  int y1 = MIN ((int) ceil (area->y + area->height), height);
  guint n = 0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      if (*(const guint32 *) (data + y * stride + x * 4) != background)
        n++;
  return n;
}

/* Drawing ---------------------------------------------------------------- */

static void
test_style (void)
{
  IscFigureStyle light, dark;

  isc_figure_style_init_light (&light);
  isc_figure_style_init_dark (&dark);
  g_assert_cmpfloat (light.background.alpha, ==, 1.0);
  g_assert_cmpfloat (light.background.red, >, light.foreground.red);
  g_assert_cmpfloat (dark.background.red, <, dark.foreground.red);
  g_assert_cmpfloat (light.text_scale, ==, 1.0);
  g_assert_cmpfloat (dark.text_scale, ==, 1.0);
  g_assert_cmpfloat_with_epsilon (light.bars.blue, 0xe4 / 255.0, 1e-9);
}

/* Columns and rows of the panels at @width × @height. */
static void
grid_shape (const IscResult *result,
            double           width,
            double           height,
            guint           *cols,
            guint           *rows)
{
  g_autoptr(GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ys = g_array_new (FALSE, FALSE, sizeof (double));
  guint n = isc_result_get_n_layers (result);
  g_autofree cairo_rectangle_t *areas = g_new (cairo_rectangle_t, n);

  for (guint l = 0; l < n; l++)
    {
      cairo_rectangle_t a;
      gboolean seen_x = FALSE, seen_y = FALSE;

      g_assert_true (isc_figure_get_panel_area (result, NULL, width, height, l, &a));
      areas[l] = a;
      g_assert_cmpfloat (a.width, >, 0);
      g_assert_cmpfloat (a.height, >, 0);
      g_assert_cmpfloat (a.x, >=, 0);
      g_assert_cmpfloat (a.y, >=, 0);
      g_assert_cmpfloat (a.x + a.width, <=, width);
      g_assert_cmpfloat (a.y + a.height, <=, height);

      /* panels never overlap */
      for (guint k = 0; k < l; k++)
        {
          const cairo_rectangle_t *b = &areas[k];

          g_assert_true (a.x >= b->x + b->width || b->x >= a.x + a.width ||
                         a.y >= b->y + b->height || b->y >= a.y + a.height);
        }

      for (guint i = 0; i < xs->len; i++)
        seen_x |= fabs (g_array_index (xs, double, i) - a.x) < 1e-6;
      for (guint i = 0; i < ys->len; i++)
        seen_y |= fabs (g_array_index (ys, double, i) - a.y) < 1e-6;
      if (!seen_x)
        g_array_append_val (xs, a.x);
      if (!seen_y)
        g_array_append_val (ys, a.y);
    }
  *cols = xs->len;
  *rows = ys->len;
}

static void
test_grid (void)
{
  g_autoptr(IscResult) ten = fake_result (10, FAKE_GAUSSIAN);
  g_autoptr(IscResult) six = fake_result (6, FAKE_GAUSSIAN);
  g_autoptr(IscResult) fifty = fake_result (50, FAKE_GAUSSIAN);
  g_autoptr(IscResult) one = fake_result (1, FAKE_GAUSSIAN);
  cairo_rectangle_t a;
  guint cols, rows;

  grid_shape (ten, 1920, 1080, &cols, &rows);
  g_assert_cmpuint (cols, ==, 5);
  g_assert_cmpuint (rows, ==, 2);

  grid_shape (six, 1920, 1080, &cols, &rows);
  g_assert_true ((cols == 3 && rows == 2) || (cols == 6 && rows == 1));

  grid_shape (fifty, 1920, 1080, &cols, &rows);
  g_assert_cmpuint (cols, ==, 10);
  g_assert_cmpuint (rows, ==, 5);

  grid_shape (one, 1920, 1080, &cols, &rows);
  g_assert_cmpuint (cols, ==, 1);
  g_assert_cmpuint (rows, ==, 1);

  /* a wide paper figure and a tall one still fit every panel */
  grid_shape (ten, 1200, 400, &cols, &rows);
  g_assert_cmpuint (cols * rows, >=, 10);
  grid_shape (fifty, 600, 1400, &cols, &rows);
  g_assert_cmpuint (cols * rows, >=, 50);
  g_assert_cmpuint (rows, >, cols);

  g_assert_false (isc_figure_get_panel_area (ten, NULL, 1920, 1080, 10, &a));
  g_assert_false (isc_figure_get_panel_area (ten, NULL, 0, 1080, 0, &a));
}

/* Every panel has bars in it, and the drawing shows more than bars. */
static void
test_not_blank (void)
{
  const int sizes[][2] = { { 1920, 1080 }, { 1200, 400 }, { 800, 600 } };
  const guint depths[] = { 1, 6, 10, 50 };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint d = 0; d < G_N_ELEMENTS (depths); d++)
      {
        g_autoptr(IscResult) result = fake_result (depths[d], FAKE_GAUSSIAN);
        cairo_surface_t *surface = draw_to_image (result, NULL, sizes[s][0], sizes[s][1]);
        cairo_rectangle_t all = { 0, 0, sizes[s][0], sizes[s][1] };
        guint panel_ink = 0;

        for (guint l = 0; l < depths[d]; l++)
          {
            cairo_rectangle_t a;
            guint ink;

            g_assert_true (isc_figure_get_panel_area (result, NULL, sizes[s][0], sizes[s][1],
                                                      l, &a));
            ink = count_ink (surface, &a);
            if (ink == 0)
              g_error ("panel %u of %u blank at %d×%d", l + 1, depths[d],
                       sizes[s][0], sizes[s][1]);
            panel_ink += ink;
          }
        /* titles, axes, line plots */
        g_assert_cmpuint (count_ink (surface, &all), >, panel_ink);
        cairo_surface_destroy (surface);
      }
}

/* A light figure and a dark one differ; the dark one is mostly dark. */
static void
test_dark (void)
{
  g_autoptr(IscResult) result = fake_result (6, FAKE_GAUSSIAN);
  IscFigureStyle dark;
  cairo_surface_t *surface;
  const guchar *data;

  isc_figure_style_init_dark (&dark);
  surface = draw_to_image (result, &dark, 400, 300);
  data = cairo_image_surface_get_data (surface);
  /* top-left is background: #1e1e1e */
  g_assert_cmpuint (data[0], ==, 0x1e);
  g_assert_cmpuint (data[1], ==, 0x1e);
  g_assert_cmpuint (data[2], ==, 0x1e);
  cairo_surface_destroy (surface);
}

/* Any size, any depth, strange data: no crash, no cairo error. */
static void
test_sizes (void)
{
  const int sizes[][2] = {
    { 1920, 1080 }, { 1200, 400 }, { 300, 200 }, { 100, 100 },
    { 1, 1 }, { 3000, 40 }, { 40, 3000 },
  };
  const guint depths[] = { 1, 10, 50 };
  const FakeKind kinds[] = { FAKE_GAUSSIAN, FAKE_SATURATED, FAKE_ZERO };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      cairo_surface_destroy (draw_to_image (NULL, NULL, sizes[s][0], sizes[s][1]));
      for (guint d = 0; d < G_N_ELEMENTS (depths); d++)
        for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
          {
            g_autoptr(IscResult) result = fake_result (depths[d], kinds[k]);

            cairo_surface_destroy (draw_to_image (result, NULL, sizes[s][0], sizes[s][1]));
          }
    }
}

/* Sizes that are not sizes draw nothing, and leave the context as it was. */
static void
test_degenerate (void)
{
  g_autoptr(IscResult) result = fake_result (3, FAKE_GAUSSIAN);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 10, 10);
  cairo_t *cr = cairo_create (surface);
  cairo_rectangle_t all = { 0, 0, 10, 10 };
  cairo_matrix_t before, after;

  cairo_set_source_rgba (cr, 0, 0, 0, 0);
  cairo_paint (cr);
  cairo_translate (cr, 1, 2);
  cairo_get_matrix (cr, &before);
  isc_figure_draw (cr, result, NULL, 0, 100);
  isc_figure_draw (cr, result, NULL, 100, -1);
  isc_figure_draw (cr, result, NULL, NAN, 100);
  isc_figure_draw (cr, result, NULL, 100, INFINITY);
  cairo_surface_flush (surface);
  g_assert_cmpuint (count_ink (surface, &all), ==, 0);
  /* not even the background: every pixel still the transparent black painted above */
  {
    const guchar *data = cairo_image_surface_get_data (surface);
    int stride = cairo_image_surface_get_stride (surface);

    for (int y = 0; y < 10; y++)
      for (int x = 0; x < 10; x++)
        g_assert_cmphex (*(const guint32 *) (data + y * stride + 4 * x), ==, 0);
  }

  isc_figure_draw (cr, result, NULL, 8, 8);
  cairo_get_matrix (cr, &after);
  g_assert_true (memcmp (&before, &after, sizeof before) == 0);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_placeholder (void)
{
  cairo_surface_t *surface = draw_to_image (NULL, NULL, 800, 600);
  cairo_rectangle_t all = { 0, 0, 800, 600 };

  g_assert_cmpuint (count_ink (surface, &all), >, 100);
  cairo_surface_destroy (surface);
}

/* The engine's own results, once it runs. */
static void
test_engine (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IscResult) result = NULL;
  g_autofree char *dir = make_tmpdir ();
  const IscActivation activations[] = { ISC_ACTIVATION_TANH, ISC_ACTIVATION_RELU };
  IscConfig config;

  isc_config_init_default (&config);
  config.depth = 10;
  config.width = 64;
  config.batch = 32;
  config.seed = 42;

  for (guint a = 0; a < G_N_ELEMENTS (activations); a++)
    for (IscInit init = 0; init < ISC_N_INITS; init++)
      {
        g_autofree char *path = g_build_filename (dir, "engine.png", NULL);
        cairo_surface_t *surface;

        config.activation = activations[a];
        config.init = init;
        g_clear_pointer (&result, isc_result_unref);
        result = isc_network_run (&config, NULL, 0, 0, NULL, &error);
        g_assert_no_error (error);
        g_assert_nonnull (result);

        surface = draw_to_image (result, NULL, 1200, 400);
        cairo_surface_destroy (surface);
        isc_export_to_file (result, NULL, path, 640, 360, &error);
        g_assert_no_error (error);
      }

  assert_no_leftovers (dir);
  rm_rf (dir);
}

/* Export ----------------------------------------------------------------- */

static void
test_format_from_path (void)
{
  const struct {
    const char      *path;
    gboolean         ok;
    IscExportFormat  format;
  } cases[] = {
    { "a.png", TRUE, ISC_EXPORT_PNG },
    { "/x/y/Figure.PNG", TRUE, ISC_EXPORT_PNG },
    { "a.b.svg", TRUE, ISC_EXPORT_SVG },
    { "a.Pdf", TRUE, ISC_EXPORT_PDF },
    { "stats.CSV", TRUE, ISC_EXPORT_CSV },
    { "a.jpg", FALSE },
    { "png", FALSE },
    { "a.png/", FALSE },
    { "dir.png/file", FALSE },
    { "a.", FALSE },
    { "", FALSE },
    { "a.pngx", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      IscExportFormat format = 99;
      gboolean ok = isc_export_format_from_path (cases[i].path, &format, &error);

      if (cases[i].ok)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpint (format, ==, cases[i].format);
        }
      else
        {
          g_assert_error (error, ISC_EXPORT_ERROR, ISC_EXPORT_ERROR_UNKNOWN_FORMAT);
          g_assert_false (ok);
          g_assert_nonnull (strstr (error->message, cases[i].path));
        }
    }
}

static void
test_png (void)
{
  g_autoptr(IscResult) result = fake_result (10, FAKE_GAUSSIAN);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_tmpdir ();
  const int sizes[][2] = { { 1200, 400 }, { 100, 10000 } };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *path = g_build_filename (dir, i ? "tall.PNG" : "figure.png", NULL);
      cairo_surface_t *surface;
      cairo_rectangle_t a;

      g_assert_true (isc_export_to_file (result, NULL, path, sizes[i][0], sizes[i][1], &error));
      g_assert_no_error (error);

      surface = cairo_image_surface_create_from_png (path);
      g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_image_surface_get_width (surface), ==, sizes[i][0]);
      g_assert_cmpint (cairo_image_surface_get_height (surface), ==, sizes[i][1]);
      g_assert_true (isc_figure_get_panel_area (result, NULL, sizes[i][0], sizes[i][1], 0, &a));
      g_assert_cmpuint (count_ink (surface, &a), >, 0);
      cairo_surface_destroy (surface);
    }

  assert_no_leftovers (dir);
  g_assert_cmpuint (isc_test_count_files (dir), ==, 2);
  rm_rf (dir);
}

/* The number in @text right after @key, e.g. width=" → 1200 */
static double
number_after (const char *text,
              const char *key)
{
  const char *p = strstr (text, key);

  g_assert_nonnull (p);
  return g_ascii_strtod (p + strlen (key), NULL);
}

static void
test_svg (void)
{
  g_autoptr(IscResult) result = fake_result (6, FAKE_SATURATED);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "figure.svg", NULL);
  g_autofree char *text = NULL;
  const char *svg;

  g_assert_true (isc_export_to_file (result, NULL, path, 1200, 400, &error));
  g_assert_no_error (error);

  text = isc_test_read_file (path);
  g_assert_true (g_str_has_prefix (text, "<?xml"));
  svg = strstr (text, "<svg");
  g_assert_nonnull (svg);
  g_assert_cmpfloat (number_after (svg, "width=\""), ==, 1200);
  g_assert_cmpfloat (number_after (svg, "height=\""), ==, 400);
  g_assert_nonnull (strstr (svg, "width=\"1200pt\""));
  g_assert_nonnull (strstr (text, "</svg>"));

  assert_no_leftovers (dir);
  rm_rf (dir);
}

static void
test_pdf (void)
{
  g_autoptr(IscResult) result = fake_result (10, FAKE_GAUSSIAN);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "figure.pdf", NULL);
  g_autofree char *text = NULL;
  gsize length;
  const char *box = NULL;

  g_assert_true (isc_export_to_file (result, NULL, path, 1920, 1080, &error));
  g_assert_no_error (error);

  g_file_get_contents (path, &text, &length, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (text, "%PDF-"));
  /* the text is binary in places: search with memmem */
  box = memmem (text, length, "/MediaBox", strlen ("/MediaBox"));
  g_assert_nonnull (box);
  {
    char buf[64] = { 0 };
    char *end;
    double x0, y0, x1, y1;

    memcpy (buf, box + strlen ("/MediaBox"), MIN (sizeof buf - 1, length - (box - text) - 9));
    end = strchr (buf, '[');
    g_assert_nonnull (end);
    x0 = g_ascii_strtod (end + 1, &end);
    y0 = g_ascii_strtod (end, &end);
    x1 = g_ascii_strtod (end, &end);
    y1 = g_ascii_strtod (end, &end);
    g_assert_cmpfloat (x0, ==, 0);
    g_assert_cmpfloat (y0, ==, 0);
    g_assert_cmpfloat (x1, ==, 1920);
    g_assert_cmpfloat (y1, ==, 1080);
  }
  g_assert_nonnull (memmem (text, length, "%%EOF", 5));

  assert_no_leftovers (dir);
  rm_rf (dir);
}

static void
check_csv (const IscResult *result,
           const char      *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = isc_result_get_n_layers (result);

  g_assert_cmpstr (lines[0], ==, ISC_STATS_CSV_HEADER);
  g_assert_cmpuint (g_strv_length (lines), ==, n + 2);
  g_assert_cmpstr (lines[n + 1], ==, "");  /* ends with a newline */

  for (guint l = 0; l < n; l++)
    {
      const IscLayerStats *s = isc_result_get_layer (result, l);
      g_auto(GStrv) f = g_strsplit (lines[l + 1], ",", -1);
      const double expect[] = { s->mean, s->std, s->min, s->max, s->saturated, s->zero };
      g_autofree char *layer = g_strdup_printf ("%u", l + 1);
      g_autofree char *nonfinite = g_strdup_printf ("%" G_GUINT64_FORMAT, s->nonfinite);

      /* the eight forward columns, then the backward pass's four (empty: it did not run)
       * and distinct (empty unless measured), then the theory's two */
      g_assert_cmpuint (g_strv_length (f), ==, 15);
      g_assert_cmpstr (f[0], ==, layer);
      for (guint i = 8; i < 12; i++)
        g_assert_cmpstr (f[i], ==, isc_result_has_gradients (result) ? f[i] : "");
      for (guint i = 0; i < G_N_ELEMENTS (expect); i++)
        {
          char *end;
          double v = g_ascii_strtod (f[i + 1], &end);

          g_assert_cmpint (*end, ==, '\0');
          g_assert_cmpfloat_with_epsilon (v, expect[i], fabs (expect[i]) * 1e-8 + 1e-300);
        }
      g_assert_cmpstr (f[7], ==, nonfinite);
    }
}

static void
test_csv (void)
{
  g_autoptr(IscResult) gaussian = fake_result (10, FAKE_GAUSSIAN);
  g_autoptr(IscResult) saturated = fake_result (6, FAKE_SATURATED);
  g_autoptr(IscResult) zero = fake_result (3, FAKE_ZERO);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *csv = g_build_filename (dir, "stats.csv", NULL);
  g_autofree char *txt = g_build_filename (dir, "stats.txt", NULL);
  const IscResult *results[] = { gaussian, saturated, zero };

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autofree char *text = isc_export_stats_to_string (results[i]);
      g_autofree char *from_file = NULL;
      g_autofree char *from_stats = NULL;

      check_csv (results[i], text);

      /* through the figure export, the size is not looked at */
      g_assert_true (isc_export_to_file (results[i], NULL, csv, 0, 0, &error));
      g_assert_no_error (error);
      from_file = isc_test_read_file (csv);
      g_assert_cmpstr (from_file, ==, text);

      /* --stats takes any name */
      g_assert_true (isc_export_stats_csv (results[i], txt, &error));
      g_assert_no_error (error);
      from_stats = isc_test_read_file (txt);
      g_assert_cmpstr (from_stats, ==, text);
    }

  /* a known line, byte for byte */
  {
    g_autofree char *text = isc_export_stats_to_string (saturated);

    g_assert_nonnull (strstr (text, "\n1,0,0.9,-1,1,0.8,0,0,,,,,"));
    g_assert_nonnull (strstr (text, "\n6,0,0.9,-1,1,0.8,0,1234,,,,,"));
  }

  assert_no_leftovers (dir);
  rm_rf (dir);
}

/* Numbers keep their '.' under a locale with a decimal comma. */
static void
test_csv_locale (void)
{
  const char *names[] = { "de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8" };
  g_autoptr(IscResult) result = fake_result (4, FAKE_GAUSSIAN);
  g_autofree char *old = g_strdup (setlocale (LC_NUMERIC, NULL));
  g_autofree char *text = NULL;
  gboolean found = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (names) && !found; i++)
    found = setlocale (LC_NUMERIC, names[i]) != NULL;
  if (!found)
    {
      g_test_skip ("no locale with a decimal comma installed");
      return;
    }
  text = isc_export_stats_to_string (result);
  setlocale (LC_NUMERIC, old);
  check_csv (result, text);
}

static void
test_unknown_format (void)
{
  g_autoptr(IscResult) result = fake_result (3, FAKE_GAUSSIAN);
  g_autofree char *dir = make_tmpdir ();
  const char *names[] = { "figure.jpg", "figure", "figure.png.bak" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      g_assert_false (isc_export_to_file (result, NULL, path, 800, 600, &error));
      g_assert_error (error, ISC_EXPORT_ERROR, ISC_EXPORT_ERROR_UNKNOWN_FORMAT);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }
  g_assert_cmpuint (isc_test_count_files (dir), ==, 0);
  rm_rf (dir);
}

static void
write_previous (const char *path)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, "previous", -1, &error);
  g_assert_no_error (error);
}

static void
assert_previous (const char *path)
{
  g_autofree char *text = isc_test_read_file (path);

  g_assert_cmpstr (text, ==, "previous");
}

static void
test_bad_size (void)
{
  g_autoptr(IscResult) result = fake_result (3, FAKE_GAUSSIAN);
  g_autofree char *dir = make_tmpdir ();
  const int sizes[][2] = {
    { ISC_EXPORT_SIZE_MIN - 1, 600 }, { 800, ISC_EXPORT_SIZE_MAX + 1 }, { 0, 0 }, { -5, 600 },
  };
  const char *names[] = { "f.png", "f.svg", "f.pdf" };

  for (guint n = 0; n < G_N_ELEMENTS (names); n++)
    for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *path = g_build_filename (dir, names[n], NULL);
        g_autofree char *fresh = g_build_filename (dir, "fresh.png", NULL);

        write_previous (path);
        g_assert_false (isc_export_to_file (result, NULL, path, sizes[i][0], sizes[i][1],
                                            &error));
        g_assert_error (error, ISC_EXPORT_ERROR, ISC_EXPORT_ERROR_BAD_SIZE);
        g_assert_nonnull (strstr (error->message, path));
        assert_previous (path);

        g_clear_error (&error);
        g_assert_false (isc_export_to_file (result, NULL, fresh, sizes[i][0], sizes[i][1],
                                            &error));
        g_assert_error (error, ISC_EXPORT_ERROR, ISC_EXPORT_ERROR_BAD_SIZE);
        g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
      }

  /* the limits themselves are fine */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *path = g_build_filename (dir, "min.png", NULL);

    g_assert_true (isc_export_to_file (result, NULL, path, ISC_EXPORT_SIZE_MIN,
                                       ISC_EXPORT_SIZE_MIN, &error));
    g_assert_no_error (error);
  }

  assert_no_leftovers (dir);
  rm_rf (dir);
}

static void
assert_io_failure (const IscResult *result,
                   const char      *path,
                   int              code)
{
  const char *names[] = { "png", "svg", "pdf", "csv" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *file = g_strdup_printf ("%s.%s", path, names[i]);

      g_assert_false (isc_export_to_file (result, NULL, file, 800, 600, &error));
      g_assert_error (error, G_IO_ERROR, code);
      g_assert_nonnull (strstr (error->message, file));
      g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
    }

  {
    g_autoptr(GError) error = NULL;
    g_autofree char *file = g_strdup_printf ("%s.txt", path);

    g_assert_false (isc_export_stats_csv (result, file, &error));
    g_assert_error (error, G_IO_ERROR, code);
    g_assert_nonnull (strstr (error->message, file));
  }
}

static void
test_missing_dir (void)
{
  g_autoptr(IscResult) result = fake_result (3, FAKE_GAUSSIAN);
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *missing = g_build_filename (dir, "missing", "figure", NULL);
  g_autofree char *parent = g_build_filename (dir, "missing", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *png = g_strdup_printf ("%s.png", missing);

  assert_io_failure (result, missing, G_IO_ERROR_NOT_FOUND);
  /* no folder made on the way */
  g_assert_false (g_file_test (parent, G_FILE_TEST_EXISTS));

  /* the reason is in the message, in the lecture's words */
  g_assert_false (isc_export_to_file (result, NULL, png, 800, 600, &error));
  g_assert_nonnull (strstr (error->message, g_strerror (ENOENT)));

  g_assert_cmpuint (isc_test_count_files (dir), ==, 0);
  rm_rf (dir);
}

static void
test_not_a_dir (void)
{
  g_autoptr(IscResult) result = fake_result (3, FAKE_GAUSSIAN);
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *file = g_build_filename (dir, "file", NULL);
  g_autofree char *inside = g_build_filename (file, "figure", NULL);

  write_previous (file);
  assert_io_failure (result, inside, G_IO_ERROR_NOT_DIRECTORY);
  assert_previous (file);
  g_assert_cmpuint (isc_test_count_files (dir), ==, 1);
  rm_rf (dir);
}

/* Every format and the stats CSV at @path + extension, in a folder that
 * takes no new files: refused, the error names the file, none is left. */
static void
assert_refused (const IscResult *result,
                const char      *path)
{
  const char *names[] = { "png", "svg", "pdf", "csv" };

  for (guint i = 0; i <= G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *file = g_strdup_printf ("%s.%s", path,
                                               i < G_N_ELEMENTS (names) ? names[i] : "txt");
      gboolean ok = i < G_N_ELEMENTS (names)
        ? isc_export_to_file (result, NULL, file, 800, 600, &error)
        : isc_export_stats_csv (result, file, &error);

      g_assert_false (ok);
      g_assert_nonnull (error);
      /* EACCES; EROFS where /sys is mounted read-only (containers) */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
        g_assert_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY);
      g_assert_nonnull (strstr (error->message, file));
      g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
    }
}

static void
test_unwritable_dir (void)
{
  g_autoptr(IscResult) result = fake_result (3, FAKE_GAUSSIAN);
  g_autofree char *dir = NULL;
  g_autofree char *locked = NULL;
  g_autofree char *previous = NULL;

  /* sysfs makes no files on request, not even root's (CI runs as root) */
  if (g_file_test ("/sys/kernel", G_FILE_TEST_IS_DIR))
    {
      assert_refused (result, "/sys/initscope-test-figure");
      assert_no_leftovers ("/sys");
    }
  else if (geteuid () == 0)
    {
      g_test_skip ("running as root, and no sysfs at /sys");
      return;
    }

  /* a folder of one's own without write permission: root writes there anyway */
  if (geteuid () == 0)
    return;

  dir = make_tmpdir ();
  locked = g_build_filename (dir, "locked", NULL);
  previous = g_build_filename (locked, "figure.png", NULL);
  g_assert_cmpint (g_mkdir (locked, 0700), ==, 0);
  write_previous (previous);
  g_assert_cmpint (g_chmod (locked, 0500), ==, 0);

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (isc_export_to_file (result, NULL, previous, 800, 600, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
    g_assert_nonnull (strstr (error->message, previous));
    assert_previous (previous);
  }
  g_chmod (locked, 0700);
  g_assert_cmpuint (isc_test_count_files (locked), ==, 1);
  rm_rf (dir);
}

/* A write that fails half-way (the file-size limit stands in for a full
 * disk): an error naming the path, the previous file intact, no temporary. */
static void
test_failing_write (void)
{
  g_autoptr(IscResult) result = fake_result (10, FAKE_GAUSSIAN);
  g_autofree char *dir = make_tmpdir ();
  const char *names[] = { "figure.png", "figure.svg", "figure.pdf", "stats.csv" };
  struct rlimit old, limit;
  void (*old_handler) (int);

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &old), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      write_previous (path);
    }

  old_handler = signal (SIGXFSZ, SIG_IGN);
  limit = old;
  limit.rlim_cur = 300;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      gboolean ok = isc_export_to_file (result, NULL, path, 1200, 400, &error);

      g_assert_false (ok);
      g_assert_nonnull (error);
      g_assert_true (error->domain == G_IO_ERROR);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_nonnull (strstr (error->message, g_strerror (EFBIG)));
    }

  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &old), ==, 0);
  signal (SIGXFSZ, old_handler);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      assert_previous (path);
    }
  assert_no_leftovers (dir);
  g_assert_cmpuint (isc_test_count_files (dir), ==, G_N_ELEMENTS (names));
  rm_rf (dir);
}

/* A successful export replaces the previous file whole. */
static void
test_replace (void)
{
  g_autoptr(IscResult) result = fake_result (6, FAKE_GAUSSIAN);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "figure.png", NULL);
  g_autofree char *csv = g_build_filename (dir, "stats.csv", NULL);
  cairo_surface_t *surface;
  GStatBuf st;
  mode_t old_umask;

  write_previous (path);
  write_previous (csv);
  /* the usual umask, whatever the test runner's */
  old_umask = umask (022);
  g_assert_true (isc_export_to_file (result, NULL, path, 640, 480, &error));
  g_assert_no_error (error);
  g_assert_true (isc_export_stats_csv (result, csv, &error));
  g_assert_no_error (error);
  umask (old_umask);

  surface = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 640);
  cairo_surface_destroy (surface);
  {
    g_autofree char *text = isc_test_read_file (csv);

    g_assert_true (g_str_has_prefix (text, ISC_STATS_CSV_HEADER "\n"));
  }

  /* readable by others, like any file the user saves (umask permitting):
   * 0666 through the umask 022, not a temporary file's private 0600 */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0600, ==, 0600);
  g_assert_cmpint (st.st_mode & 0777, ==, 0644);
  g_assert_cmpint (g_stat (csv, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0644);

  assert_no_leftovers (dir);
  g_assert_cmpuint (isc_test_count_files (dir), ==, 2);
  rm_rf (dir);
}

static void
test_png_bytes (void)
{
  g_autoptr(IscResult) result = fake_result (10, FAKE_GAUSSIAN);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) placeholder = NULL;
  const guchar *data;
  gsize size;

  bytes = isc_export_png_bytes (result, NULL, 1024, 512, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  data = g_bytes_get_data (bytes, &size);
  isc_test_assert_png_size (data, size, 1024, 512);

  placeholder = isc_export_png_bytes (NULL, NULL, 200, 100, &error);
  g_assert_no_error (error);
  g_assert_nonnull (placeholder);

  g_assert_null (isc_export_png_bytes (result, NULL, 10, 512, &error));
  g_assert_error (error, ISC_EXPORT_ERROR, ISC_EXPORT_ERROR_BAD_SIZE);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/figure/style", test_style);
  g_test_add_func ("/figure/grid", test_grid);
  g_test_add_func ("/figure/not-blank", test_not_blank);
  g_test_add_func ("/figure/dark", test_dark);
  g_test_add_func ("/figure/sizes", test_sizes);
  g_test_add_func ("/figure/degenerate", test_degenerate);
  g_test_add_func ("/figure/placeholder", test_placeholder);
  g_test_add_func ("/figure/engine", test_engine);
  g_test_add_func ("/export/format-from-path", test_format_from_path);
  g_test_add_func ("/export/png", test_png);
  g_test_add_func ("/export/svg", test_svg);
  g_test_add_func ("/export/pdf", test_pdf);
  g_test_add_func ("/export/csv", test_csv);
  g_test_add_func ("/export/csv-locale", test_csv_locale);
  g_test_add_func ("/export/unknown-format", test_unknown_format);
  g_test_add_func ("/export/bad-size", test_bad_size);
  g_test_add_func ("/export/missing-dir", test_missing_dir);
  g_test_add_func ("/export/not-a-dir", test_not_a_dir);
  g_test_add_func ("/export/unwritable-dir", test_unwritable_dir);
  g_test_add_func ("/export/failing-write", test_failing_write);
  g_test_add_func ("/export/replace", test_replace);
  g_test_add_func ("/export/png-bytes", test_png_bytes);

  return g_test_run ();
}
