/* test-ui-address-book.c: Import from Contacts, against a real evolution-data-server
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The app runs on a session bus of the test's own where evolution-data-server
 * starts on demand; its Personal book is filled through libebook.  The user's
 * path: the menu's action, a book chosen, the preview, Import.
 */

#include "config.h"

#include "eds-bus.h"
#include "rapport-address-book-dialog.h"
#include "rapport-import-dialog.h"
#include "rapport-ui-test.h"

static const char *cards[] = {
  "BEGIN:VCARD\r\n"
  "VERSION:3.0\r\n"
  "UID:grace-hopper-1906\r\n"
  "N:Hopper;Grace;;;\r\n"
  "FN:Grace Hopper\r\n"
  "ORG:Compilers Inc\r\n"
  "EMAIL;TYPE=WORK:grace@compilers.example\r\n"
  "EMAIL;TYPE=HOME:grace@home.example\r\n"
  "TEL;TYPE=CELL:+1 202 555 0100\r\n"
  "X-RAPPORT-TEST-NOTE:bug found\r\n"
  "END:VCARD\r\n",

  "BEGIN:VCARD\r\n"
  "VERSION:3.0\r\n"
  "UID:compilers-inc\r\n"
  "N:;;;;\r\n"
  "FN:Compilers Inc\r\n"
  "ORG:Compilers Inc\r\n"
  "TEL;TYPE=WORK:+1 202 555 0101\r\n"
  "END:VCARD\r\n",
  NULL
};

static EdsBus *bus;
static RapportWindow *window;

static GtkWindow *
find_dialog (GType type)
{
  return rapport_ui_test_find_dialog (type);
}

static gboolean
dialog_listed (gpointer type)
{
  GtkWindow *dialog = find_dialog ((GType) GPOINTER_TO_SIZE (type));

  return dialog != NULL && !rapport_address_book_dialog_get_loading (RAPPORT_ADDRESS_BOOK_DIALOG (dialog));
}

/* Opens Import from Contacts as the menu does; the dialog once it has listed. */
static GtkWidget *
open_chooser (void)
{
  g_action_group_activate_action (G_ACTION_GROUP (rapport_ui_test_app), "import-contacts", NULL);
  rapport_ui_test_wait_until (dialog_listed, GSIZE_TO_POINTER (RAPPORT_TYPE_ADDRESS_BOOK_DIALOG));
  return GTK_WIDGET (find_dialog (RAPPORT_TYPE_ADDRESS_BOOK_DIALOG));
}

static void
choose_book (GtkWidget  *chooser,
             const char *name)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  rapport_ui_test_collect (chooser, ADW_TYPE_ACTION_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      AdwPreferencesRow *row = g_ptr_array_index (rows, i);

      if (g_str_equal (adw_preferences_row_get_title (row), name))
        {
          /* What a click or Enter on the row does. */
          g_signal_emit_by_name (row, "activate");
          return;
        }
    }
  g_error ("No address book “%s” in the list", name);
}

static gboolean
import_dialog_settled (gpointer data)
{
  GtkWindow *dialog = find_dialog (RAPPORT_TYPE_IMPORT_DIALOG);

  return dialog != NULL &&
         (rapport_import_dialog_get_ready (RAPPORT_IMPORT_DIALOG (dialog)) ||
          rapport_ui_test_has_label_with (GTK_WIDGET (dialog), "cannot be imported"));
}

static gboolean
import_dialog_gone (gpointer data)
{
  return find_dialog (RAPPORT_TYPE_IMPORT_DIALOG) == NULL;
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

static gboolean
imported (gpointer store)
{
  g_autofree char *count = query_text (store, "SELECT count (*) FROM customer");

  return g_strcmp0 (count, "2") == 0;
}

static void
check_import (RapportStore *store)
{
  GtkWidget *chooser = open_chooser ();
  GtkWidget *dialog;
  g_autofree char *emails = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *extra = NULL;

  g_assert_true (rapport_ui_test_has_label_with (chooser, "Choose the address book to import"));

  /* A book that cannot be opened is explained, by name, and nothing is imported. */
  choose_book (chooser, "Broken Book");
  rapport_ui_test_wait_until (import_dialog_settled, NULL);
  dialog = GTK_WIDGET (find_dialog (RAPPORT_TYPE_IMPORT_DIALOG));
  g_assert_null (find_dialog (RAPPORT_TYPE_ADDRESS_BOOK_DIALOG));
  g_assert_true (rapport_ui_test_has_label_with (dialog, "This address book cannot be imported"));
  g_assert_true (rapport_ui_test_has_label_with (dialog, "The address book “Broken Book” cannot be opened"));
  g_assert_false (rapport_import_dialog_get_ready (RAPPORT_IMPORT_DIALOG (dialog)));
  gtk_window_close (GTK_WINDOW (dialog));
  rapport_ui_test_wait_until (import_dialog_gone, NULL);

  /* Personal previews its contacts, then imports them with their every email. */
  chooser = open_chooser ();
  choose_book (chooser, "Personal");
  rapport_ui_test_wait_until (import_dialog_settled, NULL);
  dialog = GTK_WIDGET (find_dialog (RAPPORT_TYPE_IMPORT_DIALOG));
  g_assert_true (rapport_import_dialog_get_ready (RAPPORT_IMPORT_DIALOG (dialog)));
  g_assert_true (rapport_ui_test_has_label_with (dialog, "2 customers to import"));
  g_assert_true (rapport_ui_test_has_label_with (dialog, "Grace Hopper"));
  rapport_import_dialog_start (RAPPORT_IMPORT_DIALOG (dialog));
  rapport_ui_test_wait_until (imported, store);

  emails = query_text (store, "SELECT group_concat (v.value || ' ' || v.types, '|') FROM customer_value v "
                              "JOIN customer c ON c.id = v.customer_id "
                              "WHERE c.uid = 'grace-hopper-1906' AND v.kind = 'email'");
  g_assert_cmpstr (emails, ==, "grace@compilers.example work|grace@home.example home");
  kind = query_text (store, "SELECT kind FROM customer WHERE uid = 'compilers-inc'");
  g_assert_cmpstr (kind, ==, "org");
  extra = query_text (store, "SELECT p.content FROM customer_vcard_property p "
                             "JOIN customer c ON c.id = p.customer_id "
                             "WHERE c.uid = 'grace-hopper-1906' AND p.content LIKE 'X-RAPPORT-%'");
  g_assert_cmpstr (extra, ==, "X-RAPPORT-TEST-NOTE:bug found");
}

static void
test_import (void)
{
  if (bus == NULL)
    {
      g_test_skip (eds_bus_missing () != NULL ? eds_bus_missing () : "no private bus");
      return;
    }
  rapport_ui_test_run_app (NULL, check_import, &window);
}

static void
check_missing (RapportStore *store)
{
  GtkWidget *chooser = open_chooser ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  g_assert_true (rapport_ui_test_has_label_with (chooser, "No address book can be imported"));
  g_assert_true (rapport_ui_test_has_label_with (chooser, "is evolution-data-server installed?"));
  rapport_ui_test_collect (chooser, ADW_TYPE_ACTION_ROW, rows);
  g_assert_cmpuint (rows->len, ==, 0);
}

/* Without evolution-data-server on the bus the dialog says so at once
 * (in a child process: this one's session bus has it). */
static void
test_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  EdsBus *bare;

  if (g_test_subprocess ())
    {
      rapport_ui_test_run_app (NULL, check_missing, &window);
      return;
    }

  address = g_strdup (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));
  if ((bare = eds_bus_start (FALSE, &error)) == NULL)
    {
      g_test_skip (error->message);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  eds_bus_stop (bare);
  if (address != NULL)
    g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
  g_test_trap_assert_passed ();
}

/* libedataserver reads its GSettings schemas in this process, where GLib
 * keeps the isolated data folders: the system's schema folders join the
 * build's. */
static void
add_system_schemas (const char *data_dirs)
{
  g_auto(GStrv) dirs = g_strsplit (data_dirs, ":", -1);
  g_autoptr(GString) path = g_string_new (g_getenv ("GSETTINGS_SCHEMA_DIR"));

  for (guint i = 0; dirs[i] != NULL; i++)
    {
      if (path->len > 0)
        g_string_append_c (path, ':');
      g_string_append_printf (path, "%s/glib-2.0/schemas", dirs[i]);
    }
  g_setenv ("GSETTINGS_SCHEMA_DIR", path->str, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  rapport_ui_test_init (&argc, &argv);
  add_system_schemas (rapport_ui_test_data_dirs);
  rapport_ui_test_restore_data_dirs ();

  if (!g_test_subprocess () && eds_bus_missing () == NULL)
    {
      EBookClient *client;

      if ((bus = eds_bus_start (TRUE, &error)) == NULL)
        g_error ("%s", error->message);
      /* The bus goes at the end with this process's connection to it. */
      g_dbus_connection_set_exit_on_close (g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL), FALSE);
      client = eds_bus_open_personal ();
      eds_bus_add_cards (client, cards);
      g_object_unref (client);
      eds_bus_add_broken_book ("Broken Book");
    }

  g_test_add_func ("/ui/address-book/import", test_import);
  g_test_add_func ("/ui/address-book/missing", test_missing);

  status = g_test_run ();
  eds_bus_stop (bus);
  return status;
}
