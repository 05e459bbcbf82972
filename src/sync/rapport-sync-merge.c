/* rapport-sync-merge.c: three-way merge of a card or a task, field by field
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * base is what both sides last agreed on (the body last sent or received),
 * local what the book says now, remote what the server says now.  A field
 * only one side changed takes that side; both changed it the same way is
 * no conflict; both changed it differently is a conflict: the local value
 * stays until the user chooses, and the remote one is returned beside it,
 * so neither is lost.  Emails, phones, addresses, web addresses, unknown
 * properties and tags are sets: what one side added is added, what one
 * side removed and the other left alone is removed.  Without a base (both
 * sides made the item on their own) every difference is a conflict and
 * sets are joined.
 */

#define G_LOG_DOMAIN "rapport-sync-merge"

#include "config.h"

#include "rapport-sync-merge.h"

void
rapport_sync_field_conflict_free (RapportSyncFieldConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->field);
  g_free (conflict->local_value);
  g_free (conflict->remote_value);
  g_free (conflict);
}

static void
add_conflict (GPtrArray  *conflicts,
              const char *field,
              const char *local,
              const char *remote)
{
  RapportSyncFieldConflict *conflict = g_new0 (RapportSyncFieldConflict, 1);

  conflict->field = g_strdup (field);
  conflict->local_value = g_strdup (local);
  conflict->remote_value = g_strdup (remote);
  g_ptr_array_add (conflicts, conflict);
}

/* Returns: the merged value (one of @local, @remote); *@conflict is set
 * when both changed it differently. */
static const char *
merge_scalar (const char *base,
              const char *local,
              const char *remote,
              gboolean   *conflict)
{
  *conflict = FALSE;
  if (g_str_equal (local, remote))
    return local;
  if (base != NULL && g_str_equal (local, base))
    return remote;
  if (base != NULL && g_str_equal (remote, base))
    return local;
  *conflict = TRUE;
  return local;
}

/* The result of a set merge: items of local, in local's order, then what
 * remote added, in remote's.  Keys name items; @base may be NULL. */
typedef struct
{
  gboolean remote;
  guint    index;
} Pick;

static GArray *
merge_set (GPtrArray *base,
           GPtrArray *local,
           GPtrArray *remote)
{
  g_autoptr(GHashTable) in_base = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) in_local = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) in_remote = g_hash_table_new (g_str_hash, g_str_equal);
  GArray *picks = g_array_new (FALSE, FALSE, sizeof (Pick));

  for (guint i = 0; base != NULL && i < base->len; i++)
    g_hash_table_add (in_base, g_ptr_array_index (base, i));
  for (guint i = 0; i < local->len; i++)
    g_hash_table_add (in_local, g_ptr_array_index (local, i));
  for (guint i = 0; i < remote->len; i++)
    g_hash_table_add (in_remote, g_ptr_array_index (remote, i));

  /* Kept by both, or added here; gone when the server removed it. */
  for (guint i = 0; i < local->len; i++)
    {
      const char *key = g_ptr_array_index (local, i);

      if (g_hash_table_contains (in_remote, key) || !g_hash_table_contains (in_base, key))
        g_array_append_val (picks, ((Pick) { FALSE, i }));
    }
  /* Added on the server; what was removed here stays removed. */
  for (guint i = 0; i < remote->len; i++)
    {
      const char *key = g_ptr_array_index (remote, i);

      if (!g_hash_table_contains (in_local, key) && !g_hash_table_contains (in_base, key))
        {
          g_array_append_val (picks, ((Pick) { TRUE, i }));
          g_hash_table_add (in_local, (gpointer) key);
        }
    }
  return picks;
}

/* ---- Cards ------------------------------------------------------------- */

/* One key per value: a value whose type or preference changed is another
 * value, so the change merges as a removal and an addition. */
static GPtrArray *
value_keys (const RapportSyncCard *card)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);

  if (card == NULL)
    return keys;
  for (guint i = 0; i < card->contact->values->len; i++)
    {
      const RapportContactValue *v = g_ptr_array_index (card->contact->values, i);

      g_ptr_array_add (keys, g_strdup_printf ("%s\x1f%s\x1f%s\x1f%d\x1f%s\x1f%s",
                                              rapport_value_kind_to_string (v->kind), v->value,
                                              v->types, v->pref, v->group, v->params));
    }
  return keys;
}

static GPtrArray *
strv_keys (GStrv strv)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    g_ptr_array_add (keys, g_strdup (strv[i]));
  return keys;
}

static GPtrArray *
extra_keys (const RapportSyncCard *card)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; card != NULL && i < card->contact->extra->len; i++)
    g_ptr_array_add (keys, g_strdup (g_ptr_array_index (card->contact->extra, i)));
  return keys;
}

static void
merge_values (RapportSyncCard       *merged,
              const RapportSyncCard *base,
              const RapportSyncCard *local,
              const RapportSyncCard *remote)
{
  g_autoptr(GPtrArray) b = base != NULL ? value_keys (base) : NULL;
  g_autoptr(GPtrArray) l = value_keys (local);
  g_autoptr(GPtrArray) r = value_keys (remote);
  g_autoptr(GArray) picks = merge_set (b, l, r);
  GPtrArray *values = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_contact_value_free);
  RapportContact *contact = merged->contact;

  for (guint i = 0; i < picks->len; i++)
    {
      Pick pick = g_array_index (picks, Pick, i);
      const RapportSyncCard *from = pick.remote ? remote : local;

      g_ptr_array_add (values, rapport_contact_value_copy (g_ptr_array_index (from->contact->values, pick.index)));
    }
  g_ptr_array_unref (contact->values);
  contact->values = values;
  /* The preferred email and phone follow the merged values. */
  g_free (contact->email);
  contact->email = g_strdup ("");
  g_free (contact->phone);
  contact->phone = g_strdup ("");
  rapport_contact_finish (contact);
}

static void
merge_extra (RapportSyncCard       *merged,
             const RapportSyncCard *base,
             const RapportSyncCard *local,
             const RapportSyncCard *remote)
{
  g_autoptr(GPtrArray) b = base != NULL ? extra_keys (base) : NULL;
  g_autoptr(GPtrArray) l = extra_keys (local);
  g_autoptr(GPtrArray) r = extra_keys (remote);
  g_autoptr(GArray) picks = merge_set (b, l, r);
  GPtrArray *extra = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < picks->len; i++)
    {
      Pick pick = g_array_index (picks, Pick, i);

      g_ptr_array_add (extra, g_strdup (g_ptr_array_index (pick.remote ? r : l, pick.index)));
    }
  g_ptr_array_unref (merged->contact->extra);
  merged->contact->extra = extra;
}

static void
merge_tags (RapportSyncCard       *merged,
            const RapportSyncCard *base,
            const RapportSyncCard *local,
            const RapportSyncCard *remote)
{
  g_autoptr(GPtrArray) b = base != NULL ? strv_keys (base->contact->tags) : NULL;
  g_autoptr(GPtrArray) l = strv_keys (local->contact->tags);
  g_autoptr(GPtrArray) r = strv_keys (remote->contact->tags);
  g_autoptr(GArray) picks = merge_set (b, l, r);
  g_autoptr(GStrvBuilder) tags = g_strv_builder_new ();

  for (guint i = 0; i < picks->len; i++)
    {
      Pick pick = g_array_index (picks, Pick, i);

      g_strv_builder_add (tags, g_ptr_array_index (pick.remote ? r : l, pick.index));
    }
  g_strfreev (merged->contact->tags);
  merged->contact->tags = g_strv_builder_end (tags);
}

/**
 * rapport_sync_merge_cards:
 * @base: (nullable): the card as last agreed with the server
 * @conflicts: (out) (element-type RapportSyncFieldConflict): the fields both
 *   sides changed differently; empty when there are none
 *
 * Returns: (transfer full): the merged card: @local's UID, each field
 *   from the side that changed it, the local value where both did
 */
RapportSyncCard *
rapport_sync_merge_cards (const RapportSyncCard  *base,
                          const RapportSyncCard  *local,
                          const RapportSyncCard  *remote,
                          GPtrArray             **conflicts)
{
  g_autoptr(RapportSyncCard) merged = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_sync_field_conflict_free);

  g_return_val_if_fail (local != NULL && remote != NULL, NULL);
  g_return_val_if_fail (conflicts != NULL, NULL);

  merged = rapport_sync_card_copy (local);
  for (guint i = 0; rapport_sync_card_fields[i] != NULL; i++)
    {
      const char *field = rapport_sync_card_fields[i];
      g_autofree char *b = base != NULL ? rapport_sync_card_get_field (base, field) : NULL;
      g_autofree char *l = rapport_sync_card_get_field (local, field);
      g_autofree char *r = rapport_sync_card_get_field (remote, field);
      gboolean conflict;
      const char *value = merge_scalar (b, l, r, &conflict);

      if (conflict)
        add_conflict (found, field, l, r);
      else if (value == r && !rapport_sync_card_set_field (merged, field, r, NULL))
        /* A server value the book would refuse is a conflict to show, not
         * a value to take. */
        add_conflict (found, field, l, r);
    }
  merge_values (merged, base, local, remote);
  merge_extra (merged, base, local, remote);
  merge_tags (merged, base, local, remote);

  *conflicts = g_steal_pointer (&found);
  return g_steal_pointer (&merged);
}

/* ---- Tasks ------------------------------------------------------------- */

static gboolean
is_open (const char *state)
{
  return g_strcmp0 (state, "due") == 0 || g_strcmp0 (state, "snoozed") == 0;
}

/* Conflicts that are no choice to ask the user about: when the check-in
 * ends up closed its due times no longer matter, both completion times of
 * a check-in done on both sides are the same contact (the earlier counts),
 * and the playbook rewords its own reasons (each side for its day). */
static gboolean
moot (const char            *field,
      const RapportSyncTask *merged,
      const RapportSyncTask *local,
      const RapportSyncTask *remote)
{
  if ((g_str_equal (field, "due") || g_str_equal (field, "snoozed-until")) && !is_open (merged->state))
    return TRUE;
  if (g_str_equal (field, "reason") && g_strcmp0 (local->created_by, "playbook") == 0)
    return TRUE;
  return g_str_equal (field, "completed-at") && g_str_equal (local->state, "done") &&
         g_str_equal (remote->state, "done");
}

/**
 * rapport_sync_merge_tasks:
 * @base: (nullable): the task as last agreed with the server
 * @conflicts: (out) (element-type RapportSyncFieldConflict): the fields both
 *   sides changed differently; empty when there are none
 *
 * Returns: (transfer full): the merged task
 */
RapportSyncTask *
rapport_sync_merge_tasks (const RapportSyncTask  *base,
                          const RapportSyncTask  *local,
                          const RapportSyncTask  *remote,
                          GPtrArray             **conflicts)
{
  g_autoptr(RapportSyncTask) merged = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_sync_field_conflict_free);
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_sync_field_conflict_free);

  g_return_val_if_fail (local != NULL && remote != NULL, NULL);
  g_return_val_if_fail (conflicts != NULL, NULL);

  merged = rapport_sync_task_copy (local);
  for (guint i = 0; rapport_sync_task_fields[i] != NULL; i++)
    {
      const char *field = rapport_sync_task_fields[i];
      g_autofree char *b = base != NULL ? rapport_sync_task_get_field (base, field) : NULL;
      g_autofree char *l = rapport_sync_task_get_field (local, field);
      g_autofree char *r = rapport_sync_task_get_field (remote, field);
      gboolean conflict;
      const char *value = merge_scalar (b, l, r, &conflict);

      if (conflict || (value == r && !rapport_sync_task_set_field (merged, field, r, NULL)))
        add_conflict (pending, field, l, r);
    }

  /* Whether a conflict matters depends on the merged state. */
  for (guint i = 0; i < pending->len; i++)
    {
      RapportSyncFieldConflict *conflict = g_ptr_array_index (pending, i);

      if (!moot (conflict->field, merged, local, remote))
        add_conflict (found, conflict->field, conflict->local_value, conflict->remote_value);
      else if (g_str_equal (conflict->field, "completed-at") && remote->completed_at != 0 &&
               (local->completed_at == 0 || remote->completed_at < local->completed_at))
        merged->completed_at = remote->completed_at;
    }
  if (merged->customer_uid == NULL && remote->customer_uid != NULL)
    merged->customer_uid = g_strdup (remote->customer_uid);

  *conflicts = g_steal_pointer (&found);
  return g_steal_pointer (&merged);
}
