/* rapport-ui-test.h: set-up shared by the headless UI tests
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <glib.h>
#include <string.h>

#include "rapport-application.h"
#include "rapport-window.h"

static char *rapport_ui_test_data_dirs;

/* Isolated user folders, but the system's XDG_DATA_DIRS: GTK needs the
 * shared MIME database there to recognise SVG icons, and the icon theme.
 * GTest isolates again for every test case, so each calls the restore. */
static inline void
rapport_ui_test_restore_data_dirs (void)
{
  g_setenv ("XDG_DATA_DIRS", rapport_ui_test_data_dirs, TRUE);
}

static inline void
rapport_ui_test_init (int    *argc,
                      char ***argv)
{
  const char *data_dirs = g_getenv ("XDG_DATA_DIRS");

  rapport_ui_test_data_dirs = g_strdup (data_dirs != NULL ? data_dirs : "/usr/local/share:/usr/share");
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
}

/* Helpers the UI tests share. */

typedef gboolean (*RapportUiTestCondition) (gpointer data);

/* Runs the main loop until @condition holds; fails after ten seconds. */
#define rapport_ui_test_wait_until(condition, data) \
  rapport_ui_test_wait_until_at ((condition), (data), __LINE__)

static inline void
rapport_ui_test_wait_until_at (RapportUiTestCondition  condition,
                               gpointer                data,
                               int                     line)
{
  /* Generous: a loaded CI machine is slow, and a pass never waits long. */
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Waited 30 s in vain at line %d", line);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* Whether @object (a view reading the book in a worker) has shown its
 * last read: its "loading" property is FALSE. */
static inline gboolean
rapport_ui_test_loaded (gpointer object)
{
  gboolean loading = TRUE;

  g_object_get (object, "loading", &loading, NULL);
  return !loading;
}

/* Runs the main loop until @object's last read is shown. */
#define rapport_ui_test_wait_loaded(object) \
  rapport_ui_test_wait_until_at (rapport_ui_test_loaded, (object), __LINE__)

/* The visible toplevel of @type (a dialog), or NULL. */
static inline GtkWindow *
rapport_ui_test_find_dialog (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return toplevel;
    }
  return NULL;
}

static inline gboolean
rapport_ui_test_dialog_shown (gpointer type)
{
  return rapport_ui_test_find_dialog ((GType) GPOINTER_TO_SIZE (type)) != NULL;
}

static inline void
rapport_ui_test_collect (GtkWidget *root,
                         GType      type,
                         GPtrArray *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        g_ptr_array_add (found, child);
      rapport_ui_test_collect (child, type, found);
    }
}

/* The @nth widget of @type under @root, depth first, or NULL. */
static inline gpointer
rapport_ui_test_find_nth (GtkWidget *root,
                          GType      type,
                          guint      nth)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  rapport_ui_test_collect (root, type, found);
  return nth < found->len ? g_ptr_array_index (found, nth) : NULL;
}

/* Whether a visible label (or inscription, as list rows have) under
 * @root shows @text. */
static inline gboolean
rapport_ui_test_has_label_with (GtkWidget  *root,
                                const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_get_visible (child) &&
          strstr (gtk_label_get_label (GTK_LABEL (child)), text) != NULL)
        return TRUE;
      if (GTK_IS_INSCRIPTION (child) && gtk_widget_get_visible (child) &&
          gtk_inscription_get_text (GTK_INSCRIPTION (child)) != NULL &&
          strstr (gtk_inscription_get_text (GTK_INSCRIPTION (child)), text) != NULL)
        return TRUE;
      if (rapport_ui_test_has_label_with (child, text))
        return TRUE;
    }
  return FALSE;
}

/* What a click on a message dialog's button does: answer, then close. */
static inline void
rapport_ui_test_respond (AdwMessageDialog *dialog,
                         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
}

/* The statements the main thread ran since the last call (the store's
 * trace, rapport_store_trace_main_thread ()) that @unexpected picks, one
 * per line: "" if none. */
G_GNUC_UNUSED static char *
rapport_ui_test_take_main_thread_sql (gboolean (*unexpected) (const char *sql))
{
  g_autoptr(GPtrArray) queries = rapport_store_take_main_thread_queries ();
  g_autoptr(GString) found = g_string_new (NULL);

  for (guint i = 0; i < queries->len; i++)
    {
      RapportTracedQuery *query = g_ptr_array_index (queries, i);

      if (unexpected (query->sql))
        g_string_append_printf (found, "%s\n", query->sql);
    }
  return g_string_free (g_steal_pointer (&found), FALSE);
}

/* Running the real application: rapport_ui_test_run_app () seeds the book in
 * $XDG_DATA_HOME, starts the app as `rapport` with no arguments would, and
 * calls @check with its store once the first window is up; *@window is that
 * window meanwhile.  rapport_ui_test_app is the running application. */
typedef void (*RapportUiTestCheck) (RapportStore *store);

G_GNUC_UNUSED static RapportApplication *rapport_ui_test_app;
G_GNUC_UNUSED static RapportWindow **rapport_ui_test_window;

G_GNUC_UNUSED static gboolean
rapport_ui_test_run_check (gpointer check)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (rapport_ui_test_app));

  *rapport_ui_test_window = RAPPORT_WINDOW (window);
  ((RapportUiTestCheck) check) (rapport_application_get_store (rapport_ui_test_app));
  g_application_quit (G_APPLICATION (rapport_ui_test_app));
  return G_SOURCE_REMOVE;
}

G_GNUC_UNUSED static void
rapport_ui_test_on_activate (GApplication *app,
                             gpointer      check)
{
  g_idle_add (rapport_ui_test_run_check, check);
}

G_GNUC_UNUSED static void
rapport_ui_test_run_app (RapportUiTestCheck   seed,
                         RapportUiTestCheck   check,
                         RapportWindow      **window)
{
  g_autoptr(RapportApplication) app = rapport_application_new ();
  g_autofree char *path = rapport_store_default_path ();
  g_autoptr(RapportStore) store = rapport_store_open (path, NULL);

  if (seed != NULL)
    seed (store);
  /* Closed, as no other program has the book open: a restore needs that. */
  g_clear_object (&store);
  rapport_ui_test_app = app;
  rapport_ui_test_window = window;
  rapport_ui_test_restore_data_dirs ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (rapport_ui_test_on_activate), check);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 0, NULL), ==, 0);
}
