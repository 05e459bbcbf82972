/* test-sync-resolve.c: the user chooses once between the two values of a conflict
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The book as a sync leaves it after both sides changed a customer's
 * company and status: the local values in the book, the server's in
 * sync_conflict.  Keeping the server's writes it into the book and
 * queues the customer for the server; keeping yours only closes the
 * conflict; a conflict is resolved once.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "rapport-customer.h"
#include "rapport-sync-account.h"
#include "rapport-sync-resolve.h"
#include "rapport-sync-state.h"

typedef struct
{
  RapportStore            *store;
  RapportPlaybookSettings  settings;
  gint64                   customer_id;
  gint64                   now;
} Fixture;

static RapportCustomer *
load_customer (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  RapportCustomer *customer = rapport_customer_load (fixture->store, fixture->customer_id, &error);

  g_assert_no_error (error);
  return customer;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "rapport.db", NULL);
  g_autoptr(RapportCustomer) customer = rapport_customer_new ();
  g_autoptr(GError) error = NULL;
  RapportSyncAccount account = {
    .server_url = (char *) "http://127.0.0.1:5232/",
    .user_name = (char *) "grace",
    .addressbook_url = (char *) "http://127.0.0.1:5232/grace/rapport-customers/",
    .tasks_url = (char *) "http://127.0.0.1:5232/grace/rapport-check-ins/",
  };

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  fixture->store = rapport_store_open (path, &error);
  g_assert_no_error (error);
  rapport_playbook_settings_init_defaults (&fixture->settings);
  fixture->now = g_get_real_time () / G_USEC_PER_SEC;

  rapport_customer_set_name (customer, "Grace Hopper");
  rapport_customer_set_company (customer, "Remington Rand");
  g_assert_true (rapport_customer_save (customer, fixture->store, &error));
  fixture->customer_id = rapport_customer_get_id (customer);
  g_assert_true (rapport_sync_account_save (fixture->store, &account, &error));
  g_assert_no_error (error);

  /* What a sync leaves: the book's values kept, the server's beside them,
   * and nothing queued (the merged card went up). */
  g_assert_true (rapport_store_exec (fixture->store, "DELETE FROM sync_outbox", &error));
  g_assert_true (rapport_sync_state_add_conflict (fixture->store, "customer", fixture->customer_id,
                                                  rapport_customer_get_uid (customer), "company",
                                                  "Remington Rand", "Sperry Rand", fixture->now, &error));
  g_assert_true (rapport_sync_state_add_conflict (fixture->store, "customer", fixture->customer_id,
                                                  rapport_customer_get_uid (customer), "status",
                                                  "customer", "former", fixture->now, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
}

static gint64
conflict_on (Fixture    *fixture,
             const char *field)
{
  g_autoptr(GPtrArray) conflicts = rapport_sync_state_conflicts (fixture->store, NULL);

  for (guint i = 0; conflicts != NULL && i < conflicts->len; i++)
    {
      RapportSyncConflict *conflict = g_ptr_array_index (conflicts, i);

      if (g_str_equal (conflict->field, field))
        return conflict->id;
    }
  return 0;
}

/* Whether the customer waits to go up to the server. */
static gboolean
customer_queued (Fixture *fixture)
{
  g_autoptr(RapportCustomer) customer = load_customer (fixture);
  g_autoptr(GError) error = NULL;
  gint64 seq = rapport_sync_state_outbox_seq (fixture->store, "customer", rapport_customer_get_uid (customer),
                                              &error);

  g_assert_no_error (error);
  return seq > 0;
}

/* The server's company: in the book, queued for every other laptop. */
static void
test_keep_remote (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(RapportCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = conflict_on (fixture, "company");

  g_assert_cmpint (id, !=, 0);
  g_assert_true (rapport_sync_resolve_conflict (fixture->store, id, FALSE, &fixture->settings,
                                                fixture->now, &error));
  g_assert_no_error (error);

  customer = load_customer (fixture);
  g_assert_cmpstr (rapport_customer_get_company (customer), ==, "Sperry Rand");
  g_assert_true (customer_queued (fixture));
  g_assert_cmpint (conflict_on (fixture, "company"), ==, 0);
  g_assert_cmpint (conflict_on (fixture, "status"), !=, 0);
  g_assert_cmpuint (rapport_sync_state_conflict_count (fixture->store, NULL), ==, 1);

  /* An enumeration too: the status the server had. */
  g_assert_true (rapport_sync_resolve_conflict (fixture->store, conflict_on (fixture, "status"), FALSE,
                                                &fixture->settings, fixture->now, &error));
  g_clear_object (&customer);
  customer = load_customer (fixture);
  g_assert_cmpstr (rapport_customer_get_status (customer), ==, "former");
  g_assert_cmpuint (rapport_sync_state_conflict_count (fixture->store, NULL), ==, 0);
}

/* Yours: the book as it was, the conflict closed, and once only. */
static void
test_keep_local (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(RapportCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = conflict_on (fixture, "company");

  g_assert_true (rapport_sync_resolve_conflict (fixture->store, id, TRUE, &fixture->settings,
                                                fixture->now, &error));
  g_assert_no_error (error);
  customer = load_customer (fixture);
  g_assert_cmpstr (rapport_customer_get_company (customer), ==, "Remington Rand");
  g_assert_cmpint (conflict_on (fixture, "company"), ==, 0);
  g_assert_false (customer_queued (fixture));

  /* Chosen already (another window): a clear error, the book untouched. */
  g_assert_false (rapport_sync_resolve_conflict (fixture->store, id, FALSE, &fixture->settings,
                                                 fixture->now, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND);
  g_clear_object (&customer);
  customer = load_customer (fixture);
  g_assert_cmpstr (rapport_customer_get_company (customer), ==, "Remington Rand");
  g_assert_false (rapport_store_in_transaction (fixture->store));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/sync-resolve/keep-remote", Fixture, NULL, fixture_set_up, test_keep_remote, fixture_tear_down);
  g_test_add ("/sync-resolve/keep-local", Fixture, NULL, fixture_set_up, test_keep_local, fixture_tear_down);

  return g_test_run ();
}
