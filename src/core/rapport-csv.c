/* rapport-csv.c: customers as RFC 4180 CSV, read and written
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reader is strict: a file it cannot read exactly is refused with the
 * file, line and column of the problem, because a half-understood row
 * would quietly put wrong data into the book.  Columns are found by their
 * header, so exports of other address books and CRMs import as they are.
 */

#define G_LOG_DOMAIN "rapport-csv"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rapport-csv.h"
#include "rapport-csv-formula.h"
#include "rapport-time.h"

typedef enum
{
  FIELD_NONE,
  FIELD_NAME,
  FIELD_GIVEN_NAME,
  FIELD_MIDDLE_NAME,
  FIELD_FAMILY_NAME,
  FIELD_COMPANY,
  FIELD_EMAIL,
  FIELD_PHONE,
  FIELD_STATUS,
  FIELD_SATISFACTION,
  FIELD_TAGS,
  FIELD_NOTES,
  FIELD_NEXT_CHECK_IN,
  N_FIELDS
} Field;

/* Header texts, compared in lower case without spaces, hyphens and
 * underscores ("E-mail 1 - Value" is "email1value").  When several columns
 * feed one field, the first non-empty one in this order wins.  Keep the
 * list in README.md ("Importing customers") in step with this one. */
static const struct {
  const char *key;
  Field       field;
} aliases[] = {
  { "name", FIELD_NAME },                  /* Rapport, Google (older) */
  { "fullname", FIELD_NAME },              /* HubSpot, Salesforce */
  { "displayname", FIELD_NAME },           /* Thunderbird */
  { "givenname", FIELD_GIVEN_NAME },       /* Google (older) */
  { "firstname", FIELD_GIVEN_NAME },       /* Google, Outlook, LinkedIn, Thunderbird */
  { "additionalname", FIELD_MIDDLE_NAME }, /* Google (older) */
  { "middlename", FIELD_MIDDLE_NAME },     /* Google, Outlook */
  { "familyname", FIELD_FAMILY_NAME },     /* Google (older) */
  { "lastname", FIELD_FAMILY_NAME },       /* Google, Outlook, LinkedIn, Thunderbird */
  { "company", FIELD_COMPANY },            /* Rapport, Outlook, LinkedIn */
  { "companyname", FIELD_COMPANY },        /* HubSpot */
  { "accountname", FIELD_COMPANY },        /* Salesforce */
  { "organization1name", FIELD_COMPANY },  /* Google (older) */
  { "organizationname", FIELD_COMPANY },   /* Google */
  { "organization", FIELD_COMPANY },       /* Thunderbird */
  { "email", FIELD_EMAIL },                /* Rapport, HubSpot, Salesforce */
  { "email1value", FIELD_EMAIL },          /* Google */
  { "emailaddress", FIELD_EMAIL },         /* Outlook, LinkedIn */
  { "primaryemail", FIELD_EMAIL },         /* Thunderbird */
  { "phone", FIELD_PHONE },                /* Rapport, HubSpot, Salesforce */
  { "phone1value", FIELD_PHONE },          /* Google */
  { "businessphone", FIELD_PHONE },        /* Outlook */
  { "workphone", FIELD_PHONE },            /* Thunderbird */
  { "mobilephone", FIELD_PHONE },          /* Outlook, HubSpot */
  { "mobile", FIELD_PHONE },               /* Salesforce */
  { "mobilenumber", FIELD_PHONE },         /* Thunderbird */
  { "homephone", FIELD_PHONE },            /* Outlook, Thunderbird */
  { "status", FIELD_STATUS },
  { "satisfaction", FIELD_SATISFACTION },
  { "tags", FIELD_TAGS },                  /* Rapport */
  { "categories", FIELD_TAGS },            /* Outlook */
  { "labels", FIELD_TAGS },                /* Google */
  { "groupmembership", FIELD_TAGS },       /* Google (older) */
  { "notes", FIELD_NOTES },                /* Rapport, Google, Outlook, Thunderbird */
  { "note", FIELD_NOTES },
  { "nextcheckin", FIELD_NEXT_CHECK_IN },  /* Rapport */
};

/* "" stands for "not given": the book's default applies. */
static const char * const statuses[] = { "", "prospect", "customer", "former", NULL };
static const char * const satisfactions[] = { "", "unknown", "unhappy", "satisfied", "delighted", NULL };

/* Google joins several values of one column with this. */
#define GOOGLE_SEPARATOR " ::: "

typedef struct
{
  Field  field;
  guint  rank;    /* index in aliases[]: lower wins */
  char  *title;   /* as written in the header, for messages */
} Column;

typedef struct
{
  const char *display_name;
  const char *data;
  gsize       length;
  gsize       pos;
  guint       line;
  GArray     *columns;  /* of Column; empty while the header is read */
  GString    *field;
} Reader;

typedef enum
{
  READ_RECORD,
  READ_END,
  READ_FAILED,
} ReadResult;

static void
clear_column (gpointer data)
{
  Column *column = data;

  g_free (column->title);
}

static void set_error (Reader      *self,
                       GError     **error,
                       int          code,
                       guint        line,
                       const char  *format,
                       ...) G_GNUC_PRINTF (5, 6);

static void
set_error (Reader      *self,
           GError     **error,
           int          code,
           guint        line,
           const char  *format,
           ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, RAPPORT_IMPORT_ERROR, code, "%s:%u: %s",
               self->display_name, line, detail);
}

/* "column "notes"" in messages, or its number while there is no header. */
static char *
describe_column (Reader *self,
                 guint   index)
{
  if (index < self->columns->len)
    {
      Column *column = &g_array_index (self->columns, Column, index);

      if (column->title[0] != '\0')
        return g_strdup_printf (_("column \"%s\""), column->title);
    }
  return g_strdup_printf (_("column %u"), index + 1);
}

/* A value quoted back in a message: one line, and short. */
static char *
quote_value (const char *value)
{
  g_autofree char *flat = g_strdup (value);

  for (char *p = flat; *p; p++)
    if ((guchar) *p < 0x20)
      *p = ' ';
  if (g_utf8_strlen (flat, -1) > 40)
    {
      g_autofree char *start = g_utf8_substring (flat, 0, 40);
      return g_strdup_printf ("\"%s…\"", start);
    }
  return g_strdup_printf ("\"%s\"", flat);
}

static guint
count_line_breaks (const char *text,
                   gsize       length)
{
  guint n = 0;

  for (gsize i = 0; i < length; i++)
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == length || text[i + 1] != '\n')))
      n++;
  return n;
}

/* The whole file is checked up front so every later step handles text. */
static gboolean
check_encoding (Reader  *self,
                GError **error)
{
  const char *text = self->data + self->pos;
  gsize length = self->length - self->pos;
  const char *end = NULL;
  guint line;

  if (length >= 2 && ((guchar) text[0] == 0xff || (guchar) text[0] == 0xfe) &&
      ((guchar) text[1] == 0xff || (guchar) text[1] == 0xfe))
    {
      set_error (self, error, RAPPORT_IMPORT_ERROR_ENCODING, 1,
                 _("the file is UTF-16 text; save it as UTF-8 (“CSV UTF-8”) and try again"));
      return FALSE;
    }

  if (g_utf8_validate_len (text, length, &end))
    return TRUE;

  line = 1 + count_line_breaks (text, end - text);
  if (*end == '\0')
    set_error (self, error, RAPPORT_IMPORT_ERROR_ENCODING, line,
               _("contains a NUL byte; this is not a CSV text file"));
  else
    set_error (self, error, RAPPORT_IMPORT_ERROR_ENCODING, line,
               _("not valid UTF-8 text; save the file as UTF-8 and try again"));
  return FALSE;
}

static gboolean
append_to_field (Reader      *self,
                 guint        column,
                 guint        line,
                 gboolean     quoted,
                 const char  *text,
                 gsize        length,
                 GError     **error)
{
  if (self->field->len + length > RAPPORT_CSV_MAX_FIELD)
    {
      g_autofree char *where = describe_column (self, column);

      set_error (self, error, RAPPORT_IMPORT_ERROR_INVALID_VALUE, line,
                 quoted ? _("%s: a field is longer than the limit of %u KiB (is a closing quote missing?)")
                        : _("%s: a field is longer than the limit of %u KiB"),
                 where, RAPPORT_CSV_MAX_FIELD / 1024);
      return FALSE;
    }
  g_string_append_len (self->field, text, length);
  return TRUE;
}

static gboolean
read_unquoted (Reader  *self,
               guint    column,
               GError **error)
{
  gsize start = self->pos;

  for (; self->pos < self->length; self->pos++)
    {
      char c = self->data[self->pos];

      if (c == ',' || c == '\r' || c == '\n')
        break;
      if (c == '"')
        {
          g_autofree char *where = describe_column (self, column);

          set_error (self, error, RAPPORT_IMPORT_ERROR_SYNTAX, self->line,
                     _("%s: stray quote in an unquoted field (put the whole field in quotes and "
                       "double the quote: \"\")"), where);
          return FALSE;
        }
    }

  return append_to_field (self, column, self->line, FALSE,
                          self->data + start, self->pos - start, error);
}

static gboolean
read_quoted (Reader  *self,
             guint    column,
             GError **error)
{
  guint opened_at = self->line;

  self->pos++;
  for (;;)
    {
      const char *start = self->data + self->pos;
      const char *quote = memchr (start, '"', self->length - self->pos);
      gsize span = quote != NULL ? (gsize) (quote - start) : self->length - self->pos;

      if (!append_to_field (self, column, opened_at, TRUE, start, span, error))
        return FALSE;
      self->line += count_line_breaks (start, span);
      self->pos += span;

      if (quote == NULL)
        {
          set_error (self, error, RAPPORT_IMPORT_ERROR_SYNTAX, opened_at,
                     _("unterminated quoted field"));
          return FALSE;
        }

      self->pos++;
      if (self->pos < self->length && self->data[self->pos] == '"')
        {
          g_string_append_c (self->field, '"');
          self->pos++;
          continue;
        }
      break;
    }

  if (self->pos < self->length && strchr (",\r\n", self->data[self->pos]) == NULL)
    {
      g_autofree char *where = describe_column (self, column);

      set_error (self, error, RAPPORT_IMPORT_ERROR_SYNTAX, self->line,
                 _("%s: text after the closing quote (double a quote inside a quoted field: \"\")"),
                 where);
      return FALSE;
    }
  return TRUE;
}

/* Reads one record into @fields.  @blank is set for an empty line, which
 * has no fields at all rather than one empty field. */
static ReadResult
read_record (Reader     *self,
             GPtrArray  *fields,
             guint      *start_line,
             gboolean   *blank,
             GError    **error)
{
  gsize record_start = self->pos;

  g_ptr_array_set_size (fields, 0);
  if (self->pos >= self->length)
    return READ_END;

  *start_line = self->line;
  *blank = self->data[self->pos] == '\r' || self->data[self->pos] == '\n';

  for (guint column = 0;; column++)
    {
      gboolean ok;
      char c;

      g_string_truncate (self->field, 0);
      if (self->pos < self->length && self->data[self->pos] == '"')
        ok = read_quoted (self, column, error);
      else
        ok = read_unquoted (self, column, error);
      if (!ok)
        return READ_FAILED;

      g_ptr_array_add (fields, g_strndup (self->field->str, self->field->len));

      if (self->pos - record_start > RAPPORT_CSV_MAX_RECORD)
        {
          set_error (self, error, RAPPORT_IMPORT_ERROR_INVALID_VALUE, *start_line,
                     _("a record is longer than the limit of %u KiB"),
                     RAPPORT_CSV_MAX_RECORD / 1024);
          return READ_FAILED;
        }

      if (self->pos >= self->length)
        break;

      c = self->data[self->pos];
      if (c == ',')
        {
          self->pos++;
          continue;
        }

      /* CRLF, LF, or an old Mac's lone CR */
      self->pos += c == '\r' && self->pos + 1 < self->length && self->data[self->pos + 1] == '\n' ? 2 : 1;
      self->line++;
      break;
    }

  return READ_RECORD;
}

static char *
header_key (const char *title)
{
  g_autofree char *lower = g_utf8_strdown (title, -1);
  GString *key = g_string_new (NULL);

  for (const char *p = lower; *p; p++)
    if (*p != ' ' && *p != '-' && *p != '_' && *p != '\t')
      g_string_append_c (key, *p);
  return g_string_free (key, FALSE);
}

static void
add_column (Reader     *self,
            const char *title)
{
  g_autofree char *key = NULL;
  Column column = { FIELD_NONE, G_MAXUINT, g_strstrip (g_strdup (title)) };

  key = header_key (column.title);
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (strcmp (key, aliases[i].key) == 0)
      {
        column.field = aliases[i].field;
        column.rank = i;
        break;
      }
  g_array_append_val (self->columns, column);
}

static gboolean
has_field (Reader *self,
           Field   field)
{
  for (guint i = 0; i < self->columns->len; i++)
    if (g_array_index (self->columns, Column, i).field == field)
      return TRUE;
  return FALSE;
}

static gboolean
read_header (Reader     *self,
             GPtrArray  *fields,
             GError    **error)
{
  gboolean blank = TRUE;
  guint line = 1;
  ReadResult result;

  /* Blank lines before the header are harmless. */
  while ((result = read_record (self, fields, &line, &blank, error)) == READ_RECORD && blank)
    ;
  if (result == READ_FAILED)
    return FALSE;
  if (result == READ_END)
    {
      set_error (self, error, RAPPORT_IMPORT_ERROR_EMPTY, 1,
                 _("the file is empty; it needs a header row naming the columns (name, company, "
                   "email, …) and a row per customer"));
      return FALSE;
    }

  for (guint i = 0; i < fields->len; i++)
    add_column (self, g_ptr_array_index (fields, i));

  if (!has_field (self, FIELD_NAME) &&
      !has_field (self, FIELD_GIVEN_NAME) &&
      !has_field (self, FIELD_FAMILY_NAME))
    {
      set_error (self, error, RAPPORT_IMPORT_ERROR_MISSING_FIELD, line,
                 _("no \"name\" column; the first row must be a header naming the columns "
                   "(name, company, email, …)"));
      return FALSE;
    }
  return TRUE;
}

/* The first value of a Google multi-value cell ("a@x.org ::: b@y.org"). */
static char *
first_value (const char *text)
{
  const char *separator = strstr (text, GOOGLE_SEPARATOR);

  if (separator == NULL)
    return g_strdup (text);
  return g_strstrip (g_strndup (text, separator - text));
}

/* "vip; Golf" and Google's "* myContacts ::: Golf" alike. */
static GStrv
split_tags (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) groups = g_strsplit (text, ":::", -1);

  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (groups[i], ";", -1);

      for (guint j = 0; parts[j] != NULL; j++)
        {
          char *tag = g_strstrip (parts[j]);

          /* Google marks its own groups with "* "; "My Contacts" holds everyone.
           * Every marker goes, so no tag read starts with one: "* * x" read
           * as "* x" would be written back and read as "x". */
          if (g_str_has_prefix (tag, "* "))
            {
              while (g_str_has_prefix (tag, "* "))
                tag = g_strchug (tag + 2);
              if (g_ascii_strcasecmp (tag, "myContacts") == 0 ||
                  g_ascii_strcasecmp (tag, "My Contacts") == 0)
                continue;
            }
          if (*tag == '\0')
            continue;
          g_strv_builder_add (builder, tag);
        }
    }
  return g_strv_builder_end (builder);
}

static const char *
find_word (const char * const *words,
           const char         *value)
{
  for (guint i = 0; words[i] != NULL; i++)
    if (g_ascii_strcasecmp (words[i], value) == 0)
      return words[i];
  return NULL;
}

/* Picks, for each field, the value of the best column that has one. */
static void
pick_values (Reader      *self,
             GPtrArray   *fields,
             const char **values,
             guint       *columns)
{
  guint ranks[N_FIELDS];

  for (guint f = 0; f < N_FIELDS; f++)
    {
      values[f] = "";
      columns[f] = G_MAXUINT;
      ranks[f] = G_MAXUINT;
    }

  for (guint i = 0; i < fields->len; i++)
    {
      Column *column = &g_array_index (self->columns, Column, i);
      char *value = g_ptr_array_index (fields, i);

      /* Spaces around a value are noise, except in notes. */
      if (column->field != FIELD_NOTES)
        g_strstrip (value);
      if (column->field == FIELD_NONE || value[0] == '\0' || column->rank >= ranks[column->field])
        continue;
      values[column->field] = rapport_csv_formula_unguard (value);
      columns[column->field] = i;
      ranks[column->field] = column->rank;
    }
}

static gboolean
is_blank (const char *text)
{
  for (; *text; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static gboolean
row_is_empty (GPtrArray *fields)
{
  for (guint i = 0; i < fields->len; i++)
    if (!is_blank (g_ptr_array_index (fields, i)))
      return FALSE;
  return TRUE;
}

static char *
compose_name (const char **values)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;

  if (values[FIELD_NAME][0] != '\0')
    return g_strdup (values[FIELD_NAME]);

  if (values[FIELD_GIVEN_NAME][0] != '\0')
    g_strv_builder_add (builder, values[FIELD_GIVEN_NAME]);
  if (values[FIELD_MIDDLE_NAME][0] != '\0')
    g_strv_builder_add (builder, values[FIELD_MIDDLE_NAME]);
  if (values[FIELD_FAMILY_NAME][0] != '\0')
    g_strv_builder_add (builder, values[FIELD_FAMILY_NAME]);
  parts = g_strv_builder_end (builder);
  return g_strjoinv (" ", parts);
}

static char *
name_column_title (Reader *self)
{
  for (guint i = 0; i < self->columns->len; i++)
    if (g_array_index (self->columns, Column, i).field == FIELD_NAME)
      return describe_column (self, i);
  return g_strdup_printf (_("column \"%s\""), "name");
}

static RapportContact *
make_contact (Reader     *self,
              GPtrArray  *fields,
              guint       line,
              GError    **error)
{
  g_autoptr(RapportContact) contact = rapport_contact_new ();
  const char *values[N_FIELDS];
  guint columns[N_FIELDS];
  const char *status, *satisfaction;
  gint64 when;

  pick_values (self, fields, values, columns);
  contact->line = line;

  g_free (contact->name);
  contact->name = compose_name (values);
  if (contact->name[0] == '\0')
    {
      g_autofree char *where = name_column_title (self);

      set_error (self, error, RAPPORT_IMPORT_ERROR_MISSING_FIELD, line,
                 _("%s: a customer needs a name"), where);
      return NULL;
    }
  /* First, middle and last names each within the limit may still make a
   * name over it, which rapport_csv_write () would write and this refuse. */
  if (strlen (contact->name) > RAPPORT_CSV_MAX_FIELD)
    {
      set_error (self, error, RAPPORT_IMPORT_ERROR_INVALID_VALUE, line,
                 _("the name is longer than the limit of %u KiB"), RAPPORT_CSV_MAX_FIELD / 1024);
      return NULL;
    }

  if ((status = find_word (statuses, values[FIELD_STATUS])) == NULL)
    {
      g_autofree char *where = describe_column (self, columns[FIELD_STATUS]);
      g_autofree char *quoted = quote_value (values[FIELD_STATUS]);

      set_error (self, error, RAPPORT_IMPORT_ERROR_INVALID_VALUE, line,
                 _("%s: unknown status %s (use prospect, customer or former)"),
                 where, quoted);
      return NULL;
    }

  if ((satisfaction = find_word (satisfactions, values[FIELD_SATISFACTION])) == NULL)
    {
      g_autofree char *where = describe_column (self, columns[FIELD_SATISFACTION]);
      g_autofree char *quoted = quote_value (values[FIELD_SATISFACTION]);

      set_error (self, error, RAPPORT_IMPORT_ERROR_INVALID_VALUE, line,
                 _("%s: unknown satisfaction %s (use unknown, unhappy, satisfied or delighted)"),
                 where, quoted);
      return NULL;
    }

  if (values[FIELD_NEXT_CHECK_IN][0] != '\0')
    {
      if (!rapport_time_parse_local (values[FIELD_NEXT_CHECK_IN], &when))
        {
          g_autofree char *where = describe_column (self, columns[FIELD_NEXT_CHECK_IN]);
          g_autofree char *quoted = quote_value (values[FIELD_NEXT_CHECK_IN]);

          set_error (self, error, RAPPORT_IMPORT_ERROR_INVALID_VALUE, line,
                     _("%s: %s is not a date (use YYYY-MM-DD or YYYY-MM-DD HH:MM)"),
                     where, quoted);
          return NULL;
        }
      contact->next_check_in = g_strdup (values[FIELD_NEXT_CHECK_IN]);
    }

  g_free (contact->company);
  contact->company = g_strdup (values[FIELD_COMPANY]);
  g_free (contact->email);
  contact->email = first_value (values[FIELD_EMAIL]);
  g_free (contact->phone);
  contact->phone = first_value (values[FIELD_PHONE]);
  g_free (contact->status);
  contact->status = g_strdup (status);
  g_free (contact->satisfaction);
  contact->satisfaction = g_strdup (satisfaction);
  g_free (contact->notes);
  contact->notes = g_strdup (values[FIELD_NOTES]);
  g_strfreev (contact->tags);
  contact->tags = split_tags (values[FIELD_TAGS]);

  return g_steal_pointer (&contact);
}

/* An all-empty contact stands for a row with nothing in it: the importer
 * counts it as skipped. */
static RapportContact *
make_empty_row (guint line)
{
  RapportContact *contact = rapport_contact_new ();

  contact->line = line;
  return contact;
}

static gboolean
read_records (Reader     *self,
              GPtrArray  *fields,
              GPtrArray  *contacts,
              GError    **error)
{
  gboolean blank = FALSE;
  guint line = 0;
  ReadResult result;

  while ((result = read_record (self, fields, &line, &blank, error)) == READ_RECORD)
    {
      RapportContact *contact;

      if (blank)
        {
          g_ptr_array_add (contacts, make_empty_row (line));
          continue;
        }

      if (fields->len != self->columns->len)
        {
          set_error (self, error, RAPPORT_IMPORT_ERROR_SYNTAX, line,
                     _("found %u fields, but the header has %u columns"),
                     fields->len, self->columns->len);
          return FALSE;
        }

      if (row_is_empty (fields))
        contact = make_empty_row (line);
      else if ((contact = make_contact (self, fields, line, error)) == NULL)
        return FALSE;
      g_ptr_array_add (contacts, contact);
    }

  return result == READ_END;
}

/**
 * rapport_csv_read:
 * @display_name: the file's name as shown in messages ("customers.csv")
 * @data: the file's bytes, UTF-8 with or without a byte order mark
 * @length: their number
 * @error: where a problem is reported, naming file and line
 *
 * Reads a header row and one customer per record.  Rows with nothing in
 * them, blank lines included, come back as all-empty contacts: the
 * importer skips and counts them.
 *
 * Returns: (transfer full): a #GPtrArray of #RapportContact freeing its
 *   elements, or %NULL with @error set.
 */
GPtrArray *
rapport_csv_read (const char  *display_name,
                  const char  *data,
                  gsize        length,
                  RapportImportNotes  *notes,
                  GError     **error)
{
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_contact_free);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) columns = g_array_new (FALSE, TRUE, sizeof (Column));
  g_autoptr(GString) field = g_string_new (NULL);
  Reader reader = { display_name, data, length, 0, 1, columns, field };

  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_array_set_clear_func (columns, clear_column);

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    reader.pos = 3;

  if (!check_encoding (&reader, error) ||
      !read_header (&reader, fields, error) ||
      !read_records (&reader, fields, contacts, error))
    return NULL;

  return g_steal_pointer (&contacts);
}

static void
append_field (GString    *out,
              const char *value)
{
  const char *guard;

  if (value == NULL || value[0] == '\0')
    return;

  guard = rapport_csv_formula_needs_guard (value) ? "'" : "";
  if (strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append_printf (out, "%s%s", guard, value);
      return;
    }

  g_string_append_c (out, '"');
  g_string_append (out, guard);
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/**
 * rapport_csv_write:
 * @contacts: (element-type RapportContact): the customers to write
 *
 * Writes the columns rapport_csv_read() reads, quoting only where RFC 4180
 * requires it and ending lines with CRLF, so that a written file reads
 * back to the same contacts and writes again to the same bytes.  A value a
 * spreadsheet would run as a formula gets a single quote in front, which
 * the reader takes off (rapport-csv-formula.c).
 *
 * Returns: (transfer full): the CSV text
 */
char *
rapport_csv_write (GPtrArray *contacts)
{
  GString *out;

  g_return_val_if_fail (contacts != NULL, NULL);

  out = g_string_sized_new (128 + contacts->len * 128);
  g_string_append (out, "name,company,email,phone,status,satisfaction,tags,notes,next_check_in\r\n");

  for (guint i = 0; i < contacts->len; i++)
    {
      RapportContact *contact = g_ptr_array_index (contacts, i);
      g_autofree char *tags = g_strjoinv (";", contact->tags);
      const char *values[] = {
        contact->name, contact->company, contact->email, contact->phone, contact->status,
        contact->satisfaction, tags, contact->notes, contact->next_check_in,
      };

      for (guint j = 0; j < G_N_ELEMENTS (values); j++)
        {
          if (j > 0)
            g_string_append_c (out, ',');
          append_field (out, values[j]);
        }
      g_string_append (out, "\r\n");
    }

  return g_string_free (out, FALSE);
}
