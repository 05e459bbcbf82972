/* rapport-interaction.c: one logged contact with a customer
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-interaction"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-contact.h"
#include "rapport-interaction.h"
#include "rapport-labels.h"
#include "rapport-limits.h"
#include "rapport-time.h"

struct _RapportInteraction
{
  GObject  parent_instance;

  gint64   id;
  gint64   customer_id;
  char    *kind;
  gint64   happened_at;
  char    *summary;
  char    *logged_by;    /* NULL: logged in this book; else the teammate's name */
};

G_DEFINE_FINAL_TYPE (RapportInteraction, rapport_interaction, G_TYPE_OBJECT)

/* The kinds and their labels are the book's enumeration in rapport-labels.c;
 * only the icons live here. */
static const struct {
  const char *kind;
  const char *icon;
} kind_icons[] = {
  { "call", "call-start-symbolic" },
  { "email", "mail-unread-symbolic" },
  { "meeting", "system-users-symbolic" },
  { "social", "emblem-favorite-symbolic" },
  { "gift", "starred-symbolic" },
  { "thank_you_note", "document-edit-symbolic" },
  { "referral_given", "emblem-shared-symbolic" },
  { "other", "chat-message-new-symbolic" },
};

const char *
rapport_interaction_kind_label (const char *kind)
{
  return rapport_enum_label ("interaction_kind", kind);
}

const char *
rapport_interaction_kind_icon (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_icons); i++)
    if (g_strcmp0 (kind, kind_icons[i].kind) == 0)
      return kind_icons[i].icon;
  return "chat-message-new-symbolic";
}

static void
rapport_interaction_finalize (GObject *object)
{
  RapportInteraction *self = (RapportInteraction *)object;

  g_free (self->kind);
  g_free (self->summary);
  g_free (self->logged_by);

  G_OBJECT_CLASS (rapport_interaction_parent_class)->finalize (object);
}

static void
rapport_interaction_class_init (RapportInteractionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rapport_interaction_finalize;
}

static void
rapport_interaction_init (RapportInteraction *self)
{
}

RapportInteraction *
rapport_interaction_new (gint64      customer_id,
                         const char *kind,
                         gint64      happened_at,
                         const char *summary)
{
  RapportInteraction *self = g_object_new (RAPPORT_TYPE_INTERACTION, NULL);

  self->customer_id = customer_id;
  self->kind = g_strdup (kind);
  self->happened_at = happened_at;
  self->summary = g_strdup (summary != NULL ? summary : "");
  return self;
}

/**
 * rapport_interaction_save:
 *
 * Logs the contact.  It counts as the customer's last contact from then on,
 * which restarts their cadence.
 */
gboolean
rapport_interaction_save (RapportInteraction  *self,
                          RapportStore        *store,
                          GError             **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *when = NULL;

  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), FALSE);
  g_return_val_if_fail (self->id == 0, FALSE);

  if (!g_strv_contains (rapport_enum_words ("interaction_kind"), self->kind ? self->kind : ""))
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                   _("“%s” is not a kind of contact"), self->kind ? self->kind : "");
      return FALSE;
    }
  if (!rapport_limit_check (RAPPORT_LIMIT_SUMMARY, self->summary, error))
    return FALSE;
  when = rapport_time_format_utc (self->happened_at);
  if (when == NULL)
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                   _("The time of the contact is out of range"));
      return FALSE;
    }

  if (!rapport_store_begin (store, error))
    return FALSE;
  stmt = rapport_store_prepare (store,
                                "INSERT INTO interaction (customer_id, happened_at, kind, summary, uid)"
                                " VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 5, rapport_uid_new (), -1, g_free);
  sqlite3_bind_int64 (stmt, 1, self->customer_id);
  sqlite3_bind_text (stmt, 2, when, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, self->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, self->summary, -1, SQLITE_TRANSIENT);
  if (!rapport_store_step_done (store, stmt, error))
    goto failed;
  self->id = sqlite3_last_insert_rowid (rapport_store_get_db (store));
  g_clear_pointer (&stmt, rapport_stmt_release);
  if (!rapport_store_commit (store, error))
    goto failed;
  return TRUE;

failed:
  rapport_store_rollback (store);
  return FALSE;
}

/**
 * rapport_interaction_list_for_customer:
 *
 * Returns: (transfer full): the customer's most recent contacts, newest
 *   first, at most %RAPPORT_INTERACTION_TIMELINE_LIMIT of them
 */
GListModel *
rapport_interaction_list_for_customer (RapportStore  *store,
                                       gint64         customer_id,
                                       GError       **error)
{
  g_autoptr(GListStore) items = g_list_store_new (RAPPORT_TYPE_INTERACTION);
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);

  stmt = rapport_store_prepare (store,
                                "SELECT id, kind, happened_at, summary, logged_by FROM interaction"
                                " WHERE customer_id = ? ORDER BY happened_at DESC, id DESC LIMIT ?",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int (stmt, 2, RAPPORT_INTERACTION_TIMELINE_LIMIT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(RapportInteraction) item = NULL;
      gint64 when = 0;

      rapport_time_parse_utc ((const char *) sqlite3_column_text (stmt, 2), &when);
      item = rapport_interaction_new (customer_id, (const char *) sqlite3_column_text (stmt, 1),
                                      when, (const char *) sqlite3_column_text (stmt, 3));
      item->id = sqlite3_column_int64 (stmt, 0);
      item->logged_by = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      g_list_store_append (items, item);
    }
  if (rc != SQLITE_DONE)
    {
      rapport_store_set_error (store, rc, error, "list interactions");
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&items));
}

gint64
rapport_interaction_get_id (RapportInteraction *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), 0);
  return self->id;
}

gint64
rapport_interaction_get_customer_id (RapportInteraction *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), 0);
  return self->customer_id;
}

const char *
rapport_interaction_get_kind (RapportInteraction *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), NULL);
  return self->kind;
}

gint64
rapport_interaction_get_happened_at (RapportInteraction *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), 0);
  return self->happened_at;
}

const char *
rapport_interaction_get_summary (RapportInteraction *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), NULL);
  return self->summary;
}

/**
 * rapport_interaction_get_logged_by:
 *
 * Returns: (nullable): the teammate who logged this contact on another
 *   laptop (it came through sync), or NULL when it was logged here
 */
const char *
rapport_interaction_get_logged_by (RapportInteraction *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), NULL);
  return self->logged_by;
}
