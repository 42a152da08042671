/* test-figure-views.c — the phase diagram and the sweep drawn without GTK: the
 * critical line and the point where the theory and the config put them
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "isc-figure-views.h"
#include "isc-theory.h"

#define W 720
#define H 480

typedef struct
{
  guchar r, g, b;
} Pixel;

static Pixel
pixel_at (cairo_surface_t *s,
          double           x,
          double           y)
{
  guchar *data = cairo_image_surface_get_data (s);
  int stride = cairo_image_surface_get_stride (s);
  guint32 v = *(guint32 *) (data + (gsize) (int) y * stride + 4 * (int) x);

  return (Pixel) { (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff };
}

/* within 40 of each channel of @c: antialiasing at the edges stays out, the
 * centre of a 2-px line or a 7-px disc is the colour itself */
static gboolean
near_color (Pixel           p,
            const IscColor *c)
{
  return fabs (p.r - c->red * 255) < 40 && fabs (p.g - c->green * 255) < 40
         && fabs (p.b - c->blue * 255) < 40;
}

static cairo_surface_t *
draw_phase (const IscPhaseView   *view,
            const IscFigureStyle *style,
            const char           *name)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, W, H);
  cairo_t *cr = cairo_create (s);
  const char *dir = g_getenv ("ISC_TEST_SHOTS");

  isc_figure_phase_draw (cr, view, style, W, H);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  if (dir != NULL)
    {
      g_autofree char *path = g_strdup_printf ("%s/%s.png", dir, name);

      cairo_surface_write_to_png (s, path);
    }
  return s;
}

static void
check_critical_line (const char           *activation,
                     const IscFigureStyle *style)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IscPhaseData) d = isc_phase_data_compute (activation, 32, 16, 21, NULL, &error);
  IscPhaseView view = { .data = d, .point_w2 = NAN };
  cairo_surface_t *s;
  cairo_rectangle_t area;
  guint checked = 0;

  g_assert_no_error (error);
  s = draw_phase (&view, style, activation);
  isc_figure_phase_plot_area (style, W, H, &area);
  /* at σ_b² values between the line's samples, so the pixel is on a segment
   * and not a joint; the theory asked afresh, not read back from @d */
  for (double b2 = 0.15; b2 < ISC_PHASE_B2_MAX - 0.1; b2 += 0.4)
    {
      double w2, x, y;

      if (!isc_theory_critical_sigma_w2 (activation, b2, &w2, &error))
        {
          g_assert_error (error, ISC_THEORY_ERROR, ISC_THEORY_ERROR_NO_CROSSING);
          g_clear_error (&error);
          continue;
        }
      isc_figure_phase_to_xy (&area, w2, b2, &x, &y);
      if (x < area.x + 3 || x > area.x + area.width - 3)
        continue;
      /* the chord between two samples 0.1 apart in σ_b² strays from the curve
       * by under a pixel at these sizes; ±1 px covers it */
      g_assert_true (near_color (pixel_at (s, x, y), &style->foreground)
                     || near_color (pixel_at (s, x - 1, y), &style->foreground)
                     || near_color (pixel_at (s, x + 1, y), &style->foreground));
      /* and the cells 12 px either side are the phase colours, not the line */
      g_assert_false (near_color (pixel_at (s, x - 12, y), &style->foreground));
      g_assert_false (near_color (pixel_at (s, x + 12, y), &style->foreground));
      checked++;
    }
  g_assert_cmpuint (checked, >=, 3);
  cairo_surface_destroy (s);
}

static void
test_critical_line (void)
{
  IscFigureStyle light, dark;

  isc_figure_style_init_light (&light);
  isc_figure_style_init_dark (&dark);
  check_critical_line ("tanh", &light);
  check_critical_line ("relu", &dark);
}

static void
test_point (void)
{
  IscFigureStyle style;
  IscPhaseMark marks[ISC_PHASE_N_LECTURE_MARKS];
  g_autoptr(GError) error = NULL;
  g_autoptr(IscPhaseData) d = isc_phase_data_compute ("tanh", 16, 8, 5, NULL, &error);
  /* the config σ = 0.1 at width 500: σ_w² = 5, no bias */
  IscPhaseView view = { .data = d, .point_w2 = 500 * 0.1 * 0.1, .point_b2 = 0.8 };
  cairo_rectangle_t area;
  cairo_surface_t *s;
  double x, y, w2, b2;

  g_assert_no_error (error);
  isc_figure_style_init_light (&style);
  isc_phase_lecture_marks (500, marks);
  view.marks = marks;
  view.n_marks = ISC_PHASE_N_LECTURE_MARKS;
  s = draw_phase (&view, &style, "tanh-marks");
  isc_figure_phase_plot_area (&style, W, H, &area);
  isc_figure_phase_to_xy (&area, view.point_w2, view.point_b2, &x, &y);
  g_assert_true (near_color (pixel_at (s, x, y), &style.std_line));
  /* moved, the point goes with it, and its old place is no longer the point's colour */
  view.point_w2 = 0.05;
  cairo_surface_destroy (s);
  s = draw_phase (&view, &style, "tanh-moved");
  g_assert_false (near_color (pixel_at (s, x, y), &style.std_line));
  isc_figure_phase_to_xy (&area, view.point_w2, view.point_b2, &x, &y);
  g_assert_true (near_color (pixel_at (s, x, y), &style.std_line));
  /* a drag maps back: from_xy inverts to_xy */
  isc_figure_phase_from_xy (&area, x, y, &w2, &b2);
  g_assert_cmpfloat (fabs (log10 (w2 / 0.05)), <, 1e-9);
  g_assert_cmpfloat (fabs (b2 - 0.8), <, 1e-9);
  cairo_surface_destroy (s);
}

/* χ₁'s colours: ordered below 1 bluer, chaotic above redder, the same at 1 as NAN's
 * neutral only in the limit; symmetric in log χ₁. */
static void
test_palette (void)
{
  IscFigureStyle style;
  IscColor lo, hi, mid;

  isc_figure_style_init_light (&style);
  lo = isc_figure_phase_color (&style, 0.1);
  hi = isc_figure_phase_color (&style, 10);
  mid = isc_figure_phase_color (&style, 1);
  g_assert_cmpfloat (lo.blue, >, lo.red);
  g_assert_cmpfloat (hi.red, >, hi.blue);
  g_assert_cmpfloat (mid.red + mid.green + mid.blue, >, lo.red + lo.green + lo.blue);
  g_assert_cmpfloat (mid.red + mid.green + mid.blue, >, hi.red + hi.green + hi.blue);
}

static void
test_sweep_draw (void)
{
  IscFigureStyle style;
  IscConfig base;
  double sigmas[9];
  g_autoptr(GError) error = NULL;
  g_autofree IscSweepPoint *p = NULL;
  IscSweepMark marks[] = { { "Xavier", 1 / sqrt (128.0) }, { "Kaiming", sqrt (2 / 128.0) } };
  IscSweepFigure view = { .sigma_lo = ISC_SWEEP_SIGMA_MIN, .sigma_hi = ISC_SWEEP_SIGMA_MAX,
                        .marks = marks, .n_marks = 2, .current = 0.01, .note = "test" };
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, W, H);
  cairo_t *cr = cairo_create (s);
  cairo_rectangle_t a;
  double x;

  isc_config_init_default (&base);
  base.depth = 5, base.width = 128, base.batch = 32;
  isc_sweep_log_sigmas (ISC_SWEEP_SIGMA_MIN, ISC_SWEEP_SIGMA_MAX, 9, sigmas);
  p = isc_sweep_run (&base, sigmas, 9, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  view.points = p;
  view.n_done = 9;
  isc_figure_style_init_light (&style);
  isc_figure_sweep_draw (cr, &view, &style, W, H);
  cairo_destroy (cr);
  if (g_getenv ("ISC_TEST_SHOTS") != NULL)
    {
      g_autofree char *path = g_strdup_printf ("%s/sweep.png", g_getenv ("ISC_TEST_SHOTS"));
      cairo_surface_write_to_png (s, path);
    }
  /* a click over point 4 of any plot picks it; outside every plot nothing */
  for (guint i = 0; i < ISC_SWEEP_N_PLOTS; i++)
    {
      isc_figure_sweep_plot_area (&style, W, H, i, &a);
      x = isc_figure_sweep_x_of (&view, &a, sigmas[4]);
      g_assert_cmpint (isc_figure_sweep_hit (&view, &style, W, H, x + 3, a.y + a.height / 2),
                       ==, 4);
      /* the saturation plot's point at σ = 10 is drawn in the bars' colour (tanh saturates) */
    }
  isc_figure_sweep_plot_area (&style, W, H, 1, &a);
  x = isc_figure_sweep_x_of (&view, &a, sigmas[8]);
  g_assert_true (near_color (pixel_at (s, x - 1, a.y + a.height * (1 - p[8].saturated)),
                             &style.bars));
  g_assert_cmpint (isc_figure_sweep_hit (&view, &style, W, H, 2, 2), ==, -1);
  cairo_surface_destroy (s);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/figure/phase/critical-line", test_critical_line);
  g_test_add_func ("/figure/phase/point", test_point);
  g_test_add_func ("/figure/phase/palette", test_palette);
  g_test_add_func ("/figure/sweep/draw", test_sweep_draw);
  return g_test_run ();
}
