/* isc-atomic-file.h — files replaced atomically (private to src/figure)
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

/* A temporary file's path, in a preallocated slot a signal handler can unlink. */
typedef struct _IscTmpSlot IscTmpSlot;

/* A file being written: a temporary file beside the real target, renamed
 * over it once complete (isc-atomic-file.c). */
typedef struct
{
  const char *path;         /* as the caller named it, for messages */
  char       *real_path;    /* symlinks followed */
  IscTmpSlot *slot;
  int         fd;
  int         saved_errno;  /* the first write error */
  gboolean    existed;      /* a file to put back if a later rename fails */
} IscAtomicFile;

void           isc_atomic_set_io_error (GError              **error,
                                        const char           *path,
                                        int                   saved_errno);
gboolean       isc_atomic_open         (IscAtomicFile        *file,
                                        const char           *path,
                                        GError              **error);
gboolean       isc_atomic_write        (IscAtomicFile        *file,
                                        const guchar         *data,
                                        gsize                 length);
/* a cairo_write_func_t whose closure is an IscAtomicFile */
cairo_status_t isc_atomic_write_func   (void                 *closure,
                                        const unsigned char  *data,
                                        unsigned int          length);
void           isc_atomic_abort        (IscAtomicFile        *file);
gboolean       isc_atomic_finish       (IscAtomicFile        *file,
                                        GError              **error);
gboolean       isc_atomic_commit_all   (IscAtomicFile        *files,
                                        guint                 n_files,
                                        GError              **error);

G_END_DECLS
