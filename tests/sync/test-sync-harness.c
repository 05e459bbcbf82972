/* test-sync-harness.c: the sync tests' real Radicale and real keyring start, answer and go
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every other sync test stands on these two: Radicale must accept the
 * right password and refuse a wrong one, keep its collections in its own
 * folder and leave nothing behind; the keyring must keep a secret through
 * libsecret and not write it in the clear.
 */

#include "config.h"

#include <libsecret/secret.h>
#include <libsoup/soup.h>
#include <string.h>

#include "keyring.h"
#include "radicale.h"

static const char *users[] = { "alice:wonderland", "bob:builder", NULL };

static const char principal_request[] =
  "<?xml version='1.0' encoding='utf-8'?>"
  "<propfind xmlns='DAV:'><prop><current-user-principal/></prop></propfind>";

static guint
propfind (const char  *url,
          const char  *user,
          const char  *password,
          char       **body)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) message = soup_message_new ("PROPFIND", url);
  g_autoptr(GBytes) request = g_bytes_new_static (principal_request, strlen (principal_request));
  g_autofree char *credentials = g_strconcat (user, ":", password, NULL);
  g_autofree char *encoded = g_base64_encode ((const guchar *) credentials, strlen (credentials));
  g_autofree char *authorization = g_strconcat ("Basic ", encoded, NULL);
  g_autoptr(GBytes) response = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_headers_append (soup_message_get_request_headers (message), "Depth", "0");
  soup_message_headers_append (soup_message_get_request_headers (message), "Authorization", authorization);
  soup_message_set_request_body_from_bytes (message, "application/xml; charset=utf-8", request);
  response = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  if (body != NULL)
    *body = g_strndup (g_bytes_get_data (response, NULL), g_bytes_get_size (response));
  return soup_message_get_status (message);
}

static void
test_radicale (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *storage = NULL;
  g_autofree char *url = NULL;
  Radicale *server;

  if (radicale_missing () != NULL)
    {
      g_test_skip (radicale_missing ());
      return;
    }
  server = radicale_start (users, &error);
  g_assert_no_error (error);
  g_assert_nonnull (server);
  url = g_strdup (radicale_get_url (server));
  g_assert_true (g_str_has_prefix (url, "http://127.0.0.1:"));
  g_assert_cmpuint (radicale_get_port (server), >, 0);

  g_assert_cmpuint (propfind (url, "alice", "wonderland", &body), ==, SOUP_STATUS_MULTI_STATUS);
  g_assert_nonnull (strstr (body, "/alice/"));
  g_assert_cmpuint (propfind (url, "bob", "builder", NULL), ==, SOUP_STATUS_MULTI_STATUS);
  g_assert_cmpuint (propfind (url, "alice", "builder", NULL), ==, SOUP_STATUS_UNAUTHORIZED);
  g_assert_cmpuint (propfind (url, "mallory", "wonderland", NULL), ==, SOUP_STATUS_UNAUTHORIZED);

  /* A logged-in user's principal is made in the server's own folder. */
  storage = g_strdup (radicale_get_storage (server));
  g_assert_true (g_file_test (storage, G_FILE_TEST_IS_DIR));

  radicale_stop (server);
  g_assert_false (g_file_test (storage, G_FILE_TEST_EXISTS));
}

static const SecretSchema test_schema = {
  "io.github.rapportapp.Rapport.Test", SECRET_SCHEMA_NONE,
  {
    { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

static gboolean
file_contains (const char *dir,
               const char *needle)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_get_contents (path, &contents, &length, NULL) &&
          memmem (contents, length, needle, strlen (needle)) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
test_keyring (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(Keyring) keyring = NULL;
  g_autofree char *found = NULL;
  g_autofree char *keyrings = NULL;
  const char *secret = "correct horse battery staple";

  if (keyring_missing () != NULL)
    {
      g_test_skip (keyring_missing ());
      return;
    }
  keyring = keyring_start (&error);
  g_assert_no_error (error);
  g_assert_nonnull (keyring);
  g_assert_cmpstr (g_getenv ("DBUS_SESSION_BUS_ADDRESS"), ==, keyring_get_address (keyring));

  secret_password_store_sync (&test_schema, SECRET_COLLECTION_DEFAULT, "Rapport test", secret,
                              NULL, &error,
                              "server", "http://127.0.0.1:1/", "user", "alice", NULL);
  g_assert_no_error (error);
  found = secret_password_lookup_sync (&test_schema, NULL, &error,
                                       "server", "http://127.0.0.1:1/", "user", "alice", NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, secret);
  g_clear_pointer (&found, secret_password_free);
  found = secret_password_lookup_sync (&test_schema, NULL, &error,
                                       "server", "http://127.0.0.1:1/", "user", "bob", NULL);
  g_assert_no_error (error);
  g_assert_null (found);

  /* Kept on disk in the keyring's folder, encrypted. */
  keyrings = g_build_filename (keyring_get_dir (keyring), "data", "keyrings", NULL);
  g_assert_true (g_file_test (keyrings, G_FILE_TEST_IS_DIR));
  g_assert_false (file_contains (keyrings, secret));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sync/harness/radicale", test_radicale);
  g_test_add_func ("/sync/harness/keyring", test_keyring);

  return g_test_run ();
}
