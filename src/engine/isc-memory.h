/* isc-memory.h — large buffers in transparent huge pages
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A transparent huge page on x86-64: below it isc_huge_alloc is g_try_malloc0. */
#define ISC_HUGE_PAGE_SIZE ((gsize) 2 << 20)

/* @size bytes of zeroed memory. From 2 MiB up, fresh pages aligned to
 * 2 MiB and advised into transparent huge pages where the kernel offers
 * them (its "madvise" mode): a 16 MiB buffer is then 8 page faults instead
 * of 4 096 (each ~1 µs on these VMs). NULL when out of memory. Free with
 * isc_huge_free and the same @size. */
gpointer isc_huge_alloc (gsize    size);
void     isc_huge_free  (gpointer data,
                         gsize    size);

G_END_DECLS
