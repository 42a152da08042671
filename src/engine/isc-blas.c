/* isc-blas.c
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "isc-blas"

#include "config.h"

#include <dlfcn.h>

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

/* OpenBLAS picks its kernels when it is loaded, from OPENBLAS_CORETYPE or
 * its own CPU detection. A DYNAMIC_ARCH build (Debian's) exports the two
 * functions that do it, with no header: choose again with the better core
 * type in the environment just for that call. Other builds lack them and
 * keep their kernels. Only before main(): setenv is not thread-safe. */
static void
upgrade_kernels (void)
{
  void (*dynamic_quit) (void) = (void (*) (void)) dlsym (RTLD_DEFAULT, "gotoblas_dynamic_quit");
  void (*dynamic_init) (void) = (void (*) (void)) dlsym (RTLD_DEFAULT, "gotoblas_dynamic_init");
  const char *core;

  if (dynamic_quit == NULL || dynamic_init == NULL ||
      g_getenv ("OPENBLAS_CORETYPE") != NULL || (core = better_coretype ()) == NULL)
    return;

  g_setenv ("OPENBLAS_CORETYPE", core, TRUE);
  dynamic_quit ();
  dynamic_init ();
  g_unsetenv ("OPENBLAS_CORETYPE");
}

static void
setup_blas (void)
{
  int (*thread_shutdown) (void) = (int (*) (void)) dlsym (RTLD_DEFAULT, "blas_thread_shutdown_");

  openblas_set_num_threads (1);
  /* Its workers, started when it loaded, would spin (sched_yield) for ~2^28
   * cycles before sleeping. They start again if a caller asks for more
   * threads (bench-warm's reference products do). */
  if (thread_shutdown != NULL)
    thread_shutdown ();
}

#if defined(__GNUC__)
/* After OpenBLAS's own constructor (a shared library's runs first), before
 * main() and any other thread of ours. */
__attribute__ ((constructor)) static void
isc_blas_constructor (void)
{
  upgrade_kernels ();
  isc_blas_init ();
}
#endif

void
isc_blas_init (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      setup_blas ();
      g_once_init_leave (&done, 1);
    }
  else if (openblas_get_num_threads () != 1)
    {
      /* someone asked for more threads since: the numbers would follow */
      openblas_set_num_threads (1);
    }
}
