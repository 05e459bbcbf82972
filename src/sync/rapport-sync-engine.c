/* rapport-sync-engine.c: one two-way sync of the book with its CardDAV and CalDAV collections
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A sync opens its own connection to the book, reads the password from
 * the keyring, pulls the address book and the task list
 * (rapport-sync-pull.c, applied by rapport-sync-apply.c), runs the
 * playbook again for the customers that changed, and pushes the queue
 * (rapport-sync-push.c).  It never holds a write transaction across a
 * request, so the app and the reminders go on writing while it runs; it
 * runs in a worker thread when called through rapport_sync_run_async ().
 */

#define G_LOG_DOMAIN "rapport-sync-engine"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-dav-discovery.h"
#include "rapport-sync-engine-private.h"
#include "rapport-sync-error.h"
#include "rapport-sync-secret.h"
#include "rapport-time.h"

G_LOCK_DEFINE_STATIC (engine);
static char *password_override;
static guint last_requests;
static guint64 last_bytes_sent;
static guint64 last_bytes_received;

/**
 * rapport_sync_set_password_override:
 * @password: (nullable): the password every sync uses, or %NULL for the keyring's
 *
 * For tests and the benchmark, which have no keyring of their own.
 */
void
rapport_sync_set_password_override (const char *password)
{
  G_LOCK (engine);
  g_free (password_override);
  password_override = g_strdup (password);
  G_UNLOCK (engine);
}

void
rapport_sync_get_last_traffic (guint   *requests,
                               guint64 *bytes_sent,
                               guint64 *bytes_received)
{
  G_LOCK (engine);
  if (requests != NULL)
    *requests = last_requests;
  if (bytes_sent != NULL)
    *bytes_sent = last_bytes_sent;
  if (bytes_received != NULL)
    *bytes_received = last_bytes_received;
  G_UNLOCK (engine);
}

static char *
get_password_override (void)
{
  char *password;

  G_LOCK (engine);
  password = g_strdup (password_override);
  G_UNLOCK (engine);
  return password;
}

static void
note_traffic (RapportDavClient *client)
{
  G_LOCK (engine);
  last_requests = rapport_dav_client_get_requests (client);
  last_bytes_sent = rapport_dav_client_get_bytes_sent (client);
  last_bytes_received = rapport_dav_client_get_bytes_received (client);
  G_UNLOCK (engine);
}

const char *
_rapport_sync_collection_url (RapportSyncContext *ctx,
                              const char         *collection)
{
  return g_str_equal (collection, RAPPORT_SYNC_ADDRESSBOOK) ? ctx->account->addressbook_url
                                                            : ctx->account->tasks_url;
}

/* The user's playbook settings when the schema is installed (the app, the
 * tests' build tree); its defaults otherwise. */
static void
load_settings (RapportPlaybookSettings *settings)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) gsettings = NULL;

  rapport_playbook_settings_init_defaults (settings);
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    return;
  gsettings = g_settings_new_full (schema, NULL, NULL);
  rapport_playbook_settings_load (settings, gsettings);
}

/**
 * rapport_sync_setup:
 * @url: the server's address (its root, or any collection on it)
 * @accept_insecure: whether plain http:// to another machine is accepted
 * @addressbook_url: (out) (optional): the address book the book syncs with
 * @tasks_url: (out) (optional): the task list
 *
 * Finds the user's address book and task list on the server (RFC 6764,
 * the principal and its home sets), creates "Rapport customers" and
 * "Rapport check-ins" where there are none, keeps the password in the
 * keyring and sets the account up in the book, queueing everything in it
 * for the first sync.  Blocks: call it from a worker or the command line.
 */
gboolean
rapport_sync_setup (const char    *db_path,
                    const char    *url,
                    const char    *user,
                    const char    *password,
                    gboolean       accept_insecure,
                    char         **addressbook_url,
                    char         **tasks_url,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(RapportDavClient) client = NULL;
  g_autoptr(RapportDavDiscovery) discovery = NULL;
  g_autoptr(RapportStore) store = NULL;
  g_autofree char *addressbook = NULL;
  g_autofree char *tasks = NULL;
  g_autofree char *override = get_password_override ();
  RapportSyncAccount account = { 0, };

  g_return_val_if_fail (db_path != NULL, FALSE);
  g_return_val_if_fail (url != NULL && user != NULL && password != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  client = rapport_dav_client_new (user, password);
  rapport_dav_client_set_accept_insecure (client, accept_insecure);
  if (!rapport_dav_client_check_url (client, url, error))
    return FALSE;

  discovery = rapport_dav_discover (client, url, cancellable, error);
  if (discovery == NULL ||
      !rapport_dav_discovery_ensure (client, discovery, &addressbook, &tasks, cancellable, error))
    {
      note_traffic (client);
      return FALSE;
    }
  note_traffic (client);

  /* The book is opened before the keyring is written, so a book Rapport
   * must refuse leaves no password behind. */
  if ((store = rapport_store_open (db_path, error)) == NULL)
    return FALSE;
  if (override == NULL &&
      !rapport_sync_secret_store (url, user, password, cancellable, error))
    return FALSE;

  account.server_url = (char *) url;
  account.user_name = (char *) user;
  account.addressbook_url = addressbook;
  account.tasks_url = tasks;
  account.insecure_accepted = accept_insecure;
  if (!rapport_sync_account_save (store, &account, error))
    return FALSE;

  if (addressbook_url != NULL)
    *addressbook_url = g_steal_pointer (&addressbook);
  if (tasks_url != NULL)
    *tasks_url = g_steal_pointer (&tasks);
  return TRUE;
}

static char *
lookup_password (const RapportSyncAccount  *account,
                 GCancellable              *cancellable,
                 GError                   **error)
{
  g_autoptr(GError) local_error = NULL;
  char *password = get_password_override ();

  if (password != NULL)
    return password;
  password = rapport_sync_secret_lookup (account->server_url, account->user_name, cancellable,
                                         &local_error);
  if (password != NULL)
    return password;
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_AUTH,
                 _("The keyring holds no password for %s at %s; set sync up again"),
                 account->user_name, account->server_url);
  return NULL;
}

static void
context_clear (RapportSyncContext *ctx)
{
  g_clear_object (&ctx->client);
  g_clear_pointer (&ctx->account, rapport_sync_account_free);
  g_clear_object (&ctx->store);
  g_clear_pointer (&ctx->touched, g_hash_table_unref);
  g_clear_pointer (&ctx->unreadable, g_ptr_array_unref);
}

static gboolean
sync_all (RapportSyncContext  *ctx,
          GError             **error)
{
  return _rapport_sync_pull (ctx, RAPPORT_SYNC_ADDRESSBOOK, error) &&
         _rapport_sync_pull (ctx, RAPPORT_SYNC_TASKS, error) &&
         _rapport_sync_replay_playbook (ctx, error) &&
         _rapport_sync_push (ctx, error);
}

/* Objects the book could not read are named once the rest is done. */
static gboolean
check_unreadable (RapportSyncContext  *ctx,
                  GError             **error)
{
  guint n = ctx->unreadable->len;

  if (n == 0)
    return TRUE;
  g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_PROTOCOL,
               g_dngettext (GETTEXT_PACKAGE,
                            "The server sent %u item Rapport cannot read (%s); it is read again at the next sync",
                            "The server sent %u items Rapport cannot read (the first: %s); they are read again at the next sync",
                            n),
               n, (const char *) g_ptr_array_index (ctx->unreadable, 0));
  return FALSE;
}

/**
 * rapport_sync_run:
 * @result: (out) (optional): what the sync sent, received and found in conflict
 *
 * One two-way sync of the book at @db_path with its account.  On failure
 * the book keeps everything applied so far and every change not yet on the
 * server stays queued; the failure is also recorded in the account (for the
 * status in Preferences).  Blocks.
 */
gboolean
rapport_sync_run (const char         *db_path,
                  RapportSyncResult  *result,
                  GCancellable       *cancellable,
                  GError            **error)
{
  RapportSyncContext ctx = { 0, };
  g_autofree char *password = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (db_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((ctx.store = rapport_store_open (db_path, error)) == NULL ||
      (ctx.account = rapport_sync_account_load (ctx.store, error)) == NULL ||
      (password = lookup_password (ctx.account, cancellable, error)) == NULL)
    {
      context_clear (&ctx);
      return FALSE;
    }

  ctx.client = rapport_dav_client_new (ctx.account->user_name, password);
  rapport_dav_client_set_accept_insecure (ctx.client, ctx.account->insecure_accepted);
  ctx.cancellable = cancellable;
  ctx.now = rapport_time_now ();
  ctx.touched = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  ctx.unreadable = g_ptr_array_new_with_free_func (g_free);
  load_settings (&ctx.settings);

  ok = rapport_dav_client_check_url (ctx.client, ctx.account->addressbook_url, &local_error) &&
       sync_all (&ctx, &local_error) &&
       check_unreadable (&ctx, &local_error);
  note_traffic (ctx.client);

  if (!rapport_sync_account_record_result (ctx.store, rapport_time_now (),
                                           ok ? NULL : local_error->message, NULL))
    g_debug ("Could not record how the sync ended");

  if (result != NULL)
    *result = ctx.result;
  context_clear (&ctx);
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return ok;
}

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RapportSyncResult result = { 0, };
  GError *error = NULL;

  if (rapport_sync_run (task_data, &result, cancellable, &error))
    g_task_return_pointer (task, g_memdup2 (&result, sizeof result), g_free);
  else
    g_task_return_error (task, error);
}

/**
 * rapport_sync_run_async:
 *
 * rapport_sync_run () in a worker thread.
 */
void
rapport_sync_run_async (const char          *db_path,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (db_path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_sync_run_async);
  g_task_set_task_data (task, g_strdup (db_path), g_free);
  g_task_run_in_thread (task, run_in_thread);
}

gboolean
rapport_sync_run_finish (GAsyncResult       *result,
                         RapportSyncResult  *out,
                         GError            **error)
{
  g_autofree RapportSyncResult *value = NULL;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  value = g_task_propagate_pointer (G_TASK (result), error);
  if (value == NULL)
    return FALSE;
  if (out != NULL)
    *out = *value;
  return TRUE;
}
