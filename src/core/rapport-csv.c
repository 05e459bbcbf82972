/* rapport-csv.c: customers as RFC 4180 CSV, read and written
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reader is strict about structure: a file it cannot read exactly is
 * refused with the file, line and column of the problem, because a
 * half-understood row would quietly put wrong data into the book.  About
 * what real exports hold it is lenient: the delimiter (",", ";" of a
 * German Excel, a tab) is found from the header, columns by their names,
 * every email and phone column becomes a value of the contact, and another
 * CRM's status words are mapped or kept as tags, with a note.
 */

#define G_LOG_DOMAIN "rapport-csv"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rapport-csv.h"
#include "rapport-csv-formula.h"
#include "rapport-csv-private.h"
#include "rapport-text-decode.h"
#include "rapport-time.h"

/* "" stands for "not given": the book's default applies. */
static const char * const satisfactions[] = { "", "unknown", "unhappy", "satisfied", "delighted", NULL };

/* Google joins several values of one column with this. */
#define GOOGLE_SEPARATOR " ::: "

typedef struct
{
  RapportCsvColumnInfo  info;
  char                 *title;        /* as written in the header, for messages */
  guint                 type_column;  /* the index of its type column, or G_MAXUINT */
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
  char        delimiter;
  RapportImportNotes *notes;
  GHashTable *unknown_statuses;  /* told once each, not on every row */
  guint       nameless;          /* rows skipped for want of a name */
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

/* Fields are checked as they are read, so a message can name the column;
 * a multi-byte character never holds a quote, a delimiter or a line end,
 * so the pieces of a field are whole characters. */
static gboolean
check_text (Reader      *self,
            guint        column,
            guint        line,
            const char  *text,
            gsize        length,
            GError     **error)
{
  const char *end = NULL;
  g_autofree char *where = NULL;

  if (g_utf8_validate_len (text, length, &end))
    return TRUE;

  where = describe_column (self, column);
  line += rapport_text_count_line_ends (text, end - text);
  if (*end == '\0')
    set_error (self, error, RAPPORT_IMPORT_ERROR_ENCODING, line,
               _("%s: contains a NUL byte; this is not a CSV text file"), where);
  else
    set_error (self, error, RAPPORT_IMPORT_ERROR_ENCODING, line,
               _("%s: not valid UTF-8 text; save the file as UTF-8 (“CSV UTF-8”) and try again"),
               where);
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

      if (c == self->delimiter || c == '\r' || c == '\n')
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

  return check_text (self, column, self->line, self->data + start, self->pos - start, error) &&
         append_to_field (self, column, self->line, FALSE,
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

      if (!check_text (self, column, self->line, start, span, error) ||
          !append_to_field (self, column, opened_at, TRUE, start, span, error))
        return FALSE;
      self->line += rapport_text_count_line_ends (start, span);
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

  if (self->pos < self->length && self->data[self->pos] != self->delimiter &&
      self->data[self->pos] != '\r' && self->data[self->pos] != '\n')
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
      if (c == self->delimiter)
        {
          self->pos++;
          continue;
        }

      /* CRLF, LF, an old Mac's lone CR, or CR CR LF */
      self->pos += rapport_text_line_end (self->data + self->pos, self->length - self->pos);
      self->line++;
      break;
    }

  return READ_RECORD;
}

static void
add_column (Reader     *self,
            const char *title)
{
  Column column = { { FIELD_NONE }, g_strstrip (g_strdup (title)), G_MAXUINT };

  _rapport_csv_identify_column (column.title, &column.info);
  g_array_append_val (self->columns, column);
}

/* Google's "E-mail 2 - Value" takes its type from "E-mail 2 - Type". */
static void
link_type_columns (Reader *self)
{
  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *column = &g_array_index (self->columns, Column, i);

      if (column->info.number == 0 || column->info.field == FIELD_VALUE_TYPE)
        continue;
      for (guint j = 0; j < self->columns->len; j++)
        {
          Column *type = &g_array_index (self->columns, Column, j);

          if (type->info.field == FIELD_VALUE_TYPE && type->info.kind == column->info.kind &&
              type->info.number == column->info.number)
            {
              column->type_column = j;
              break;
            }
        }
    }
}

static gboolean
has_field (Reader          *self,
           RapportCsvField  field)
{
  for (guint i = 0; i < self->columns->len; i++)
    if (g_array_index (self->columns, Column, i).info.field == field)
      return TRUE;
  return FALSE;
}

/* The delimiter is the one of ',', ';' (Excel where the decimal point is
 * a comma) and tab that the header uses most outside quotes; a header of
 * one column says nothing, and is read as a comma-separated one. */
static char
sniff_delimiter (Reader *self)
{
  static const char candidates[] = { ',', ';', '\t' };
  guint counts[G_N_ELEMENTS (candidates)] = { 0 };
  gboolean quoted = FALSE, content = FALSE;
  guint best = 0;

  for (gsize i = self->pos; i < self->length; i++)
    {
      char c = self->data[i];

      if (c == '"')
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (c == '\r' || c == '\n')
        {
          /* Blank lines before the header are skipped. */
          if (content)
            break;
          continue;
        }
      content = TRUE;
      for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
        counts[k] += c == candidates[k];
    }

  for (guint k = 1; k < G_N_ELEMENTS (candidates); k++)
    if (counts[k] > counts[best])
      best = k;
  return candidates[best];
}

static gboolean
read_header (Reader     *self,
             GPtrArray  *fields,
             GError    **error)
{
  gboolean blank = TRUE;
  guint line = 1;
  ReadResult result;

  self->delimiter = sniff_delimiter (self);

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
  link_type_columns (self);

  /* A row without a name takes its company or email for one (see
   * make_contact ()), but a file without any of them has no header. */
  if (!has_field (self, FIELD_NAME) &&
      !has_field (self, FIELD_GIVEN_NAME) &&
      !has_field (self, FIELD_FAMILY_NAME) &&
      !has_field (self, FIELD_COMPANY) &&
      !has_field (self, FIELD_EMAIL) &&
      !has_field (self, FIELD_EMAILS))
    {
      set_error (self, error, RAPPORT_IMPORT_ERROR_MISSING_FIELD, line,
                 _("no \"name\", \"company\" or \"email\" column; the first row must be a header "
                   "naming the columns (name, company, email, …)"));
      return FALSE;
    }
  return TRUE;
}

/* The first value of a multi-value cell ("a@x.org ::: b@y.org",
 * "a@x.org; b@y.org"). */
static char *
first_value (const char *text)
{
  const char *separator = strstr (text, GOOGLE_SEPARATOR);
  gsize length = separator != NULL ? (gsize) (separator - text) : strlen (text);
  const char *semicolon = memchr (text, ';', length);

  if (semicolon != NULL)
    length = semicolon - text;
  return g_strstrip (g_strndup (text, length));
}

/* "vip; Golf", "vip, Golf" and Google's "* myContacts ::: Golf" alike. */
static GStrv
split_tags (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) groups = g_strsplit (text, ":::", -1);

  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit_set (groups[i], ";,", -1);

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
      if (column->info.field != FIELD_NOTES)
        g_strstrip (value);
      if (column->info.field == FIELD_NONE || value[0] == '\0' || column->info.rank >= ranks[column->info.field])
        continue;
      values[column->info.field] = rapport_csv_formula_unguard (value);
      columns[column->info.field] = i;
      ranks[column->info.field] = column->info.rank;
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

static gboolean
is_value_column (Column *column)
{
  return column->info.field == FIELD_EMAIL || column->info.field == FIELD_PHONE ||
         column->info.field == FIELD_EMAILS || column->info.field == FIELD_PHONES;
}

/* Every email or phone of one cell: Google joins several with " ::: ",
 * Outlook and Rapport's "emails" and "phones" columns with ";" (so a ";"
 * always separates: a value with one would not come back the same). */
static void
add_cell_values (Reader         *self,
                 GPtrArray      *fields,
                 guint           index,
                 RapportContact *contact)
{
  Column *column = &g_array_index (self->columns, Column, index);
  const char *cell = rapport_csv_formula_unguard (g_ptr_array_index (fields, index));
  const char *types = column->info.types;
  g_auto(GStrv) groups = NULL;
  int pref = 0;

  if (column->type_column < fields->len)
    types = _rapport_csv_label_types (g_ptr_array_index (fields, column->type_column), &pref);

  /* One value, as most cells hold: no need to split it. */
  if (strchr (cell, ';') == NULL && strstr (cell, GOOGLE_SEPARATOR) == NULL)
    {
      rapport_contact_add_value (contact, column->info.kind, cell, types, pref);
      return;
    }
  groups = g_strsplit (cell, GOOGLE_SEPARATOR, -1);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_auto(GStrv) items = g_strsplit (groups[i], ";", -1);

      for (guint j = 0; items[j] != NULL; j++)
        rapport_contact_add_value (contact, column->info.kind, items[j], types,
                                   i == 0 && j == 0 ? pref : 0);
    }
}

/* The preferred email and phone first (the best column of each), then
 * every other in the file's order. */
static void
add_values (Reader         *self,
            GPtrArray      *fields,
            const guint    *columns,
            RapportContact *contact)
{
  if (columns[FIELD_EMAIL] < fields->len)
    add_cell_values (self, fields, columns[FIELD_EMAIL], contact);
  if (columns[FIELD_PHONE] < fields->len)
    add_cell_values (self, fields, columns[FIELD_PHONE], contact);
  for (guint i = 0; i < fields->len; i++)
    {
      Column *column = &g_array_index (self->columns, Column, i);

      if (is_value_column (column) && i != columns[FIELD_EMAIL] && i != columns[FIELD_PHONE])
        add_cell_values (self, fields, i, contact);
    }
  rapport_contact_finish (contact);
}

/* A row without a name goes by its company (it is an organisation's),
 * else by its email or phone.  FALSE if it has none of them. */
static gboolean
name_without_name (RapportContact *contact)
{
  const char *name = NULL;

  if (contact->company[0] != '\0')
    {
      name = contact->company;
      contact->is_org = TRUE;
    }
  else if (contact->email[0] != '\0')
    name = contact->email;
  else if (contact->phone[0] != '\0')
    name = contact->phone;
  else
    return FALSE;
  g_free (contact->name);
  contact->name = g_strdup (name);
  return TRUE;
}

/* A status of another CRM: mapped when its meaning is clear, else kept
 * as a tag, with a word in the notes. */
static const char *
read_status (Reader      *self,
             const char  *value,
             guint        column,
             guint        line,
             char       **tag)
{
  const char *status = _rapport_csv_map_status (value);
  g_autofree char *where = NULL;
  g_autofree char *quoted = NULL;

  *tag = NULL;
  if (status != NULL)
    return status;
  *tag = g_strdup (value);
  if (!g_hash_table_add (self->unknown_statuses, g_strdup (value)))
    return "";
  where = describe_column (self, column);
  quoted = quote_value (value);
  rapport_import_notes_warn (self->notes,
                             _("%s:%u: %s: status %s is not prospect, customer or former; kept as a tag"),
                             self->display_name, line, where, quoted);
  return "";
}

static RapportContact *make_empty_row (guint line);

static RapportContact *
make_contact (Reader     *self,
              GPtrArray  *fields,
              guint       line,
              GError    **error)
{
  g_autoptr(RapportContact) contact = rapport_contact_new ();
  g_autofree char *status_tag = NULL;
  g_autofree char *tags = NULL;
  const char *values[N_FIELDS];
  guint columns[N_FIELDS];
  const char *status, *satisfaction;
  gint64 when;

  pick_values (self, fields, values, columns);
  contact->line = line;

  g_free (contact->company);
  contact->company = g_strdup (values[FIELD_COMPANY]);
  g_free (contact->email);
  contact->email = first_value (values[FIELD_EMAIL]);
  g_free (contact->phone);
  contact->phone = first_value (values[FIELD_PHONE]);
  add_values (self, fields, columns, contact);

  g_free (contact->name);
  contact->name = compose_name (values);
  if (contact->name[0] == '\0' && !name_without_name (contact))
    {
      /* Counted in the summary; where the first one is, told once. */
      rapport_import_notes_count (self->notes, _("rows without a name, company, email or phone"));
      if (self->nameless++ == 0)
        rapport_import_notes_warn (self->notes,
                                   _("%s:%u: a row without a name, company, email or phone was skipped"),
                                   self->display_name, line);
      return make_empty_row (line);
    }
  /* First, middle and last names each within the limit may still make a
   * name over it, which rapport_csv_write () would write and this refuse. */
  if (strlen (contact->name) > RAPPORT_CSV_MAX_FIELD)
    {
      set_error (self, error, RAPPORT_IMPORT_ERROR_INVALID_VALUE, line,
                 _("the name is longer than the limit of %u KiB"), RAPPORT_CSV_MAX_FIELD / 1024);
      return NULL;
    }

  if (values[FIELD_UID][0] != '\0')
    contact->uid = g_strdup (values[FIELD_UID]);

  status = read_status (self, values[FIELD_STATUS], columns[FIELD_STATUS], line, &status_tag);

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

  g_free (contact->status);
  contact->status = g_strdup (status);
  g_free (contact->satisfaction);
  contact->satisfaction = g_strdup (satisfaction);
  g_free (contact->notes);
  contact->notes = g_strdup (values[FIELD_NOTES]);
  tags = g_strjoin (";", values[FIELD_TAGS], status_tag, NULL);
  g_strfreev (contact->tags);
  contact->tags = split_tags (tags);

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

/* Excel where ";" separates ends every row with one, header or not: one
 * empty field at the end more, or less, than the header has is no field. */
static void
fit_to_header (Reader    *self,
               GPtrArray *fields)
{
  guint columns = self->columns->len;

  if (fields->len == columns + 1 && is_blank (g_ptr_array_index (fields, columns)))
    g_ptr_array_set_size (fields, columns);
  else if (fields->len + 1 == columns &&
           g_array_index (self->columns, Column, columns - 1).title[0] == '\0')
    g_ptr_array_add (fields, g_strdup (""));
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

      fit_to_header (self, fields);
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
 * @data: the file's bytes, UTF-8 with or without a byte order mark, or UTF-16
 * @length: their number
 * @notes: (nullable): where what was read with a guess, or skipped, is told
 * @error: where a problem is reported, naming file and line
 *
 * Reads a header row and one customer per record, separated by ",", ";"
 * or tabs, whichever the header uses.  Rows with nothing in them, blank
 * lines included, come back as all-empty contacts: the importer skips and
 * counts them.
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
  g_autoptr(GBytes) text = NULL;
  g_autoptr(GHashTable) unknown_statuses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Reader reader = { display_name, NULL, 0, 0, 1, columns, field, ',', notes, unknown_statuses, 0 };

  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_array_set_clear_func (columns, clear_column);

  /* UTF-16 (Outlook's "Unicode" CSV) becomes UTF-8, a byte order mark goes. */
  text = rapport_text_decode (display_name, data, length, NULL, error);
  if (text == NULL)
    return NULL;
  reader.data = g_bytes_get_data (text, &reader.length);
  if (reader.data == NULL)
    reader.data = "";

  if (!read_header (&reader, fields, error) ||
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

/* The emails (or phones) besides the preferred one, ';'-joined: the
 * "emails" and "phones" columns. */
static char *
other_values (RapportContact   *contact,
              RapportValueKind  kind,
              const char       *preferred)
{
  GString *joined = g_string_new (NULL);

  for (guint i = 0; i < contact->values->len; i++)
    {
      const RapportContactValue *v = g_ptr_array_index (contact->values, i);

      if (v->kind != kind || g_strcmp0 (v->value, preferred) == 0)
        continue;
      g_string_append_printf (joined, "%s%s", joined->len ? ";" : "", v->value);
    }
  return g_string_free (joined, FALSE);
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
  g_string_append (out, "name,company,email,phone,status,satisfaction,tags,notes,next_check_in,"
                        "emails,phones,uid\r\n");

  for (guint i = 0; i < contacts->len; i++)
    {
      RapportContact *contact = g_ptr_array_index (contacts, i);
      g_autofree char *tags = NULL;
      g_autofree char *emails = NULL;
      g_autofree char *phones = NULL;

      rapport_contact_finish (contact);
      tags = g_strjoinv (";", contact->tags);
      emails = other_values (contact, RAPPORT_VALUE_EMAIL, contact->email);
      phones = other_values (contact, RAPPORT_VALUE_PHONE, contact->phone);
      {
        const char *values[] = {
          contact->name, contact->company, contact->email, contact->phone, contact->status,
          contact->satisfaction, tags, contact->notes, contact->next_check_in, emails, phones,
          contact->uid,
        };

        for (guint j = 0; j < G_N_ELEMENTS (values); j++)
          {
            if (j > 0)
              g_string_append_c (out, ',');
            append_field (out, values[j]);
          }
      }
      g_string_append (out, "\r\n");
    }

  return g_string_free (out, FALSE);
}
