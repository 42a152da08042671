/* test-cli.c — `initscope --export …`: files, exit statuses, one-line errors
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "isc-config-fields.h"
#include "isc-presets.h"
#include "isc-test-util.h"

static char *tmpdir;
/* LC_ALL for the runs, when not NULL (else the suite's C.UTF-8) */
static const char *run_locale;

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
  if (run_locale != NULL)
    g_subprocess_launcher_setenv (launcher, "LC_ALL", run_locale, TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  /* bytes, not UTF-8: under LC_ALL=C the output must be ASCII, checked by the tests */
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

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
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
empty_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *p = g_build_filename (dir, name, NULL);

      if (g_file_test (p, G_FILE_TEST_IS_DIR) && !g_file_test (p, G_FILE_TEST_IS_SYMLINK))
        {
          empty_dir (p);
          g_rmdir (p);
        }
      else
        g_unlink (p);
    }
}

static void
empty_tmpdir (void)
{
  empty_dir (tmpdir);
}

/* The names in @dir (hidden ones too), sorted, space-separated: what a run left. */
static char *
listing (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, (gpointer) name);
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
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
  g_assert_cmpstr (lines[0], ==, "layer,mean,std,min,max,saturated,zero,nonfinite,"
                                 "grad_mean,grad_std,wgrad_mean,wgrad_std,distinct,"
                                 "theory_std,theory_grad_std");
  /* no backward pass: its four fields empty; the distinct units counted; the
   * theory's activation std there, its gradient std not (no gradients ran) */
  {
    g_auto(GStrv) f = g_strsplit (lines[1], ",", -1);

    g_assert_cmpuint (g_strv_length (f), ==, 15);
    for (guint i = 8; i < 12; i++)
      g_assert_cmpstr (f[i], ==, "");
    g_assert_cmpstr (f[12], ==, "64");
    g_assert_cmpstr (f[13], !=, "");
    g_assert_cmpstr (f[14], ==, "");
  }
  g_assert_true (g_str_has_prefix (lines[1], "1,"));
  g_assert_true (g_str_has_prefix (lines[4], "4,"));
  /* exactly the two files, nothing temporary left over */
  g_assert_cmpuint (isc_test_count_files (tmpdir), ==, 2);
}

/* --gradients fills the gradient columns; a gradient --view implies it; a
 * view that does not exist is a usage error naming --view. */
static void
test_gradients (void)
{
  const char *flags[][2] = { { "--gradients", NULL }, { "--view", "weight-gradients" } };
  g_autofree char *csv = path_in_tmp ("grad.csv");

  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    {
      g_auto(GStrv) lines = NULL;
      g_auto(GStrv) fields = NULL;
      Run run;

      empty_tmpdir ();
      run = run_cli ("--export", csv, "--depth", "3", "--width", "16", "--batch", "8",
                     "--init", "xavier", flags[i][0], flags[i][1], NULL);
      g_assert_cmpint (run.status, ==, 0);
      run_clear (&run);
      lines = read_lines (csv);
      g_assert_cmpuint (g_strv_length (lines), ==, 4);
      fields = g_strsplit (lines[3], ",", -1);
      g_assert_cmpuint (g_strv_length (fields), ==, 15);
      /* the top layer's δ is the read-out g: unit std, roughly; its prediction
       * is 1 exactly (δ_L = g) */
      g_assert_cmpfloat (g_ascii_strtod (fields[14], NULL), ==, 1.0);
      g_assert_cmpfloat (g_ascii_strtod (fields[9], NULL), >, 0.5);
      g_assert_cmpfloat (g_ascii_strtod (fields[11], NULL), >, 0.0);
      g_assert_cmpstr (fields[12], ==, "16");
    }

  {
    Run run = run_cli ("--export", csv, "--view", "sideways", NULL);

    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "--view"));
    run_clear (&run);
  }
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
  /* 8, then the gradients, distinct and the theory */
  g_assert_cmpuint (g_strv_length (cells), ==, 15);
  /* every value of the last layer overflowed: no mean, std, min or max exists, and
   * they are empty, not 0; nonfinite stays a count (batch × width) */
  g_assert_cmpuint (g_ascii_strtoull (cells[7], NULL, 10), ==, 512 * 8);
  for (guint c = 1; c <= 4; c++)
    g_assert_cmpstr (cells[c], ==, "");
  g_assert_cmpstr (cells[5], !=, "");
  g_assert_cmpstr (cells[6], !=, "");
  /* the first layer is finite: its statistics are there */
  g_clear_pointer (&cells, g_strfreev);
  cells = g_strsplit (lines[1], ",", -1);
  g_assert_cmpstr (cells[7], ==, "0");
  for (guint c = 1; c <= 4; c++)
    g_assert_cmpstr (cells[c], !=, "");
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
  /* one rule for every number: decimal, nothing around it */
  check_bad (2, "--scale", "--scale", "0x10", "--export", png, NULL);
  check_bad (2, "--seed", "--seed", "0x10", "--export", png, NULL);
  check_bad (2, "--scale", "--scale", "inf", "--export", png, NULL);
  check_bad (2, "--scale", "--scale", " 1", "--export", png, NULL);
  check_bad (2, "--scale", "--scale", "1 ", "--export", png, NULL);
  check_bad (2, "--depth", "--depth", " 3", "--export", png, NULL);
  check_bad (2, "--depth", "--depth", "+3", "--export", png, NULL);
  check_bad (2, "--bins", "--bins", "", "--export", png, NULL);
  check_bad (2, "--size", "--size", "0x100x100", "--export", png, NULL);
  check_bad (2, "--size", "--size", " 200x150", "--export", png, NULL);
  /* out of range: the message gives the range */
  check_bad (2, "from 1 to 50", "--depth", "51", "--export", png, NULL);
  check_bad (2, "from 0 to 100", "--scale", "100.5", "--export", png, NULL);
  /* underflow has its own message */
  check_bad (2, "--scale: 1e-400 is too small to represent", "--scale", "1e-400",
             "--export", png, NULL);
  check_bad (2, "too small", "--scale", "4.9e-324", "--export", png, NULL);
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

/* The one line of a failed run: @status, ending in the only newline, containing each
 * of the NULL-terminated strings after @run. */
G_GNUC_NULL_TERMINATED static void
assert_one_line (Run        *run,
                 int         status,
                 const char *first,
                 ...)
{
  va_list ap;

  if (run->status != status)
    g_test_message ("stderr: %s", run->err);
  g_assert_cmpint (run->status, ==, status);
  g_assert_true (g_str_has_suffix (run->err, "\n"));
  g_assert_true (strchr (run->err, '\n') == run->err + strlen (run->err) - 1);
  va_start (ap, first);
  for (const char *s = first; s != NULL; s = va_arg (ap, const char *))
    {
      if (strstr (run->err, s) == NULL)
        g_test_message ("stderr lacks “%s”: %s", s, run->err);
      g_assert_nonnull (strstr (run->err, s));
    }
  va_end (ap);
}

static void
test_same_file (void)
{
  g_autofree char *png = path_in_tmp ("F.png");
  g_autofree char *dot = g_build_filename (tmpdir, ".", "F.png", NULL);
  g_autofree char *sym = path_in_tmp ("sym.csv");
  g_autofree char *hard = path_in_tmp ("hard.csv");
  g_autofree char *left = NULL;
  g_autofree char *contents = NULL;
  const char *others[] = { png, dot, sym, hard };
  Run run;

  empty_tmpdir ();
  g_assert_true (g_file_set_contents (png, "previous", -1, NULL));
  g_assert_cmpint (symlink ("F.png", sym), ==, 0);
  g_assert_cmpint (link (png, hard), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      run = run_cli ("--export", png, "--stats", others[i], "--depth", "2", "--width", "8",
                     "--batch", "8", NULL);
      assert_one_line (&run, 2, "--export", "--stats", "same file", NULL);
      run_clear (&run);
      g_clear_pointer (&left, g_free);
      left = listing (tmpdir);
      g_assert_cmpstr (left, ==, "F.png hard.csv sym.csv");
      g_clear_pointer (&contents, g_free);
      contents = isc_test_read_file (png);
      g_assert_cmpstr (contents, ==, "previous");
    }

  /* a file that does not exist yet, named twice */
  empty_tmpdir ();
  run = run_cli ("--export", dot, "--stats", png, "--depth", "2", NULL);
  assert_one_line (&run, 2, "--export", "--stats", NULL);
  run_clear (&run);
  g_assert_cmpuint (isc_test_count_files (tmpdir), ==, 0);
}

/* --export and --stats: when the second file cannot be written, the first is not either. */
static void
test_all_or_nothing (void)
{
  g_autofree char *csv = path_in_tmp ("s.csv");
  g_autofree char *folder = path_in_tmp ("d.png");
  g_autofree char *contents = NULL;
  g_autofree char *left = NULL;
  Run run;

  empty_tmpdir ();
  g_assert_true (g_file_set_contents (csv, "previous", -1, NULL));
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  run = run_cli ("--export", folder, "--stats", csv, "--depth", "2", "--width", "8",
                 "--batch", "8", NULL);
  assert_one_line (&run, 1, "d.png", NULL);
  run_clear (&run);
  left = listing (tmpdir);
  g_assert_cmpstr (left, ==, "d.png s.csv");
  contents = isc_test_read_file (csv);
  g_assert_cmpstr (contents, ==, "previous");
}

static void
test_symlink_and_mode (void)
{
  g_autofree char *sub = path_in_tmp ("sub");
  g_autofree char *real = g_build_filename (sub, "real.png", NULL);
  g_autofree char *link_path = path_in_tmp ("link.png");
  g_autofree char *fresh = path_in_tmp ("fresh.csv");
  g_autofree char *target = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *left = NULL;
  GStatBuf st;
  gsize len;
  mode_t old_mask;
  Run run;

  empty_tmpdir ();
  g_assert_cmpint (g_mkdir (sub, 0755), ==, 0);
  g_assert_true (g_file_set_contents (real, "previous", -1, NULL));
  g_assert_cmpint (g_chmod (real, 0600), ==, 0);
  g_assert_cmpint (symlink ("sub/real.png", link_path), ==, 0);

  run = run_cli ("--export", link_path, "--depth", "2", "--width", "8", "--batch", "8",
                 "--size", "200x100", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  run_clear (&run);
  /* the link is kept and the real file replaced, its mode with it */
  target = g_file_read_link (link_path, NULL);
  g_assert_cmpstr (target, ==, "sub/real.png");
  g_assert_true (g_file_get_contents (real, &contents, &len, NULL));
  isc_test_assert_png_size (contents, len, 200, 100);
  g_assert_cmpint (g_stat (real, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);
  left = listing (tmpdir);
  g_assert_cmpstr (left, ==, "link.png sub");
  g_clear_pointer (&left, g_free);
  left = listing (sub);
  g_assert_cmpstr (left, ==, "real.png");

  /* a new file: 0666 through the umask */
  old_mask = umask (027);
  run = run_cli ("--export", fresh, "--depth", "2", "--width", "8", "--batch", "8", NULL);
  umask (old_mask);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  g_assert_cmpint (g_stat (fresh, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0640);
}

/* Names of 248 to 255 bytes: the temporary name does not grow with them. */
static void
test_long_names (void)
{
  for (guint n = 248; n <= 255; n++)
    {
      g_autofree char *stem = g_strnfill (n - 4, 'n');
      g_autofree char *name = g_strconcat (stem, n % 2 ? ".csv" : ".png", NULL);
      g_autofree char *path = path_in_tmp (name);
      g_autofree char *left = NULL;
      Run run;

      empty_tmpdir ();
      run = run_cli ("--export", path, "--depth", "2", "--width", "8", "--batch", "8",
                     "--size", "100x100", NULL);
      if (run.status != 0)
        g_test_message ("%u bytes: %s", n, run.err);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_cmpstr (run.err, ==, "");
      run_clear (&run);
      left = listing (tmpdir);
      g_assert_cmpstr (left, ==, name);
    }
}

/* The PDF's title (UTF-16BE hex in the file), as UTF-8. */
static char *
pdf_title (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GByteArray) utf16 = g_byte_array_new ();
  const char *p;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  /* binary streams: no NUL may end the search early */
  for (gsize i = 0; i < len; i++)
    if (contents[i] == '\0')
      contents[i] = ' ';
  p = strstr (contents, "/Title <FEFF");

  g_assert_nonnull (p);
  for (p += strlen ("/Title <FEFF"); g_ascii_isxdigit (p[0]) && g_ascii_isxdigit (p[1]); p += 2)
    {
      guint8 byte = g_ascii_xdigit_value (p[0]) * 16 + g_ascii_xdigit_value (p[1]);

      g_byte_array_append (utf16, &byte, 1);
    }
  return g_convert ((const char *) utf16->data, utf16->len, "UTF-8", "UTF-16BE",
                    NULL, NULL, NULL);
}

static void
test_negative_zero (void)
{
  g_autofree char *pdf = path_in_tmp ("z.pdf");
  g_autofree char *title = NULL;
  Run run;

  empty_tmpdir ();
  run = run_cli ("--scale", "-0", "--depth", "2", "--width", "8", "--batch", "8",
                 "--export", pdf, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  title = pdf_title (pdf);
  g_assert_nonnull (title);
  g_assert_nonnull (strstr (title, "σ = 0 "));
  g_assert_null (strstr (title, "-0"));
}

/* Under LC_ALL=C: non-ASCII values fail naming their flag; everything printed is ASCII. */
static void
test_c_locale (void)
{
  g_autofree char *png = path_in_tmp ("c.png");
  struct {
    const char *flag;
    const char *value;
  } bad[] = {
    { "--init", "가우시안" }, { "--size", "200×150" }, { "--activation", "ReLU²" },
    { "--depth", "١٠" }, { "--scale", "0,5" }, { "--preset", "cs231n‐2016" },
  };
  Run run;

  run_locale = "C";
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      empty_tmpdir ();
      run = run_cli (bad[i].flag, bad[i].value, "--export", png, NULL);
      assert_one_line (&run, 2, bad[i].flag, NULL);
      g_assert_null (strstr (run.err, "conversion"));
      g_assert_true (g_str_is_ascii (run.err));
      g_assert_cmpuint (isc_test_count_files (tmpdir), ==, 0);
      run_clear (&run);
    }

  /* a non-ASCII file name is still a file name */
  {
    g_autofree char *korean = path_in_tmp ("그림.csv");

    run = run_cli ("--export", korean, "--depth", "2", "--width", "8", "--batch", "8", NULL);
    g_assert_cmpint (run.status, ==, 0);
    run_clear (&run);
    g_assert_true (g_file_test (korean, G_FILE_TEST_IS_REGULAR));
  }

  run = run_cli ("--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_is_ascii (run.out));
  g_assert_null (strchr (run.out, '?'));  /* no character lost */
  g_assert_nonnull (strstr (run.out, "sigma of the gaussian scheme"));
  g_assert_nonnull (strstr (run.out, "The lecture's set-up"));
  g_assert_nonnull (strstr (run.out, "[OPTION...]"));
  run_clear (&run);
  run_locale = NULL;

  /* under UTF-8 the same text keeps its characters */
  run = run_cli ("--help", NULL);
  g_assert_nonnull (strstr (run.out, "σ of the gaussian scheme"));
  run_clear (&run);
}

/* Not a terminal: no progress, nothing on stderr (the terminal case is test-terminal.py). */
static void
test_no_progress_off_terminal (void)
{
  g_autofree char *csv = path_in_tmp ("p.csv");
  Run run;

  empty_tmpdir ();
  run = run_cli ("--depth", "30", "--width", "64", "--batch", "64", "--export", csv, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  run_clear (&run);
}

static void
test_help (void)
{
  const char *flags[] = { "--export", "--stats", "--preset", "--size",
                          "cs231n-2016", "cs231n-2019", "default: 1920x1080" };
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

/* --help lists every field of the config table: its flag, what it is, its range or
 * names and its default, on the flag's own line. */
static void
test_help_lists_fields (void)
{
  const IscConfigFieldInfo *fields;
  guint n_fields;
  g_auto(GStrv) lines = NULL;
  Run run = run_cli ("--help", NULL);

  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  fields = isc_config_fields_get (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *head = g_strdup_printf ("  --%s=%s ", fields[i].flag, fields[i].arg);
      g_autofree char *range = isc_config_field_range_text (&fields[i]);
      g_autofree char *def = isc_config_field_default_text (&fields[i]);
      g_autofree char *tail = g_strdup_printf ("(default: %s)", def);
      const char *line = NULL;

      for (guint l = 0; lines[l] != NULL && line == NULL; l++)
        if (g_str_has_prefix (lines[l], head))
          line = lines[l];
      if (line == NULL)
        g_test_message ("no line for %s in:\n%s", head, run.out);
      g_assert_nonnull (line);
      g_assert_nonnull (strstr (line, fields[i].help));
      g_assert_nonnull (strstr (line, range));
      g_assert_true (g_str_has_suffix (line, tail));
    }
  /* and every figure of every preset */
  {
    guint n_presets;
    const IscPreset *presets = isc_presets_get (&n_presets);

    for (guint p = 0; p < n_presets; p++)
      for (guint f = 0; f < presets[p].n_figures; f++)
        g_assert_nonnull (strstr (run.out, presets[p].figures[f].name));
  }
  run_clear (&run);
}

/* Each of the lecture's figures is exactly its flags: the same CSV, byte for byte;
 * explicit flags still override it; an unknown figure is one line listing them. */
static void
test_preset_figures (void)
{
  g_autofree char *a = path_in_tmp ("a.csv");
  g_autofree char *b = path_in_tmp ("b.csv");
  g_autofree char *png = path_in_tmp ("f.png");
  guint n_presets;
  const IscPreset *presets = isc_presets_get (&n_presets);

  for (guint p = 0; p < n_presets; p++)
    for (guint f = 0; f < presets[p].n_figures; f++)
      {
        const IscLectureFigure *figure = &presets[p].figures[f];
        g_autofree char *spec = isc_preset_figure_spec (&presets[p], figure);
        char scale[G_ASCII_DTOSTR_BUF_SIZE];
        g_autofree char *csv_a = NULL;
        g_autofree char *csv_b = NULL;
        Run run;

        empty_tmpdir ();
        /* narrower than the preset, so the test stays short; the seed is the default's */
        run = run_cli ("--preset", spec, "--width", "48", "--batch", "32", "--export", a, NULL);
        g_assert_cmpint (run.status, ==, 0);
        run_clear (&run);
        g_ascii_dtostr (scale, sizeof scale, figure->init == ISC_INIT_GAUSSIAN ? figure->scale
                                                                               : 0.01);
        run = run_cli ("--preset", presets[p].name, "--init", isc_init_to_string (figure->init),
                       "--activation", isc_activation_to_string (figure->activation),
                       "--scale", scale, "--width", "48", "--batch", "32", "--export", b, NULL);
        g_assert_cmpint (run.status, ==, 0);
        run_clear (&run);
        csv_a = isc_test_read_file (a);
        csv_b = isc_test_read_file (b);
        g_assert_cmpstr (csv_a, ==, csv_b);
      }

  /* the lecture's large σ of each set-up */
  g_assert_cmpfloat (isc_preset_lookup_figure (isc_preset_lookup ("cs231n-2016", NULL),
                                               "large", NULL)->scale, ==, 1.0);
  g_assert_cmpfloat (isc_preset_lookup_figure (isc_preset_lookup ("cs231n-2019", NULL),
                                               "large", NULL)->scale, ==, 0.05);

  check_bad (2, "--preset", "--preset", "cs231n-2016:huge", "--export", png, NULL);
  check_bad (2, "small, large, xavier, xavier-relu, kaiming-relu or zero",
             "--preset", "cs231n-2019:huge", "--export", png, NULL);
  check_bad (2, "unknown preset", "--preset", "cs231n-2017:small", "--export", png, NULL);
  check_bad (2, "--preset", "--preset", "cs231n-2016:", "--export", png, NULL);
}

/* --preset NAME:FIGURE, then a flag over it: the flag wins, whichever comes first. */
static void
test_preset_figure_override (void)
{
  g_autofree char *csv = path_in_tmp ("o.csv");
  g_auto(GStrv) lines = NULL;
  Run run;

  empty_tmpdir ();
  run = run_cli ("--depth", "3", "--preset", "cs231n-2019:kaiming-relu", "--width", "32",
                 "--export", csv, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  lines = read_lines (csv);
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 3);
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
  g_test_add_func ("/cli/export/gradients", test_gradients);
  g_test_add_func ("/cli/export/preset", test_preset_and_override);
  g_test_add_func ("/cli/export/exploding", test_exploding_net_is_data);
  g_test_add_func ("/cli/errors/usage", test_bad_usage);
  g_test_add_func ("/cli/errors/paths", test_bad_paths);
  g_test_add_func ("/cli/errors/keeps-previous", test_failure_keeps_previous_file);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/help/fields", test_help_lists_fields);
  g_test_add_func ("/cli/preset/figures", test_preset_figures);
  g_test_add_func ("/cli/preset/override", test_preset_figure_override);
  g_test_add_func ("/cli/files/same-file", test_same_file);
  g_test_add_func ("/cli/files/all-or-nothing", test_all_or_nothing);
  g_test_add_func ("/cli/files/symlink-and-mode", test_symlink_and_mode);
  g_test_add_func ("/cli/files/long-names", test_long_names);
  g_test_add_func ("/cli/numbers/negative-zero", test_negative_zero);
  g_test_add_func ("/cli/locale/c", test_c_locale);
  g_test_add_func ("/cli/progress/off-terminal", test_no_progress_off_terminal);

  status = g_test_run ();
  empty_tmpdir ();
  g_rmdir (tmpdir);
  g_free (tmpdir);
  return status;
}
