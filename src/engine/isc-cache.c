/* isc-cache.c
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "isc-cache"

#include "config.h"

#include "isc-cache.h"
#include "isc-memory.h"
#include "isc-orthogonal.h"

typedef struct
{
  IscCacheKey key;
  GBytes     *data;
  guint64     last_run;  /* the run that last used it */
} CacheEntry;

struct _IscCache
{
  gatomicrefcount ref_count;
  GMutex          mutex;
  GPtrArray      *entries;
  gsize           size;
  gsize           budget;
  guint64         run;
  float          *scratch;    /* lent to one run at a time, see IscScratch */
  gsize           scratch_n;  /* floats */
  GArray         *kept;       /* KeptBuffer, see isc_cache_take_buffer */
  gsize           kept_bytes;
};

typedef struct
{
  float *data;
  gsize  n;
} KeptBuffer;

static void
kept_buffer_clear (gpointer data)
{
  g_free (((KeptBuffer *) data)->data);
}

static void
cache_entry_free (gpointer data)
{
  CacheEntry *entry = data;

  g_bytes_unref (entry->data);
  g_free (entry);
}

IscCache *
isc_cache_new (gsize budget_bytes)
{
  IscCache *self = g_new0 (IscCache, 1);

  g_atomic_ref_count_init (&self->ref_count);
  g_mutex_init (&self->mutex);
  self->entries = g_ptr_array_new_with_free_func (cache_entry_free);
  self->kept = g_array_new (FALSE, FALSE, sizeof (KeptBuffer));
  g_array_set_clear_func (self->kept, kept_buffer_clear);
  self->budget = budget_bytes;
  return self;
}

IscCache *
isc_cache_ref (IscCache *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
isc_cache_unref (IscCache *self)
{
  g_return_if_fail (self != NULL);
  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_ptr_array_unref (self->entries);
      g_array_unref (self->kept);
      isc_huge_free (self->scratch, self->scratch_n * sizeof (float));
      g_mutex_clear (&self->mutex);
      g_free (self);
    }
}

gsize
isc_cache_get_size (IscCache *self)
{
  gsize size;

  g_mutex_lock (&self->mutex);
  size = self->size;
  g_mutex_unlock (&self->mutex);
  return size;
}

gsize
isc_cache_get_budget (IscCache *self)
{
  return self->budget;
}

guint
isc_cache_get_n_entries (IscCache *self)
{
  guint n;

  g_mutex_lock (&self->mutex);
  n = self->entries->len;
  g_mutex_unlock (&self->mutex);
  return n;
}

guint64
isc_cache_begin_run (IscCache *self)
{
  guint64 run;

  g_mutex_lock (&self->mutex);
  run = ++self->run;
  g_mutex_unlock (&self->mutex);
  return run;
}

static gboolean
key_equal (const IscCacheKey *a,
           const IscCacheKey *b)
{
  return a->stream == b->stream && a->layer == b->layer && a->seed == b->seed &&
         a->rows == b->rows && a->cols == b->cols && a->base == b->base;
}

/* Called with the mutex held. */
static CacheEntry *
find_locked (IscCache          *self,
             const IscCacheKey *key)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      CacheEntry *entry = g_ptr_array_index (self->entries, i);

      if (key_equal (&entry->key, key))
        return entry;
    }
  return NULL;
}

GBytes *
isc_cache_lookup (IscCache          *self,
                  const IscCacheKey *key,
                  guint64            run)
{
  GBytes *found = NULL;
  CacheEntry *entry;

  g_mutex_lock (&self->mutex);
  if ((entry = find_locked (self, key)) != NULL)
    {
      entry->last_run = run;
      found = g_bytes_ref (entry->data);
    }
  g_mutex_unlock (&self->mutex);
  return found;
}

/* Makes room by dropping what the current run has not used, oldest first,
 * and says whether @need bytes fit. Called with the mutex held. Matrices of
 * the current run are never evicted for each other: a deep net past the
 * budget keeps its first layers cached and regenerates the rest, instead of
 * every layer evicting the one the next run needs first. */
static gboolean
make_room_locked (IscCache *self,
                  gsize     need,
                  guint64   run)
{
  while (self->size + need > self->budget)
    {
      CacheEntry *oldest = NULL;
      guint at = 0;

      for (guint i = 0; i < self->entries->len; i++)
        {
          CacheEntry *e = g_ptr_array_index (self->entries, i);

          if (e->last_run != run && (oldest == NULL || e->last_run < oldest->last_run))
            oldest = e, at = i;
        }
      if (oldest == NULL)
        break;
      self->size -= g_bytes_get_size (oldest->data);
      g_ptr_array_remove_index_fast (self->entries, at);
    }
  return self->size + need <= self->budget;
}

gboolean
isc_cache_make_room (IscCache *self,
                     gsize     need,
                     guint64   run)
{
  gboolean fits;

  g_mutex_lock (&self->mutex);
  fits = make_room_locked (self, need, run);
  g_mutex_unlock (&self->mutex);
  return fits;
}

GBytes *
isc_cache_insert (IscCache          *self,
                  const IscCacheKey *key,
                  GBytes            *data,
                  guint64            run)
{
  gsize need = g_bytes_get_size (data);
  CacheEntry *entry;
  GBytes *use;

  g_mutex_lock (&self->mutex);
  if ((entry = find_locked (self, key)) != NULL)
    {
      /* another run stored it meanwhile: the same numbers, keep one copy */
      entry->last_run = run;
      use = g_bytes_ref (entry->data);
    }
  else
    {
      if (make_room_locked (self, need, run))
        {
          entry = g_new0 (CacheEntry, 1);
          entry->key = *key;
          entry->data = g_bytes_ref (data);
          entry->last_run = run;
          g_ptr_array_add (self->entries, entry);
          self->size += need;
        }
      use = g_bytes_ref (data);
    }
  g_mutex_unlock (&self->mutex);
  return use;
}

/* ------------------------------------------------------------------------ */
/* Scratch */

/* A net past the budget reuses memory already faulted in, instead of a fresh
 * matrix every layer of every run (a third of a warm depth-50 × 4096 re-run).
 * The cache keeps one, the largest refused so far, at most ISC_WIDTH_MAX². */
void
isc_scratch_borrow (IscScratch *scratch,
                    IscCache   *cache)
{
  scratch->cache = cache;
  if (cache == NULL)
    return;
  g_mutex_lock (&cache->mutex);
  scratch->data = g_steal_pointer (&cache->scratch);
  scratch->n = cache->scratch_n;
  cache->scratch_n = 0;
  g_mutex_unlock (&cache->mutex);
}

void
isc_scratch_clear (IscScratch *scratch)
{
  IscCache *cache = scratch->cache;

  /* another run may have given its own back meanwhile: keep that one */
  if (cache != NULL && scratch->data != NULL)
    {
      g_mutex_lock (&cache->mutex);
      if (cache->scratch == NULL)
        {
          cache->scratch = g_steal_pointer (&scratch->data);
          cache->scratch_n = scratch->n;
        }
      g_mutex_unlock (&cache->mutex);
    }
  isc_huge_free (g_steal_pointer (&scratch->data), scratch->n * sizeof (float));
  scratch->n = 0;
}

float *
isc_scratch_get (IscScratch *scratch,
                 gsize       n)
{
  if (scratch->n < n)
    {
      isc_huge_free (scratch->data, scratch->n * sizeof (float));
      scratch->data = isc_huge_alloc (n * sizeof (float));
      scratch->n = scratch->data != NULL ? n : 0;
    }
  return scratch->data;
}

/* ------------------------------------------------------------------------ */
/* Kept buffers */

float *
isc_cache_take_buffer (IscCache *cache,
                       gsize     n)
{
  float *data = NULL;

  if (cache != NULL)
    {
      g_mutex_lock (&cache->mutex);
      for (guint i = 0; i < cache->kept->len && data == NULL; i++)
        {
          KeptBuffer *kept = &g_array_index (cache->kept, KeptBuffer, i);

          if (kept->n == n)
            {
              data = g_steal_pointer (&kept->data);
              cache->kept_bytes -= n * sizeof (float);
              g_array_remove_index_fast (cache->kept, i);
            }
        }
      g_mutex_unlock (&cache->mutex);
    }
  return data != NULL ? data : g_try_malloc_n (MAX (n, 1), sizeof (float));
}

void
isc_cache_give_buffer (IscCache *cache,
                       float    *data,
                       gsize     n)
{
  if (cache != NULL && data != NULL)
    {
      g_mutex_lock (&cache->mutex);
      if (cache->kept_bytes + n * sizeof (float) <= ISC_CACHE_KEPT_BYTES)
        {
          KeptBuffer kept = { g_steal_pointer (&data), n };

          g_array_append_val (cache->kept, kept);
          cache->kept_bytes += n * sizeof (float);
        }
      g_mutex_unlock (&cache->mutex);
    }
  g_free (data);
}

/* ------------------------------------------------------------------------ */
/* Base matrices */

/* FALSE when out of memory (the QR's workspace). */
static gboolean
fill_base (const IscCacheKey *key,
           float             *data)
{
  switch (key->base)
    {
    case ISC_BASE_NORMAL:
      isc_rng_fill_matrix (key->seed, key->stream, key->layer, key->rows, key->cols, data);
      return TRUE;
    case ISC_BASE_ONES:
      for (gsize i = 0; i < (gsize) key->rows * key->cols; i++)
        data[i] = 1.0f;
      return TRUE;
    case ISC_BASE_UNIFORM:
      isc_rng_fill_uniform_matrix (key->seed, key->stream, key->layer, key->rows, key->cols,
                                   data);
      return TRUE;
    case ISC_BASE_ORTHOGONAL:
      return isc_orthogonal_fill (key->seed, key->stream, key->layer, key->rows, key->cols,
                                  data);
    default:
      g_return_val_if_reached (FALSE);
    }
}

GBytes *
isc_cache_get_matrix (IscCache          *cache,
                      guint64            run,
                      const IscCacheKey *key,
                      IscScratch        *scratch)
{
  gsize n = (gsize) key->rows * key->cols;
  gboolean cacheable = cache != NULL && n * sizeof (float) <= cache->budget;
  g_autoptr(GBytes) bytes = NULL;
  float *data;

  if (cacheable && (bytes = isc_cache_lookup (cache, key, run)) != NULL)
    return g_steal_pointer (&bytes);

  if (!cacheable || !isc_cache_make_room (cache, n * sizeof (float), run))
    {
      if ((data = isc_scratch_get (scratch, n)) == NULL || !fill_base (key, data))
        return NULL;
      return g_bytes_new_static (data, n * sizeof (float));
    }

  if ((data = g_try_malloc (n * sizeof (float))) == NULL)
    return NULL;
  if (!fill_base (key, data))
    {
      g_free (data);
      return NULL;
    }
  bytes = g_bytes_new_take (data, n * sizeof (float));
  return isc_cache_insert (cache, key, bytes, run);
}
