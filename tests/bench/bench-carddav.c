/* bench-carddav.c: the first sync of a big book with Radicale, and one with nothing new
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   build/tests/bench/bench-carddav [CUSTOMERS [CHECK_INS]]   (defaults 10,000 and 20,000)
 *
 * Laptop A holds the customers and their open check-ins (one keep-in-touch
 * per customer from the playbook, the rest the user's own) and syncs first
 * (every card and VTODO goes up); laptop B, empty, then syncs the same
 * account (everything comes down); then each syncs again with nothing
 * new.  For each sync: WebDAV requests, bytes sent and received, and wall
 * seconds.  Radicale runs on this machine with its own storage, so the
 * figures are the client's and one local server's, not a network's.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "radicale.h"
#include "rapport-follow-ups.h"
#include "rapport-store.h"
#include "rapport-sync-engine.h"

static void
fill_book (const char *path,
           guint       customers,
           guint       check_ins)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) store = rapport_store_open (path, &error);
  g_autofree char *sql = NULL;

  if (store == NULL)
    g_error ("%s", error->message);
  sql = g_strdup_printf ("BEGIN;"
                         "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %u)"
                         " INSERT INTO customer (name, company, email, phone, notes, tags, status,"
                         "  satisfaction, created_at, updated_at)"
                         " SELECT 'Customer ' || i, 'Company ' || (i %% 997), 'c' || i || '@example.org',"
                         "  '+1 555 ' || printf ('%%07d', i), 'Met at the fair in ' || (2000 + i %% 25),"
                         "  'tag' || (i %% 7), 'customer', 'satisfied',"
                         "  '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM n;"
                         "INSERT INTO customer_value (customer_id, kind, value, pref, position)"
                         " SELECT id, 'email', email, 1, 0 FROM customer;"
                         "INSERT INTO customer_value (customer_id, kind, value, types, pref, position)"
                         " SELECT id, 'phone', phone, 'cell', 1, 1 FROM customer;"
                         "WITH RECURSIVE n (i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < %u - 1)"
                         " INSERT INTO follow_up (customer_id, kind, due_at, reason, created_by, created_at)"
                         " SELECT 1 + i %% %u, 'keep_in_touch',"
                         "  strftime ('%%Y-%%m-%%dT%%H:%%M:%%SZ', '2027-01-01', '+' || (i %% 300) || ' days'),"
                         "  'Bring them something new', 'user', '2026-01-01T00:00:00Z' FROM n;"
                         "COMMIT;",
                         customers, check_ins, customers);
  if (!rapport_store_exec (store, sql, &error))
    g_error ("%s", error->message);
}

/* The playbook's own check-ins, as the app derives them at start: one
 * keep-in-touch per customer. */
static guint
derive_playbook (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) store = rapport_store_open (path, &error);
  g_autoptr(RapportStmt) count = NULL;
  RapportPlaybookSettings settings;

  rapport_playbook_settings_init_defaults (&settings);
  if (store == NULL || !rapport_follow_ups_sync_all (store, &settings, g_get_real_time () / G_USEC_PER_SEC,
                                                     &error))
    g_error ("%s", error->message);
  count = rapport_store_prepare (store, "SELECT count(*) FROM follow_up WHERE state IN ('due', 'snoozed')",
                                 &error);
  if (count == NULL || sqlite3_step (count) != SQLITE_ROW)
    g_error ("cannot count the check-ins");
  return (guint) sqlite3_column_int64 (count, 0);
}

static void
timed_sync (const char *label,
            const char *path)
{
  g_autoptr(GError) error = NULL;
  RapportSyncResult result = { 0, };
  guint requests = 0;
  guint64 sent = 0, received = 0;
  gint64 start = g_get_monotonic_time ();
  double seconds;

  if (!rapport_sync_run (path, &result, NULL, &error))
    g_error ("%s: %s", label, error->message);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  rapport_sync_get_last_traffic (&requests, &sent, &received);
  g_print ("%-34s %8u requests %12" G_GUINT64_FORMAT " bytes sent %12" G_GUINT64_FORMAT
           " bytes received %8.2f s   (sent %u, received %u, conflicts %u)\n",
           label, requests, sent, received, seconds, result.sent, result.received, result.conflicts);
}

int
main (int   argc,
      char *argv[])
{
  static const char *users[] = { "bench:bench", NULL };
  guint customers = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 10000;
  guint check_ins = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 20000;
  g_autoptr(GError) error = NULL;
  g_autoptr(Radicale) server = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path_a = NULL;
  g_autofree char *path_b = NULL;

  if (customers == 0)
    g_error ("usage: bench-carddav [CUSTOMERS [CHECK_INS]]");
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  if ((dir = g_dir_make_tmp ("bench-carddav-XXXXXX", &error)) == NULL)
    g_error ("%s", error->message);
  path_a = g_build_filename (dir, "a", "rapport.db", NULL);
  path_b = g_build_filename (dir, "b", "rapport.db", NULL);

  if ((server = radicale_start (users, &error)) == NULL)
    g_error ("Radicale did not start: %s", error->message);
  rapport_sync_set_password_override ("bench");

  /* The check-ins: the playbook's keep-in-touch for each customer, and
   * the rest the user's own. */
  fill_book (path_a, customers, check_ins > customers ? check_ins - customers : 1);
  g_print ("%u customers, %u open check-ins, against Radicale at %s\n",
           customers, derive_playbook (path_a), radicale_get_url (server));

  if (!rapport_sync_setup (path_a, radicale_get_url (server), "bench", "bench", FALSE,
                           NULL, NULL, NULL, &error) ||
      !rapport_sync_setup (path_b, radicale_get_url (server), "bench", "bench", FALSE,
                           NULL, NULL, NULL, &error))
    g_error ("%s", error->message);

  timed_sync ("A: first sync (all up)", path_a);
  timed_sync ("B: first sync (all down)", path_b);
  timed_sync ("A: sync, own writes to skip", path_a);
  timed_sync ("A: sync with nothing new", path_a);
  timed_sync ("B: sync with nothing new", path_b);

  g_clear_pointer (&server, radicale_stop);
  g_unlink (path_a);
  g_unlink (path_b);
  return 0;
}
