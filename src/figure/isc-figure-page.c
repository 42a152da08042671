/* isc-figure-page.c — the page layout: header, panel grid and line plots
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "isc-figure"

#include "config.h"

#include "isc-figure-private.h"

/* The widest line of every title form at 1 px, in the full wording and in
 * the abbreviated one (the same in English) */
typedef struct
{
  double width[ISC_N_TITLE_FORMS];
  double abbrev[ISC_N_TITLE_FORMS];
} TitleWidths;

/* A title's lines at 1 px: the widest */
static double
measure_lines (IscFig     *f,
               const char *first,
               const char *second)
{
  const double ref = 100.0;
  double w = isc_text_measure (&f->text, first, ref,
                               second ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);

  if (second)
    w = MAX (w, isc_text_measure (&f->text, second, ref, PANGO_WEIGHT_NORMAL));
  return w / ref;
}

static void
measure_titles (IscFig      *f,
                TitleWidths *tw)
{
  for (IscTitleForm form = 0; form < ISC_N_TITLE_FORMS; form++)
    tw->width[form] = tw->abbrev[form] = 0;

  for (guint l = 0; l < f->n_layers; l++)
    {
      const IscLayerStats *stats = isc_fig_layer (f, l);
      g_autofree char *mean = isc_format_stat (isc_layer_mean (stats));
      g_autofree char *std = isc_format_stat (isc_layer_std (stats));

      for (IscTitleForm form = 0; form < ISC_N_TITLE_FORMS; form++)
        {
          g_autofree char *first = NULL;
          g_autofree char *second = NULL;
          g_autofree char *short_first = NULL;
          g_autofree char *short_second = NULL;
          double w, w_short;

          isc_panel_title (f->view, l, mean, std, form, FALSE, &first, &second);
          isc_panel_title (f->view, l, mean, std, form, TRUE, &short_first, &short_second);
          w = measure_lines (f, first, second);
          /* English's two wordings are one: measured once */
          w_short = g_strcmp0 (first, short_first) == 0 && g_strcmp0 (second, short_second) == 0
                    ? w : measure_lines (f, short_first, short_second);
          tw->width[form] = MAX (tw->width[form], w);
          tw->abbrev[form] = MAX (tw->abbrev[form], w_short);
        }
    }
}

/* The first form of @widths that fits @width at its @need of @px: its font */
static double
first_fit (const double *widths,
           const double *need,
           double        px,
           double        width,
           IscTitleForm *form)
{
  for (IscTitleForm i = 0; i < ISC_N_TITLE_FORMS; i++)
    if (widths[i] > 0 && widths[i] * px * need[i] <= width)
      {
        *form = i;
        return MIN (px, width / widths[i]);
      }
  return 0;
}

/* How the titles fit a cell @width wide in the full wording: form, font
 * size, band height. */
static void
fit_titles (const IscFig      *f,
            const TitleWidths *tw,
            double             width,
            double            *font,
            IscTitleForm      *form,
            double            *band)
{
  static const double good_enough[ISC_N_TITLE_FORMS] = ISC_TITLE_GOOD_ENOUGH;
  double px = f->title_px;

  width *= ISC_TITLE_MARGIN;
  *font = 0;
  *band = 0;
  *form = ISC_TITLE_FULL;
  if (px < ISC_MIN_TEXT_PX || width <= 0)
    return;

  *font = first_fit (tw->width, good_enough, px, width, form);

  /* nothing fits well: the shortest form, if it is still legible */
  if (*font == 0)
    {
      IscTitleForm shortest = ISC_TITLE_TWO_LINES_STD;

      if (tw->width[ISC_TITLE_STD] < tw->width[shortest])
        shortest = ISC_TITLE_STD;
      if (tw->width[shortest] > 0 && width / tw->width[shortest] >= ISC_MIN_TEXT_PX)
        {
          *form = shortest;
          *font = width / tw->width[shortest];
        }
      else
        return;
    }

  *band = *font * (*form >= ISC_TITLE_TWO_LINES ? ISC_TITLE_BAND_TWO : ISC_TITLE_BAND_ONE);
}

/* The chosen grid's titles in the abbreviated wording, when the full one is
 * drawn under ISC_TITLE_READABLE of the title size and the abbreviated one
 * is not: a language with long words (표준편차 for std) keeps readable
 * titles. The grid was chosen with the full wording and stays; its plots
 * give up the taller band. Only forms the wording shortens count, so
 * English, whose two wordings are the same, is never touched. */
static void
abbreviate_titles (IscFig            *f,
                   const TitleWidths *tw)
{
  static const double readable[ISC_N_TITLE_FORMS] = {
    ISC_TITLE_READABLE, ISC_TITLE_READABLE, ISC_TITLE_READABLE, ISC_TITLE_READABLE
  };
  double px = f->title_px;
  double width = f->cell_width * ISC_TITLE_MARGIN;
  double shorter[ISC_N_TITLE_FORMS];
  IscTitleForm form = ISC_TITLE_FULL;
  double font, band;

  if (f->rows == 0 || px < ISC_MIN_TEXT_PX || width <= 0
      || f->title_font >= px * ISC_TITLE_READABLE)
    return;
  for (IscTitleForm i = 0; i < ISC_N_TITLE_FORMS; i++)
    shorter[i] = tw->abbrev[i] < tw->width[i] ? tw->abbrev[i] : 0;  /* 0 is skipped */
  font = first_fit (shorter, readable, px, width, &form);
  if (font <= f->title_font)
    return;
  band = font * (form >= ISC_TITLE_TWO_LINES ? ISC_TITLE_BAND_TWO : ISC_TITLE_BAND_ONE);
  /* every row's plot is shorter by the band's growth */
  if (f->plot_height - (band - f->title_h) <= 0)
    return;
  f->plot_height -= band - f->title_h;
  f->title_font = font;
  f->title_form = form;
  f->title_short = TRUE;
  f->title_h = band;
}

/* Width of the widest y label (percent of a layer's values) at 1 px. */
static double
measure_ylabels (IscFig *f)
{
  const double ref = 100.0;
  double first, step, widest = 0;
  guint n;

  if (f->count == 0 || f->y_top <= 0)
    return 0;
  n = isc_nice_ticks (0, f->y_top / f->count * 100, 4, &first, &step);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = isc_format_percent_tick (first + i * step, step);

      widest = MAX (widest, isc_text_measure (&f->text, label, ref, PANGO_WEIGHT_NORMAL) / ref);
    }
  return widest;
}

/* One candidate grid: its rows, and what they leave for each panel. */
typedef struct
{
  guint        rows;
  guint        cols;
  gboolean     every;      /* x labels under every panel */
  double       cell_w;
  double       plot_h;
  double       title_font;
  IscTitleForm form;
  double       band;       /* the titles' */
  double       px;         /* axis labels */
  double       ylabel_w;
  double       tick_band;
} Grid;

/* The panels in @rows rows of @area; FALSE when they do not fit. */
static gboolean
try_grid (const IscFig      *f,
          const IscRect     *area,
          const TitleWidths *tw,
          double             ylabel_w1,
          guint              rows,
          Grid              *g)
{
  g->rows = rows;
  g->cols = (f->n_layers + rows - 1) / rows;
  g->every = rows <= ISC_TICKS_EVERY_ROWS;

  /* Axis labels no larger than the titles: a dense grid gets small
   * print throughout, not big numbers under tiny titles. */
  g->px = f->tick_px;
  for (guint pass = 0; pass < 2; pass++)
    {
      g->ylabel_w = g->px >= ISC_MIN_TEXT_PX && ylabel_w1 > 0
                    ? ylabel_w1 * g->px + g->px * ISC_PANEL_YLABEL_PAD : 0;
      g->cell_w = (area->width - g->ylabel_w - (g->cols - 1) * f->gap_x) / g->cols;
      fit_titles (f, tw, g->cell_w, &g->title_font, &g->form, &g->band);
      if (g->title_font > 0)
        g->px = MIN (f->tick_px, MAX (g->title_font, ISC_MIN_TEXT_PX));
    }
  g->tick_band = g->px >= ISC_MIN_TEXT_PX ? g->px * ISC_PANEL_TICK_BAND : f->line_width * 2;
  g->plot_h = (area->height - rows * g->band - (g->every ? rows : 1) * g->tick_band
               - (rows - 1) * f->gap_y) / rows;
  return g->cell_w > 0 && g->plot_h > 0;
}

static void
layout_grid (IscFig        *f,
             const IscRect *area)
{
  TitleWidths tw;
  double best = -1;
  double ylabel_w1;

  measure_titles (f, &tw);
  ylabel_w1 = measure_ylabels (f);

  f->title_short = FALSE;
  f->gap_x = MAX (f->base * ISC_GAP_X_EM, ISC_GAP_MIN);
  f->gap_y = MAX (f->base * ISC_GAP_Y_EM, ISC_GAP_MIN);

  /* Try every row count and keep the one whose plots are largest at the
   * wanted aspect: 10 layers at 16:9 → 5 × 2, 50 → 10 × 5. */
  for (guint rows = 1; rows <= f->n_layers; rows++)
    {
      Grid g;
      double score;

      if (rows > 1 && (f->n_layers + rows - 2) / (rows - 1) == (f->n_layers + rows - 1) / rows)
        continue;  /* same columns with fewer rows was tried */
      if (!try_grid (f, area, &tw, ylabel_w1, rows, &g))
        continue;
      /* empty cells cost a little: a full grid looks tidier */
      score = MIN (g.cell_w / ISC_PANEL_ASPECT, g.plot_h)
              * (1.0 - ISC_EMPTY_CELL_COST * (rows * g.cols - f->n_layers) / (double) f->n_layers);
      if (score > best + 1e-9)
        {
          best = score;
          f->rows = rows;
          f->cols = g.cols;
          f->cell_width = g.cell_w;
          f->plot_height = g.plot_h;
          f->title_font = g.title_font;
          f->title_form = g.form;
          f->title_h = g.band;
          f->tick_h = g.tick_band;
          f->ticks_every_panel = g.every;
          f->panel_px = g.px;
          f->ylabel_w = g.ylabel_w;
        }
    }

  f->grid = (IscRect) { area->x + f->ylabel_w, area->y, area->width - f->ylabel_w, area->height };
  if (best < 0)
    f->rows = 0;  /* nothing fits */
  abbreviate_titles (f, &tw);
}

void
isc_page_panel_rects (const IscFig *f,
                      guint         layer,
                      IscRect      *plot,
                      IscRect      *title)
{
  guint row = layer / f->cols;
  guint col = layer % f->cols;
  double row_h = f->title_h + f->plot_height + (f->ticks_every_panel ? f->tick_h : 0) + f->gap_y;
  double x = f->grid.x + col * (f->cell_width + f->gap_x);
  double y = f->grid.y + row * row_h;

  if (title)
    *title = (IscRect) { x, y, f->cell_width, f->title_h };
  if (plot)
    *plot = (IscRect) { x, y + f->title_h, f->cell_width, f->plot_height };
}

/* The two line plots: under the panels, side by side; on very wide
 * figures in a column at the right, one above the other. Takes their room
 * from @area. */
static void
layout_lines (IscFig  *f,
              IscRect *area)
{
  /* a lesson step's figure (something highlighted) keeps its std plot,
   * which every step's text refers to: the plots take a larger share rather
   * than being dropped on a small projector */
  double share = f->style->highlight != ISC_FIGURE_HIGHLIGHT_NONE ? ISC_LINES_SHARE_SHOWN
                                                                  : ISC_LINES_SHARE;
  double lines_extent;
  gboolean lines_right;

  lines_right = area->width > ISC_LINES_RIGHT_ASPECT * area->height;
  f->lines_stacked = lines_right;
  lines_extent = round ((lines_right ? area->width : area->height) * share);
  f->show_lines = f->tick_px >= ISC_MIN_TEXT_PX && lines_extent > f->tick_px * ISC_LINES_MIN_TICKS;
  if (f->show_lines && lines_right)
    {
      double h = (area->height - f->base * ISC_LINES_STACK_GAP_EM) / 2;

      f->lines[0] = (IscRect) { area->x + area->width - lines_extent, area->y, lines_extent, h };
      f->lines[1] = (IscRect) { f->lines[0].x, area->y + h + f->base * ISC_LINES_STACK_GAP_EM,
                                lines_extent, h };
      area->width -= lines_extent + f->base * ISC_LINES_RIGHT_GAP_EM;
    }
  else if (f->show_lines)
    {
      double w = (area->width - f->base * ISC_LINES_SIDE_GAP_EM) / 2;
      double y = area->y + area->height - lines_extent;

      f->lines[0] = (IscRect) { area->x, y, w, lines_extent };
      f->lines[1] = (IscRect) { area->x + w + f->base * ISC_LINES_SIDE_GAP_EM, y, w, lines_extent };
      area->height -= lines_extent + f->base * ISC_LINES_UNDER_GAP_EM;
    }
}

/* Where everything goes: the header, the line plots, the panel grid. */
void
isc_page_layout (IscFig *f)
{
  double margin = MAX (round (f->base * ISC_MARGIN_EM), ISC_GAP_MIN);
  IscRect area = { margin, margin, f->width - 2 * margin, f->height - 2 * margin };

  /* The header: the configuration, one line */
  f->show_header = f->base >= ISC_MIN_TEXT_PX && area.height > f->base * ISC_HEADER_MIN_EMS;
  if (f->show_header)
    {
      f->header = (IscRect) { area.x, area.y, area.width, f->base * ISC_HEADER_EM };
      area.y += f->header.height + f->base * ISC_HEADER_GAP_EM;
      area.height -= f->header.height + f->base * ISC_HEADER_GAP_EM;
    }

  layout_lines (f, &area);
  layout_grid (f, &area);
}
