/* rapport-sync-card.c: a customer as one vCard 4.0 of a CardDAV address book
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The card goes through the core's own vCard reader and writer, so a card
 * synced keeps exactly what an imported or exported one keeps: every
 * value with its TYPE, PREF, group and parameters, and every property
 * Rapport does not understand, verbatim.  Rapport's fields that have no
 * vCard property travel as X-RAPPORT-* lines, which other clients keep as
 * they keep any extension; a card without them (made on a phone) is a
 * customer with the book's defaults.
 */

#define G_LOG_DOMAIN "rapport-sync-card"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "rapport-customer.h"
#include "rapport-customer-card.h"
#include "rapport-limits.h"
#include "rapport-time.h"
#include "rapport-vcard.h"
#include "rapport-vcard-private.h"
#include "rapport-sync-card.h"

#define MIN_GAP_MAX 365
#define INTERVAL_MAX 3650

const char * const rapport_sync_card_fields[] = {
  "name", "structured-name", "kind", "company", "title", "role", "birthday", "anniversary",
  "notes", "status", "satisfaction", "reference", "channel", "min-gap", "ideal-interval",
  "latest-interval", "photo", NULL
};

RapportSyncCard *
rapport_sync_card_new (void)
{
  RapportSyncCard *card = g_new0 (RapportSyncCard, 1);

  card->contact = rapport_contact_new ();
  g_free (card->contact->status);
  card->contact->status = g_strdup ("customer");
  g_free (card->contact->satisfaction);
  card->contact->satisfaction = g_strdup ("unknown");
  card->reference_kind = g_strdup ("none");
  card->preferred_channel = g_strdup ("any");
  card->min_gap_days = -1;
  card->ideal_interval_days = -1;
  card->latest_interval_days = -1;
  return card;
}

RapportSyncCard *
rapport_sync_card_copy (const RapportSyncCard *card)
{
  RapportSyncCard *copy;

  g_return_val_if_fail (card != NULL, NULL);

  copy = g_new0 (RapportSyncCard, 1);
  copy->contact = rapport_contact_copy (card->contact);
  copy->reference_kind = g_strdup (card->reference_kind);
  copy->preferred_channel = g_strdup (card->preferred_channel);
  copy->min_gap_days = card->min_gap_days;
  copy->ideal_interval_days = card->ideal_interval_days;
  copy->latest_interval_days = card->latest_interval_days;
  return copy;
}

void
rapport_sync_card_free (RapportSyncCard *card)
{
  if (card == NULL)
    return;
  g_clear_pointer (&card->contact, rapport_contact_free);
  g_free (card->reference_kind);
  g_free (card->preferred_channel);
  g_free (card);
}

/* ---- Fields by name ---------------------------------------------------- */

static char **
text_field (RapportSyncCard *card,
            const char      *field)
{
  RapportContact *c = card->contact;

  if (g_str_equal (field, "name"))            return &c->name;
  if (g_str_equal (field, "structured-name")) return &c->structured_name;
  if (g_str_equal (field, "company"))         return &c->company;
  if (g_str_equal (field, "title"))           return &c->title;
  if (g_str_equal (field, "role"))            return &c->role;
  if (g_str_equal (field, "birthday"))        return &c->birthday;
  if (g_str_equal (field, "anniversary"))     return &c->anniversary;
  if (g_str_equal (field, "notes"))           return &c->notes;
  if (g_str_equal (field, "status"))          return &c->status;
  if (g_str_equal (field, "satisfaction"))    return &c->satisfaction;
  if (g_str_equal (field, "reference"))       return &card->reference_kind;
  if (g_str_equal (field, "channel"))         return &card->preferred_channel;
  return NULL;
}

static int *
int_field (RapportSyncCard *card,
           const char      *field,
           int             *min,
           int             *max)
{
  *max = INTERVAL_MAX;
  *min = 1;
  if (g_str_equal (field, "ideal-interval"))
    return &card->ideal_interval_days;
  if (g_str_equal (field, "latest-interval"))
    return &card->latest_interval_days;
  *min = 0;
  *max = MIN_GAP_MAX;
  if (g_str_equal (field, "min-gap"))
    return &card->min_gap_days;
  return NULL;
}

/* The book's column checked by rapport_customer_validate_enum (), if any. */
static const char *
enum_column (const char *field)
{
  if (g_str_equal (field, "status") || g_str_equal (field, "satisfaction"))
    return field;
  if (g_str_equal (field, "reference"))
    return "reference_kind";
  if (g_str_equal (field, "channel"))
    return "preferred_channel";
  return NULL;
}

/**
 * rapport_sync_card_get_field:
 * @field: one of rapport_sync_card_fields
 *
 * Returns: (transfer full): the field as text: "" when empty or unset, a
 *   number of days, "org" or "individual" for the kind, the photo as a
 *   data: URI.
 */
char *
rapport_sync_card_get_field (const RapportSyncCard *card,
                             const char            *field)
{
  RapportSyncCard *self = (RapportSyncCard *) card;
  char **text;
  int *number;
  int min, max;

  g_return_val_if_fail (card != NULL, NULL);
  g_return_val_if_fail (field != NULL, NULL);

  if ((text = text_field (self, field)) != NULL)
    return g_strdup (*text != NULL ? *text : "");
  if ((number = int_field (self, field, &min, &max)) != NULL)
    return *number >= 0 ? g_strdup_printf ("%d", *number) : g_strdup ("");
  if (g_str_equal (field, "kind"))
    return g_strdup (card->contact->is_org ? "org" : "individual");
  if (g_str_equal (field, "photo"))
    {
      g_autofree char *base64 = NULL;
      gsize size;
      gconstpointer data;

      if (card->contact->photo == NULL)
        return g_strdup ("");
      data = g_bytes_get_data (card->contact->photo, &size);
      base64 = g_base64_encode (data, size);
      return g_strdup_printf ("data:%s;base64,%s",
                              card->contact->photo_type != NULL ? card->contact->photo_type : "image/jpeg",
                              base64);
    }
  g_return_val_if_reached (NULL);
}

static gboolean
set_photo (RapportSyncCard  *card,
           const char       *value,
           GError          **error)
{
  const char *marker;
  g_autofree guchar *data = NULL;
  gsize size;

  g_clear_pointer (&card->contact->photo, g_bytes_unref);
  g_clear_pointer (&card->contact->photo_type, g_free);
  if (*value == '\0')
    return TRUE;
  if (!g_str_has_prefix (value, "data:") || (marker = strstr (value, ";base64,")) == NULL)
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                   _("A photo must be given as a data: URI in base64"));
      return FALSE;
    }
  data = g_base64_decode (marker + strlen (";base64,"), &size);
  card->contact->photo = g_bytes_new_take (g_steal_pointer (&data), size);
  card->contact->photo_type = g_strndup (value + 5, marker - (value + 5));
  return TRUE;
}

/* Parses a number of days between @min and @max; "" is unset. */
static gboolean
parse_days (const char  *field,
            const char  *value,
            int          min,
            int          max,
            int         *days,
            GError     **error)
{
  guint64 number;

  if (*value == '\0')
    {
      *days = -1;
      return TRUE;
    }
  if (!g_ascii_string_to_unsigned (value, 10, min, max, &number, NULL))
    {
      g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_INVALID_VALUE,
                   _("%s “%s” is not a number of days from %d to %d"), field, value, min, max);
      return FALSE;
    }
  *days = (int) number;
  return TRUE;
}

/**
 * rapport_sync_card_set_field:
 * @field: one of rapport_sync_card_fields
 * @value: as rapport_sync_card_get_field () gives it
 *
 * Sets one field, as when the user chooses one side of a conflict.
 */
gboolean
rapport_sync_card_set_field (RapportSyncCard  *card,
                             const char       *field,
                             const char       *value,
                             GError          **error)
{
  const char *column;
  char **text;
  int *number;
  int min, max;

  g_return_val_if_fail (card != NULL, FALSE);
  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if ((column = enum_column (field)) != NULL &&
      !rapport_customer_validate_enum (column, value, error))
    return FALSE;
  if ((text = text_field (card, field)) != NULL)
    {
      g_free (*text);
      /* An empty N is no N: the writer guesses one from the name. */
      *text = (*value == '\0' && g_str_equal (field, "structured-name")) ? NULL : g_strdup (value);
      return TRUE;
    }
  if ((number = int_field (card, field, &min, &max)) != NULL)
    return parse_days (field, value, min, max, number, error);
  if (g_str_equal (field, "kind"))
    {
      card->contact->is_org = g_str_equal (value, "org");
      return TRUE;
    }
  if (g_str_equal (field, "photo"))
    return set_photo (card, value, error);

  g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
               _("“%s” is not a field of a customer’s card"), field);
  return FALSE;
}

/* ---- vCard text -------------------------------------------------------- */

static gboolean validate (const RapportSyncCard  *card,
                          GError                **error);

static void
add_line (GPtrArray  *lines,
          const char *name,
          const char *value)
{
  GString *line = g_string_new (name);

  g_string_append_c (line, ':');
  rapport_vcard_append_escaped (line, value);
  g_ptr_array_add (lines, g_string_free (line, FALSE));
}

static void
add_days (GPtrArray  *lines,
          const char *name,
          int         days)
{
  if (days >= 0)
    g_ptr_array_add (lines, g_strdup_printf ("%s:%d", name, days));
}

/* CATEGORIES carry the tags for every client; X-RAPPORT-TAGS keeps them
 * through clients that drop CATEGORIES (Apple's keep groups apart). */
static void
add_tags (GPtrArray *lines,
          GStrv      tags)
{
  GString *line;

  if (tags == NULL || tags[0] == NULL)
    return;
  line = g_string_new ("X-RAPPORT-TAGS:");
  for (guint i = 0; tags[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (line, ',');
      rapport_vcard_append_escaped (line, tags[i]);
    }
  g_ptr_array_add (lines, g_string_free (line, FALSE));
}

/**
 * rapport_sync_card_to_vcard:
 *
 * Returns: (transfer full): the card as vCard 4.0 text (CRLF, folded), the
 *   same text for the same card every time.
 */
char *
rapport_sync_card_to_vcard (const RapportSyncCard *card)
{
  g_autoptr(RapportContact) contact = NULL;
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  GPtrArray *extra;

  g_return_val_if_fail (card != NULL, NULL);

  contact = rapport_contact_copy (card->contact);
  /* The next check-in is a VTODO of its own. */
  g_clear_pointer (&contact->next_check_in, g_free);

  /* Rapport's lines go first, then the properties kept from other clients,
   * as the writer writes extra lines verbatim. */
  extra = g_ptr_array_new_with_free_func (g_free);
  add_line (extra, "X-RAPPORT-REFERENCE", card->reference_kind);
  add_line (extra, "X-RAPPORT-CHANNEL", card->preferred_channel);
  add_days (extra, "X-RAPPORT-MIN-GAP", card->min_gap_days);
  add_days (extra, "X-RAPPORT-IDEAL-INTERVAL", card->ideal_interval_days);
  add_days (extra, "X-RAPPORT-LATEST-INTERVAL", card->latest_interval_days);
  add_tags (extra, contact->tags);
  for (guint i = 0; i < contact->extra->len; i++)
    g_ptr_array_add (extra, g_strdup (g_ptr_array_index (contact->extra, i)));
  g_ptr_array_unref (contact->extra);
  contact->extra = extra;

  g_ptr_array_add (one, contact);
  return rapport_vcard_write (one);
}

/* Splits "[group.]NAME[;params]:value" into its upper-case name, without
 * the group, and its value; a ':' inside a quoted parameter is no end. */
static gboolean
split_line (const char  *line,
            char       **name,
            const char **value)
{
  const char *start = line;
  const char *p;
  gboolean quoted = FALSE;

  for (p = line; g_ascii_isalnum (*p) || *p == '-'; p++)
    ;
  if (*p == '.')
    start = p + 1;
  for (p = start; g_ascii_isalnum (*p) || *p == '-'; p++)
    ;
  if (p == start)
    return FALSE;
  *name = g_ascii_strup (start, p - start);
  for (; *p != '\0'; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (*p == ':' && !quoted)
        {
          *value = p + 1;
          return TRUE;
        }
    }
  g_clear_pointer (name, g_free);
  return FALSE;
}

static char *
single_text (const char *value)
{
  g_auto(GStrv) parts = rapport_vcard_split_text (value, '\0');

  return g_strstrip (g_strdup (parts[0] != NULL ? parts[0] : ""));
}

/* Tags as the book keeps them: trimmed, lower case, each once. */
static GStrv
normalise_tags (GStrv tags)
{
  g_autofree char *joined = g_strjoinv (";", tags);
  g_autofree char *normal = rapport_normalize_tags (joined);

  return *normal != '\0' ? g_strsplit (normal, ";", -1) : g_new0 (char *, 1);
}

static gboolean
read_own_line (RapportSyncCard  *card,
               const char       *display_name,
               const char       *name,
               const char       *value,
               GStrv            *tags,
               GError          **error)
{
  g_autofree char *text = single_text (value);
  g_autoptr(GError) local = NULL;
  gboolean ok;

  if (g_str_equal (name, "X-RAPPORT-TAGS"))
    {
      g_strfreev (*tags);
      *tags = rapport_vcard_split_text (value, ',');
      return TRUE;
    }
  if (g_str_equal (name, "X-RAPPORT-MIN-GAP"))
    ok = parse_days (name, text, 0, MIN_GAP_MAX, &card->min_gap_days, &local);
  else if (g_str_equal (name, "X-RAPPORT-IDEAL-INTERVAL"))
    ok = parse_days (name, text, 1, INTERVAL_MAX, &card->ideal_interval_days, &local);
  else if (g_str_equal (name, "X-RAPPORT-LATEST-INTERVAL"))
    ok = parse_days (name, text, 1, INTERVAL_MAX, &card->latest_interval_days, &local);
  else
    {
      gboolean reference = g_str_equal (name, "X-RAPPORT-REFERENCE");
      char **field = reference ? &card->reference_kind : &card->preferred_channel;

      ok = *text == '\0' ||
           rapport_customer_validate_enum (reference ? "reference_kind" : "preferred_channel",
                                           text, &local);
      if (ok && *text != '\0')
        {
          g_free (*field);
          *field = g_steal_pointer (&text);
        }
    }
  if (!ok && local->domain == RAPPORT_IMPORT_ERROR)
    g_propagate_prefixed_error (error, g_steal_pointer (&local), "%s: ", display_name);
  else if (!ok)
    g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_INVALID_VALUE,
                 "%s: %s: %s", display_name, name, local->message);
  return ok;
}

static const char * const own_properties[] = {
  "X-RAPPORT-REFERENCE", "X-RAPPORT-CHANNEL", "X-RAPPORT-MIN-GAP", "X-RAPPORT-IDEAL-INTERVAL",
  "X-RAPPORT-LATEST-INTERVAL", "X-RAPPORT-TAGS", NULL
};

/* Takes Rapport's own lines out of the unknown properties into their
 * fields.  X-RAPPORT-* lines of a later Rapport stay, like any unknown
 * property, so they survive this one. */
static gboolean
read_own_lines (RapportSyncCard  *card,
                const char       *display_name,
                GError          **error)
{
  GPtrArray *extra = card->contact->extra;
  g_auto(GStrv) tags = NULL;
  GStrv normal;

  for (guint i = 0; i < extra->len; )
    {
      g_autofree char *name = NULL;
      const char *value;

      if (split_line (g_ptr_array_index (extra, i), &name, &value) &&
          g_strv_contains (own_properties, name))
        {
          if (!read_own_line (card, display_name, name, value, &tags, error))
            return FALSE;
          g_ptr_array_remove_index (extra, i);
        }
      else
        i++;
    }

  /* CATEGORIES are what other clients edit: they win when there are any. */
  if (tags != NULL && (card->contact->tags == NULL || card->contact->tags[0] == NULL))
    {
      g_strfreev (card->contact->tags);
      card->contact->tags = g_steal_pointer (&tags);
    }
  normal = normalise_tags (card->contact->tags);
  g_strfreev (card->contact->tags);
  card->contact->tags = normal;
  return TRUE;
}

/**
 * rapport_sync_card_from_vcard:
 * @display_name: where the card came from, for messages (its href)
 * @notes: (nullable): where what was not kept is counted (a photo over
 *   1 MB, an unknown property over 64 KiB)
 *
 * Reads the one vCard of a CardDAV resource, of any version the core's
 * reader reads.  Rapport's own fields take their defaults when the card
 * has no X-RAPPORT-* lines: a customer, satisfaction unknown.  A card the
 * book would refuse (nothing to name the customer by, notes over the
 * limit …) is an error here, so rapport_sync_card_write () of it succeeds.
 *
 * Returns: (transfer full): the card, or %NULL with @error set
 *   (RAPPORT_IMPORT_ERROR, the message naming @display_name and the line)
 */
RapportSyncCard *
rapport_sync_card_from_vcard (const char          *display_name,
                              const char          *data,
                              gsize                length,
                              RapportImportNotes  *notes,
                              GError             **error)
{
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(RapportSyncCard) card = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  contacts = rapport_vcard_read (display_name, data, length, notes, error);
  if (contacts == NULL)
    return NULL;
  if (contacts->len != 1)
    {
      g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_SYNTAX,
                   _("%s holds %u cards where an address book entry holds one"),
                   display_name, contacts->len);
      return NULL;
    }

  card = rapport_sync_card_new ();
  rapport_contact_free (card->contact);
  card->contact = g_ptr_array_steal_index (contacts, 0);
  g_clear_pointer (&card->contact->next_check_in, g_free);
  if (*card->contact->status == '\0')
    rapport_sync_card_set_field (card, "status", "customer", NULL);
  if (*card->contact->satisfaction == '\0')
    rapport_sync_card_set_field (card, "satisfaction", "unknown", NULL);
  if (!read_own_lines (card, display_name, error))
    return NULL;

  /* A phone's contact may have nothing but a number: it names them. */
  if (*g_strstrip (card->contact->name) == '\0' && *card->contact->phone != '\0')
    {
      g_free (card->contact->name);
      card->contact->name = g_strdup (card->contact->phone);
    }
  /* What the book would refuse is said now, as a card that cannot be read
   * (naming the resource), not later as a write that fails. */
  if (!validate (card, &local))
    {
      g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_INVALID_VALUE,
                   "%s: %s", display_name, local->message);
      return NULL;
    }
  return g_steal_pointer (&card);
}

/**
 * rapport_sync_card_equal:
 *
 * Whether the two cards say the same, field by field and value by value,
 * in order.
 */
gboolean
rapport_sync_card_equal (const RapportSyncCard *a,
                         const RapportSyncCard *b)
{
  g_autofree char *text_a = NULL;
  g_autofree char *text_b = NULL;

  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  /* The writer is deterministic and writes every field. */
  text_a = rapport_sync_card_to_vcard (a);
  text_b = rapport_sync_card_to_vcard (b);
  return g_str_equal (text_a, text_b) && g_strcmp0 (a->contact->uid, b->contact->uid) == 0;
}

/* ---- The book ---------------------------------------------------------- */

/**
 * rapport_sync_card_read:
 *
 * Returns: (transfer full): the customer's card, or %NULL with @error set
 *   (RAPPORT_STORE_ERROR_NOT_FOUND when there is no such customer)
 */
RapportSyncCard *
rapport_sync_card_read (RapportStore  *store,
                        gint64         customer_id,
                        GError       **error)
{
  g_autoptr(RapportSyncCard) card = rapport_sync_card_new ();
  g_autoptr(RapportStmt) stmt = NULL;
  RapportContact *contact;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);

  contact = rapport_customer_card_read (store, customer_id, error);
  if (contact == NULL)
    return NULL;
  rapport_contact_free (card->contact);
  card->contact = contact;
  g_clear_pointer (&contact->next_check_in, g_free);

  stmt = rapport_store_prepare (store,
                                "SELECT reference_kind, preferred_channel, coalesce (min_gap_days, -1),"
                                "  coalesce (ideal_interval_days, -1), coalesce (latest_interval_days, -1)"
                                " FROM customer WHERE id = ?1",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND,
                     _("This customer no longer exists"));
      else
        rapport_store_set_error (store, rc, error, "read a customer's card");
      return NULL;
    }
  g_free (card->reference_kind);
  card->reference_kind = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  g_free (card->preferred_channel);
  card->preferred_channel = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  card->min_gap_days = sqlite3_column_int (stmt, 2);
  card->ideal_interval_days = sqlite3_column_int (stmt, 3);
  card->latest_interval_days = sqlite3_column_int (stmt, 4);
  return g_steal_pointer (&card);
}

static gboolean
check_count (GPtrArray   *values,
             const char  *uid,
             GError     **error)
{
  guint counts[RAPPORT_N_VALUE_KINDS] = { 0 };

  for (guint i = 0; i < values->len; i++)
    {
      const RapportContactValue *v = g_ptr_array_index (values, i);

      if (++counts[v->kind] > RAPPORT_CARD_MAX_VALUES)
        {
          g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                       _("The card %s has more than %d values of one kind (%s)"),
                       uid, RAPPORT_CARD_MAX_VALUES, rapport_value_kind_to_string (v->kind));
          return FALSE;
        }
    }
  return TRUE;
}

/* What the book would refuse, said before anything is written. */
static gboolean
validate (const RapportSyncCard  *card,
          GError                **error)
{
  RapportContact *c = card->contact;
  const char *uid = c->uid != NULL ? c->uid : "";
  g_autofree char *name = g_strstrip (g_strdup (c->name));
  int ideal = card->ideal_interval_days, latest = card->latest_interval_days;

  if (*name == '\0')
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                   _("The card %s has no name, company or email to call the customer by"), uid);
      return FALSE;
    }
  if (!rapport_limits_check_contact (c, error) ||
      !rapport_customer_validate_enum ("status", c->status, error) ||
      !rapport_customer_validate_enum ("satisfaction", c->satisfaction, error) ||
      !rapport_customer_validate_enum ("reference_kind", card->reference_kind, error) ||
      !rapport_customer_validate_enum ("preferred_channel", card->preferred_channel, error) ||
      !check_count (c->values, uid, error))
    return FALSE;
  if (card->min_gap_days > MIN_GAP_MAX || card->min_gap_days < -1 ||
      ideal == 0 || ideal > INTERVAL_MAX || ideal < -1 ||
      latest == 0 || latest > INTERVAL_MAX || latest < -1)
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                   _("The card %s has a minimum gap or an interval out of range"), uid);
      return FALSE;
    }
  if (c->extra->len > RAPPORT_CARD_MAX_EXTRA)
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                   _("The card %s has more than %d properties Rapport does not know"),
                   uid, RAPPORT_CARD_MAX_EXTRA);
      return FALSE;
    }
  if (c->photo != NULL && g_bytes_get_size (c->photo) > RAPPORT_CARD_MAX_PHOTO)
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                   _("The photo of the card %s is larger than 1 MB"), uid);
      return FALSE;
    }
  return TRUE;
}

static void
bind_days (RapportStmt *stmt,
           int          column,
           int          days)
{
  if (days >= 0)
    sqlite3_bind_int (stmt, column, days);
  else
    sqlite3_bind_null (stmt, column);
}

/* The row's fields, as ?2 … ?18, ?19 being now. */
static void
bind_row (RapportStmt           *stmt,
          const RapportSyncCard *card,
          const char            *name,
          const char            *tags,
          const char            *now)
{
  RapportContact *c = card->contact;

  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, c->company, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, c->notes, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, tags, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, c->status, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, c->satisfaction, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, card->reference_kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, card->preferred_channel, -1, SQLITE_TRANSIENT);
  bind_days (stmt, 10, card->min_gap_days);
  bind_days (stmt, 11, card->ideal_interval_days);
  bind_days (stmt, 12, card->latest_interval_days);
  sqlite3_bind_text (stmt, 13, c->is_org ? "org" : "individual", -1, SQLITE_STATIC);
  if (c->structured_name != NULL)
    sqlite3_bind_text (stmt, 14, c->structured_name, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 14);
  sqlite3_bind_text (stmt, 15, c->title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 16, c->role, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 17, c->birthday, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 18, c->anniversary, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 19, now, -1, SQLITE_TRANSIENT);
}

static const char insert_sql[] =
  "INSERT INTO customer (uid, name, company, notes, tags, status, satisfaction,"
  "  reference_kind, preferred_channel, min_gap_days, ideal_interval_days,"
  "  latest_interval_days, kind, structured_name, title, role, birthday, anniversary,"
  "  satisfaction_recorded_at, created_at, updated_at)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
  "  CASE WHEN ?7 = 'unknown' THEN NULL ELSE ?19 END, ?19, ?19)";

/* Only a row that changes is written: updated_at stays true, and nothing
 * is queued for the server for a card that came back the same. */
static const char update_sql[] =
  "UPDATE customer SET name = ?2, company = ?3, notes = ?4, tags = ?5, status = ?6,"
  "  satisfaction = ?7, reference_kind = ?8, preferred_channel = ?9, min_gap_days = ?10,"
  "  ideal_interval_days = ?11, latest_interval_days = ?12, kind = ?13,"
  "  structured_name = ?14, title = ?15, role = ?16, birthday = ?17, anniversary = ?18,"
  "  satisfaction_recorded_at = CASE WHEN satisfaction IS NOT ?7 THEN ?19"
  "    ELSE satisfaction_recorded_at END,"
  "  updated_at = ?19"
  " WHERE id = ?1 AND (name, company, notes, tags, status, satisfaction, reference_kind,"
  "  preferred_channel, min_gap_days, ideal_interval_days, latest_interval_days, kind,"
  "  structured_name, title, role, birthday, anniversary)"
  "  IS NOT (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)";

static gboolean
customer_exists (RapportStore  *store,
                 gint64         customer_id,
                 GError       **error)
{
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (store, "SELECT 1 FROM customer WHERE id = ?1",
                                                       error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND,
                 _("This customer no longer exists"));
  else
    rapport_store_set_error (store, rc, error, "find a customer");
  return FALSE;
}

/**
 * rapport_sync_card_write:
 * @customer_id: the customer to update, or 0 to add one
 *
 * Writes the card into the book: the customer's row, every value, the
 * unknown properties and the photo.  A new customer keeps the card's UID
 * (a new one is made when it has none); an update leaves the UID as it
 * is.  Runs inside the caller's transaction; the caller also brings the
 * customer's follow-ups in step (rapport_follow_ups_sync_customer ()), as
 * the status or satisfaction may have changed.
 *
 * Returns: the customer's id, or 0 with @error set
 */
gint64
rapport_sync_card_write (RapportStore           *store,
                         const RapportSyncCard  *card,
                         gint64                  customer_id,
                         GError                **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *now = rapport_time_format_utc (rapport_time_now ());
  g_autofree char *name = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *tags = NULL;
  g_autofree char *uid = NULL;
  RapportContact *c;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), 0);
  g_return_val_if_fail (card != NULL, 0);
  g_return_val_if_fail (rapport_store_in_transaction (store), 0);

  if (!validate (card, error))
    return 0;
  c = card->contact;
  name = g_strstrip (g_strdup (c->name));
  joined = g_strjoinv (";", c->tags);
  tags = rapport_normalize_tags (joined);

  if (customer_id == 0)
    {
      uid = c->uid != NULL && *c->uid != '\0' ? g_strdup (c->uid) : rapport_uid_new ();
      if ((stmt = rapport_store_prepare (store, insert_sql, error)) == NULL)
        return 0;
      sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_TRANSIENT);
    }
  else
    {
      if (!customer_exists (store, customer_id, error) ||
          (stmt = rapport_store_prepare (store, update_sql, error)) == NULL)
        return 0;
      sqlite3_bind_int64 (stmt, 1, customer_id);
    }
  bind_row (stmt, card, name, tags, now);
  if (!rapport_store_step_done (store, stmt, error))
    return 0;
  if (customer_id == 0)
    customer_id = sqlite3_last_insert_rowid (rapport_store_get_db (store));
  g_clear_pointer (&stmt, rapport_stmt_release);

  if (!rapport_customer_card_write_values (store, customer_id, c->values, error) ||
      !rapport_customer_card_write_extra (store, customer_id, c->extra, error) ||
      !rapport_customer_card_write_photo (store, customer_id, c->photo, c->photo_type, error))
    return 0;
  return customer_id;
}

/**
 * rapport_sync_customer_find:
 * @customer_id: (out): the customer's id, or 0 when no customer has @uid
 *
 * Returns: %FALSE with @error set when the book cannot be read
 */
gboolean
rapport_sync_customer_find (RapportStore  *store,
                            const char    *uid,
                            gint64        *customer_id,
                            GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (customer_id != NULL, FALSE);

  *customer_id = 0;
  if (uid == NULL || *uid == '\0')
    return TRUE;
  stmt = rapport_store_prepare (store, "SELECT id FROM customer WHERE uid = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *customer_id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    return rapport_store_set_error (store, rc, error, "find a customer by UID");
  return TRUE;
}
