/* isc-cache.h — the cache of base matrices (unit-Gaussian Z_l and the input batch) and the
 * scratch buffer it lends to a run
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "isc-rng.h"

G_BEGIN_DECLS

/* A thread-safe cache of the unit-Gaussian matrices Z_l (and the input batch),
 * bounded by a memory budget. Z_l does not depend on σ, so a scale change
 * reuses everything. */
typedef struct _IscCache IscCache;

IscCache *isc_cache_new        (gsize     budget_bytes);
IscCache *isc_cache_ref        (IscCache *cache);
void      isc_cache_unref      (IscCache *cache);
gsize     isc_cache_get_size   (IscCache *cache);
gsize     isc_cache_get_budget (IscCache *cache);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IscCache, isc_cache_unref)

/* ------------------------------------------------------------------------ */
/* For the engine's run (and its tests) */

/* The distribution a base matrix is drawn from; σ scales it afterwards:
 * N(0, 1), U(−1, 1) (isc_rng_fill_uniform), PyTorch's orthogonal Q of the
 * normal stream (isc_orthogonal_fill), or ONES (every entry 1, drawn from
 * nothing: the constant init). */
typedef enum
{
  ISC_BASE_NORMAL,
  ISC_BASE_UNIFORM,
  ISC_BASE_ORTHOGONAL,
  ISC_BASE_ONES,
} IscBase;

typedef struct
{
  IscStream stream;
  guint     layer;
  guint64   seed;
  guint     rows;
  guint     cols;
  IscBase   base;
} IscCacheKey;

/* Starts a run: returns its number, which marks the entries it uses. */
guint64   isc_cache_begin_run  (IscCache          *cache);
/* A new reference to the entry for @key (marked used by @run), or NULL. */
GBytes   *isc_cache_lookup     (IscCache          *cache,
                                const IscCacheKey *key,
                                guint64            run);
/* Evicts entries no part of @run uses, oldest first, and says whether
 * @need more bytes fit in the budget. */
gboolean  isc_cache_make_room  (IscCache          *cache,
                                gsize              need,
                                guint64            run);
/* Stores @data for @key if it fits. Returns a new reference to the bytes to
 * use: the entry already stored for @key if there is one (so a second
 * runner of the same config stores no duplicate), else @data. */
GBytes   *isc_cache_insert     (IscCache          *cache,
                                const IscCacheKey *key,
                                GBytes            *data,
                                guint64            run);
guint     isc_cache_get_n_entries (IscCache       *cache);

/* One buffer for the matrices the cache cannot hold, lent by the cache to a
 * run and given back by isc_scratch_clear (a run without a cache has its
 * own). Initialise with { 0 } and isc_scratch_borrow. */
typedef struct
{
  IscCache *cache;
  float    *data;
  gsize     n;     /* floats */
} IscScratch;

void      isc_scratch_borrow   (IscScratch        *scratch,
                                IscCache          *cache);
void      isc_scratch_clear    (IscScratch        *scratch);
/* At least @n floats (the former contents lost), or NULL when out of memory. */
float    *isc_scratch_get      (IscScratch        *scratch,
                                gsize              n);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (IscScratch, isc_scratch_clear)

/* A run's layer buffers (activations, gradients), given back to @cache for
 * the next run of that shape, which then reuses memory already faulted in
 * instead of mapping and zeroing it again (cs231n-2016 with gradients: ~26 MB,
 * 6 450 page faults a re-run). The cache keeps at most ISC_CACHE_KEPT_BYTES
 * of them, beside its budget; with no cache they are allocated and freed.
 * take: n floats (former contents lost), or NULL when out of memory. */
#define ISC_CACHE_KEPT_BYTES ((gsize) 64 << 20)

float    *isc_cache_take_buffer (IscCache         *cache,
                                 gsize             n);
void      isc_cache_give_buffer (IscCache         *cache,
                                 float            *data,
                                 gsize             n);

/* The base matrix @key (rows × cols samples of its stream): from @cache, or
 * generated (and cached if the budget allows). What the cache cannot take is
 * generated into @scratch; the bytes returned are then valid until its next
 * use. @cache may be NULL. Returns NULL when out of memory. */
GBytes   *isc_cache_get_matrix (IscCache          *cache,
                                guint64            run,
                                const IscCacheKey *key,
                                IscScratch        *scratch);

G_END_DECLS
