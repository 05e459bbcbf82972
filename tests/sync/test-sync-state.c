/* test-sync-state.c: the sync account, the queue and the conflicts in a book
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-sync-account.h"
#include "rapport-sync-error.h"
#include "rapport-sync-state.h"

static RapportStore *
open_book (const char *name)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), name, "rapport.db", NULL);
  g_autoptr(GError) error = NULL;
  RapportStore *store = rapport_store_open (path, &error);

  g_assert_no_error (error);
  return store;
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

static void
exec_ok (RapportStore *store,
         const char   *sql)
{
  g_autoptr(GError) error = NULL;

  rapport_store_exec (store, sql, &error);
  g_assert_no_error (error);
}

static void
fill (RapportStore *store)
{
  exec_ok (store,
           "INSERT INTO customer (id, name, created_at, updated_at) VALUES"
           " (1, 'Ada', '2026-01-05T10:00:00Z', '2026-01-05T10:00:00Z'),"
           " (2, 'Bob', '2026-01-05T10:00:00Z', '2026-01-05T10:00:00Z');"
           "INSERT INTO follow_up (customer_id, kind, due_at, created_at, state) VALUES"
           " (1, 'keep_in_touch', '2026-12-01T09:00:00Z', '2026-10-29T10:00:00Z', 'due'),"
           " (1, 'keep_in_touch', '2026-02-01T09:00:00Z', '2026-01-29T10:00:00Z', 'done');"
           /* Bob's first contact is years old but his last; Ada's old one is not. */
           "INSERT INTO interaction (customer_id, happened_at, kind) VALUES"
           " (1, '2019-01-01T10:00:00Z', 'call'),"
           " (1, strftime ('%Y-%m-%dT%H:%M:%SZ', 'now', '-2 days'), 'email'),"
           " (2, '2019-01-01T10:00:00Z', 'call');");
}

static RapportSyncAccount *
account_for (const char *addressbook)
{
  RapportSyncAccount *account = g_new0 (RapportSyncAccount, 1);

  account->server_url = g_strdup ("https://dav.example.org/");
  account->user_name = g_strdup ("ada");
  account->addressbook_url = g_strdup (addressbook);
  account->tasks_url = g_strdup ("https://dav.example.org/ada/tasks/");
  return account;
}

/* Setting the account up queues what the book holds (customers, open
 * check-ins, recent contacts and each customer's last) and turns the
 * triggers on; removing it turns them off again. */
static void
test_account_setup_queues_the_book (void)
{
  g_autoptr(RapportStore) store = open_book ("setup");
  g_autoptr(RapportSyncAccount) account = account_for ("https://dav.example.org/ada/book/");
  g_autoptr(RapportSyncAccount) loaded = NULL;
  g_autoptr(GError) error = NULL;

  fill (store);
  g_assert_null (rapport_sync_account_load (store, &error));
  g_assert_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_NOT_SET_UP);
  g_clear_error (&error);

  g_assert_true (rapport_sync_account_save (store, account, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM sync_outbox WHERE kind = 'customer'"), ==, 2);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM sync_outbox WHERE kind = 'follow_up'"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM sync_outbox WHERE kind = 'interaction'"), ==, 2);
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT queued_seq) FROM sync_outbox"), ==, 5);

  loaded = rapport_sync_account_load (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->addressbook_url, ==, "https://dav.example.org/ada/book/");
  g_assert_cmpstr (rapport_sync_account_get_author (loaded), ==, "ada");
  g_assert_null (loaded->addressbook_token);

  /* A change now is queued by the triggers. */
  exec_ok (store, "DELETE FROM sync_outbox; UPDATE customer SET notes = 'Met at the fair' WHERE id = 2");
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM sync_outbox WHERE kind = 'customer'"), ==, 1);

  /* Tokens are kept when the account is saved with the same collections … */
  g_assert_true (rapport_sync_account_set_token (store, "addressbook", "token-1", NULL, &error));
  g_assert_true (rapport_sync_account_save (store, account, &error));
  g_clear_pointer (&loaded, rapport_sync_account_free);
  loaded = rapport_sync_account_load (store, &error);
  g_assert_cmpstr (loaded->addressbook_token, ==, "token-1");
  /* … and forgotten, with what was known of the server, for new ones. */
  exec_ok (store, "INSERT INTO sync_resource (collection, href, kind) VALUES ('addressbook', 'x', 'other')");
  g_free (account->addressbook_url);
  account->addressbook_url = g_strdup ("https://dav.example.org/ada/other/");
  g_assert_true (rapport_sync_account_save (store, account, &error));
  g_clear_pointer (&loaded, rapport_sync_account_free);
  loaded = rapport_sync_account_load (store, &error);
  g_assert_null (loaded->addressbook_token);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM sync_resource"), ==, 0);

  g_assert_true (rapport_sync_account_record_result (store, 1793264400, "Server down", &error));
  g_clear_pointer (&loaded, rapport_sync_account_free);
  loaded = rapport_sync_account_load (store, &error);
  g_assert_cmpint (loaded->last_sync_at, ==, 1793264400);
  g_assert_cmpstr (loaded->last_error, ==, "Server down");

  g_assert_true (rapport_sync_account_remove (store, &error));
  g_assert_no_error (error);
  exec_ok (store, "UPDATE customer SET notes = 'Again' WHERE id = 2");
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM sync_outbox"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
                                     " AND name LIKE 'sync_%'"), ==, 0);
}

/* An item changed again while it was being sent stays queued. */
static void
test_outbox_keeps_newer_changes (void)
{
  g_autoptr(RapportStore) store = open_book ("outbox");
  g_autoptr(RapportSyncAccount) account = account_for ("https://dav.example.org/ada/book/");
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  RapportSyncOutboxItem *ada;

  fill (store);
  g_assert_true (rapport_sync_account_save (store, account, &error));
  items = rapport_sync_state_outbox (store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 5);
  ada = g_ptr_array_index (items, 0);
  g_assert_cmpstr (ada->kind, ==, "customer");
  g_assert_cmpint (ada->local_id, ==, 1);
  g_assert_false (ada->delete);

  exec_ok (store, "UPDATE customer SET notes = 'Changed meanwhile' WHERE id = 1");
  g_assert_true (rapport_sync_state_outbox_done (store, ada, &error));
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM sync_outbox WHERE local_id = 1"
                                     " AND kind = 'customer'"), ==, 1);
  ada->queued_seq = rapport_sync_state_outbox_seq (store, "customer", ada->uid, &error);
  g_assert_true (rapport_sync_state_outbox_done (store, ada, &error));
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM sync_outbox WHERE local_id = 1"
                                     " AND kind = 'customer'"), ==, 0);
  g_assert_cmpuint (rapport_sync_state_outbox_count (store, &error), ==, 4);

  /* What the engine's own write queued after a number is dropped. */
  exec_ok (store, "UPDATE customer SET notes = 'From the server' WHERE id = 1");
  g_assert_true (rapport_sync_state_outbox_drop_since (store, "customer", ada->uid, 0, &error));
  g_assert_cmpuint (rapport_sync_state_outbox_count (store, &error), ==, 4);

  /* A deleted customer goes as a deletion by UID. */
  exec_ok (store, "DELETE FROM customer WHERE id = 2");
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM sync_outbox WHERE op = 'delete'"
                                     " AND kind = 'customer'"), ==, 1);
}

static void
test_resources_and_conflicts (void)
{
  g_autoptr(RapportStore) store = open_book ("resources");
  g_autoptr(RapportSyncResource) found = NULL;
  g_autoptr(GHashTable) etags = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(RapportSyncConflict) conflict = NULL;
  g_autoptr(GError) error = NULL;
  RapportSyncResource resource = {
    .collection = (char *) "addressbook", .href = (char *) "https://d/ada/book/1.vcf",
    .uid = (char *) "urn:uuid:1", .etag = (char *) "\"e1\"", .kind = (char *) "customer",
    .local_id = 1, .base = (char *) "BEGIN:VCARD",
  };

  g_assert_true (rapport_sync_state_record (store, &resource, &error));
  resource.etag = (char *) "\"e2\"";
  g_assert_true (rapport_sync_state_record (store, &resource, &error));
  g_assert_no_error (error);
  found = rapport_sync_state_find_by_uid (store, "customer", "urn:uuid:1", &error);
  g_assert_nonnull (found);
  g_assert_cmpstr (found->etag, ==, "\"e2\"");
  g_assert_cmpstr (found->base, ==, "BEGIN:VCARD");
  g_assert_null (rapport_sync_state_find_by_href (store, "tasks", resource.href, &error));
  g_assert_no_error (error);
  etags = rapport_sync_state_etags (store, "addressbook", &error);
  g_assert_cmpstr (g_hash_table_lookup (etags, resource.href), ==, "\"e2\"");
  g_assert_true (rapport_sync_state_forget (store, "addressbook", resource.href, &error));
  g_clear_pointer (&found, rapport_sync_resource_free);
  g_assert_null (rapport_sync_state_find_by_uid (store, "customer", "urn:uuid:1", &error));

  /* One open conflict per field: a newer one replaces it. */
  g_assert_true (rapport_sync_state_add_conflict (store, "customer", 1, "urn:uuid:1", "notes",
                                                  "Here", "There", 100, &error));
  g_assert_true (rapport_sync_state_add_conflict (store, "customer", 1, "urn:uuid:1", "notes",
                                                  "Here", "Over there", 200, &error));
  g_assert_true (rapport_sync_state_add_conflict (store, "customer", 1, "urn:uuid:1", "company",
                                                  "A", "B", 200, &error));
  g_assert_cmpuint (rapport_sync_state_conflict_count (store, &error), ==, 2);
  conflicts = rapport_sync_state_conflicts (store, &error);
  conflict = rapport_sync_state_get_conflict (store, ((RapportSyncConflict *) conflicts->pdata[0])->id,
                                              &error);
  g_assert_cmpstr (conflict->remote_value, ==, "Over there");
  g_assert_cmpstr (conflict->local_value, ==, "Here");
  g_assert_true (rapport_sync_state_mark_resolved (store, conflict->id, 300, &error));
  g_assert_cmpuint (rapport_sync_state_conflict_count (store, &error), ==, 1);
  g_assert_null (rapport_sync_state_get_conflict (store, conflict->id, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sync-state/account/setup-queues-the-book", test_account_setup_queues_the_book);
  g_test_add_func ("/sync-state/outbox/keeps-newer-changes", test_outbox_keeps_newer_changes);
  g_test_add_func ("/sync-state/resources-and-conflicts", test_resources_and_conflicts);
  return g_test_run ();
}
