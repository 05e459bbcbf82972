/* rapport-sale.c: a sale to a customer
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-sale"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "rapport-limits.h"
#include "rapport-sale.h"
#include "rapport-time.h"

struct _RapportSale
{
  GObject  parent_instance;

  gint64   id;
  gint64   customer_id;
  char    *product;
  gint64   amount_cents;
  char    *closed_on;               /* YYYY-MM-DD */
  char    *delivered_on;            /* YYYY-MM-DD, or NULL: not yet */
  char    *referral_prepositioned;  /* no, agreed, declined */
};

G_DEFINE_FINAL_TYPE (RapportSale, rapport_sale, G_TYPE_OBJECT)

static void
rapport_sale_finalize (GObject *object)
{
  RapportSale *self = (RapportSale *)object;

  g_free (self->product);
  g_free (self->closed_on);
  g_free (self->delivered_on);
  g_free (self->referral_prepositioned);

  G_OBJECT_CLASS (rapport_sale_parent_class)->finalize (object);
}

static void
rapport_sale_class_init (RapportSaleClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rapport_sale_finalize;
}

static void
rapport_sale_init (RapportSale *self)
{
  self->product = g_strdup ("");
  self->referral_prepositioned = g_strdup ("no");
}

RapportSale *
rapport_sale_new (gint64 customer_id)
{
  RapportSale *self = g_object_new (RAPPORT_TYPE_SALE, NULL);
  g_autoptr(GDateTime) today = g_date_time_new_from_unix_local (rapport_time_now ());

  self->customer_id = customer_id;
  self->closed_on = g_date_time_format (today, "%Y-%m-%d");
  return self;
}

/**
 * rapport_sale_list_for_customer:
 *
 * Returns: (transfer full): the customer's sales, newest first
 */
GListModel *
rapport_sale_list_for_customer (RapportStore  *store,
                                gint64         customer_id,
                                GError       **error)
{
  g_autoptr(GListStore) sales = g_list_store_new (RAPPORT_TYPE_SALE);
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);

  stmt = rapport_store_prepare (store,
                                "SELECT id, product, amount_cents, closed_on, delivered_on,"
                                "       referral_prepositioned"
                                "  FROM sale WHERE customer_id = ? ORDER BY closed_on DESC, id DESC",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, customer_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(RapportSale) sale = g_object_new (RAPPORT_TYPE_SALE, NULL);

      sale->id = sqlite3_column_int64 (stmt, 0);
      sale->customer_id = customer_id;
      g_free (sale->product);
      sale->product = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      sale->amount_cents = sqlite3_column_int64 (stmt, 2);
      sale->closed_on = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      sale->delivered_on = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      g_free (sale->referral_prepositioned);
      sale->referral_prepositioned = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      g_list_store_append (sales, sale);
    }
  if (rc != SQLITE_DONE)
    {
      rapport_store_set_error (store, rc, error, "list sales");
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&sales));
}

static const char * const answers[] = { "no", "agreed", "declined", NULL };

static gboolean
validate (RapportSale  *self,
          GError      **error)
{
  g_autofree char *product = g_strstrip (g_strdup (self->product));
  GDate closed, delivered;

  if (*product == '\0')
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                   _("A sale needs a product"));
      return FALSE;
    }
  if (!rapport_limit_check (RAPPORT_LIMIT_PRODUCT, product, error))
    return FALSE;
  if (!rapport_date_parse (self->closed_on, &closed))
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                   _("“%s” is not a date; write the closing date as YYYY-MM-DD"),
                   self->closed_on ? self->closed_on : "");
      return FALSE;
    }
  if (self->delivered_on != NULL)
    {
      if (!rapport_date_parse (self->delivered_on, &delivered))
        {
          g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                       _("“%s” is not a date; write the delivery date as YYYY-MM-DD"),
                       self->delivered_on);
          return FALSE;
        }
      if (g_date_compare (&delivered, &closed) < 0)
        {
          g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                       _("The delivery date is before the closing date"));
          return FALSE;
        }
    }
  if (!g_strv_contains (answers, self->referral_prepositioned))
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                   _("“%s” is not an answer to the referral pre-positioning (use no, agreed or declined)"),
                   self->referral_prepositioned);
      return FALSE;
    }
  if (self->amount_cents < 0)
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                   _("The amount cannot be negative"));
      return FALSE;
    }
  return TRUE;
}

gboolean
rapport_sale_save (RapportSale   *self,
                   RapportStore  *store,
                   GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *now = rapport_time_format_utc (rapport_time_now ());
  g_autofree char *product = NULL;

  g_return_val_if_fail (RAPPORT_IS_SALE (self), FALSE);
  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);

  if (!validate (self, error) || !rapport_store_begin (store, error))
    return FALSE;

  if (self->id == 0)
    stmt = rapport_store_prepare (store,
                                  "INSERT INTO sale (product, amount_cents, closed_on, delivered_on,"
                                  "  referral_prepositioned, customer_id, created_at)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  else
    stmt = rapport_store_prepare (store,
                                  "UPDATE sale SET product = ?1, amount_cents = ?2, closed_on = ?3,"
                                  "  delivered_on = ?4, referral_prepositioned = ?5"
                                  " WHERE id = ?8", error);
  if (stmt == NULL)
    goto failed;

  product = g_strstrip (g_strdup (self->product));
  sqlite3_bind_text (stmt, 1, product, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, self->amount_cents);
  sqlite3_bind_text (stmt, 3, self->closed_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, self->delivered_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, self->referral_prepositioned, -1, SQLITE_TRANSIENT);
  if (self->id == 0)
    {
      sqlite3_bind_int64 (stmt, 6, self->customer_id);
      sqlite3_bind_text (stmt, 7, now, -1, SQLITE_TRANSIENT);
    }
  else
    sqlite3_bind_int64 (stmt, 8, self->id);

  if (!rapport_store_step_done (store, stmt, error))
    goto failed;
  if (self->id == 0)
    self->id = sqlite3_last_insert_rowid (rapport_store_get_db (store));
  g_clear_pointer (&stmt, rapport_stmt_release);

  if (!rapport_store_commit (store, error))
    goto failed;
  return TRUE;

failed:
  rapport_store_rollback (store);
  return FALSE;
}

gboolean
rapport_sale_delete (RapportSale   *self,
                     RapportStore  *store,
                     GError       **error)
{
  g_return_val_if_fail (RAPPORT_IS_SALE (self), FALSE);

  return rapport_store_write_id (store, "DELETE FROM sale WHERE id = ?", self->id, error);
}

/**
 * rapport_parse_amount:
 * @text: "1200", "1,200.50", "1 200,5" …
 *
 * Reads an amount of money into cents; the last '.' or ',' followed by one
 * or two digits is the decimal separator, other separators group thousands.
 */
gboolean
rapport_parse_amount (const char *text,
                      gint64     *cents)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *decimal = NULL;
  guint64 value = 0;
  int fraction_digits = 0;

  g_return_val_if_fail (cents != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  text += strspn (text, " ");
  if (*text == '\0')
    {
      *cents = 0;
      return TRUE;
    }

  for (const char *p = text; *p; p++)
    if ((*p == '.' || *p == ',') && strlen (p + 1) <= 2 && strlen (p + 1) > 0 &&
        strspn (p + 1, "0123456789") == strlen (p + 1))
      decimal = p;

  for (const char *p = text; *p; p++)
    {
      if (p == decimal)
        break;
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (*p != ',' && *p != '.' && *p != ' ' && *p != '\'')
        return FALSE;
    }
  if (digits->len == 0 || digits->len > 13)
    return FALSE;

  value = g_ascii_strtoull (digits->str, NULL, 10) * 100;
  if (decimal != NULL)
    {
      fraction_digits = strlen (decimal + 1);
      value += g_ascii_strtoull (decimal + 1, NULL, 10) * (fraction_digits == 1 ? 10 : 1);
    }
  *cents = (gint64) value;
  return TRUE;
}

/* For people: grouped and with the decimal point of LC_NUMERIC
 * ("1,234.50", "1.234,50"), which %' alone would mix with a '.'. */
char *
rapport_format_amount (gint64 cents)
{
  const char *point = localeconv ()->decimal_point;

  if (point == NULL || *point == '\0')
    point = ".";
  return g_strdup_printf ("%'" G_GINT64_FORMAT "%s%02d", cents / 100, point, (int) (ABS (cents) % 100));
}

#define STRING_ACCESSORS(field, nullable)                               \
  const char *                                                          \
  rapport_sale_get_##field (RapportSale *self)                          \
  {                                                                     \
    g_return_val_if_fail (RAPPORT_IS_SALE (self), NULL);                \
    return self->field;                                                 \
  }                                                                     \
  void                                                                  \
  rapport_sale_set_##field (RapportSale *self,                          \
                            const char  *value)                         \
  {                                                                     \
    g_return_if_fail (RAPPORT_IS_SALE (self));                          \
    g_free (self->field);                                               \
    self->field = (nullable) && (value == NULL || *value == '\0')       \
                    ? NULL : g_strdup (value ? value : "");             \
  }

STRING_ACCESSORS (product, FALSE)
STRING_ACCESSORS (closed_on, FALSE)
STRING_ACCESSORS (delivered_on, TRUE)
STRING_ACCESSORS (referral_prepositioned, FALSE)

gint64
rapport_sale_get_id (RapportSale *self)
{
  g_return_val_if_fail (RAPPORT_IS_SALE (self), 0);
  return self->id;
}

gint64
rapport_sale_get_customer_id (RapportSale *self)
{
  g_return_val_if_fail (RAPPORT_IS_SALE (self), 0);
  return self->customer_id;
}

gint64
rapport_sale_get_amount_cents (RapportSale *self)
{
  g_return_val_if_fail (RAPPORT_IS_SALE (self), 0);
  return self->amount_cents;
}

void
rapport_sale_set_amount_cents (RapportSale *self,
                               gint64       amount_cents)
{
  g_return_if_fail (RAPPORT_IS_SALE (self));
  self->amount_cents = amount_cents;
}
