/* isc-presets.h — the lecture's two set-ups and the figures it shows with each
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "isc-config.h"

G_BEGIN_DECLS

/* One figure of the lecture: a scheme and an activation on the set-up's net. */
typedef struct
{
  const char    *name;        /* "small", as in --preset cs231n-2016:small */
  const char    *label;       /* marked for translation: for a menu */
  IscInit        init;
  IscActivation  activation;
  double         scale;       /* σ, set only for the gaussian scheme */
} IscLectureFigure;

/* The lecture's set-ups: the net's shape, and its figures. */
typedef struct
{
  const char            *name;        /* "cs231n-2016" */
  const char            *label;       /* marked for translation: "CS231n 2016" */
  guint                  depth;
  guint                  width;
  guint                  batch;
  double                 large_scale; /* the lecture's "large" gaussian σ at this width */
  const IscLectureFigure *figures;
  guint                  n_figures;
} IscPreset;

const IscPreset       *isc_presets_get            (guint                 *n_presets);
/* @name is the set-up's name alone. */
const IscPreset       *isc_preset_lookup          (const char            *name,
                                                   GError               **error);
const IscLectureFigure *isc_preset_lookup_figure   (const IscPreset       *preset,
                                                   const char            *name,
                                                   GError               **error);
/* Sets the set-up's depth, width and batch; returns those fields. */
IscConfigField         isc_preset_apply           (const IscPreset       *preset,
                                                   IscConfig             *config);
/* Sets the set-up's shape and the figure's init, activation and (gaussian) scale;
 * returns the fields set. */
IscConfigField         isc_preset_apply_figure    (const IscPreset       *preset,
                                                   const IscLectureFigure *figure,
                                                   IscConfig             *config);
/* "NAME" or "NAME:FIGURE", as --preset and the window's win.preset take it:
 * applies it to @config and returns the fields set, or 0 with @error set. */
IscConfigField         isc_preset_apply_spec      (const char            *spec,
                                                   IscConfig             *config,
                                                   GError               **error);
/* "cs231n-2016:small": the spec of @figure in @preset. Free with g_free(). */
char                  *isc_preset_figure_spec     (const IscPreset       *preset,
                                                   const IscLectureFigure *figure);

G_END_DECLS
