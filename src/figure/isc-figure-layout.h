/* isc-figure-layout.h — every size and proportion of the figure's layout, in one place
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sizes are in "em" of the header's font (ISC_EM below) unless they say
 * otherwise: the whole figure scales with it, from a projector to a thumbnail.
 */

#pragma once

/* Text below this size (in user units, ~px) is not drawn at all: a thumbnail
 * shows bars, not smudges. */
#define ISC_MIN_TEXT_PX 6.5

/* The em: min (width / 72, height / 22), ~27 px at 1920 × 1080 for a
 * projector, ~17 px at 1200 × 400 for a paper; a window-sized figure keeps at
 * least min (14, width / 48, height / 16) so that text stays readable on
 * screen, and only thumbnails lose it. Times the style's text scale. */
#define ISC_EM_PER_WIDTH        72.0
#define ISC_EM_PER_HEIGHT       22.0
#define ISC_EM_FLOOR_PX         14.0
#define ISC_EM_FLOOR_PER_WIDTH  48.0
#define ISC_EM_FLOOR_PER_HEIGHT 16.0

#define ISC_TITLE_EM           0.8    /* panel and line plot titles */
#define ISC_TICK_EM            0.7    /* axis labels */
#define ISC_LINE_WIDTH_PER_PX  900.0  /* one unit of line width per 900 of min (w, h) */

/* The page: a margin all round; the header (one line) on top. */
#define ISC_MARGIN_EM          0.75
#define ISC_HEADER_EM          1.3    /* the header's band */
#define ISC_HEADER_GAP_EM      0.6    /* between it and what follows */
#define ISC_HEADER_MIN_EMS     8.0    /* no header on a figure lower than this */

/* The two line plots take this share of the page: under the panels, side by
 * side, or on pages wider than ISC_LINES_RIGHT_ASPECT, stacked at the right;
 * not at all when their share is under ISC_LINES_MIN_TICKS axis labels. */
#define ISC_LINES_SHARE        0.3
#define ISC_LINES_SHARE_SHOWN  0.42   /* a lesson step's figure: its plots must show */
#define ISC_LINES_RIGHT_ASPECT 2.4
#define ISC_LINES_MIN_TICKS    9.0
#define ISC_LINES_STACK_GAP_EM 1.0    /* between the two stacked plots */
#define ISC_LINES_RIGHT_GAP_EM 1.5    /* between the panels and the stack */
#define ISC_LINES_SIDE_GAP_EM  2.0    /* between the two side-by-side plots */
#define ISC_LINES_UNDER_GAP_EM 1.2    /* between the panels and the plots */

/* A line plot's bands, in its title's and its labels' sizes. */
#define ISC_LINE_TITLE_BAND    1.9
#define ISC_LINE_TICK_BAND     1.6
#define ISC_LINE_NOTE_EM       0.85   /* point notes and the key, of the tick size */

/* The panel grid. */
#define ISC_PANEL_ASPECT       1.4    /* wanted width:height of a plot area */
#define ISC_GAP_X_EM           0.9
#define ISC_GAP_Y_EM           0.45
#define ISC_GAP_MIN            2.0    /* user units: the smallest margin or gap */
#define ISC_TICKS_EVERY_ROWS   2      /* x labels under every panel up to this many rows */
#define ISC_EMPTY_CELL_COST    0.5    /* a grid's score lost when every cell were empty */
#define ISC_PANEL_TICK_BAND    1.55   /* the x labels' band, in their size */
#define ISC_PANEL_YLABEL_PAD   0.5    /* after the y labels, in their size */

/* Titles are measured at one size and scaled; text widths are not exactly
 * proportional to the size, so they get a margin. A title's band is this
 * many of its font size for one line and for two. */
#define ISC_TITLE_MARGIN       0.96
/* A title form is taken if it fits at this fraction of the title size (full,
 * std only, two lines, two lines with the std only). */
#define ISC_TITLE_GOOD_ENOUGH  { 0.8, 0.6, 0.8, 0.6 }
/* Below this fraction of the title size, a language's abbreviated wording
 * (σ for its word for std) is taken if it is drawn larger. */
#define ISC_TITLE_READABLE     0.85
#define ISC_TITLE_BAND_ONE     1.45
#define ISC_TITLE_BAND_TWO     2.5
/* A reference's layer is rebinned over its own range into this many bins,
 * then into the bins drawn: a value lands within 1/this of its range. */
#define ISC_FIG_GHOST_FINE_BINS 4096

