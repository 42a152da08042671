/* isc-simulator.c
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One job at a time runs isc_network_run() in a GTask thread. A new request
 * cancels the running job (unless it is a preview of the very config now asked
 * for in full) and replaces the queued one; a result whose config is not the
 * latest request is dropped. While requests come fast, or when full runs are
 * slow, a request first gets a preview on a few rows and the full run starts
 * once the requests have settled.
 *
 * Progress: the engine calls back on the worker thread after each layer; the
 * callback only stores the count in the job (an atomic int). While a job
 * runs, a main-loop timeout reads it and notifies "layers-done", so no signal
 * is ever emitted from the worker.
 */

#define G_LOG_DOMAIN "isc-simulator"

#include "config.h"

#include <glib/gi18n.h>

#include "isc-simulator.h"
#include "isc-workers.h"

typedef struct
{
  IscConfig     config;
  guint         max_batch;  /* 0 = the config's whole batch; else a preview */
  guint         max_units;  /* 0 = the config's whole width */
  IscCache     *cache;
  GCancellable *cancellable;
  gint          layers_done;  /* atomic: written by the worker, read by the main thread */
  gint          layers_total; /* atomic too: 2 × depth with the backward pass */
  gboolean      drag;       /* a preview asked for while a control was held */
  gboolean      gradients;  /* the backward pass too */
} IscJob;

struct _IscSimulator
{
  GObject    parent_instance;

  IscCache  *cache;
  IscResult *result;
  char      *error;

  IscConfig  latest;
  IscJob    *running;  /* owned by its GTask; kept here to cancel it */
  IscJob    *queued;
  GPtrArray *waiters;  /* GTask of isc_simulator_get_full_async(), its config as task data */

  guint      start_source;
  guint      settle_source;
  guint      progress_source;
  guint      layers_done;
  guint      layers_total;
  gint64     last_request_usec;
  double     last_full_seconds;
  guint      preview_batch;
  guint      n_runs;

  guint      has_latest : 1;
  guint      gradients : 1;
  guint      interactive : 1;
  guint      busy : 1;
  guint      cancelled : 1;
  guint      previewing : 1;
  guint      stopped : 1;
};

G_DEFINE_FINAL_TYPE (IscSimulator, isc_simulator, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RESULT,
  PROP_BUSY,
  PROP_ERROR,
  PROP_CANCELLED,
  PROP_LAYERS_DONE,
  PROP_LAYERS_TOTAL,
  PROP_PREVIEWING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static IscJob *
isc_job_new (const IscConfig *config,
             guint            max_batch,
             IscCache        *cache,
             gboolean         gradients)
{
  IscJob *job = g_new0 (IscJob, 1);

  job->config = *config;
  job->gradients = gradients;
  job->layers_total = (gint) (gradients ? 2 * config->depth : config->depth);
  job->max_batch = max_batch;
  job->max_units = max_batch != 0 ? ISC_SIMULATOR_PREVIEW_UNITS : 0;
  job->cache = cache ? isc_cache_ref (cache) : NULL;
  job->cancellable = g_cancellable_new ();
  return job;
}

static void
isc_job_free (IscJob *job)
{
  g_clear_pointer (&job->cache, isc_cache_unref);
  g_clear_object (&job->cancellable);
  g_free (job);
}

/* The full result of @config with what the views need: a result without
 * gradients does not do while a gradient view is on (one with them always
 * does). */
static gboolean
is_full_for (IscSimulator    *self,
             const IscResult *result,
             const IscConfig *config)
{
  return isc_result_is_full_for (result, config) &&
         (!self->gradients || isc_result_has_gradients (result));
}

static gboolean
isc_job_is (IscSimulator    *self,
            const IscJob    *job,
            const IscConfig *config,
            guint            max_batch)
{
  return job != NULL &&
         job->max_batch == max_batch &&
         (job->gradients || !self->gradients) &&
         isc_config_equal (&job->config, config) &&
         !g_cancellable_is_cancelled (job->cancellable);
}

static void set_progress (IscSimulator *self,
                          guint         done,
                          guint         total,
                          gboolean      previewing);

/* Busy means a result is on its way: a cancelled job that is still winding
 * down in its thread brings none. */
static void
update_busy (IscSimulator *self)
{
  gboolean busy = (self->running != NULL &&
                   !g_cancellable_is_cancelled (self->running->cancellable)) ||
                  self->queued != NULL ||
                  self->start_source != 0 || self->settle_source != 0;

  if (busy != self->busy)
    {
      self->busy = busy;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
  if (!busy)
    set_progress (self, 0, 0, FALSE);
}

static void
set_error (IscSimulator *self,
           const char   *message)
{
  if (g_strcmp0 (self->error, message) == 0)
    return;
  g_free (self->error);
  self->error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
set_cancelled (IscSimulator *self,
               gboolean      cancelled)
{
  if (self->cancelled == !!cancelled)
    return;
  self->cancelled = !!cancelled;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CANCELLED]);
}

static void
set_progress (IscSimulator *self,
              guint         done,
              guint         total,
              gboolean      previewing)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (self->previewing != !!previewing)
    {
      self->previewing = !!previewing;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREVIEWING]);
    }
  if (self->layers_total != total)
    {
      self->layers_total = total;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAYERS_TOTAL]);
    }
  if (self->layers_done != done)
    {
      self->layers_done = done;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAYERS_DONE]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/* Runs on the worker thread: no GObject, no main loop, just the count. */
static void
job_progress_cb (guint    done,
                 guint    total,
                 gpointer user_data)
{
  IscJob *job = user_data;

  g_atomic_int_set (&job->layers_done, (gint) done);
  g_atomic_int_set (&job->layers_total, (gint) total);
}

static gboolean
progress_poll_cb (gpointer data)
{
  IscSimulator *self = data;

  /* a cancelled job's layers are no news */
  if (self->running != NULL && !g_cancellable_is_cancelled (self->running->cancellable))
    set_progress (self, (guint) g_atomic_int_get (&self->running->layers_done),
                  (guint) g_atomic_int_get (&self->running->layers_total),
                  self->running->max_batch != 0);
  return G_SOURCE_CONTINUE;
}

/* Completes the waiters for @config: with @result (a full one) if given,
 * else with @error; @config NULL: every waiter. */
static void
finish_waiters (IscSimulator    *self,
                const IscConfig *config,
                gboolean         matching,
                IscResult       *result,
                const GError    *error)
{
  for (guint i = self->waiters->len; i > 0; i--)
    {
      GTask *task = g_ptr_array_index (self->waiters, i - 1);
      const IscConfig *wanted = g_task_get_task_data (task);

      if (config != NULL && isc_config_equal (wanted, config) != matching)
        continue;
      if (result != NULL)
        g_task_return_pointer (task, isc_result_ref (result), (GDestroyNotify) isc_result_unref);
      else
        g_task_return_error (task, g_error_copy (error));
      g_ptr_array_remove_index (self->waiters, i - 1);
    }
}

static void
fail_waiters (IscSimulator    *self,
              const IscConfig *config,
              gboolean         matching,
              GQuark           domain,
              int              code,
              const char      *message)
{
  g_autoptr(GError) error = NULL;

  if (self->waiters->len == 0)
    return;
  error = g_error_new_literal (domain, code, message);
  finish_waiters (self, config, matching, NULL, error);
}

static void
accept_result (IscSimulator *self,
               IscResult    *result,
               gboolean      drag)
{
  const IscConfig *config = isc_result_get_config (result);

  /* A stale result is never shown, and a preview never replaces the full
   * figure of the same config. A drag's preview is the exception: it shows a
   * position the hand passed a moment ago, which is what following the hand
   * means when a frame takes longer than a preview (see enqueue()). */
  if (!self->has_latest)
    return;
  if (!isc_config_equal (config, &self->latest) &&
      !(drag && !is_full_for (self, self->result, &self->latest)))
    return;
  if (isc_result_is_preview (result) && is_full_for (self, self->result, config))
    return;
  /* a run from before the gradient view was switched on: its full run follows */
  if (self->gradients && !isc_result_has_gradients (result) &&
      isc_result_has_gradients (self->result) &&
      isc_config_equal (config, isc_result_get_config (self->result)))
    return;

  /* both notifications after both changes: nobody sees the old result
   * without its error */
  g_object_freeze_notify (G_OBJECT (self));
  g_clear_pointer (&self->result, isc_result_unref);
  self->result = isc_result_ref (result);
  set_error (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT]);
  g_object_thaw_notify (G_OBJECT (self));

  if (is_full_for (self, result, config))
    finish_waiters (self, config, TRUE, result, NULL);
}

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  IscJob *job = task_data;
  GError *error = NULL;
  IscResult *result;

  IscRunOptions options = {
    .max_batch = job->max_batch,
    .max_units = job->max_units,
    .gradients = job->gradients,
    .progress = job_progress_cb,
    .progress_data = job,
  };

  result = isc_network_run_with_options (&job->config, job->cache, &options,
                                         cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) isc_result_unref);

  isc_workers_leave ();
}

static void start_queued (IscSimulator *self);

static void
run_done (GObject      *object,
          GAsyncResult *res,
          gpointer      user_data)
{
  IscSimulator *self = ISC_SIMULATOR (object);
  IscJob *job = g_task_get_task_data (G_TASK (res));
  g_autoptr(IscResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (self->running == job || self->stopped);
  self->running = NULL;

  result = g_task_propagate_pointer (G_TASK (res), &error);
  if (self->stopped)
    return;

  if (result != NULL)
    {
      if (!isc_result_is_preview (result))
        self->last_full_seconds = isc_result_get_elapsed (result);
      accept_result (self, result, job->drag);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
           self->has_latest && isc_config_equal (&job->config, &self->latest))
    {
      /* Only a failure of what the user asked for last is news. */
      set_error (self, error->message);
      if (job->max_batch == 0)
        finish_waiters (self, &job->config, TRUE, NULL, error);
    }

  start_queued (self);
  if (self->running == NULL)
    {
      g_clear_handle_id (&self->progress_source, g_source_remove);
      set_progress (self, 0, 0, FALSE);
    }
  update_busy (self);
}

static void
start_queued (IscSimulator *self)
{
  g_autoptr(GTask) task = NULL;
  IscJob *job;

  if (self->running != NULL || self->queued == NULL)
    return;

  job = g_steal_pointer (&self->queued);
  self->running = job;

  task = g_task_new (self, job->cancellable, run_done, NULL);
  g_task_set_source_tag (task, start_queued);
  g_task_set_name (task, "[isc] network run");
  g_task_set_task_data (task, job, (GDestroyNotify) isc_job_free);
  set_progress (self, 0, (guint) job->layers_total, job->max_batch != 0);
  self->n_runs++;
  if (self->progress_source == 0)
    self->progress_source = g_timeout_add (ISC_SIMULATOR_PROGRESS_MS, progress_poll_cb, self);

  isc_workers_enter ();
  g_task_run_in_thread (task, run_in_thread);
}

static gboolean
start_idle_cb (gpointer data)
{
  IscSimulator *self = data;

  self->start_source = 0;
  start_queued (self);
  update_busy (self);
  return G_SOURCE_REMOVE;
}

static void
enqueue (IscSimulator    *self,
         const IscConfig *config,
         guint            max_batch)
{
  /* a preview only where it is cheaper than the full run */
  if (max_batch >= config->batch && config->width <= ISC_SIMULATOR_PREVIEW_UNITS)
    max_batch = 0;

  if (self->running != NULL)
    {
      if (isc_job_is (self, self->running, config, max_batch))
        {
          g_clear_pointer (&self->queued, isc_job_free);
          return;
        }

      /* A preview of the config now wanted in full is nearly done and worth
       * showing meanwhile: let it finish, the full run follows it. So is a
       * drag's preview while the hand still moves: cancelled at every step,
       * none would ever finish where a frame takes longer than a preview
       * (software GL), and the figure would not move at all. */
      if (!(max_batch == 0 && self->running->max_batch != 0 &&
            isc_job_is (self, self->running, config, self->running->max_batch)) &&
          !(self->interactive && max_batch != 0 && self->running->drag))
        g_cancellable_cancel (self->running->cancellable);
    }

  g_clear_pointer (&self->queued, isc_job_free);
  self->queued = isc_job_new (config, max_batch, self->cache, self->gradients);
  self->queued->drag = self->interactive && max_batch != 0;

  /* Start from an idle callback, so that a burst of requests within one main
   * loop iteration (a preset sets five keys) costs a single job. At default
   * priority, so that continuous redraws cannot starve it. */
  if (self->running == NULL && self->start_source == 0)
    self->start_source = g_idle_add_full (G_PRIORITY_DEFAULT, start_idle_cb, self, NULL);
}

static gboolean
settle_cb (gpointer data)
{
  IscSimulator *self = data;

  self->settle_source = 0;
  if (self->has_latest && !is_full_for (self, self->result, &self->latest))
    enqueue (self, &self->latest, 0);
  update_busy (self);
  return G_SOURCE_REMOVE;
}

static void
isc_simulator_dispose (GObject *object)
{
  IscSimulator *self = ISC_SIMULATOR (object);

  isc_simulator_stop (self);
  g_clear_pointer (&self->result, isc_result_unref);

  G_OBJECT_CLASS (isc_simulator_parent_class)->dispose (object);
}

static void
isc_simulator_finalize (GObject *object)
{
  IscSimulator *self = ISC_SIMULATOR (object);

  g_clear_pointer (&self->cache, isc_cache_unref);
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->waiters, g_ptr_array_unref);

  G_OBJECT_CLASS (isc_simulator_parent_class)->finalize (object);
}

static void
isc_simulator_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  IscSimulator *self = ISC_SIMULATOR (object);

  switch (prop_id)
    {
    case PROP_RESULT:
      g_value_set_boxed (value, self->result);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    case PROP_CANCELLED:
      g_value_set_boolean (value, self->cancelled);
      break;
    case PROP_LAYERS_DONE:
      g_value_set_uint (value, self->layers_done);
      break;
    case PROP_LAYERS_TOTAL:
      g_value_set_uint (value, self->layers_total);
      break;
    case PROP_PREVIEWING:
      g_value_set_boolean (value, self->previewing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
isc_simulator_class_init (IscSimulatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = isc_simulator_dispose;
  object_class->finalize = isc_simulator_finalize;
  object_class->get_property = isc_simulator_get_property;

  properties[PROP_RESULT] =
    g_param_spec_boxed ("result", NULL, NULL,
                        ISC_TYPE_RESULT,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* A result is on its way: a job runs, is queued or waits for the
   * controls to settle. */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* TRUE from isc_simulator_cancel() until the next request. */
  properties[PROP_CANCELLED] =
    g_param_spec_boolean ("cancelled", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Layers the running job has finished, of "layers-total"; both 0 when
   * nothing runs. Updated every ISC_SIMULATOR_PROGRESS_MS at most. */
  properties[PROP_LAYERS_DONE] =
    g_param_spec_uint ("layers-done", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_LAYERS_TOTAL] =
    g_param_spec_uint ("layers-total", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* The running job is a quick preview (its full run follows). */
  properties[PROP_PREVIEWING] =
    g_param_spec_boolean ("previewing", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
isc_simulator_init (IscSimulator *self)
{
  self->cache = isc_cache_new (ISC_SIMULATOR_CACHE_BUDGET);
  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
  self->preview_batch = ISC_SIMULATOR_PREVIEW_BATCH;
}

IscSimulator *
isc_simulator_new (void)
{
  return g_object_new (ISC_TYPE_SIMULATOR, NULL);
}

/* Back to what is on screen: nothing to compute. */
static void
back_to_shown (IscSimulator *self)
{
  if (self->running != NULL)
    g_cancellable_cancel (self->running->cancellable);
  g_clear_pointer (&self->queued, isc_job_free);
  g_clear_handle_id (&self->settle_source, g_source_remove);
  update_busy (self);
}

/**
 * isc_simulator_request:
 * @self: a simulator
 * @config: a valid configuration
 *
 * Asks for the result of @config. Returns at once; the `result` property
 * changes on the main thread when it is ready, unless a newer request came
 * in meanwhile.
 */
void
isc_simulator_request (IscSimulator    *self,
                       const IscConfig *config)
{
  g_autoptr(GError) error = NULL;
  gboolean rapid;
  gboolean preview;
  gint64 now;

  g_return_if_fail (ISC_IS_SIMULATOR (self));
  g_return_if_fail (config != NULL);
  g_return_if_fail (!self->stopped);

  if (!isc_config_validate (config, &error))
    {
      g_critical ("%s: %s", G_STRFUNC, error->message);
      return;
    }

  if (self->has_latest && isc_config_equal (config, &self->latest))
    return;

  now = g_get_monotonic_time ();
  rapid = self->last_request_usec != 0 &&
          now - self->last_request_usec < ISC_SIMULATOR_SETTLE_MS * G_TIME_SPAN_MILLISECOND;
  self->last_request_usec = now;
  /* A figure asked for to export is of the settings at the time; the user
   * moved on before it was ready. */
  fail_waiters (self, config, FALSE, G_IO_ERROR, G_IO_ERROR_FAILED,
                _("The settings changed before their figure was ready"));
  self->latest = *config;
  self->has_latest = TRUE;
  set_error (self, NULL);
  set_cancelled (self, FALSE);

  if (is_full_for (self, self->result, config))
    {
      back_to_shown (self);
      return;
    }

  preview = self->preview_batch > 0 &&
            (config->batch > self->preview_batch || config->width > ISC_SIMULATOR_PREVIEW_UNITS) &&
            (self->interactive || rapid || self->last_full_seconds > ISC_SIMULATOR_SLOW_SECONDS);

  g_clear_handle_id (&self->settle_source, g_source_remove);
  if (preview)
    {
      enqueue (self, config, self->preview_batch);
      self->settle_source = g_timeout_add (ISC_SIMULATOR_SETTLE_MS, settle_cb, self);
    }
  else
    {
      enqueue (self, config, 0);
    }

  update_busy (self);
}

/**
 * isc_simulator_refuse:
 * @self: a simulator
 * @message: why the settings cannot run, for the user
 *
 * The settings describe no net (batch norm over one sample): nothing is
 * computed, what was on its way is dropped, the figure on show stays and
 * "error" says @message until the next request.
 */
void
isc_simulator_refuse (IscSimulator *self,
                      const char   *message)
{
  g_return_if_fail (ISC_IS_SIMULATOR (self));
  g_return_if_fail (message != NULL);

  fail_waiters (self, NULL, TRUE, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, message);
  self->has_latest = FALSE;
  back_to_shown (self);
  g_clear_handle_id (&self->start_source, g_source_remove);
  set_cancelled (self, FALSE);
  set_error (self, message);
  update_busy (self);
}

/**
 * isc_simulator_stop:
 * @self: a simulator
 *
 * Cancels the running job, drops the queued one and takes no more requests:
 * for the owner going away (a running job keeps the simulator alive until
 * its thread ends, so dispose alone would come too late).
 */
void
isc_simulator_stop (IscSimulator *self)
{
  g_return_if_fail (ISC_IS_SIMULATOR (self));

  self->stopped = TRUE;
  fail_waiters (self, NULL, TRUE, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
  if (self->running != NULL)
    g_cancellable_cancel (self->running->cancellable);
  g_clear_pointer (&self->queued, isc_job_free);
  g_clear_handle_id (&self->start_source, g_source_remove);
  g_clear_handle_id (&self->settle_source, g_source_remove);
  g_clear_handle_id (&self->progress_source, g_source_remove);
}

/**
 * isc_simulator_cancel:
 * @self: a simulator
 *
 * The user's Cancel: stops the running job, drops the queued one and keeps
 * the result on show. The latest request is forgotten, so asking for the
 * same config again computes it. Sets "cancelled" if anything was on its way.
 */
void
isc_simulator_cancel (IscSimulator *self)
{
  g_return_if_fail (ISC_IS_SIMULATOR (self));

  if (!self->busy)
    return;

  if (self->running != NULL)
    g_cancellable_cancel (self->running->cancellable);
  g_clear_pointer (&self->queued, isc_job_free);
  g_clear_handle_id (&self->start_source, g_source_remove);
  g_clear_handle_id (&self->settle_source, g_source_remove);
  self->has_latest = FALSE;
  fail_waiters (self, NULL, TRUE, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));

  g_object_freeze_notify (G_OBJECT (self));
  set_cancelled (self, TRUE);
  update_busy (self);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * isc_simulator_get_full_async:
 * @self: a simulator
 * @config: a valid configuration
 * @cancellable: (nullable): a cancellable
 * @callback: called with the full result of @config
 * @user_data: for @callback
 *
 * What exports and copies use instead of a runner of their own: the result
 * on show if it is the full one of @config; else @config is requested (as
 * the latest, like a control would) and its full result, preview or not
 * first, completes the call. Fails when the run fails, when the user
 * cancels, or when another config is requested before it is ready.
 */
void
isc_simulator_get_full_async (IscSimulator        *self,
                              const IscConfig     *config,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ISC_IS_SIMULATOR (self));
  g_return_if_fail (config != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, isc_simulator_get_full_async);
  if (is_full_for (self, self->result, config))
    {
      g_task_return_pointer (task, isc_result_ref (self->result),
                             (GDestroyNotify) isc_result_unref);
      return;
    }
  if (self->stopped)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
      return;
    }

  isc_simulator_request (self, config);
  /* the same latest as before, with nothing coming (a preview left on
   * show by a drag that never settled): run it in full now */
  if (!self->busy)
    {
      enqueue (self, config, 0);
      update_busy (self);
    }
  g_task_set_task_data (task, g_memdup2 (config, sizeof *config), g_free);
  g_ptr_array_add (self->waiters, g_steal_pointer (&task));
}

/**
 * isc_simulator_get_full_finish:
 *
 * Returns: (transfer full) (nullable): the full result, or NULL with @error set
 */
IscResult *
isc_simulator_get_full_finish (IscSimulator  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        isc_simulator_get_full_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * isc_simulator_get_result:
 *
 * Returns: (transfer none) (nullable): the result on show: of the latest
 *   request, or of an earlier one while the latest is being computed
 */
IscResult *
isc_simulator_get_result (IscSimulator *self)
{
  g_return_val_if_fail (ISC_IS_SIMULATOR (self), NULL);
  return self->result;
}

gboolean
isc_simulator_get_busy (IscSimulator *self)
{
  g_return_val_if_fail (ISC_IS_SIMULATOR (self), FALSE);
  return self->busy;
}

gboolean
isc_simulator_get_cancelled (IscSimulator *self)
{
  g_return_val_if_fail (ISC_IS_SIMULATOR (self), FALSE);
  return self->cancelled;
}

guint
isc_simulator_get_layers_done (IscSimulator *self)
{
  g_return_val_if_fail (ISC_IS_SIMULATOR (self), 0);
  return self->layers_done;
}

guint
isc_simulator_get_layers_total (IscSimulator *self)
{
  g_return_val_if_fail (ISC_IS_SIMULATOR (self), 0);
  return self->layers_total;
}

gboolean
isc_simulator_get_previewing (IscSimulator *self)
{
  g_return_val_if_fail (ISC_IS_SIMULATOR (self), FALSE);
  return self->previewing;
}

/**
 * isc_simulator_get_error:
 *
 * Returns: (nullable): why the latest request failed, if it did
 */
const char *
isc_simulator_get_error (IscSimulator *self)
{
  g_return_val_if_fail (ISC_IS_SIMULATOR (self), NULL);
  return self->error;
}

/**
 * isc_simulator_set_interactive:
 *
 * Tells the simulator a control is being dragged: requests get a preview
 * first until it is released.
 */
void
isc_simulator_set_interactive (IscSimulator *self,
                               gboolean      interactive)
{
  g_return_if_fail (ISC_IS_SIMULATOR (self));

  self->interactive = !!interactive;
}

/**
 * isc_simulator_set_gradients:
 *
 * Whether results must include the backward pass (a gradient view is on).
 * Turned on with an activations-only figure on show, the latest config runs
 * again with it; previews then include the gradients too.
 */
void
isc_simulator_set_gradients (IscSimulator *self,
                             gboolean      gradients)
{
  g_return_if_fail (ISC_IS_SIMULATOR (self));

  if (self->gradients == !!gradients)
    return;
  self->gradients = !!gradients;
  if (self->gradients && self->has_latest && !self->stopped &&
      !is_full_for (self, self->result, &self->latest))
    {
      g_clear_handle_id (&self->settle_source, g_source_remove);
      enqueue (self, &self->latest, 0);
      update_busy (self);
    }
}

gboolean
isc_simulator_get_gradients (IscSimulator *self)
{
  g_return_val_if_fail (ISC_IS_SIMULATOR (self), FALSE);
  return self->gradients;
}

/* Jobs started so far, previews included: for tests. */
guint
isc_simulator_get_n_runs (IscSimulator *self)
{
  g_return_val_if_fail (ISC_IS_SIMULATOR (self), 0);
  return self->n_runs;
}

/**
 * isc_simulator_set_preview_batch:
 *
 * Sets the rows of a preview; 0 turns previews off.
 */
void
isc_simulator_set_preview_batch (IscSimulator *self,
                                 guint         preview_batch)
{
  g_return_if_fail (ISC_IS_SIMULATOR (self));

  self->preview_batch = preview_batch;
}

static gboolean
wait_timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
isc_simulator_wait_idle (IscSimulator *self,
                         guint         timeout_ms)
{
  GMainContext *context = g_main_context_ref_thread_default ();
  gboolean timed_out = FALSE;
  GSource *source;

  g_return_val_if_fail (ISC_IS_SIMULATOR (self), FALSE);

  /* A timeout source wakes the blocking iteration, so a job that never ends
   * fails the caller instead of hanging it. */
  source = g_timeout_source_new (timeout_ms);
  g_source_set_callback (source, wait_timeout_cb, &timed_out, NULL);
  g_source_attach (source, context);

  /* also until a cancelled job's thread has ended and its result gone */
  while ((self->busy || self->running != NULL) && !timed_out)
    g_main_context_iteration (context, TRUE);

  g_source_destroy (source);
  g_source_unref (source);
  g_main_context_unref (context);

  return !self->busy && self->running == NULL;
}
