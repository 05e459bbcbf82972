/* test-sync-schema.c: the book's schema for sync (version 4)
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "rapport-follow-ups.h"
#include "rapport-interaction.h"
#include "rapport-playbook-settings.h"
#include "rapport-schema.h"
#include "rapport-store.h"

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

static void
exec_ok (RapportStore *store,
         const char   *sql)
{
  g_autoptr(GError) error = NULL;

  rapport_store_exec (store, sql, &error);
  g_assert_no_error (error);
}

/* A book as version 3 wrote it, with the given customer UID. */
static char *
write_version_3_book (const char *name,
                      const char *customer_uid)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), name, NULL);
  char *path = g_build_filename (dir, "rapport.db", NULL);
  g_autofree char *stamp = g_strdup_printf ("PRAGMA user_version = 3; PRAGMA application_id = %d;",
                                            RAPPORT_STORE_APPLICATION_ID);
  g_autofree char *rows = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 1, NULL);
  for (guint v = 0; v < 3; v++)
    g_assert_cmpint (sqlite3_exec (db, rapport_schema_migrations[v], NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, stamp, NULL, NULL, NULL), ==, SQLITE_OK);
  rows = g_strdup_printf ("INSERT INTO customer (id, uid, name, created_at, updated_at)"
                          " VALUES (1, '%s', 'Ada', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),"
                          "  (2, NULL, 'Bob', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');"
                          "INSERT INTO sale (id, customer_id, product, closed_on, created_at)"
                          " VALUES (1, 1, 'Engine', '2026-02-01', '2026-02-01T00:00:00Z');"
                          "INSERT INTO follow_up (customer_id, kind, due_at, created_by, rule_key,"
                          "  created_at) VALUES"
                          " (1, 'keep_in_touch', '2026-05-01T09:00:00Z', 'playbook',"
                          "  'keep-in-touch:1767225600', '2026-01-01T00:00:00Z'),"
                          " (1, 'delivery_check_in', '2026-02-04T09:00:00Z', 'playbook',"
                          "  'sale:1:delivery:1', '2026-02-01T00:00:00Z'),"
                          " (2, 'keep_in_touch', '2026-03-01T09:00:00Z', 'user', NULL,"
                          "  '2026-01-01T00:00:00Z');"
                          "INSERT INTO interaction (customer_id, happened_at, kind, summary) VALUES"
                          " (1, '2026-01-02T10:00:00Z', 'call', 'Kick-off'),"
                          " (2, '2026-01-03T10:00:00Z', 'email', '');",
                          customer_uid);
  g_assert_cmpint (sqlite3_exec (db, rows, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  return path;
}

/* A version 3 book opens as version 4 with every follow-up and contact
 * given a UID; the keep-in-touch item's is the customer's UID and its rule
 * key, the same on every laptop holding that customer, the others are
 * random and distinct. */
static void
test_migration_from_version_3 (void)
{
  g_autofree char *path_a = write_version_3_book ("a", "urn:uuid:0190aaaa-0000-7000-8000-000000000001");
  g_autofree char *path_b = write_version_3_book ("b", "urn:uuid:0190aaaa-0000-7000-8000-000000000001");
  g_autoptr(RapportStore) a = NULL;
  g_autoptr(RapportStore) b = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shared_a = NULL;
  g_autofree char *shared_b = NULL;
  g_autofree char *sale_a = NULL;
  g_autofree char *sale_b = NULL;

  a = rapport_store_open (path_a, &error);
  g_assert_no_error (error);
  b = rapport_store_open (path_b, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rapport_store_get_schema_version (a), ==, RAPPORT_STORE_SCHEMA_VERSION);

  g_assert_cmpint (query_int (a, "SELECT count(*) FROM follow_up WHERE uid IS NULL"), ==, 0);
  g_assert_cmpint (query_int (a, "SELECT count(DISTINCT uid) FROM follow_up"), ==, 3);
  g_assert_cmpint (query_int (a, "SELECT count(*) FROM interaction WHERE uid LIKE 'urn:uuid:%'"), ==, 2);
  g_assert_cmpint (query_int (a, "SELECT count(DISTINCT uid) FROM interaction"), ==, 2);
  g_assert_cmpint (query_int (a, "SELECT count(*) FROM interaction WHERE logged_by IS NULL"), ==, 2);

  shared_a = query_text (a, "SELECT uid FROM follow_up WHERE rule_key LIKE 'keep-in-touch:%'");
  shared_b = query_text (b, "SELECT uid FROM follow_up WHERE rule_key LIKE 'keep-in-touch:%'");
  g_assert_cmpstr (shared_a, ==, "urn:uuid:0190aaaa-0000-7000-8000-000000000001#keep-in-touch:1767225600");
  g_assert_cmpstr (shared_a, ==, shared_b);
  /* A sale's number is this book's own: its item is not shared. */
  sale_a = query_text (a, "SELECT uid FROM follow_up WHERE rule_key LIKE 'sale:%'");
  sale_b = query_text (b, "SELECT uid FROM follow_up WHERE rule_key LIKE 'sale:%'");
  g_assert_true (g_str_has_prefix (sale_a, "urn:uuid:"));
  g_assert_cmpstr (sale_a, !=, sale_b);

  /* No account: nothing is queued for a server, and the sync tables exist. */
  exec_ok (a, "UPDATE customer SET name = 'Ada L.' WHERE id = 1");
  g_assert_cmpint (query_int (a, "SELECT count(*) FROM sync_outbox"), ==, 0);
  g_assert_cmpint (query_int (a, "SELECT count(*) FROM sync_account"), ==, 0);
  g_assert_cmpint (query_int (a, "SELECT count(*) FROM sqlite_master WHERE name LIKE 'sync_%'"
                                 " AND type = 'trigger'"), ==, 0);

  /* UIDs stay unique. */
  g_assert_false (rapport_store_exec (a, "UPDATE follow_up SET uid = (SELECT min (uid) FROM follow_up)",
                                      NULL));
}

/* New rows get UIDs whoever writes them: the playbook (shared keys
 * derived), the user, the contact log, and another tool's plain INSERT. */
static void
test_new_rows_get_uids (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "new", "rapport.db", NULL);
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(RapportInteraction) contact = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *customer_uid = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *derived = NULL;
  g_autofree char *rule_key = NULL;
  RapportPlaybookSettings settings;
  gint64 now = 1793264400;  /* 2026-10-30 */
  gint64 id;

  store = rapport_store_open (path, &error);
  g_assert_no_error (error);
  rapport_playbook_settings_init_defaults (&settings);
  exec_ok (store, "INSERT INTO customer (id, name, created_at, updated_at)"
                  " VALUES (1, 'Ada', '2026-01-05T10:00:00Z', '2026-01-05T10:00:00Z')");
  g_assert_true (rapport_follow_ups_sync_customer (store, 1, &settings, now, &error));
  g_assert_no_error (error);

  customer_uid = query_text (store, "SELECT uid FROM customer WHERE id = 1");
  derived = query_text (store, "SELECT uid FROM follow_up WHERE rule_key LIKE 'keep-in-touch:%'");
  rule_key = query_text (store, "SELECT rule_key FROM follow_up WHERE rule_key LIKE 'keep-in-touch:%'");
  expected = g_strconcat (customer_uid, "#", rule_key, NULL);
  g_assert_cmpstr (derived, ==, expected);

  id = rapport_follow_up_add (store, 1, "keep_in_touch", now + 86400, "Lunch", NULL, now, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM follow_up WHERE created_by = 'user'"
                                     " AND uid LIKE 'urn:uuid:%'"), ==, 1);

  contact = rapport_interaction_new (1, "call", now, "Lunch booked");
  g_assert_true (rapport_interaction_save (contact, store, &error));
  g_assert_no_error (error);
  exec_ok (store, "INSERT INTO interaction (customer_id, happened_at, kind)"
                  " VALUES (1, '2026-10-29T10:00:00Z', 'email')");
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM interaction WHERE uid LIKE 'urn:uuid:%'"), ==, 2);
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT uid) FROM interaction"), ==, 2);
}

/* A shared check-in that arrived from another laptop (as the user's own,
 * with the UID both derive) is adopted by this book's playbook when it
 * derives the same item, not doubled and not refused. */
static void
test_shared_item_adopted (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "adopt", "rapport.db", NULL);
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *key = NULL;
  g_autofree char *insert = NULL;
  RapportPlaybookSettings settings;
  gint64 now = 1793264400;

  store = rapport_store_open (path, &error);
  g_assert_no_error (error);
  rapport_playbook_settings_init_defaults (&settings);
  exec_ok (store, "INSERT INTO customer (id, name, created_at, updated_at)"
                  " VALUES (1, 'Ada', '2026-01-05T10:00:00Z', '2026-01-05T10:00:00Z')");
  g_assert_true (rapport_follow_ups_sync_customer (store, 1, &settings, now, &error));
  uid = query_text (store, "SELECT uid FROM follow_up WHERE rule_key LIKE 'keep-in-touch:%'");
  key = query_text (store, "SELECT rule_key FROM follow_up WHERE rule_key LIKE 'keep-in-touch:%'");

  insert = g_strdup_printf ("DELETE FROM follow_up;"
                            "INSERT INTO follow_up (customer_id, kind, due_at, reason, created_by,"
                            "  created_at, uid) VALUES (1, 'keep_in_touch', '2026-12-24T09:00:00Z',"
                            "  'From the other laptop', 'user', '2026-10-30T00:00:00Z', '%s')", uid);
  exec_ok (store, insert);
  g_assert_true (rapport_follow_ups_sync_customer (store, 1, &settings, now, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM follow_up"), ==, 1);
  g_free (insert);
  insert = g_strdup_printf ("SELECT count(*) FROM follow_up WHERE created_by = 'playbook'"
                            " AND rule_key = '%s'", key);
  g_assert_cmpint (query_int (store, insert), ==, 1);
}

/* With the sync triggers in place (an account set up) every change to a
 * customer, their values, follow-ups and contacts is queued once per item;
 * the book still opens (its schema is Rapport's own), and dropping them
 * leaves it queue-free again. */
static void
test_sync_triggers_queue_changes (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "queue", "rapport.db", NULL);
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 seq;

  store = rapport_store_open (path, &error);
  g_assert_no_error (error);
  exec_ok (store, rapport_schema_sync_triggers);
  exec_ok (store, "INSERT INTO customer (id, name, created_at, updated_at)"
                  " VALUES (1, 'Ada', '2026-01-05T10:00:00Z', '2026-01-05T10:00:00Z');"
                  "INSERT INTO customer_value (customer_id, kind, value) VALUES (1, 'email', 'a@x.example');"
                  "INSERT INTO interaction (customer_id, happened_at, kind)"
                  " VALUES (1, '2026-10-29T10:00:00Z', 'email');"
                  "INSERT INTO follow_up (customer_id, kind, due_at, created_at)"
                  " VALUES (1, 'keep_in_touch', '2026-12-01T09:00:00Z', '2026-10-29T10:00:00Z');");
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM sync_outbox"), ==, 3);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM sync_outbox WHERE op = 'put'"
                                     " AND uid IN (SELECT uid FROM customer UNION SELECT uid FROM"
                                     " interaction UNION SELECT uid FROM follow_up)"), ==, 3);

  /* A later change to the same customer takes a later number. */
  seq = query_int (store, "SELECT queued_seq FROM sync_outbox WHERE kind = 'customer'");
  exec_ok (store, "UPDATE customer_value SET value = 'ada@x.example'");
  g_assert_cmpint (query_int (store, "SELECT queued_seq FROM sync_outbox WHERE kind = 'customer'"), >, seq);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM sync_outbox"), ==, 3);

  /* A follow-up's rewording alone is not queued; a move is. */
  exec_ok (store, "DELETE FROM sync_outbox");
  exec_ok (store, "UPDATE follow_up SET reason = 'No contact for 92 days'");
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM sync_outbox"), ==, 0);
  exec_ok (store, "UPDATE follow_up SET due_at = '2026-12-02T09:00:00Z'");
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM sync_outbox WHERE kind = 'follow_up'"), ==, 1);

  /* Deleting the customer deletes everything of theirs on the server. */
  exec_ok (store, "DELETE FROM sync_outbox; DELETE FROM customer WHERE id = 1");
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM sync_outbox WHERE op = 'delete'"), ==, 3);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM sync_outbox WHERE op = 'put'"), ==, 0);

  /* The triggers are Rapport's own: the book opens again. */
  g_clear_object (&store);
  store = rapport_store_open (path, &error);
  g_assert_no_error (error);

  exec_ok (store, rapport_schema_sync_triggers_drop);
  exec_ok (store, "DELETE FROM sync_outbox;"
                  "INSERT INTO customer (id, name, created_at, updated_at)"
                  " VALUES (2, 'Bob', '2026-01-05T10:00:00Z', '2026-01-05T10:00:00Z')");
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM sync_outbox"), ==, 0);
}

/* A trigger on a sync table that Rapport does not create is still refused. */
static void
test_foreign_sync_trigger_refused (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "foreign", "rapport.db", NULL);
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = rapport_store_open (path, &error);
  g_assert_no_error (error);
  exec_ok (store, "CREATE TRIGGER sync_customer_insert AFTER INSERT ON customer BEGIN"
                  "  UPDATE customer SET email = 'evil@example.org'; END;");
  g_clear_object (&store);

  store = rapport_store_open (path, &error);
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_FOREIGN_SCHEMA);
  g_assert_null (store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sync-schema/migration-from-version-3", test_migration_from_version_3);
  g_test_add_func ("/sync-schema/new-rows-get-uids", test_new_rows_get_uids);
  g_test_add_func ("/sync-schema/shared-item-adopted", test_shared_item_adopted);
  g_test_add_func ("/sync-schema/triggers-queue-changes", test_sync_triggers_queue_changes);
  g_test_add_func ("/sync-schema/foreign-trigger-refused", test_foreign_sync_trigger_refused);
  return g_test_run ();
}
