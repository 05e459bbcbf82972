/* test-customer.c: customers and the lazy customer list
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-customer-list.h"
#include "rapport-time.h"

static RapportStore *
open_test_store (void)
{
  g_autofree char *path = rapport_store_default_path ();
  g_autoptr(GError) error = NULL;
  RapportStore *store = rapport_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static RapportCustomer *
add_customer (RapportStore *store,
              const char   *name,
              const char   *company,
              const char   *status,
              const char   *tags)
{
  g_autoptr(GError) error = NULL;
  RapportCustomer *customer = rapport_customer_new ();

  rapport_customer_set_name (customer, name);
  rapport_customer_set_company (customer, company);
  rapport_customer_set_status (customer, status);
  rapport_customer_set_tags (customer, tags);
  g_assert_true (rapport_customer_save (customer, store, &error));
  g_assert_no_error (error);
  return customer;
}

static void
test_customer_save_load (void)
{
  g_autoptr(RapportStore) store = open_test_store ();
  g_autoptr(RapportCustomer) ada = add_customer (store, "  Ada Lovelace ", "Analytical Engines",
                                                 "prospect", " VIP; engines ;vip,,");
  g_autoptr(RapportCustomer) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (rapport_customer_get_id (ada), >, 0);
  loaded = rapport_customer_load (store, rapport_customer_get_id (ada), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_customer_get_name (loaded), ==, "Ada Lovelace");
  g_assert_cmpstr (rapport_customer_get_company (loaded), ==, "Analytical Engines");
  g_assert_cmpstr (rapport_customer_get_status (loaded), ==, "prospect");
  g_assert_cmpstr (rapport_customer_get_satisfaction (loaded), ==, "unknown");
  g_assert_cmpstr (rapport_customer_get_tags (loaded), ==, "vip;engines");
  g_assert_cmpint (rapport_customer_get_min_gap_days (loaded), ==, -1);
  g_assert_cmpint (rapport_customer_get_next_check_in (loaded), ==, 0);

  /* A missing customer is an error, not a crash. */
  g_assert_null (rapport_customer_load (store, 424242, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND);
}

static void
count_signal (guint *count)
{
  (*count)++;
}

/* A placeholder filled by a worker's read changes a dozen fields: its
 * row hears of it once, through ::changed, after every notification. */
static void
test_customer_changed_once (void)
{
  g_autoptr(RapportStore) store = open_test_store ();
  g_autoptr(RapportCustomer) ada = add_customer (store, "Ada Lovelace", "Analytical Engines",
                                                 "prospect", "vip");
  g_autoptr(RapportCustomer) read = rapport_customer_load (store, rapport_customer_get_id (ada), NULL);
  g_autoptr(RapportCustomer) shown = rapport_customer_new_placeholder (rapport_customer_get_id (ada));
  guint notified = 0, changed = 0;

  g_signal_connect_swapped (shown, "notify", G_CALLBACK (count_signal), &notified);
  g_signal_connect_swapped (shown, "changed", G_CALLBACK (count_signal), &changed);
  rapport_customer_update_from (shown, read);
  g_assert_cmpuint (notified, >=, 4);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpstr (rapport_customer_get_name (shown), ==, "Ada Lovelace");

  /* A field set on its own is a change of its own. */
  rapport_customer_set_company (shown, "Difference Engines");
  g_assert_cmpuint (changed, ==, 2);
}

static void
test_customer_validation (void)
{
  g_autoptr(RapportStore) store = open_test_store ();
  g_autoptr(RapportCustomer) customer = rapport_customer_new ();
  g_autoptr(GError) error = NULL;

  rapport_customer_set_name (customer, "   ");
  g_assert_false (rapport_customer_save (customer, store, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID);
  g_clear_error (&error);

  rapport_customer_set_name (customer, "Grace");
  rapport_customer_set_status (customer, "vip");
  g_assert_false (rapport_customer_save (customer, store, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“vip”"));
  g_assert_cmpint (rapport_customer_count (store, NULL), ==, 0);
}

static void
test_customer_satisfaction_recorded (void)
{
  g_autoptr(RapportStore) store = open_test_store ();
  g_autoptr(RapportCustomer) customer = add_customer (store, "Grace", "", "customer", "");
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStmt) stmt = NULL;

  g_setenv ("RAPPORT_FAKE_NOW", "2026-03-01T10:00:00Z", TRUE);
  rapport_customer_set_satisfaction (customer, "delighted");
  g_assert_true (rapport_customer_save (customer, store, &error));
  g_setenv ("RAPPORT_FAKE_NOW", "2026-04-01T10:00:00Z", TRUE);
  rapport_customer_set_notes (customer, "Loves the new dashboard");
  g_assert_true (rapport_customer_save (customer, store, &error));
  g_unsetenv ("RAPPORT_FAKE_NOW");

  /* Editing other fields keeps the date satisfaction was recorded. */
  stmt = rapport_store_prepare (store, "SELECT satisfaction_recorded_at FROM customer WHERE id = ?", &error);
  sqlite3_bind_int64 (stmt, 1, rapport_customer_get_id (customer));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "2026-03-01T10:00:00Z");
}

static void
test_customer_cadence (void)
{
  g_autoptr(RapportStore) store = open_test_store ();
  g_autoptr(RapportCustomer) customer = add_customer (store, "Radia", "", "customer", "");
  g_autoptr(RapportCustomer) loaded = NULL;
  g_autoptr(GError) error = NULL;

  rapport_customer_set_cadence (customer, 30, 45);
  g_assert_true (rapport_customer_save (customer, store, &error));
  loaded = rapport_customer_load (store, rapport_customer_get_id (customer), &error);
  g_assert_cmpint (rapport_customer_get_ideal_interval_days (loaded), ==, 30);
  g_assert_cmpint (rapport_customer_get_latest_interval_days (loaded), ==, 45);

  /* Overdue before due makes no sense; the book keeps the old cadence. */
  rapport_customer_set_cadence (customer, 60, 20);
  g_assert_false (rapport_customer_save (customer, store, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID);
  g_assert_true (rapport_customer_reload (loaded, store, NULL));
  g_assert_cmpint (rapport_customer_get_ideal_interval_days (loaded), ==, 30);

  /* 0 hands it back to the tags and the preferences. */
  rapport_customer_set_cadence (customer, 0, 0);
  g_clear_error (&error);
  g_assert_true (rapport_customer_save (customer, store, &error));
  g_assert_true (rapport_customer_reload (loaded, store, NULL));
  g_assert_cmpint (rapport_customer_get_ideal_interval_days (loaded), ==, -1);
}

static void
test_fts_query (void)
{
  g_autofree char *plain = rapport_fts_query_from_text ("ada lov");
  g_autofree char *hostile = rapport_fts_query_from_text ("\"a\" AND b* NEAR(c:d)");
  g_autofree char *nothing = rapport_fts_query_from_text (" -- !! ");

  g_assert_cmpstr (plain, ==, "\"ada\"* \"lov\"*");
  g_assert_cmpstr (hostile, ==, "\"\"\"a\"\"\"* \"AND\"* \"b*\"* \"NEAR(c:d)\"*");
  g_assert_null (nothing);
}

static void
wait_loaded (RapportCustomerList *list)
{
  while (rapport_customer_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);
}

static char *
name_at (RapportCustomerList *list,
         guint                position)
{
  g_autoptr(RapportCustomer) customer = g_list_model_get_item (G_LIST_MODEL (list), position);

  return g_strdup (rapport_customer_get_name (customer));
}

static void
test_customer_list_search_filter (void)
{
  g_autoptr(RapportStore) store = open_test_store ();
  g_autoptr(RapportCustomerList) list = NULL;
  g_autofree char *first = NULL;
  g_autofree char *found = NULL;

  g_object_unref (add_customer (store, "Zoë Ångström", "Nordic Widgets", "customer", "vip"));
  g_object_unref (add_customer (store, "ada Lovelace", "Engines", "prospect", "engines"));
  g_object_unref (add_customer (store, "Bob Smith", "Widgets Inc", "former", "vip;retail"));

  list = rapport_customer_list_new (store);
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  first = name_at (list, 0);
  g_assert_cmpstr (first, ==, "ada Lovelace");  /* case-insensitive order */

  /* Prefix search over company, diacritics folded. */
  rapport_customer_list_set_search (list, "widg angst");
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  found = name_at (list, 0);
  g_assert_cmpstr (found, ==, "Zoë Ångström");

  /* Text FTS5 would treat as syntax is searched for, not an error. */
  rapport_customer_list_set_search (list, "\"AND NEAR(");
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_true (rapport_customer_list_get_filtered (list));

  rapport_customer_list_set_search (list, "");
  rapport_customer_list_set_filter (list, NULL, NULL, "VIP", FALSE);
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);

  rapport_customer_list_set_filter (list, "former", NULL, "vip", FALSE);
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);

  rapport_customer_list_set_filter (list, NULL, NULL, NULL, FALSE);
  wait_loaded (list);
  g_assert_false (rapport_customer_list_get_filtered (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
}

typedef struct { guint position, removed, added, calls, most_in_view, most_below_added, most_come_up; gboolean big_replace, removed_last; } Change;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Change     *change)
{
  change->position = position;
  change->removed = removed;
  change->added = added;
  change->calls++;
  /* GTK 4.8 builds a widget for each row added among the first 200 or
   * so a view shows, and looks for the rows it tracks among all those
   * added when one of them is removed. */
  if (position < 208)
    change->most_in_view = MAX (change->most_in_view, MAX (removed, added));
  if (removed > 0 && added > 16)
    change->big_replace = TRUE;
  if (removed > 0 && position + removed == g_list_model_get_n_items (model) - added + removed)
    change->removed_last = TRUE;
  /* A removal among them brings up rows from below, each built then. */
  if (removed > 0 && added == 0 && position < 208 &&
      g_list_model_get_n_items (model) + removed > 208)
    change->most_come_up = MAX (change->most_come_up,
                                MIN (g_list_model_get_n_items (model) + removed - 208, removed));
  /* And restyles every row below one it builds among them. */
  if (added > 0 && position + added < MIN (g_list_model_get_n_items (model), 208))
    change->most_below_added = MAX (change->most_below_added,
                                    MIN (g_list_model_get_n_items (model), 208) - position - added);
}

static void
test_customer_list_follows_store (void)
{
  g_autoptr(RapportStore) store = open_test_store ();
  g_autoptr(RapportCustomerList) list = NULL;
  g_autoptr(RapportCustomer) bob = add_customer (store, "Bob", "", "customer", "");
  g_autoptr(RapportCustomer) shown = NULL;
  g_autoptr(GError) error = NULL;
  Change change = { 0 };

  g_object_unref (add_customer (store, "Alice", "", "customer", ""));
  g_object_unref (add_customer (store, "Carol", "", "customer", ""));
  list = rapport_customer_list_new (store);
  wait_loaded (list);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &change);

  /* A new customer is one insertion at its sorted place. */
  g_object_unref (add_customer (store, "Bea", "", "customer", ""));
  wait_loaded (list);
  g_assert_cmpuint (change.calls, ==, 1);
  g_assert_cmpuint (change.position, ==, 1);
  g_assert_cmpuint (change.removed, ==, 0);
  g_assert_cmpuint (change.added, ==, 1);

  /* An edit updates the object views already show, in place. */
  shown = g_list_model_get_item (G_LIST_MODEL (list), 2);
  g_assert_cmpstr (rapport_customer_get_name (shown), ==, "Bob");
  {
    g_autoptr(RapportCustomer) copy = rapport_customer_load (store, rapport_customer_get_id (bob), &error);
    rapport_customer_set_company (copy, "Bob's Burgers");
    g_assert_true (rapport_customer_save (copy, store, &error));
  }
  wait_loaded (list);
  g_assert_cmpuint (change.calls, ==, 1);
  g_assert_cmpstr (rapport_customer_get_company (shown), ==, "Bob's Burgers");

  /* Hiding (a delete that can be undone) removes one row; unhiding restores it. */
  rapport_customer_list_hide (list, rapport_customer_get_id (bob));
  g_assert_cmpuint (change.calls, ==, 2);
  g_assert_cmpuint (change.position, ==, 2);
  g_assert_cmpuint (change.removed, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  rapport_customer_list_refresh (list);
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  rapport_customer_list_unhide (list, rapport_customer_get_id (bob));
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 4);
  g_assert_cmpuint (rapport_customer_list_find (list, rapport_customer_get_id (bob)), ==, 2);

  g_assert_true (rapport_customer_delete (store, rapport_customer_get_id (bob), &error));
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
}

static void
add_follow_up (RapportStore *store,
               gint64        customer_id,
               const char   *due_at)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStmt) stmt =
    rapport_store_prepare (store,
                           "INSERT INTO follow_up (customer_id, kind, due_at, reason, created_at)"
                           " VALUES (?, 'keep_in_touch', ?, 'test', ?)", &error);

  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_text (stmt, 2, due_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, due_at, -1, SQLITE_STATIC);
  g_assert_true (rapport_store_step_done (store, stmt, &error));
}

/* The window's first frame shows the first page of the book; the rest,
 * read meanwhile, arrives as one change after it, and nothing moves. */
static void
test_customer_list_first_page (void)
{
  g_autoptr(RapportStore) store = open_test_store ();
  g_autoptr(RapportCustomerList) list = NULL;
  g_autoptr(RapportCustomerList) small = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  Change change = { 0 };
  static const char *names[] = { "Eve", "bob", "Dan", "Ada", "Carl" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_object_unref (add_customer (store, names[i], "", "customer", ""));

  list = rapport_customer_list_new_first_page (store, 2);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &change);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  first = name_at (list, 0);
  g_assert_cmpstr (first, ==, "Ada");
  g_assert_true (rapport_customer_list_get_loading (list));

  /* The worker's read is held back until asked for. */
  for (guint i = 0; i < 50; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_cmpuint (change.calls, ==, 0);

  rapport_customer_list_load_rest (list);
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 5);
  g_assert_cmpuint (change.calls, ==, 1);
  g_assert_cmpuint (change.position, ==, 2);
  g_assert_cmpuint (change.removed, ==, 0);
  g_assert_cmpuint (change.added, ==, 3);
  last = name_at (list, 4);
  g_assert_cmpstr (last, ==, "Eve");

  /* A book smaller than the first page is whole at once. */
  small = rapport_customer_list_new_first_page (store, 10);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (small)), ==, 5);
  wait_loaded (small);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (small)), ==, 5);
}

static void
test_customer_list_sort_and_overdue (void)
{
  g_autoptr(RapportStore) store = open_test_store ();
  g_autoptr(RapportCustomer) late = add_customer (store, "Late", "", "customer", "");
  g_autoptr(RapportCustomer) soon = add_customer (store, "Soon", "", "customer", "");
  g_autoptr(RapportCustomerList) list = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  gint64 now;

  g_object_unref (add_customer (store, "Aaron Unscheduled", "", "customer", ""));
  g_setenv ("RAPPORT_FAKE_NOW", "2026-06-10T12:00:00Z", TRUE);
  now = rapport_time_now ();
  add_follow_up (store, rapport_customer_get_id (late), "2026-06-01T09:00:00Z");
  add_follow_up (store, rapport_customer_get_id (soon), "2026-06-11T09:00:00Z");
  rapport_store_notify_changed (store);

  list = rapport_customer_list_new (store);
  rapport_customer_list_set_sort (list, RAPPORT_CUSTOMER_SORT_NEXT_CHECK_IN);
  wait_loaded (list);
  first = name_at (list, 0);
  last = name_at (list, 2);
  g_assert_cmpstr (first, ==, "Late");
  g_assert_cmpstr (last, ==, "Aaron Unscheduled");

  {
    g_autoptr(RapportCustomer) shown = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_assert_cmpint (rapport_customer_get_urgency (shown, now, 2), ==, RAPPORT_URGENCY_OVERDUE);
  }
  {
    g_autoptr(RapportCustomer) shown = g_list_model_get_item (G_LIST_MODEL (list), 1);
    g_assert_cmpint (rapport_customer_get_urgency (shown, now, 2), ==, RAPPORT_URGENCY_DUE_SOON);
  }

  rapport_customer_list_set_filter (list, NULL, NULL, NULL, TRUE);
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_unsetenv ("RAPPORT_FAKE_NOW");
}

static void
exec_sql (RapportStore *store,
          const char   *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_store_begin (store, &error));
  g_assert_true (rapport_store_exec (store, sql, &error));
  g_assert_true (rapport_store_commit (store, &error));
  g_assert_no_error (error);
}

static void
wait_read (RapportCustomer *customer)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (rapport_customer_is_placeholder (customer) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (rapport_customer_is_placeholder (customer));
}

static guint
count_read (GPtrArray *customers)
{
  guint n = 0;

  for (guint i = 0; i < customers->len; i++)
    n += !rapport_customer_is_placeholder (g_ptr_array_index (customers, i));
  return n;
}

/* A jump down the list asks for some 200 rows at once, read together: they
 * fill a slice per main-loop iteration (48), not all in the same frame,
 * whose layout of every row's texts would then take 20 ms and more. */
static void
test_customer_list_fills_in_slices (void)
{
  g_autoptr(RapportStore) store = open_test_store ();
  g_autoptr(RapportCustomerList) list = NULL;
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  guint n_read = 0, most = 0, iterations = 0;

  exec_sql (store,
            "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)"
            " INSERT INTO customer (name, created_at, updated_at)"
            " SELECT printf ('Customer %04d', i), '2026-01-05T10:00:00Z', '2026-01-05T10:00:00Z'"
            "   FROM n");
  list = rapport_customer_list_new (store);
  wait_loaded (list);

  for (guint i = 600; i < 800; i++)
    g_ptr_array_add (shown, g_list_model_get_item (G_LIST_MODEL (list), i));
  g_assert_cmpuint (count_read (shown), ==, 0);

  while (n_read < shown->len && g_get_monotonic_time () < end)
    {
      guint now;

      g_main_context_iteration (NULL, TRUE);
      now = count_read (shown);
      most = MAX (most, now - n_read);
      iterations += now > n_read;
      n_read = now;
    }
  g_assert_cmpuint (n_read, ==, 200);
  g_assert_cmpuint (most, <=, 48);
  g_assert_cmpuint (iterations, >=, 5);
  g_assert_cmpstr (rapport_customer_get_name (g_ptr_array_index (shown, 199)), ==, "Customer 0800");
}

/* Rows past the first screen are read by the list's worker: the main
 * thread gets a placeholder at once, and it fills in place; a search
 * over many rows creates no customer for each match. */
static void
test_customer_list_reads_in_worker (void)
{
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(RapportCustomerList) list = NULL;
  g_autoptr(RapportCustomer) far = NULL;
  g_autoptr(RapportCustomer) first = NULL;
  g_autoptr(GPtrArray) queries = NULL;
  Change change = { 0 };

  rapport_store_trace_main_thread (TRUE);
  store = open_test_store ();
  exec_sql (store,
            "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)"
            " INSERT INTO customer (name, company, email, created_at, updated_at)"
            " SELECT printf ('Customer %03d', i), CASE WHEN i % 2 THEN 'Odd Ltd' ELSE 'Even Ltd' END,"
            "        printf ('c%03d@example.com', i), '2026-01-05T10:00:00Z', '2026-01-05T10:00:00Z'"
            "   FROM n");
  list = rapport_customer_list_new (store);
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 500);
  g_ptr_array_unref (rapport_store_take_main_thread_queries ());

  /* The first screen came with the ids. */
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_false (rapport_customer_is_placeholder (first));
  g_assert_cmpstr (rapport_customer_get_name (first), ==, "Customer 001");

  /* A row further down: empty now, read in the worker, same object. */
  far = g_list_model_get_item (G_LIST_MODEL (list), 399);
  g_assert_true (rapport_customer_is_placeholder (far));
  g_assert_cmpstr (rapport_customer_get_name (far), ==, "");
  wait_read (far);
  g_assert_cmpstr (rapport_customer_get_name (far), ==, "Customer 400");
  g_assert_cmpstr (rapport_customer_get_email (far), ==, "c400@example.com");
  {
    g_autoptr(RapportCustomer) again = g_list_model_get_item (G_LIST_MODEL (list), 399);
    g_assert_true (again == far);
  }
  /* Its page was read with it. */
  {
    g_autoptr(RapportCustomer) neighbour = g_list_model_get_item (G_LIST_MODEL (list), 420);
    g_assert_false (rapport_customer_is_placeholder (neighbour));
    g_assert_cmpstr (rapport_customer_get_name (neighbour), ==, "Customer 421");
  }

  /* Edited elsewhere, the row shown is read again, in place. */
  exec_sql (store, "UPDATE customer SET company = 'Moved Ltd' WHERE name = 'Customer 400'");
  wait_loaded (list);
  g_assert_cmpstr (rapport_customer_get_company (far), ==, "Moved Ltd");

  /* Half the book matches.  The first row is shown (held here, as a
   * view would): the rows a view has widgets for are replaced a few at a
   * time, one step per main-loop iteration, the rest at once; never
   * many rows removed and added together, so no view asks for every
   * row added, looking for one it tracked.  The old rows below the
   * first screenful go first, and the rows past the first 208 with them,
   * even the last one, which the new results end with too: no new row
   * comes in above more than a screenful of rows (32), and no row comes
   * up from below. */
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &change);
  rapport_customer_list_set_search (list, "even");
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 249);  /* 400 moved */
  g_assert_cmpuint (change.calls, >, 8);
  g_assert_cmpuint (change.most_in_view, <=, 16);
  g_assert_cmpuint (change.most_below_added, <=, 32);
  g_assert_cmpuint (change.most_come_up, ==, 0);
  g_assert_false (change.big_replace);
  g_assert_cmpuint (change.position, >=, 208);
  g_assert_cmpuint (change.removed, ==, 0);
  g_assert_cmpuint (change.added, ==, 249 - change.position);
  {
    g_autofree char *top = name_at (list, 0);
    g_autoptr(RapportCustomer) last = g_list_model_get_item (G_LIST_MODEL (list), 248);

    g_assert_cmpstr (top, ==, "Customer 002");
    wait_read (last);
    g_assert_cmpstr (rapport_customer_get_name (last), ==, "Customer 500");
  }

  /* With no row shown, at once: removed, then added. */
  g_clear_object (&first);
  g_clear_object (&far);
  change = (Change) { 0 };
  rapport_customer_list_set_search (list, "odd");
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 250);
  g_assert_cmpuint (change.calls, ==, 2);
  g_assert_false (change.big_replace);

  /* The last row is shown (selected, say) and the results end with it:
   * it stays, never removed, however many rows before it change. */
  rapport_customer_list_set_search (list, "even");
  wait_loaded (list);
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  far = g_list_model_get_item (G_LIST_MODEL (list), 248);
  g_assert_cmpstr (rapport_customer_get_name (far), ==, "Customer 500");
  change = (Change) { 0 };
  rapport_customer_list_set_search (list, "customer");
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 500);
  g_assert_cmpuint (change.calls, >, 8);
  g_assert_false (change.removed_last);
  {
    g_autoptr(RapportCustomer) last = g_list_model_get_item (G_LIST_MODEL (list), 499);

    g_assert_true (last == far);
  }

  queries = rapport_store_take_main_thread_queries ();
  for (guint i = 0; i < queries->len; i++)
    if (g_str_has_prefix (((RapportTracedQuery *) g_ptr_array_index (queries, i))->sql, "SELECT"))
      g_error ("The main thread read: %s", ((RapportTracedQuery *) g_ptr_array_index (queries, i))->sql);
  rapport_store_trace_main_thread (FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/customer/save-load", test_customer_save_load);
  g_test_add_func ("/customer/validation", test_customer_validation);
  g_test_add_func ("/customer/changed-once", test_customer_changed_once);
  g_test_add_func ("/customer/satisfaction-recorded", test_customer_satisfaction_recorded);
  g_test_add_func ("/customer/cadence", test_customer_cadence);
  g_test_add_func ("/customer/fts-query", test_fts_query);
  g_test_add_func ("/customer-list/search-filter", test_customer_list_search_filter);
  g_test_add_func ("/customer-list/follows-store", test_customer_list_follows_store);
  g_test_add_func ("/customer-list/sort-and-overdue", test_customer_list_sort_and_overdue);
  g_test_add_func ("/customer-list/first-page", test_customer_list_first_page);
  g_test_add_func ("/customer-list/reads-in-worker", test_customer_list_reads_in_worker);
  g_test_add_func ("/customer-list/fills-in-slices", test_customer_list_fills_in_slices);

  return g_test_run ();
}
