/* rapport-sync-page.c: Preferences → Sync, the account and how syncing goes
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Without an account the page asks for the server, user name and
 * password; Set Up discovers the server's address books and task lists
 * in a worker thread.  When it keeps some already, the user chooses
 * where customers and check-ins go (Rapport's own "Rapport customers" and
 * "Rapport check-ins" are made when chosen and missing); then the
 * password goes to the keyring, never to the book.  With one it shows the status the
 * scheduler keeps, the last sync, conflicts waiting for a choice, and
 * Sync Now.  A plain http:// server other than this machine is used only
 * after the user accepts a warning.
 */

#define G_LOG_DOMAIN "rapport-sync-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-dav-discovery.h"
#include "rapport-sync-account.h"
#include "rapport-sync-conflicts-dialog.h"
#include "rapport-sync-engine.h"
#include "rapport-sync-error.h"
#include "rapport-sync-page.h"
#include "rapport-sync-secret.h"
#include "rapport-sync-state.h"
#include "rapport-sync-words.h"
#include "rapport-time.h"

struct _RapportSyncPage
{
  AdwPreferencesPage    parent_instance;

  RapportStore         *store;
  RapportSyncScheduler *scheduler;
  GCancellable         *setup_cancellable;
  struct _SetupJob     *job;             /* between discovery and the choice */
  guint                 minute_source;   /* "2 minutes ago" stays true while shown */

  AdwPreferencesGroup  *status_group;
  AdwActionRow         *status_row;
  GtkStack             *status_icon_stack;
  GtkSpinner           *status_spinner;
  GtkButton            *sync_now_button;
  AdwActionRow         *last_sync_row;
  AdwActionRow         *conflicts_row;

  AdwPreferencesGroup  *setup_group;
  AdwEntryRow          *server_entry;
  AdwEntryRow          *user_entry;
  AdwPasswordEntryRow  *password_entry;
  GtkLabel             *setup_error_label;
  GtkSpinner           *setup_spinner;
  GtkButton            *setup_button;

  AdwPreferencesGroup  *choose_group;
  AdwComboRow          *addressbook_combo;
  AdwComboRow          *tasks_combo;
  GtkButton            *choose_button;

  AdwPreferencesGroup  *account_group;
  AdwActionRow         *server_row;
  AdwActionRow         *user_row;
  AdwActionRow         *addressbook_row;
  AdwActionRow         *tasks_row;
  GtkButton            *forget_button;
};

G_DEFINE_FINAL_TYPE (RapportSyncPage, rapport_sync_page, ADW_TYPE_PREFERENCES_PAGE)

/* One set-up: discovery first, then, when the server already keeps
 * collections, the user's choice, then the account. */
typedef struct _SetupJob
{
  char                *db_path;
  char                *url;
  char                *user;
  char                *password;
  gboolean             accept_insecure;
  RapportDavClient    *client;
  RapportDavDiscovery *discovery;
  char                *chosen_addressbook;  /* NULL: Rapport's own, made if missing */
  char                *chosen_tasks;
  char                *addressbook_url;
  char                *tasks_url;
} SetupJob;

static void
setup_job_free (SetupJob *job)
{
  g_clear_object (&job->client);
  g_clear_pointer (&job->discovery, rapport_dav_discovery_free);
  g_free (job->chosen_addressbook);
  g_free (job->chosen_tasks);
  g_free (job->db_path);
  g_free (job->url);
  g_free (job->user);
  if (job->password != NULL)
    memset (job->password, 0, strlen (job->password));
  g_free (job->password);
  g_free (job->addressbook_url);
  g_free (job->tasks_url);
  g_free (job);
}

static const char * const state_pages[] = {
  [RAPPORT_SYNC_STATE_DISABLED] = "idle",
  [RAPPORT_SYNC_STATE_IDLE] = "idle",
  [RAPPORT_SYNC_STATE_SYNCING] = "syncing",
  [RAPPORT_SYNC_STATE_OFFLINE] = "offline",
  [RAPPORT_SYNC_STATE_FAILED] = "failed",
};

static void update_conflicts (RapportSyncPage *self);

static void
set_subtitle (AdwActionRow *row,
              const char   *text)
{
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (row, text);
}

static void
update_status (RapportSyncPage *self)
{
  RapportSyncState state = rapport_sync_scheduler_get_state (self->scheduler);
  gint64 now = rapport_time_now ();
  g_autofree char *status = rapport_sync_describe_status (self->scheduler, now);
  g_autofree char *last = rapport_sync_describe_last_sync (rapport_sync_scheduler_get_last_sync (self->scheduler), now);

  g_assert (RAPPORT_IS_SYNC_PAGE (self));

  set_subtitle (self->status_row, status);
  set_subtitle (self->last_sync_row, last);
  gtk_stack_set_visible_child_name (self->status_icon_stack, state_pages[state]);
  gtk_spinner_set_spinning (self->status_spinner, state == RAPPORT_SYNC_STATE_SYNCING);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sync_now_button), state != RAPPORT_SYNC_STATE_SYNCING);
}

/* The account as the book has it: the status and account groups when
 * there is one, the set-up form when not. */
static void
load_account (RapportSyncPage *self)
{
  g_autoptr(RapportSyncAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (RAPPORT_IS_SYNC_PAGE (self));

  account = rapport_sync_account_load (self->store, &error);
  if (error != NULL && !g_error_matches (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_NOT_SET_UP))
    g_warning ("Could not read the sync account: %s", error->message);

  gtk_widget_set_visible (GTK_WIDGET (self->setup_group), account == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->status_group), account != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->account_group), account != NULL);
  if (account == NULL)
    return;

  set_subtitle (self->server_row, account->server_url);
  set_subtitle (self->user_row, account->user_name);
  set_subtitle (self->addressbook_row, account->addressbook_url);
  set_subtitle (self->tasks_row, account->tasks_url);
  if (rapport_sync_scheduler_get_last_sync (self->scheduler) < account->last_sync_at)
    rapport_sync_scheduler_set_last_sync (self->scheduler, account->last_sync_at);
  update_status (self);
  update_conflicts (self);
}

static void
on_sync_now (RapportSyncPage *self)
{
  g_assert (RAPPORT_IS_SYNC_PAGE (self));

  rapport_sync_scheduler_sync_now (self->scheduler);
}

/* "2 conflicts need your choice", when some do. */
static void
update_conflicts (RapportSyncPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  guint n;

  g_assert (RAPPORT_IS_SYNC_PAGE (self));

  n = rapport_sync_state_conflict_count (self->store, &error);
  if (error != NULL)
    g_warning ("Could not count the sync conflicts: %s", error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->conflicts_row), n > 0);
  if (n == 0)
    return;
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u conflict needs your choice",
                                        "%u conflicts need your choice", n), n);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->conflicts_row), title);
}

static void
on_conflicts_activated (RapportSyncPage *self)
{
  RapportSyncConflictsDialog *dialog;

  g_assert (RAPPORT_IS_SYNC_PAGE (self));

  dialog = rapport_sync_conflicts_dialog_new (self->store);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  /* The choices go up with the next sync; the row counts what is left. */
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (update_conflicts), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

static void
on_entry_changed (RapportSyncPage *self)
{
  const char *server = gtk_editable_get_text (GTK_EDITABLE (self->server_entry));
  const char *user = gtk_editable_get_text (GTK_EDITABLE (self->user_entry));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_entry));

  g_assert (RAPPORT_IS_SYNC_PAGE (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->setup_button),
                            self->setup_cancellable == NULL &&
                            !is_blank (server) && !is_blank (user) && *password != '\0');
}

static void
show_setup_error (RapportSyncPage *self,
                  const char      *message)
{
  g_assert (RAPPORT_IS_SYNC_PAGE (self));

  gtk_label_set_text (self->setup_error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->setup_error_label), message != NULL);
}

static void
set_busy (RapportSyncPage *self,
          gboolean         busy)
{
  g_assert (RAPPORT_IS_SYNC_PAGE (self));

  gtk_spinner_set_spinning (self->setup_spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->server_entry), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->user_entry), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->password_entry), !busy);
  on_entry_changed (self);
}

static void
discover_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  SetupJob *job = task_data;
  GError *error = NULL;

  job->client = rapport_dav_client_new (job->user, job->password);
  rapport_dav_client_set_accept_insecure (job->client, job->accept_insecure);
  if (!rapport_dav_client_check_url (job->client, job->url, &error) ||
      (job->discovery = rapport_dav_discover (job->client, job->url, cancellable, &error)) == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static RapportDavCollection *
copy_collection (const RapportDavCollection *collection,
                 const char                 *as_name)
{
  RapportDavCollection *copy = g_new0 (RapportDavCollection, 1);

  copy->url = g_strdup (collection->url);
  copy->displayname = g_strdup (as_name != NULL ? as_name : collection->displayname);
  copy->components = collection->components;
  return copy;
}

/* The discovery with the collections the user chose in the place of
 * Rapport's own, so ensuring Rapport's collections makes only what the
 * user left to Rapport. */
static RapportDavDiscovery *
discovery_as_chosen (const SetupJob *job)
{
  const RapportDavDiscovery *found = job->discovery;
  RapportDavDiscovery *chosen = g_new0 (RapportDavDiscovery, 1);
  const struct {
    GPtrArray  *from;
    GPtrArray **to;
    const char *url;
    const char *name;
  } sides[] = {
    { found->addressbooks, &chosen->addressbooks, job->chosen_addressbook, RAPPORT_DAV_ADDRESSBOOK_NAME },
    { found->task_lists, &chosen->task_lists, job->chosen_tasks, RAPPORT_DAV_TASKS_NAME },
  };

  chosen->principal = g_strdup (found->principal);
  chosen->addressbook_home = g_strdup (found->addressbook_home);
  chosen->calendar_home = g_strdup (found->calendar_home);
  for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
    {
      *sides[s].to = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_dav_collection_free);
      for (guint i = 0; i < sides[s].from->len; i++)
        {
          RapportDavCollection *collection = g_ptr_array_index (sides[s].from, i);

          if (sides[s].url == NULL)
            g_ptr_array_add (*sides[s].to, copy_collection (collection, NULL));
          else if (g_strcmp0 (collection->url, sides[s].url) == 0)
            g_ptr_array_add (*sides[s].to, copy_collection (collection, sides[s].name));
        }
    }
  return chosen;
}

/* What rapport_sync_setup () does, with the collections the user chose. */
static gboolean
setup_as_chosen (SetupJob      *job,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(RapportDavDiscovery) chosen = discovery_as_chosen (job);
  g_autoptr(RapportStore) store = NULL;
  RapportSyncAccount account = { 0, };

  if (!rapport_dav_discovery_ensure (job->client, chosen, &job->addressbook_url, &job->tasks_url,
                                     cancellable, error))
    return FALSE;
  /* The book first: one Rapport must refuse leaves no password behind. */
  if ((store = rapport_store_open (job->db_path, error)) == NULL ||
      !rapport_sync_secret_store (job->url, job->user, job->password, cancellable, error))
    return FALSE;
  account.server_url = job->url;
  account.user_name = job->user;
  account.addressbook_url = job->addressbook_url;
  account.tasks_url = job->tasks_url;
  account.insecure_accepted = job->accept_insecure;
  return rapport_sync_account_save (store, &account, error);
}

static void
setup_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  SetupJob *job = task_data;
  GError *error = NULL;
  gboolean done;

  if (job->chosen_addressbook == NULL && job->chosen_tasks == NULL)
    done = rapport_sync_setup (job->db_path, job->url, job->user, job->password, job->accept_insecure,
                               &job->addressbook_url, &job->tasks_url, cancellable, &error);
  else
    done = setup_as_chosen (job, cancellable, &error);
  if (!done)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
report_setup_error (RapportSyncPage *self,
                    const GError    *error)
{
  g_autofree char *words = rapport_sync_describe_error (error);
  /* Translators: %s says why, e.g. "wrong user name or password" */
  g_autofree char *message = g_strdup_printf (_("Could not set up sync: %s."), words);

  show_setup_error (self, message);
}

/* The page is usable again once a setup step ends; %FALSE when the step
 * failed, reported unless the user cancelled it. */
static gboolean
end_setup_step (RapportSyncPage *self,
                GAsyncResult    *result)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->setup_cancellable);
  set_busy (self, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        report_setup_error (self, error);
      return FALSE;
    }
  return TRUE;
}

static void
on_setup_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  RapportSyncPage *self = RAPPORT_SYNC_PAGE (object);

  if (!end_setup_step (self, result))
    return;

  gtk_editable_set_text (GTK_EDITABLE (self->password_entry), "");
  load_account (self);
  rapport_sync_scheduler_set_enabled (self->scheduler, TRUE);
  /* The server just answered: a network monitor that says otherwise is
   * wrong about this one (a server on this machine, a local network). */
  if (rapport_sync_scheduler_get_state (self->scheduler) == RAPPORT_SYNC_STATE_OFFLINE)
    rapport_sync_scheduler_sync_now (self->scheduler);
}

static void
run_job (RapportSyncPage  *self,
         SetupJob         *job,
         GTaskThreadFunc   thread,
         GAsyncReadyCallback done)
{
  g_autoptr(GTask) task = NULL;

  g_assert (RAPPORT_IS_SYNC_PAGE (self));

  show_setup_error (self, NULL);
  self->setup_cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  task = g_task_new (self, self->setup_cancellable, done, NULL);
  g_task_set_source_tag (task, run_job);
  g_task_set_task_data (task, job, (GDestroyNotify) setup_job_free);
  g_task_run_in_thread (task, thread);
}

static SetupJob *
copy_job (const SetupJob *job)
{
  SetupJob *copy = g_new0 (SetupJob, 1);

  copy->db_path = g_strdup (job->db_path);
  copy->url = g_strdup (job->url);
  copy->user = g_strdup (job->user);
  copy->password = g_strdup (job->password);
  copy->accept_insecure = job->accept_insecure;
  copy->client = job->client != NULL ? g_object_ref (job->client) : NULL;
  return copy;
}

/* The collections of one kind, Rapport's own first ("Rapport customers",
 * made when missing), in @model; @urls has each one's address (NULL for
 * Rapport's own). */
static void
list_collections (GPtrArray           *collections,
                  RapportDavCollection *own,
                  const char          *new_label,
                  GtkStringList       *model,
                  GPtrArray           *urls)
{
  gtk_string_list_append (model, own != NULL ? (own->displayname ? own->displayname : own->url) : new_label);
  g_ptr_array_add (urls, NULL);
  for (guint i = 0; i < collections->len; i++)
    {
      RapportDavCollection *collection = g_ptr_array_index (collections, i);

      if (collection == own)
        continue;
      gtk_string_list_append (model, collection->displayname != NULL && *collection->displayname != '\0'
                                       ? collection->displayname : collection->url);
      g_ptr_array_add (urls, g_strdup (collection->url));
    }
}

static void
on_discover_done (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  RapportSyncPage *self = RAPPORT_SYNC_PAGE (object);
  SetupJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GtkStringList) books = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) lists = gtk_string_list_new (NULL);
  GPtrArray *book_urls;
  GPtrArray *list_urls;

  if (!end_setup_step (self, result))
    return;

  book_urls = g_ptr_array_new_with_free_func (g_free);
  list_urls = g_ptr_array_new_with_free_func (g_free);
  /* Translators: the address book Rapport makes on the server */
  list_collections (job->discovery->addressbooks,
                    rapport_dav_discovery_find (job->discovery, RAPPORT_DAV_TYPE_ADDRESSBOOK),
                    _("New: Rapport customers"), books, book_urls);
  /* Translators: the task list Rapport makes on the server */
  list_collections (job->discovery->task_lists,
                    rapport_dav_discovery_find (job->discovery, RAPPORT_DAV_TYPE_CALENDAR),
                    _("New: Rapport check-ins"), lists, list_urls);
  g_object_set_data_full (G_OBJECT (self->addressbook_combo), "urls", book_urls, (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data_full (G_OBJECT (self->tasks_combo), "urls", list_urls, (GDestroyNotify) g_ptr_array_unref);

  g_clear_pointer (&self->job, setup_job_free);
  self->job = copy_job (job);
  self->job->discovery = g_steal_pointer (&job->discovery);

  /* Nothing to choose from: Rapport's own, as the command line does. */
  if (book_urls->len == 1 && list_urls->len == 1)
    {
      run_job (self, g_steal_pointer (&self->job), setup_thread, on_setup_done);
      return;
    }

  adw_combo_row_set_model (self->addressbook_combo, G_LIST_MODEL (books));
  adw_combo_row_set_model (self->tasks_combo, G_LIST_MODEL (lists));
  adw_combo_row_set_selected (self->addressbook_combo, 0);
  adw_combo_row_set_selected (self->tasks_combo, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->setup_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->choose_group), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->choose_button));
}

static const char *
chosen_url (AdwComboRow *combo)
{
  GPtrArray *urls = g_object_get_data (G_OBJECT (combo), "urls");
  guint selected = adw_combo_row_get_selected (combo);

  return urls != NULL && selected < urls->len ? g_ptr_array_index (urls, selected) : NULL;
}

static void
leave_choice (RapportSyncPage *self)
{
  g_assert (RAPPORT_IS_SYNC_PAGE (self));

  gtk_widget_set_visible (GTK_WIDGET (self->choose_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->setup_group), TRUE);
}

static void
on_choose_cancel (RapportSyncPage *self)
{
  g_clear_pointer (&self->job, setup_job_free);
  leave_choice (self);
}

static void
on_choose_confirm (RapportSyncPage *self)
{
  SetupJob *job = g_steal_pointer (&self->job);

  g_assert (RAPPORT_IS_SYNC_PAGE (self));

  if (job == NULL)
    return;
  job->chosen_addressbook = g_strdup (chosen_url (self->addressbook_combo));
  job->chosen_tasks = g_strdup (chosen_url (self->tasks_combo));
  leave_choice (self);
  run_job (self, job, setup_thread, on_setup_done);
}

static void
start_setup (RapportSyncPage *self,
             const char      *url,
             gboolean         accept_insecure)
{
  SetupJob *job = g_new0 (SetupJob, 1);

  g_assert (RAPPORT_IS_SYNC_PAGE (self));

  job->db_path = g_strdup (rapport_store_get_path (self->store));
  job->url = g_strdup (url);
  job->user = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->user_entry)));
  job->password = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->password_entry)));
  job->accept_insecure = accept_insecure;
  run_job (self, job, discover_thread, on_discover_done);
}

static void
on_insecure_response (AdwMessageDialog *dialog,
                      const char       *response,
                      RapportSyncPage  *self)
{
  if (g_strcmp0 (response, "connect") == 0)
    start_setup (self, g_object_get_data (G_OBJECT (dialog), "url"), TRUE);
}

/* The address as typed, with https:// when it names no scheme; NULL
 * with the reason when it is not a web address. */
static char *
normalize_url (const char  *text,
               GUri       **uri_out,
               GError     **error)
{
  g_autofree char *url = g_strstrip (g_strdup (text));
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (strstr (url, "://") == NULL)
    {
      char *with_scheme = g_strconcat ("https://", url, NULL);

      g_free (url);
      url = with_scheme;
    }
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a server address; it looks like https://dav.example.com"), text);
      return NULL;
    }
  *uri_out = g_steal_pointer (&uri);
  return g_steal_pointer (&url);
}

static gboolean
is_this_machine (const char *host)
{
  return g_ascii_strcasecmp (host, "localhost") == 0 ||
         g_str_has_prefix (host, "127.") ||
         g_strcmp0 (host, "::1") == 0 ||
         g_strcmp0 (host, "[::1]") == 0;
}

static void
on_setup (RapportSyncPage *self)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  GtkWidget *dialog;

  g_assert (RAPPORT_IS_SYNC_PAGE (self));

  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->setup_button)))
    return;

  url = normalize_url (gtk_editable_get_text (GTK_EDITABLE (self->server_entry)), &uri, &error);
  if (url == NULL)
    {
      show_setup_error (self, error->message);
      return;
    }

  if (g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0 || is_this_machine (g_uri_get_host (uri)))
    {
      start_setup (self, url, FALSE);
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Use an Unencrypted Connection?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("The connection to %s is not encrypted: anyone on the network "
                                    "between you and the server can read your customers and your "
                                    "password, and change them. Use it only on a network you trust."),
                                  g_uri_get_host (uri));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "connect", _("_Use Unencrypted Connection"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "connect",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "url", g_steal_pointer (&url), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_insecure_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_toast (RapportSyncPage *self,
            const char      *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (escaped));
}

static void
clear_secret_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  char **server_user = task_data;
  GError *error = NULL;

  if (!rapport_sync_secret_clear (server_user[0], server_user[1], cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_secret_cleared (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* Translators: %s says why */
      g_autofree char *message = g_strdup_printf (_("The password could not be removed from the keyring: %s"),
                                                  error->message);

      show_toast (RAPPORT_SYNC_PAGE (object), message);
    }
}

static void
on_forget_response (AdwMessageDialog *dialog,
                    const char       *response,
                    RapportSyncPage  *self)
{
  g_autoptr(RapportSyncAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;

  if (g_strcmp0 (response, "forget") != 0)
    return;

  account = rapport_sync_account_load (self->store, &error);
  rapport_sync_scheduler_set_enabled (self->scheduler, FALSE);
  if (account == NULL || !rapport_sync_account_remove (self->store, &error))
    {
      if (error != NULL)
        show_toast (self, error->message);
      load_account (self);
      return;
    }

  /* The keyring answers over D-Bus: not on the main thread. */
  task = g_task_new (self, NULL, on_secret_cleared, NULL);
  g_task_set_source_tag (task, on_forget_response);
  g_task_set_task_data (task, g_strdupv ((char *[]) { account->server_url, account->user_name, NULL }),
                        (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, clear_secret_thread);

  rapport_sync_scheduler_set_last_sync (self->scheduler, 0);
  load_account (self);
}

static void
on_forget (RapportSyncPage *self)
{
  GtkWidget *dialog;

  g_assert (RAPPORT_IS_SYNC_PAGE (self));

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Forget the Sync Account?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Rapport stops syncing with %s and forgets the password. "
                                    "Your customers and check-ins stay in Rapport and on the server."),
                                  adw_action_row_get_subtitle (self->server_row));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "forget", _("_Forget"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "forget",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_forget_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
on_minute (gpointer data)
{
  update_status (data);
  return G_SOURCE_CONTINUE;
}

static void
rapport_sync_page_map (GtkWidget *widget)
{
  RapportSyncPage *self = RAPPORT_SYNC_PAGE (widget);

  GTK_WIDGET_CLASS (rapport_sync_page_parent_class)->map (widget);

  update_status (self);
  if (self->minute_source == 0)
    self->minute_source = g_timeout_add_seconds (60, on_minute, self);
}

static void
rapport_sync_page_unmap (GtkWidget *widget)
{
  RapportSyncPage *self = RAPPORT_SYNC_PAGE (widget);

  g_clear_handle_id (&self->minute_source, g_source_remove);

  GTK_WIDGET_CLASS (rapport_sync_page_parent_class)->unmap (widget);
}

static void
rapport_sync_page_dispose (GObject *object)
{
  RapportSyncPage *self = (RapportSyncPage *)object;

  g_clear_handle_id (&self->minute_source, g_source_remove);
  if (self->setup_cancellable != NULL)
    g_cancellable_cancel (self->setup_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_SYNC_PAGE);
  g_clear_object (&self->scheduler);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rapport_sync_page_parent_class)->dispose (object);
}

static void
rapport_sync_page_finalize (GObject *object)
{
  RapportSyncPage *self = (RapportSyncPage *)object;

  g_clear_object (&self->setup_cancellable);
  g_clear_pointer (&self->job, setup_job_free);

  G_OBJECT_CLASS (rapport_sync_page_parent_class)->finalize (object);
}

static void
rapport_sync_page_class_init (RapportSyncPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_sync_page_dispose;
  object_class->finalize = rapport_sync_page_finalize;
  widget_class->map = rapport_sync_page_map;
  widget_class->unmap = rapport_sync_page_unmap;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportapp/Rapport/rapport-sync-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportSyncPage, status_group);
  gtk_widget_class_bind_template_child (widget_class, RapportSyncPage, status_row);
  gtk_widget_class_bind_template_child (widget_class, RapportSyncPage, status_icon_stack);
  gtk_widget_class_bind_template_child (widget_class, RapportSyncPage, status_spinner);
  gtk_widget_class_bind_template_child (widget_class, RapportSyncPage, sync_now_button);
  gtk_widget_class_bind_template_child (widget_class, RapportSyncPage, last_sync_row);
  gtk_widget_class_bind_template_child (widget_class, RapportSyncPage, conflicts_row);
  gtk_widget_class_bind_template_child (widget_class, RapportSyncPage, setup_group);
  gtk_widget_class_bind_template_child (widget_class, RapportSyncPage, server_entry);
  gtk_widget_class_bind_template_child (widget_class, RapportSyncPage, user_entry);
  gtk_widget_class_bind_template_child (widget_class, RapportSyncPage, password_entry);
  gtk_widget_class_bind_template_child (widget_class, RapportSyncPage, setup_error_label);
  gtk_widget_class_bind_template_child (widget_class, RapportSyncPage, setup_spinner);
  gtk_widget_class_bind_template_child (widget_class, RapportSyncPage, setup_button);
  gtk_widget_class_bind_template_child (widget_class, RapportSyncPage, choose_group);
  gtk_widget_class_bind_template_child (widget_class, RapportSyncPage, addressbook_combo);
  gtk_widget_class_bind_template_child (widget_class, RapportSyncPage, tasks_combo);
  gtk_widget_class_bind_template_child (widget_class, RapportSyncPage, choose_button);
  gtk_widget_class_bind_template_child (widget_class, RapportSyncPage, account_group);
  gtk_widget_class_bind_template_child (widget_class, RapportSyncPage, server_row);
  gtk_widget_class_bind_template_child (widget_class, RapportSyncPage, user_row);
  gtk_widget_class_bind_template_child (widget_class, RapportSyncPage, addressbook_row);
  gtk_widget_class_bind_template_child (widget_class, RapportSyncPage, tasks_row);
  gtk_widget_class_bind_template_child (widget_class, RapportSyncPage, forget_button);
  gtk_widget_class_bind_template_callback (widget_class, on_sync_now);
  gtk_widget_class_bind_template_callback (widget_class, on_conflicts_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_setup);
  gtk_widget_class_bind_template_callback (widget_class, on_forget);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_cancel);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_confirm);
}

static void
rapport_sync_page_init (RapportSyncPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

RapportSyncPage *
rapport_sync_page_new (RapportStore         *store,
                       RapportSyncScheduler *scheduler)
{
  RapportSyncPage *self;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);
  g_return_val_if_fail (RAPPORT_IS_SYNC_SCHEDULER (scheduler), NULL);

  self = g_object_new (RAPPORT_TYPE_SYNC_PAGE, NULL);
  self->store = g_object_ref (store);
  self->scheduler = g_object_ref (scheduler);
  g_signal_connect_object (scheduler, "notify::state", G_CALLBACK (update_status), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (scheduler, "notify::last-sync", G_CALLBACK (update_status), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (scheduler, "notify::error", G_CALLBACK (update_status), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (scheduler, "finished", G_CALLBACK (update_conflicts), self, G_CONNECT_SWAPPED);
  load_account (self);
  update_status (self);
  return self;
}
