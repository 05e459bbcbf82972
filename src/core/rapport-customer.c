/* rapport-customer.c: one customer of the book
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-customer"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-customer.h"
#include "rapport-customer-card.h"
#include "rapport-limits.h"
#include "rapport-string.h"
#include "rapport-time.h"

struct _RapportCustomer
{
  GObject  parent_instance;

  gint64   id;            /* 0 until saved */
  char    *name;
  char    *company;
  char    *email;
  char    *phone;
  char    *notes;
  char    *tags;
  char    *status;
  char    *satisfaction;
  char    *reference_kind;
  char    *preferred_channel;
  int      min_gap_days;  /* -1: the preference's default */
  int      ideal_interval_days;   /* -1: from the tags or the preferences */
  int      latest_interval_days;  /* -1: likewise */

  char    *uid;           /* NULL until saved or loaded */
  GPtrArray *values;      /* every email, phone…; NULL until loaded or set */

  /* Derived from interactions and follow-ups, never stored on the row. */
  gint64   last_contact;
  gint64   next_check_in;
  gint64   overdue_at;
  gboolean has_photo;

  /* Made for a list row before its fields were read (in a worker). */
  gboolean placeholder;
};

G_DEFINE_FINAL_TYPE (RapportCustomer, rapport_customer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_COMPANY,
  PROP_EMAIL,
  PROP_PHONE,
  PROP_NOTES,
  PROP_TAGS,
  PROP_STATUS,
  PROP_SATISFACTION,
  PROP_REFERENCE_KIND,
  PROP_PREFERRED_CHANNEL,
  PROP_MIN_GAP_DAYS,
  PROP_IDEAL_INTERVAL_DAYS,
  PROP_LATEST_INTERVAL_DAYS,
  PROP_LAST_CONTACT,
  PROP_NEXT_CHECK_IN,
  PROP_HAS_PHOTO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* After the notifications of one change, however many fields it touched
 * (a worker's read filling a placeholder touches a dozen): a list row
 * updates once, not once per field. */
static void
rapport_customer_dispatch_properties_changed (GObject     *object,
                                              guint        n_pspecs,
                                              GParamSpec **pspecs)
{
  G_OBJECT_CLASS (rapport_customer_parent_class)->dispatch_properties_changed (object, n_pspecs, pspecs);
  g_signal_emit (object, signals[CHANGED], 0);
}


/* The allowed words of each enumerated column, first is the default. */
static const char * const status_words[] = { "customer", "prospect", "former", NULL };
static const char * const satisfaction_words[] = { "unknown", "unhappy", "satisfied", "delighted", NULL };
static const char * const reference_words[] = { "none", "product_reference", "personal_letter", NULL };
static const char * const channel_words[] = { "any", "email", "phone", "meeting", "social", NULL };

static const struct {
  const char         *column;
  const char * const *words;
} enum_columns[] = {
  { "status", status_words },
  { "satisfaction", satisfaction_words },
  { "reference_kind", reference_words },
  { "preferred_channel", channel_words },
};

/**
 * rapport_customer_validate_enum:
 *
 * Checks @value against the words the book accepts for @column.
 */
gboolean
rapport_customer_validate_enum (const char  *column,
                                const char  *value,
                                GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (enum_columns); i++)
    {
      g_autofree char *allowed = NULL;

      if (g_strcmp0 (enum_columns[i].column, column) != 0)
        continue;
      if (value != NULL && g_strv_contains (enum_columns[i].words, value))
        return TRUE;

      allowed = g_strjoinv (", ", (char **) enum_columns[i].words);
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                   _("“%s” is not a valid %s (use %s)"), value ? value : "", column, allowed);
      return FALSE;
    }

  g_return_val_if_reached (FALSE);
}

/**
 * rapport_normalize_tags:
 * @tags: tags separated by ';' or ','
 *
 * Returns: the tags trimmed, lower-cased, without duplicates, joined by ';'
 */
char *
rapport_normalize_tags (const char *tags)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_free);

  if (tags == NULL)
    return g_strdup ("");

  parts = g_strsplit_set (tags, ";,", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *tag = g_utf8_strdown (g_strstrip (parts[i]), -1);
      gboolean seen = FALSE;

      if (*tag == '\0')
        continue;
      for (guint j = 0; j < kept->len && !seen; j++)
        seen = g_str_equal (g_ptr_array_index (kept, j), tag);
      if (!seen)
        g_ptr_array_add (kept, g_steal_pointer (&tag));
    }
  g_ptr_array_add (kept, NULL);

  return g_strjoinv (";", (char **) kept->pdata);
}

static char **
string_field (RapportCustomer *self,
              guint            prop_id)
{
  switch (prop_id)
    {
    case PROP_NAME:              return &self->name;
    case PROP_COMPANY:           return &self->company;
    case PROP_EMAIL:             return &self->email;
    case PROP_PHONE:             return &self->phone;
    case PROP_NOTES:             return &self->notes;
    case PROP_TAGS:              return &self->tags;
    case PROP_STATUS:            return &self->status;
    case PROP_SATISFACTION:      return &self->satisfaction;
    case PROP_REFERENCE_KIND:    return &self->reference_kind;
    case PROP_PREFERRED_CHANNEL: return &self->preferred_channel;
    default:                     return NULL;
    }
}

static void
set_string (RapportCustomer *self,
            guint            prop_id,
            const char      *value)
{
  char **field = string_field (self, prop_id);

  if (rapport_set_str (field, value != NULL ? value : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
set_int64 (RapportCustomer *self,
           gint64          *field,
           gint64           value,
           guint            prop_id)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
rapport_customer_finalize (GObject *object)
{
  RapportCustomer *self = (RapportCustomer *)object;

  for (guint prop_id = PROP_NAME; prop_id <= PROP_PREFERRED_CHANNEL; prop_id++)
    g_free (*string_field (self, prop_id));
  g_free (self->uid);
  g_clear_pointer (&self->values, g_ptr_array_unref);

  G_OBJECT_CLASS (rapport_customer_parent_class)->finalize (object);
}

static void
rapport_customer_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RapportCustomer *self = RAPPORT_CUSTOMER (object);

  if (string_field (self, prop_id) != NULL)
    {
      g_value_set_string (value, *string_field (self, prop_id));
      return;
    }

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_MIN_GAP_DAYS:
      g_value_set_int (value, self->min_gap_days);
      break;
    case PROP_IDEAL_INTERVAL_DAYS:
      g_value_set_int (value, self->ideal_interval_days);
      break;
    case PROP_LATEST_INTERVAL_DAYS:
      g_value_set_int (value, self->latest_interval_days);
      break;
    case PROP_LAST_CONTACT:
      g_value_set_int64 (value, self->last_contact);
      break;
    case PROP_NEXT_CHECK_IN:
      g_value_set_int64 (value, self->next_check_in);
      break;
    case PROP_HAS_PHOTO:
      g_value_set_boolean (value, self->has_photo);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_customer_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  RapportCustomer *self = RAPPORT_CUSTOMER (object);

  if (string_field (self, prop_id) != NULL)
    {
      set_string (self, prop_id, g_value_get_string (value));
      return;
    }

  switch (prop_id)
    {
    case PROP_MIN_GAP_DAYS:
      rapport_customer_set_min_gap_days (self, g_value_get_int (value));
      break;
    case PROP_IDEAL_INTERVAL_DAYS:
    case PROP_LATEST_INTERVAL_DAYS:
      rapport_customer_set_cadence (self,
                                    prop_id == PROP_IDEAL_INTERVAL_DAYS ? g_value_get_int (value)
                                                                        : self->ideal_interval_days,
                                    prop_id == PROP_LATEST_INTERVAL_DAYS ? g_value_get_int (value)
                                                                         : self->latest_interval_days);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_customer_class_init (RapportCustomerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  static const char * const string_names[] = {
    [PROP_NAME] = "name", [PROP_COMPANY] = "company", [PROP_EMAIL] = "email",
    [PROP_PHONE] = "phone", [PROP_NOTES] = "notes", [PROP_TAGS] = "tags",
    [PROP_STATUS] = "status", [PROP_SATISFACTION] = "satisfaction",
    [PROP_REFERENCE_KIND] = "reference-kind", [PROP_PREFERRED_CHANNEL] = "preferred-channel",
  };

  object_class->finalize = rapport_customer_finalize;
  object_class->get_property = rapport_customer_get_property;
  object_class->set_property = rapport_customer_set_property;
  object_class->dispatch_properties_changed = rapport_customer_dispatch_properties_changed;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  for (guint prop_id = PROP_NAME; prop_id <= PROP_PREFERRED_CHANNEL; prop_id++)
    properties[prop_id] =
      g_param_spec_string (string_names[prop_id], NULL, NULL, "",
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MIN_GAP_DAYS] =
    g_param_spec_int ("min-gap-days", NULL, NULL, -1, 365, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IDEAL_INTERVAL_DAYS] =
    g_param_spec_int ("ideal-interval-days", NULL, NULL, -1, 3650, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LATEST_INTERVAL_DAYS] =
    g_param_spec_int ("latest-interval-days", NULL, NULL, -1, 3650, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_CONTACT] =
    g_param_spec_int64 ("last-contact", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NEXT_CHECK_IN] =
    g_param_spec_int64 ("next-check-in", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_PHOTO] =
    g_param_spec_boolean ("has-photo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RapportCustomer::changed:
   *
   * Emitted once after the notifications of a change, however many
   * properties it notified.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rapport_customer_init (RapportCustomer *self)
{
  for (guint prop_id = PROP_NAME; prop_id <= PROP_PREFERRED_CHANNEL; prop_id++)
    *string_field (self, prop_id) = g_strdup ("");
  rapport_set_str (&self->status, status_words[0]);
  rapport_set_str (&self->satisfaction, satisfaction_words[0]);
  rapport_set_str (&self->reference_kind, reference_words[0]);
  rapport_set_str (&self->preferred_channel, channel_words[0]);
  self->min_gap_days = -1;
  self->ideal_interval_days = -1;
  self->latest_interval_days = -1;
}

RapportCustomer *
rapport_customer_new (void)
{
  return g_object_new (RAPPORT_TYPE_CUSTOMER, NULL);
}

#define CUSTOMER_COLUMNS \
  "c.name, c.company, c.email, c.phone, c.notes, c.tags, c.status, c.satisfaction," \
  " c.reference_kind, c.preferred_channel, coalesce (c.min_gap_days, -1)," \
  " coalesce (c.ideal_interval_days, -1), coalesce (c.latest_interval_days, -1)," \
  " (SELECT max (happened_at) FROM interaction i WHERE i.customer_id = c.id)," \
  " (SELECT coalesce (f.snoozed_until, f.due_at) || ' '" \
  "         || CASE WHEN f.snoozed_until IS NULL THEN coalesce (f.overdue_at, '') ELSE '' END" \
  "    FROM follow_up f WHERE f.customer_id = c.id AND f.state IN ('due', 'snoozed')" \
  "   ORDER BY coalesce (f.snoozed_until, f.due_at) LIMIT 1)," \
  " c.uid, EXISTS (SELECT 1 FROM customer_photo p WHERE p.customer_id = c.id)"

static gint64
column_time (sqlite3_stmt *stmt,
             int           column)
{
  gint64 t = 0;

  if (!rapport_time_parse_utc ((const char *) sqlite3_column_text (stmt, column), &t))
    return 0;
  return t;
}

static void
set_has_photo (RapportCustomer *self,
               gboolean         has_photo)
{
  if (self->has_photo == has_photo)
    return;
  self->has_photo = has_photo;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_PHOTO]);
}

static void
apply_row (RapportCustomer *self,
           sqlite3_stmt    *stmt)
{
  const char *next = (const char *) sqlite3_column_text (stmt, 14);
  gint64 next_check_in = 0;
  gint64 overdue_at = 0;

  g_object_freeze_notify (G_OBJECT (self));

  for (guint prop_id = PROP_NAME; prop_id <= PROP_PREFERRED_CHANNEL; prop_id++)
    set_string (self, prop_id, (const char *) sqlite3_column_text (stmt, prop_id - PROP_NAME));
  rapport_customer_set_min_gap_days (self, sqlite3_column_int (stmt, 10));
  rapport_customer_set_cadence (self, sqlite3_column_int (stmt, 11), sqlite3_column_int (stmt, 12));
  set_int64 (self, &self->last_contact, column_time (stmt, 13), PROP_LAST_CONTACT);
  rapport_set_str (&self->uid, (const char *) sqlite3_column_text (stmt, 15));

  /* "due overdue": both instants from one subquery. */
  if (next != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (next, " ", 2);

      rapport_time_parse_utc (parts[0], &next_check_in);
      if (parts[1] != NULL)
        rapport_time_parse_utc (parts[1], &overdue_at);
    }
  self->overdue_at = overdue_at;
  set_int64 (self, &self->next_check_in, next_check_in, PROP_NEXT_CHECK_IN);
  set_has_photo (self, sqlite3_column_int (stmt, 16) != 0);
  self->placeholder = FALSE;

  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * rapport_customer_reload:
 *
 * Reads the customer's row and derived fields again, notifying only the
 * properties that changed.
 */
gboolean
rapport_customer_reload (RapportCustomer  *self,
                         RapportStore     *store,
                         GError          **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_CUSTOMER (self), FALSE);
  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);

  stmt = rapport_store_prepare (store, "SELECT " CUSTOMER_COLUMNS " FROM customer c WHERE c.id = ?",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND,
                   _("This customer no longer exists"));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return rapport_store_set_error (store, rc, error, "load customer");

  apply_row (self, stmt);
  /* The values may have changed too: they are read again when asked for,
   * so a save never writes an older list over a newer one. */
  g_clear_pointer (&self->values, g_ptr_array_unref);
  return TRUE;
}

/**
 * rapport_customer_new_placeholder:
 * @id: a customer of the book
 *
 * A customer whose fields are not read yet, for a list row to show until
 * a worker has read them: rapport_customer_update_from() (or a reload)
 * fills it in place, and the row follows its notifications.  Its name is
 * empty, so it cannot be saved by mistake over the real one.
 */
RapportCustomer *
rapport_customer_new_placeholder (gint64 id)
{
  RapportCustomer *self = rapport_customer_new ();

  self->id = id;
  self->placeholder = TRUE;
  return self;
}

gboolean
rapport_customer_is_placeholder (RapportCustomer *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER (self), FALSE);

  return self->placeholder;
}

/**
 * rapport_customer_read_many:
 * @db: a connection of the calling thread (a worker's read-only one)
 * @ids: (array length=n_ids): the customers to read
 *
 * Reads customers on a connection other than the store's, so a worker
 * can read the rows a list shows while the main thread draws.  Customers
 * no longer in the book are left out.  An interrupted read
 * (sqlite3_interrupt()) fails with %G_IO_ERROR_CANCELLED.
 *
 * Returns: (transfer full) (element-type RapportCustomer): the customers
 *   read, in the order of @ids, or %NULL on failure
 */
GPtrArray *
rapport_customer_read_many (sqlite3       *db,
                            const gint64  *ids,
                            guint          n_ids,
                            GError       **error)
{
  g_autoptr(GPtrArray) customers = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  rc = sqlite3_prepare_v2 (db, "SELECT " CUSTOMER_COLUMNS " FROM customer c WHERE c.id = ?", -1,
                           &stmt, NULL);
  for (guint i = 0; rc == SQLITE_OK && i < n_ids; i++)
    {
      sqlite3_bind_int64 (stmt, 1, ids[i]);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          RapportCustomer *customer = rapport_customer_new ();

          customer->id = ids[i];
          apply_row (customer, stmt);
          g_ptr_array_add (customers, customer);
        }
      if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        rc = sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);

  if (rc == SQLITE_INTERRUPT)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "interrupted");
      return NULL;
    }
  if (rc != SQLITE_OK)
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_FAILED,
                   _("Cannot read the customers: %s"), sqlite3_errstr (rc));
      return NULL;
    }
  return g_steal_pointer (&customers);
}

/**
 * rapport_customer_update_from:
 * @read: the same customer, as read more recently
 *
 * Takes @read's fields, notifying only those that changed, so rows that
 * show @self redraw what changed and nothing else.
 */
void
rapport_customer_update_from (RapportCustomer *self,
                              RapportCustomer *read)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER (self));
  g_return_if_fail (RAPPORT_IS_CUSTOMER (read));
  g_return_if_fail (self->id == read->id);

  g_object_freeze_notify (G_OBJECT (self));
  for (guint prop_id = PROP_NAME; prop_id <= PROP_PREFERRED_CHANNEL; prop_id++)
    set_string (self, prop_id, *string_field (read, prop_id));
  rapport_customer_set_min_gap_days (self, read->min_gap_days);
  rapport_customer_set_cadence (self, read->ideal_interval_days, read->latest_interval_days);
  set_int64 (self, &self->last_contact, read->last_contact, PROP_LAST_CONTACT);
  rapport_set_str (&self->uid, read->uid);
  self->overdue_at = read->overdue_at;
  set_int64 (self, &self->next_check_in, read->next_check_in, PROP_NEXT_CHECK_IN);
  set_has_photo (self, read->has_photo);
  self->placeholder = FALSE;
  /* A list's read has no values: the ones loaded stay, since the detail
   * may be editing them (it checks them against the book itself). */
  if (read->values != NULL)
    {
      g_clear_pointer (&self->values, g_ptr_array_unref);
      self->values = g_ptr_array_ref (read->values);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

RapportCustomer *
rapport_customer_load (RapportStore  *store,
                       gint64         id,
                       GError       **error)
{
  g_autoptr(RapportCustomer) self = rapport_customer_new ();

  self->id = id;
  if (!rapport_customer_reload (self, store, error))
    return NULL;
  return g_steal_pointer (&self);
}

static gboolean
validate (RapportCustomer  *self,
          GError          **error)
{
  g_autofree char *name = g_strstrip (g_strdup (self->name));

  if (*name == '\0')
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                   _("A customer needs a name"));
      return FALSE;
    }

  if (!rapport_limit_check (RAPPORT_LIMIT_NAME, name, error) ||
      !rapport_limit_check (RAPPORT_LIMIT_COMPANY, self->company, error) ||
      !rapport_limit_check (RAPPORT_LIMIT_EMAIL, self->email, error) ||
      !rapport_limit_check (RAPPORT_LIMIT_PHONE, self->phone, error) ||
      !rapport_limit_check (RAPPORT_LIMIT_NOTES, self->notes, error) ||
      !rapport_limit_check_tags (RAPPORT_LIMIT_TAGS, self->tags, error))
    return FALSE;

  if (self->ideal_interval_days > 0 && self->latest_interval_days > 0 &&
      self->latest_interval_days < self->ideal_interval_days)
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                   _("A check-in cannot turn overdue (after %d days) before it is due (after %d days)"),
                   self->latest_interval_days, self->ideal_interval_days);
      return FALSE;
    }

  return rapport_customer_validate_enum ("status", self->status, error) &&
         rapport_customer_validate_enum ("satisfaction", self->satisfaction, error) &&
         rapport_customer_validate_enum ("reference_kind", self->reference_kind, error) &&
         rapport_customer_validate_enum ("preferred_channel", self->preferred_channel, error);
}

static gboolean
satisfaction_changed (RapportCustomer  *self,
                      RapportStore     *store,
                      gboolean         *changed,
                      GError          **error)
{
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (store,
                                                       "SELECT satisfaction FROM customer WHERE id = ?",
                                                       error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->id);
  *changed = sqlite3_step (stmt) != SQLITE_ROW ||
             g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), self->satisfaction) != 0;
  return TRUE;
}

/* Below @smallest means "not set": NULL in the book. */
static void
bind_optional_days (sqlite3_stmt *stmt,
                    int           column,
                    int           days,
                    int           smallest)
{
  if (days >= smallest)
    sqlite3_bind_int (stmt, column, days);
  else
    sqlite3_bind_null (stmt, column);
}

static void
bind_fields (RapportCustomer *self,
             sqlite3_stmt    *stmt)
{
  g_autofree char *tags = rapport_normalize_tags (self->tags);
  g_autofree char *name = g_strstrip (g_strdup (self->name));

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, self->company, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, self->email, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, self->phone, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, self->notes, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, tags, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, self->status, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, self->satisfaction, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, self->reference_kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, self->preferred_channel, -1, SQLITE_TRANSIENT);
  bind_optional_days (stmt, 11, self->min_gap_days, 0);
  bind_optional_days (stmt, 15, self->ideal_interval_days, 1);
  bind_optional_days (stmt, 16, self->latest_interval_days, 1);
}

/* The email and phone fields name the preferred values: an edit of the
 * field edits that value, or makes another one of the list preferred. */
static void
reconcile_preferred (GPtrArray        *values,
                     RapportValueKind  kind,
                     const char       *field)
{
  RapportContactValue *preferred = NULL;
  RapportContactValue *same = NULL;

  for (guint i = 0; i < values->len; i++)
    {
      RapportContactValue *v = g_ptr_array_index (values, i);

      if (v->kind != kind)
        continue;
      if (preferred == NULL || (v->pref > 0 && (preferred->pref == 0 || v->pref < preferred->pref)))
        preferred = v;
      if (same == NULL && g_ascii_strcasecmp (v->value, field) == 0)
        same = v;
    }

  if (preferred != NULL && g_str_equal (preferred->value, field))
    return;
  if (*field == '\0')
    g_ptr_array_remove (values, preferred);
  else if (same != NULL)
    {
      for (guint i = 0; i < values->len; i++)
        {
          RapportContactValue *v = g_ptr_array_index (values, i);

          if (v->kind == kind && v != same && v->pref == 1)
            v->pref = 0;
        }
      same->pref = 1;
      if (preferred != NULL && preferred->pref == 0 && preferred != same)
        {
          guint index;

          /* Without PREF the first one is preferred: move @same first
           * (stolen, not removed, which would free it). */
          if (g_ptr_array_find (values, same, &index))
            g_ptr_array_insert (values, 0, g_ptr_array_steal_index (values, index));
        }
    }
  else if (preferred != NULL)
    rapport_set_str (&preferred->value, field);
  else
    g_ptr_array_insert (values, 0, rapport_contact_value_new (kind, field, "", 0));
}

static gboolean
save_values (RapportCustomer  *self,
             RapportStore     *store,
             GError          **error)
{
  g_autoptr(GPtrArray) values = NULL;

  if (self->values != NULL)
    values = g_ptr_array_ref (self->values);
  else if ((values = rapport_customer_card_read_values (store, self->id, error)) == NULL)
    return FALSE;

  reconcile_preferred (values, RAPPORT_VALUE_EMAIL, g_strstrip (self->email));
  reconcile_preferred (values, RAPPORT_VALUE_PHONE, g_strstrip (self->phone));
  return rapport_customer_card_write_values (store, self->id, values, error);
}

/**
 * rapport_customer_save:
 *
 * Inserts the customer (giving it an id) or updates its row, in one
 * transaction.  Recording a new satisfaction also records when.
 */
gboolean
rapport_customer_save (RapportCustomer  *self,
                       RapportStore     *store,
                       GError          **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *now = rapport_time_format_utc (rapport_time_now ());
  gboolean satisfaction_new = TRUE;

  g_return_val_if_fail (RAPPORT_IS_CUSTOMER (self), FALSE);
  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);

  if (!validate (self, error) || !rapport_store_begin (store, error))
    return FALSE;

  if (self->id == 0)
    stmt = rapport_store_prepare (store,
                                  "INSERT INTO customer (name, company, email, phone, notes, tags,"
                                  "  status, satisfaction, reference_kind, preferred_channel,"
                                  "  min_gap_days, ideal_interval_days, latest_interval_days,"
                                  "  satisfaction_recorded_at, created_at, updated_at, uid)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?15, ?16,"
                                  "  CASE WHEN ?8 = 'unknown' THEN NULL ELSE ?12 END, ?12, ?12, ?17)",
                                  error);
  else if (satisfaction_changed (self, store, &satisfaction_new, error))
    stmt = rapport_store_prepare (store,
                                  "UPDATE customer SET name = ?1, company = ?2, email = ?3,"
                                  "  phone = ?4, notes = ?5, tags = ?6, status = ?7,"
                                  "  satisfaction = ?8, reference_kind = ?9,"
                                  "  preferred_channel = ?10, min_gap_days = ?11,"
                                  "  ideal_interval_days = ?15, latest_interval_days = ?16,"
                                  "  satisfaction_recorded_at = CASE WHEN ?13"
                                  "    THEN ?12 ELSE satisfaction_recorded_at END,"
                                  "  updated_at = ?12"
                                  " WHERE id = ?14",
                                  error);

  if (stmt == NULL)
    goto failed;

  bind_fields (self, stmt);
  sqlite3_bind_text (stmt, 12, now, -1, SQLITE_TRANSIENT);
  if (self->id != 0)
    {
      sqlite3_bind_int (stmt, 13, satisfaction_new);
      sqlite3_bind_int64 (stmt, 14, self->id);
    }
  else
    {
      if (self->uid == NULL)
        self->uid = rapport_uid_new ();
      sqlite3_bind_text (stmt, 17, self->uid, -1, SQLITE_TRANSIENT);
    }

  if (!rapport_store_step_done (store, stmt, error))
    goto failed;

  if (self->id == 0)
    {
      self->id = sqlite3_last_insert_rowid (rapport_store_get_db (store));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
    }

  g_clear_pointer (&stmt, rapport_stmt_release);
  if (!save_values (self, store, error) || !rapport_store_commit (store, error))
    goto failed;
  return TRUE;

failed:
  rapport_store_rollback (store);
  return FALSE;
}

gboolean
rapport_customer_delete (RapportStore  *store,
                         gint64         id,
                         GError       **error)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);

  /* Sales, contacts, follow-ups, referrals and testimonials go with the
   * customer (ON DELETE CASCADE). */
  return rapport_store_write_id (store, "DELETE FROM customer WHERE id = ?", id, error);
}

const char *
rapport_customer_get_uid (RapportCustomer *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER (self), NULL);

  return self->uid;
}

/**
 * rapport_customer_get_values:
 *
 * Returns: (transfer none) (nullable): every email, phone, address and URL
 *   (#RapportContactValue), or %NULL until loaded or set
 */
GPtrArray *
rapport_customer_get_values (RapportCustomer *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER (self), NULL);

  return self->values;
}

/* Takes a copy of @values; the email and phone become their preferred ones. */
void
rapport_customer_set_values (RapportCustomer *self,
                             GPtrArray       *values)
{
  g_autoptr(RapportContact) shape = rapport_contact_new ();

  g_return_if_fail (RAPPORT_IS_CUSTOMER (self));

  g_clear_pointer (&self->values, g_ptr_array_unref);
  self->values = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_contact_value_free);
  for (guint i = 0; i < values->len; i++)
    g_ptr_array_add (self->values, rapport_contact_value_copy (g_ptr_array_index (values, i)));

  for (guint i = 0; i < self->values->len; i++)
    g_ptr_array_add (shape->values, rapport_contact_value_copy (g_ptr_array_index (self->values, i)));
  rapport_contact_finish (shape);
  set_string (self, PROP_EMAIL, shape->email);
  set_string (self, PROP_PHONE, shape->phone);
}

gboolean
rapport_customer_load_values (RapportCustomer  *self,
                              RapportStore     *store,
                              GError          **error)
{
  g_autoptr(GPtrArray) values = NULL;

  g_return_val_if_fail (RAPPORT_IS_CUSTOMER (self), FALSE);

  values = rapport_customer_card_read_values (store, self->id, error);
  if (values == NULL)
    return FALSE;
  g_clear_pointer (&self->values, g_ptr_array_unref);
  self->values = g_steal_pointer (&values);
  return TRUE;
}

gint64
rapport_customer_count (RapportStore  *store,
                        GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), -1);

  stmt = rapport_store_prepare (store, "SELECT count(*) FROM customer", error);
  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      rapport_store_set_error (store, rc, error, "count customers");
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

#define STRING_ACCESSORS(field, PROP)                                   \
  const char *                                                          \
  rapport_customer_get_##field (RapportCustomer *self)                  \
  {                                                                     \
    g_return_val_if_fail (RAPPORT_IS_CUSTOMER (self), NULL);            \
    return self->field;                                                 \
  }                                                                     \
  void                                                                  \
  rapport_customer_set_##field (RapportCustomer *self,                  \
                                const char      *value)                 \
  {                                                                     \
    g_return_if_fail (RAPPORT_IS_CUSTOMER (self));                      \
    set_string (self, PROP, value);                                     \
  }

STRING_ACCESSORS (name, PROP_NAME)
STRING_ACCESSORS (company, PROP_COMPANY)
STRING_ACCESSORS (email, PROP_EMAIL)
STRING_ACCESSORS (phone, PROP_PHONE)
STRING_ACCESSORS (notes, PROP_NOTES)
STRING_ACCESSORS (tags, PROP_TAGS)
STRING_ACCESSORS (status, PROP_STATUS)
STRING_ACCESSORS (satisfaction, PROP_SATISFACTION)
STRING_ACCESSORS (reference_kind, PROP_REFERENCE_KIND)
STRING_ACCESSORS (preferred_channel, PROP_PREFERRED_CHANNEL)

/* Whether the book holds a photo of the customer (as last read). */
gboolean
rapport_customer_get_has_photo (RapportCustomer *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER (self), FALSE);

  return self->has_photo;
}

gint64
rapport_customer_get_id (RapportCustomer *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER (self), 0);

  return self->id;
}

int
rapport_customer_get_min_gap_days (RapportCustomer *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER (self), -1);

  return self->min_gap_days;
}

void
rapport_customer_set_min_gap_days (RapportCustomer *self,
                                   int              days)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER (self));

  days = CLAMP (days, -1, 365);
  if (self->min_gap_days == days)
    return;
  self->min_gap_days = days;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIN_GAP_DAYS]);
}

gint64
rapport_customer_get_last_contact (RapportCustomer *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER (self), 0);

  return self->last_contact;
}

gint64
rapport_customer_get_next_check_in (RapportCustomer *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER (self), 0);

  return self->next_check_in;
}

gint64
rapport_customer_get_overdue_at (RapportCustomer *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER (self), 0);

  return self->overdue_at;
}

RapportUrgency
rapport_customer_get_urgency (RapportCustomer *self,
                              gint64           now,
                              int              due_soon_days)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER (self), RAPPORT_URGENCY_NONE);

  return rapport_urgency_compute (self->next_check_in, self->overdue_at, now, due_soon_days);
}

int
rapport_customer_get_ideal_interval_days (RapportCustomer *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER (self), -1);

  return self->ideal_interval_days;
}

int
rapport_customer_get_latest_interval_days (RapportCustomer *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER (self), -1);

  return self->latest_interval_days;
}

/**
 * rapport_customer_set_cadence:
 * @ideal_days: keep in touch after this many days without contact, or -1
 * @latest_days: the check-in turns overdue after this many days, or -1
 *
 * The customer's own cadence; -1 leaves it to their tags or the preferences.
 */
void
rapport_customer_set_cadence (RapportCustomer *self,
                              int              ideal_days,
                              int              latest_days)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER (self));

  ideal_days = ideal_days < 1 ? -1 : MIN (ideal_days, 3650);
  latest_days = latest_days < 1 ? -1 : MIN (latest_days, 3650);

  g_object_freeze_notify (G_OBJECT (self));
  if (self->ideal_interval_days != ideal_days)
    {
      self->ideal_interval_days = ideal_days;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IDEAL_INTERVAL_DAYS]);
    }
  if (self->latest_interval_days != latest_days)
    {
      self->latest_interval_days = latest_days;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LATEST_INTERVAL_DAYS]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}
