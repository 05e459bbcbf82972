/* test-cli-sync.c: `rapport --sync-setup` and `rapport --sync` as a user runs them
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the built binary (its path is the first argument) without a
 * display, against a real Radicale and a real keyring on the test's own
 * session bus.
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "cli-run.h"
#include "keyring.h"
#include "radicale.h"
#include "rapport-store.h"

#define PASSWORD "wonderland"

static const char *rapport_bin;
static const char *users[] = { "alice:" PASSWORD, NULL };

typedef struct
{
  Radicale *server;
  Keyring  *keyring;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (radicale_missing () != NULL || keyring_missing () != NULL)
    return;
  f->keyring = keyring_start (&error);
  g_assert_no_error (error);
  f->server = radicale_start (users, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->server, radicale_stop);
  g_clear_pointer (&f->keyring, keyring_stop);
}

static gboolean
skip_without_servers (Fixture *f)
{
  if (f->server != NULL && f->keyring != NULL)
    return FALSE;
  g_test_skip (radicale_missing () != NULL ? radicale_missing () : keyring_missing ());
  return TRUE;
}

/* Runs rapport with @argv after the binary, @input (any bytes, NULs too)
 * on its standard input; @bus overrides the session bus (NULL: the
 * keyring's). */
static int
run_rapport_bytes (const char * const  *argv,
                   GBytes              *input,
                   const char          *bus,
                   char               **out,
                   char               **err)
{
  g_autoptr(GSubprocessLauncher) launcher =
    cli_run_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                          G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  if (bus != NULL)
    g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", bus, TRUE);
  g_ptr_array_add (args, (gpointer) rapport_bin);
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, NULL);
  return cli_run_to_end (launcher, (const char * const *) args->pdata, input, out, err);
}

/* The same with @input text (NULL: nothing). */
static int
run_rapport (const char * const  *argv,
             const char          *input,
             const char          *bus,
             char               **out,
             char               **err)
{
  g_autoptr(GBytes) bytes = g_bytes_new (input, input != NULL ? strlen (input) : 0);

  return run_rapport_bytes (argv, bytes, bus, out, err);
}

static void
assert_one_line (const char *text)
{
  g_assert_nonnull (text);
  g_assert_true (g_str_has_prefix (text, "rapport: "));
  g_assert_true (g_str_has_suffix (text, "\n"));
  g_assert_null (strchr (text, '\n') == text + strlen (text) - 1 ? NULL : "more than one line");
  g_assert_null (strstr (text, PASSWORD));
}

/* rapport --sync-setup @url alice, @input and @bus as for run_rapport():
 * it must fail and say why in one line, which it returns. */
static char *
setup_fails (const char *url,
             const char *input,
             const char *bus)
{
  g_autofree char *out = NULL;
  char *err = NULL;

  g_assert_cmpint (run_rapport ((const char *[]) { "--sync-setup", url, "alice", NULL },
                                input, bus, &out, &err), !=, 0);
  assert_one_line (err);
  return err;
}

static char *
book_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "rapport", "rapport.db", NULL);
}

static gint64
query_int (const char *sql)
{
  g_autofree char *path = book_path ();
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(RapportStmt) stmt = NULL;
  g_autoptr(GError) error = NULL;

  store = rapport_store_open (path, &error);
  g_assert_no_error (error);
  stmt = rapport_store_prepare (store, sql, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
add_customer (const char *name)
{
  g_autofree char *path = book_path ();
  g_autofree char *sql = NULL;
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = rapport_store_open (path, &error);
  g_assert_no_error (error);
  sql = g_strdup_printf ("INSERT INTO customer (name, created_at, updated_at)"
                         " VALUES ('%s', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')", name);
  g_assert_true (rapport_store_exec (store, sql, &error));
}

static void
test_setup_and_sync (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *book = NULL;
  g_autofree char *contents = NULL;
  const char *url;

  if (skip_without_servers (f))
    return;
  url = radicale_get_url (f->server);

  add_customer ("Ada Lovelace");
  g_assert_cmpint (run_rapport ((const char *[]) { "--sync-setup", url, "alice", NULL },
                                PASSWORD "\n", NULL, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_nonnull (strstr (out, "Address book: "));
  g_assert_nonnull (strstr (out, "/alice/"));
  g_assert_nonnull (strstr (out, "Task list: "));
  /* The password is in the keyring, never in the book. */
  book = book_path ();
  g_assert_true (g_file_get_contents (book, &contents, NULL, NULL));
  g_assert_null (g_strstr_len (contents, -1, PASSWORD));

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_rapport ((const char *[]) { "--sync", NULL }, NULL, NULL, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "sent 1, received 0, conflicts 0\n");

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_rapport ((const char *[]) { "--sync", NULL }, NULL, NULL, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "sent 0, received 0, conflicts 0\n");
}

static void
test_wrong_password (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *err = NULL;

  if (skip_without_servers (f))
    return;

  err = setup_fails (radicale_get_url (f->server), "not-" PASSWORD "\n", NULL);
  g_assert_null (strstr (err, "not-"));
  g_assert_cmpint (query_int ("SELECT count(*) FROM sync_account"), ==, 0);
}

static void
test_unreachable (Fixture       *f,
                  gconstpointer  data)
{
  if (skip_without_servers (f))
    return;

  /* Port 1 on this machine: nothing listens. */
  g_free (setup_fails ("http://127.0.0.1:1/", PASSWORD "\n", NULL));
}

static void
test_no_keyring (Fixture       *f,
                 gconstpointer  data)
{
  if (skip_without_servers (f))
    return;

  g_free (setup_fails (radicale_get_url (f->server), PASSWORD "\n", "unix:path=/nonexistent/bus"));
  g_assert_cmpint (query_int ("SELECT count(*) FROM sync_account"), ==, 0);
}

static void
test_insecure_refused (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *err = NULL;

  if (skip_without_servers (f))
    return;

  /* 192.0.2.1 is for documentation: refused before any connection. */
  err = setup_fails ("http://192.0.2.1/dav/", PASSWORD "\n", NULL);
  g_assert_nonnull (strstr (err, "--accept-insecure"));
}

static void
test_bad_arguments (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (skip_without_servers (f))
    return;

  g_assert_cmpint (run_rapport ((const char *[]) { "--sync-setup", radicale_get_url (f->server), NULL },
                                PASSWORD "\n", NULL, &out, &err), !=, 0);
  assert_one_line (err);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);
  g_free (setup_fails (radicale_get_url (f->server), "", NULL));

  /* A user name of blanks, and a password a NUL byte would cut short. */
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_rapport ((const char *[]) { "--sync-setup", radicale_get_url (f->server), "  ", NULL },
                                PASSWORD "\n", NULL, &out, &err), !=, 0);
  assert_one_line (err);
  g_assert_nonnull (strstr (err, "user name"));
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);
  {
    g_autoptr(GBytes) nul = g_bytes_new_static (PASSWORD "\0tail\n", sizeof PASSWORD + 5);

    g_assert_cmpint (run_rapport_bytes ((const char *[]) { "--sync-setup", radicale_get_url (f->server),
                                                           "alice", NULL },
                                        nul, NULL, &out, &err), !=, 0);
  }
  assert_one_line (err);
  g_assert_nonnull (strstr (err, "NUL"));
  g_assert_cmpint (query_int ("SELECT count (*) FROM sync_account"), ==, 0);

  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_rapport ((const char *[]) { "--sync", NULL }, NULL, NULL, &out, &err), !=, 0);
  assert_one_line (err);
}

/* The server gone: --sync fails with one line, and the change waits. */
static void
test_sync_server_down (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (skip_without_servers (f))
    return;

  g_assert_cmpint (run_rapport ((const char *[]) { "--sync-setup", radicale_get_url (f->server), "alice", NULL },
                                PASSWORD "\n", NULL, &out, &err), ==, 0);
  add_customer ("Grace Hopper");
  g_clear_pointer (&f->server, radicale_stop);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_rapport ((const char *[]) { "--sync", NULL }, NULL, NULL, &out, &err), !=, 0);
  assert_one_line (err);
  g_assert_cmpint (query_int ("SELECT count(*) FROM customer"), ==, 1);
  g_assert_cmpint (query_int ("SELECT count(*) FROM sync_outbox WHERE kind = 'customer'"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_assert_cmpint (argc, ==, 2);
  rapport_bin = argv[1];

  g_test_add ("/cli-sync/setup-and-sync", Fixture, NULL, fixture_set_up, test_setup_and_sync, fixture_tear_down);
  g_test_add ("/cli-sync/wrong-password", Fixture, NULL, fixture_set_up, test_wrong_password, fixture_tear_down);
  g_test_add ("/cli-sync/unreachable", Fixture, NULL, fixture_set_up, test_unreachable, fixture_tear_down);
  g_test_add ("/cli-sync/no-keyring", Fixture, NULL, fixture_set_up, test_no_keyring, fixture_tear_down);
  g_test_add ("/cli-sync/insecure-refused", Fixture, NULL, fixture_set_up, test_insecure_refused,
              fixture_tear_down);
  g_test_add ("/cli-sync/bad-arguments", Fixture, NULL, fixture_set_up, test_bad_arguments, fixture_tear_down);
  g_test_add ("/cli-sync/server-down", Fixture, NULL, fixture_set_up, test_sync_server_down, fixture_tear_down);
  return g_test_run ();
}
