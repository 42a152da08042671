/* isc-test-util.h — small helpers the test programs share
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "isc-network.h"

/* The entries of @dir, which must exist. */
static inline guint
isc_test_count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (d);
  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

/* The whole of @path; fails the test if it cannot be read. Steals the buffer
 * rather than returning it directly: GCC 12's -Wdangling-pointer warns
 * (falsely) about the latter in release builds. */
static inline char *
isc_test_read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&contents);
}

/* @data is a PNG of @width × @height: the signature, then IHDR's size. */
static inline void
isc_test_assert_png_size (const void *data,
                          gsize       size,
                          guint       width,
                          guint       height)
{
  static const guchar magic[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  const guchar *bytes = data;

  g_assert_cmpuint (size, >, 24);
  g_assert_cmpmem (bytes, sizeof magic, magic, sizeof magic);
  /* IHDR: width and height, big-endian */
  g_assert_cmpuint (GUINT32_FROM_BE (*(const guint32 *) (bytes + 16)), ==, width);
  g_assert_cmpuint (GUINT32_FROM_BE (*(const guint32 *) (bytes + 20)), ==, height);
}

/* The default config with these fields set. */
static inline IscConfig
isc_test_config (IscInit       init,
                 IscActivation activation,
                 guint         depth,
                 guint         width,
                 guint         batch,
                 double        scale,
                 guint64       seed)
{
  IscConfig config;

  isc_config_init_default (&config);
  config.init = init;
  config.activation = activation;
  config.depth = depth;
  config.width = width;
  config.batch = batch;
  config.scale = scale;
  config.seed = seed;
  return config;
}

/* One unthreaded run of @config through @cache; fails the test on an error. */
static inline IscResult *
isc_test_run_network (const IscConfig *config,
                      IscCache        *cache)
{
  g_autoptr(GError) error = NULL;
  IscResult *result = isc_network_run (config, cache, 0, 0, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}
