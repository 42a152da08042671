/* test-cli.c — `initscope --export …`: files, exit statuses, one-line errors
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "isc-test-util.h"

static char *tmpdir;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

/* Runs initscope with @args (NULL-terminated), no display, in C locale. */
static Run
run_cli_argv (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  Run run = { 0 };

  g_ptr_array_add (argv, (gpointer) g_getenv ("INITSCOPE"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* headless means headless: no display at all */
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "C", TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &run.out, &run.err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  run.status = g_subprocess_get_exit_status (proc);
  return run;
}

/* @first and the arguments after it up to NULL, as a NULL-terminated array
 * (however many there are). */
static GPtrArray *
args_from_va (const char *first,
              va_list     ap)
{
  GPtrArray *args = g_ptr_array_new ();

  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) a);
  g_ptr_array_add (args, NULL);
  return args;
}

/* run_cli_argv() with the arguments given inline, NULL-terminated. */
G_GNUC_NULL_TERMINATED static Run
run_cli (const char *first,
         ...)
{
  g_autoptr(GPtrArray) args = NULL;
  va_list ap;

  va_start (ap, first);
  args = args_from_va (first, ap);
  va_end (ap);
  return run_cli_argv ((const char * const *) args->pdata);
}

static char *
path_in_tmp (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

/* The lines of the file at @path, without the blank ends; fails the test
 * if it cannot be read. */
static GStrv
read_lines (const char *path)
{
  g_autofree char *contents = isc_test_read_file (path);

  return g_strsplit (g_strstrip (contents), "\n", -1);
}

static void
empty_tmpdir (void)
{
  g_autoptr(GDir) d = g_dir_open (tmpdir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *p = path_in_tmp (name);

      if (g_file_test (p, G_FILE_TEST_IS_DIR))
        g_rmdir (p);
      else
        g_unlink (p);
    }
}

static void
test_export_png_and_stats (void)
{
  g_autofree char *png = path_in_tmp ("fig.png");
  g_autofree char *csv = path_in_tmp ("fig.csv");
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  gsize len;
  Run run;

  empty_tmpdir ();
  run = run_cli ("--export", png, "--stats", csv, "--depth", "4", "--width", "64",
                 "--batch", "32", "--init", "xavier", "--size", "800x600", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  run_clear (&run);

  g_assert_true (g_file_get_contents (png, &contents, &len, NULL));
  isc_test_assert_png_size (contents, len, 800, 600);

  lines = read_lines (csv);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_cmpstr (lines[0], ==, "layer,mean,std,min,max,saturated,zero,nonfinite");
  g_assert_true (g_str_has_prefix (lines[1], "1,"));
  g_assert_true (g_str_has_prefix (lines[4], "4,"));
  /* exactly the two files, nothing temporary left over */
  g_assert_cmpuint (isc_test_count_files (tmpdir), ==, 2);
}

static void
test_formats_by_extension (void)
{
  const char *names[] = { "f.svg", "f.pdf", "f.csv", "F.PNG" };
  const char *magic[] = { "<?xml", "%PDF-", "layer,mean", "\x89PNG" };

  empty_tmpdir ();
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = path_in_tmp (names[i]);
      g_autofree char *contents = NULL;
      Run run = run_cli ("--export", path, "--depth", "2", "--width", "16", "--batch", "8", NULL);

      g_assert_cmpint (run.status, ==, 0);
      run_clear (&run);
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_assert_true (g_str_has_prefix (contents, magic[i]));
    }
}

static void
test_preset_and_override (void)
{
  g_autofree char *csv = path_in_tmp ("p.csv");
  g_auto(GStrv) lines = NULL;
  Run run;

  empty_tmpdir ();
  run = run_cli ("--preset", "cs231n-2019", "--width", "64", "--export", csv, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  lines = read_lines (csv);
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 6);  /* the preset's depth */

  g_clear_pointer (&lines, g_strfreev);
  run = run_cli ("--preset", "cs231n-2019", "--depth", "3", "--width", "64", "--export", csv, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  lines = read_lines (csv);
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 3);  /* the explicit flag wins */
}

static void
test_exploding_net_is_data (void)
{
  g_autofree char *csv = path_in_tmp ("boom.csv");
  g_autofree char *png = path_in_tmp ("boom.png");
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) cells = NULL;
  Run run;

  empty_tmpdir ();
  run = run_cli ("--init", "gaussian", "--scale", "100", "--activation", "linear",
                 "--depth", "20", "--width", "512", "--batch", "8",
                 "--export", png, "--stats", csv, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "non-finite"));  /* a warning, not a failure */
  run_clear (&run);
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
  lines = read_lines (csv);
  cells = g_strsplit (lines[20], ",", -1);
  g_assert_cmpuint (g_strv_length (cells), ==, 8);
  g_assert_cmpuint (g_ascii_strtoull (cells[7], NULL, 10), >, 0);
}

/* Each bad input: the exit status, one line on stderr naming the culprit,
 * and no file written. */
G_GNUC_NULL_TERMINATED static void
check_bad (int         status,
           const char *culprit,
           const char *first,
           ...)
{
  g_autoptr(GPtrArray) args = NULL;
  va_list ap;
  Run run;

  va_start (ap, first);
  args = args_from_va (first, ap);
  va_end (ap);

  empty_tmpdir ();
  run = run_cli_argv ((const char * const *) args->pdata);
  if (run.status != status || strstr (run.err, culprit) == NULL)
    g_test_message ("stderr: %s", run.err);
  g_assert_cmpint (run.status, ==, status);
  g_assert_nonnull (strstr (run.err, culprit));
  /* one line */
  g_assert_true (g_str_has_suffix (run.err, "\n"));
  g_assert_true (strchr (run.err, '\n') == run.err + strlen (run.err) - 1);
  g_assert_cmpuint (isc_test_count_files (tmpdir), ==, 0);
  run_clear (&run);
}

static void
test_bad_usage (void)
{
  g_autofree char *png = path_in_tmp ("bad.png");
  g_autofree char *bmp = path_in_tmp ("bad.bmp");

  check_bad (2, "--init", "--init", "he", "--export", png, NULL);
  check_bad (2, "--activation", "--activation", "softmax", "--export", png, NULL);
  check_bad (2, "--preset", "--preset", "cs231n-2017", "--export", png, NULL);
  check_bad (2, "--depth", "--depth", "0", "--export", png, NULL);
  check_bad (2, "--depth", "--depth", "51", "--export", png, NULL);
  check_bad (2, "--depth", "--depth", "ten", "--export", png, NULL);
  check_bad (2, "--depth", "--depth", "3.5", "--export", png, NULL);
  check_bad (2, "--width", "--width", "8193", "--export", png, NULL);
  check_bad (2, "--batch", "--batch", "-4", "--export", png, NULL);
  check_bad (2, "--scale", "--scale", "-0.1", "--export", png, NULL);
  check_bad (2, "--scale", "--scale", "nan", "--export", png, NULL);
  check_bad (2, "--scale", "--scale", "1e999", "--export", png, NULL);
  check_bad (2, "--seed", "--seed", "18446744073709551616", "--export", png, NULL);
  check_bad (2, "--bins", "--bins", "1", "--export", png, NULL);
  check_bad (2, "--size", "--size", "50x50", "--export", png, NULL);
  check_bad (2, "--size", "--size", "wide", "--export", png, NULL);
  check_bad (2, "bad.bmp", "--export", bmp, NULL);
  check_bad (2, "--nope", "--nope", "--export", png, NULL);
  check_bad (2, "stray", "stray", "--export", png, NULL);
  /* a missing value */
  check_bad (2, "--depth", "--export", png, "--depth", NULL);
}

static void
test_bad_paths (void)
{
  g_autofree char *file = path_in_tmp ("plain-file");
  g_autofree char *under_file = g_build_filename (file, "x.png", NULL);
  g_autofree char *missing_dir = path_in_tmp ("no/such/dir/x.png");
  g_autofree char *csv_missing = path_in_tmp ("no/such/dir/x.csv");
  g_autofree char *png = path_in_tmp ("ok.png");
  Run run;

  check_bad (1, "no/such/dir", "--export", missing_dir, "--depth", "2", NULL);
  check_bad (1, "no/such/dir", "--export", png, "--stats", csv_missing, "--depth", "2", NULL);

  /* a folder that is a file: not even root can write there */
  g_assert_true (g_file_set_contents (file, "x", 1, NULL));
  run = run_cli ("--export", under_file, "--depth", "2", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "plain-file"));
  run_clear (&run);
  g_assert_cmpuint (isc_test_count_files (tmpdir), ==, 1);
}

static void
test_failure_keeps_previous_file (void)
{
  g_autofree char *png = path_in_tmp ("keep.png");
  g_autofree char *contents = NULL;
  Run run;

  empty_tmpdir ();
  g_assert_true (g_file_set_contents (png, "previous", -1, NULL));
  run = run_cli ("--export", png, "--depth", "99", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);
  g_assert_true (g_file_get_contents (png, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "previous");
}

static void
test_help (void)
{
  const char *flags[] = { "--export", "--stats", "--preset", "--init", "--scale", "--activation",
                          "--depth", "--width", "--batch", "--seed", "--bins", "--size",
                          "cs231n-2016", "cs231n-2019", "default: 0.01", "default: 1920x1080" };
  Run run = run_cli ("--help", NULL);

  g_assert_cmpint (run.status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    g_assert_nonnull (strstr (run.out, flags[i]));
  run_clear (&run);

  run = run_cli ("--version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "initscope "));
  run_clear (&run);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (g_getenv ("INITSCOPE"));
  tmpdir = g_dir_make_tmp ("initscope-cli-XXXXXX", NULL);

  g_test_add_func ("/cli/export/png-and-stats", test_export_png_and_stats);
  g_test_add_func ("/cli/export/formats", test_formats_by_extension);
  g_test_add_func ("/cli/export/preset", test_preset_and_override);
  g_test_add_func ("/cli/export/exploding", test_exploding_net_is_data);
  g_test_add_func ("/cli/errors/usage", test_bad_usage);
  g_test_add_func ("/cli/errors/paths", test_bad_paths);
  g_test_add_func ("/cli/errors/keeps-previous", test_failure_keeps_previous_file);
  g_test_add_func ("/cli/help", test_help);

  status = g_test_run ();
  empty_tmpdir ();
  g_rmdir (tmpdir);
  g_free (tmpdir);
  return status;
}
