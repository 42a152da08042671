/* test-views.c — the figure's views, log std axes, ratio labels, theory overlay
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-views"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "isc-export.h"
#include "isc-figure-line-plot.h"
#include "isc-figure-private.h"
#include "isc-network.h"
#include "isc-result-private.h"
#include "isc-theory.h"
#include "isc-theory-config.h"

static IscResult *
run (const char *init,
     const char *activation,
     double      scale,
     guint       depth,
     guint       width)
{
  g_autoptr(GError) error = NULL;
  IscConfig config;
  IscResult *result;

  isc_config_init_default (&config);
  g_assert_true (isc_init_from_string (init, &config.init, &error));
  g_assert_true (isc_activation_from_string (activation, &config.activation, &error));
  config.scale = scale;
  config.depth = depth;
  config.width = width;
  config.batch = 200;
  result = isc_network_run (&config, NULL, 0, 0, NULL, &error);
  g_assert_no_error (error);
  return result;
}

/* Gradients by hand: std r^(depth − 1 − l) (1 at the read-out), all values
 * in the bins within ±std of a shared range ±3 × the largest std. */
static void
add_fake_gradients (IscResult *result,
                    double     r)
{
  IscResultView *view;
  guint depth = result->config.depth, n_bins = result->config.bins;

  isc_result_add_gradients (result);
  view = &result->views[ISC_VIEW_GRADIENTS];
  view->lo = -3 * MAX (1, pow (r, depth - 1));
  view->hi = -view->lo;
  for (guint l = 0; l < depth; l++)
    {
      IscLayerStats *s = &view->layers[l];
      double std = pow (r, depth - 1 - l);
      double w = (view->hi - view->lo) / n_bins;
      guint b0 = (guint) floor ((-std - view->lo) / w), b1 = (guint) floor ((std - view->lo) / w);

      s->std = std;
      s->min = -std;
      s->max = std;
      s->count = (guint64) result->batch * result->units;
      b1 = MIN (b1, n_bins - 1);
      for (guint b = b0; b <= b1; b++)
        ((guint64 *) s->bins)[b] = s->count / (b1 - b0 + 1);
      ((guint64 *) s->bins)[b0] += s->count % (b1 - b0 + 1);
    }
  isc_result_finish_view (result, ISC_VIEW_GRADIENTS, FALSE);
}

static cairo_surface_t *
render (const IscResult      *result,
        const IscFigureStyle *style,
        int                   w,
        int                   h)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *cr = cairo_create (surface);

  isc_figure_draw (cr, result, style, w, h);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static gboolean
same_pixels (cairo_surface_t *a,
             cairo_surface_t *b)
{
  int h = cairo_image_surface_get_height (a);

  return memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b),
                 (gsize) cairo_image_surface_get_stride (a) * h) == 0;
}

static void
test_gradient_view (void)
{
  g_autoptr(IscResult) result = run ("xavier", "tanh", 1, 4, 50);
  IscFigureStyle acts, grads;
  cairo_surface_t *a, *g, *fallback;

  isc_figure_style_init_light (&acts);
  grads = acts;
  grads.view = ISC_VIEW_GRADIENTS;
  /* no backward pass: the gradients view falls back to the activations */
  a = render (result, &acts, 800, 600);
  fallback = render (result, &grads, 800, 600);
  g_assert_true (same_pixels (a, fallback));
  g_assert_false (isc_figure_style_equal (&acts, &grads));

  add_fake_gradients (result, 0.5);
  g = render (result, &grads, 800, 600);
  g_assert_false (same_pixels (a, g));
  /* every range mode draws */
  for (int mode = 0; mode < ISC_N_RANGES; mode++)
    {
      cairo_surface_t *m;

      grads.range = mode;
      m = render (result, &grads, 800, 600);
      g_assert_false (same_pixels (a, m));
      cairo_surface_destroy (m);
    }
  cairo_surface_destroy (a);
  cairo_surface_destroy (g);
  cairo_surface_destroy (fallback);
}

/* An IscFig enough for a line plot: text and sizes. */
static void
fig_for_plots (IscFig          *f,
               cairo_t         *cr,
               IscFigureStyle  *style)
{
  memset (f, 0, sizeof *f);
  isc_figure_style_init_light (style);
  f->cr = cr;
  f->style = style;
  f->width = 800;
  f->height = 600;
  f->base = 16;
  f->title_px = f->base * ISC_TITLE_EM;
  f->tick_px = f->base * ISC_TICK_EM;
  f->line_width = 1;
  isc_text_init (&f->text, cr, NULL);
}

static void
test_log_axis (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 600);
  cairo_t *cr = cairo_create (surface);
  IscFigureStyle style;
  IscRect box = { 0, 0, 600, 400 };
  IscFig f;
  /* spans just under and just over ISC_LINE_PLOT_LOG_SPAN */
  const double spans[] = { 9.9, 10.1, 1e6 };

  fig_for_plots (&f, cr, &style);
  for (guint i = 0; i < G_N_ELEMENTS (spans); i++)
    {
      double y[7], expected = 1;
      IscLineSeries s = { y, G_N_ELEMENTS (y), ISC_LINE_MEASURED, &style.std_line, NULL };
      IscLinePlot lp;

      /* uneven steps falling by spans[i] in all */
      for (guint l = 0; l < G_N_ELEMENTS (y); l++)
        y[l] = 0.3 * pow (spans[i], pow (l / 6.0, 1.7));
      isc_line_plot_prepare (&lp, &f, &box, "std", ISC_LINE_PLOT_FROM_ZERO |
                             ISC_LINE_PLOT_LOG_AUTO, &s, 1);
      g_assert_cmpint (lp.log_y, ==, spans[i] > ISC_LINE_PLOT_LOG_SPAN);
      if (lp.log_y)
        {
          g_autofree char *want = NULL;

          /* the ratio is the geometric mean of the step-by-step ratios */
          for (guint l = 1; l < G_N_ELEMENTS (y); l++)
            expected *= y[l] / y[l - 1];
          expected = pow (expected, 1.0 / (G_N_ELEMENTS (y) - 1));
          g_assert_cmpfloat_with_epsilon (lp.ratio, expected, expected * 1e-12);
          want = g_strdup_printf ("×%.2g a layer", expected);
          g_assert_cmpstr (lp.ratio_text, ==, want);
        }
      else
        g_assert_null (lp.ratio_text);
      isc_line_plot_clear (&lp);
    }
  isc_text_clear (&f.text);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* The theory's dashes go through each predicted point: a pixel of the theory
 * colour within a dash period of it, and a decade apart is the plot height
 * over the decades shown. */
static void
test_theory_line (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 800, 600);
  cairo_t *cr = cairo_create (surface);
  IscFigureStyle style;
  IscRect box = { 50, 50, 600, 400 };
  double measured[6], predicted[6];
  IscFig f;
  IscLinePlot lp;
  IscLineSeries s[2];
  guchar *data;
  int stride;

  fig_for_plots (&f, cr, &style);
  for (guint l = 0; l < 6; l++)
    {
      predicted[l] = pow (10, -(double) l);
      measured[l] = NAN;  /* nothing over the dashes */
    }
  s[0] = (IscLineSeries) { measured, 6, ISC_LINE_MEASURED, &style.std_line, "measured" };
  s[1] = (IscLineSeries) { predicted, 6, ISC_LINE_THEORY, &style.theory, "theory" };
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  isc_line_plot_prepare (&lp, &f, &box, "std", ISC_LINE_PLOT_LOG_AUTO, s, 2);
  g_assert_true (lp.log_y);
  isc_line_plot_draw (&lp, &f);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);

  for (guint l = 0; l < 6; l++)
    {
      double x, y, x1, y1;
      gboolean found = FALSE;
      /* a dash and a gap: 6 + 4 line widths */
      int reach = 10;

      g_assert_true (isc_line_plot_point (&lp, &f, 1, l, &x, &y));
      if (l + 1 < 6)
        {
          IscRect plot = lp.plot;

          g_assert_true (isc_line_plot_point (&lp, &f, 1, l + 1, &x1, &y1));
          plot.height = lp.plot.height;
          g_assert_cmpfloat_with_epsilon (y1 - y, plot.height / (lp.yhi - lp.ylo), 1e-9);
        }
      for (int dy = -reach; dy <= reach && !found; dy++)
        for (int dx = -reach; dx <= reach && !found; dx++)
          {
            int px = (int) x + dx, py = (int) y + dy;
            guint32 p;
            int r, g, b;

            if (px < 0 || py < 0 || px >= 800 || py >= 600 || dx * dx + dy * dy > reach * reach)
              continue;
            p = *(guint32 *) (data + py * stride + px * 4);
            r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
            /* the theory purple (0x613583): blue and red over green */
            found = b > g + 40 && r > g + 20;
          }
      g_assert_true (found);
    }
  isc_line_plot_clear (&lp);
  isc_text_clear (&f.text);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* The predicted counts add up to the measured ones, but for the mass the
 * theory puts outside the histogram's range. */
static void
test_density_mass (void)
{
  const char *cases[][2] = { { "xavier", "tanh" }, { "kaiming", "relu" },
                             { "xavier", "sigmoid" } };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(IscResult) result = run (cases[c][0], cases[c][1], 1, 3, 500);
      const IscConfig *config = isc_result_get_config (result);
      IscTheoryFixedPoint fixed;
      g_autofree IscTheoryLayer *theory = isc_theory_config_compute (config, &fixed);
      guint n_bins = isc_result_get_n_bins (result);
      g_autofree double *counts = g_new (double, n_bins);
      g_autofree double *mass = g_new (double, n_bins);
      double lo, hi;

      g_assert_nonnull (theory);
      isc_result_get_range (result, &lo, &hi);
      for (guint l = 0; l < config->depth; l++)
        {
          const IscLayerStats *s = isc_result_get_layer (result, l);
          double predicted = 0, measured = 0, below, above;

          g_assert_true (isc_fig_theory_counts (cases[c][1], theory[l].q, lo, hi, n_bins,
                                                s->count, counts));
          g_assert_true (isc_theory_density (cases[c][1], theory[l].q, lo, hi, n_bins, mass,
                                             &below, &above, NULL));
          for (guint b = 0; b < n_bins; b++)
            {
              predicted += counts[b];
              measured += s->bins[b];
            }
          /* all of it, inside or out */
          g_assert_cmpfloat_with_epsilon (predicted + (below + above) * s->count, s->count,
                                          s->count * 1e-9);
          g_assert_cmpfloat (fabs (predicted - measured), <=,
                             (below + above) * s->count + s->count * 1e-9);
        }
    }
}

static char *
pdf_text (const IscResult      *result,
          const IscFigureStyle *style)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-views-XXXXXX", &error);
  g_autofree char *pdf = g_build_filename (dir, "f.pdf", NULL);
  g_autofree char *txt = g_build_filename (dir, "f.txt", NULL);
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, txt, NULL };
  char *text = NULL;
  int status;

  g_assert_no_error (error);
  g_assert_true (isc_export_to_file (result, style, pdf, 1200, 800, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_file_get_contents (txt, &text, NULL, &error));
  g_unlink (pdf);
  g_unlink (txt);
  g_rmdir (dir);
  return text;
}

static guint
count_of (const char *text,
          const char *what)
{
  guint n = 0;

  for (const char *p = strstr (text, what); p != NULL; p = strstr (p + 1, what))
    n++;
  return n;
}

/* "all N units identical" on each layer whose distinct count is 1, and only there. */
static void
test_identical_units (void)
{
  g_autoptr(IscResult) zero = run ("zero", "tanh", 0, 3, 40);
  g_autoptr(IscResult) random = run ("xavier", "tanh", 0, 3, 40);
  g_autofree char *zero_text = pdf_text (zero, NULL);
  g_autofree char *random_text = pdf_text (random, NULL);
  g_autofree char *one_less = NULL;

  for (guint l = 0; l < 3; l++)
    {
      g_assert_cmpuint (isc_result_get_distinct (zero, l), ==, 1);
      g_assert_cmpuint (isc_result_get_distinct (random, l), ==, 40);
    }
  g_assert_cmpuint (count_of (zero_text, "all 40 units identical"), ==, 3);
  g_assert_cmpuint (count_of (random_text, "identical"), ==, 0);
  /* the words follow the count, not the init */
  zero->distinct[1] = 40;
  one_less = pdf_text (zero, NULL);
  g_assert_cmpuint (count_of (one_less, "all 40 units identical"), ==, 2);
}

/* The ratio written on a real σ = 0.01 figure is the std's geometric mean ratio. */
static void
test_ratio_label (void)
{
  g_autoptr(IscResult) result = run ("gaussian", "tanh", 0.01, 6, 300);
  g_autofree char *text = pdf_text (result, NULL);
  g_autofree char *want = NULL;
  guint n = isc_result_get_n_layers (result);
  double first = isc_result_get_layer (result, 0)->std;
  double last = isc_result_get_layer (result, n - 1)->std;

  want = g_strdup_printf ("×%.2g a layer", pow (last / first, 1.0 / (n - 1)));
  g_assert_nonnull (strstr (text, want));
}

/* The theory: the phase in the header, and nothing of it by default. */
static void
test_theory_phase (void)
{
  g_autoptr(IscResult) chaotic = run ("gaussian", "tanh", 1.0, 4, 500);
  g_autoptr(IscResult) narrow = run ("gaussian", "tanh", 1.0, 4, 20);
  IscFigureStyle style;
  g_autofree char *off = pdf_text (chaotic, NULL);
  g_autofree char *on = NULL;
  g_autofree char *on_narrow = NULL;

  isc_figure_style_init_light (&style);
  style.theory_on = TRUE;
  on = pdf_text (chaotic, &style);
  on_narrow = pdf_text (narrow, &style);
  g_assert_null (strstr (off, "chaotic"));
  g_assert_nonnull (strstr (on, "chaotic: gradients grow"));
  g_assert_null (strstr (on, "infinite-width"));
  g_assert_nonnull (strstr (on_narrow, "infinite-width prediction"));
}

static IscResult *
run_norm (const char *init,
          IscNorm     norm)
{
  g_autoptr(GError) error = NULL;
  IscConfig config;
  IscResult *result;

  isc_config_init_default (&config);
  g_assert_true (isc_init_from_string (init, &config.init, &error));
  config.activation = ISC_ACTIVATION_RELU;
  config.depth = 4;
  config.width = 100;
  config.batch = 200;
  config.norm = norm;
  result = isc_network_run (&config, NULL, 0, 0, NULL, &error);
  g_assert_no_error (error);
  return result;
}

/* The theory has no normalization: with it on, --theory draws nothing more
 * (and without it, it does: the test can fail). The header says so. */
static void
test_norm_no_theory (void)
{
  IscFigureStyle plain, theory;

  isc_figure_style_init_light (&plain);
  theory = plain;
  theory.theory_on = TRUE;
  for (guint norm = ISC_NORM_NONE; norm < ISC_N_NORMS; norm++)
    {
      g_autoptr(IscResult) result = run_norm ("kaiming", norm);
      cairo_surface_t *a = render (result, &plain, 900, 600);
      cairo_surface_t *b = render (result, &theory, 900, 600);
      g_autofree char *header = isc_config_describe (isc_result_get_config (result));

      g_assert_cmpint (same_pixels (a, b), ==, norm != ISC_NORM_NONE);
      g_assert_cmpint (strstr (header, "batch norm") != NULL, ==, norm == ISC_NORM_BATCH);
      g_assert_cmpint (strstr (header, "layer norm") != NULL, ==, norm == ISC_NORM_LAYER);
      cairo_surface_destroy (a);
      cairo_surface_destroy (b);
    }
}

static guint
count_color (cairo_surface_t *s,
             const IscColor  *c)
{
  guchar *data = cairo_image_surface_get_data (s);
  int stride = cairo_image_surface_get_stride (s), n = 0;
  guint32 want = ((guint32) lround (c->red * 255) << 16) |
                 ((guint32) lround (c->green * 255) << 8) | (guint32) lround (c->blue * 255);

  for (int y = 0; y < cairo_image_surface_get_height (s); y++)
    for (int x = 0; x < cairo_image_surface_get_width (s); x++)
      n += (*(guint32 *) (data + y * stride + x * 4) & 0xffffff) == want;
  return n;
}

/* A comparison: the reference's colour appears (ghosts and its lines) next
 * to the bars'; without a reference it does not; the style tells them apart;
 * the legend names what differs. */
static void
test_compare (void)
{
  g_autoptr(IscResult) current = run_norm ("kaiming", ISC_NORM_NONE);
  g_autoptr(IscResult) reference = run_norm ("xavier", ISC_NORM_NONE);
  g_autofree char *diff = NULL;
  IscFigureStyle style, compare;
  cairo_surface_t *a, *b;

  isc_figure_style_init_light (&style);
  compare = style;
  compare.reference = reference;
  g_assert_false (isc_figure_style_equal (&style, &compare));
  a = render (current, &style, 1200, 700);
  b = render (current, &compare, 1200, 700);
  g_assert_cmpuint (count_color (a, &style.reference_color), ==, 0);
  g_assert_cmpuint (count_color (b, &style.reference_color), >, 100);
  g_assert_cmpuint (count_color (b, &style.bars), >, 1000);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);

  diff = isc_figure_describe_difference (isc_result_get_config (reference),
                                         isc_result_get_config (current));
  g_assert_cmpstr (diff, ==, "init xavier");
  g_free (g_steal_pointer (&diff));
  diff = isc_figure_describe_difference (isc_result_get_config (current),
                                         isc_result_get_config (current));
  g_assert_cmpstr (diff, ==, "same config");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/views/gradient-view", test_gradient_view);
  g_test_add_func ("/views/log-axis", test_log_axis);
  g_test_add_func ("/views/theory-line", test_theory_line);
  g_test_add_func ("/views/density-mass", test_density_mass);
  g_test_add_func ("/views/identical-units", test_identical_units);
  g_test_add_func ("/views/ratio-label", test_ratio_label);
  g_test_add_func ("/views/theory-phase", test_theory_phase);
  g_test_add_func ("/views/norm-no-theory", test_norm_no_theory);
  g_test_add_func ("/views/compare", test_compare);

  return g_test_run ();
}
