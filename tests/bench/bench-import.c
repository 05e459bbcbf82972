/* bench-import.c: `rapport --import` against sqlite3's `.import` of the same CSV
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-import [ROWS] [RUNS]   (defaults: 100000 customers, 3 runs)
 *
 * Writes ROWS realistic customers three ways: a CSV of the nine classic
 * columns (what Rapport read before every email and phone was kept), the
 * same with an `Email Work` and a `Mobile Phone` column (half of them a
 * second email, a third a mobile), and the latter as vCards.  Then times,
 * RUNS times each and taking turns, the built `rapport --import` of each
 * into a fresh XDG_DATA_HOME, `sqlite3 FILE.db ".import --csv …"` of the
 * second CSV into a plain table, and the same CSV through sqlite3 into an
 * empty Rapport book, every email and phone a customer_value row as
 * Rapport writes them: indexes, full-text search, WAL, the floor for any
 * importer of ours.  Prints the median CPU time (user + system; the
 * machine may be busy) and wall time of each and the ratios, then where
 * the floor's time goes: its statements timed one by one (the rows of
 * each table, the search index, each index built, the commit), so the
 * share of the schema and the share of Rapport's importer can be told
 * apart.  Our target: rapport within 3x of sqlite3's plain .import.
 *
 * RAPPORT_BENCH_BASELINE=PATH also times another build of rapport (an
 * older one, say) on the same files, taking turns with this one: its
 * GSettings schemas are looked for in PATH/../../data.
 * RAPPORT_BENCH_ONLY=WORDS times only the contenders whose name has WORDS.
 * RAPPORT_BENCH_KEEP=1 keeps the scratch folder (files and databases).
 */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

static void
write_file (const char *path,
            GString    *out,
            const char *what,
            guint       rows)
{
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (path, out->str, out->len, &error))
    g_error ("%s", error->message);
  g_print ("%s: %u customers, %.1f MB, %s\n", what, rows, out->len / 1e6, path);
}

/* The nine classic columns of a row: the two last cells dropped. */
static void
drop_last_cells (GString *row)
{
  g_assert (g_str_has_suffix (row->str, "\r\n"));
  g_string_truncate (row, row->len - 2);
  for (guint cells = 0; cells < 2; cells++)
    g_string_truncate (row, strrchr (row->str, ',') - row->str);
  g_string_append (row, "\r\n");
}

static char *
vcard_escape (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      if (*p == '\r')
        continue;
      if (*p == '\n')
        g_string_append (out, "\\n");
      else
        {
          if (*p == ',' || *p == ';' || *p == '\\')
            g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
    }
  return g_string_free (out, FALSE);
}

/* The same customer as a vCard 3.0, from the cells of the row. */
static void
append_card (GString  *out,
             GStrv     cells)
{
  static const char *properties[] = {
    "FN", "ORG", "EMAIL;TYPE=INTERNET,PREF", "TEL;TYPE=WORK", "X-RAPPORT-STATUS",
    "X-RAPPORT-SATISFACTION", "CATEGORIES", "NOTE", "X-RAPPORT-NEXT-CHECK-IN",
    "EMAIL;TYPE=INTERNET,WORK", "TEL;TYPE=CELL",
  };

  g_string_append (out, "BEGIN:VCARD\r\nVERSION:3.0\r\n");
  for (guint i = 0; i < G_N_ELEMENTS (properties) && cells[i] != NULL; i++)
    {
      g_autofree char *value = NULL;

      if (cells[i][0] == '\0')
        continue;
      if (i == 6)
        value = g_strdelimit (g_strdup (cells[i]), ";", ',');
      else
        value = vcard_escape (cells[i]);
      g_string_append_printf (out, "%s:%s\r\n", properties[i], value);
    }
  g_string_append (out, "END:VCARD\r\n");
}

/* Cells of one CSV row as append_row () writes them (quotes doubled). */
static GStrv
split_row (const char *row)
{
  g_autoptr(GStrvBuilder) cells = g_strv_builder_new ();
  g_autoptr(GString) cell = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = row; *p; p++)
    {
      if (*p == '"' && quoted && p[1] == '"')
        g_string_append_c (cell, *p++);
      else if (*p == '"')
        quoted = !quoted;
      else if (!quoted && (*p == ',' || (*p == '\r' && p[1] == '\n' && p[2] == '\0')))
        {
          g_strv_builder_add (cells, cell->str);
          g_string_truncate (cell, 0);
          if (*p == '\r')
            break;
        }
      else
        g_string_append_c (cell, *p);
    }
  return g_strv_builder_end (cells);
}

typedef struct
{
  char *classic;  /* nine columns */
  char *rich;     /* with Email Work and Mobile Phone */
  char *cards;    /* the rich rows as vCards */
} Files;

static void
write_files (const char *dir,
             guint       rows,
             Files      *files)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GString) classic = g_string_new ("name,company,email,phone,status,satisfaction,tags,notes,"
                                             "next_check_in\r\n");
  g_autoptr(GString) rich = g_string_new ("name,company,email,phone,status,satisfaction,tags,notes,"
                                          "next_check_in,Email Work,Mobile Phone\r\n");
  g_autoptr(GString) cards = g_string_new (NULL);
  g_autoptr(GString) row_text = g_string_new (NULL);

  for (guint row = 1; row <= rows; row++)
    {
      g_auto(GStrv) cells = NULL;

      g_string_truncate (row_text, 0);
      append_row (row_text, rand, row);
      g_string_append_len (rich, row_text->str, row_text->len);
      cells = split_row (row_text->str);
      append_card (cards, cells);
      drop_last_cells (row_text);
      g_string_append_len (classic, row_text->str, row_text->len);
    }

  files->classic = g_build_filename (dir, "classic.csv", NULL);
  files->rich = g_build_filename (dir, "customers.csv", NULL);
  files->cards = g_build_filename (dir, "customers.vcf", NULL);
  write_file (files->classic, classic, "CSV, nine columns", rows);
  write_file (files->rich, rich, "CSV, every email and phone", rows);
  write_file (files->cards, cards, "vCard", rows);
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

/* A build of rapport, ours or the baseline, and its GSettings schemas. */
typedef struct
{
  const char *bin;
  char       *schema_dir;
} Build;

static double
time_rapport (const Build *build,
              const char  *dir,
              const char  *file,
              guint        run)
{
  g_autofree char *data_home = g_strdup_printf ("%s/rapport-data-%u", dir, run);
  g_auto(GStrv) envp = g_get_environ ();
  char *argv[] = { (char *) build->bin, (char *) "--import", (char *) file, NULL };
  double wall;

  envp = g_environ_setenv (envp, "XDG_DATA_HOME", data_home, TRUE);
  envp = g_environ_setenv (envp, "GSETTINGS_SCHEMA_DIR", build->schema_dir, TRUE);
  envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "memory", TRUE);
  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  wall = run_timed (argv, envp, "rapport --import");
  remove_tree (data_home);
  return wall;
}

static double
time_sqlite3 (const char *dir,
              const char *csv,
              guint       run)
{
  g_autofree char *db = g_strdup_printf ("%s/sqlite3-%u.db", dir, run);
  g_autofree char *command = g_strdup_printf (".import --csv '%s' customer", csv);
  char *argv[] = { (char *) "sqlite3", db, command, NULL };
  double wall = run_timed (argv, NULL, "sqlite3 .import");

  g_unlink (db);
  return wall;
}

/* The same CSV through sqlite3 into an empty Rapport book: the rows, every
 * email and phone a customer_value row, the check-ins.  As is, through the
 * book's own indexes and triggers (search index, UIDs, the check-ins'
 * sequence), one row at a time as any plain INSERT … SELECT; tuned, as
 * Rapport's importer does it: those triggers off, UIDs and sequence
 * numbers given, the search index fed in one statement with room for all
 * its terms, the indexes built after the rows (the triggers are not put
 * back, which costs nothing).  Nothing is matched or merged: the tuned
 * figure is the floor for any importer into this schema. */
static const char *schema_rows[] = {
  "INSERT INTO customer (id, name, company, email, phone, notes, tags, status, satisfaction,"
  " created_at, updated_at, other_values, uid)"
  " SELECT rowid, name, company, email, phone, notes, tags,"
  " coalesce (nullif (status, ''), 'customer'), coalesce (nullif (satisfaction, ''), 'unknown'),"
  " '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z',"
  " trim (\"Email Work\" || ' ' || phone || ' ' || \"Mobile Phone\"), @UID FROM imported",
  "INSERT INTO customer_value (customer_id, kind, value, pref, position)"
  " SELECT rowid, 'email', email, 1, 0 FROM imported WHERE email <> ''"
  " UNION ALL SELECT rowid, 'email', \"Email Work\", 0, 1 FROM imported WHERE \"Email Work\" <> ''"
  " UNION ALL SELECT rowid, 'phone', phone, 1, 2 FROM imported WHERE phone <> ''"
  " UNION ALL SELECT rowid, 'phone', \"Mobile Phone\", 0, 3 FROM imported WHERE \"Mobile Phone\" <> ''",
  "INSERT INTO follow_up (customer_id, kind, due_at, reason, rule_key, created_at, moved_seq, uid)"
  " SELECT rowid, 'keep_in_touch', next_check_in, 'Check-in date from the imported file',"
  " 'import:next_check_in', '2026-01-01T00:00:00Z', @SEQ, @UID FROM imported WHERE next_check_in <> ''",
};

static const char *schema_indexes[][2] = {
  { "customer_name", "CREATE INDEX customer_name ON customer (name COLLATE NOCASE)" },
  { "customer_email", "CREATE INDEX customer_email ON customer (lower (email)) WHERE email <> ''" },
  { "customer_status", "CREATE INDEX customer_status ON customer (status, satisfaction)" },
  { "customer_value_customer", "CREATE INDEX customer_value_customer ON customer_value (customer_id, kind, position)" },
  { "customer_value_email", "CREATE INDEX customer_value_email ON customer_value (lower (value)) WHERE kind = 'email'" },
  { "follow_up_open", "CREATE INDEX follow_up_open ON follow_up (coalesce (snoozed_until, due_at))"
                      " WHERE state IN ('due', 'snoozed')" },
  { "follow_up_customer", "CREATE INDEX follow_up_customer ON follow_up (customer_id, state, due_at)" },
  { "follow_up_moved", "CREATE INDEX follow_up_moved ON follow_up (moved_seq)" },
};

static char *
schema_sql (const char *sql,
            gboolean    tuned)
{
  g_autoptr(GString) text = g_string_new (sql);

  /* Tuned, UIDs in time order as rapport_uid_new () makes them (a
   * millisecond to a hundred rows, random after it): random ones would
   * land all over their unique index and make the floor dearer than what
   * Rapport has to do. */
  g_string_replace (text, "@UID",
                    tuned ? "printf ('urn:uuid:019ae0c0-%04x-7%03x-%04x-%012x', rowid / 100, random () & 4095,"
                            " 32768 | (random () & 16383), random () & 281474976710655)"
                          : "NULL", 0);
  g_string_replace (text, "@SEQ", tuned ? "row_number () OVER (ORDER BY rowid)" : "0", 0);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* An argument of sqlite3 and, for an SQL statement the breakdown reports
 * on, what it is (NULL: folded into the line above it). */
static void
add_step (GPtrArray  *argv,
          GPtrArray  *what,
          char       *arg,
          char       *label)
{
  g_ptr_array_add (argv, arg);
  if (what != NULL && arg[0] != '.')
    g_ptr_array_add (what, label);
  else
    g_free (label);
}

/* sqlite3's arguments that import @csv into the book @db: as is, tuned,
 * or tuned with a ".timer on" line per statement, labelled in @what. */
static GPtrArray *
schema_script (const char *db,
               const char *csv,
               gboolean    tuned,
               GPtrArray  *what)
{
  static const char *row_labels[] = {
    "customer rows (and their unique UID index)", "customer_value rows", "follow_up rows (and UID index)",
  };
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (argv, g_strdup ("sqlite3"));
  g_ptr_array_add (argv, g_strdup (db));
  if (what != NULL)
    g_ptr_array_add (argv, g_strdup (".timer on"));
  add_step (argv, what, g_strdup ("PRAGMA foreign_keys = ON"), g_strdup ("PRAGMA foreign_keys, BEGIN"));
  add_step (argv, what, g_strdup ("BEGIN"), NULL);
  g_ptr_array_add (argv, g_strdup_printf (".import --csv '%s' imported", csv));
  if (tuned)
    {
      add_step (argv, what, g_strdup ("DROP TRIGGER customer_fts_insert"), g_strdup ("triggers and indexes set aside"));
      add_step (argv, what, g_strdup ("DROP TRIGGER follow_up_moved_insert"), NULL);
      for (guint i = 0; i < G_N_ELEMENTS (schema_indexes); i++)
        add_step (argv, what, g_strdup_printf ("DROP INDEX %s", schema_indexes[i][0]), NULL);
    }
  for (guint i = 0; i < G_N_ELEMENTS (schema_rows); i++)
    add_step (argv, what, schema_sql (schema_rows[i], tuned), g_strdup (row_labels[i]));
  if (tuned)
    {
      add_step (argv, what, g_strdup ("INSERT INTO customer_fts (customer_fts, rank) VALUES ('hashsize', 67108864)"),
                NULL);
      add_step (argv, what,
                g_strdup ("INSERT INTO customer_fts (rowid, name, company, email, notes, tags, other_values)"
                          " SELECT id, name, company, email, notes, tags, other_values FROM customer"),
                g_strdup ("search index (FTS5, fed in one statement)"));
      for (guint i = 0; i < G_N_ELEMENTS (schema_indexes); i++)
        add_step (argv, what, g_strdup (schema_indexes[i][1]), g_strdup_printf ("index %s", schema_indexes[i][0]));
    }
  add_step (argv, what, g_strdup ("DROP TABLE imported"), g_strdup ("scratch table dropped"));
  add_step (argv, what, g_strdup ("COMMIT"), g_strdup ("commit (WAL written, checkpoint)"));
  g_ptr_array_add (argv, NULL);
  return argv;
}

/* An empty Rapport book in @data_home, made by @build; returns its file. */
static char *
create_book (const Build *build,
             const char  *dir,
             const char  *data_home)
{
  g_autofree char *header = g_build_filename (dir, "header.csv", NULL);
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "XDG_DATA_HOME", data_home, TRUE);
  char *create[] = { (char *) build->bin, (char *) "--import", header, NULL };

  if (!g_file_set_contents (header, "name\r\n", -1, NULL))
    g_error ("cannot write %s", header);
  envp = g_environ_setenv (envp, "GSETTINGS_SCHEMA_DIR", build->schema_dir, TRUE);
  envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "memory", TRUE);
  run_timed (create, envp, "rapport --import (empty book)");
  return g_build_filename (data_home, "rapport", "rapport.db", NULL);
}

static double
time_sqlite3_schema (const Build *build,
                     const char  *dir,
                     const char  *csv,
                     gboolean     tuned,
                     guint        run)
{
  g_autofree char *data_home = g_strdup_printf ("%s/rapport-schema-%u", dir, run);
  g_autofree char *db = create_book (build, dir, data_home);
  g_autoptr(GPtrArray) argv = schema_script (db, csv, tuned, NULL);
  double wall;

  wall = run_timed ((char **) argv->pdata, NULL, "sqlite3 .import into Rapport's schema");
  remove_tree (data_home);
  return wall;
}

/* Where the floor's time goes: the tuned import once more, every
 * statement timed by sqlite3's .timer (CPU: user + system).  What no
 * statement took is sqlite3's start and its .import of the CSV into a
 * scratch table of the book, as sqlite3's plain .import does. */
static void
print_floor_breakdown (const Build *build,
                       const char  *dir,
                       const char  *csv)
{
  g_autofree char *data_home = g_strdup_printf ("%s/rapport-breakdown", dir);
  g_autofree char *db = create_book (build, dir, data_home);
  g_autoptr(GPtrArray) what = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) steps = schema_script (db, csv, TRUE, what);
  g_autofree char *script_path = g_build_filename (dir, "breakdown.sql", NULL);
  g_autofree char *read = g_strdup_printf (".read '%s'", script_path);
  g_autoptr(GString) script = g_string_new (NULL);
  char *argv[] = { (char *) "sqlite3", db, read, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  double cpu_start = children_cpu ();
  double total, statements = 0, shown = 0;
  const char *label = NULL;
  guint step = 0;
  int status = 0;

  /* The shell's .timer times the statements it reads, not those of its
   * command line: one a line, each dot command on its own. */
  for (guint i = 2; i < steps->len - 1; i++)
    {
      const char *arg = g_ptr_array_index (steps, i);

      g_string_append_printf (script, "%s%s\n", arg, arg[0] == '.' ? "" : ";");
    }
  if (!g_file_set_contents (script_path, script->str, script->len, &error))
    g_error ("%s", error->message);
  if (!g_spawn_sync (NULL, argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
                     &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("sqlite3 .import into Rapport's schema, timed: %s", error->message);
  total = children_cpu () - cpu_start;

  g_print ("the floor (sqlite3 into Rapport's schema, tuned), statement by statement, CPU:\n");
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      double real, user, sys;

      if (sscanf (lines[i], "Run Time: real %lf user %lf sys %lf", &real, &user, &sys) != 3)
        continue;
      if (step >= what->len)
        g_error ("sqlite3 timed more statements than it was given");
      if (g_ptr_array_index (what, step) != NULL)
        {
          if (label != NULL)
            g_print ("  %-52s %7.3f s\n", label, shown);
          label = g_ptr_array_index (what, step);
          shown = 0;
        }
      shown += user + sys;
      statements += user + sys;
      step++;
    }
  if (step != what->len)
    g_error ("sqlite3 timed %u statements of %u", step, what->len);
  g_print ("  %-52s %7.3f s\n", label, shown);
  g_print ("  %-52s %7.3f s\n", "sqlite3's start and .import into a scratch table", total - statements);
  g_print ("  %-52s %7.3f s\n", "in all", total);
  remove_tree (data_home);
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

typedef enum
{
  RAPPORT_CLASSIC,
  RAPPORT_RICH,
  RAPPORT_CARDS,
  SQLITE3_PLAIN,
  SQLITE3_SCHEMA,
  SQLITE3_TUNED,
  BASELINE_CLASSIC,
  BASELINE_RICH,
  BASELINE_CARDS,
  N_CONTENDERS
} Contender;

static const char *labels[N_CONTENDERS] = {
  "rapport --import, nine columns",
  "rapport --import, every email and phone",
  "rapport --import, the same as vCards",
  "sqlite3 .import into a new table",
  "sqlite3 into Rapport's schema, as is",
  "sqlite3 into Rapport's schema, tuned",
  "baseline --import, nine columns",
  "baseline --import, every email and phone",
  "baseline --import, the same as vCards",
};

static double
measure (Contender    which,
         const Build *ours,
         const Build *baseline,
         const Files *files,
         const char  *dir,
         guint        run)
{
  switch (which)
    {
    case RAPPORT_CLASSIC: return time_rapport (ours, dir, files->classic, run);
    case RAPPORT_RICH: return time_rapport (ours, dir, files->rich, run);
    case RAPPORT_CARDS: return time_rapport (ours, dir, files->cards, run);
    case SQLITE3_PLAIN: return time_sqlite3 (dir, files->rich, run);
    case SQLITE3_SCHEMA: return time_sqlite3_schema (ours, dir, files->rich, FALSE, run);
    case SQLITE3_TUNED: return time_sqlite3_schema (ours, dir, files->rich, TRUE, run);
    case BASELINE_CLASSIC: return time_rapport (baseline, dir, files->classic, run);
    case BASELINE_RICH: return time_rapport (baseline, dir, files->rich, run);
    case BASELINE_CARDS: return time_rapport (baseline, dir, files->cards, run);
    case N_CONTENDERS:
    default: g_assert_not_reached ();
    }
}

static void
print_ratio (const char *what,
             double      cpu_a,
             double      cpu_b,
             double      wall_a,
             double      wall_b)
{
  if (cpu_a == 0 || cpu_b == 0)
    return;  /* one of them not timed */
  g_print ("  %-62s %5.2fx CPU, %5.2fx wall\n", what, cpu_a / cpu_b, wall_a / wall_b);
}

int
main (int   argc,
      char *argv[])
{
  guint rows = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 100000;
  guint runs = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 3;
  const char *baseline_bin = g_getenv ("RAPPORT_BENCH_BASELINE");
  const char *only = g_getenv ("RAPPORT_BENCH_ONLY");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-import-XXXXXX", &error);
  Build ours = { RAPPORT_BIN, g_strdup (SCHEMA_DIR) };
  Build baseline = { baseline_bin, NULL };
  guint n_contenders = baseline_bin != NULL ? N_CONTENDERS : BASELINE_CLASSIC;
  double *wall[N_CONTENDERS], *cpu[N_CONTENDERS];
  double wall_median[N_CONTENDERS] = { 0, }, cpu_median[N_CONTENDERS] = { 0, };
  Files files;

  if (dir == NULL)
    g_error ("%s", error->message);
  if (rows == 0 || runs == 0)
    g_error ("usage: %s [ROWS] [RUNS]", argv[0]);
  if (baseline_bin != NULL)
    {
      g_autofree char *bin_dir = g_path_get_dirname (baseline_bin);

      baseline.schema_dir = g_build_filename (bin_dir, "..", "..", "data", NULL);
      if (!g_file_test (baseline_bin, G_FILE_TEST_IS_EXECUTABLE))
        g_error ("RAPPORT_BENCH_BASELINE: %s is not a program", baseline_bin);
    }

  write_files (dir, rows, &files);
  for (guint i = 0; i < n_contenders; i++)
    {
      wall[i] = g_new (double, runs);
      cpu[i] = g_new (double, runs);
    }

  /* Taking turns, so a busy spell of the machine falls on all of them. */
  for (guint run = 0; run < runs; run++)
    for (guint i = 0; i < n_contenders; i++)
      {
        /* With a baseline, each of our imports is next to its own. */
        Contender which = baseline_bin == NULL ? i
                          : (Contender[]) { RAPPORT_CLASSIC, BASELINE_CLASSIC, RAPPORT_RICH, BASELINE_RICH,
                                            RAPPORT_CARDS, BASELINE_CARDS, SQLITE3_PLAIN, SQLITE3_SCHEMA,
                                            SQLITE3_TUNED }[i];

        if (only != NULL && strstr (labels[which], only) == NULL)
          continue;

        wall[which][run] = measure (which, &ours, &baseline, &files, dir, run);
        cpu[which][run] = last_cpu;
        g_print ("run %u: %-42s %7.3f s CPU, %7.3f s wall\n",
                 run + 1, labels[which], cpu[which][run], wall[which][run]);
      }

  g_print ("median of %u runs (CPU is user + system):\n", runs);
  for (guint i = 0; i < n_contenders; i++)
    {
      if (only != NULL && strstr (labels[i], only) == NULL)
        {
          g_free (wall[i]);
          g_free (cpu[i]);
          continue;
        }
      wall_median[i] = median (wall[i], runs);
      cpu_median[i] = median (cpu[i], runs);
      g_print ("  %-42s %7.3f s CPU, %7.3f s wall\n", labels[i], cpu_median[i], wall_median[i]);
      g_free (wall[i]);
      g_free (cpu[i]);
    }

  g_print ("ratios:\n");
  print_ratio ("rapport (every email and phone) / sqlite3 .import, plain table",
               cpu_median[RAPPORT_RICH], cpu_median[SQLITE3_PLAIN],
               wall_median[RAPPORT_RICH], wall_median[SQLITE3_PLAIN]);
  print_ratio ("rapport (every email and phone) / sqlite3 into Rapport's schema, tuned",
               cpu_median[RAPPORT_RICH], cpu_median[SQLITE3_TUNED],
               wall_median[RAPPORT_RICH], wall_median[SQLITE3_TUNED]);
  print_ratio ("sqlite3 into Rapport's schema, tuned (the floor) / plain table",
               cpu_median[SQLITE3_TUNED], cpu_median[SQLITE3_PLAIN],
               wall_median[SQLITE3_TUNED], wall_median[SQLITE3_PLAIN]);
  print_ratio ("sqlite3 into Rapport's schema, as is / plain table",
               cpu_median[SQLITE3_SCHEMA], cpu_median[SQLITE3_PLAIN],
               wall_median[SQLITE3_SCHEMA], wall_median[SQLITE3_PLAIN]);
  if (baseline_bin != NULL)
    for (Contender i = RAPPORT_CLASSIC; i <= RAPPORT_CARDS; i++)
      {
        g_autofree char *what = g_strdup_printf ("rapport / baseline, %s", strrchr (labels[i], ',') + 2);

        print_ratio (what, cpu_median[i], cpu_median[BASELINE_CLASSIC + i],
                     wall_median[i], wall_median[BASELINE_CLASSIC + i]);
      }
  g_print ("target: rapport within 3x of sqlite3 .import into a new table\n");
  if (only == NULL || strstr (labels[SQLITE3_TUNED], only) != NULL)
    print_floor_breakdown (&ours, dir, files.rich);

  if (g_getenv ("RAPPORT_BENCH_KEEP") != NULL)
    g_print ("scratch folder kept: %s\n", dir);
  else
    remove_tree (dir);
  g_free (files.classic);
  g_free (files.rich);
  g_free (files.cards);
  g_free (ours.schema_dir);
  g_free (baseline.schema_dir);
  return 0;
}
