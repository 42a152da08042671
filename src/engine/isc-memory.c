/* isc-memory.c — large buffers in transparent huge pages (see isc-memory.h)
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "isc-memory"

#include "config.h"

#include "isc-memory.h"

#if defined(__linux__)
# include <sys/mman.h>
#endif

#define HUGE_PAGE ISC_HUGE_PAGE_SIZE

#if defined(__linux__) && defined(MADV_HUGEPAGE)
static gsize
mapped_size (gsize size)
{
  return (size + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
}

/* A mapping one huge page longer, trimmed to start at a multiple of one. */
static gpointer
map_aligned (gsize size)
{
  guchar *start = mmap (NULL, size + HUGE_PAGE, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  gsize head;

  if (start == MAP_FAILED)
    return NULL;
  head = (HUGE_PAGE - (guintptr) start % HUGE_PAGE) % HUGE_PAGE;
  if (head > 0)
    munmap (start, head);
  munmap (start + head + size, HUGE_PAGE - head);
  madvise (start + head, size, MADV_HUGEPAGE);  /* advice: without it, small pages */
  return start + head;
}
#endif

gpointer
isc_huge_alloc (gsize size)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (size >= HUGE_PAGE)
    return map_aligned (mapped_size (size));
#endif
  return g_try_malloc0 (MAX (size, 1));
}

void
isc_huge_free (gpointer data,
               gsize    size)
{
  if (data == NULL)
    return;
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (size >= HUGE_PAGE)
    {
      munmap (data, mapped_size (size));
      return;
    }
#endif
  g_free (data);
}
