/* isc-blas.c
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "isc-blas"

#include "config.h"

#include <cblas.h>

#include "isc-blas.h"

/* A better core type than the generic fallback OpenBLAS chose, or NULL. */
static const char *
better_coretype (void)
{
#if defined(__x86_64__) && defined(__GNUC__)
  const char *core = openblas_get_corename ();

  if (core == NULL)
    return NULL;

  /* Only the generic fallbacks are second-guessed. */
  if (g_ascii_strcasecmp (core, "prescott") != 0 &&
      g_ascii_strcasecmp (core, "core2") != 0 &&
      g_ascii_strcasecmp (core, "nehalem") != 0 &&
      g_ascii_strcasecmp (core, "sandybridge") != 0)
    return NULL;

  __builtin_cpu_init ();
  if (__builtin_cpu_supports ("avx512f") && __builtin_cpu_supports ("avx512bw") &&
      __builtin_cpu_supports ("avx512dq") && __builtin_cpu_supports ("avx512vl"))
    return "SkylakeX";
  if (__builtin_cpu_supports ("avx2") && __builtin_cpu_supports ("fma"))
    return "Haswell";
#endif
  return NULL;
}

gboolean
isc_blas_tune_environment (void)
{
  const char *marker = "INITSCOPE_BLAS_TUNED";
  gboolean changed = FALSE;
  const char *core;

  /* once: a started-again process must not loop */
  if (g_getenv (marker) != NULL)
    return FALSE;
  g_setenv (marker, "1", TRUE);

  if (g_getenv ("OPENBLAS_CORETYPE") == NULL && (core = better_coretype ()) != NULL)
    {
      g_setenv ("OPENBLAS_CORETYPE", core, TRUE);
      changed = TRUE;
    }
  /* 2^8 cycles: idle threads sleep at once; waking them costs microseconds */
  if (g_getenv ("OPENBLAS_THREAD_TIMEOUT") == NULL && openblas_get_parallel () != 0)
    {
      g_setenv ("OPENBLAS_THREAD_TIMEOUT", "8", TRUE);
      changed = TRUE;
    }

  return changed;
}
