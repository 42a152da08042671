/* isc-export.c — figures and statistics to files, written atomically
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "isc-export"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <zlib.h>

#include "isc-export.h"
#include "isc-theory-config.h"
#include "isc-parallel.h"

G_DEFINE_QUARK (isc-export-error-quark, isc_export_error)

/* Timings for bench/run (bench/README.md), not for users: with
 * INITSCOPE_TIMINGS=1 in the environment, an export prints one line of
 * per-stage milliseconds to stderr. loaded_us is CLOCK_MONOTONIC when the
 * loader had linked every library and ran the constructors, just before
 * main(), and done_us when the files are in place: a parent that notes the
 * time before starting us and when we have exited has the process start, the
 * set-up before the run and the exit. */
enum { T_DRAW, T_PNG, T_FSYNC, T_RENAME, N_TIMINGS };

static gint64 loaded_us;
static gint64 timings_us[N_TIMINGS];
static gboolean timings_on;

__attribute__((constructor)) static void
note_loaded (void)
{
  loaded_us = g_get_monotonic_time ();
  timings_on = g_strcmp0 (g_getenv ("INITSCOPE_TIMINGS"), "1") == 0;
}

static inline gint64
timing_start (void)
{
  return timings_on ? g_get_monotonic_time () : 0;
}

static inline void
timing_add (guint  stage,
            gint64 since)
{
  if (timings_on)
    timings_us[stage] += g_get_monotonic_time () - since;
}

static void
print_timings (const IscResult *result)
{
  if (!timings_on)
    return;
  g_printerr ("initscope timings: loaded_us=%" G_GINT64_FORMAT " done_us=%" G_GINT64_FORMAT
              " run=%.3f draw=%.3f png=%.3f fsync=%.3f rename=%.3f\n",
              loaded_us, g_get_monotonic_time (),
              isc_result_get_elapsed (result) * 1e3, timings_us[T_DRAW] / 1e3,
              timings_us[T_PNG] / 1e3, timings_us[T_FSYNC] / 1e3, timings_us[T_RENAME] / 1e3);
}

static const struct {
  const char      *extension;
  IscExportFormat  format;
} formats[] = {
  { "png", ISC_EXPORT_PNG },
  { "svg", ISC_EXPORT_SVG },
  { "pdf", ISC_EXPORT_PDF },
  { "csv", ISC_EXPORT_CSV },
};

gboolean
isc_export_format_from_path (const char       *path,
                             IscExportFormat  *format,
                             GError          **error)
{
  g_autofree char *name = NULL;
  const char *dot;

  g_return_val_if_fail (path != NULL, FALSE);

  /* "x.png/" names a folder, not a PNG */
  name = g_path_get_basename (path);
  dot = strrchr (name, '.');
  if (dot != NULL && dot != name && !g_str_has_suffix (path, G_DIR_SEPARATOR_S))
    {
      for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
        if (g_ascii_strcasecmp (dot + 1, formats[i].extension) == 0)
          {
            if (format)
              *format = formats[i].format;
            return TRUE;
          }
    }

  g_set_error (error, ISC_EXPORT_ERROR, ISC_EXPORT_ERROR_UNKNOWN_FORMAT,
               /* Translators: %s is a file name */
               _("Cannot export “%s”: unknown file type (use .png, .svg, .pdf or .csv)"),
               path);
  return FALSE;
}

static gboolean
check_size (const char  *path,
            int          width,
            int          height,
            GError     **error)
{
  if (width >= ISC_EXPORT_SIZE_MIN && width <= ISC_EXPORT_SIZE_MAX &&
      height >= ISC_EXPORT_SIZE_MIN && height <= ISC_EXPORT_SIZE_MAX)
    return TRUE;

  if (path)
    g_set_error (error, ISC_EXPORT_ERROR, ISC_EXPORT_ERROR_BAD_SIZE,
                 /* Translators: file name, width, height, smallest and largest size */
                 _("Cannot export “%s”: the size %d × %d is not between %d and %d"),
                 path, width, height, ISC_EXPORT_SIZE_MIN, ISC_EXPORT_SIZE_MAX);
  else
    g_set_error (error, ISC_EXPORT_ERROR, ISC_EXPORT_ERROR_BAD_SIZE,
                 /* Translators: width, height, smallest and largest size */
                 _("Cannot draw the figure: the size %d × %d is not between %d and %d"),
                 width, height, ISC_EXPORT_SIZE_MIN, ISC_EXPORT_SIZE_MAX);
  return FALSE;
}

/* CSV -------------------------------------------------------------------- */

static void
append_number (GString *out,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* "%.9g" and a '.' whatever the locale: a spreadsheet reads it back; never "-0" */
  if (value == 0.0)
    value = 0.0;
  g_string_append_c (out, ',');
  g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.9g", value));
}

/* A mean and std of a view's layer, or two empty fields: not computed, or
 * no finite value (a statistic that does not exist is not 0). */
static void
append_view_moments (GString         *out,
                     const IscResult *result,
                     IscView          view,
                     guint            layer)
{
  const IscLayerStats *s = isc_result_get_view_layer (result, view, layer);

  if (s == NULL || s->nonfinite == s->count)
    {
      g_string_append (out, ",,");
      return;
    }
  append_number (out, s->mean);
  append_number (out, s->std);
}

/* grad_mean,grad_std,wgrad_mean,wgrad_std,distinct */
static void
append_gradients (GString         *out,
                  const IscResult *result,
                  guint            layer)
{
  guint distinct = isc_result_get_distinct (result, layer);

  append_view_moments (out, result, ISC_VIEW_GRADIENTS, layer);
  append_view_moments (out, result, ISC_VIEW_WEIGHT_GRADIENTS, layer);
  if (distinct > 0)
    g_string_append_printf (out, ",%u", distinct);
  else
    g_string_append_c (out, ',');
}

/* theory_std,theory_grad_std (empty where the theory does not apply) and the
 * line's end; the gradient's prediction only where the backward pass ran. */
static void
append_theory (GString               *out,
               const IscResult       *result,
               const IscTheoryLayer  *theory,
               guint                  layer)
{
  if (theory == NULL)
    {
      g_string_append (out, ",,\n");
      return;
    }
  append_number (out, theory[layer].std);
  if (isc_result_has_gradients (result))
    append_number (out, theory[layer].grad_std);
  else
    g_string_append_c (out, ',');
  g_string_append_c (out, '\n');
}

static void append_rows (GString         *out,
                         const IscResult *result,
                         const char      *config);

char *
isc_export_stats_to_string (const IscResult *result)
{
  GString *out;

  g_return_val_if_fail (result != NULL, NULL);

  out = g_string_new (ISC_STATS_CSV_HEADER "\n");
  append_rows (out, result, NULL);
  return g_string_free (out, FALSE);
}

char *
isc_export_compare_to_string (const IscResult *result,
                              const IscResult *reference)
{
  GString *out;

  g_return_val_if_fail (result != NULL, NULL);
  if (reference == NULL)
    return isc_export_stats_to_string (result);

  out = g_string_new ("config," ISC_STATS_CSV_HEADER "\n");
  append_rows (out, result, "current");
  append_rows (out, reference, "reference");
  return g_string_free (out, FALSE);
}

/* One row a layer; each led by @config and a comma when it is not NULL. */
static void
append_rows (GString         *out,
             const IscResult *result,
             const char      *config)
{
  guint n = isc_result_get_n_layers (result);
  const IscConfig *cfg = isc_result_get_config (result);
  /* the prediction of the run's net: a preview's is the full net's by construction */
  g_autofree IscTheoryLayer *theory = isc_theory_config_compute (cfg, NULL);

  for (guint l = 0; l < n; l++)
    {
      const IscLayerStats *s = isc_result_get_layer (result, l);

      if (config != NULL)
        g_string_append_printf (out, "%s,", config);
      g_string_append_printf (out, "%u", l + 1);
      if (s->nonfinite < s->count)
        {
          append_number (out, s->mean);
          append_number (out, s->std);
          append_number (out, s->min);
          append_number (out, s->max);
        }
      else
        g_string_append (out, ",,,,");  /* no finite value: these do not exist, they are not 0 */
      append_number (out, s->saturated);
      append_number (out, s->zero);
      g_string_append_printf (out, ",%" G_GUINT64_FORMAT, s->nonfinite);
      append_gradients (out, result, l);
      append_theory (out, result, theory, l);
    }
}

/* Atomic files ----------------------------------------------------------- */

/* A file being written: a temporary ISC_EXPORT_TMP_TEMPLATE in the real
 * target's folder (a rename across file systems is not atomic, so not /tmp;
 * a fixed short name, so it fits beside a 255-byte name), renamed over the
 * target once complete. Its path lives in a preallocated slot so that a
 * signal handler can unlink it without allocating. */
#define N_TMP_SLOTS 4

typedef struct
{
  int  live;            /* read and written atomically: the handler may run on any thread */
  char path[PATH_MAX];
} TmpSlot;

static TmpSlot tmp_slots[N_TMP_SLOTS];
static GMutex tmp_slots_lock;
/* The signal being handled (0 = none), and how many commits are renaming:
 * a signal during the renames waits for them, so both targets change or
 * neither (see isc_export_install_signal_cleanup). */
static volatile int dying_signal;
static volatile int n_committing;
static char interrupt_message[256];
static gsize interrupt_message_len;

typedef struct
{
  const char *path;       /* as the caller named it, for messages */
  char       *real_path;  /* symlinks followed */
  TmpSlot    *slot;
  int         fd;
  int         saved_errno;  /* the first write error */
  gboolean    existed;      /* a file to put back if a later rename fails */
} AtomicFile;

static void
set_io_error (GError     **error,
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
static TmpSlot *
tmp_slot_acquire (const char *dir)
{
  TmpSlot *slot = NULL;
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
tmp_slot_release (TmpSlot *slot)
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

static gboolean
atomic_open (AtomicFile  *file,
             const char  *path,
             GError     **error)
{
  g_autofree char *dir = NULL;
  GStatBuf st;
  gboolean exists;

  *file = (AtomicFile) { .path = path, .fd = -1 };
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
      set_io_error (error, path, errno);
      return FALSE;
    }
  /* 0666 through the umask: an exported figure is not private; a file
   * being replaced keeps its own mode (a 0600 file stays 0600) */
  file->fd = g_mkstemp_full (file->slot->path, O_WRONLY | O_CLOEXEC, 0666);
  if (file->fd < 0 || (exists && fchmod (file->fd, st.st_mode & 0777) != 0))
    {
      int saved_errno = errno;

      set_io_error (error, path, saved_errno);
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

static gboolean
atomic_write (AtomicFile   *file,
              const guchar *data,
              gsize         length)
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

static cairo_status_t
atomic_write_func (void                *closure,
                   const unsigned char *data,
                   unsigned int         length)
{
  return atomic_write (closure, data, length) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* Throws the temporary file away: the target stays as it was. */
static void
atomic_abort (AtomicFile *file)
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
static gboolean
atomic_finish (AtomicFile  *file,
               GError     **error)
{
  int saved_errno = file->saved_errno;
  gint64 t = timing_start ();

  if (saved_errno == 0 && fsync (file->fd) != 0 && errno != EINVAL)
    saved_errno = errno;
  timing_add (T_FSYNC, t);
  if (close (file->fd) != 0 && saved_errno == 0)
    saved_errno = errno;
  file->fd = -1;
  if (saved_errno != 0)
    {
      set_io_error (error, file->path, saved_errno);
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
roll_back (AtomicFile  *files,
           char       **backups,
           guint        n)
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
static gboolean
atomic_commit_all (AtomicFile  *files,
                   guint        n_files,
                   GError     **error)
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
          set_io_error (error, files[i].path, errno);
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

/* After cairo finished a surface: a write error names @file's path, anything
 * else is cairo's (naming the path when there is a @file). */
static gboolean
check_cairo (cairo_status_t   status,
             AtomicFile      *file,
             GError         **error)
{
  if (file && file->saved_errno != 0)
    {
      set_io_error (error, file->path, file->saved_errno);
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      if (file)
        g_set_error (error, ISC_EXPORT_ERROR, ISC_EXPORT_ERROR_CAIRO,
                     /* Translators: file name, then cairo's reason */
                     _("Cannot draw “%s”: %s"), file->path, cairo_status_to_string (status));
      else
        g_set_error (error, ISC_EXPORT_ERROR, ISC_EXPORT_ERROR_CAIRO,
                     /* Translators: cairo's reason */
                     _("Cannot draw the figure: %s"), cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

/* PNG ------------------------------------------------------------------- */

/* cairo_surface_write_to_png compresses at zlib's default level with
 * adaptive filters, which took most of a CLI export's time (~85 ms at
 * 1920 × 1080). A figure is flat colour: rows unfiltered at zlib's fastest
 * level make a file no larger than the SUB filter's, and the deflate, most
 * of the cost, runs in strips on the engine's threads: each strip is raw
 * deflate ended by a sync flush (a byte boundary), the last by the final
 * block, so their concatenation under one zlib header and the combined
 * Adler-32 is the one zlib stream a PNG holds, in one IDAT a strip. */
#define PNG_STRIP_ROWS  64   /* rows a strip: 17 strips at 1080 rows, enough to balance 2 cores */
#define PNG_BATCH_ROWS  8    /* rows converted at a time, so they are deflated from cache */

typedef struct
{
  const guchar *data;
  int           width;
  int           height;
  int           stride;
  int           channels;
  struct {
    guchar  *bytes;
    gsize    length;
    guint32  adler;
    gsize    raw_length;
    gboolean failed;
  } *strips;
  gboolean      translucent;  /* a strip met alpha < 1 while writing RGB: start again in RGBA */
} PngJob;

/* One row as PNG wants it: filter byte 0 (none), then RGB or RGBA. FALSE
 * when RGB was asked for and the row is not opaque. */
static gboolean
png_convert_row (const guint32 *pixels,
                 int            width,
                 gboolean       opaque,
                 guchar        *out)
{
  *out++ = 0;
  if (opaque)
    {
      guint32 all = 0xffffffff;

      /* the common case in its own loop, which the compiler vectorizes */
      for (int x = 0; x < width; x++)
        {
          all &= pixels[x];
          out[3 * x] = pixels[x] >> 16;
          out[3 * x + 1] = pixels[x] >> 8;
          out[3 * x + 2] = pixels[x];
        }
      return (all >> 24) == 0xff;
    }
  for (int x = 0; x < width; x++)
    {
      guint32 p = pixels[x];
      guint a = p >> 24;
      guint r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;

      if (!opaque)
        {
          /* cairo stores premultiplied alpha; PNG does not */
          if (a == 0)
            r = g = b = 0;
          else if (a < 0xff)
            {
              r = (r * 255 + a / 2) / a;
              g = (g * 255 + a / 2) / a;
              b = (b * 255 + a / 2) / a;
            }
        }
      *out++ = r;
      *out++ = g;
      *out++ = b;
      if (!opaque)
        *out++ = a;
    }
  return TRUE;
}

static void
png_deflate_strip (gsize    strip,
                   gpointer user_data)
{
  PngJob *job = user_data;
  gsize row_length = 1 + (gsize) job->width * job->channels;
  int y0 = strip * PNG_STRIP_ROWS;
  int y1 = MIN (job->height, y0 + PNG_STRIP_ROWS);
  gboolean last = y1 == job->height;
  g_autofree guchar *rows = g_malloc (row_length * PNG_BATCH_ROWS);
  z_stream z = { 0 };
  gsize capacity;
  guint32 adler = adler32 (0, NULL, 0);
  int ret;

  if (deflateInit2 (&z, 1, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    {
      job->strips[strip].failed = TRUE;
      return;
    }
  capacity = deflateBound (&z, row_length * (y1 - y0)) + 16;  /* + the sync flush's 5 bytes */
  job->strips[strip].bytes = g_malloc (capacity);
  z.next_out = job->strips[strip].bytes;
  z.avail_out = capacity;
  for (int y = y0; y < y1; y += PNG_BATCH_ROWS)
    {
      int n = MIN (PNG_BATCH_ROWS, y1 - y);
      gboolean end = y + n == y1;

      for (int i = 0; i < n; i++)
        if (!png_convert_row ((const guint32 *) (job->data + (gsize) (y + i) * job->stride),
                              job->width, job->channels == 3, rows + i * row_length))
          g_atomic_int_set (&job->translucent, TRUE);
      adler = adler32 (adler, rows, n * row_length);
      z.next_in = rows;
      z.avail_in = n * row_length;
      /* the bound holds the whole strip, so one call takes each batch */
      ret = deflate (&z, !end ? Z_NO_FLUSH : last ? Z_FINISH : Z_SYNC_FLUSH);
      if (z.avail_in != 0 || (end && last && ret != Z_STREAM_END) ||
          (end && !last && z.avail_out == 0))
        job->strips[strip].failed = TRUE;
    }
  job->strips[strip].length = capacity - z.avail_out;
  job->strips[strip].adler = adler;
  job->strips[strip].raw_length = row_length * (y1 - y0);
  deflateEnd (&z);
}

/* A chunk: length, type, data, CRC of type and data. @prefix and @suffix
 * (the zlib header, the Adler-32) go around @data inside the same chunk. */
static gboolean
png_write_chunk (cairo_write_func_t  write,
                 void               *closure,
                 const char         *type,
                 const guchar       *prefix,
                 gsize               prefix_length,
                 const guchar       *data,
                 gsize               length,
                 const guchar       *suffix,
                 gsize               suffix_length)
{
  guint32 n = GUINT32_TO_BE (prefix_length + length + suffix_length);
  guint32 crc = crc32 (0, (const guchar *) type, 4);
  const struct { const guchar *bytes; gsize length; } parts[] = {
    { (const guchar *) &n, 4 }, { (const guchar *) type, 4 },
    { prefix, prefix_length }, { data, length }, { suffix, suffix_length },
  };

  /* crc32 () of NULL is 0 whatever the length: only the parts there are */
  for (guint i = 2; i < G_N_ELEMENTS (parts); i++)
    if (parts[i].length > 0)
      crc = crc32 (crc, parts[i].bytes, parts[i].length);
  crc = GUINT32_TO_BE (crc);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i].length > 0 &&
        write (closure, parts[i].bytes, parts[i].length) != CAIRO_STATUS_SUCCESS)
      return FALSE;
  return write (closure, (const guchar *) &crc, 4) == CAIRO_STATUS_SUCCESS;
}

static cairo_status_t
png_write_stream (PngJob             *job,
                  gsize               n_strips,
                  cairo_write_func_t  write,
                  void               *closure)
{
  static const guchar signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  static const guchar zlib_header[2] = { 0x78, 0x01 };  /* 32 KiB window, fastest level */
  guchar ihdr[13] = { 0 };
  guint32 w = GUINT32_TO_BE (job->width), h = GUINT32_TO_BE (job->height);
  guint32 adler = job->strips[0].adler;
  guchar trailer[4];

  memcpy (ihdr, &w, 4);
  memcpy (ihdr + 4, &h, 4);
  ihdr[8] = 8;                              /* bits a channel */
  ihdr[9] = job->channels == 3 ? 2 : 6;     /* RGB, RGBA; compression, filter, interlace 0 */
  for (gsize i = 1; i < n_strips; i++)
    adler = adler32_combine (adler, job->strips[i].adler, job->strips[i].raw_length);
  adler = GUINT32_TO_BE (adler);
  memcpy (trailer, &adler, 4);

  if (write (closure, signature, sizeof signature) != CAIRO_STATUS_SUCCESS ||
      !png_write_chunk (write, closure, "IHDR", NULL, 0, ihdr, sizeof ihdr, NULL, 0))
    return CAIRO_STATUS_WRITE_ERROR;
  for (gsize i = 0; i < n_strips; i++)
    if (!png_write_chunk (write, closure, "IDAT",
                          zlib_header, i == 0 ? sizeof zlib_header : 0,
                          job->strips[i].bytes, job->strips[i].length,
                          trailer, i + 1 == n_strips ? sizeof trailer : 0))
      return CAIRO_STATUS_WRITE_ERROR;
  if (!png_write_chunk (write, closure, "IEND", NULL, 0, NULL, 0, NULL, 0))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t
write_png_fast (cairo_surface_t    *surface,
                cairo_write_func_t  write,
                void               *closure)
{
  PngJob job = {
    .data = cairo_image_surface_get_data (surface),
    .width = cairo_image_surface_get_width (surface),
    .height = cairo_image_surface_get_height (surface),
    .stride = cairo_image_surface_get_stride (surface),
  };
  gsize n_strips = (job.height + PNG_STRIP_ROWS - 1) / PNG_STRIP_ROWS;
  cairo_status_t status = CAIRO_STATUS_SUCCESS;

  /* a figure has a background: RGB, unless a pixel says otherwise */
  job.channels = 3;
  job.strips = g_malloc0_n (n_strips, sizeof *job.strips);
  isc_parallel_for (n_strips, png_deflate_strip, &job);
  if (g_atomic_int_get (&job.translucent))
    {
      for (gsize i = 0; i < n_strips; i++)
        g_free (job.strips[i].bytes);
      memset (job.strips, 0, n_strips * sizeof *job.strips);
      job.channels = 4;
      isc_parallel_for (n_strips, png_deflate_strip, &job);
    }
  for (gsize i = 0; i < n_strips; i++)
    if (job.strips[i].failed)
      status = CAIRO_STATUS_NO_MEMORY;
  if (status == CAIRO_STATUS_SUCCESS)
    status = png_write_stream (&job, n_strips, write, closure);
  for (gsize i = 0; i < n_strips; i++)
    g_free (job.strips[i].bytes);
  g_free (job.strips);
  return status;
}

/* Figures ---------------------------------------------------------------- */

/* Pango's font maps are one a thread: this one is thrown away, but what it
 * loads is fontconfig's, for the whole process (its configuration and font
 * caches, the family's match), and the font file is in the page cache. */
static gpointer
warm_fonts (gpointer data)
{
  PangoFontMap *map = pango_cairo_font_map_new ();
  PangoContext *context = pango_font_map_create_context (map);
  PangoFontDescription *font = pango_font_description_from_string ("Sans 12");
  PangoFont *loaded = pango_font_map_load_font (map, context, font);

  g_clear_object (&loaded);
  pango_font_description_free (font);
  g_object_unref (context);
  g_object_unref (map);
  return NULL;
}

static GThread *warm_thread;

void
isc_export_warm_up (void)
{
  static gsize started;

  if (g_once_init_enter (&started))
    {
      g_atomic_pointer_set (&warm_thread, g_thread_new ("isc-fonts", warm_fonts, NULL));
      g_once_init_leave (&started, 1);
    }
}

/* Before drawing: the warm-up done, not competing with the drawing. */
static void
warm_up_wait (void)
{
  GThread *thread = g_atomic_pointer_exchange (&warm_thread, NULL);

  if (thread != NULL)
    g_thread_join (thread);
}

static const cairo_user_data_key_t pixels_key;

typedef struct
{
  void  *start;
  gsize  size;
} Pixels;

static void
pixels_free (void *data)
{
  Pixels *pixels = data;

  munmap (pixels->start, pixels->size);
  g_free (pixels);
}

/* @size bytes of fresh (zeroed) memory at a multiple of @align, or NULL. */
static void *
map_aligned (gsize size,
             gsize align)
{
  guchar *start = mmap (NULL, size + align, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  gsize head;

  if (start == MAP_FAILED)
    return NULL;
  head = (align - (guintptr) start % align) % align;
  if (head > 0)
    munmap (start, head);
  munmap (start + head + size, align - head);
  return start + head;
}

/* An image surface whose pixels sit in transparent huge pages where the
 * kernel offers them: a fresh 1920 × 1080 surface otherwise takes ~2000
 * page faults as the background is painted (3.5 of a draw's ~15 ms). Fresh
 * pages are zero, as cairo's own surface is: a background of alpha 0 leaves
 * it transparent. */
static cairo_surface_t *
image_surface_new (int width,
                   int height)
{
#ifdef MADV_HUGEPAGE
  const gsize huge = 2 << 20;
  int stride = cairo_format_stride_for_width (CAIRO_FORMAT_ARGB32, width);
  gsize size = ((gsize) stride * height + huge - 1) / huge * huge;
  void *start = stride > 0 && size >= huge ? map_aligned (size, huge) : NULL;

  if (start != NULL)
    {
      Pixels *pixels = g_new (Pixels, 1);
      cairo_surface_t *surface;

      *pixels = (Pixels) { start, size };
      madvise (start, size, MADV_HUGEPAGE);  /* advice: without it, small pages */
      surface = cairo_image_surface_create_for_data (start, CAIRO_FORMAT_ARGB32,
                                                     width, height, stride);
      if (cairo_surface_set_user_data (surface, &pixels_key, pixels, pixels_free) ==
          CAIRO_STATUS_SUCCESS)
        return surface;
      cairo_surface_destroy (surface);
      pixels_free (pixels);
    }
#endif
  return cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
}

static cairo_surface_t *
draw_image (const IscResult      *result,
            const IscFigureStyle *style,
            int                   width,
            int                   height)
{
  cairo_surface_t *surface;
  cairo_t *cr;

  warm_up_wait ();
  surface = image_surface_new (width, height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    return surface;
  cr = cairo_create (surface);
  isc_figure_draw (cr, result, style, width, height);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static cairo_status_t
draw_vector (cairo_surface_t      *surface,
             const IscResult      *result,
             const IscFigureStyle *style,
             int                   width,
             int                   height)
{
  cairo_status_t status;
  cairo_t *cr;

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    return cairo_surface_status (surface);
  cr = cairo_create (surface);
  isc_figure_draw (cr, result, style, width, height);
  cairo_show_page (cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  return status;
}

static gboolean
write_figure (AtomicFile            *file,
              IscExportFormat        format,
              const IscResult       *result,
              const IscFigureStyle  *style,
              int                    width,
              int                    height,
              GError               **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  gint64 t;

  switch (format)
    {
    case ISC_EXPORT_PNG:
      t = timing_start ();
      surface = draw_image (result, style, width, height);
      timing_add (T_DRAW, t);
      status = cairo_surface_status (surface);
      t = timing_start ();
      if (status == CAIRO_STATUS_SUCCESS)
        status = write_png_fast (surface, atomic_write_func, file);
      timing_add (T_PNG, t);
      cairo_surface_destroy (surface);
      break;

    case ISC_EXPORT_SVG:
      /* sizes in points, one per pixel asked for */
      surface = cairo_svg_surface_create_for_stream (atomic_write_func, file, width, height);
      status = draw_vector (surface, result, style, width, height);
      cairo_surface_destroy (surface);
      break;

    case ISC_EXPORT_PDF:
      surface = cairo_pdf_surface_create_for_stream (atomic_write_func, file, width, height);
      if (cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS)
        {
          cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Initscope");
          if (result)
            {
              g_autofree char *title = isc_config_describe (isc_result_get_config (result));

              cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
            }
        }
      status = draw_vector (surface, result, style, width, height);
      cairo_surface_destroy (surface);
      break;

    case ISC_EXPORT_CSV:
    default:
      g_return_val_if_reached (FALSE);
    }

  return check_cairo (status, file, error);
}

static gboolean
write_csv (AtomicFile       *file,
           const IscResult  *result,
           const IscResult  *reference,
           GError          **error)
{
  g_autofree char *text = isc_export_compare_to_string (result, reference);

  if (!atomic_write (file, (const guchar *) text, strlen (text)))
    {
      set_io_error (error, file->path, file->saved_errno);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_output (AtomicFile            *file,
              IscExportFormat        format,
              const IscResult       *result,
              const IscFigureStyle  *style,
              int                    width,
              int                    height,
              GError               **error)
{
  gboolean ok;

  if (format == ISC_EXPORT_CSV)
    ok = write_csv (file, result, style != NULL ? style->reference : NULL, error);
  else
    ok = write_figure (file, format, result, style, width, height, error);
  return ok && atomic_finish (file, error);
}

gboolean
isc_export_files (const IscResult       *result,
                  const IscFigureStyle  *style,
                  const char            *figure_path,
                  const char            *stats_path,
                  int                    width,
                  int                    height,
                  GError               **error)
{
  const char *paths[2];
  IscExportFormat kinds[2];
  AtomicFile files[2];
  guint n = 0;
  gboolean ok;
  gint64 t;

  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (figure_path != NULL || stats_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* the quick CSV first: its temporary file is complete while the figure is drawn */
  if (stats_path != NULL)
    {
      kinds[n] = ISC_EXPORT_CSV;
      paths[n++] = stats_path;
    }
  if (figure_path != NULL)
    {
      if (!isc_export_format_from_path (figure_path, &kinds[n], error) ||
          (kinds[n] != ISC_EXPORT_CSV && !check_size (figure_path, width, height, error)))
        return FALSE;
      paths[n++] = figure_path;
    }
  if (n == 2 && isc_export_same_file (paths[0], paths[1]))
    {
      g_set_error (error, ISC_EXPORT_ERROR, ISC_EXPORT_ERROR_SAME_FILE,
                   /* Translators: two file names */
                   _("Cannot export “%s” and “%s”: they are the same file"), paths[0], paths[1]);
      return FALSE;
    }

  /* every file complete and on disk before any target changes */
  for (guint i = 0; i < n; i++)
    {
      if (!atomic_open (&files[i], paths[i], error) ||
          !write_output (&files[i], kinds[i], result, style, width, height, error))
        {
          for (guint j = 0; j <= i; j++)
            atomic_abort (&files[j]);
          return FALSE;
        }
    }
  t = timing_start ();
  ok = atomic_commit_all (files, n, error);
  timing_add (T_RENAME, t);
  if (ok)
    print_timings (result);
  return ok;
}

gboolean
isc_export_to_file (const IscResult       *result,
                    const IscFigureStyle  *style,
                    const char            *path,
                    int                    width,
                    int                    height,
                    GError               **error)
{
  g_return_val_if_fail (path != NULL, FALSE);

  return isc_export_files (result, style, path, NULL, width, height, error);
}

gboolean
isc_export_stats_csv (const IscResult  *result,
                      const char       *path,
                      GError          **error)
{
  g_return_val_if_fail (path != NULL, FALSE);

  return isc_export_files (result, NULL, NULL, path, 0, 0, error);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
isc_export_png_bytes (const IscResult       *result,
                      const IscFigureStyle  *style,
                      int                    width,
                      int                    height,
                      GError               **error)
{
  g_autoptr(GByteArray) bytes = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_size (NULL, width, height, error))
    return NULL;

  bytes = g_byte_array_new ();
  surface = draw_image (result, style, width, height);
  status = cairo_surface_status (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = write_png_fast (surface, append_bytes, bytes);
  cairo_surface_destroy (surface);
  if (!check_cairo (status, NULL, error))
    return NULL;

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}
