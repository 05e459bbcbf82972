/* rapport-sync-engine-merge.c: both sides' changes to one item, field by field
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three-way, against the body last agreed with the server: a field only
 * one side changed takes that side's value; both sides changing it to the
 * same value is no conflict; both changing it differently keeps the local
 * value and reports the remote one, so the user chooses once.  Without a
 * base (an item both books had before they first synced) every differing
 * field is such a conflict: nothing is dropped silently.
 */

#define G_LOG_DOMAIN "rapport-sync-merge"

#include "config.h"

#include "rapport-sync-engine-private.h"

typedef char     *(*GetField) (gconstpointer  item,
                               const char    *field);
typedef gboolean  (*SetField) (gpointer       item,
                               const char    *field,
                               const char    *value,
                               GError       **error);

void
_rapport_sync_field_conflict_free (RapportSyncFieldConflict *conflict)
{
  g_free (conflict->field);
  g_free (conflict->local_value);
  g_free (conflict->remote_value);
  g_free (conflict);
}

static void
merge_fields (const char * const  *fields,
              gconstpointer        base,
              gconstpointer        remote,
              gpointer             merged,
              GetField             get,
              SetField             set,
              GPtrArray           *conflicts)
{
  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_autofree char *b = base != NULL ? get (base, fields[i]) : NULL;
      g_autofree char *l = get (merged, fields[i]);
      g_autofree char *r = get (remote, fields[i]);
      g_autoptr(GError) error = NULL;

      if (g_strcmp0 (l, r) == 0 || (b != NULL && g_strcmp0 (r, b) == 0))
        continue;
      if (b != NULL && g_strcmp0 (l, b) == 0)
        {
          if (!set (merged, fields[i], r, &error))
            g_warning ("Cannot take the server's %s: %s", fields[i], error->message);
          continue;
        }
      {
        RapportSyncFieldConflict *conflict = g_new0 (RapportSyncFieldConflict, 1);

        conflict->field = g_strdup (fields[i]);
        conflict->local_value = g_steal_pointer (&l);
        conflict->remote_value = g_steal_pointer (&r);
        g_ptr_array_add (conflicts, conflict);
      }
    }
}

static GPtrArray *
new_conflicts (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) _rapport_sync_field_conflict_free);
}

RapportSyncCard *
_rapport_sync_merge_cards (const RapportSyncCard  *base,
                           const RapportSyncCard  *local,
                           const RapportSyncCard  *remote,
                           GPtrArray             **conflicts)
{
  RapportSyncCard *merged = rapport_sync_card_copy (local);

  *conflicts = new_conflicts ();
  merge_fields (rapport_sync_card_fields, base, remote, merged,
                (GetField) rapport_sync_card_get_field, (SetField) rapport_sync_card_set_field,
                *conflicts);
  return merged;
}

RapportSyncTask *
_rapport_sync_merge_tasks (const RapportSyncTask  *base,
                           const RapportSyncTask  *local,
                           const RapportSyncTask  *remote,
                           GPtrArray             **conflicts)
{
  RapportSyncTask *merged = rapport_sync_task_copy (local);

  *conflicts = new_conflicts ();
  merge_fields (rapport_sync_task_fields, base, remote, merged,
                (GetField) rapport_sync_task_get_field, (SetField) rapport_sync_task_set_field,
                *conflicts);
  return merged;
}
