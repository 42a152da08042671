/* isc-figure.c — the one renderer: a result drawn into any cairo_t at any size
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "isc-figure"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "isc-figure.h"

/* Text below this size (in user units, ~px) is not drawn at all: a thumbnail
 * shows bars, not smudges. */
#define MIN_TEXT_PX 6.5

/* Wanted width:height of a histogram's plot area. */
#define PANEL_ASPECT 1.4

typedef struct
{
  double x, y, width, height;
} Rect;

/* A label under the x axis: its value, where its text hangs from the tick
 * (0 left, 0.5 centred, 1 right) and the span it takes, from the plot's
 * left edge. */
typedef struct
{
  double  value;
  double  anchor;
  char   *text;
  double  left;
  double  right;
} XLabel;

typedef struct
{
  /* inputs */
  cairo_t              *cr;
  const IscResult      *result;
  const IscFigureStyle *style;
  IscFigureStyle        fallback;   /* the style for a NULL one */
  double                width;
  double                height;

  /* text */
  PangoContext         *pango;
  PangoLayout          *layout;
  PangoFontDescription *font;

  /* sizes, in user units */
  double                base;       /* the header's font size; others derive from it */
  double                title_px;
  double                tick_px;
  double                line_width;

  /* data */
  guint                 n_layers;
  double                lo;         /* x range shown, never empty */
  double                hi;
  double                y_top;      /* count at the top of every histogram */
  guint64               count;      /* values a layer, for the percent labels */

  /* layout */
  gboolean              show_header;
  Rect                  header;
  gboolean              show_lines;
  Rect                  lines[2];   /* mean, std: whole boxes with titles */
  gboolean              lines_stacked;
  guint                 cols;
  guint                 rows;
  Rect                  grid;       /* the panels, without the y labels */
  double                gap_x;
  double                gap_y;
  double                cell_width;
  double                plot_height;
  double                title_h;    /* band above each plot */
  double                title_font; /* 0 = no titles */
  int                   title_form;
  double                tick_h;     /* band below a plot with x labels */
  gboolean              ticks_every_panel;
  double                ylabel_w;   /* left of the first column; 0 = no labels */
  double                panel_px;   /* axis labels and warnings in the panels */

  /* the x labels, the same under every panel: laid out once a draw, from
   * the plot's left edge */
  XLabel                x_labels[2 + 1 + 6];
  guint                 n_x_labels;
  double                x_label_px;
} Fig;

/* Colours ---------------------------------------------------------------- */

static IscColor
rgb (guint32 hex,
     double  alpha)
{
  return (IscColor) {
    ((hex >> 16) & 0xff) / 255.0,
    ((hex >> 8) & 0xff) / 255.0,
    (hex & 0xff) / 255.0,
    alpha,
  };
}

void
isc_figure_style_init_light (IscFigureStyle *style)
{
  g_return_if_fail (style != NULL);

  /* GNOME palette (Adwaita light) */
  *style = (IscFigureStyle) {
    .background = rgb (0xffffff, 1.0),
    .foreground = rgb (0x241f31, 1.0),
    .grid = rgb (0x241f31, 0.10),
    .bars = rgb (0x3584e4, 1.0),
    .mean_line = rgb (0xe66100, 1.0),
    .std_line = rgb (0x26a269, 1.0),
    .warning = rgb (0xc01c28, 1.0),
    .text_scale = 1.0,
    .font_family = NULL,
  };
}

void
isc_figure_style_init_dark (IscFigureStyle *style)
{
  g_return_if_fail (style != NULL);

  /* GNOME palette (Adwaita dark): lighter shades of the same hues */
  *style = (IscFigureStyle) {
    .background = rgb (0x1e1e1e, 1.0),
    .foreground = rgb (0xffffff, 0.92),
    .grid = rgb (0xffffff, 0.12),
    .bars = rgb (0x62a0ea, 1.0),
    .mean_line = rgb (0xffa348, 1.0),
    .std_line = rgb (0x57e389, 1.0),
    .warning = rgb (0xff7b63, 1.0),
    .text_scale = 1.0,
    .font_family = NULL,
  };
}

static gboolean
color_equal (const IscColor *a,
             const IscColor *b)
{
  return memcmp (a, b, sizeof *a) == 0;
}

gboolean
isc_figure_style_equal (const IscFigureStyle *a,
                        const IscFigureStyle *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  return color_equal (&a->background, &b->background) &&
         color_equal (&a->foreground, &b->foreground) &&
         color_equal (&a->grid, &b->grid) &&
         color_equal (&a->bars, &b->bars) &&
         color_equal (&a->mean_line, &b->mean_line) &&
         color_equal (&a->std_line, &b->std_line) &&
         color_equal (&a->warning, &b->warning) &&
         a->text_scale == b->text_scale &&
         g_strcmp0 (a->font_family, b->font_family) == 0;
}

static void
set_color (cairo_t        *cr,
           const IscColor *color,
           double          alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

/* Numbers ---------------------------------------------------------------- */

/* A real minus sign reads better than a hyphen in a figure. */
static char *
typeset_minus (char *text)
{
  GString *out;

  if (strchr (text, '-') == NULL)
    return text;

  out = g_string_new (NULL);
  for (const char *p = text; *p; p++)
    {
      if (*p == '-')
        g_string_append (out, "−");
      else
        g_string_append_c (out, *p);
    }
  g_free (text);
  return g_string_free (out, FALSE);
}

/* A statistic in a title: two decimals like the lecture, but tiny values
 * (a collapsed std of 1e-6) keep their significant digits. */
static char *
format_stat (double value)
{
  double a = fabs (value);

  if (!isfinite (value))
    return g_strdup ("–");
  if (value == 0.0)
    return g_strdup ("0.00");
  if (a < 0.01 || a >= 1e4)
    return typeset_minus (g_strdup_printf ("%.2g", value));
  if (a >= 100)
    return typeset_minus (g_strdup_printf ("%.0f", value));
  return typeset_minus (g_strdup_printf ("%.2f", value));
}

static char *
format_tick (double value,
             double step)
{
  double a = fabs (value);
  int decimals;

  if (a < step * 1e-6)
    return g_strdup ("0");
  if (step < 1e-3 || a >= 1e5)
    return typeset_minus (g_strdup_printf ("%.2g", value));
  decimals = step >= 1.0 ? 0 : (int) ceil (-log10 (step) - 1e-9);
  /* a step like 0.25 needs one more digit than its order of magnitude */
  if (fabs (step * pow (10, decimals) - round (step * pow (10, decimals))) > 1e-6)
    decimals++;
  return typeset_minus (g_strdup_printf ("%.*f", decimals, value));
}

/* A histogram's y label: a share of the layer's values. */
static char *
format_percent_tick (double value,
                     double step)
{
  g_autofree char *num = format_tick (value, step);

  return g_strdup_printf ("%s %%", num);
}

/* The x range's end points: as short as they can be. */
static char *
format_edge (double value)
{
  if (value == 0.0)
    return g_strdup ("0");
  return typeset_minus (g_strdup_printf ("%.3g", value));
}

static double
nice_number (double x,
             gboolean round_it)
{
  double exponent = floor (log10 (x));
  double fraction = x / pow (10, exponent);
  double nice;

  if (round_it)
    nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
  else
    nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return nice * pow (10, exponent);
}

/* Ticks inside [lo, hi], at most @max_ticks of them. */
static guint
nice_ticks (double  lo,
            double  hi,
            guint   max_ticks,
            double *first,
            double *step)
{
  double s;
  guint n = 0;

  if (!(hi > lo) || !isfinite (hi - lo) || max_ticks < 2)
    return 0;
  s = nice_number ((hi - lo) / (max_ticks - 1), TRUE);
  if (!(s > 0) || !isfinite (s))
    return 0;
  while ((hi - lo) / s + 1 > max_ticks + 0.5)
    s = nice_number (s * 1.01, FALSE);
  *first = ceil (lo / s - 1e-9) * s;
  *step = s;
  for (double v = *first; v <= hi + s * 1e-9 && n < 100; v += s)
    n++;
  return n;
}

/* Text ------------------------------------------------------------------- */

static void
text_set (Fig         *f,
          const char  *text,
          double       px,
          PangoWeight  weight)
{
  pango_font_description_set_absolute_size (f->font, px * PANGO_SCALE);
  pango_font_description_set_weight (f->font, weight);
  pango_layout_set_font_description (f->layout, f->font);
  pango_layout_set_width (f->layout, -1);
  pango_layout_set_ellipsize (f->layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_alignment (f->layout, PANGO_ALIGN_LEFT);
  pango_layout_set_text (f->layout, text, -1);
}

static double
text_width (Fig *f)
{
  PangoRectangle logical;

  pango_layout_get_extents (f->layout, NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

static double
text_height (Fig *f)
{
  PangoRectangle logical;

  pango_layout_get_extents (f->layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

static double
measure (Fig         *f,
         const char  *text,
         double       px,
         PangoWeight  weight)
{
  text_set (f, text, px, weight);
  return text_width (f);
}

/* Draws the current text with its logical box's point (ax, ay) — fractions of
 * its width and height — at (x, y). */
static void
text_draw (Fig            *f,
           double          x,
           double          y,
           double          ax,
           double          ay,
           const IscColor *color,
           double          alpha)
{
  PangoRectangle logical;

  pango_layout_get_extents (f->layout, NULL, &logical);
  set_color (f->cr, color, alpha);
  cairo_move_to (f->cr,
                 x - ((double) logical.x + ax * logical.width) / PANGO_SCALE,
                 y - ((double) logical.y + ay * logical.height) / PANGO_SCALE);
  pango_cairo_show_layout (f->cr, f->layout);
}

/* Titles ----------------------------------------------------------------- */

/* A layer whose every value overflowed has no mean or std to show. */
static gboolean
has_finite (const IscLayerStats *stats)
{
  return stats->nonfinite < stats->count || stats->count == 0;
}

static double
layer_mean (const IscLayerStats *stats)
{
  return has_finite (stats) ? stats->mean : NAN;
}

static double
layer_std (const IscLayerStats *stats)
{
  return has_finite (stats) ? stats->std : NAN;
}

/* A panel's title, in the longest form that fits its width: the lecture's
 * "Layer 3 · mean 0.00 · std 0.18", else without the mean (the mean plot
 * has it; the std is the story), else on two lines. */
typedef enum
{
  TITLE_FULL,
  TITLE_STD,
  TITLE_TWO_LINES,
  TITLE_TWO_LINES_STD,
  N_TITLE_FORMS
} TitleForm;

static void
panel_title (guint        layer,
             const char  *mean,
             const char  *std,
             TitleForm    form,
             char       **first,
             char       **second)
{
  *second = NULL;
  switch (form)
    {
    case TITLE_FULL:
      /* Translators: a histogram's title; layer number, mean, standard deviation */
      *first = g_strdup_printf (_("Layer %u · mean %s · std %s"), layer + 1, mean, std);
      break;

    case TITLE_STD:
      /* Translators: a narrow histogram's title; layer number, standard deviation */
      *first = g_strdup_printf (_("Layer %u · std %s"), layer + 1, std);
      break;

    case TITLE_TWO_LINES:
    case TITLE_TWO_LINES_STD:
      /* Translators: the first line of a narrow histogram's title */
      *first = g_strdup_printf (_("Layer %u"), layer + 1);
      if (form == TITLE_TWO_LINES)
        /* Translators: the second line of a narrow histogram's title */
        *second = g_strdup_printf (_("mean %s · std %s"), mean, std);
      else
        /* Translators: the second line of a narrow histogram's title */
        *second = g_strdup_printf (_("std %s"), std);
      break;

    case N_TITLE_FORMS:
    default:
      g_assert_not_reached ();
    }
}

/* Layout ----------------------------------------------------------------- */

/* The widest line of every form at 1 px */
typedef struct
{
  double width[N_TITLE_FORMS];
} TitleWidths;

static void
measure_titles (Fig         *f,
                TitleWidths *tw)
{
  const double ref = 100.0;

  for (TitleForm form = 0; form < N_TITLE_FORMS; form++)
    tw->width[form] = 0;

  for (guint l = 0; l < f->n_layers; l++)
    {
      const IscLayerStats *stats = isc_result_get_layer (f->result, l);
      g_autofree char *mean = format_stat (layer_mean (stats));
      g_autofree char *std = format_stat (layer_std (stats));

      for (TitleForm form = 0; form < N_TITLE_FORMS; form++)
        {
          g_autofree char *first = NULL;
          g_autofree char *second = NULL;
          double w;

          panel_title (l, mean, std, form, &first, &second);
          w = measure (f, first, ref, second ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
          if (second)
            w = MAX (w, measure (f, second, ref, PANGO_WEIGHT_NORMAL));
          tw->width[form] = MAX (tw->width[form], w / ref);
        }
    }
}

/* How the titles fit a cell @width wide: form, font size, band height. */
static void
fit_titles (const Fig         *f,
            const TitleWidths *tw,
            double             width,
            double            *font,
            TitleForm         *form,
            double            *band)
{
  /* a form is taken if it fits at this fraction of the title size */
  static const double good_enough[N_TITLE_FORMS] = { 0.8, 0.6, 0.8, 0.6 };
  double px = f->title_px;

  /* text widths are not exactly proportional to the size: keep a margin */
  width *= 0.96;
  *font = 0;
  *band = 0;
  *form = TITLE_FULL;
  if (px < MIN_TEXT_PX || width <= 0)
    return;

  for (TitleForm i = 0; i < N_TITLE_FORMS && *font == 0; i++)
    if (tw->width[i] > 0 && tw->width[i] * px * good_enough[i] <= width)
      {
        *form = i;
        *font = MIN (px, width / tw->width[i]);
      }

  /* nothing fits well: the shortest form, if it is still legible */
  if (*font == 0)
    {
      TitleForm shortest = TITLE_TWO_LINES_STD;

      if (tw->width[TITLE_STD] < tw->width[shortest])
        shortest = TITLE_STD;
      if (tw->width[shortest] > 0 && width / tw->width[shortest] >= MIN_TEXT_PX)
        {
          *form = shortest;
          *font = width / tw->width[shortest];
        }
      else
        return;
    }

  *band = *font * (*form >= TITLE_TWO_LINES ? 2.5 : 1.45);
}

/* Width of the widest y label (percent of a layer's values) at 1 px. */
static double
measure_ylabels (Fig *f)
{
  const double ref = 100.0;
  double first, step, widest = 0;
  guint n;

  if (f->count == 0 || f->y_top <= 0)
    return 0;
  n = nice_ticks (0, f->y_top / f->count * 100, 4, &first, &step);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = format_percent_tick (first + i * step, step);

      widest = MAX (widest, measure (f, label, ref, PANGO_WEIGHT_NORMAL) / ref);
    }
  return widest;
}

static void
layout_grid (Fig        *f,
             const Rect *area)
{
  TitleWidths tw;
  double best = -1;
  double ylabel_w1;

  measure_titles (f, &tw);
  ylabel_w1 = measure_ylabels (f);

  f->gap_x = MAX (f->base * 0.9, 2);
  f->gap_y = MAX (f->base * 0.45, 2);

  /* Try every row count and keep the one whose plots are largest at the
   * wanted aspect: 10 layers at 16:9 → 5 × 2, 50 → 10 × 5. */
  for (guint rows = 1; rows <= f->n_layers; rows++)
    {
      guint cols = (f->n_layers + rows - 1) / rows;
      gboolean every = rows <= 2;
      double cell_w, title_font, band, plot_h, score, px, ylabel_w, tick_band;
      TitleForm form;

      if (rows > 1 && (f->n_layers + rows - 2) / (rows - 1) == cols)
        continue;  /* same columns with fewer rows was tried */

      /* Axis labels no larger than the titles: a dense grid gets small
       * print throughout, not big numbers under tiny titles. */
      px = f->tick_px;
      for (guint pass = 0; pass < 2; pass++)
        {
          ylabel_w = px >= MIN_TEXT_PX && ylabel_w1 > 0 ? ylabel_w1 * px + px * 0.5 : 0;
          cell_w = (area->width - ylabel_w - (cols - 1) * f->gap_x) / cols;
          fit_titles (f, &tw, cell_w, &title_font, &form, &band);
          if (title_font > 0)
            px = MIN (f->tick_px, MAX (title_font, MIN_TEXT_PX));
        }
      tick_band = px >= MIN_TEXT_PX ? px * 1.55 : f->line_width * 2;
      plot_h = (area->height - rows * band - (every ? rows : 1) * tick_band
                - (rows - 1) * f->gap_y) / rows;
      if (cell_w <= 0 || plot_h <= 0)
        continue;
      /* empty cells cost a little: a full grid looks tidier */
      score = MIN (cell_w / PANEL_ASPECT, plot_h)
              * (1.0 - 0.5 * (rows * cols - f->n_layers) / (double) f->n_layers);
      if (score > best + 1e-9)
        {
          best = score;
          f->rows = rows;
          f->cols = cols;
          f->cell_width = cell_w;
          f->plot_height = plot_h;
          f->title_font = title_font;
          f->title_form = form;
          f->title_h = band;
          f->tick_h = tick_band;
          f->ticks_every_panel = every;
          f->panel_px = px;
          f->ylabel_w = ylabel_w;
        }
    }

  f->grid = (Rect) { area->x + f->ylabel_w, area->y, area->width - f->ylabel_w, area->height };
  if (best < 0)
    f->rows = 0;  /* nothing fits */
}

static void
panel_rects (const Fig *f,
             guint      layer,
             Rect      *plot,
             Rect      *title)
{
  guint row = layer / f->cols;
  guint col = layer % f->cols;
  double row_h = f->title_h + f->plot_height + (f->ticks_every_panel ? f->tick_h : 0) + f->gap_y;
  double x = f->grid.x + col * (f->cell_width + f->gap_x);
  double y = f->grid.y + row * row_h;

  if (title)
    *title = (Rect) { x, y, f->cell_width, f->title_h };
  if (plot)
    *plot = (Rect) { x, y + f->title_h, f->cell_width, f->plot_height };
}

static void
layout (Fig *f)
{
  double margin = MAX (round (f->base * 0.75), 2);
  Rect area = { margin, margin, f->width - 2 * margin, f->height - 2 * margin };
  double lines_extent;
  gboolean lines_right;

  /* The header: the configuration, one line */
  f->show_header = f->base >= MIN_TEXT_PX && area.height > f->base * 8;
  if (f->show_header)
    {
      f->header = (Rect) { area.x, area.y, area.width, f->base * 1.3 };
      area.y += f->header.height + f->base * 0.6;
      area.height -= f->header.height + f->base * 0.6;
    }

  /* The two line plots: under the panels, side by side; on very wide
   * figures in a column at the right, one above the other. */
  lines_right = area.width > 2.4 * area.height;
  f->lines_stacked = lines_right;
  lines_extent = lines_right ? round (area.width * 0.3) : round (area.height * 0.3);
  f->show_lines = f->tick_px >= MIN_TEXT_PX && lines_extent > f->tick_px * 9;
  if (f->show_lines && lines_right)
    {
      double h = (area.height - f->base) / 2;

      f->lines[0] = (Rect) { area.x + area.width - lines_extent, area.y, lines_extent, h };
      f->lines[1] = (Rect) { f->lines[0].x, area.y + h + f->base, lines_extent, h };
      area.width -= lines_extent + f->base * 1.5;
    }
  else if (f->show_lines)
    {
      double w = (area.width - f->base * 2) / 2;
      double y = area.y + area.height - lines_extent;

      f->lines[0] = (Rect) { area.x, y, w, lines_extent };
      f->lines[1] = (Rect) { area.x + w + f->base * 2, y, w, lines_extent };
      area.height -= lines_extent + f->base * 1.2;
    }

  layout_grid (f, &area);
}

/* Drawing ---------------------------------------------------------------- */

static double
x_of (const Fig  *f,
      const Rect *plot,
      double      value)
{
  return plot->x + (value - f->lo) / (f->hi - f->lo) * plot->width;
}

/* Where @value is on a y axis from @lo at the plot's bottom to @hi at its top. */
static double
y_of (const Rect *plot,
      double      lo,
      double      hi,
      double      value)
{
  return plot->y + plot->height - (value - lo) / (hi - lo) * plot->height;
}

/* A horizontal grid line across @plot at @y, and its @label (if any) at
 * @px, right-aligned left of the plot. */
static void
draw_y_gridline (Fig            *f,
                 const Rect     *plot,
                 double          y,
                 const IscColor *color,
                 double          alpha,
                 const char     *label,
                 double          px)
{
  cairo_move_to (f->cr, plot->x, y);
  cairo_line_to (f->cr, plot->x + plot->width, y);
  set_color (f->cr, color, alpha);
  cairo_set_line_width (f->cr, f->line_width);
  cairo_stroke (f->cr);

  if (label == NULL)
    return;
  text_set (f, label, px, PANGO_WEIGHT_NORMAL);
  text_draw (f, plot->x - px * 0.4, y, 1.0, 0.5, &f->style->foreground, 0.6);
}

/* The x axis line along the bottom of @plot. */
static void
draw_x_baseline (Fig        *f,
                 const Rect *plot)
{
  double y = plot->y + plot->height;

  cairo_move_to (f->cr, plot->x, y);
  cairo_line_to (f->cr, plot->x + plot->width, y);
  set_color (f->cr, &f->style->foreground, 0.55);
  cairo_set_line_width (f->cr, f->line_width);
  cairo_stroke (f->cr);
}

/* A tick @length down from the x axis at (@x, @base_y), and its @label at
 * @px hanging from (@x, @label_y) by the point @anchor of its width. */
static void
draw_x_tick (Fig        *f,
             double      x,
             double      base_y,
             double      length,
             const char *label,
             double      px,
             double      label_y,
             double      anchor)
{
  cairo_move_to (f->cr, x, base_y);
  cairo_line_to (f->cr, x, base_y + length);
  set_color (f->cr, &f->style->foreground, 0.55);
  cairo_set_line_width (f->cr, f->line_width);
  cairo_stroke (f->cr);

  text_set (f, label, px, PANGO_WEIGHT_NORMAL);
  text_draw (f, x, label_y, anchor, 0.0, &f->style->foreground, 0.7);
}

static void
draw_header (Fig *f)
{
  const IscConfig *config = isc_result_get_config (f->result);
  g_autofree char *text = isc_config_describe (config);
  double preview_w = 0;
  double px = f->base;
  double w;

  if (isc_result_is_preview (f->result))
    {
      /* Translators: shown while only part of the batch has been run */
      text_set (f, _("preview"), f->tick_px, PANGO_WEIGHT_NORMAL);
      preview_w = text_width (f) + f->base;
      if (preview_w < f->header.width / 3)
        text_draw (f, f->header.x + f->header.width, f->header.y + f->header.height / 2,
                   1.0, 0.5, &f->style->foreground, 0.5);
      else
        preview_w = 0;
    }

  /* Shrink a long description a little before cutting it */
  w = measure (f, text, px, PANGO_WEIGHT_BOLD);
  if (w > f->header.width - preview_w)
    px = MAX (px * 0.8, px * (f->header.width - preview_w) / w);
  text_set (f, text, px, PANGO_WEIGHT_BOLD);
  pango_layout_set_width (f->layout, (int) ((f->header.width - preview_w) * PANGO_SCALE));
  pango_layout_set_ellipsize (f->layout, PANGO_ELLIPSIZE_END);
  text_draw (f, f->header.x, f->header.y + f->header.height / 2, 0.0, 0.5,
             &f->style->foreground, 1.0);
}

static void
draw_bars (Fig                 *f,
           const Rect          *plot,
           const IscLayerStats *stats)
{
  guint n_bins = isc_result_get_n_bins (f->result);
  double lo, hi, x0, x1;
  double min_h = f->line_width * 0.75;

  if (f->y_top <= 0 || n_bins == 0)
    return;

  /* The bins cover the result's range; with an empty range they are drawn
   * over the widened range shown. */
  isc_result_get_range (f->result, &lo, &hi);
  if (!(hi > lo))
    {
      lo = f->lo;
      hi = f->hi;
    }
  x0 = x_of (f, plot, lo);
  x1 = x_of (f, plot, hi);

  /* One path, one fill: neighbouring bars do not show seams. */
  for (guint b = 0; b < n_bins; b++)
    {
      double h;
      double left = x0 + (x1 - x0) * b / n_bins;
      double right = x0 + (x1 - x0) * (b + 1) / n_bins;

      if (stats->bins[b] == 0)
        continue;
      /* A non-empty bin stays visible next to a tall one: where the values
       * are matters as much as how many. */
      h = MAX (stats->bins[b] / f->y_top * plot->height, min_h);
      h = MIN (h, plot->height);
      cairo_rectangle (f->cr, left, plot->y + plot->height - h, right - left, h);
    }
  set_color (f->cr, &f->style->bars, 1.0);
  cairo_fill (f->cr);

  /* Cut spikes: a gap across the bar below the top, and the bin's share. */
  for (guint b = 0; b < n_bins; b++)
    {
      double left = x0 + (x1 - x0) * b / n_bins;
      double right = x0 + (x1 - x0) * (b + 1) / n_bins;
      double gap_y = plot->y + plot->height * 0.08;
      double gap = MAX (f->line_width * 2, plot->height * 0.025);
      g_autofree char *share = NULL;

      if (stats->bins[b] <= f->y_top || f->count == 0)
        continue;

      cairo_save (f->cr);
      cairo_set_operator (f->cr, CAIRO_OPERATOR_CLEAR);
      if (f->style->background.alpha > 0)
        {
          cairo_set_operator (f->cr, CAIRO_OPERATOR_OVER);
          set_color (f->cr, &f->style->background, 1.0);
        }
      cairo_move_to (f->cr, left - 1, gap_y + gap * 0.5);
      cairo_line_to (f->cr, right + 1, gap_y - gap * 0.5);
      cairo_line_to (f->cr, right + 1, gap_y + gap * 0.5);
      cairo_line_to (f->cr, left - 1, gap_y + gap * 1.5);
      cairo_close_path (f->cr);
      cairo_fill (f->cr);
      cairo_restore (f->cr);

      if (f->panel_px < MIN_TEXT_PX)
        continue;
      /* Translators: the share of a layer's values in one cut-off histogram bar */
      share = g_strdup_printf (_("%.0f %%"), 100.0 * stats->bins[b] / f->count);
      text_set (f, share, f->panel_px * 0.9, PANGO_WEIGHT_BOLD);
      if (right + f->panel_px * 0.3 + text_width (f) <= plot->x + plot->width)
        text_draw (f, right + f->panel_px * 0.3, plot->y, 0.0, 0.0, &f->style->bars, 1.0);
      else
        text_draw (f, left - f->panel_px * 0.3, plot->y, 1.0, 0.0, &f->style->bars, 1.0);
    }
}

static void
draw_y_grid (Fig        *f,
             const Rect *plot,
             gboolean    labels)
{
  double first, step;
  double top;
  guint n;

  if (f->count == 0 || f->y_top <= 0)
    return;

  top = f->y_top / f->count * 100;
  n = nice_ticks (0, top, plot->height > f->panel_px * 8 ? 4 : 2, &first, &step);
  for (guint i = 0; i < n; i++)
    {
      double v = first + i * step;
      double y = y_of (plot, 0, top, v);
      g_autofree char *label = NULL;

      if (v <= 0)
        continue;
      if (labels && f->ylabel_w > 0 && y - f->panel_px * 0.6 >= plot->y - f->title_h)
        label = format_percent_tick (v, step);
      draw_y_gridline (f, plot, y, &f->style->grid, 1.0, label, f->panel_px);
    }
}

/* The range's end points at @px, flush with the edges of @plot. */
static void
measure_x_edges (Fig               *f,
                 const Rect        *plot,
                 const char *const  texts[2],
                 double             px,
                 double             lefts[2],
                 double             rights[2])
{
  double edges[2] = { f->lo, f->hi };

  for (guint i = 0; i < 2; i++)
    {
      double w = measure (f, texts[i], px, PANGO_WEIGHT_NORMAL);
      double x = x_of (f, plot, edges[i]);

      lefts[i] = x - i * w;
      rights[i] = lefts[i] + w;
    }
}

/* The x labels, the same under every panel (all share their width, the
 * range and the print size): laid out once, from the plot's left edge.
 * lo and hi flush with the plot's edges, in smaller print if they do not
 * fit side by side; then 0 and round values between them, centred on their
 * ticks, each only where it keeps an em clear of the labels already placed. */
static void
layout_x_labels (Fig *f)
{
  Rect plot = { 0, 0, f->cell_width, f->plot_height };
  g_autofree char *lo_text = format_edge (f->lo);
  g_autofree char *hi_text = format_edge (f->hi);
  const char *edge_texts[2] = { lo_text, hi_text };
  double lefts[2], rights[2];
  gboolean zero_inside = f->lo < 0 && f->hi > 0;
  double candidates[1 + 6];
  guint n_candidates = 0, n_ticks;
  double px = f->panel_px, first = 0, step = 0;

  if (px < MIN_TEXT_PX)
    return;

  measure_x_edges (f, &plot, edge_texts, px, lefts, rights);
  if (rights[0] + px * 0.5 > lefts[1])
    {
      px *= plot.width / (rights[0] - lefts[0] + rights[1] - lefts[1] + px * 0.5) * 0.95;
      /* text widths are not exactly proportional to the size */
      measure_x_edges (f, &plot, edge_texts, px, lefts, rights);
    }
  if (rights[0] + px * 0.3 > lefts[1] || px < MIN_TEXT_PX)
    return;

  f->x_label_px = px;
  f->x_labels[0] = (XLabel) { f->lo, 0.0, g_steal_pointer (&lo_text), lefts[0], rights[0] };
  f->x_labels[1] = (XLabel) { f->hi, 1.0, g_steal_pointer (&hi_text), lefts[1], rights[1] };
  f->n_x_labels = 2;
  if (zero_inside)
    candidates[n_candidates++] = 0.0;
  n_ticks = nice_ticks (f->lo, f->hi, 5, &first, &step);
  for (guint i = 0; i < n_ticks && n_candidates < G_N_ELEMENTS (candidates); i++)
    {
      double v = first + i * step;

      /* not again at 0 or at an edge */
      if (fabs (v) > step * 1e-6 && fabs (v - f->lo) > step * 0.25 && fabs (f->hi - v) > step * 0.25)
        candidates[n_candidates++] = v;
    }

  for (guint c = 0; c < n_candidates; c++)
    {
      g_autofree char *text = c == 0 && zero_inside ? g_strdup ("0")
                                                    : format_tick (candidates[c], step);
      double w = measure (f, text, px, PANGO_WEIGHT_NORMAL);
      double left = x_of (f, &plot, candidates[c]) - w / 2;
      gboolean clear = TRUE;

      for (guint i = 0; i < f->n_x_labels && clear; i++)
        clear = left + w + px <= f->x_labels[i].left || f->x_labels[i].right + px <= left;
      if (clear)
        f->x_labels[f->n_x_labels++] = (XLabel) { candidates[c], 0.5, g_steal_pointer (&text),
                                                  left, left + w };
    }
}

static void
draw_x_axis (Fig        *f,
             const Rect *plot,
             gboolean    labels)
{
  double base_y = plot->y + plot->height;
  double tick = f->panel_px * 0.3;

  /* zero, faintly, when it is inside */
  if (f->lo < 0 && f->hi > 0)
    {
      double x = x_of (f, plot, 0.0);

      cairo_move_to (f->cr, x, plot->y);
      cairo_line_to (f->cr, x, base_y);
      set_color (f->cr, &f->style->grid, 1.0);
      cairo_set_line_width (f->cr, f->line_width);
      cairo_stroke (f->cr);
    }

  draw_x_baseline (f, plot);

  for (guint i = 0; labels && i < f->n_x_labels; i++)
    draw_x_tick (f, x_of (f, plot, f->x_labels[i].value), base_y, tick,
                 f->x_labels[i].text, f->x_label_px,
                 base_y + tick + f->panel_px * 0.1, f->x_labels[i].anchor);
}

static void
draw_warnings (Fig                 *f,
               const Rect          *plot,
               const IscLayerStats *stats)
{
  g_autoptr(GString) text = g_string_new (NULL);
  double px = f->panel_px;

  if (stats->saturated > 0.5)
    /* Translators: a warning on a histogram; %.0f is a percentage */
    g_string_append_printf (text, _("%.0f %% saturated"), stats->saturated * 100);
  if (stats->nonfinite > 0)
    {
      if (text->len)
        g_string_append_c (text, '\n');
      /* Translators: a warning on a histogram: how many values are NaN or infinite */
      g_string_append_printf (text, _("%llu non-finite"), (unsigned long long) stats->nonfinite);
    }
  if (text->len == 0)
    return;

  /* Saturated histograms are tall at both edges: the middle is free. */
  if (px >= MIN_TEXT_PX)
    {
      text_set (f, text->str, px, PANGO_WEIGHT_BOLD);
      pango_layout_set_alignment (f->layout, PANGO_ALIGN_CENTER);
      if (text_width (f) > plot->width)
        {
          px = px * plot->width / text_width (f);
          if (px >= MIN_TEXT_PX)
            {
              text_set (f, text->str, px, PANGO_WEIGHT_BOLD);
              pango_layout_set_alignment (f->layout, PANGO_ALIGN_CENTER);
            }
        }
    }
  if (px >= MIN_TEXT_PX && text_height (f) < plot->height * 0.8)
    {
      double x = plot->x + plot->width / 2;
      double y = plot->y + px * 0.3;
      double pad = px * 0.25;

      /* a veil behind the text keeps it legible over bars */
      cairo_rectangle (f->cr, x - text_width (f) / 2 - pad, y - pad * 0.5,
                       text_width (f) + 2 * pad, text_height (f) + pad);
      set_color (f->cr, &f->style->background, 0.75);
      cairo_fill (f->cr);
      text_draw (f, x, y, 0.5, 0.0, &f->style->warning, 1.0);
    }
  else
    {
      /* too small for words: a dot in the corner */
      double r = MAX (MIN (plot->width, plot->height) * 0.08, 1.0);

      cairo_arc (f->cr, plot->x + plot->width - r * 1.5, plot->y + r * 1.5, r, 0, 2 * G_PI);
      set_color (f->cr, &f->style->warning, 1.0);
      cairo_fill (f->cr);
    }
}

static void
draw_title (Fig                 *f,
            const Rect          *rect,
            const IscLayerStats *stats,
            guint                layer)
{
  g_autofree char *mean = NULL;
  g_autofree char *std = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  double cx = rect->x + rect->width / 2;
  double bottom = rect->y + rect->height - f->title_font * 0.15;

  if (f->title_font <= 0)
    return;

  mean = format_stat (layer_mean (stats));
  std = format_stat (layer_std (stats));
  panel_title (layer, mean, std, f->title_form, &first, &second);
  if (second)
    {
      text_set (f, second, f->title_font, PANGO_WEIGHT_NORMAL);
      text_draw (f, cx, bottom, 0.5, 1.0, &f->style->foreground, 0.8);
      bottom -= text_height (f);
    }
  text_set (f, first, f->title_font, second ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  /* a last resort: nothing here should be wider than its panel */
  pango_layout_set_width (f->layout, (int) (rect->width * PANGO_SCALE));
  pango_layout_set_ellipsize (f->layout, PANGO_ELLIPSIZE_END);
  text_draw (f, cx, bottom, 0.5, 1.0, &f->style->foreground, 1.0);
}

static void
draw_panels (Fig *f)
{
  if (f->rows == 0)
    return;

  layout_x_labels (f);
  for (guint l = 0; l < f->n_layers; l++)
    {
      const IscLayerStats *stats = isc_result_get_layer (f->result, l);
      gboolean first_col = l % f->cols == 0;
      /* the bottom panel of its column carries the x labels */
      gboolean bottom = l + f->cols >= f->n_layers;
      Rect plot, title;

      panel_rects (f, l, &plot, &title);
      draw_y_grid (f, &plot, first_col);
      draw_bars (f, &plot, stats);
      draw_x_axis (f, &plot, f->ticks_every_panel || bottom);
      draw_title (f, &title, stats, l);
      draw_warnings (f, &plot, stats);
    }
}

/* y range of a line plot, out to ticks: a std plot starts at 0, where a
 * collapse heads; a mean plot zooms in on what there is, with a little air. */
static void
line_plot_range (const double *values,
                 guint         n,
                 gboolean      is_std,
                 double       *lo,
                 double       *hi)
{
  double vmin = INFINITY, vmax = -INFINITY;
  double first, step, pad;
  guint n_ticks;

  for (guint l = 0; l < n; l++)
    if (isfinite (values[l]))
      {
        vmin = MIN (vmin, values[l]);
        vmax = MAX (vmax, values[l]);
      }

  if (vmin > vmax)
    {
      *lo = is_std ? 0 : -1;
      *hi = 1;
      return;
    }

  pad = (vmax - vmin) * 0.06;
  if (!(pad > 0))
    pad = vmax != 0 ? fabs (vmax) * 0.1 : 1;
  *lo = is_std && vmin >= 0 ? 0 : vmin - pad;
  *hi = vmax + pad;
  if (!isfinite (*hi - *lo))
    {
      *lo = -1;
      *hi = 1;
      return;
    }

  /* end on a labelled tick when that costs little room */
  n_ticks = nice_ticks (*lo, *hi, 5, &first, &step);
  if (n_ticks > 0)
    {
      double up = ceil (*hi / step - 1e-9) * step;
      double down = floor (*lo / step + 1e-9) * step;

      if (up - *hi < (*hi - *lo) * 0.25)
        *hi = up;
      if (*lo - down < (*hi - *lo) * 0.25)
        *lo = down;
    }
}

/* A line plot's set-up: what its margins depend on, worked out before it is
 * drawn, so that two plots one above the other can share their edges. */
typedef struct
{
  gboolean  is_std;
  Rect      box;        /* the whole plot, with its title */
  Rect      plot;       /* without the title and x labels; margins included */
  double   *values;     /* every layer's mean or std, NAN where it has none */
  guint     last;       /* the last layer with a value; G_MAXUINT = none */
  char     *last_text;  /* its value, written next to its marker */
  double    vmax;       /* the largest |value| */
  double    small_min;  /* the smallest non-zero |value| */
  double    ylo;        /* y range */
  double    yhi;
  guint     n_y;        /* y ticks */
  double    first;
  double    step;
  char    **y_labels;   /* n_y of them */
  double    left;       /* margins: the y labels, the last value */
  double    right;
} LinePlot;

static void
line_plot_prepare (Fig        *f,
                   const Rect *box,
                   gboolean    is_std,
                   LinePlot   *lp)
{
  double title_h = f->title_px * 1.9;
  double tick_band = f->tick_px * 1.6;

  *lp = (LinePlot) {
    .is_std = is_std,
    .box = *box,
    .plot = { box->x, box->y + title_h, box->width, box->height - title_h - tick_band },
    .values = g_new (double, f->n_layers),
    .last = G_MAXUINT,
    .small_min = INFINITY,
  };

  for (guint l = 0; l < f->n_layers; l++)
    {
      const IscLayerStats *stats = isc_result_get_layer (f->result, l);
      double v = is_std ? layer_std (stats) : layer_mean (stats);

      lp->values[l] = v;
      if (isfinite (v))
        {
          lp->last = l;
          lp->vmax = MAX (lp->vmax, fabs (v));
          if (v != 0)
            lp->small_min = MIN (lp->small_min, fabs (v));
        }
    }
  line_plot_range (lp->values, f->n_layers, is_std, &lp->ylo, &lp->yhi);

  lp->n_y = nice_ticks (lp->ylo, lp->yhi, lp->plot.height > f->tick_px * 10 ? 5 : 3,
                        &lp->first, &lp->step);
  lp->y_labels = g_new0 (char *, lp->n_y + 1);
  for (guint i = 0; i < lp->n_y; i++)
    {
      lp->y_labels[i] = format_tick (lp->first + i * lp->step, lp->step);
      lp->left = MAX (lp->left, measure (f, lp->y_labels[i], f->tick_px, PANGO_WEIGHT_NORMAL));
    }
  lp->left += f->tick_px * 0.6;

  /* the last value, written next to its marker: a std of 3e-06 reads as
   * such even where the linear axis shows it as 0 */
  if (lp->last != G_MAXUINT)
    lp->last_text = format_stat (lp->values[lp->last]);
  lp->right = lp->last_text ? measure (f, lp->last_text, f->tick_px, PANGO_WEIGHT_BOLD) + f->tick_px
                            : f->tick_px;
}

static void
line_plot_clear (LinePlot *lp)
{
  g_clear_pointer (&lp->values, g_free);
  g_clear_pointer (&lp->last_text, g_free);
  g_clear_pointer (&lp->y_labels, g_strfreev);
}

static void
draw_line_plot (Fig            *f,
                const LinePlot *lp,
                const char     *title,
                const IscColor *color)
{
  const double *values = lp->values;
  double ylo = lp->ylo, yhi = lp->yhi;
  double xfirst, xstep, radius, spacing, note_px = f->tick_px * 0.85;
  guint n_x, last = lp->last, note_every = 0;
  gboolean have_point = FALSE;
  Rect plot = lp->plot;

  plot.x += lp->left;
  plot.width -= lp->left + lp->right;
  if (plot.width < f->tick_px * 4 || plot.height < f->tick_px * 3)
    return;
  spacing = plot.width / f->n_layers;

  /* A std that falls through orders of magnitude looks like 0 on a linear
   * axis after a few layers: then every point says its value (or every
   * k-th, as room allows). */
  if (lp->is_std && lp->vmax > 0 && lp->small_min < lp->vmax / 50 && f->n_layers > 1 &&
      note_px >= MIN_TEXT_PX && plot.height > note_px * 5)
    {
      double widest = 0;

      for (guint l = 0; l < f->n_layers; l++)
        {
          g_autofree char *text = format_stat (values[l]);

          widest = MAX (widest, measure (f, text, note_px, PANGO_WEIGHT_NORMAL));
        }
      note_every = (guint) ceil ((widest + note_px * 0.6) / spacing);
      /* every point but the last (it has its own), in steps back from it */
      if (note_every >= f->n_layers)
        note_every = 0;
    }

  text_set (f, title, f->title_px, PANGO_WEIGHT_BOLD);
  text_draw (f, plot.x + plot.width / 2, lp->box.y, 0.5, 0.0, &f->style->foreground, 1.0);

  /* horizontal grid and y labels; a stronger line at 0 */
  for (guint i = 0; i < lp->n_y; i++)
    {
      double v = lp->first + i * lp->step;
      gboolean zero = fabs (v) < lp->step * 1e-6 && ylo < 0;

      draw_y_gridline (f, &plot, y_of (&plot, ylo, yhi, v),
                       zero ? &f->style->foreground : &f->style->grid, zero ? 0.3 : 1.0,
                       lp->y_labels[i], f->tick_px);
    }

  /* x axis: layers, as many labels as fit */
  {
    g_autofree char *widest = g_strdup_printf ("%u", f->n_layers);
    double label_w = measure (f, widest, f->tick_px, PANGO_WEIGHT_NORMAL) + f->tick_px * 1.2;
    double base_y = plot.y + plot.height;
    guint max_x = MAX ((guint) (plot.width / label_w), 2);

    n_x = nice_ticks (1, f->n_layers, MIN (max_x, f->n_layers + 1), &xfirst, &xstep);
    if (f->n_layers == 1 || n_x == 0)
      {
        n_x = 1;
        xfirst = 1;
        xstep = 1;
      }
    xstep = MAX (round (xstep), 1);
    xfirst = MAX (ceil (xfirst), 1);

    draw_x_baseline (f, &plot);
    for (double v = xfirst; v <= f->n_layers + 1e-9; v += xstep)
      {
        g_autofree char *label = g_strdup_printf ("%u", (guint) v);

        draw_x_tick (f, plot.x + (v - 0.5) * spacing, base_y, f->tick_px * 0.3,
                     label, f->tick_px, base_y + f->tick_px * 0.4, 0.5);
      }
  }

  /* the line, then the markers over it */
  radius = MAX (MIN (f->base * 0.22, spacing * 0.3), 1.5);
  cairo_save (f->cr);
  cairo_rectangle (f->cr, plot.x - radius * 2, plot.y - radius * 2,
                   plot.width + radius * 4, plot.height + radius * 4);
  cairo_clip (f->cr);
  for (guint l = 0; l < f->n_layers; l++)
    {
      double x = plot.x + (l + 0.5) * spacing;
      double y = y_of (&plot, ylo, yhi, values[l]);

      if (!isfinite (values[l]))
        {
          have_point = FALSE;
          continue;
        }
      if (have_point)
        cairo_line_to (f->cr, x, y);
      else
        cairo_move_to (f->cr, x, y);
      have_point = TRUE;
    }
  set_color (f->cr, color, 1.0);
  cairo_set_line_width (f->cr, f->line_width * 2);
  cairo_set_line_join (f->cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (f->cr);

  for (guint l = 0; l < f->n_layers; l++)
    {
      double x = plot.x + (l + 0.5) * spacing;
      double y = y_of (&plot, ylo, yhi, values[l]);

      if (!isfinite (values[l]))
        continue;
      cairo_new_sub_path (f->cr);
      cairo_arc (f->cr, x, y, radius, 0, 2 * G_PI);
    }
  set_color (f->cr, color, 1.0);
  cairo_fill_preserve (f->cr);
  set_color (f->cr, &f->style->background, 1.0);
  cairo_set_line_width (f->cr, f->line_width);
  cairo_stroke (f->cr);
  cairo_restore (f->cr);

  for (guint l = 0; note_every > 0 && l < last; l++)
    {
      double x = plot.x + (l + 0.5) * spacing;
      double y = y_of (&plot, ylo, yhi, values[l]);
      g_autofree char *text = NULL;

      if ((last - l) % note_every != 0 || !isfinite (values[l]))
        continue;
      /* above the marker, on the side the line does not leave by */
      text = format_stat (values[l]);
      text_set (f, text, note_px, PANGO_WEIGHT_NORMAL);
      if (l + 1 < f->n_layers && isfinite (values[l + 1]) && values[l + 1] > values[l])
        text_draw (f, x - radius * 0.5, y - radius * 0.5, 1.0, 1.0, color, 1.0);
      else if (l > 0 && isfinite (values[l - 1]) && values[l - 1] > values[l])
        text_draw (f, x + radius * 0.5, y - radius * 0.5, 0.0, 1.0, color, 1.0);
      else
        text_draw (f, x, y - radius - note_px * 0.2, 0.5, 1.0, color, 1.0);
    }

  if (lp->last_text)
    {
      double x = plot.x + (last + 0.5) * spacing;
      double y = y_of (&plot, ylo, yhi, values[last]);

      text_set (f, lp->last_text, f->tick_px, PANGO_WEIGHT_BOLD);
      text_draw (f, x + radius + f->tick_px * 0.4, y, 0.0, 0.5, color, 1.0);
    }
}

static void
draw_line_plots (Fig *f)
{
  LinePlot mean, std;

  line_plot_prepare (f, &f->lines[0], FALSE, &mean);
  line_plot_prepare (f, &f->lines[1], TRUE, &std);
  /* two plots one above the other share their left and right edges */
  if (f->lines_stacked)
    {
      mean.left = std.left = MAX (mean.left, std.left);
      mean.right = std.right = MAX (mean.right, std.right);
    }
  draw_line_plot (f, &mean, _("Mean per layer"), &f->style->mean_line);
  draw_line_plot (f, &std, _("Std per layer"), &f->style->std_line);
  line_plot_clear (&mean);
  line_plot_clear (&std);
}

static void
draw_placeholder (Fig *f)
{
  double px = MIN (f->width / 24, f->height / 6) * f->style->text_scale;

  if (px < MIN_TEXT_PX)
    return;
  /* Translators: shown where the figure will be, before the first run */
  text_set (f, _("No result yet"), px, PANGO_WEIGHT_NORMAL);
  if (text_width (f) > f->width * 0.9)
    return;
  text_draw (f, f->width / 2, f->height / 2, 0.5, 0.5, &f->style->foreground, 0.5);
}

/* Setup ------------------------------------------------------------------ */


/* The common y scale. A lone spike — ReLU's dead units, half of every layer
 * in one bin at 0 — would flatten the rest of the histogram, which is the
 * part the lecture is about; so when every layer's tallest bin is a spike
 * (over 4× its next tallest, which is not empty), the scale follows the
 * tallest of the rest and the spikes are drawn cut, with their share. */
static double
spike_clipped_top (const IscResult *result)
{
  guint n_layers = isc_result_get_n_layers (result);
  guint n_bins = isc_result_get_n_bins (result);
  guint64 max_all = 0, max_rest = 0;

  for (guint l = 0; l < n_layers; l++)
    {
      const IscLayerStats *stats = isc_result_get_layer (result, l);
      guint64 first = 0, second = 0;

      for (guint b = 0; b < n_bins; b++)
        {
          guint64 c = stats->bins[b];

          if (c > first)
            second = first, first = c;
          else if (c > second)
            second = c;
        }
      if (first > 0 && (second == 0 || first <= 4 * second))
        return isc_result_get_max_bin (result);
      max_all = MAX (max_all, first);
      max_rest = MAX (max_rest, second);
    }

  return max_rest > 0 ? MIN (max_all, max_rest * 1.5) : max_all;
}

/* Sets up @f to draw @result (NULL, or one without layers, for the
 * placeholder) with @style (NULL for the light one) at @width × @height.
 * FALSE when there is nothing to draw at that size; fig_clear() is safe
 * either way. */
static gboolean
fig_init (Fig                  *f,
          cairo_t              *cr,
          const IscResult      *result,
          const IscFigureStyle *style,
          double                width,
          double                height)
{
  cairo_font_options_t *options;
  double scale;

  memset (f, 0, sizeof *f);
  if (!(width > 0) || !(height > 0) || !isfinite (width) || !isfinite (height))
    return FALSE;
  if (style == NULL)
    {
      isc_figure_style_init_light (&f->fallback);
      style = &f->fallback;
    }
  if (result != NULL && isc_result_get_n_layers (result) == 0)
    result = NULL;

  f->cr = cr;
  f->result = result;
  f->style = style;
  f->width = width;
  f->height = height;

  /* Unhinted metrics: text measures the same on screen, PNG, SVG and PDF,
   * so every target gets the same layout. */
  f->pango = pango_cairo_create_context (cr);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (f->pango, options);
  cairo_font_options_destroy (options);
  f->layout = pango_layout_new (f->pango);
  f->font = pango_font_description_new ();
  pango_font_description_set_family (f->font, style->font_family ? style->font_family : "Sans");

  /* Text grows with the figure: ~27 px at 1920 × 1080 for a projector,
   * ~17 px at 1200 × 400 for a paper; a window-sized figure keeps text
   * readable on screen, and only thumbnails lose it. */
  scale = style->text_scale > 0 && isfinite (style->text_scale) ? style->text_scale : 1;
  f->base = MAX (MIN (width / 72, height / 22),
                 MIN (14.0, MIN (width / 48, height / 16))) * scale;
  f->title_px = f->base * 0.8;
  f->tick_px = f->base * 0.7;
  f->line_width = MAX (MIN (width, height) / 900, 1.0);

  if (result == NULL)
    return TRUE;

  f->n_layers = isc_result_get_n_layers (result);
  isc_result_get_range (result, &f->lo, &f->hi);
  if (!isfinite (f->lo) || !isfinite (f->hi))
    {
      f->lo = -1;
      f->hi = 1;
    }
  if (!(f->hi > f->lo))
    {
      /* all values equal (a zero init): widen around them */
      double pad = MAX (fabs (f->lo) * 0.5, 0.5);

      f->lo -= pad;
      f->hi += pad;
    }
  f->y_top = spike_clipped_top (result) * 1.06;
  f->count = isc_result_get_layer (result, 0)->count;
  return TRUE;
}

static void
fig_clear (Fig *f)
{
  for (guint i = 0; i < f->n_x_labels; i++)
    g_free (f->x_labels[i].text);
  f->n_x_labels = 0;
  g_clear_pointer (&f->font, pango_font_description_free);
  g_clear_object (&f->layout);
  g_clear_object (&f->pango);
}

void
isc_figure_draw (cairo_t              *cr,
                 const IscResult      *result,
                 const IscFigureStyle *style,
                 double                width,
                 double                height)
{
  Fig f;

  g_return_if_fail (cr != NULL);

  if (!fig_init (&f, cr, result, style, width, height))
    return;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  if (f.style->background.alpha > 0)
    {
      set_color (cr, &f.style->background, 1.0);
      cairo_paint (cr);
    }

  if (f.result == NULL)
    draw_placeholder (&f);
  else
    {
      layout (&f);
      if (f.show_header)
        draw_header (&f);
      draw_panels (&f);
      if (f.show_lines)
        draw_line_plots (&f);
    }
  fig_clear (&f);
  cairo_restore (cr);
}

gboolean
isc_figure_get_panel_area (const IscResult      *result,
                           const IscFigureStyle *style,
                           double                width,
                           double                height,
                           guint                 layer,
                           cairo_rectangle_t    *area)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  Fig f;
  gboolean found = FALSE;

  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (area != NULL, FALSE);

  /* Only text is measured; any surface does. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (surface);
  if (fig_init (&f, cr, result, style, width, height) && layer < f.n_layers)
    {
      layout (&f);
      if (f.rows > 0)
        {
          Rect plot;

          panel_rects (&f, layer, &plot, NULL);
          *area = (cairo_rectangle_t) { plot.x, plot.y, plot.width, plot.height };
          found = TRUE;
        }
    }
  fig_clear (&f);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  return found;
}
