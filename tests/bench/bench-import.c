/* bench-import.c: `rapport --import` against sqlite3's `.import` of the same CSV
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-import [ROWS] [RUNS]   (defaults: 100000 customers, 3 runs)
 *
 * Writes a realistic CSV of ROWS customers, then times, RUNS times each,
 * the built `rapport --import` into a fresh XDG_DATA_HOME and
 * `sqlite3 FILE.db ".import --csv …"` into a fresh file database, and
 * prints the median of each and their ratio.  Our target: at most 3×.
 * A third figure imports the CSV with sqlite3 into an empty Rapport book
 * (indexes, full-text search, WAL): the schema_floor for any importer of ours.
 * RAPPORT_BENCH_KEEP=1 keeps the scratch folder (CSV and databases).
 */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <sys/resource.h>

static const char *first_names[] = {
  "Ada", "Grace", "Alan", "Barbara", "Edsger", "Frances", "Donald", "Margaret", "Linus", "Radia",
  "Ken", "Katherine", "Dennis", "Hedy", "John", "Sophie", "Tim", "Annie", "Niklaus", "Zoë",
};
static const char *last_names[] = {
  "Lovelace", "Hopper", "Turing", "Liskov", "Dijkstra", "Allen", "Knuth", "Hamilton", "Torvalds",
  "Perlman", "Thompson", "Johnson", "Ritchie", "Lamarr", "McCarthy", "Wilson", "Berners-Lee",
  "Easley", "Wirth", "Ångström",
};
static const char *companies[] = {
  "", "Analytical Engines Ltd", "Navy Compilers, Inc.", "Bletchley Park", "Acme Widgets",
  "Initech", "Globex", "Umbrella \"Health\"", "Stark Industries", "Wayne Enterprises",
};
static const char *statuses[] = { "", "prospect", "customer", "customer", "former" };
static const char *satisfactions[] = { "", "unknown", "unhappy", "satisfied", "delighted" };
static const char *tag_words[] = { "vip", "golf", "referral-source", "newsletter", "north", "south" };

static void
append_quoted (GString    *out,
               const char *value)
{
  g_string_append_c (out, '"');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_row (GString *out,
            GRand   *rand,
            guint    row)
{
  /* About one row in a hundred repeats an earlier customer's email: those merge. */
  guint person = row % 100 == 99 ? row / 2 : row;
  const char *first = first_names[person % G_N_ELEMENTS (first_names)];
  const char *last = last_names[(person / G_N_ELEMENTS (first_names)) % G_N_ELEMENTS (last_names)];
  const char *company = companies[g_rand_int_range (rand, 0, G_N_ELEMENTS (companies))];
  int n_tags = g_rand_int_range (rand, 0, 3);
  int kind_of_note = g_rand_int_range (rand, 0, 10);

  /* Each person a name of their own, as in a real book: the importer takes
   * the same name at the same company for the same person. */
  if (person < 400)
    g_string_append_printf (out, "%s %s,", first, last);
  else
    g_string_append_printf (out, "%s %s-%u,", first, last, person / 400);
  if (company[0] != '\0')
    append_quoted (out, company);
  g_string_append_printf (out, ",%s.%s.%u@example.org,+44 20 7946 %04u,%s,%s,",
                          first, last, person, row % 10000,
                          statuses[g_rand_int_range (rand, 0, G_N_ELEMENTS (statuses))],
                          satisfactions[g_rand_int_range (rand, 0, G_N_ELEMENTS (satisfactions))]);
  for (int i = 0; i < n_tags; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? ";" : "",
                            tag_words[g_rand_int_range (rand, 0, G_N_ELEMENTS (tag_words))]);
  g_string_append_c (out, ',');
  if (kind_of_note < 5)
    g_string_append_printf (out, "Met at the trade fair in %u", 2015 + row % 10);
  else if (kind_of_note < 7)
    append_quoted (out, "Prefers calls, not email. Said \"call me after lunch\".\r\nHas two kids.");
  g_string_append_c (out, ',');
  if (row % 3 == 0)
    g_string_append_printf (out, "2027-%02u-%02u%s", 1 + row % 12, 1 + row % 28,
                            row % 2 ? " 10:30" : "");
  /* Half have a second email, a third a mobile too: address books hold
   * more than one of each. */
  g_string_append_c (out, ',');
  if (row % 2 == 0)
    g_string_append_printf (out, "%s%u@%s.example", first, person, last);
  g_string_append_c (out, ',');
  if (row % 3 == 0)
    g_string_append_printf (out, "+44 7700 9%05u", row % 100000);
  g_string_append (out, "\r\n");
}

static char *
write_csv (const char *dir,
           guint       rows)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GString) out = g_string_new ("name,company,email,phone,status,satisfaction,tags,notes,"
                                         "next_check_in,Email Work,Mobile Phone\r\n");
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "customers.csv", NULL);

  for (guint row = 1; row <= rows; row++)
    append_row (out, rand, row);
  if (!g_file_set_contents (path, out->str, out->len, &error))
    g_error ("%s", error->message);
  g_print ("CSV: %u customers, %.1f MB, %s\n", rows, out->len / 1e6, path);
  return path;
}

/* CPU seconds (user + system) of the last child, for a busy machine. */
static double last_cpu;

static double
children_cpu (void)
{
  struct rusage usage;

  getrusage (RUSAGE_CHILDREN, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static double
run_timed (char      **argv,
           char      **envp,
           const char *what)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  double cpu_start = children_cpu ();
  int status = 0;

  if (!g_spawn_sync (NULL, argv, envp, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error))
    g_error ("%s: %s", what, error->message);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s\n%s", what, error->message, err);
  last_cpu = children_cpu () - cpu_start;
  return (g_get_monotonic_time () - start) / 1e6;
}

static double
time_rapport (const char *dir,
              const char *csv,
              guint       run)
{
  g_autofree char *data_home = g_strdup_printf ("%s/rapport-data-%u", dir, run);
  g_auto(GStrv) envp = g_get_environ ();
  char *argv[] = { (char *) RAPPORT_BIN, (char *) "--import", (char *) csv, NULL };

  envp = g_environ_setenv (envp, "XDG_DATA_HOME", data_home, TRUE);
  envp = g_environ_setenv (envp, "GSETTINGS_SCHEMA_DIR", SCHEMA_DIR, TRUE);
  envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "memory", TRUE);
  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  return run_timed (argv, envp, "rapport --import");
}

static double
time_sqlite3 (const char *dir,
              const char *csv,
              guint       run)
{
  g_autofree char *db = g_strdup_printf ("%s/sqlite3-%u.db", dir, run);
  g_autofree char *command = g_strdup_printf (".import --csv '%s' customer", csv);
  char *argv[] = { (char *) "sqlite3", db, command, NULL };

  return run_timed (argv, NULL, "sqlite3 .import");
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_unlink (path);
      return;
    }
  if ((dir = g_dir_open (path, 0, NULL)) != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);
        remove_tree (child);
      }
  g_rmdir (path);
}

/* The same CSV through sqlite3 into an empty Rapport book: its indexes and
 * search index make up most of the work, whoever does the inserting. */
static double
time_sqlite3_schema (const char *dir,
                     const char *csv,
                     guint       run)
{
  g_autofree char *header = g_build_filename (dir, "header.csv", NULL);
  g_autofree char *db = g_strdup_printf ("%s/rapport-schema-%u/rapport/rapport.db", dir, run);
  g_autofree char *data_home = g_strdup_printf ("%s/rapport-schema-%u", dir, run);
  g_autofree char *import = g_strdup_printf (".import --csv '%s' imported", csv);
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "XDG_DATA_HOME", data_home, TRUE);
  char *create[] = { (char *) RAPPORT_BIN, (char *) "--import", header, NULL };
  char *argv[] = {
    (char *) "sqlite3", db, import,
    (char *) "INSERT INTO customer (name, company, email, phone, notes, tags, status, satisfaction,"
             " created_at, updated_at, uid)"
             " SELECT name, company, email, phone, notes, tags, coalesce (nullif (status, ''), 'customer'),"
             " coalesce (nullif (satisfaction, ''), 'unknown'), '2026-01-01T00:00:00Z',"
             " '2026-01-01T00:00:00Z', 'urn:uuid:' || lower (hex (randomblob (16))) FROM imported",
    NULL
  };

  if (!g_file_set_contents (header, "name\r\n", -1, NULL))
    g_error ("cannot write %s", header);
  envp = g_environ_setenv (envp, "GSETTINGS_SCHEMA_DIR", SCHEMA_DIR, TRUE);
  run_timed (create, envp, "rapport --import (empty book)");
  return run_timed (argv, NULL, "sqlite3 .import into Rapport's schema");
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

typedef double (*Measure) (const char *dir,
                           const char *csv,
                           guint       run);

static const struct {
  const char *label;
  Measure     measure;
} contenders[] = {
  { "rapport --import", time_rapport },
  { "sqlite3 .import into a new table", time_sqlite3 },
  { "sqlite3 .import into Rapport's schema", time_sqlite3_schema },
};

#define N_CONTENDERS G_N_ELEMENTS (contenders)

int
main (int   argc,
      char *argv[])
{
  guint rows = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 100000;
  guint runs = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 3;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-import-XXXXXX", &error);
  g_autofree char *csv = NULL;
  double *wall[N_CONTENDERS], *cpu[N_CONTENDERS];
  double wall_median[N_CONTENDERS], cpu_median[N_CONTENDERS];

  if (dir == NULL)
    g_error ("%s", error->message);
  if (rows == 0 || runs == 0)
    g_error ("usage: %s [ROWS] [RUNS]", argv[0]);

  csv = write_csv (dir, rows);
  for (guint i = 0; i < N_CONTENDERS; i++)
    {
      wall[i] = g_new (double, runs);
      cpu[i] = g_new (double, runs);
    }

  for (guint run = 0; run < runs; run++)
    for (guint i = 0; i < N_CONTENDERS; i++)
      {
        wall[i][run] = contenders[i].measure (dir, csv, run);
        cpu[i][run] = last_cpu;
        g_print ("run %u: %-40s %7.3f s wall, %7.3f s CPU\n",
                 run + 1, contenders[i].label, wall[i][run], cpu[i][run]);
      }

  g_print ("median of %u runs:\n", runs);
  for (guint i = 0; i < N_CONTENDERS; i++)
    {
      wall_median[i] = median (wall[i], runs);
      cpu_median[i] = median (cpu[i], runs);
      g_print ("  %-40s %7.3f s wall, %7.3f s CPU", contenders[i].label, wall_median[i], cpu_median[i]);
      if (i > 0)
        g_print ("   rapport is %.2fx (wall), %.2fx (CPU)",
                 wall_median[0] / wall_median[i], cpu_median[0] / cpu_median[i]);
      g_print ("\n");
      g_free (wall[i]);
      g_free (cpu[i]);
    }
  g_print ("target: rapport --import within 3x of sqlite3 .import into a new table\n");

  if (g_getenv ("RAPPORT_BENCH_KEEP") != NULL)
    g_print ("scratch folder kept: %s\n", dir);
  else
    remove_tree (dir);
  return 0;
}
