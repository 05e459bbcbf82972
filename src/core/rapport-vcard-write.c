/* rapport-vcard-write.c: customers as vCard 4.0
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything the book knows of a customer is written: UID, N as it was
 * given, every email, phone, address and URL with its TYPE, PREF, group
 * and other parameters, the photo, and every property Rapport did not
 * understand, verbatim, so a card read and written again means the same.
 */

#define G_LOG_DOMAIN "rapport-vcard"

#include "config.h"

#include <string.h>

#include "rapport-vcard.h"
#include "rapport-vcard-private.h"

/* Octets per physical line, without the CRLF (RFC 6350 section 3.2). */
#define FOLD_WIDTH 75

/* Escapes a text value (RFC 6350 section 3.4).  A CR has no escape, so
 * line ends become "\n" whatever they were. */
void
rapport_vcard_append_escaped (GString    *out,
                              const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);

  for (const char *p = valid; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\': g_string_append (out, "\\\\"); break;
        case ',':  g_string_append (out, "\\,"); break;
        case ';':  g_string_append (out, "\\;"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r':
          if (p[1] == '\n')
            p++;
          g_string_append (out, "\\n");
          break;
        default:
          g_string_append_c (out, *p);
        }
    }
}

/* A parameter value as vCard 4.0 writes it: quoted when it holds ';', ':'
 * or ',', with RFC 6868's ^n, ^' and ^^ for a line end, a quote and a
 * caret, so the value reads back the same. */
void
rapport_vcard_append_param_value (GString    *out,
                                  const char *value)
{
  gboolean quote = strpbrk (value, ";:,\n\r\"^") != NULL;

  if (quote)
    g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\n')
        g_string_append (out, "^n");
      else if (*p == '"')
        g_string_append (out, "^'");
      else if (*p == '^')
        g_string_append (out, "^^");
      else if (*p != '\r')
        g_string_append_c (out, *p);
    }
  if (quote)
    g_string_append_c (out, '"');
}

/* Appends one content line folded at FOLD_WIDTH octets.  A fold never
 * splits a UTF-8 character, nor an escape from its backslash (allowed, but
 * naive readers trip on it). */
static void
append_folded (GString    *out,
               const char *line)
{
  g_autofree char *valid = g_utf8_make_valid (line, -1);
  gsize width = 0;

  for (const char *p = valid; *p != '\0'; )
    {
      gsize unit = (*p == '\\' && p[1] != '\0') ? 2 : (gsize) (g_utf8_next_char (p) - p);

      if (width + unit > FOLD_WIDTH)
        {
          g_string_append (out, "\r\n ");
          width = 1;
        }
      g_string_append_len (out, p, unit);
      width += unit;
      p += unit;
    }
  g_string_append (out, "\r\n");
}

static void
write_text (GString    *out,
            const char *name,
            const char *value)
{
  g_autoptr(GString) line = g_string_new (name);

  if (value == NULL || value[0] == '\0')
    return;
  g_string_append_c (line, ':');
  rapport_vcard_append_escaped (line, value);
  append_folded (out, line->str);
}

/* BDAY and ANNIVERSARY are dates unless they say otherwise: a date as a
 * person wrote it ("circa 1815") goes out as VALUE=text, so no reader
 * mistakes it for a broken date. */
static void
write_date (GString    *out,
            const char *name,
            const char *value)
{
  g_autofree char *text_name = NULL;

  if (value == NULL || value[0] == '\0')
    return;
  if (value[strspn (value, "0123456789-T:Z+")] == '\0')
    {
      write_text (out, name, value);
      return;
    }
  text_name = g_strconcat (name, ";VALUE=text", NULL);
  write_text (out, text_name, value);
}

/* N as it was given.  A customer made in Rapport, or read from a card
 * without N, has none: vCard 3.0 readers still want one, so the last word
 * is taken for the family name, marked as a guess.  An organisation's
 * card names no person. */
static void
write_n (GString        *out,
         RapportContact *contact)
{
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *trimmed = g_strstrip (g_strdup (contact->name));
  char *space = strrchr (trimmed, ' ');

  /* A guessed N says so, and reads back as no N at all. */
  g_string_append (line, contact->structured_name != NULL ? "N:" : "N;" RAPPORT_VCARD_DERIVED_PARAM ":");
  if (contact->structured_name != NULL)
    g_string_append (line, contact->structured_name);
  else if (contact->is_org)
    g_string_append (line, ";;;;");
  else if (space == NULL)
    {
      rapport_vcard_append_escaped (line, trimmed);
      g_string_append (line, ";;;;");
    }
  else
    {
      *space = '\0';
      rapport_vcard_append_escaped (line, space + 1);
      g_string_append_c (line, ';');
      rapport_vcard_append_escaped (line, g_strchomp (trimmed));
      g_string_append (line, ";;;");
    }
  append_folded (out, line->str);
}

/* The value of a kept "[group.]ORG:…" line, else NULL. */
static const char *
org_value (const char *line)
{
  const char *name = line + strspn (line, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-");

  name = *name == '.' ? name + 1 : line;
  return g_ascii_strncasecmp (name, "ORG:", 4) == 0 ? name + 4 : NULL;
}

/* The ORG kept when it names departments, while its first part is still
 * the company. */
static const char *
kept_org (RapportContact *contact)
{
  g_autoptr(GString) company = g_string_new (NULL);

  rapport_vcard_append_escaped (company, contact->company);
  for (guint i = 0; i < contact->extra->len; i++)
    {
      const char *line = g_ptr_array_index (contact->extra, i);
      const char *value = org_value (line);

      if (value != NULL && g_str_has_prefix (value, company->str) && value[company->len] == ';')
        return line;
    }
  return NULL;
}

static void
write_org (GString        *out,
           RapportContact *contact)
{
  const char *kept = kept_org (contact);

  if (kept != NULL)
    append_folded (out, kept);
  else
    write_text (out, "ORG", contact->company);
}

static const char *
value_property (RapportValueKind kind)
{
  switch (kind)
    {
    case RAPPORT_VALUE_EMAIL:   return "EMAIL";
    /* TEL is a URI in 4.0 unless said otherwise, and ours are free text. */
    case RAPPORT_VALUE_PHONE:   return "TEL;VALUE=text";
    case RAPPORT_VALUE_ADDRESS: return "ADR";
    case RAPPORT_VALUE_URL:     return "URL";
    default:                    g_return_val_if_reached ("X-UNKNOWN");
    }
}

static void
write_value (GString                   *out,
             const RapportContactValue *value)
{
  g_autoptr(GString) line = g_string_new (NULL);

  if (*value->group != '\0')
    g_string_append_printf (line, "%s.", value->group);
  g_string_append (line, value_property (value->kind));
  if (*value->types != '\0')
    {
      g_string_append (line, ";TYPE=");
      rapport_vcard_append_param_value (line, value->types);
    }
  if (value->pref > 0)
    g_string_append_printf (line, ";PREF=%d", value->pref);
  if (*value->params != '\0')
    g_string_append_printf (line, ";%s", value->params);
  g_string_append_c (line, ':');
  /* An address is stored as vCard text already: its ';' separate parts. */
  if (value->kind == RAPPORT_VALUE_ADDRESS)
    g_string_append (line, value->value);
  else
    rapport_vcard_append_escaped (line, value->value);
  append_folded (out, line->str);
}

static void
write_photo (GString        *out,
             RapportContact *contact)
{
  g_autoptr(GString) line = NULL;
  g_autofree char *base64 = NULL;
  gsize size;
  gconstpointer data;

  if (contact->photo == NULL)
    return;
  data = g_bytes_get_data (contact->photo, &size);
  base64 = g_base64_encode (data, size);
  line = g_string_new (NULL);
  g_string_append_printf (line, "PHOTO:data:%s;base64,%s",
                          contact->photo_type != NULL ? contact->photo_type : "image/jpeg", base64);
  append_folded (out, line->str);
}

static void
write_categories (GString *out,
                  GStrv    tags)
{
  g_autoptr(GString) line = g_string_new ("CATEGORIES:");
  gboolean any = FALSE;

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      if (tags[i][0] == '\0')
        continue;
      if (any)
        g_string_append_c (line, ',');
      rapport_vcard_append_escaped (line, tags[i]);
      any = TRUE;
    }
  if (any)
    append_folded (out, line->str);
}

static void
write_card (GString        *out,
            RapportContact *contact)
{
  const char *org = kept_org (contact);

  g_string_append (out, "BEGIN:VCARD\r\nVERSION:4.0\r\n");
  write_text (out, "UID", contact->uid);
  if (contact->is_org)
    g_string_append (out, "KIND:org\r\n");
  write_text (out, "FN", contact->name);
  write_n (out, contact);
  write_org (out, contact);
  write_text (out, "TITLE", contact->title);
  write_text (out, "ROLE", contact->role);
  write_date (out, "BDAY", contact->birthday);
  write_date (out, "ANNIVERSARY", contact->anniversary);
  for (guint i = 0; i < contact->values->len; i++)
    write_value (out, g_ptr_array_index (contact->values, i));
  write_photo (out, contact);
  write_text (out, "NOTE", contact->notes);
  write_categories (out, contact->tags);
  write_text (out, "X-RAPPORT-STATUS", contact->status);
  write_text (out, "X-RAPPORT-SATISFACTION", contact->satisfaction);
  write_text (out, "X-RAPPORT-NEXT-CHECK-IN", contact->next_check_in);
  for (guint i = 0; i < contact->extra->len; i++)
    {
      const char *line = g_ptr_array_index (contact->extra, i);

      /* A kept ORG whose company was changed since gives way to the new one. */
      if (line != org && org_value (line) == NULL)
        append_folded (out, line);
    }
  g_string_append (out, "END:VCARD\r\n");
}

/**
 * rapport_vcard_write:
 * @contacts: (element-type RapportContact): the customers to write
 *
 * Returns: (transfer full): the contacts as vCard 4.0 cards, with CRLF line
 *   ends and lines folded at 75 octets.
 */
char *
rapport_vcard_write (GPtrArray *contacts)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (contacts != NULL, NULL);

  for (guint i = 0; i < contacts->len; i++)
    {
      RapportContact *contact = g_ptr_array_index (contacts, i);

      /* The values are the truth; a contact filled by hand may only have
       * its email and phone fields. */
      rapport_contact_finish (contact);
      write_card (out, contact);
    }
  return g_string_free (out, FALSE);
}
