/* isc-workers.c
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "isc-workers"

#include "config.h"

#include "isc-workers.h"

static GMutex lock;
static GCond  cond;
static guint  n_workers;

/* Called before g_task_run_in_thread(), so a job that is queued but not yet
 * started already counts. */
void
isc_workers_enter (void)
{
  g_mutex_lock (&lock);
  n_workers++;
  g_mutex_unlock (&lock);
}

/* Called by the worker itself as its last step. */
void
isc_workers_leave (void)
{
  g_mutex_lock (&lock);
  g_assert (n_workers > 0);
  if (--n_workers == 0)
    g_cond_broadcast (&cond);
  g_mutex_unlock (&lock);
}

/* Blocks until every worker has left. Cancel what can be cancelled first. */
void
isc_workers_wait_all (void)
{
  g_mutex_lock (&lock);
  while (n_workers > 0)
    g_cond_wait (&cond, &lock);
  g_mutex_unlock (&lock);
}
