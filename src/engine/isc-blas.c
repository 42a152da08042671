/* isc-blas.c
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "isc-blas"

#include "config.h"

#include <cblas.h>

#include "isc-blas.h"

const char *
isc_blas_better_coretype (void)
{
#if defined(__x86_64__) && defined(__GNUC__)
  const char *core = openblas_get_corename ();

  if (g_getenv ("OPENBLAS_CORETYPE") != NULL || core == NULL)
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
