/* rapport-customer-card.c: a customer's address-book side in the book
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The customer row holds what Rapport works with (name, company, the
 * preferred email and phone …); customer_value, customer_vcard_property and
 * customer_photo hold the rest of what an address book knows, so a card
 * goes through Rapport without losing anything.  Writes here run inside the
 * caller's transaction.
 */

#define G_LOG_DOMAIN "rapport-customer-card"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-customer-card.h"
#include "rapport-time.h"

#define CARD_COLUMNS \
  "c.id, c.uid, c.name, c.structured_name, c.kind, c.company, c.title, c.role," \
  " c.birthday, c.anniversary, c.status, c.satisfaction, c.tags, c.notes," \
  " (SELECT min (coalesce (f.snoozed_until, f.due_at)) FROM follow_up f" \
  "   WHERE f.customer_id = c.id AND f.state IN ('due', 'snoozed')), c.email, c.phone"

static void
replace (char       **field,
         sqlite3_stmt *stmt,
         int           column)
{
  g_free (*field);
  *field = rapport_stmt_column_dup (stmt, column);
}

static GStrv
split_tags (const char *stored)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = g_strsplit (stored != NULL ? stored : "", ";", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != '\0')
      g_strv_builder_add (builder, parts[i]);
  return g_strv_builder_end (builder);
}

/* The next check-in as local time, as a CSV file writes it. */
static char *
local_check_in (const char *stored)
{
  g_autoptr(GDateTime) when = NULL;
  gint64 unix_time;

  if (stored == NULL || !rapport_time_parse_utc (stored, &unix_time))
    return NULL;
  when = g_date_time_new_from_unix_local (unix_time);
  return when != NULL ? g_date_time_format (when, "%Y-%m-%d %H:%M") : NULL;
}

static RapportContact *
contact_from_row (sqlite3_stmt *stmt)
{
  RapportContact *contact = rapport_contact_new ();
  const char *structured = (const char *) sqlite3_column_text (stmt, 3);

  contact->uid = rapport_stmt_column_dup (stmt, 1);
  replace (&contact->name, stmt, 2);
  contact->structured_name = structured != NULL ? g_strdup (structured) : NULL;
  contact->is_org = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 4), "org") == 0;
  replace (&contact->company, stmt, 5);
  replace (&contact->title, stmt, 6);
  replace (&contact->role, stmt, 7);
  replace (&contact->birthday, stmt, 8);
  replace (&contact->anniversary, stmt, 9);
  replace (&contact->status, stmt, 10);
  replace (&contact->satisfaction, stmt, 11);
  g_strfreev (contact->tags);
  contact->tags = split_tags ((const char *) sqlite3_column_text (stmt, 12));
  replace (&contact->notes, stmt, 13);
  contact->next_check_in = local_check_in ((const char *) sqlite3_column_text (stmt, 14));
  /* A row written by another tool may have no values: its email and phone
   * still count (rapport_contact_finish () adds them). */
  replace (&contact->email, stmt, 15);
  replace (&contact->phone, stmt, 16);
  return contact;
}

static RapportContactValue *
value_from_row (sqlite3_stmt *stmt,
                int           first)
{
  RapportValueKind kind = RAPPORT_VALUE_EMAIL;
  RapportContactValue *value;

  rapport_value_kind_from_string ((const char *) sqlite3_column_text (stmt, first), &kind);
  value = rapport_contact_value_new (kind, (const char *) sqlite3_column_text (stmt, first + 1),
                                     (const char *) sqlite3_column_text (stmt, first + 2),
                                     sqlite3_column_int (stmt, first + 3));
  replace (&value->group, stmt, first + 4);
  replace (&value->params, stmt, first + 5);
  return value;
}

/* Walks a side table ordered by customer_id beside the customers, also in
 * id order, so reading every card costs one pass over each table. */
typedef void (*AttachFunc) (RapportContact *contact,
                            sqlite3_stmt   *stmt);

static void
attach_value (RapportContact *contact,
              sqlite3_stmt   *stmt)
{
  g_ptr_array_add (contact->values, value_from_row (stmt, 1));
}

static void
attach_extra (RapportContact *contact,
              sqlite3_stmt   *stmt)
{
  g_ptr_array_add (contact->extra, rapport_stmt_column_dup (stmt, 1));
}

static void
attach_photo (RapportContact *contact,
              sqlite3_stmt   *stmt)
{
  contact->photo = g_bytes_new (sqlite3_column_blob (stmt, 2), sqlite3_column_bytes (stmt, 2));
  contact->photo_type = rapport_stmt_column_dup (stmt, 1);
}

static gboolean
attach_side_table (RapportStore  *store,
                   GPtrArray     *contacts,
                   GArray        *ids,
                   const char    *sql,
                   AttachFunc     attach,
                   GError       **error)
{
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (store, sql, error);
  guint i = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (ids->len == 1)
    sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, 0));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 customer_id = sqlite3_column_int64 (stmt, 0);

      while (i < ids->len && g_array_index (ids, gint64, i) < customer_id)
        i++;
      if (i < ids->len && g_array_index (ids, gint64, i) == customer_id)
        attach (g_ptr_array_index (contacts, i), stmt);
    }
  return rc == SQLITE_DONE || rapport_store_set_error (store, rc, error, "read cards");
}

/* Every customer when @id is 0, else that one. */
static GPtrArray *
read_cards (RapportStore  *store,
            gint64         id,
            GError       **error)
{
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_contact_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char *where = id != 0 ? " WHERE customer_id = ?1" : "";
  g_autofree char *values_sql = NULL;
  g_autofree char *extra_sql = NULL;
  g_autofree char *photo_sql = NULL;
  int rc;

  {
    g_autoptr(RapportStmt) stmt =
      rapport_store_prepare (store, id != 0
                               ? "SELECT " CARD_COLUMNS " FROM customer c WHERE c.id = ?1"
                               : "SELECT " CARD_COLUMNS " FROM customer c ORDER BY c.id",
                             error);
    if (stmt == NULL)
      return NULL;
    if (id != 0)
      sqlite3_bind_int64 (stmt, 1, id);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        gint64 row_id = sqlite3_column_int64 (stmt, 0);

        g_array_append_val (ids, row_id);
        g_ptr_array_add (contacts, contact_from_row (stmt));
      }
    if (rc != SQLITE_DONE)
      {
        rapport_store_set_error (store, rc, error, "read customers");
        return NULL;
      }
  }
  if (ids->len == 0)
    return g_steal_pointer (&contacts);

  values_sql = g_strdup_printf ("SELECT customer_id, kind, value, types, pref, vcard_group, vcard_params"
                                " FROM customer_value%s ORDER BY customer_id, position, id", where);
  extra_sql = g_strdup_printf ("SELECT customer_id, content FROM customer_vcard_property%s"
                               " ORDER BY customer_id, position, id", where);
  photo_sql = g_strdup_printf ("SELECT customer_id, media_type, data FROM customer_photo%s"
                               " ORDER BY customer_id", where);
  if (!attach_side_table (store, contacts, ids, values_sql, attach_value, error) ||
      !attach_side_table (store, contacts, ids, extra_sql, attach_extra, error) ||
      !attach_side_table (store, contacts, ids, photo_sql, attach_photo, error))
    return NULL;

  for (guint i = 0; i < contacts->len; i++)
    rapport_contact_finish (g_ptr_array_index (contacts, i));
  return g_steal_pointer (&contacts);
}

/**
 * rapport_customer_card_read_all:
 *
 * Reads every customer in the order they were added, with everything the
 * address book knew and the next open follow-up as the next check-in.
 *
 * Returns: (transfer full): a #GPtrArray of #RapportContact, or %NULL
 */
GPtrArray *
rapport_customer_card_read_all (RapportStore  *store,
                                GError       **error)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);

  return read_cards (store, 0, error);
}

RapportContact *
rapport_customer_card_read (RapportStore  *store,
                            gint64         id,
                            GError       **error)
{
  g_autoptr(GPtrArray) cards = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);

  cards = read_cards (store, id, error);
  if (cards == NULL)
    return NULL;
  if (cards->len == 0)
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND,
                   _("This customer no longer exists"));
      return NULL;
    }
  return g_ptr_array_steal_index (cards, 0);
}

/* Returns: (transfer full): the customer's values, in order */
GPtrArray *
rapport_customer_card_read_values (RapportStore  *store,
                                   gint64         id,
                                   GError       **error)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_contact_value_free);
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);

  stmt = rapport_store_prepare (store,
                                "SELECT customer_id, kind, value, types, pref, vcard_group, vcard_params"
                                " FROM customer_value WHERE customer_id = ?1 ORDER BY position, id",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (values, value_from_row (stmt, 1));
  if (rc != SQLITE_DONE)
    {
      rapport_store_set_error (store, rc, error, "read values");
      return NULL;
    }
  return g_steal_pointer (&values);
}

GBytes *
rapport_customer_card_read_photo (RapportStore  *store,
                                  gint64         id,
                                  char         **media_type,
                                  GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);

  stmt = rapport_store_prepare (store, "SELECT media_type, data FROM customer_photo WHERE customer_id = ?1",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (media_type != NULL)
        *media_type = rapport_stmt_column_dup (stmt, 0);
      return g_bytes_new (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1));
    }
  if (rc != SQLITE_DONE)
    rapport_store_set_error (store, rc, error, "read photo");
  return NULL;
}

static gboolean
delete_rows (RapportStore  *store,
             const char    *sql,
             gint64         id,
             GError       **error)
{
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return rapport_store_step_done (store, stmt, error);
}

/**
 * rapport_customer_card_write_values:
 *
 * Replaces the customer's emails, phones, addresses and URLs with @values,
 * in that order, and the preferred email and phone and the search text on
 * the customer's row with theirs.  Runs in the caller's transaction.
 */
gboolean
rapport_customer_card_write_values (RapportStore  *store,
                                    gint64         id,
                                    GPtrArray     *values,
                                    GError       **error)
{
  g_autoptr(RapportContact) shape = rapport_contact_new ();
  g_autoptr(RapportStmt) insert = NULL;
  g_autoptr(RapportStmt) update = NULL;
  g_autofree char *search = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (rapport_store_in_transaction (store), FALSE);

  if (!delete_rows (store, "DELETE FROM customer_value WHERE customer_id = ?1", id, error))
    return FALSE;

  insert = rapport_store_prepare (store,
                                  "INSERT INTO customer_value (customer_id, kind, value, types, pref,"
                                  "  vcard_group, vcard_params, position)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                                  error);
  if (insert == NULL)
    return FALSE;
  for (guint i = 0; i < values->len; i++)
    {
      const RapportContactValue *v = g_ptr_array_index (values, i);

      if (v->value == NULL || *v->value == '\0')
        continue;
      sqlite3_bind_int64 (insert, 1, id);
      sqlite3_bind_text (insert, 2, rapport_value_kind_to_string (v->kind), -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 3, v->value, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 4, v->types, -1, SQLITE_STATIC);
      sqlite3_bind_int (insert, 5, CLAMP (v->pref, 0, 100));
      sqlite3_bind_text (insert, 6, v->group, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 7, v->params, -1, SQLITE_STATIC);
      sqlite3_bind_int (insert, 8, i);
      if (!rapport_store_step_done (store, insert, error))
        return FALSE;
      sqlite3_reset (insert);
      g_ptr_array_add (shape->values, rapport_contact_value_copy (v));
    }
  g_clear_pointer (&insert, rapport_stmt_release);

  rapport_contact_finish (shape);
  search = rapport_contact_search_text (shape->values);
  update = rapport_store_prepare (store,
                                  "UPDATE customer SET email = ?2, phone = ?3, other_values = ?4"
                                  " WHERE id = ?1 AND (email, phone, other_values) IS NOT (?2, ?3, ?4)",
                                  error);
  if (update == NULL)
    return FALSE;
  sqlite3_bind_int64 (update, 1, id);
  sqlite3_bind_text (update, 2, shape->email, -1, SQLITE_STATIC);
  sqlite3_bind_text (update, 3, shape->phone, -1, SQLITE_STATIC);
  sqlite3_bind_text (update, 4, search, -1, SQLITE_STATIC);
  return rapport_store_step_done (store, update, error);
}

/* Replaces the properties Rapport does not understand.  In the caller's
 * transaction. */
gboolean
rapport_customer_card_write_extra (RapportStore  *store,
                                   gint64         id,
                                   GPtrArray     *extra,
                                   GError       **error)
{
  g_autoptr(RapportStmt) insert = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (rapport_store_in_transaction (store), FALSE);

  if (!delete_rows (store, "DELETE FROM customer_vcard_property WHERE customer_id = ?1", id, error))
    return FALSE;
  if (extra == NULL || extra->len == 0)
    return TRUE;

  insert = rapport_store_prepare (store,
                                  "INSERT INTO customer_vcard_property (customer_id, position, content)"
                                  " VALUES (?1, ?2, ?3)",
                                  error);
  if (insert == NULL)
    return FALSE;
  for (guint i = 0; i < extra->len; i++)
    {
      sqlite3_bind_int64 (insert, 1, id);
      sqlite3_bind_int (insert, 2, i);
      sqlite3_bind_text (insert, 3, g_ptr_array_index (extra, i), -1, SQLITE_STATIC);
      if (!rapport_store_step_done (store, insert, error))
        return FALSE;
      sqlite3_reset (insert);
    }
  return TRUE;
}

/* Sets the photo, or removes it when @photo is %NULL.  In the caller's
 * transaction. */
gboolean
rapport_customer_card_write_photo (RapportStore  *store,
                                   gint64         id,
                                   GBytes        *photo,
                                   const char    *media_type,
                                   GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  gsize size = 0;
  gconstpointer data;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);

  if (photo == NULL)
    return delete_rows (store, "DELETE FROM customer_photo WHERE customer_id = ?1", id, error);

  stmt = rapport_store_prepare (store,
                                "INSERT OR REPLACE INTO customer_photo (customer_id, media_type, data)"
                                " VALUES (?1, ?2, ?3)",
                                error);
  if (stmt == NULL)
    return FALSE;
  data = g_bytes_get_data (photo, &size);
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, media_type != NULL ? media_type : "image/jpeg", -1, SQLITE_STATIC);
  sqlite3_bind_blob64 (stmt, 3, data, size, SQLITE_STATIC);
  return rapport_store_step_done (store, stmt, error);
}
