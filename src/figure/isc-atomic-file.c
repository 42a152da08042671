/* isc-atomic-file.c — files replaced atomically, their temporary files unlinked on a signal
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "isc-export"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "isc-atomic-file.h"
#include "isc-export.h"
#include "isc-export-private.h"

/* A file being written: a temporary ISC_EXPORT_TMP_TEMPLATE in the real
 * target's folder (a rename across file systems is not atomic, so not /tmp;
 * a fixed short name, so it fits beside a 255-byte name), renamed over the
 * target once complete. Its path lives in a preallocated slot so that a
 * signal handler can unlink it without allocating. */
#define N_TMP_SLOTS 4

struct _IscTmpSlot
{
  int  live;            /* read and written atomically: the handler may run on any thread */
  char path[PATH_MAX];
};

static IscTmpSlot tmp_slots[N_TMP_SLOTS];
static GMutex tmp_slots_lock;
/* The signal being handled (0 = none), and how many commits are renaming:
 * a signal during the renames waits for them, so both targets change or
 * neither (see isc_export_install_signal_cleanup). */
static volatile int dying_signal;
static volatile int n_committing;
static char interrupt_message[256];
static gsize interrupt_message_len;

void
isc_atomic_set_io_error (GError     **error,
                         const char  *path,
                         int          saved_errno)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               /* Translators: file name, then the reason */
               _("Cannot write “%s”: %s"), path, g_strerror (saved_errno));
}

/* Unlinks every live temporary file: async-signal-safe. */
static void
remove_tmp_files (void)
{
  for (guint i = 0; i < N_TMP_SLOTS; i++)
    if (g_atomic_int_get (&tmp_slots[i].live))
      unlink (tmp_slots[i].path);
}

static void
die_of_signal (int signum)
{
  remove_tmp_files ();
  if (signum == SIGINT && interrupt_message_len > 0)
    {
      ssize_t n G_GNUC_UNUSED = write (STDERR_FILENO, interrupt_message, interrupt_message_len);
    }
  _exit (128 + signum);
}

static void
on_fatal_signal (int signum)
{
  /* a second signal, or another thread's: the first one is on it */
  if (!g_atomic_int_compare_and_exchange (&dying_signal, 0, signum))
    return;
  /* mid-rename: the committing thread finishes, then exits for us */
  if (g_atomic_int_get (&n_committing) > 0)
    return;
  die_of_signal (signum);
}

void
isc_export_install_signal_cleanup (const char *message)
{
  const int signals[] = { SIGINT, SIGTERM, SIGHUP };

  g_strlcpy (interrupt_message, message ? message : "", sizeof interrupt_message);
  interrupt_message_len = strlen (interrupt_message);
  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    {
      struct sigaction action = { .sa_handler = on_fatal_signal };
      struct sigaction old;

      /* a signal ignored by whoever started us (nohup) stays ignored */
      if (sigaction (signals[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
        continue;
      sigemptyset (&action.sa_mask);
      for (guint j = 0; j < G_N_ELEMENTS (signals); j++)
        sigaddset (&action.sa_mask, signals[j]);
      sigaction (signals[i], &action, NULL);
    }
}

/* A free slot holding "@dir/.initscope-XXXXXX.tmp", or NULL with errno set. */
static IscTmpSlot *
tmp_slot_acquire (const char *dir)
{
  IscTmpSlot *slot = NULL;
  int n;

  g_mutex_lock (&tmp_slots_lock);
  for (guint i = 0; i < N_TMP_SLOTS && slot == NULL; i++)
    if (!g_atomic_int_get (&tmp_slots[i].live))
      slot = &tmp_slots[i];
  errno = EMFILE;
  if (slot != NULL)
    {
      n = g_snprintf (slot->path, sizeof slot->path, "%s/%s", dir, ISC_EXPORT_TMP_TEMPLATE);
      if (n < 0 || (gsize) n >= sizeof slot->path)
        {
          errno = ENAMETOOLONG;
          slot = NULL;
        }
      else
        g_atomic_int_set (&slot->live, TRUE);  /* after the path: a full barrier */
    }
  g_mutex_unlock (&tmp_slots_lock);
  return slot;
}

static void
tmp_slot_release (IscTmpSlot *slot)
{
  g_atomic_int_set (&slot->live, FALSE);
}

/* @path with the symlinks of its last part followed (as shell redirection
 * does) and its folder made canonical; @path itself when that fails, so the
 * error shows up on opening. */
char *
isc_export_resolve_path (const char *path)
{
  g_autofree char *p = g_strdup (path);
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *real_dir = NULL;

  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *target = NULL;
      GStatBuf st;

      if (g_lstat (p, &st) != 0 || !S_ISLNK (st.st_mode) ||
          (target = g_file_read_link (p, NULL)) == NULL)
        break;
      if (!g_path_is_absolute (target))
        {
          g_autofree char *link_dir = g_path_get_dirname (p);

          g_free (p);
          p = g_build_filename (link_dir, target, NULL);
        }
      else
        {
          g_free (p);
          p = g_steal_pointer (&target);
        }
    }

  dir = g_path_get_dirname (p);
  base = g_path_get_basename (p);
  real_dir = realpath (dir, NULL);
  if (real_dir == NULL || strcmp (base, G_DIR_SEPARATOR_S) == 0)
    return g_steal_pointer (&p);
  return g_build_filename (real_dir, base, NULL);
}

gboolean
isc_export_same_file (const char *a,
                      const char *b)
{
  g_autofree char *real_a = isc_export_resolve_path (a);
  g_autofree char *real_b = isc_export_resolve_path (b);
  GStatBuf st_a, st_b;

  /* hard links too */
  if (g_stat (real_a, &st_a) == 0 && g_stat (real_b, &st_b) == 0)
    return st_a.st_dev == st_b.st_dev && st_a.st_ino == st_b.st_ino;
  return strcmp (real_a, real_b) == 0;
}

gboolean
isc_atomic_open (IscAtomicFile  *file,
                 const char     *path,
                 GError        **error)
{
  g_autofree char *dir = NULL;
  GStatBuf st;
  gboolean exists;

  *file = (IscAtomicFile) { .path = path, .fd = -1 };
  file->real_path = isc_export_resolve_path (path);
  exists = g_stat (file->real_path, &st) == 0;
  file->existed = exists;
  if (exists && !S_ISREG (st.st_mode))
    {
      /* a rename over a device or a folder is not what anyone means */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   /* Translators: file name */
                   _("Cannot write “%s”: not a regular file"), path);
      return FALSE;
    }

  dir = g_path_get_dirname (file->real_path);
  file->slot = tmp_slot_acquire (dir);
  if (file->slot == NULL)
    {
      isc_atomic_set_io_error (error, path, errno);
      return FALSE;
    }
  /* 0666 through the umask: an exported figure is not private; a file
   * being replaced keeps its own mode (a 0600 file stays 0600) */
  file->fd = g_mkstemp_full (file->slot->path, O_WRONLY | O_CLOEXEC, 0666);
  if (file->fd < 0 || (exists && fchmod (file->fd, st.st_mode & 0777) != 0))
    {
      int saved_errno = errno;

      isc_atomic_set_io_error (error, path, saved_errno);
      if (file->fd >= 0)
        {
          close (file->fd);
          file->fd = -1;
          unlink (file->slot->path);
        }
      g_clear_pointer (&file->slot, tmp_slot_release);
      return FALSE;
    }
  return TRUE;
}

gboolean
isc_atomic_write (IscAtomicFile *file,
                  const guchar  *data,
                  gsize          length)
{
  if (file->saved_errno != 0)
    return FALSE;

  while (length > 0)
    {
      gssize n = write (file->fd, data, length);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          file->saved_errno = errno;
          return FALSE;
        }
      data += n;
      length -= (gsize) n;
    }
  return TRUE;
}

cairo_status_t
isc_atomic_write_func (void                *closure,
                       const unsigned char *data,
                       unsigned int         length)
{
  return isc_atomic_write (closure, data, length) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* Throws the temporary file away: the target stays as it was. */
void
isc_atomic_abort (IscAtomicFile *file)
{
  if (file->fd >= 0)
    {
      close (file->fd);
      file->fd = -1;
    }
  if (file->slot)
    {
      unlink (file->slot->path);
      g_clear_pointer (&file->slot, tmp_slot_release);
    }
  g_clear_pointer (&file->real_path, g_free);
}

/* On disk before any rename, or a crash could leave an empty target. */
gboolean
isc_atomic_finish (IscAtomicFile  *file,
                   GError        **error)
{
  int saved_errno = file->saved_errno;
  gint64 t = isc_export_timing_start ();

  if (saved_errno == 0 && fsync (file->fd) != 0 && errno != EINVAL)
    saved_errno = errno;
  isc_export_timing_add (ISC_TIMING_FSYNC, t);
  if (close (file->fd) != 0 && saved_errno == 0)
    saved_errno = errno;
  file->fd = -1;
  if (saved_errno != 0)
    {
      isc_atomic_set_io_error (error, file->path, saved_errno);
      return FALSE;
    }
  return TRUE;
}

/* A second name for the file at @path, so that it can be put back: NULL when
 * there is no file (nothing to put back) or the file system has no hard
 * links (then a failed second rename cannot be undone). */
static char *
link_backup (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  for (guint attempt = 0; attempt < 100; attempt++)
    {
      g_autofree char *name = g_strdup_printf (ISC_EXPORT_TMP_PREFIX "%06x.tmp",
                                               g_random_int () & 0xffffff);
      g_autofree char *backup = g_build_filename (dir, name, NULL);

      if (link (path, backup) == 0)
        return g_steal_pointer (&backup);
      if (errno != EEXIST)
        return NULL;
    }
  return NULL;
}

/* Undoes the first @n renames of @files: the old file back from its backup,
 * or a new one removed (an old one without a backup cannot come back). */
static void
roll_back (IscAtomicFile  *files,
           char          **backups,
           guint           n)
{
  for (guint i = 0; i < n; i++)
    {
      if (backups[i] != NULL)
        {
          /* should putting it back fail, the backup stays: the only copy */
          g_rename (backups[i], files[i].real_path);
          g_clear_pointer (&backups[i], g_free);
        }
      else if (!files[i].existed)
        g_unlink (files[i].real_path);
    }
}

/* Renames every finished temporary file over its target: all of them or,
 * when one fails, none (the earlier targets are put back). A signal during
 * the renames waits for them to end. */
gboolean
isc_atomic_commit_all (IscAtomicFile  *files,
                       guint           n_files,
                       GError        **error)
{
  char *backups[N_TMP_SLOTS] = { NULL };
  gboolean ok = TRUE;
  int signum;

  g_return_val_if_fail (n_files <= N_TMP_SLOTS, FALSE);

  g_atomic_int_inc (&n_committing);
  if ((signum = g_atomic_int_get (&dying_signal)) != 0)
    die_of_signal (signum);

  /* the last rename needs no way back */
  for (guint i = 0; i + 1 < n_files; i++)
    backups[i] = link_backup (files[i].real_path);

  for (guint i = 0; i < n_files && ok; i++)
    {
      if (g_rename (files[i].slot->path, files[i].real_path) != 0)
        {
          isc_atomic_set_io_error (error, files[i].path, errno);
          roll_back (files, backups, i);
          ok = FALSE;
        }
    }

  for (guint i = 0; i < n_files; i++)
    {
      if (backups[i] != NULL)
        g_unlink (backups[i]);
      g_free (backups[i]);
      if (!ok)
        g_unlink (files[i].slot->path);
      g_clear_pointer (&files[i].slot, tmp_slot_release);
      g_clear_pointer (&files[i].real_path, g_free);
    }

  if (g_atomic_int_dec_and_test (&n_committing) &&
      (signum = g_atomic_int_get (&dying_signal)) != 0)
    die_of_signal (signum);
  return ok;
}
