/* rapport-tag-cadence.c: keep-in-touch cadences that come with a tag
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A customer tagged "vip" is kept in touch on the vip cadence unless they
 * have one of their own; the playbook picks the shortest of their tags'.
 */

#define G_LOG_DOMAIN "rapport-tag-cadence"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-customer.h"
#include "rapport-limits.h"
#include "rapport-tag-cadence.h"

void
rapport_tag_cadence_free (RapportTagCadence *cadence)
{
  if (cadence == NULL)
    return;
  g_free (cadence->tag);
  g_free (cadence);
}

GPtrArray *
rapport_tag_cadence_list (RapportStore  *store,
                          GError       **error)
{
  g_autoptr(GPtrArray) cadences = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_tag_cadence_free);
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);

  stmt = rapport_store_prepare (store,
                                "SELECT tag, ideal_interval_days, latest_interval_days"
                                "  FROM tag_cadence ORDER BY tag", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RapportTagCadence *cadence = g_new0 (RapportTagCadence, 1);

      cadence->tag = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      cadence->ideal_days = sqlite3_column_int (stmt, 1);
      cadence->latest_days = sqlite3_column_int (stmt, 2);
      g_ptr_array_add (cadences, cadence);
    }
  if (rc != SQLITE_DONE)
    {
      rapport_store_set_error (store, rc, error, "list tag cadences");
      return NULL;
    }
  return g_steal_pointer (&cadences);
}

static gboolean
write_one (RapportStore  *store,
           const char    *sql,
           const char    *tag,
           int            ideal_days,
           int            latest_days,
           GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;

  if (!rapport_store_begin (store, error))
    return FALSE;
  stmt = rapport_store_prepare (store, sql, error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, tag, -1, SQLITE_TRANSIENT);
  if (ideal_days > 0)
    {
      sqlite3_bind_int (stmt, 2, ideal_days);
      sqlite3_bind_int (stmt, 3, latest_days);
    }
  if (!rapport_store_step_done (store, stmt, error))
    goto failed;
  g_clear_pointer (&stmt, rapport_stmt_release);
  if (!rapport_store_commit (store, error))
    goto failed;
  return TRUE;

failed:
  rapport_store_rollback (store);
  return FALSE;
}

/**
 * rapport_tag_cadence_set:
 * @tag: a tag, normalised as customers' tags are ("VIP " → "vip")
 *
 * Adds or replaces the cadence of @tag.
 */
gboolean
rapport_tag_cadence_set (RapportStore  *store,
                         const char    *tag,
                         int            ideal_days,
                         int            latest_days,
                         GError       **error)
{
  g_autofree char *normal = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);

  normal = rapport_normalize_tags (tag);
  if (*normal == '\0' || strchr (normal, ';') != NULL)
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                   _("Give one tag, such as “vip”"));
      return FALSE;
    }
  if (!rapport_limit_check (RAPPORT_LIMIT_TAG, normal, error))
    return FALSE;
  if (ideal_days < 1 || ideal_days > 3650 || latest_days < ideal_days || latest_days > 3650)
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                   _("A cadence needs 1 to 3650 days, and overdue no sooner than due"));
      return FALSE;
    }

  return write_one (store,
                    "INSERT INTO tag_cadence (tag, ideal_interval_days, latest_interval_days)"
                    " VALUES (?1, ?2, ?3) ON CONFLICT (tag) DO UPDATE"
                    " SET ideal_interval_days = ?2, latest_interval_days = ?3",
                    normal, ideal_days, latest_days, error);
}

gboolean
rapport_tag_cadence_remove (RapportStore  *store,
                            const char    *tag,
                            GError       **error)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);

  return write_one (store, "DELETE FROM tag_cadence WHERE tag = ?1", tag, 0, 0, error);
}
