/* test-address-book.c: the desktop's address books into the book, through a real evolution-data-server
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * evolution-data-server runs on a session bus of this test's own, its
 * files in the test's isolated folders; the "Personal" book is filled
 * through libebook as GNOME Contacts would, then read and imported.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "eds-bus.h"
#include "rapport-address-book.h"
#include "rapport-importer.h"

#define TIMEOUT 30

static const char *cards[] = {
  "BEGIN:VCARD\r\n"
  "VERSION:3.0\r\n"
  "UID:ada-lovelace-1815\r\n"
  "N:Lovelace;Ada;;Countess;\r\n"
  "FN:Ada Lovelace\r\n"
  "ORG:Analytical Engines Ltd\r\n"
  "EMAIL;TYPE=WORK:ada@engines.example\r\n"
  "EMAIL;TYPE=HOME:ada@home.example\r\n"
  "TEL;TYPE=CELL:+44 7700 900123\r\n"
  "TEL;TYPE=WORK:+44 20 7946 0000\r\n"
  "X-RAPPORT-TEST-COLOUR;X-SHADE=deep:indigo\r\n"
  "END:VCARD\r\n",

  "BEGIN:VCARD\r\n"
  "VERSION:3.0\r\n"
  "UID:analytical-engines\r\n"
  "N:;;;;\r\n"
  "FN:Analytical Engines Ltd\r\n"
  "ORG:Analytical Engines Ltd\r\n"
  "TEL;TYPE=WORK:+44 20 7946 0001\r\n"
  "END:VCARD\r\n",

  "BEGIN:VCARD\r\n"
  "VERSION:3.0\r\n"
  "UID:charles-babbage-1791\r\n"
  "N:Babbage;Charles;;;\r\n"
  "FN:Charles Babbage\r\n"
  "EMAIL:charles@engines.example\r\n"
  "END:VCARD\r\n",
  NULL
};

static EdsBus *bus;
static char *system_data_dirs;

/* Isolated user folders, but the system's XDG_DATA_DIRS for the services
 * the bus starts.  GTest isolates again for every test case, so each
 * calls this. */
static void
restore_data_dirs (void)
{
  g_setenv ("XDG_DATA_DIRS", system_data_dirs, TRUE);
}

/* libedataserver reads its GSettings schemas in this process too, where
 * GLib keeps the isolated data folders whatever the environment says:
 * the system's schema folders join the build's. */
static void
add_system_schemas (void)
{
  g_auto(GStrv) dirs = g_strsplit (system_data_dirs, ":", -1);
  g_autoptr(GString) path = g_string_new (g_getenv ("GSETTINGS_SCHEMA_DIR"));

  for (guint i = 0; dirs[i] != NULL; i++)
    {
      if (path->len > 0)
        g_string_append_c (path, ':');
      g_string_append_printf (path, "%s/glib-2.0/schemas", dirs[i]);
    }
  g_setenv ("GSETTINGS_SCHEMA_DIR", path->str, TRUE);
}

static RapportStore *
open_book (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "rapport.db", NULL);
  g_autoptr(GError) error = NULL;
  RapportStore *store;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  store = rapport_store_open (path, &error);
  g_assert_no_error (error);
  return store;
}

static char *
query_text (RapportStore *store,
            const char   *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

#define assert_query_text(store, sql, expected) \
  G_STMT_START { \
    g_autofree char *_text = query_text (store, sql); \
    g_assert_cmpstr (_text, ==, expected); \
  } G_STMT_END

/* The book named @name among those listed. */
static RapportAddressBook *
find_book (GPtrArray  *books,
           const char *name)
{
  for (guint i = 0; i < books->len; i++)
    {
      RapportAddressBook *book = g_ptr_array_index (books, i);

      if (g_str_equal (book->name, name))
        return book;
    }
  return NULL;
}

static RapportContact *
find_contact (GPtrArray  *contacts,
              const char *uid)
{
  for (guint i = 0; i < contacts->len; i++)
    {
      RapportContact *contact = g_ptr_array_index (contacts, i);

      if (g_strcmp0 (contact->uid, uid) == 0)
        return contact;
    }
  return NULL;
}

static gboolean
has_value (RapportContact   *contact,
           RapportValueKind  kind,
           const char       *value,
           const char       *types)
{
  for (guint i = 0; i < contact->values->len; i++)
    {
      RapportContactValue *v = g_ptr_array_index (contact->values, i);

      if (v->kind == kind && g_str_equal (v->value, value) && g_str_equal (v->types, types))
        return TRUE;
    }
  return FALSE;
}

static gboolean
has_extra (RapportContact *contact,
           const char     *line)
{
  for (guint i = 0; i < contact->extra->len; i++)
    if (g_str_equal (g_ptr_array_index (contact->extra, i), line))
      return TRUE;
  return FALSE;
}

static void
fill_personal (void)
{
  static gboolean filled;
  EBookClient *client;

  if (filled)
    return;
  client = eds_bus_open_personal ();
  eds_bus_add_cards (client, cards);
  g_object_unref (client);
  filled = TRUE;
}

static gboolean
skip_without_eds (void)
{
  restore_data_dirs ();
  if (bus != NULL)
    return FALSE;
  g_test_skip (eds_bus_missing () != NULL ? eds_bus_missing () : "no private bus");
  return TRUE;
}

/* The Personal book is always there, and each contact comes out as the
 * vCard reader reads the same card from a file. */
static void
test_read_personal (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) books = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(RapportImportNotes) notes = rapport_import_notes_new ();
  RapportAddressBook *personal;
  RapportContact *ada, *engines, *charles;

  if (skip_without_eds ())
    return;
  fill_personal ();

  books = rapport_address_book_list (TIMEOUT, NULL, &error);
  g_assert_no_error (error);
  personal = find_book (books, "Personal");
  g_assert_nonnull (personal);
  g_assert_cmpstr (e_source_get_uid (E_SOURCE (personal->source)), ==, "system-address-book");

  contacts = rapport_address_book_read (personal, TIMEOUT, notes, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, 3);
  g_assert_cmpuint (notes->warnings->len, ==, 0);

  ada = find_contact (contacts, "ada-lovelace-1815");
  g_assert_nonnull (ada);
  g_assert_cmpstr (ada->name, ==, "Ada Lovelace");
  g_assert_cmpstr (ada->structured_name, ==, "Lovelace;Ada;;Countess;");
  g_assert_cmpstr (ada->company, ==, "Analytical Engines Ltd");
  g_assert_false (ada->is_org);
  g_assert_cmpstr (ada->email, ==, "ada@engines.example");
  g_assert_true (has_value (ada, RAPPORT_VALUE_EMAIL, "ada@engines.example", "work"));
  g_assert_true (has_value (ada, RAPPORT_VALUE_EMAIL, "ada@home.example", "home"));
  g_assert_true (has_value (ada, RAPPORT_VALUE_PHONE, "+44 7700 900123", "cell"));
  g_assert_true (has_value (ada, RAPPORT_VALUE_PHONE, "+44 20 7946 0000", "work"));
  g_assert_true (has_extra (ada, "X-RAPPORT-TEST-COLOUR;X-SHADE=deep:indigo"));

  engines = find_contact (contacts, "analytical-engines");
  g_assert_nonnull (engines);
  g_assert_true (engines->is_org);
  g_assert_true (has_value (engines, RAPPORT_VALUE_PHONE, "+44 20 7946 0001", "work"));

  charles = find_contact (contacts, "charles-babbage-1791");
  g_assert_nonnull (charles);
  g_assert_cmpstr (charles->email, ==, "charles@engines.example");
}

/* Imported with the file import's merge rules: again, nobody is added. */
static void
test_import_personal (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) books = NULL;
  g_autoptr(RapportStore) store = NULL;
  RapportImportSummary summary;
  RapportAddressBook *personal;

  if (skip_without_eds ())
    return;
  fill_personal ();
  store = open_book ();
  books = rapport_address_book_list (TIMEOUT, NULL, &error);
  g_assert_no_error (error);
  personal = find_book (books, "Personal");
  g_assert_nonnull (personal);

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(GPtrArray) contacts = rapport_address_book_read (personal, TIMEOUT, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_true (rapport_importer_import (store, contacts, NULL, NULL, NULL, &summary, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (summary.added, ==, round == 0 ? 3 : 0);
      g_assert_cmpuint (summary.merged, ==, round == 0 ? 0 : 3);
    }

  assert_query_text (store, "SELECT count (*) FROM customer", "3");
  assert_query_text (store, "SELECT name FROM customer WHERE uid = 'ada-lovelace-1815'", "Ada Lovelace");
  assert_query_text (store, "SELECT group_concat (value || ' ' || types, '|') FROM "
                            "(SELECT v.value, v.types FROM customer_value v JOIN customer c ON c.id = v.customer_id "
                            " WHERE c.uid = 'ada-lovelace-1815' ORDER BY v.kind, v.position)",
                     "ada@engines.example work|ada@home.example home|+44 7700 900123 cell|+44 20 7946 0000 work");
  assert_query_text (store, "SELECT p.content FROM customer_vcard_property p JOIN customer c ON c.id = p.customer_id "
                            "WHERE c.uid = 'ada-lovelace-1815' AND p.content LIKE 'X-RAPPORT-%'",
                     "X-RAPPORT-TEST-COLOUR;X-SHADE=deep:indigo");
  assert_query_text (store, "SELECT kind FROM customer WHERE uid = 'analytical-engines'", "org");
}

/* A book whose backend cannot be loaded is refused by name, at once. */
static void
test_open_fails (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) books = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  RapportAddressBook *broken;

  if (skip_without_eds ())
    return;
  eds_bus_add_broken_book ("Broken Book");

  /* The registry in the listing sees the new source once it is announced. */
  for (guint tries = 0; tries < 100; tries++)
    {
      g_clear_pointer (&books, g_ptr_array_unref);
      books = rapport_address_book_list (TIMEOUT, NULL, &error);
      g_assert_no_error (error);
      if (find_book (books, "Broken Book") != NULL)
        break;
      g_usleep (50 * 1000);
    }
  broken = find_book (books, "Broken Book");
  g_assert_nonnull (broken);

  contacts = rapport_address_book_read (broken, TIMEOUT, NULL, NULL, &error);
  g_assert_null (contacts);
  g_assert_error (error, RAPPORT_ADDRESS_BOOK_ERROR, RAPPORT_ADDRESS_BOOK_ERROR_OPEN);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "“Broken Book” cannot be opened"));
}

/* A cancelled read stops, and says it was cancelled. */
static void
test_cancelled (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) books = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  if (skip_without_eds ())
    return;
  books = rapport_address_book_list (TIMEOUT, NULL, &error);
  g_assert_no_error (error);
  g_cancellable_cancel (cancellable);
  contacts = rapport_address_book_read (find_book (books, "Personal"), TIMEOUT, NULL, cancellable, &error);
  g_assert_null (contacts);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Without evolution-data-server on the session bus, the listing says so
 * (in a child process: this one's session bus is the one with it). */
static void
test_missing (void)
{
  restore_data_dirs ();
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) books = rapport_address_book_list (TIMEOUT, NULL, &error);

      g_test_message ("bus %s", g_getenv ("DBUS_SESSION_BUS_ADDRESS"));
      if (books != NULL)
        for (guint i = 0; i < books->len; i++)
          g_test_message ("book %s", ((RapportAddressBook *) g_ptr_array_index (books, i))->name);
      g_assert_null (books);
      g_assert_error (error, RAPPORT_ADDRESS_BOOK_ERROR, RAPPORT_ADDRESS_BOOK_ERROR_UNAVAILABLE);
      g_assert_nonnull (strstr (error->message, "is evolution-data-server installed?"));
      g_print ("%s\n", error->message);
      return;
    }

  {
    g_autoptr(GError) error = NULL;
    g_autofree char *address = g_strdup (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));
    EdsBus *bare = eds_bus_start (FALSE, &error);

    if (bare == NULL)
      {
        g_test_skip (error->message);
        return;
      }
    g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
    eds_bus_stop (bare);
    if (address != NULL)
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
    g_test_trap_assert_passed ();
    g_test_trap_assert_stdout ("*address books cannot be reached*org.gnome.evolution.dataserver.Sources5*");
  }
}

static void
keep_invocation (GDBusConnection       *connection,
                 const char            *sender,
                 const char            *path,
                 const char            *interface,
                 const char            *method,
                 GVariant              *parameters,
                 GDBusMethodInvocation *invocation,
                 gpointer               user_data)
{
  /* Never answered: kept, or GDBus would answer for us. */
  g_object_ref (invocation);
}

/* A Sources5 that takes calls and never answers: the listing gives up
 * after its timeout, with a sentence that says so. */
static void
test_timeout (void)
{
  restore_data_dirs ();
  if (g_test_subprocess ())
    {
      static const char xml[] =
        "<node><interface name='org.freedesktop.DBus.ObjectManager'>"
        "  <method name='GetManagedObjects'>"
        "    <arg type='a{oa{sa{sv}}}' name='objects' direction='out'/>"
        "  </method>"
        "</interface></node>";
      static const GDBusInterfaceVTable never_answer = { keep_invocation, NULL, NULL, { 0 } };
      g_autoptr(GError) error = NULL;
      g_autoptr(GDBusNodeInfo) node = g_dbus_node_info_new_for_xml (xml, &error);
      g_autoptr(GDBusConnection) fake = NULL;
      g_autoptr(GVariant) reply = NULL;
      g_autoptr(GPtrArray) books = NULL;

      g_assert_no_error (error);
      fake = g_dbus_connection_new_for_address_sync (g_getenv ("DBUS_SESSION_BUS_ADDRESS"),
                                                     G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                     G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                     NULL, NULL, &error);
      g_assert_no_error (error);
      /* Its calls are dispatched to this thread's main context, which
       * never runs while the listing blocks: no call is ever answered. */
      g_dbus_connection_register_object (fake, "/org/gnome/evolution/dataserver/SourceManager",
                                         node->interfaces[0], &never_answer, NULL, NULL, &error);
      g_assert_no_error (error);
      reply = g_dbus_connection_call_sync (fake, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                           "org.freedesktop.DBus", "RequestName",
                                           g_variant_new ("(su)", "org.gnome.evolution.dataserver.Sources5", 0),
                                           G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
      g_assert_no_error (error);

      books = rapport_address_book_list (2, NULL, &error);
      g_assert_null (books);
      g_assert_error (error, RAPPORT_ADDRESS_BOOK_ERROR, RAPPORT_ADDRESS_BOOK_ERROR_TIMED_OUT);
      g_print ("%s\n", error->message);
      return;
    }

  {
    g_autoptr(GError) error = NULL;
    g_autofree char *address = g_strdup (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));
    EdsBus *bare = eds_bus_start (FALSE, &error);

    if (bare == NULL)
      {
        g_test_skip (error->message);
        return;
      }
    g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
    eds_bus_stop (bare);
    if (address != NULL)
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
    g_test_trap_assert_passed ();
    g_test_trap_assert_stdout ("*address books did not answer within 2 seconds*");
  }
}

/* Without the rapport-eds module (a broken installation), the error says
 * which file is missing, rather than that there are no books. */
static void
test_module_missing (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *empty = g_build_filename (g_get_user_cache_dir (), "no-modules", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) books = NULL;

      g_assert_cmpint (g_mkdir_with_parents (empty, 0700), ==, 0);
      g_setenv ("RAPPORT_MODULE_DIR", empty, TRUE);
      books = rapport_address_book_list (TIMEOUT, NULL, &error);
      g_assert_null (books);
      g_assert_error (error, RAPPORT_ADDRESS_BOOK_ERROR, RAPPORT_ADDRESS_BOOK_ERROR_UNAVAILABLE);
      g_assert_nonnull (strstr (error->message, "librapport-eds.so"));
      g_print ("%s\n", error->message);
      return;
    }

  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("The desktop*s address books cannot be read: *librapport-eds.so*");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  const char *data_dirs = g_getenv ("XDG_DATA_DIRS");
  int status;

  system_data_dirs = g_strdup (data_dirs != NULL ? data_dirs : "/usr/local/share:/usr/share");
  add_system_schemas ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  restore_data_dirs ();

  if (!g_test_subprocess () && eds_bus_missing () == NULL)
    {
      if ((bus = eds_bus_start (TRUE, &error)) == NULL)
        g_error ("%s", error->message);
      /* The bus goes at the end with this process's connection to it. */
      g_dbus_connection_set_exit_on_close (g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL), FALSE);
    }

  g_test_add_func ("/address-book/read-personal", test_read_personal);
  g_test_add_func ("/address-book/import-personal", test_import_personal);
  g_test_add_func ("/address-book/open-fails", test_open_fails);
  g_test_add_func ("/address-book/cancelled", test_cancelled);
  g_test_add_func ("/address-book/missing", test_missing);
  g_test_add_func ("/address-book/timeout", test_timeout);
  g_test_add_func ("/address-book/module-missing", test_module_missing);

  status = g_test_run ();
  eds_bus_stop (bus);
  return status;
}
