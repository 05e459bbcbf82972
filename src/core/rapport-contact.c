/* rapport-contact.c: one customer as read from, or written to, a file
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-contact"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "rapport-contact.h"

G_DEFINE_QUARK (rapport-import-error-quark, rapport_import_error)

static const char * const value_kind_words[] = { "email", "phone", "address", "url" };

const char *
rapport_value_kind_to_string (RapportValueKind kind)
{
  g_return_val_if_fail (kind < RAPPORT_N_VALUE_KINDS, "email");
  return value_kind_words[kind];
}

gboolean
rapport_value_kind_from_string (const char       *word,
                                RapportValueKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (value_kind_words); i++)
    if (g_strcmp0 (word, value_kind_words[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

RapportContactValue *
rapport_contact_value_new (RapportValueKind  kind,
                           const char       *value,
                           const char       *types,
                           int               pref)
{
  RapportContactValue *self = g_new0 (RapportContactValue, 1);

  self->kind = kind;
  self->value = g_strdup (value ? value : "");
  self->types = g_strdup (types ? types : "");
  self->pref = CLAMP (pref, 0, 100);
  self->group = g_strdup ("");
  self->params = g_strdup ("");
  return self;
}

RapportContactValue *
rapport_contact_value_copy (const RapportContactValue *value)
{
  RapportContactValue *copy = rapport_contact_value_new (value->kind, value->value,
                                                         value->types, value->pref);

  g_free (copy->group);
  copy->group = g_strdup (value->group);
  g_free (copy->params);
  copy->params = g_strdup (value->params);
  return copy;
}

void
rapport_contact_value_free (RapportContactValue *value)
{
  if (value == NULL)
    return;
  g_free (value->value);
  g_free (value->types);
  g_free (value->group);
  g_free (value->params);
  g_free (value);
}

/* ---- What was not kept ------------------------------------------------ */

RapportImportNotes *
rapport_import_notes_new (void)
{
  RapportImportNotes *notes = g_new0 (RapportImportNotes, 1);

  notes->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  notes->warnings = g_ptr_array_new_with_free_func (g_free);
  return notes;
}

void
rapport_import_notes_free (RapportImportNotes *notes)
{
  if (notes == NULL)
    return;
  g_hash_table_unref (notes->counts);
  g_ptr_array_unref (notes->warnings);
  g_free (notes);
}

/* @what names one thing not kept, in words ("photos over 1 MB"). */
void
rapport_import_notes_count (RapportImportNotes *notes,
                            const char         *what)
{
  guint count;

  if (notes == NULL)
    return;
  count = GPOINTER_TO_UINT (g_hash_table_lookup (notes->counts, what));
  g_hash_table_replace (notes->counts, g_strdup (what), GUINT_TO_POINTER (count + 1));
}

void
rapport_import_notes_warn (RapportImportNotes *notes,
                           const char         *format,
                           ...)
{
  va_list args;

  if (notes == NULL)
    return;
  va_start (args, format);
  g_ptr_array_add (notes->warnings, g_strdup_vprintf (format, args));
  va_end (args);
}

/* "not kept: 2 × photos over 1 MB; 1 × emails past the 100th of a card",
 * sorted so the summary reads the same every time; NULL when all was kept. */
char *
rapport_import_notes_describe (RapportImportNotes *notes)
{
  g_autoptr(GList) keys = NULL;
  g_autoptr(GString) text = NULL;

  if (notes == NULL || g_hash_table_size (notes->counts) == 0)
    return NULL;

  keys = g_list_sort (g_hash_table_get_keys (notes->counts), (GCompareFunc) g_strcmp0);
  text = g_string_new (_("not kept: "));
  for (GList *l = keys; l != NULL; l = l->next)
    {
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (notes->counts, l->data));

      if (l != keys)
        g_string_append (text, "; ");
      /* TRANSLATORS: "3 × photos over 1 MB" */
      g_string_append_printf (text, _("%u × %s"), count, (const char *) l->data);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* ---- The contact ------------------------------------------------------ */

RapportContact *
rapport_contact_new (void)
{
  RapportContact *contact = g_new0 (RapportContact, 1);

  contact->name = g_strdup ("");
  contact->company = g_strdup ("");
  contact->title = g_strdup ("");
  contact->role = g_strdup ("");
  contact->birthday = g_strdup ("");
  contact->anniversary = g_strdup ("");
  contact->email = g_strdup ("");
  contact->phone = g_strdup ("");
  contact->values = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_contact_value_free);
  contact->extra = g_ptr_array_new_with_free_func (g_free);
  contact->status = g_strdup ("");
  contact->satisfaction = g_strdup ("");
  contact->notes = g_strdup ("");
  contact->tags = g_new0 (char *, 1);
  return contact;
}

/* A deep copy: the sync code merges and rewrites contacts without
 * touching the one it was given. */
RapportContact *
rapport_contact_copy (const RapportContact *contact)
{
  RapportContact *copy;

  g_return_val_if_fail (contact != NULL, NULL);

  copy = g_new0 (RapportContact, 1);
  copy->line = contact->line;
  copy->uid = g_strdup (contact->uid);
  copy->name = g_strdup (contact->name);
  copy->structured_name = g_strdup (contact->structured_name);
  copy->is_org = contact->is_org;
  copy->company = g_strdup (contact->company);
  copy->title = g_strdup (contact->title);
  copy->role = g_strdup (contact->role);
  copy->birthday = g_strdup (contact->birthday);
  copy->anniversary = g_strdup (contact->anniversary);
  copy->email = g_strdup (contact->email);
  copy->phone = g_strdup (contact->phone);
  copy->values = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_contact_value_free);
  for (guint i = 0; i < contact->values->len; i++)
    g_ptr_array_add (copy->values, rapport_contact_value_copy (g_ptr_array_index (contact->values, i)));
  copy->extra = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < contact->extra->len; i++)
    g_ptr_array_add (copy->extra, g_strdup (g_ptr_array_index (contact->extra, i)));
  copy->photo = contact->photo != NULL ? g_bytes_ref (contact->photo) : NULL;
  copy->photo_type = g_strdup (contact->photo_type);
  copy->status = g_strdup (contact->status);
  copy->satisfaction = g_strdup (contact->satisfaction);
  copy->notes = g_strdup (contact->notes);
  copy->tags = g_strdupv (contact->tags);
  copy->next_check_in = g_strdup (contact->next_check_in);
  return copy;
}

void
rapport_contact_free (RapportContact *contact)
{
  if (contact == NULL)
    return;
  g_free (contact->uid);
  g_free (contact->name);
  g_free (contact->structured_name);
  g_free (contact->company);
  g_free (contact->title);
  g_free (contact->role);
  g_free (contact->birthday);
  g_free (contact->anniversary);
  g_free (contact->email);
  g_free (contact->phone);
  g_ptr_array_unref (contact->values);
  g_ptr_array_unref (contact->extra);
  g_clear_pointer (&contact->photo, g_bytes_unref);
  g_free (contact->photo_type);
  g_free (contact->status);
  g_free (contact->satisfaction);
  g_free (contact->notes);
  g_strfreev (contact->tags);
  g_free (contact->next_check_in);
  g_free (contact);
}

/* Phone numbers are the same when their digits are: "+1 (555) 010-2000"
 * and "+15550102000".  A leading "+" counts, so 0044… is not +44…. */
static char *
phone_digits (const char *phone)
{
  GString *digits = g_string_new (NULL);

  for (const char *p = phone; *p != '\0'; p++)
    if (g_ascii_isdigit (*p) || (*p == '+' && digits->len == 0))
      g_string_append_c (digits, *p);
  return g_string_free (digits, FALSE);
}

/* Whether a "+" comes before the first digit of @phone. */
static gboolean
has_leading_plus (const char *phone)
{
  for (const char *p = phone; *p != '\0' && !g_ascii_isdigit (*p); p++)
    if (*p == '+')
      return TRUE;
  return FALSE;
}

/* phone_digits (a) and phone_digits (b) compared without making them:
 * an import compares every phone of a file with its neighbours' so. */
static gboolean
same_phone (const char *a,
            const char *b)
{
  gboolean plus = has_leading_plus (a);

  if (!plus && strpbrk (a, "0123456789") == NULL)
    return g_str_equal (a, b);  /* no digits to go by */
  if (plus != has_leading_plus (b))
    return FALSE;
  for (;;)
    {
      while (*a != '\0' && !g_ascii_isdigit (*a))
        a++;
      while (*b != '\0' && !g_ascii_isdigit (*b))
        b++;
      if (*a != *b)
        return FALSE;
      if (*a == '\0')
        return TRUE;
      a++;
      b++;
    }
}

static gboolean
same_value (RapportValueKind  kind,
            const char       *a,
            const char       *b)
{
  switch (kind)
    {
    case RAPPORT_VALUE_EMAIL:
      return g_ascii_strcasecmp (a, b) == 0;
    case RAPPORT_VALUE_PHONE:
      return same_phone (a, b);
    case RAPPORT_VALUE_ADDRESS:
    case RAPPORT_VALUE_URL:
    default:
      return g_str_equal (a, b);
    }
}

gboolean
rapport_contact_has_value (RapportContact   *contact,
                           RapportValueKind  kind,
                           const char       *value)
{
  for (guint i = 0; i < contact->values->len; i++)
    {
      RapportContactValue *v = g_ptr_array_index (contact->values, i);

      if (v->kind == kind && same_value (kind, v->value, value))
        return TRUE;
    }
  return FALSE;
}

/* Adds @value unless it is empty or the contact has it already. */
void
rapport_contact_add_value (RapportContact   *contact,
                           RapportValueKind  kind,
                           const char       *value,
                           const char       *types,
                           int               pref)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (value ? value : ""));

  if (*trimmed == '\0' || rapport_contact_has_value (contact, kind, trimmed))
    return;
  g_ptr_array_add (contact->values, rapport_contact_value_new (kind, trimmed, types, pref));
}

/* The value of @kind with the lowest PREF, else the first one; NULL if none. */
const RapportContactValue *
rapport_contact_preferred (RapportContact   *contact,
                           RapportValueKind  kind)
{
  const RapportContactValue *best = NULL;

  for (guint i = 0; i < contact->values->len; i++)
    {
      const RapportContactValue *v = g_ptr_array_index (contact->values, i);

      if (v->kind != kind)
        continue;
      if (best == NULL || (v->pref > 0 && (best->pref == 0 || v->pref < best->pref)))
        best = v;
    }
  return best;
}

static void
finish_kind (RapportContact    *contact,
             RapportValueKind   kind,
             char             **field)
{
  const RapportContactValue *preferred;

  g_strstrip (*field);
  /* A reader that only knew one email (a CSV "email" column) put it in the
   * field: it leads the list. */
  if (**field != '\0' && !rapport_contact_has_value (contact, kind, *field))
    {
      guint at = 0;

      while (at < contact->values->len &&
             ((RapportContactValue *) g_ptr_array_index (contact->values, at))->kind != kind)
        at++;
      if (at == contact->values->len)
        g_ptr_array_add (contact->values, rapport_contact_value_new (kind, *field, "", 0));
      else
        g_ptr_array_insert (contact->values, at, rapport_contact_value_new (kind, *field, "", 0));
    }

  preferred = rapport_contact_preferred (contact, kind);
  g_free (*field);
  *field = g_strdup (preferred != NULL ? preferred->value : "");
}

/**
 * rapport_contact_finish:
 *
 * Makes values and the email and phone fields agree: a field's value joins
 * the list, and each field names the preferred value of its kind.  A
 * contact without a name takes its organisation's, else its email.
 */
void
rapport_contact_finish (RapportContact *contact)
{
  finish_kind (contact, RAPPORT_VALUE_EMAIL, &contact->email);
  finish_kind (contact, RAPPORT_VALUE_PHONE, &contact->phone);

  g_strstrip (contact->name);
  if (*contact->name == '\0')
    {
      g_free (contact->name);
      contact->name = g_strstrip (g_strdup (*contact->company ? contact->company : contact->email));
    }
}

/* Nothing that names or reaches a person: such a record is skipped. */
gboolean
rapport_contact_is_empty (RapportContact *contact)
{
  return *contact->name == '\0' && *contact->company == '\0' && *contact->email == '\0' &&
         *contact->phone == '\0' && contact->values->len == 0 && *contact->notes == '\0' &&
         (contact->tags == NULL || contact->tags[0] == NULL) && contact->next_check_in == NULL &&
         (contact->structured_name == NULL || strspn (contact->structured_name, "; ") ==
                                                strlen (contact->structured_name));
}

/**
 * rapport_contact_search_text:
 * @values: a contact's values
 *
 * Returns: what search should find besides the preferred email: every
 * other email, and every phone both as written and as its digits.
 */
char *
rapport_contact_search_text (GPtrArray *values)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const RapportContactValue *preferred_email = NULL;

  for (guint i = 0; i < values->len; i++)
    {
      const RapportContactValue *v = g_ptr_array_index (values, i);

      if (v->kind == RAPPORT_VALUE_EMAIL &&
          (preferred_email == NULL ||
           (v->pref > 0 && (preferred_email->pref == 0 || v->pref < preferred_email->pref))))
        preferred_email = v;
    }

  for (guint i = 0; i < values->len; i++)
    {
      const RapportContactValue *v = g_ptr_array_index (values, i);

      if ((v->kind != RAPPORT_VALUE_EMAIL || v == preferred_email) && v->kind != RAPPORT_VALUE_PHONE)
        continue;
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, v->value);
      if (v->kind == RAPPORT_VALUE_PHONE)
        {
          g_autofree char *digits = phone_digits (v->value);

          if (*digits != '\0' && !g_str_equal (digits, v->value))
            {
              g_string_append_c (text, ' ');
              g_string_append (text, *digits == '+' ? digits + 1 : digits);
            }
        }
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* @digits lower-case hex digits of @value at @out; returns their end. */
static char *
put_hex (char    *out,
         guint64  value,
         guint    digits)
{
  for (guint i = digits; i > 0; i--)
    {
      out[i - 1] = "0123456789abcdef"[value & 0xf];
      value >>= 4;
    }
  return out + digits;
}

/* A version 7 UUID (RFC 9562): the time in milliseconds, then random
 * bits.  Customers added together get neighbouring UIDs, so the book's
 * unique index on them grows at its end instead of everywhere at once. */
char *
rapport_uid_new (void)
{
  guint64 ms = (guint64) (g_get_real_time () / 1000);
  guint32 r1 = g_random_int (), r2 = g_random_int (), r3 = g_random_int ();
  char *uid = g_malloc (sizeof "urn:uuid:xxxxxxxx-xxxx-7xxx-xxxx-xxxxxxxxxxxx");
  char *end = uid;

  /* By hand, not printf: an import makes one for each customer. */
  end = g_stpcpy (end, "urn:uuid:");
  end = put_hex (end, ms >> 16, 8);
  *end++ = '-';
  end = put_hex (end, ms & 0xffff, 4);
  end = g_stpcpy (end, "-7");
  end = put_hex (end, r1 & 0xfff, 3);
  *end++ = '-';
  end = put_hex (end, 0x8000 | ((r1 >> 12) & 0x3fff), 4);
  *end++ = '-';
  end = put_hex (end, r2 & 0xffff, 4);
  end = put_hex (end, r3, 8);
  *end = '\0';
  return uid;
}
