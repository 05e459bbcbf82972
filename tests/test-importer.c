/* test-importer.c: files of customers into the book and back out
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rapport-csv.h"
#include "rapport-exporter.h"
#include "rapport-importer.h"
#include "rapport-time.h"
#include "rapport-vcard.h"

#define FAKE_NOW "2026-11-25T10:00:00Z"
#define HEADER "name,company,email,phone,status,satisfaction,tags,notes,next_check_in\r\n"
#define EXPORT_HEADER "name,company,email,phone,status,satisfaction,tags,notes,next_check_in,emails,phones,uid\r\n"

static RapportStore *
open_book (const char *name)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), name, "rapport.db", NULL);
  g_autoptr(GError) error = NULL;
  RapportStore *store = rapport_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

/* A fresh folder per test case, thanks to G_TEST_OPTION_ISOLATE_DIRS. */
static const char *
scratch_dir (void)
{
  const char *dir = g_get_user_cache_dir ();

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return dir;
}

static char *
write_file (const char *name,
            const char *contents)
{
  char *path = g_build_filename (scratch_dir (), name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static gint64
query_int (RapportStore *store,
           const char   *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static char *
query_text (RapportStore *store,
            const char   *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

#define assert_query_text(store, sql, expected) \
  G_STMT_START { \
    g_autofree char *_text = query_text (store, sql); \
    g_assert_cmpstr (_text, ==, expected); \
  } G_STMT_END

static gboolean
import_text (RapportStore         *store,
             const char           *text,
             RapportImportSummary *summary,
             GError              **error)
{
  g_autoptr(GPtrArray) contacts = rapport_csv_read ("customers.csv", text, strlen (text), NULL, error);

  if (contacts == NULL)
    return FALSE;
  return rapport_importer_import (store, contacts, NULL, NULL, NULL, summary, error);
}

static void
test_importer_adds (void)
{
  g_autoptr(RapportStore) store = open_book ("adds");
  g_autoptr(GError) error = NULL;
  RapportImportSummary summary;

  g_assert_true (import_text (store,
                              HEADER
                              "Ada Lovelace,Engines,ada@example.org,+44 1,,,\" VIP ;Golf;vip\",Poet,\r\n"
                              "\r\n"
                              "Grace Hopper,,,,prospect,delighted,,,\r\n",
                              &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.added, ==, 2);
  g_assert_cmpuint (summary.merged, ==, 0);
  g_assert_cmpuint (summary.skipped, ==, 1);

  /* Defaults for what the file leaves empty; tags normalised. */
  assert_query_text (store, "SELECT status || '/' || satisfaction || '/' || tags FROM customer"
                            " WHERE name = 'Ada Lovelace'", "customer/unknown/vip;golf");
  assert_query_text (store, "SELECT company || '/' || email || '/' || phone || '/' || notes"
                            " FROM customer WHERE name = 'Ada Lovelace'",
                     "Engines/ada@example.org/+44 1/Poet");
  assert_query_text (store, "SELECT status || '/' || satisfaction FROM customer WHERE name = 'Grace Hopper'",
                     "prospect/delighted");
  assert_query_text (store, "SELECT created_at || ' ' || updated_at FROM customer WHERE name = 'Grace Hopper'",
                     FAKE_NOW " " FAKE_NOW);
  /* Satisfaction given by the file counts as recorded now. */
  assert_query_text (store, "SELECT satisfaction_recorded_at FROM customer WHERE name = 'Grace Hopper'",
                     FAKE_NOW);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM customer_fts WHERE customer_fts MATCH 'poet'"), ==, 1);
}

static void
test_importer_merges_by_email (void)
{
  g_autoptr(RapportStore) store = open_book ("merge");
  g_autoptr(GError) error = NULL;
  RapportImportSummary summary;

  g_assert_true (import_text (store,
                              HEADER
                              "Ada,Engines,Ada@Example.org,111,customer,,golf,Old note,\r\n",
                              &summary, &error));
  g_assert_no_error (error);

  g_assert_true (import_text (store,
                              HEADER
                              "Ada Lovelace,,ada@example.ORG,222,,delighted,VIP;Golf,,\r\n"
                              "Grace,,grace@example.org,,,,,,\r\n"
                              ",,,,,,,,\r\n"
                              "Grace Hopper,Navy,GRACE@example.org,,,,navy,,\r\n",
                              &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.added, ==, 1);
  g_assert_cmpuint (summary.merged, ==, 2);
  g_assert_cmpuint (summary.skipped, ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM customer"), ==, 2);

  /* The book's values are kept (what the user typed is never overwritten
   * by a file), empty fields are filled, a new phone joins the old one,
   * tags unite; the summary says so. */
  assert_query_text (store,
                     "SELECT name || '/' || company || '/' || email || '/' || phone || '/' || notes"
                     "  || '/' || status || '/' || satisfaction || '/' || tags"
                     " FROM customer WHERE lower (email) = 'ada@example.org'",
                     "Ada/Engines/Ada@Example.org/111/Old note/customer/delighted/golf;vip");
  assert_query_text (store, "SELECT group_concat (value, ' ') FROM customer_value"
                            " WHERE kind = 'phone' AND customer_id = 1",
                     "111 222");
  g_assert_cmpuint (summary.values_added, ==, 1);
  g_assert_cmpuint (summary.filled, ==, 1);
  g_assert_cmpuint (summary.kept, ==, 1);
  /* Duplicates within one file merge too. */
  assert_query_text (store, "SELECT name || '/' || company || '/' || tags FROM customer"
                            " WHERE email = 'grace@example.org'",
                     "Grace Hopper/Navy/navy");
  /* Customers without an email are never merged. */
  g_assert_true (import_text (store, HEADER "Ada,,,,,,,,\r\nAda,,,,,,,,\r\n", &summary, &error));
  g_assert_cmpuint (summary.added, ==, 2);
}

static void
test_importer_merges_across_batches (void)
{
  g_autoptr(RapportStore) store = open_book ("merge-batches");
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  GString *text = g_string_new (HEADER);
  RapportImportSummary summary;

  /* Far enough apart that the first is already written when the second comes. */
  for (guint row = 1; row <= 2000; row++)
    g_string_append_printf (text, "Customer %u,,c%u@example.org,,,,t%u,,\r\n", row, row, row);
  g_string_append (text, "First Again,Acme,C1@EXAMPLE.ORG,,,,again,,2026-12-01\r\n");
  data = g_string_free (text, FALSE);

  g_assert_true (import_text (store, data, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.added, ==, 2000);
  g_assert_cmpuint (summary.merged, ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM customer"), ==, 2000);
  assert_query_text (store, "SELECT name || '/' || company || '/' || tags FROM customer"
                            " WHERE email = 'c1@example.org'", "First Again/Acme/t1;again");
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM follow_up"), ==, 1);
  /* The search index knows every customer. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM customer_fts WHERE customer_fts MATCH 'customer'"),
                   ==, 1999);
}

/* Within a file, the same name at the same company is the same person,
 * whatever the case, in ASCII or not; another company is someone else. */
static void
test_importer_merges_by_name_any_case (void)
{
  g_autoptr(RapportStore) store = open_book ("merge-name-case");
  g_autoptr(GError) error = NULL;
  RapportImportSummary summary;

  g_assert_true (import_text (store,
                              HEADER
                              "ADA LOVELACE,Analytical Engines,,,,,,,\r\n"
                              "ada lovelace,ANALYTICAL ENGINES,,,,,,first,\r\n"
                              "Anders Ångström,Émile & Cie,,,,,,,\r\n"
                              "ANDERS ÅNGSTRÖM,émile & cie,,,,,,second,\r\n"
                              "Ada Lovelace,Analytical Engines Ltd,,,,,,,\r\n"
                              "Anders Angstrom,Emile & Cie,,,,,,,\r\n",
                              &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.added, ==, 4);
  g_assert_cmpuint (summary.merged, ==, 2);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM customer WHERE notes IN ('first', 'second')"), ==, 2);
}

/* The triggers, indexes and tables of the book, as text. */
static char *
schema_text (RapportStore *store)
{
  return query_text (store, "SELECT group_concat (name || ':' || coalesce (sql, ''), '\n')"
                            " FROM (SELECT name, sql FROM sqlite_schema ORDER BY name)");
}

/* A large import takes another road (triggers set aside, the search index
 * fed once, check-ins numbered in one place): what it leaves in the book
 * is what the triggers would have made, and the triggers are back. */
static void
test_importer_large (void)
{
  g_autoptr(RapportStore) store = open_book ("large");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autofree char *schema_before = NULL;
  g_autofree char *schema_after = NULL;
  GString *cards = g_string_new (NULL);
  RapportImportSummary summary;
  gint64 seq_before;

  g_assert_true (import_text (store, HEADER "Before,,before@example.org,,,,,,2026-12-01\r\n", &summary, &error));
  g_assert_no_error (error);
  seq_before = query_int (store, "SELECT max (moved_seq) FROM follow_up");
  g_assert_cmpint (seq_before, >, 0);
  schema_before = schema_text (store);

  for (guint i = 1; i <= 1200; i++)
    g_string_append_printf (cards,
                            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person %u\r\nN:%u;Person;;;\r\n"
                            "EMAIL;TYPE=WORK,PREF:p%u@work.example\r\nEMAIL;TYPE=HOME:p%u@home.example\r\n"
                            "TEL;TYPE=CELL:+44 7700 9%05u\r\nTEL;TYPE=WORK:+44 20 7946 %04u\r\n"
                            "X-PET:cat %u\r\nX-RAPPORT-NEXT-CHECK-IN:2027-01-%02u\r\nEND:VCARD\r\n",
                            i, i, i, i, i, i % 10000, i, 1 + i % 28);
  contacts = rapport_vcard_read ("people.vcf", cards->str, cards->len, NULL, &error);
  g_string_free (cards, TRUE);
  g_assert_no_error (error);
  g_assert_true (rapport_importer_import (store, contacts, NULL, NULL, NULL, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.added, ==, 1200);

  g_assert_cmpint (query_int (store, "SELECT count (*) FROM customer_value"), ==, 1 + 1200 * 4);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM customer_vcard_property"
                                     " WHERE content LIKE 'X-PET:cat %'"), ==, 1200);
  g_assert_cmpint (query_int (store, "SELECT count (DISTINCT uid) FROM customer WHERE uid IS NOT NULL"), ==, 1201);
  g_assert_cmpint (query_int (store, "SELECT count (DISTINCT uid) FROM follow_up WHERE uid IS NOT NULL"), ==, 1201);

  /* Each check-in took the next number of the book's sequence, in file order. */
  g_assert_cmpint (query_int (store, "SELECT count (DISTINCT moved_seq) FROM follow_up"), ==, 1201);
  g_assert_cmpint (query_int (store, "SELECT min (moved_seq) FROM follow_up WHERE customer_id > 1"),
                   ==, seq_before + 1);
  g_assert_cmpint (query_int (store, "SELECT max (moved_seq) FROM follow_up"), ==, seq_before + 1200);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM (SELECT moved_seq - lag (moved_seq)"
                                     " OVER (ORDER BY customer_id) AS step FROM follow_up) WHERE step <> 1"),
                   ==, 0);

  /* Search finds every email and phone, and the index is whole. */
  g_assert_cmpint (query_int (store, "SELECT rowid FROM customer_fts WHERE customer_fts MATCH '\"p777@home.example\"'"),
                   ==, 1 + 777);
  g_assert_cmpint (query_int (store, "SELECT rowid FROM customer_fts WHERE customer_fts MATCH '447700900777'"),
                   ==, 1 + 777);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM customer_fts WHERE customer_fts MATCH 'person'"),
                   ==, 1200);
  g_assert_true (rapport_store_exec (store, "INSERT INTO customer_fts (customer_fts) VALUES ('integrity-check')",
                                     &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT coalesce ((SELECT v FROM customer_fts_config"
                                     " WHERE k = 'hashsize'), 1048576)"), ==, 1048576);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM pragma_foreign_key_check"), ==, 0);

  /* The triggers are back as they were, and work. */
  schema_after = schema_text (store);
  g_assert_cmpstr (schema_after, ==, schema_before);
  g_assert_true (rapport_store_exec (store,
                                     "INSERT INTO customer (name, created_at, updated_at) VALUES ('Later', 'x', 'x');"
                                     "INSERT INTO follow_up (customer_id, kind, due_at, created_at)"
                                     "  SELECT id, 'keep_in_touch', '2027-02-01T09:00:00Z', 'x' FROM customer"
                                     "  WHERE name = 'Later'",
                                     &error));
  g_assert_no_error (error);
  assert_query_text (store, "SELECT substr (uid, 1, 9) FROM customer WHERE name = 'Later'", "urn:uuid:");
  g_assert_cmpint (query_int (store, "SELECT moved_seq FROM follow_up JOIN customer ON customer.id = customer_id"
                                     " WHERE name = 'Later'"), ==, seq_before + 1201);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM customer_fts WHERE customer_fts MATCH 'later'"), ==, 1);
}

static void
test_importer_all_or_nothing_file (void)
{
  g_autoptr(RapportStore) store = open_book ("all-or-nothing-file");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  GString *text = g_string_new (HEADER);

  /* Row 500 is line 501: the header takes line 1. */
  for (guint row = 1; row <= 1000; row++)
    g_string_append_printf (text, "Customer %u,,c%u@example.org,,,%s,,,\r\n",
                            row, row, row == 500 ? "ecstatic" : "satisfied");
  data = g_string_free (text, FALSE);
  path = write_file ("row-500.csv", data);

  contacts = rapport_importer_read_file (path, NULL, &error);
  g_assert_null (contacts);
  g_assert_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_INVALID_VALUE);
  g_assert_true (g_str_has_prefix (error->message, "row-500.csv:501: column \"satisfaction\""));
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM customer"), ==, 0);
}

static GPtrArray *
make_contacts (guint n)
{
  GPtrArray *contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_contact_free);

  for (guint i = 1; i <= n; i++)
    {
      RapportContact *contact = rapport_contact_new ();

      contact->line = i + 1;
      g_free (contact->name);
      contact->name = g_strdup_printf ("Customer %u", i);
      g_free (contact->email);
      contact->email = g_strdup_printf ("c%u@example.org", i);
      contact->next_check_in = g_strdup ("2026-12-01");
      g_ptr_array_add (contacts, contact);
    }
  return contacts;
}

static void
test_importer_all_or_nothing_contacts (void)
{
  g_autoptr(RapportStore) store = open_book ("all-or-nothing-contacts");
  g_autoptr(GPtrArray) contacts = make_contacts (1000);
  g_autoptr(GError) error = NULL;
  RapportContact *bad = g_ptr_array_index (contacts, 499);
  RapportImportSummary summary = { 7, 7, 7 };

  /* A reader that let a bad value through: the book still refuses it whole. */
  g_free (bad->satisfaction);
  bad->satisfaction = g_strdup ("ecstatic");
  g_assert_false (rapport_importer_import (store, contacts, NULL, NULL, NULL, &summary, &error));
  g_assert_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "line 501"));
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM customer"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM follow_up"), ==, 0);
  g_assert_cmpuint (summary.added, ==, 0);
  g_assert_false (rapport_store_in_transaction (store));
}

/* A large import that fails once its rows are written, with the search
 * index's trigger, check-in numbering and indexes set aside: the book is
 * as it was, schema, search index and all. */
static void
test_importer_large_fails_whole (void)
{
  g_autoptr(RapportStore) store = open_book ("large-fails");
  g_autoptr(GPtrArray) contacts = make_contacts (1200);
  g_autoptr(GError) error = NULL;
  g_autofree char *schema_before = NULL;
  g_autofree char *schema_after = NULL;
  RapportContact *last = g_ptr_array_index (contacts, contacts->len - 1);
  RapportContactValue *bad;
  RapportImportSummary summary;

  g_assert_true (import_text (store, HEADER "Before,,before@example.org,,,,,,2026-12-01\r\n", &summary, &error));
  g_assert_no_error (error);
  schema_before = schema_text (store);

  /* The book's CHECK refuses it as the values are written, after the rows
   * (rapport_contact_value_new () would have clamped it). */
  bad = rapport_contact_value_new (RAPPORT_VALUE_EMAIL, "last@example.org", "", 0);
  bad->pref = 101;
  g_ptr_array_add (last->values, bad);
  g_assert_false (rapport_importer_import (store, contacts, NULL, NULL, NULL, &summary, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "CHECK"));
  g_assert_false (rapport_store_in_transaction (store));
  g_clear_error (&error);

  schema_after = schema_text (store);
  g_assert_cmpstr (schema_after, ==, schema_before);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM customer"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM customer_value"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM follow_up"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM customer_fts WHERE customer_fts MATCH 'customer'"),
                   ==, 0);
  g_assert_cmpint (query_int (store, "SELECT rowid FROM customer_fts WHERE customer_fts MATCH 'before'"), ==, 1);
  g_assert_true (rapport_store_exec (store, "INSERT INTO customer_fts (customer_fts) VALUES ('integrity-check')",
                                     &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT coalesce ((SELECT v FROM customer_fts_config"
                                     " WHERE k = 'hashsize'), 1048576)"), ==, 1048576);

  /* And the same file less its bad value goes in, found by search at once. */
  g_assert_true (g_ptr_array_remove (last->values, bad));
  g_assert_true (rapport_importer_import (store, contacts, NULL, NULL, NULL, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.added, ==, 1200);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM customer_fts WHERE customer_fts MATCH 'customer'"),
                   ==, 1200);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM customer WHERE uid IS NULL"), ==, 0);
  g_free (schema_after);
  schema_after = schema_text (store);
  g_assert_cmpstr (schema_after, ==, schema_before);
}

typedef struct
{
  GCancellable *cancellable;
  guint         calls;
  guint         last_done;
  guint         total;
} Progress;

static void
on_progress (guint    done,
             guint    total,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_cmpuint (done, >, progress->last_done);
  progress->calls++;
  progress->last_done = done;
  progress->total = total;
  if (progress->cancellable != NULL && done >= 2000)
    g_cancellable_cancel (progress->cancellable);
}

static void
test_importer_progress (void)
{
  g_autoptr(RapportStore) store = open_book ("progress");
  g_autoptr(GPtrArray) contacts = make_contacts (2500);
  g_autoptr(GError) error = NULL;
  Progress progress = { NULL, 0, 0, 0 };
  RapportImportSummary summary;

  g_assert_true (rapport_importer_import (store, contacts, on_progress, &progress, NULL, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (progress.calls, ==, 3);
  g_assert_cmpuint (progress.last_done, ==, 2500);
  g_assert_cmpuint (progress.total, ==, 2500);
  g_assert_cmpuint (summary.added, ==, 2500);
}

static void
test_importer_cancel (void)
{
  g_autoptr(RapportStore) store = open_book ("cancel");
  g_autoptr(GPtrArray) contacts = make_contacts (5000);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Progress progress = { cancellable, 0, 0, 0 };

  g_assert_false (rapport_importer_import (store, contacts, on_progress, &progress, cancellable,
                                           NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (progress.last_done, ==, 2000);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM customer"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM follow_up"), ==, 0);

  /* The book is usable afterwards. */
  g_clear_error (&error);
  g_cancellable_reset (cancellable);
  g_assert_true (rapport_importer_import (store, contacts, NULL, NULL, cancellable, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM customer"), ==, 5000);
}

static char *
utc_for_local (const char *local)
{
  gint64 unix_time;

  g_assert_true (rapport_time_parse_local (local, &unix_time));
  return rapport_time_format_utc (unix_time);
}

static void
test_importer_check_in (void)
{
  g_autoptr(RapportStore) store = open_book ("check-in");
  g_autoptr(GError) error = NULL;
  g_autofree char *first = utc_for_local ("2026-12-01");
  g_autofree char *moved = utc_for_local ("2026-12-24T15:30:00");
  RapportImportSummary summary;

  g_assert_true (import_text (store, HEADER "Ada,,ada@example.org,,,,,,2026-12-01\r\n", &summary, &error));
  g_assert_no_error (error);
  assert_query_text (store,
                     "SELECT kind || '/' || state || '/' || created_by || '/' || reason FROM follow_up",
                     "keep_in_touch/due/user/Check-in date from the imported file");
  assert_query_text (store, "SELECT due_at FROM follow_up", first);

  /* The same file again: no second check-in. */
  g_assert_true (import_text (store, HEADER "Ada,,ada@example.org,,,,,,2026-12-01\r\n", &summary, &error));
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM follow_up"), ==, 1);

  /* A new date moves it; minutes without seconds read as written. */
  g_assert_true (import_text (store, HEADER "Ada,,ada@example.org,,,,,,2026-12-24 15:30\r\n", &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM follow_up"), ==, 1);
  assert_query_text (store, "SELECT due_at FROM follow_up", moved);

  /* Once done it stays in the history, and the next date is a new check-in. */
  g_assert_true (rapport_store_exec (store, "UPDATE follow_up SET state = 'done'", &error));
  g_assert_true (import_text (store, HEADER "Ada,,ada@example.org,,,,,,2027-01-10\r\n", &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM follow_up WHERE state = 'done'"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM follow_up WHERE state = 'due'"), ==, 1);
}

static char *
read_bytes (const char *path,
            gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, length, &error);
  g_assert_no_error (error);
  return data;
}

static void
test_importer_csv_round_trip (void)
{
  g_autoptr(RapportStore) first = open_book ("round-trip-1");
  g_autoptr(RapportStore) second = open_book ("round-trip-2");
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path1 = g_build_filename (scratch_dir (), "export-1.csv", NULL);
  g_autofree char *path2 = g_build_filename (scratch_dir (), "export-2.csv", NULL);
  g_autofree char *bytes1 = NULL;
  g_autofree char *bytes2 = NULL;
  gsize length1, length2;

  g_assert_true (import_text (first,
                              HEADER
                              "\"Lovelace, Ada\",Engines,ada@example.org,+44 1,customer,delighted,"
                              "vip;golf,\"Said \"\"hi\"\"\r\ntwice\",2026-12-01 09:00\r\n"
                              "Zoë Ångström,,,,prospect,,,,\r\n"
                              "=1+1,@corp,,'+44 2,,,,-,\r\n"
                              "Grace,Navy,grace@example.org,,former,unhappy,navy,,2027-03-04T16:45:00\r\n",
                              NULL, &error));
  g_assert_no_error (error);
  /* Several emails and phones go out in the emails and phones columns. */
  g_assert_true (import_text (first,
                              "name,email,phone,Email Work,Mobile Phone,Home Phone\r\n"
                              "Multi,m@x.example,+1 555 0100,m2@x.example,+1 555 0101,+1 555 0102\r\n",
                              NULL, &error));
  g_assert_no_error (error);

  g_assert_true (rapport_exporter_write_file (first, path1, &error));
  g_assert_no_error (error);
  contacts = rapport_importer_read_file (path1, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (rapport_importer_import (second, contacts, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_exporter_write_file (second, path2, &error));
  g_assert_no_error (error);

  bytes1 = read_bytes (path1, &length1);
  bytes2 = read_bytes (path2, &length2);
  g_assert_cmpmem (bytes1, length1, bytes2, length2);
  g_assert_true (g_str_has_prefix (bytes1, EXPORT_HEADER "\"Lovelace, Ada\",Engines,"));
  g_assert_nonnull (strstr (bytes1, "Multi,,m@x.example,'+1 555 0100,customer,unknown,,,,m2@x.example,"
                                    "'+1 555 0101;+1 555 0102,urn:uuid:"));
  g_assert_cmpint (query_int (second, "SELECT count(*) FROM customer_value"
                                      " WHERE customer_id = (SELECT id FROM customer WHERE name = 'Multi')"), ==, 5);
  /* Formula characters leave guarded, and come back without the guard. */
  g_assert_nonnull (strstr (bytes1, "ada@example.org,'+44 1,customer"));
  g_assert_nonnull (strstr (bytes1, "\r\n'=1+1,'@corp,,'+44 2,"));
  g_assert_nonnull (strstr (bytes1, ",'-,"));
  g_assert_cmpint (query_int (second, "SELECT count(*) FROM customer WHERE name = '=1+1'"
                                      " AND company = '@corp' AND phone = '+44 2' AND notes = '-'"), ==, 1);
  g_assert_cmpint (query_int (second, "SELECT count(*) FROM customer WHERE phone = '+44 1'"), ==, 1);
  g_assert_nonnull (strstr (bytes1, ",2026-12-01 09:00,,,urn:uuid:"));
  g_assert_nonnull (strstr (bytes1, ",2027-03-04 16:45,,,urn:uuid:"));
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

static void
test_exporter_file_mode (void)
{
  g_autoptr(RapportStore) store = open_book ("mode");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (scratch_dir (), "mode.csv", NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GDir) listing = NULL;
  const char *name;

  g_assert_true (import_text (store, HEADER "Ada,,,,,,,,\r\n", NULL, &error));

  /* Replacing a world-readable file leaves a private one. */
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  umask (0);
  g_assert_true (rapport_exporter_write_file (store, path, &error));
  umask (022);
  g_assert_no_error (error);
  g_assert_cmpuint (file_mode (path), ==, 0600);

  /* No temporary file was left behind. */
  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    g_assert_false (g_str_has_prefix (name, ".mode.csv."));
}

static void
assert_export_fails (RapportStore *store,
                     const char   *path,
                     int           code,
                     const char   *message_part)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (rapport_exporter_write_file (store, path, &error));
  g_assert_error (error, RAPPORT_IMPORT_ERROR, code);
  if (strstr (error->message, message_part) == NULL)
    g_error ("expected “%s” in “%s”", message_part, error->message);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_exporter_refuses (void)
{
  g_autoptr(RapportStore) store = open_book ("refuses");
  g_autofree char *file = write_file ("plain-file", "x");
  g_autofree char *under_file = g_build_filename (file, "customers.csv", NULL);
  g_autofree char *missing = g_build_filename (scratch_dir (), "no-such-dir", "customers.csv", NULL);
  g_autofree char *odt = g_build_filename (scratch_dir (), "customers.odt", NULL);
  g_autofree char *bare = g_build_filename (scratch_dir (), "customers", NULL);

  assert_export_fails (store, under_file, RAPPORT_IMPORT_ERROR_IO, "Not a directory");
  assert_export_fails (store, missing, RAPPORT_IMPORT_ERROR_IO, "No such file or directory");
  assert_export_fails (store, odt, RAPPORT_IMPORT_ERROR_FORMAT, "\".odt\" is not a format Rapport writes");
  assert_export_fails (store, bare, RAPPORT_IMPORT_ERROR_FORMAT, "needs an extension");
}

static void
test_exporter_unwritable_dir (void)
{
  g_autofree char *dir = g_build_filename (scratch_dir (), "locked", NULL);
  g_autofree char *path = g_build_filename (dir, "customers.csv", NULL);
  g_autoptr(RapportStore) store = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("permissions do not bind root");
      return;
    }

  store = open_book ("unwritable");
  g_assert_cmpint (g_mkdir (dir, 0500), ==, 0);
  assert_export_fails (store, path, RAPPORT_IMPORT_ERROR_IO, "Permission denied");
  g_assert_cmpint (g_chmod (dir, 0700), ==, 0);
}

static void
assert_read_fails (const char *path,
                   int         code,
                   const char *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = rapport_importer_read_file (path, NULL, &error);

  g_assert_null (contacts);
  g_assert_error (error, RAPPORT_IMPORT_ERROR, code);
  if (strstr (error->message, message_part) == NULL)
    g_error ("expected “%s” in “%s”", message_part, error->message);
}

static void
test_importer_read_file (void)
{
  g_autofree char *upper = write_file ("SHOUTING.CSV", "name\r\nAda\r\n");
  g_autofree char *vcf = write_file ("cards.vcf", "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ada\r\nEND:VCARD\r\n");
  g_autofree char *xlsx = write_file ("customers.xlsx", "PK");
  g_autofree char *bare = write_file ("customers", "name\r\nAda\r\n");
  g_autofree char *folder = g_build_filename (scratch_dir (), "folder.csv", NULL);
  g_autofree char *missing = g_build_filename (scratch_dir (), "missing.csv", NULL);
  g_autofree char *huge = g_build_filename (scratch_dir (), "huge.csv", NULL);
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GError) error = NULL;
  int fd;

  contacts = rapport_importer_read_file (upper, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, 1);
  g_clear_pointer (&contacts, g_ptr_array_unref);

  contacts = rapport_importer_read_file (vcf, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, 1);
  g_assert_cmpstr (((RapportContact *) contacts->pdata[0])->name, ==, "Ada");

  assert_read_fails (xlsx, RAPPORT_IMPORT_ERROR_FORMAT, "customers.xlsx: \".xlsx\" files are not supported");
  assert_read_fails (bare, RAPPORT_IMPORT_ERROR_FORMAT, "no extension");

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  assert_read_fails (folder, RAPPORT_IMPORT_ERROR_IO, "is a folder");
  assert_read_fails (missing, RAPPORT_IMPORT_ERROR_IO, "No such file or directory");

  /* A sparse file: big on paper, cheap to make. */
  fd = g_open (huge, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, RAPPORT_IMPORT_MAX_FILE_SIZE + 1), ==, 0);
  close (fd);
  assert_read_fails (huge, RAPPORT_IMPORT_ERROR_IO, "more than the limit of");
}

static void
test_importer_read_file_unreadable (void)
{
  g_autofree char *path = write_file ("secret.csv", "name\r\nAda\r\n");

  if (geteuid () == 0)
    {
      g_test_skip ("permissions do not bind root");
      return;
    }

  g_assert_cmpint (g_chmod (path, 0000), ==, 0);
  assert_read_fails (path, RAPPORT_IMPORT_ERROR_IO, "Permission denied");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_setenv ("RAPPORT_FAKE_NOW", FAKE_NOW, TRUE);

  g_test_add_func ("/importer/adds", test_importer_adds);
  g_test_add_func ("/importer/merges-by-email", test_importer_merges_by_email);
  g_test_add_func ("/importer/merges-by-name-any-case", test_importer_merges_by_name_any_case);
  g_test_add_func ("/importer/merges-across-batches", test_importer_merges_across_batches);
  g_test_add_func ("/importer/large", test_importer_large);
  g_test_add_func ("/importer/large-fails-whole", test_importer_large_fails_whole);
  g_test_add_func ("/importer/all-or-nothing/file", test_importer_all_or_nothing_file);
  g_test_add_func ("/importer/all-or-nothing/contacts", test_importer_all_or_nothing_contacts);
  g_test_add_func ("/importer/progress", test_importer_progress);
  g_test_add_func ("/importer/cancel", test_importer_cancel);
  g_test_add_func ("/importer/check-in", test_importer_check_in);
  g_test_add_func ("/importer/csv-round-trip", test_importer_csv_round_trip);
  g_test_add_func ("/importer/read-file", test_importer_read_file);
  g_test_add_func ("/importer/read-file-unreadable", test_importer_read_file_unreadable);
  g_test_add_func ("/exporter/file-mode", test_exporter_file_mode);
  g_test_add_func ("/exporter/refuses", test_exporter_refuses);
  g_test_add_func ("/exporter/unwritable-dir", test_exporter_unwritable_dir);

  return g_test_run ();
}
