/* render-styles.c — the figure in the window's styles, for a before/after check
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The CLI exports only the light style; the window also draws dark, on a
 * transparent background, at other text scales and fonts, and previews. This
 * draws those into OUTDIR/*.png and writes every panel's area (the hit-test
 * API) to OUTDIR/areas.txt, to be compared with compare-sets.sh and cmp.
 * Not built by Meson: link it against a build's static libraries, e.g.
 *
 *   cc -o /tmp/render-styles tests/figure/render-styles.c -I_build -Isrc/engine \
 *      -Isrc/figure _build/src/figure/libisc-figure.a _build/src/engine/libisc-engine.a \
 *      $(pkg-config --cflags --libs glib-2.0 gio-2.0 pangocairo openblas) -lm
 */

#include <stdio.h>

#include "isc-figure.h"
#include "isc-network.h"

typedef struct
{
  const char *name;
  IscInit     init;
  IscActivation activation;
  guint       depth;
  guint       max_batch;  /* 0 = all: a preview otherwise */
} Case;

static void
draw_case (const char           *dir,
           const Case           *c,
           const char           *style_name,
           const IscFigureStyle *style,
           FILE                 *areas)
{
  static const int sizes[][2] = { { 1920, 1080 }, { 900, 700 }, { 1200, 400 }, { 160, 90 } };
  g_autoptr(GError) error = NULL;
  IscConfig config;
  IscResult *result;

  isc_config_init_default (&config);
  config.init = c->init;
  config.activation = c->activation;
  config.depth = c->depth;
  result = isc_network_run (&config, NULL, c->max_batch, 0, NULL, &error);
  g_assert_no_error (error);

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      int w = sizes[s][0], h = sizes[s][1];
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
      cairo_t *cr = cairo_create (surface);
      g_autofree char *path = g_strdup_printf ("%s/%s-%s-%dx%d.png", dir, c->name, style_name,
                                               w, h);

      isc_figure_draw (cr, result, style, w, h);
      cairo_surface_write_to_png (surface, path);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);

      for (guint l = 0; l <= c->depth; l++)
        {
          cairo_rectangle_t a = { 0 };
          gboolean found = isc_figure_get_panel_area (result, style, w, h, l, &a);

          fprintf (areas, "%s %s %dx%d %u %d %.17g %.17g %.17g %.17g\n", c->name, style_name,
                   w, h, l, found, a.x, a.y, a.width, a.height);
        }
    }
  isc_result_unref (result);
}

int
main (int   argc,
      char *argv[])
{
  static const Case cases[] = {
    { "tanh-small", ISC_INIT_GAUSSIAN, ISC_ACTIVATION_TANH, 10, 0 },
    { "relu-xavier", ISC_INIT_XAVIER, ISC_ACTIVATION_RELU, 10, 0 },
    { "relu-kaiming-preview", ISC_INIT_KAIMING, ISC_ACTIVATION_RELU, 6, 100 },
    { "zero", ISC_INIT_ZERO, ISC_ACTIVATION_TANH, 3, 0 },
    { "depth50", ISC_INIT_XAVIER, ISC_ACTIVATION_TANH, 50, 0 },
  };
  IscFigureStyle styles[5];
  const char *names[5] = { "null", "dark", "clear", "big", "serif" };
  g_autofree char *areas_path = NULL;
  FILE *areas;

  if (argc != 2)
    {
      fprintf (stderr, "usage: render-styles OUTDIR\n");
      return 2;
    }
  g_mkdir_with_parents (argv[1], 0777);
  areas_path = g_build_filename (argv[1], "areas.txt", NULL);
  areas = fopen (areas_path, "w");
  if (areas == NULL)
    {
      fprintf (stderr, "%s: cannot write\n", areas_path);
      return 1;
    }

  isc_figure_style_init_dark (&styles[1]);
  isc_figure_style_init_dark (&styles[2]);
  styles[2].background.alpha = 0;  /* the window leaves its own background */
  isc_figure_style_init_light (&styles[3]);
  styles[3].text_scale = 1.6;
  isc_figure_style_init_dark (&styles[4]);
  styles[4].text_scale = 0.7;
  styles[4].font_family = "Serif";

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    for (guint s = 0; s < G_N_ELEMENTS (styles); s++)
      draw_case (argv[1], &cases[c], names[s], s == 0 ? NULL : &styles[s], areas);
  /* the placeholder */
  {
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 500);
    cairo_t *cr = cairo_create (surface);
    g_autofree char *path = g_build_filename (argv[1], "placeholder.png", NULL);

    isc_figure_draw (cr, NULL, &styles[1], 800, 500);
    cairo_surface_write_to_png (surface, path);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }
  fclose (areas);
  return 0;
}
