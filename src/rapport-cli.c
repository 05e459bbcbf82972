/* rapport-cli.c: the command-line operations that need no display
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each operation opens the book itself, does one thing and exits: 0 on
 * success, 1 with one line on stderr otherwise.  They run in the launching
 * process, before any window exists, so they work without a display.
 */

#define G_LOG_DOMAIN "rapport-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rapport-agenda.h"
#include "rapport-backup.h"
#include "rapport-cli.h"
#include "rapport-customer-card.h"
#include "rapport-exporter.h"
#include "rapport-importer.h"
#include "rapport-nudge-plan.h"
#include "rapport-sample.h"
#include "rapport-store.h"
#include "rapport-sync-engine.h"
#include "rapport-sync-error.h"
#include "rapport-time.h"

static const GOptionEntry option_entries[] = {
  { "version", 'v', 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { "due", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("List overdue and today’s check-ins and exit"), NULL },
  { "import", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Import customers from a CSV or vCard file and exit"), N_("FILE") },
  { "export", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Export to a .csv, .vcf, .ics or .html file and exit"), N_("FILE") },
  { "backup", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write a backup copy of the book and exit"), N_("FILE") },
  { "restore", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Replace the book with a backup and exit"), N_("FILE") },
  { "background", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Run without a window, reminding you of due check-ins"), NULL },
  { "sample-data", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Fill an empty book with a demo book of business and exit"), NULL },
  { "sync-setup", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Set up sync with a CardDAV and CalDAV server (the password is read from standard input) and exit"),
    N_("URL USER") },
  { "accept-insecure", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --sync-setup: accept a server on another machine over plain http://"), NULL },
  { "sync", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Sync the book with its server once and exit"), NULL },
  /* The user name after --sync-setup URL. */
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL, NULL, NULL },
  { NULL }
};

typedef int (*RapportCliCommand) (const char   *argument,
                                  GVariantDict *options);

static RapportStore *
open_book (void)
{
  g_autofree char *path = rapport_store_default_path ();
  g_autoptr(GError) error = NULL;
  RapportStore *store = rapport_store_open (path, &error);

  if (store == NULL)
    g_printerr ("rapport: %s\n", error->message);
  return store;
}

/* Names come from the user; keep each item on one line. */
static char *
one_line (const char *text)
{
  char *copy = g_strdup (text != NULL ? text : "");

  for (char *p = copy; *p; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t')
      *p = ' ';
  return copy;
}

static void
print_due_item (const RapportDueItem *item,
                gpointer              user_data)
{
  g_autoptr(GDateTime) due = g_date_time_new_from_unix_local (item->due_at);
  g_autofree char *when = g_date_time_format (due, "%Y-%m-%d %H:%M");
  g_autofree char *name = one_line (item->customer_name);

  g_print ("%s\t%s\t%s\n", when, name, rapport_follow_up_kind_label (item->kind));
  rapport_nudge_plan_trace_first ();
}

/* Each line as the book yields it, in order: the first comes at once
 * however long the backlog (50,000 overdue items on a big book). */
static int
run_due (const char   *argument,
         GVariantDict *options)
{
  g_autoptr(RapportStore) store = open_book ();
  g_autoptr(GError) error = NULL;

  if (store == NULL)
    return 1;

  if (!rapport_agenda_foreach_due (store, rapport_agenda_end_of_today (rapport_time_now ()),
                                   print_due_item, NULL, &error))
    {
      g_printerr ("rapport: %s\n", error->message);
      return 1;
    }
  rapport_nudge_plan_trace_first ();
  return 0;
}

static gboolean
count_customers (RapportStore  *store,
                 int           *count,
                 GError       **error)
{
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (store, "SELECT count(*) FROM customer", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return rapport_store_set_error (store, rc, error, "count");
  *count = sqlite3_column_int (stmt, 0);
  return TRUE;
}

static int
run_backup (const char   *argument,
            GVariantDict *options)
{
  g_autofree char *book = rapport_store_default_path ();
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int count = 0;

  /* Opening would create an empty book, and back up nothing. */
  if (!g_file_test (book, G_FILE_TEST_EXISTS))
    {
      g_printerr (_("rapport: there is no book to back up yet (%s)\n"), book);
      return 1;
    }

  store = open_book ();
  if (store == NULL)
    return 1;

  if (!count_customers (store, &count, &error) ||
      !rapport_backup_write (store, argument, &error))
    {
      g_printerr ("rapport: %s\n", error->message);
      return 1;
    }

  g_print (ngettext ("Backed up %'d customer to %s\n", "Backed up %'d customers to %s\n", count),
           count, argument);
  return 0;
}

static int
run_restore (const char   *argument,
             GVariantDict *options)
{
  g_autofree char *book = rapport_store_default_path ();
  g_autofree char *kept = NULL;
  g_autoptr(GError) error = NULL;

  if (!rapport_backup_restore_full (book, argument, &kept, &error))
    {
      g_printerr ("rapport: %s\n", error->message);
      return 1;
    }

  if (kept != NULL)
    g_print (_("Restored %s; the previous book is kept as %s\n"), argument, kept);
  else
    g_print (_("Restored %s; there was no previous book to keep\n"), argument);
  return 0;
}

static int
run_sample_data (const char   *argument,
                 GVariantDict *options)
{
  g_autoptr(RapportStore) store = open_book ();
  g_autoptr(GError) error = NULL;

  if (store == NULL)
    return 1;

  if (!rapport_sample_fill (store, rapport_time_now (), &error))
    {
      g_printerr ("rapport: %s\n", error->message);
      return 1;
    }

  g_print (ngettext ("Added %d sample customer with their sales, referrals and testimonials\n",
                     "Added %d sample customers with their sales, referrals and testimonials\n",
                     RAPPORT_SAMPLE_N_CUSTOMERS),
           RAPPORT_SAMPLE_N_CUSTOMERS);
  return 0;
}

static int
run_import (const char   *argument,
            GVariantDict *options)
{
  g_autofree char *name = g_filename_display_basename (argument);
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportImportNotes) notes = rapport_import_notes_new ();
  g_autofree char *not_kept = NULL;
  RapportImportSummary summary;

  /* Read the file first: one that cannot be imported leaves no trace,
   * not even a new empty book. */
  contacts = rapport_importer_read_file (argument, notes, &error);
  if (contacts == NULL)
    {
      g_printerr ("rapport: %s\n", error->message);
      return 1;
    }

  if ((store = open_book ()) == NULL)
    return 1;

  if (!rapport_importer_import (store, contacts, NULL, NULL, NULL, &summary, &error))
    {
      g_printerr ("rapport: %s\n", error->message);
      return 1;
    }

  g_print (_("Imported %s: %'u added, %'u merged, %'u skipped\n"),
           name, summary.added, summary.merged, summary.skipped);
  if (summary.values_added > 0 || summary.filled > 0 || summary.kept > 0)
    g_print (_("Into customers already in the book: %u emails, phones or addresses added, "
               "%u empty fields filled, %u values kept as they were\n"),
             summary.values_added, summary.filled, summary.kept);
  if (summary.values_not_kept > 0)
    g_print (_("%u emails, phones or addresses beyond %u on one customer not kept\n"),
             summary.values_not_kept, RAPPORT_CARD_MAX_VALUES);
  if ((not_kept = rapport_import_notes_describe (notes)) != NULL)
    g_print ("%s\n", not_kept);
  for (guint i = 0; i < notes->warnings->len; i++)
    g_print ("%s\n", (const char *) g_ptr_array_index (notes->warnings, i));
  return 0;
}

/* The user's paper for the PDF of testimonials; the locale's when the
 * schema is not installed (a CLI run straight from a build tree). */
static RapportPaper
collateral_paper (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *paper = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "collateral-paper"))
    return rapport_paper_for_locale ();
  settings = g_settings_new_full (schema, NULL, NULL);
  paper = g_settings_get_string (settings, "collateral-paper");
  return rapport_paper_from_setting (paper);
}

static int
run_export (const char   *argument,
            GVariantDict *options)
{
  g_autofree char *name = g_filename_display_basename (argument);
  g_autoptr(RapportStore) store = open_book ();
  g_autoptr(GError) error = NULL;

  if (store == NULL)
    return 1;

  if (!rapport_exporter_write_file_full (store, argument, collateral_paper (), &error))
    {
      g_printerr ("rapport: %s\n", error->message);
      return 1;
    }

  g_print (_("Exported %s\n"), name);
  return 0;
}

/* One line of standard input, without its line end, in @password; FALSE
 * with a message when there is none, or when it holds a NUL byte (the
 * password would be cut short there without a word). */
static gboolean
read_password (char **password)
{
  char *line = NULL;
  size_t size = 0;
  ssize_t got = getline (&line, &size, stdin);
  size_t length = got > 0 ? strcspn (line, "\r\n") : 0;

  *password = NULL;
  if (got > 0 && memchr (line, 0, got) != NULL)
    g_printerr (_("rapport: the password on standard input holds a NUL byte\n"));
  else if (length == 0)
    g_printerr (_("rapport: --sync-setup reads the password from standard input, and it was empty\n"));
  else
    *password = g_strndup (line, length);
  if (line != NULL)
    memset (line, 0, size);
  free (line);
  return *password != NULL;
}

static void
print_sync_error (const GError *error)
{
  if (g_error_matches (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_INSECURE))
    /* Translators: the first %s says why the server is not safe */
    g_printerr (_("rapport: %s; to use it anyway, run again with --accept-insecure\n"), error->message);
  else
    g_printerr ("rapport: %s\n", error->message);
}

/* --sync-setup URL USER: the password comes on standard input, never on
 * the command line, where other users of the machine could read it. */
static int
run_sync_setup (const char   *url,
                GVariantDict *options)
{
  g_autofree char *book = rapport_store_default_path ();
  g_autofree const char **rest = NULL;
  g_autofree char *addressbook = NULL;
  g_autofree char *tasks = NULL;
  g_autoptr(GError) error = NULL;
  char *password;
  gboolean ok;

  if (!g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&s", &rest) ||
      rest[0] == NULL || rest[1] != NULL)
    {
      g_printerr (_("rapport: --sync-setup needs the server’s address and a user name: "
                    "rapport --sync-setup URL USER\n"));
      return 1;
    }
  if (rest[0][strspn (rest[0], " \t")] == '\0')
    {
      g_printerr (_("rapport: --sync-setup needs a user name, and it was empty\n"));
      return 1;
    }
  if (!read_password (&password))
    return 1;

  ok = rapport_sync_setup (book, url, rest[0], password,
                           g_variant_dict_contains (options, "accept-insecure"),
                           &addressbook, &tasks, NULL, &error);
  memset (password, 0, strlen (password));
  g_free (password);
  if (!ok)
    {
      print_sync_error (error);
      return 1;
    }

  g_print (_("Address book: %s\n"), addressbook);
  g_print (_("Task list: %s\n"), tasks);
  return 0;
}

static int
run_sync (const char   *argument,
          GVariantDict *options)
{
  g_autofree char *book = rapport_store_default_path ();
  g_autoptr(GError) error = NULL;
  RapportSyncResult result = { 0, };

  if (!rapport_sync_run (book, &result, NULL, &error))
    {
      print_sync_error (error);
      return 1;
    }
  /* Not translated: scripts read it. */
  g_print ("sent %u, received %u, conflicts %u\n", result.sent, result.received, result.conflicts);
  return 0;
}

static int
not_yet (const char *option)
{
  g_printerr ("rapport: --%s is not implemented yet\n", option);
  return 2;
}

static const struct {
  const char        *option;
  gboolean           takes_file;
  RapportCliCommand  run;
} commands[] = {
  { "due", FALSE, run_due },
  { "import", TRUE, run_import },
  { "export", TRUE, run_export },
  { "backup", TRUE, run_backup },
  { "restore", TRUE, run_restore },
  { "sample-data", FALSE, run_sample_data },
  { "sync-setup", TRUE, run_sync_setup },
  { "sync", FALSE, run_sync },
};

/**
 * rapport_cli_add_options:
 *
 * Gives @app Rapport's command-line options, the same in the launching
 * process (main.c) as in the application with its windows.
 */
void
rapport_cli_add_options (GApplication *app)
{
  g_return_if_fail (G_IS_APPLICATION (app));

  g_application_add_main_option_entries (app, option_entries);
  g_application_set_option_context_summary (app,
                                            _("Keep customer relationships warm and earn referrals."));
}

/**
 * rapport_cli_handle_local_options:
 *
 * Runs --version, or a book operation, in the launching process, before
 * any window.  A word on the command line that no option takes is refused
 * (exit status 1, as for the other usage errors).
 *
 * Returns: the process exit status, or -1 when @options ask for the
 *   application itself (a window, --background, the desktop's search)
 */
int
rapport_cli_handle_local_options (GVariantDict *options)
{
  g_autofree const char **rest = NULL;

  /* Only --sync-setup takes a word of its own (the user name, checked
   * there); any other would be silently ignored. */
  if (!g_variant_dict_contains (options, "sync-setup") &&
      g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&s", &rest) && rest[0] != NULL)
    {
      /* Translators: %s is the word on the command line that was not expected */
      g_printerr (_("rapport: unexpected argument “%s” (see rapport --help)\n"), rest[0]);
      return 1;
    }

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("rapport %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (rapport_cli_wants_local (options))
    return rapport_cli_run (options);

  return -1;
}

gboolean
rapport_cli_wants_local (GVariantDict *options)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_variant_dict_contains (options, commands[i].option))
      return TRUE;
  return FALSE;
}

/**
 * rapport_cli_run:
 *
 * Runs the one command in @options.  Two at once are refused: their order
 * would be a guess.
 *
 * Returns: the process exit status
 */
int
rapport_cli_run (GVariantDict *options)
{
  g_autofree char *argument = NULL;
  guint chosen = G_N_ELEMENTS (commands);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (!g_variant_dict_contains (options, commands[i].option))
        continue;
      if (chosen != G_N_ELEMENTS (commands))
        {
          g_printerr ("rapport: --%s and --%s cannot be used together\n",
                      commands[chosen].option, commands[i].option);
          return 1;
        }
      chosen = i;
    }

  g_return_val_if_fail (chosen < G_N_ELEMENTS (commands), 1);

  if (commands[chosen].takes_file &&
      !g_variant_dict_lookup (options, commands[chosen].option, "^ay", &argument) &&
      !g_variant_dict_lookup (options, commands[chosen].option, "s", &argument))
    return 1;

  if (commands[chosen].run == NULL)
    return not_yet (commands[chosen].option);
  return commands[chosen].run (argument, options);
}
