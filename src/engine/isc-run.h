/* isc-run.h — the steps of a run and the state they share (engine-internal)
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * isc_network_run_with_progress calls, in order: isc_run_init, isc_run_input,
 * then for each layer isc_run_forward (weights → product → activation, with
 * the statistics' and a fixed-range histogram's chunks), isc_run_statistics,
 * isc_run_histogram and isc_run_next_layer; then isc_run_finish. A
 * normalization step goes between the product and φ in isc_run_forward (on
 * fwd.z before the activation pass); a backward step, δ_{l−1} = (δ_l ⊙
 * φ′(z_l)) W_lᵀ and ∂W_l = x_{l−1}ᵀ (δ_l ⊙ φ′(z_l)), after the last layer,
 * walking the layers down with their kept x and z.
 */

#pragma once

#include <gio/gio.h>

#include "isc-activation.h"
#include "isc-cache.h"
#include "isc-config.h"
#include "isc-histogram.h"
#include "isc-init.h"
#include "isc-math.h"
#include "isc-result-private.h"

G_BEGIN_DECLS

/* Statistics are summed per chunk of this many values and the chunks
 * combined in order, so the numbers are byte-identical whatever the thread
 * count. */
#define ISC_RUN_CHUNK (1u << 16)

/* relu/linear layers share an x range known only after the last layer; each
 * layer keeps a histogram of this many bins over its own [min, max], rebinned
 * into the shared range at the end (a value lands at most 1/ISC_RUN_FINE_BINS
 * of its layer's range from its bin), so no layer's activations are kept. */
#define ISC_RUN_FINE_BINS 8192

/* One layer's forward pass: its buffers and the per-chunk partial results. */
typedef struct
{
  float         *x;           /* the layer's input, rows × units */
  float         *z;           /* its pre-activation, then its activation */
  gsize          n_chunks;
  IscChunkStats *chunks;      /* n_chunks */
  IscHistogram  *hist;        /* binned in the activation pass, or NULL */
  guint64       *chunk_bins;  /* n_chunks rows of hist's bins */
  guint64       *not_binned;  /* n_chunks */
} IscForward;

typedef struct
{
  const IscConfig         *config;
  const IscActivationInfo *activation;
  IscCache                *cache;        /* may be NULL */
  guint64                  run;          /* the cache's number for this run */
  IscScratch               scratch;
  GCancellable            *cancellable;
  gint64                   start;        /* monotonic µs */
  guint                    rows;         /* batch rows run (a preview: fewer) */
  guint                    width;        /* the matrices' width */
  guint                    units;        /* columns run (a preview: fewer) */
  gsize                    n;            /* rows × units */
  double                   sigma;        /* every layer's, the preview's gain included */
  const IscInitInfo       *init;
  float                   *bias;         /* the current layer's b_l (units), or NULL: none */
  double                  *lsuv_sigma;   /* lsuv: each layer's σ after the rescaling */
  double                  *lsuv_var;     /* lsuv: each layer's pre-activation variance */
  gboolean                 prefetch;     /* in isc_run_forward: orthogonal Qs made in pairs */
  GBytes                  *next_weights; /* the pair's second, for layer next_layer */
  guint                    next_layer;
  IscForward               fwd;
  IscHistogram             hist;         /* a fixed range: the current layer's */
  IscHistogram            *fine;         /* a shared range: each layer's over its own */
  double                   lo;           /* the shared range so far */
  double                   hi;
  IscResult               *result;
} IscRun;

gboolean   isc_run_init       (IscRun          *run,
                               const IscConfig *config,
                               IscCache        *cache,
                               guint            max_batch,
                               guint            max_units,
                               GCancellable    *cancellable,
                               GError         **error);
void       isc_run_clear      (IscRun          *run);
gboolean   isc_run_input      (IscRun          *run,
                               GError         **error);
gboolean   isc_run_forward    (IscRun          *run,
                               guint            layer,
                               GError         **error);
/* For the backward pass: the input into @x (rows × units); layer @layer's
 * x_{layer+1} = φ(σ x W) into @z, the bits of isc_run_forward's; W_{layer+1}/σ
 * (a new reference; NULL when out of memory). */
gboolean   isc_run_input_into   (IscRun          *run,
                                 float           *x,
                                 GError         **error);
gboolean   isc_run_forward_into (IscRun          *run,
                                 guint            layer,
                                 const float     *x,
                                 float           *z,
                                 GError         **error);
GBytes    *isc_run_get_weights  (IscRun          *run,
                                 guint            layer,
                                 GError         **error);
/* z_l = σ_l x W_l + b_l into @z (rows × units), the pre-activation
 * isc_run_forward applies φ to: the product, LSUV's rescaling, the biases. */
gboolean   isc_run_pre_activation (IscRun        *run,
                                   guint          layer,
                                   const float   *x,
                                   float         *z,
                                   GError       **error);
/* Layer @layer's σ (the product's alpha): LSUV's own once that layer ran. */
double     isc_run_layer_sigma  (IscRun          *run,
                                 guint            layer);
/* The distinct units of the layer just run (fwd.z), into the result. */
void       isc_run_distinct     (IscRun          *run,
                                 guint            layer);
void       isc_run_statistics (IscRun          *run,
                               guint            layer);
/* Chunks' statistics merged in order into @stats (@n values in all). */
void       isc_run_stats_from_chunks (const IscChunkStats *chunks,
                                      gsize                n_chunks,
                                      gsize                n,
                                      IscLayerStats       *stats);
void       isc_run_histogram  (IscRun          *run,
                               guint            layer);
void       isc_run_next_layer (IscRun          *run);
IscResult *isc_run_finish     (IscRun          *run);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (IscRun, isc_run_clear)

G_END_DECLS
