/* test-philox-env.c — INITSCOPE_PHILOX picks the kernel AUTO means
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench/run's AVX2 emulation sets INITSCOPE_PHILOX=avx2 on an AVX-512
 * machine. The variable is read once a process, so each case runs in a
 * child of its own with the variable set there: a kernel's name makes it the
 * current one (and what AUTO returns to after isc_philox_select), a name that
 * is no kernel, or a kernel this CPU cannot run, leaves the fastest one with
 * one warning naming the value.
 */

#include "config.h"

#include "isc-philox.h"

static IscPhiloxKernel
fastest (void)
{
  IscPhiloxKernel best = ISC_PHILOX_SCALAR;

  for (int kernel = 0; kernel < ISC_PHILOX_N_KERNELS; kernel++)
    if (isc_philox_supported (kernel))
      best = kernel;
  return best;
}

/* In the child: the variable set to @value, what AUTO means is @expected. */
static void
child_check (const char      *value,
             IscPhiloxKernel  expected)
{
  IscPhiloxKernel other;

  /* the warning of a bad value is expected: not fatal here, the parent reads it */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_assert_true (g_setenv ("INITSCOPE_PHILOX", value, TRUE));
  g_assert_cmpint (isc_philox_current (), ==, expected);
  g_assert_cmpstr (isc_philox_name (ISC_PHILOX_AUTO), ==, isc_philox_name (expected));
  /* read once: a later change of the variable changes nothing */
  g_assert_true (g_setenv ("INITSCOPE_PHILOX", "scalar", TRUE));
  g_assert_cmpint (isc_philox_current (), ==, expected);
  /* a test's choice wins, and AUTO goes back to the variable's */
  other = expected == ISC_PHILOX_SCALAR ? fastest () : ISC_PHILOX_SCALAR;
  g_assert_true (isc_philox_select (other));
  g_assert_cmpint (isc_philox_current (), ==, other);
  g_assert_true (isc_philox_select (ISC_PHILOX_AUTO));
  g_assert_cmpint (isc_philox_current (), ==, expected);
}

static void
test_kernel_named (gconstpointer data)
{
  IscPhiloxKernel kernel = GPOINTER_TO_INT (data);
  g_autofree char *path = NULL;

  if (g_test_subprocess ())
    {
      child_check (isc_philox_name (kernel), kernel);
      return;
    }
  path = g_strdup_printf ("/engine/philox-env/kernel/%s", isc_philox_name (kernel));
  g_test_trap_subprocess (path, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr_unmatched ("*INITSCOPE_PHILOX*");
}

/* A value AUTO cannot mean: the fastest kernel, and one warning naming it. */
static void
check_ignored (const char *test_path,
               const char *value)
{
  g_autofree char *once = g_strdup_printf ("*INITSCOPE_PHILOX=%s*", value);
  g_autofree char *twice = g_strdup_printf ("*INITSCOPE_PHILOX=%s*INITSCOPE_PHILOX=%s*",
                                            value, value);

  g_test_trap_subprocess (test_path, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr (once);
  g_test_trap_assert_stderr_unmatched (twice);
}

static const char *const bad_values[] = { "avx3", "", "AVX2", "avx2 " };

static void
test_bad_value (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  g_autofree char *path = g_strdup_printf ("/engine/philox-env/bad/%u", i);

  if (g_test_subprocess ())
    {
      child_check (bad_values[i], fastest ());
      return;
    }
  check_ignored (path, bad_values[i]);
}

/* Only where the CPU lacks a kernel this build has (an AVX2 machine's avx512). */
static void
test_unsupported (gconstpointer data)
{
  IscPhiloxKernel kernel = GPOINTER_TO_INT (data);
  g_autofree char *path = g_strdup_printf ("/engine/philox-env/unsupported/%s",
                                           isc_philox_name (kernel));

  if (g_test_subprocess ())
    {
      child_check (isc_philox_name (kernel), fastest ());
      return;
    }
  check_ignored (path, isc_philox_name (kernel));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* the parent's own choice must not come from the environment it runs in */
  g_unsetenv ("INITSCOPE_PHILOX");
  for (int kernel = 0; kernel < ISC_PHILOX_N_KERNELS; kernel++)
    {
      g_autofree char *path = NULL;

      if (isc_philox_supported (kernel))
        {
          path = g_strdup_printf ("/engine/philox-env/kernel/%s", isc_philox_name (kernel));
          g_test_add_data_func (path, GINT_TO_POINTER (kernel), test_kernel_named);
        }
      else if (isc_philox_name (kernel) != NULL)
        {
          path = g_strdup_printf ("/engine/philox-env/unsupported/%s", isc_philox_name (kernel));
          g_test_add_data_func (path, GINT_TO_POINTER (kernel), test_unsupported);
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_values); i++)
    {
      g_autofree char *path = g_strdup_printf ("/engine/philox-env/bad/%u", i);

      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_bad_value);
    }
  return g_test_run ();
}
