/* test-sync-faults.c: a sync through every fault, and a sync killed half-way
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Laptop A talks to Radicale through the fault proxy; laptop B and a
 * third client talk to it directly.  Each fault must end A's sync with a
 * clear error, lose nothing on either side, and leave the next sync to
 * finish the job.
 */

#include "config.h"

#include <libsoup/soup.h>
#include <signal.h>
#include <string.h>

#include "fault-proxy.h"
#include "keyring.h"
#include "radicale.h"
#include "rapport-sync-engine.h"
#include "rapport-sync-error.h"
#include "rapport-sync-state.h"
#include "sync-fixture.h"

#define PASSWORD "pw"

static const char *users[] = {
  "u-500:" PASSWORD, "u-down:" PASSWORD, "u-drop-put:" PASSWORD, "u-lost-answer:" PASSWORD,
  "u-xml:" PASSWORD, "u-truncated:" PASSWORD, "u-huge:" PASSWORD, "u-redirect:" PASSWORD,
  "u-no-sync:" PASSWORD, "u-gone:" PASSWORD, "u-skew:" PASSWORD, "u-card:" PASSWORD,
  "u-password:" PASSWORD, "u-kill:" PASSWORD, "u-ical:" PASSWORD, NULL
};

static const char *rapport_bin;
static Radicale *server;
static FaultProxy *proxy;
static Keyring *keyring;

typedef struct
{
  const char *user;
  char       *path_a;
  char       *path_b;
  char       *addressbook;  /* as B sees it: straight to Radicale */
  char       *tasks;
} Team;

static gboolean
skip_without_servers (void)
{
  if (server != NULL)
    return FALSE;
  g_test_skip (radicale_missing ());
  return TRUE;
}

static void
add_customer (const char *path,
              const char *name)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO customer (name, created_at, updated_at)"
                                          " VALUES ('%s', '2026-01-01T00:00:00Z',"
                                          " '2026-01-01T00:00:00Z')", name);

  exec_ok (path, sql);
}

static gint64
count_named (const char *path,
             const char *name)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM customer WHERE name = '%s'", name);

  return query_int (path, sql);
}

/* A through the proxy and B straight to Radicale, both set up and synced
 * once with one customer each. */
static void
team_set_up (Team       *team,
             const char *user)
{
  g_autofree char *dir_a = g_strconcat (user, "-a", NULL);
  g_autofree char *dir_b = g_strconcat (user, "-b", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *ab = NULL;
  g_autofree char *tasks = NULL;
  RapportSyncResult result;

  fault_proxy_clear (proxy);
  rapport_sync_set_password_override (PASSWORD);
  team->user = user;
  team->path_a = g_build_filename (g_get_user_data_dir (), dir_a, "rapport.db", NULL);
  team->path_b = g_build_filename (g_get_user_data_dir (), dir_b, "rapport.db", NULL);
  g_object_unref (open_book (team->path_a));
  g_object_unref (open_book (team->path_b));
  add_customer (team->path_a, "Ada Lovelace");
  add_customer (team->path_b, "Bob Builder");

  g_assert_true (rapport_sync_setup (team->path_a, fault_proxy_get_url (proxy), user, PASSWORD, FALSE,
                                     &ab, &tasks, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_sync_run (team->path_a, &result, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&ab, g_free);
  g_clear_pointer (&tasks, g_free);
  g_assert_true (rapport_sync_setup (team->path_b, radicale_get_url (server), user, PASSWORD, FALSE,
                                     &team->addressbook, &team->tasks, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_sync_run (team->path_b, &result, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_named (team->path_b, "Ada Lovelace"), ==, 1);
}

static void
team_clear (Team *team)
{
  g_free (team->path_a);
  g_free (team->path_b);
  g_free (team->addressbook);
  g_free (team->tasks);
}

/* Both laptops change something while the fault waits for A. */
static void
edit_both (Team *team)
{
  add_customer (team->path_a, "Carol Singer");
  exec_ok (team->path_a, "UPDATE customer SET notes = 'from A' WHERE name = 'Ada Lovelace'");
  add_customer (team->path_b, "Dan Dare");
  g_assert_true (rapport_sync_run (team->path_b, NULL, NULL, NULL));
}

/* A's sync fails as @code says, the book keeps its changes queued … */
static void
sync_a_fails (Team  *team,
              GQuark domain,
              int    code)
{
  g_autoptr(GError) error = NULL;
  gint64 customers = query_int (team->path_a, "SELECT count(*) FROM customer");

  g_assert_false (rapport_sync_run (team->path_a, NULL, NULL, &error));
  g_assert_error (error, domain, code);
  g_assert_cmpuint (strlen (error->message), >, 10);
  g_assert_null (strchr (error->message, '\n'));
  g_assert_cmpint (query_int (team->path_a, "SELECT count(*) FROM customer"), >=, customers);
  g_assert_cmpint (query_int (team->path_a, "SELECT count(*) FROM customer WHERE notes = 'from A'"), ==, 1);
  g_assert_cmpint (query_int (team->path_a, "SELECT count(*) FROM sync_account WHERE last_error IS NOT NULL"),
                   ==, 1);
}

/* … and the next one, without the fault, finishes the job on both sides,
 * with nothing doubled. */
static void
next_sync_completes (Team *team)
{
  g_autoptr(GError) error = NULL;

  fault_proxy_clear (proxy);
  g_assert_true (rapport_sync_run (team->path_a, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_sync_run (team->path_b, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_sync_run (team->path_a, NULL, NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < 2; i++)
    {
      const char *path = i == 0 ? team->path_a : team->path_b;

      g_assert_cmpint (count_named (path, "Ada Lovelace"), ==, 1);
      g_assert_cmpint (count_named (path, "Bob Builder"), ==, 1);
      g_assert_cmpint (count_named (path, "Carol Singer"), ==, 1);
      g_assert_cmpint (count_named (path, "Dan Dare"), ==, 1);
      g_assert_cmpint (query_int (path, "SELECT count(*) FROM customer"), ==, 4);
      g_assert_cmpint (query_int (path, "SELECT count(*) FROM customer WHERE notes = 'from A'"), ==, 1);
      g_assert_cmpint (query_int (path, "SELECT count(*) FROM sync_outbox"), ==, 0);
      g_assert_cmpint (query_int (path, "SELECT count(*) FROM sync_account WHERE last_error IS NULL"), ==, 1);
    }
}

typedef struct
{
  const char      *user;
  FaultProxyFault  fault;
  const char      *method;
  guint            nth;
  guint            times;
  int              code;
} FaultCase;

static void
test_fault (gconstpointer data)
{
  const FaultCase *fault = data;
  Team team = { 0, };

  if (skip_without_servers ())
    return;
  team_set_up (&team, fault->user);
  edit_both (&team);
  fault_proxy_inject (proxy, fault->fault, fault->method, fault->nth, fault->times);
  sync_a_fails (&team, RAPPORT_SYNC_ERROR, fault->code);
  g_assert_cmpuint (fault_proxy_get_faults_served (proxy), >=, 1);
  next_sync_completes (&team);
  team_clear (&team);
}

static void
test_wrong_password (void)
{
  Team team = { 0, };

  if (skip_without_servers ())
    return;
  team_set_up (&team, "u-password");
  edit_both (&team);
  rapport_sync_set_password_override ("not the password");
  sync_a_fails (&team, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_AUTH);
  rapport_sync_set_password_override (PASSWORD);
  next_sync_completes (&team);
  team_clear (&team);
}

/* A server without sync-collection is no error: its ETags are compared,
 * and a sync with nothing new is still one request per collection. */
static void
test_no_sync_collection (void)
{
  Team team = { 0, };
  g_autoptr(GError) error = NULL;
  guint before;

  if (skip_without_servers ())
    return;
  team_set_up (&team, "u-no-sync");
  edit_both (&team);
  fault_proxy_inject (proxy, FAULT_PROXY_NO_SYNC_COLLECTION, NULL, 1, 0);
  g_assert_true (rapport_sync_run (team.path_a, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_named (team.path_a, "Dan Dare"), ==, 1);
  /* The CTag moves with this book's own writes: once more to settle. */
  for (guint i = 0; i < 2; i++)
    g_assert_true (rapport_sync_run (team.path_a, NULL, NULL, &error));

  before = fault_proxy_get_requests (proxy);
  g_assert_true (rapport_sync_run (team.path_a, NULL, NULL, &error));
  g_assert_cmpuint (fault_proxy_get_requests (proxy) - before, ==, 2);

  /* A change on the server still arrives, a deletion too. */
  exec_ok (team.path_b, "UPDATE customer SET company = 'Dare Ltd' WHERE name = 'Dan Dare'");
  exec_ok (team.path_b, "DELETE FROM customer WHERE name = 'Bob Builder'");
  g_assert_true (rapport_sync_run (team.path_b, NULL, NULL, &error));
  g_assert_true (rapport_sync_run (team.path_a, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (team.path_a, "SELECT count(*) FROM customer WHERE company = 'Dare Ltd'"), ==, 1);
  g_assert_cmpint (count_named (team.path_a, "Bob Builder"), ==, 0);
  exec_ok (team.path_b, "INSERT INTO customer (name, created_at, updated_at)"
                        " VALUES ('Bob Builder', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')");
  next_sync_completes (&team);
  team_clear (&team);
}

/* An hour between the laptops' clocks (and the server's Date) changes
 * nothing: ETags and tokens order the sync, never clocks. */
static void
test_clock_skew (void)
{
  Team team = { 0, };
  g_autoptr(GError) error = NULL;

  if (skip_without_servers ())
    return;
  team_set_up (&team, "u-skew");
  edit_both (&team);
  fault_proxy_set_date_skew (proxy, 3600);
  g_assert_true (rapport_sync_run (team.path_a, NULL, NULL, &error));
  g_assert_no_error (error);
  exec_ok (team.path_b, "UPDATE customer SET company = 'Later' WHERE name = 'Dan Dare'");
  g_assert_true (rapport_sync_run (team.path_b, NULL, NULL, &error));
  g_assert_true (rapport_sync_run (team.path_a, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (team.path_a, "SELECT count(*) FROM customer WHERE company = 'Later'"), ==, 1);
  fault_proxy_set_date_skew (proxy, 0);
  next_sync_completes (&team);
  team_clear (&team);
}

static SoupMessage *
direct_message (const char *method,
                const char *url,
                const char *user)
{
  SoupMessage *message = soup_message_new (method, url);
  g_autofree char *credentials = g_strconcat (user, ":" PASSWORD, NULL);
  g_autofree char *encoded = g_base64_encode ((const guchar *) credentials, strlen (credentials));
  g_autofree char *authorization = g_strconcat ("Basic ", encoded, NULL);

  soup_message_headers_append (soup_message_get_request_headers (message), "Authorization", authorization);
  return message;
}

static guint
direct (const char *method,
        const char *url,
        const char *user,
        const char *content_type,
        const char *body)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) message = direct_message (method, url, user);
  g_autoptr(GBytes) response = NULL;
  g_autoptr(GError) error = NULL;

  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (message, content_type, bytes);
    }
  response = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  return soup_message_get_status (message);
}

static char *
item_url (const char *collection,
          const char *name)
{
  return g_strconcat (collection, g_str_has_suffix (collection, "/") ? "" : "/", name, NULL);
}

/* A card the book cannot read (a phone wrote one without a name) is
 * reported by its address; everything else goes through, and once the
 * phone fixes it the next sync reads it. */
static void
test_unreadable_card (void)
{
  Team team = { 0, };
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  if (skip_without_servers ())
    return;
  team_set_up (&team, "u-card");
  edit_both (&team);
  url = item_url (team.addressbook, "nameless.vcf");
  g_assert_cmpuint (direct ("PUT", url, team.user, "text/vcard; charset=utf-8",
                            "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:nameless-1\r\nFN:\r\nEND:VCARD\r\n"), <, 300);

  g_assert_false (rapport_sync_run (team.path_a, NULL, NULL, &error));
  g_assert_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "nameless.vcf"));
  g_clear_error (&error);
  /* The rest went through. */
  g_assert_cmpint (count_named (team.path_a, "Dan Dare"), ==, 1);

  g_assert_cmpuint (direct ("PUT", url, team.user, "text/vcard; charset=utf-8",
                            "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:nameless-1\r\nFN:Eve Named\r\nEND:VCARD\r\n"),
                    <, 300);
  g_assert_true (rapport_sync_run (team.path_a, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_named (team.path_a, "Eve Named"), ==, 1);
  exec_ok (team.path_a, "DELETE FROM customer WHERE name = 'Eve Named'");
  next_sync_completes (&team);
  team_clear (&team);
}

/* A VTODO the book cannot read: the same. */
static void
test_unreadable_vtodo (void)
{
  Team team = { 0, };
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *long_reason = NULL;
  g_autofree char *body = NULL;
  g_autofree char *ada_uid = NULL;
  guint status;

  if (skip_without_servers ())
    return;
  team_set_up (&team, "u-ical");
  edit_both (&team);
  {
    g_autoptr(RapportStore) store = open_book (team.path_a);
    g_autoptr(RapportStmt) stmt = rapport_store_prepare (store, "SELECT uid FROM customer WHERE id = 1", NULL);

    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    ada_uid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  }
  url = item_url (team.tasks, "broken.ics");
  /* Well-formed for the server, but a reason of 5,000 characters is more
   * than the book holds. */
  long_reason = g_strnfill (5000, 'x');
  body = g_strdup_printf ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Phone//EN\r\nBEGIN:VTODO\r\n"
                          "UID:broken-1\r\nDTSTAMP:20261201T000000Z\r\nSUMMARY:Call\r\n"
                          "X-RAPPORT-CUSTOMER:%s\r\nDUE:20270101T090000Z\r\nDESCRIPTION:%s\r\n"
                          "END:VTODO\r\nEND:VCALENDAR\r\n", ada_uid, long_reason);
  status = direct ("PUT", url, team.user, "text/calendar; charset=utf-8", body);
  if (status >= 300)
    {
      /* Radicale refused it itself: nothing can reach the book. */
      g_test_message ("Radicale refused the broken VTODO (%u)", status);
      next_sync_completes (&team);
      team_clear (&team);
      return;
    }
  g_assert_false (rapport_sync_run (team.path_a, NULL, NULL, &error));
  g_assert_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "broken.ics"));
  g_clear_error (&error);
  g_assert_cmpint (count_named (team.path_a, "Dan Dare"), ==, 1);
  g_assert_cmpuint (direct ("DELETE", url, team.user, NULL, NULL), <, 300);
  next_sync_completes (&team);
  team_clear (&team);
}

/* The task list deleted on the server: a clear error, the book's
 * check-ins kept, and no collection made again behind the user's back. */
static void
test_collection_deleted (void)
{
  Team team = { 0, };
  g_autoptr(GError) error = NULL;
  gint64 follow_ups;

  if (skip_without_servers ())
    return;
  team_set_up (&team, "u-gone");
  exec_ok (team.path_a, "INSERT INTO follow_up (customer_id, kind, due_at, created_at)"
                        " VALUES (1, 'keep_in_touch', '2027-01-01T09:00:00Z', '2026-12-01T00:00:00Z')");
  follow_ups = query_int (team.path_a, "SELECT count(*) FROM follow_up");
  g_assert_cmpuint (direct ("DELETE", team.tasks, team.user, NULL, NULL), <, 300);

  g_assert_false (rapport_sync_run (team.path_a, NULL, NULL, &error));
  g_assert_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_GONE);
  g_assert_nonnull (strstr (error->message, "gone"));
  g_assert_cmpint (query_int (team.path_a, "SELECT count(*) FROM follow_up"), ==, follow_ups);
  g_assert_cmpint (query_int (team.path_a, "SELECT count(*) FROM sync_outbox WHERE kind = 'follow_up'"), >=, 1);
  g_assert_cmpint (count_named (team.path_a, "Bob Builder"), ==, 1);
  team_clear (&team);
}

/* Killed in the middle of sending 300 customers: the next sync sends the
 * rest, and the server holds each exactly once. */
static void
test_killed_mid_sync (void)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data_a = g_build_filename (g_get_user_data_dir (), "killed-a", NULL);
  g_autofree char *path_a = g_build_filename (data_a, "rapport", "rapport.db", NULL);
  g_autofree char *path_b = g_build_filename (g_get_user_data_dir (), "killed-b", "rapport.db", NULL);
  g_autofree char *out = NULL;
  guint start;
  gboolean killed = FALSE;
  RapportSyncResult result;

  if (skip_without_servers ())
    return;
  if (keyring == NULL)
    {
      g_test_skip (keyring_missing ());
      return;
    }
  fault_proxy_clear (proxy);
  rapport_sync_set_password_override (PASSWORD);

  g_object_unref (open_book (path_a));
  exec_ok (path_a,
           "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)"
           " INSERT INTO customer (name, created_at, updated_at)"
           " SELECT 'Customer ' || i, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM n");

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_a, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  child = g_subprocess_launcher_spawn (launcher, &error, rapport_bin, "--sync-setup",
                                       fault_proxy_get_url (proxy), "u-kill", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (child, PASSWORD "\n", NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (child), ==, 0);
  g_clear_object (&child);

  start = fault_proxy_get_requests (proxy);
  child = g_subprocess_launcher_spawn (launcher, &error, rapport_bin, "--sync", NULL);
  g_assert_no_error (error);
  /* Two listings, then the PUTs: kill it after about a hundred. */
  while (!killed)
    {
      if (fault_proxy_get_requests (proxy) - start >= 100)
        {
          g_subprocess_force_exit (child);
          killed = TRUE;
        }
      else if (g_subprocess_get_identifier (child) == NULL)
        break;
      else
        g_usleep (500);
    }
  g_subprocess_wait (child, NULL, &error);
  g_assert_true (killed);
  g_assert_true (g_subprocess_get_if_signaled (child));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);
  /* Some went up, some wait. */
  g_assert_cmpint (query_int (path_a, "SELECT count(*) FROM sync_outbox WHERE kind = 'customer'"), >, 0);
  g_assert_cmpint (query_int (path_a, "SELECT count(*) FROM sync_outbox WHERE kind = 'customer'"), <, 300);

  g_assert_true (rapport_sync_run (path_a, &result, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (path_a, "SELECT count(*) FROM sync_outbox"), ==, 0);
  g_assert_cmpint (query_int (path_a, "SELECT count(*) FROM customer"), ==, 300);
  g_assert_cmpint (query_int (path_a, "SELECT count(*) FROM sync_resource WHERE kind = 'customer'"), ==, 300);

  /* B reads exactly 300 from the server. */
  g_object_unref (open_book (path_b));
  g_assert_true (rapport_sync_setup (path_b, radicale_get_url (server), "u-kill", PASSWORD, FALSE,
                                     NULL, NULL, NULL, &error));
  g_assert_true (rapport_sync_run (path_b, &result, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (path_b, "SELECT count(*) FROM customer"), ==, 300);
  g_assert_cmpint (query_int (path_b, "SELECT count(DISTINCT name) FROM customer"), ==, 300);
}

static const FaultCase faults[] = {
  { "u-500", FAULT_PROXY_ERROR_500, NULL, 2, 1, RAPPORT_SYNC_ERROR_SERVER },
  { "u-down", FAULT_PROXY_DROP_REQUEST, NULL, 1, 0, RAPPORT_SYNC_ERROR_UNREACHABLE },
  /* libsoup sends a PUT again once when the connection closes first. */
  { "u-drop-put", FAULT_PROXY_DROP_REQUEST, "PUT", 1, 0, RAPPORT_SYNC_ERROR_UNREACHABLE },
  { "u-lost-answer", FAULT_PROXY_DROP_RESPONSE, "PUT", 1, 1, RAPPORT_SYNC_ERROR_UNREACHABLE },
  { "u-xml", FAULT_PROXY_MALFORMED_XML, "REPORT", 1, 1, RAPPORT_SYNC_ERROR_PROTOCOL },
  { "u-truncated", FAULT_PROXY_TRUNCATE, "REPORT", 2, 1, RAPPORT_SYNC_ERROR_PROTOCOL },
  { "u-huge", FAULT_PROXY_HUGE, "REPORT", 1, 1, RAPPORT_SYNC_ERROR_TOO_LARGE },
  { "u-redirect", FAULT_PROXY_REDIRECT_LOOP, NULL, 1, 0, RAPPORT_SYNC_ERROR_PROTOCOL },
};

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_assert_cmpint (argc, ==, 2);
  rapport_bin = argv[1];

  /* The keyring before anything connects to the session bus. */
  if (keyring_missing () == NULL && (keyring = keyring_start (&error)) == NULL)
    g_error ("the keyring did not start: %s", error->message);
  if (radicale_missing () == NULL)
    {
      if ((server = radicale_start (users, &error)) == NULL)
        g_error ("radicale did not start: %s", error->message);
      if ((proxy = fault_proxy_start (radicale_get_url (server), &error)) == NULL)
        g_error ("the fault proxy did not start: %s", error->message);
    }

  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autofree char *name = g_strdup_printf ("/sync-faults/%s", faults[i].user + 2);

      g_test_add_data_func (name, &faults[i], test_fault);
    }
  g_test_add_func ("/sync-faults/wrong-password", test_wrong_password);
  g_test_add_func ("/sync-faults/no-sync-collection", test_no_sync_collection);
  g_test_add_func ("/sync-faults/clock-skew", test_clock_skew);
  g_test_add_func ("/sync-faults/unreadable-card", test_unreadable_card);
  g_test_add_func ("/sync-faults/unreadable-vtodo", test_unreadable_vtodo);
  g_test_add_func ("/sync-faults/collection-deleted", test_collection_deleted);
  g_test_add_func ("/sync-faults/killed-mid-sync", test_killed_mid_sync);

  status = g_test_run ();

  g_clear_pointer (&proxy, fault_proxy_stop);
  g_clear_pointer (&server, radicale_stop);
  g_clear_pointer (&keyring, keyring_stop);
  return status;
}
