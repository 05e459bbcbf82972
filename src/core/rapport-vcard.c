/* rapport-vcard.c: reading vCard 3.0/4.0 files, writing vCard 4.0
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading follows RFC 6350 (4.0) and RFC 2426 (3.0), plus the subset of
 * vCard 2.1 that phones still export (bare parameters, quoted-printable
 * with soft line breaks, CHARSET).  It goes in two steps: content lines
 * are unfolded and parsed into properties as they come, and when a card
 * ends, the properties it kept become one RapportContact.
 */

#define G_LOG_DOMAIN "rapport-vcard"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "rapport-text-decode.h"
#include "rapport-time.h"
#include "rapport-customer-card.h"
#include "rapport-vcard.h"
#include "rapport-vcard-private.h"

/* Octets per physical line, without the CRLF (RFC 6350 section 3.2). */
#define FOLD_WIDTH 75

/* The lowest preference: RFC 6350's PREF runs from 1 (most) to 100. */
#define NO_PREF 101

/* What vCard 2.1 files without a CHARSET are in when they are not UTF-8:
 * phones and Outlook of the Windows era wrote the system's code page. */
#define FALLBACK_CHARSET "WINDOWS-1252"

typedef struct
{
  guint      line;
  char      *name;     /* upper case, without its group */
  char      *group;    /* "item1" of Apple's "item1.EMAIL", or "" */
  char      *raw;      /* the content line as read (unfolded), for keeping verbatim */
  gboolean   nested;   /* "a.b.EMAIL": nested groups are not vCard */
  GPtrArray *params;   /* "NAME=value", NAME upper case, one per value */
  char      *value;    /* unfolded, still escaped and maybe encoded: in raw, or owned_value */
  char      *owned_value;  /* a value that is no longer raw's tail, or NULL */
} Property;

typedef struct
{
  guint      line;         /* of its BEGIN:VCARD */
  GPtrArray *properties;   /* in file order */
  guint      n_values[4];  /* EMAIL, TEL, ADR, URL kept so far */
  guint      n_other;      /* properties Rapport does not read, kept so far */
} Card;

typedef struct
{
  const char *display_name;
  const char *cursor;
  const char *end;
  guint       next_line;   /* the physical line at cursor, from 1 */
  RapportImportNotes *notes;  /* what was not kept; may be NULL */
  guint       fallbacks;       /* properties read as FALLBACK_CHARSET */
  guint       fallback_line;   /* the first and the last of them */
  guint       last_fallback_line;
  GString    *scratch;         /* for parse_param (), reused */
} Reader;

/* The properties Rapport reads into fields; every other one is kept as it
 * was written. */
static const char * const read_properties[] = {
  "BEGIN", "END", "VERSION", "FN", "N", "KIND", "UID", "ORG", "TITLE", "ROLE", "BDAY",
  "ANNIVERSARY", "NOTE", "CATEGORIES", "PHOTO", "EMAIL", "TEL", "ADR", "URL",
  "X-RAPPORT-STATUS", "X-RAPPORT-SATISFACTION", "X-RAPPORT-NEXT-CHECK-IN", NULL
};
static const char * const value_properties[] = { "EMAIL", "TEL", "ADR", "URL", NULL };

static const char * const statuses[] = { "prospect", "customer", "former", NULL };
static const char * const satisfactions[] = { "unknown", "unhappy", "satisfied", "delighted", NULL };

static void
property_free (Property *prop)
{
  g_free (prop->name);
  g_free (prop->group);
  g_free (prop->raw);
  g_ptr_array_unref (prop->params);
  g_free (prop->owned_value);
  g_free (prop);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Property, property_free)

static Card *
card_new (guint line)
{
  Card *card = g_new0 (Card, 1);

  card->line = line;
  card->properties = g_ptr_array_new_with_free_func ((GDestroyNotify) property_free);
  return card;
}

static void
card_free (Card *card)
{
  g_ptr_array_unref (card->properties);
  g_free (card);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Card, card_free)

static gboolean G_GNUC_PRINTF (5, 6)
reader_error (Reader      *self,
              GError     **error,
              int          code,
              guint        line,
              const char  *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, RAPPORT_IMPORT_ERROR, code, "%s:%u: %s",
               self->display_name, line, message);
  return FALSE;
}

/* Line ends are those of reader_take_physical (). */
static guint
line_at (const char *data,
         const char *position)
{
  return 1 + rapport_text_count_line_ends (data, position - data);
}

/* ---- Content lines ---------------------------------------------------- */

static gboolean
reader_take_physical (Reader      *self,
                      const char **start,
                      gsize       *length)
{
  const char *p = self->cursor;

  if (p >= self->end)
    return FALSE;
  while (p < self->end && *p != '\n' && *p != '\r')
    p++;
  *start = self->cursor;
  *length = p - self->cursor;
  p += rapport_text_line_end (p, self->end - p);
  self->cursor = p;
  self->next_line++;
  return TRUE;
}

/* Reads one content line into @text, unfolding the physical lines that
 * continue it (those starting with a space or a tab).  The fold is undone
 * on bytes, so an exporter that split a UTF-8 character is forgiven. */
static gboolean
reader_take_logical (Reader  *self,
                     GString *text,
                     guint   *line)
{
  const char *start;
  gsize length;

  *line = self->next_line;
  if (!reader_take_physical (self, &start, &length))
    return FALSE;

  g_string_truncate (text, 0);
  g_string_append_len (text, start, length);
  while (self->cursor < self->end && (*self->cursor == ' ' || *self->cursor == '\t'))
    {
      reader_take_physical (self, &start, &length);
      g_string_append_len (text, start + 1, length - 1);
    }
  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_';
}

/* Nokia and Sony Ericsson phones wrote names such as "X-messaging/aim-All";
 * they are not kept as anything Rapport knows, but they must not stop a
 * file from being read. */
static gboolean
is_property_name_char (char c)
{
  return is_name_char (c) || c == '/';
}

static gboolean
is_encoding_name (const char *name)
{
  return g_str_equal (name, "QUOTED-PRINTABLE") || g_str_equal (name, "BASE64") ||
         g_str_equal (name, "8BIT") || g_str_equal (name, "7BIT");
}

/* A parameter value, quoted or not, appended to @value; quoted ones may
 * hold ':', ';' and ',' and RFC 6868's ^n, ^' and ^^. */
static gboolean
parse_param_value (Reader      *self,
                   const char **cursor,
                   guint        line,
                   GString     *value,
                   GError     **error)
{
  const char *p = *cursor;

  if (*p != '"')
    {
      gsize length = strcspn (p, ";:,\"");

      g_string_append_len (value, p, length);
      *cursor = p + length;
      return TRUE;
    }

  for (p++; *p != '"'; p++)
    {
      if (*p == '\0')
        return reader_error (self, error, RAPPORT_IMPORT_ERROR_SYNTAX, line,
                             _("a quoted parameter value has no closing quote"));
      if (*p != '^' || (p[1] != 'n' && p[1] != 'N' && p[1] != '\'' && p[1] != '^'))
        {
          g_string_append_c (value, *p);
          continue;
        }
      p++;
      g_string_append_c (value, *p == '\'' ? '"' : *p == '^' ? '^' : '\n');
    }
  *cursor = p + 1;
  return TRUE;
}

/* One ";NAME=value,value" or, in vCard 2.1, a bare ";VALUE".  @scratch
 * is where each "NAME=value" is put together, reused line after line. */
static gboolean
parse_param (Reader      *self,
             Property    *prop,
             const char **cursor,
             GString     *scratch,
             GError     **error)
{
  const char *p = *cursor + 1;
  const char *start = p;
  gsize name_length;

  while (is_name_char (*p))
    p++;
  if (p == start || (*p != '=' && *p != ';' && *p != ':'))
    return reader_error (self, error, RAPPORT_IMPORT_ERROR_SYNTAX, prop->line,
                         _("%s has a malformed parameter"), prop->name);
  name_length = p - start;
  g_string_truncate (scratch, 0);
  g_string_append_len (scratch, start, name_length);
  for (gsize i = 0; i < name_length; i++)
    scratch->str[i] = g_ascii_toupper (scratch->str[i]);

  if (*p != '=')
    {
      g_string_prepend (scratch, is_encoding_name (scratch->str) ? "ENCODING=" : "TYPE=");
      g_ptr_array_add (prop->params, g_strndup (scratch->str, scratch->len));
      *cursor = p;
      return TRUE;
    }

  g_string_append_c (scratch, '=');
  do
    {
      p++;
      g_string_truncate (scratch, name_length + 1);
      if (!parse_param_value (self, &p, prop->line, scratch, error))
        return FALSE;
      g_ptr_array_add (prop->params, g_strndup (scratch->str, scratch->len));
    }
  while (*p == ',');

  if (*p != ';' && *p != ':')
    return reader_error (self, error, RAPPORT_IMPORT_ERROR_SYNTAX, prop->line,
                         _("%s has a malformed parameter"), prop->name);
  *cursor = p;
  return TRUE;
}

static gboolean
error_no_colon (Reader      *self,
                const char  *text,
                guint        line,
                GError     **error)
{
  g_autofree char *excerpt = g_utf8_substring (text, 0, MIN (g_utf8_strlen (text, -1), 30));

  return reader_error (self, error, RAPPORT_IMPORT_ERROR_SYNTAX, line,
                       _("“%s” is not a vCard property: it has no “:”"), excerpt);
}

/* Parses "[group.]NAME[;param…]:value"; the group ("item1." in Apple's
 * exports) ties properties together, so it is kept with them.  Nested
 * groups ("a.b.EMAIL") are not vCard: the property says so and the card
 * leaves it out. */
static Property *
parse_property (Reader      *self,
                const char  *text,
                gsize        length,
                guint        line,
                GString     *scratch,
                GError     **error)
{
  g_autoptr(Property) prop = g_new0 (Property, 1);
  const char *p = text;
  const char *name;

  prop->line = line;
  prop->params = g_ptr_array_new_with_free_func (g_free);
  if (strchr (text, ':') == NULL)
    {
      error_no_colon (self, text, line, error);
      return NULL;
    }

  for (name = p; is_property_name_char (*p); p++)
    ;
  if (*p == '.' && p > name)
    {
      prop->group = g_strndup (name, p - name);
      for (name = ++p; is_property_name_char (*p); p++)
        ;
      while (*p == '.' && p > name)
        {
          prop->nested = TRUE;
          for (name = ++p; is_property_name_char (*p); p++)
            ;
        }
    }
  else
    prop->group = g_strdup ("");
  if (p == name || (*p != ';' && *p != ':'))
    {
      g_autofree char *bad = g_strndup (text, strcspn (text, ";:"));

      reader_error (self, error, RAPPORT_IMPORT_ERROR_SYNTAX, line,
                    _("“%s” is not a valid property name"), bad);
      return NULL;
    }
  prop->name = g_ascii_strup (name, p - name);

  while (*p == ';')
    {
      if (!parse_param (self, prop, &p, scratch, error))
        return NULL;
    }
  /* The value is the tail of the line as read, not a copy of it. */
  prop->raw = g_strndup (text, length);
  prop->value = prop->raw + (p + 1 - text);
  return g_steal_pointer (&prop);
}

/* The next item of the ','-separated @list, from *@cursor, without the
 * spaces around it; FALSE past the last one.  No copy is made. */
static gboolean
next_list_item (const char **cursor,
                const char **item,
                gsize       *length)
{
  const char *start = *cursor, *end;

  if (start == NULL)
    return FALSE;
  end = strchrnul (start, ',');
  *cursor = *end == ',' ? end + 1 : NULL;
  while (start < end && g_ascii_isspace (*start))
    start++;
  while (end > start && g_ascii_isspace (end[-1]))
    end--;
  *item = start;
  *length = end - start;
  return TRUE;
}

static gboolean
item_is (const char *item,
         gsize       length,
         const char *word)
{
  return strlen (word) == length && g_ascii_strncasecmp (item, word, length) == 0;
}

static gboolean
param_is (Property   *prop,
          const char *name,
          const char *value)
{
  gsize name_length = strlen (name);

  for (guint i = 0; i < prop->params->len; i++)
    {
      const char *param = g_ptr_array_index (prop->params, i);
      const char *cursor, *item;
      gsize length;

      if (strncmp (param, name, name_length) != 0 || param[name_length] != '=')
        continue;
      /* TYPE="work,pref" is a list even though it is quoted. */
      cursor = param + name_length + 1;
      while (next_list_item (&cursor, &item, &length))
        if (item_is (item, length, value))
          return TRUE;
    }
  return FALSE;
}

static const char *
param_get (Property   *prop,
           const char *name)
{
  gsize name_length = strlen (name);

  for (guint i = 0; i < prop->params->len; i++)
    {
      const char *param = g_ptr_array_index (prop->params, i);

      if (strncmp (param, name, name_length) == 0 && param[name_length] == '=')
        return param + name_length + 1;
    }
  return NULL;
}

static gboolean
is_quoted_printable (Property *prop)
{
  return param_is (prop, "ENCODING", "QUOTED-PRINTABLE");
}

/* Quoted-printable lines that end in "=" go on on the next line, which is
 * not indented (a "soft line break", RFC 2045 section 6.7). */
static gboolean
take_soft_line_breaks (Reader    *self,
                       Property  *prop,
                       GError   **error)
{
  g_autoptr(GString) value = NULL;
  g_autoptr(GString) next = NULL;
  g_autofree char *raw = NULL;
  gsize prefix;
  guint line;

  if (!is_quoted_printable (prop) || !g_str_has_suffix (prop->value, "="))
    return TRUE;

  prefix = prop->value - prop->raw;
  value = g_string_new (prop->value);
  next = g_string_new (NULL);
  while (value->len > 0 && value->str[value->len - 1] == '=')
    {
      g_string_truncate (value, value->len - 1);
      if (!reader_take_logical (self, next, &line))
        return reader_error (self, error, RAPPORT_IMPORT_ERROR_SYNTAX, prop->line,
                             _("the quoted-printable value of %s runs past the end of the file"),
                             prop->name);
      g_string_append_len (value, next->str, next->len);
    }
  raw = g_steal_pointer (&prop->raw);
  g_string_prepend_len (value, raw, prefix);
  prop->raw = g_string_free (g_steal_pointer (&value), FALSE);
  prop->value = prop->raw + prefix;
  return TRUE;
}

/* ---- Content lines in other character sets ----------------------------- */

static gboolean decode_quoted_printable (const char *text,
                                         GString    *bytes);

/* A file read as FALLBACK_CHARSET is told once, with where it starts. */
static void
note_fallback (Reader *self,
               guint   line)
{
  if (line == self->last_fallback_line)
    return;
  if (self->fallbacks++ == 0)
    self->fallback_line = line;
  self->last_fallback_line = line;
}

/* The value of parameter @name ("CHARSET") in the raw @head of a content
 * line (what comes before its ':'), or NULL.  The line is not parsed yet,
 * because it is not text yet; parameter names are ASCII in any charset. */
static char *
head_param (const char *head,
            gsize       length,
            const char *name)
{
  g_auto(GStrv) params = NULL;
  g_autofree char *copy = g_strndup (head, length);
  gsize name_length = strlen (name);

  params = g_strsplit (copy, ";", -1);
  /* An empty head (":value") splits into no parts at all. */
  for (guint i = 1; params[0] != NULL && params[i] != NULL; i++)
    {
      char *param = g_strstrip (params[i]);

      if (g_ascii_strncasecmp (param, name, name_length) == 0 && param[name_length] == '=')
        return g_strdup (g_strstrip (g_strdelimit (param + name_length + 1, "\"", ' ')));
      /* vCard 2.1's bare ";QUOTED-PRINTABLE" */
      if (g_ascii_strcasecmp (param, name) == 0)
        return g_strdup ("");
    }
  return NULL;
}

static gboolean
head_is_quoted_printable (const char *head,
                          gsize       length)
{
  g_autofree char *encoding = head_param (head, length, "ENCODING");
  g_autofree char *bare = head_param (head, length, "QUOTED-PRINTABLE");

  return bare != NULL || (encoding != NULL && g_ascii_strcasecmp (encoding, "QUOTED-PRINTABLE") == 0);
}

/* The property's name for a message, from a line that is not text yet. */
static char *
head_name (const char *head,
           gsize       length)
{
  const char *p = head, *name = head;

  for (; p < head + length && (is_property_name_char (*p) || *p == '.'); p++)
    if (*p == '.')
      name = p + 1;
  if (p == name)
    return g_strdup (_("the line"));
  return g_ascii_strup (name, p - name);
}

static gboolean
is_utf8_name (const char *charset)
{
  return g_ascii_strcasecmp (charset, "UTF-8") == 0 || g_ascii_strcasecmp (charset, "UTF8") == 0;
}

/* iconv's names are short words of these; anything else is not a charset
 * but noise, and is not handed to iconv. */
static gboolean
is_charset_name (const char *charset)
{
  if (charset[0] == '\0' || strlen (charset) > 40)
    return FALSE;
  for (const char *p = charset; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("-_.:", *p) == NULL)
      return FALSE;
  return TRUE;
}

/* @length bytes in @charset as UTF-8 text without NUL, or NULL; *@unknown
 * tells a charset iconv does not know from bytes that are not in it. */
static char *
convert_text (const char *bytes,
              gsize       length,
              const char *charset,
              gboolean   *unknown)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize written = 0;

  *unknown = !is_charset_name (charset);
  if (*unknown)
    return NULL;
  text = g_convert (bytes, length, "UTF-8", charset, NULL, &written, &error);
  if (text == NULL)
    {
      *unknown = g_error_matches (error, G_CONVERT_ERROR, G_CONVERT_ERROR_NO_CONVERSION);
      return NULL;
    }
  /* UTF-7's "+AAA-" is a NUL, and nothing after one would be read. */
  if (memchr (text, '\0', written) != NULL || !g_utf8_validate_len (text, written, NULL))
    return NULL;
  return g_steal_pointer (&text);
}

static gboolean
conversion_error (Reader      *self,
                  const char  *name,
                  const char  *charset,
                  gboolean     unknown,
                  guint        line,
                  GError     **error)
{
  if (unknown)
    return reader_error (self, error, RAPPORT_IMPORT_ERROR_ENCODING, line,
                         _("%s is in the character set “%s”, which is not known"), name, charset);
  if (charset == NULL)
    return reader_error (self, error, RAPPORT_IMPORT_ERROR_ENCODING, line,
                         _("%s is neither UTF-8 nor Windows-1252 text; save the file as UTF-8 and try again"),
                         name);
  return reader_error (self, error, RAPPORT_IMPORT_ERROR_ENCODING, line,
                       _("%s is not valid text in the character set %s"), name, charset);
}

/* Appends the bytes of @text, each one above ASCII as "=XX". */
static void
append_escaped_eight_bit (GString    *out,
                          const char *text,
                          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    {
      if ((guchar) text[i] < 0x80)
        g_string_append_c (out, text[i]);
      else
        g_string_append_printf (out, "=%02X", (guchar) text[i]);
    }
}

/* Once a line is converted, its CHARSET is no longer true of it; it goes,
 * so that a property kept as written is not converted again by whoever
 * reads Rapport's export. */
static void
drop_charset (GString *line)
{
  const char *colon = strchr (line->str, ':');
  gsize head = colon != NULL ? (gsize) (colon - line->str) : line->len;
  g_autofree char *head_text = g_strndup (line->str, head);
  g_auto(GStrv) params = g_strsplit (head_text, ";", -1);
  g_autoptr(GString) out = g_string_new (params[0]);

  for (guint i = 1; params[0] != NULL && params[i] != NULL; i++)
    {
      if (g_ascii_strncasecmp (params[i] + strspn (params[i], " "), "CHARSET=", 8) == 0)
        continue;
      g_string_append_c (out, ';');
      g_string_append (out, params[i]);
    }
  g_string_append (out, line->str + head);
  g_string_assign (line, out->str);
}

/* A content line that is not UTF-8 is in its CHARSET, or without one in
 * FALLBACK_CHARSET, and becomes UTF-8 here, before it is parsed.  A
 * quoted-printable value is the exception: its 8-bit bytes become "=XX"
 * escapes, so that they and the escaped ones are converted together after
 * decoding, in property_decode (). */
static gboolean
line_to_utf8 (Reader   *self,
              GString  *text,
              guint     line,
              GError  **error)
{
  const char *colon = memchr (text->str, ':', text->len);
  gsize head = colon != NULL ? (gsize) (colon - text->str) : text->len;
  g_autofree char *charset = head_param (text->str, head, "CHARSET");
  g_autofree char *name = head_name (text->str, head);
  g_autoptr(GString) line_text = g_string_sized_new (text->len * 2);
  gboolean quoted_printable = head_is_quoted_printable (text->str, head);
  gsize convert = quoted_printable ? head : text->len;
  gboolean unknown = FALSE;
  g_autofree char *converted = NULL;

  if (charset != NULL && is_utf8_name (charset))
    return reader_error (self, error, RAPPORT_IMPORT_ERROR_ENCODING, line,
                         _("%s is not valid UTF-8 text"), name);

  if (g_utf8_validate_len (text->str, convert, NULL))
    g_string_append_len (line_text, text->str, convert);
  else
    {
      converted = convert_text (text->str, convert, charset != NULL ? charset : FALLBACK_CHARSET,
                                &unknown);
      if (converted == NULL)
        return conversion_error (self, name, charset, unknown, line, error);
      g_string_append (line_text, converted);
      if (charset == NULL)
        note_fallback (self, line);
    }
  append_escaped_eight_bit (line_text, text->str + convert, text->len - convert);
  if (!quoted_printable)
    drop_charset (line_text);

  g_string_truncate (text, 0);
  g_string_append_len (text, line_text->str, line_text->len);
  return TRUE;
}

/* A quoted-printable value as it came, maybe over several lines, and what
 * its escapes stand for: 8-bit bytes become escapes too (see
 * line_to_utf8 ()), and text in no named charset that is not UTF-8 is
 * noted, as property_decode () will read it as FALLBACK_CHARSET. */
static void
check_quoted_printable (Reader   *self,
                        Property *prop)
{
  g_autoptr(GString) bytes = NULL;

  if (!g_utf8_validate (prop->value, -1, NULL))
    {
      g_autoptr(GString) escaped = g_string_new (NULL);

      append_escaped_eight_bit (escaped, prop->value, strlen (prop->value));
      g_free (prop->owned_value);
      prop->value = prop->owned_value = g_string_free (g_steal_pointer (&escaped), FALSE);
    }

  if (param_get (prop, "CHARSET") != NULL)
    return;
  bytes = g_string_new (NULL);
  if (decode_quoted_printable (prop->value, bytes) &&
      !g_utf8_validate_len (bytes->str, bytes->len, NULL) &&
      memchr (bytes->str, '\0', bytes->len) == NULL)
    note_fallback (self, prop->line);
}

/* The next property, in *@prop; NULL there at the end of the file. */
static gboolean
reader_take_property (Reader    *self,
                      GString   *text,
                      Property **prop,
                      GError   **error)
{
  guint line;

  *prop = NULL;
  do
    {
      if (!reader_take_logical (self, text, &line))
        return TRUE;
    }
  while (is_blank (text->str));

  if (!g_utf8_validate_len (text->str, text->len, NULL) &&
      !line_to_utf8 (self, text, line, error))
    return FALSE;

  *prop = parse_property (self, text->str, text->len, line, self->scratch, error);
  if (*prop == NULL || !take_soft_line_breaks (self, *prop, error))
    {
      g_clear_pointer (prop, property_free);
      return FALSE;
    }
  if (is_quoted_printable (*prop))
    check_quoted_printable (self, *prop);
  return TRUE;
}

/* ---- Values ----------------------------------------------------------- */

static int
hex_value (char c)
{
  return g_ascii_isxdigit (c) ? g_ascii_xdigit_value (c) : -1;
}

static gboolean
decode_quoted_printable (const char *text,
                         GString    *bytes)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      int high, low;

      if (*p != '=')
        {
          g_string_append_c (bytes, *p);
          continue;
        }
      high = hex_value (p[1]);
      low = high < 0 ? -1 : hex_value (p[2]);
      if (low < 0)
        return FALSE;
      g_string_append_c (bytes, (char) (high * 16 + low));
      p += 2;
    }
  return TRUE;
}

/* Undoes quoted-printable and converts from CHARSET, giving UTF-8 text
 * that still carries its vCard escapes.  Without a CHARSET, bytes that are
 * not UTF-8 are read as FALLBACK_CHARSET (check_quoted_printable () has
 * noted it). */
static char *
property_decode (Reader    *self,
                 Property  *prop,
                 GError   **error)
{
  g_autoptr(GString) bytes = g_string_new (NULL);
  const char *charset = param_get (prop, "CHARSET");
  g_autofree char *text = NULL;
  gboolean unknown = FALSE;

  if (param_is (prop, "ENCODING", "B") || param_is (prop, "ENCODING", "BASE64"))
    {
      reader_error (self, error, RAPPORT_IMPORT_ERROR_INVALID_VALUE, prop->line,
                    _("%s is base64-encoded, which is not supported for text"), prop->name);
      return NULL;
    }
  if (!is_quoted_printable (prop))
    return g_strdup (prop->value);

  if (!decode_quoted_printable (prop->value, bytes))
    {
      reader_error (self, error, RAPPORT_IMPORT_ERROR_INVALID_VALUE, prop->line,
                    _("%s has a malformed quoted-printable value"), prop->name);
      return NULL;
    }
  /* Nothing, in any charset, makes the NUL of "=00" text. */
  if (memchr (bytes->str, '\0', bytes->len) != NULL)
    {
      conversion_error (self, prop->name, charset != NULL ? charset : "UTF-8", FALSE,
                        prop->line, error);
      return NULL;
    }
  if ((charset == NULL || is_utf8_name (charset)) && g_utf8_validate_len (bytes->str, bytes->len, NULL))
    return g_strndup (bytes->str, bytes->len);
  if (charset != NULL && is_utf8_name (charset))
    {
      conversion_error (self, prop->name, charset, FALSE, prop->line, error);
      return NULL;
    }

  text = convert_text (bytes->str, bytes->len, charset != NULL ? charset : FALLBACK_CHARSET, &unknown);
  if (text == NULL)
    {
      conversion_error (self, prop->name, charset, unknown, prop->line, error);
      return NULL;
    }
  return g_steal_pointer (&text);
}

/* The value of @prop as property_decode () gives it, without a copy when
 * there is nothing to decode (no ENCODING at all); *@decoded owns it
 * otherwise.  NULL on an error. */
static const char *
property_text (Reader    *self,
               Property  *prop,
               char     **decoded,
               GError   **error)
{
  if (param_get (prop, "ENCODING") == NULL)
    return prop->value;
  *decoded = property_decode (self, prop, error);
  return *decoded;
}

/* Undoes the escapes of RFC 6350 section 3.4 and normalises line ends to
 * "\n".  Exporters also escape other characters (Google writes "\:"), so
 * any other escaped character stands for itself.  vCard 2.1 only escapes
 * ";", so there a backslash before anything else is a backslash. */
static void
append_unescaped (GString    *out,
                  const char *text,
                  gsize       length,
                  gboolean    legacy)
{
  const char *end = text + length;

  for (const char *p = text; p < end; p++)
    {
      /* Nothing escapes a CR (quoted-printable can put one after a
       * backslash): the backslash is kept and the CR ends a line, so the
       * value reads back the same from rapport_vcard_write (). */
      if (*p == '\\' && p + 1 < end && (!legacy || p[1] == ';') && p[1] != '\r')
        {
          p++;
          g_string_append_c (out, (*p == 'n' || *p == 'N') ? '\n' : *p);
        }
      else if (*p == '\r')
        {
          if (p + 1 < end && p[1] == '\n')
            p++;
          g_string_append_c (out, '\n');
        }
      else
        g_string_append_c (out, *p);
    }
}

static char *
unescape (const char *text,
          gboolean    legacy)
{
  gsize length = strlen (text);
  GString *out = g_string_sized_new (length);

  append_unescaped (out, text, length, legacy);
  return g_string_free (out, FALSE);
}

/* Splits a structured or list value on the separators that are not
 * escaped; the parts are unescaped unless @keep_escapes, for a value that
 * is split again (N's components are lists). */
static GStrv
split_value (const char *text,
             char        separator,
             gboolean    legacy,
             gboolean    keep_escapes)
{
  g_autoptr(GStrvBuilder) parts = g_strv_builder_new ();
  g_autoptr(GString) part = g_string_new (NULL);
  const char *start = text;

  for (const char *p = text; ; p++)
    {
      if (*p == '\\' && p[1] != '\0' && (!legacy || p[1] == ';'))
        p++;
      else if (*p == separator || *p == '\0')
        {
          g_string_truncate (part, 0);
          if (keep_escapes)
            g_string_append_len (part, start, p - start);
          else
            append_unescaped (part, start, p - start, legacy);
          g_strv_builder_add (parts, part->str);
          if (*p == '\0')
            break;
          start = p + 1;
        }
    }
  return g_strv_builder_end (parts);
}

/**
 * rapport_vcard_split_text:
 * @text: a vCard 4.0 text value, escaped as written
 * @separator: ',' for a list value, '\0' for a single one
 *
 * Returns: (transfer full): the parts, unescaped
 */
GStrv
rapport_vcard_split_text (const char *text,
                          char        separator)
{
  g_return_val_if_fail (text != NULL, NULL);

  return split_value (text, separator, FALSE, FALSE);
}

static gboolean
check_length (Reader      *self,
              Property    *prop,
              const char  *text,
              GError     **error)
{
  if (strlen (text) <= RAPPORT_VCARD_MAX_VALUE)
    return TRUE;
  return reader_error (self, error, RAPPORT_IMPORT_ERROR_INVALID_VALUE, prop->line,
                       _("%s is longer than the limit of %d KiB"), prop->name,
                       RAPPORT_VCARD_MAX_VALUE / 1024);
}

static gboolean
value_is (Property   *prop,
          const char *expected)
{
  const char *start = prop->value;
  const char *end = start + strlen (start);

  while (start < end && g_ascii_isspace (*start))
    start++;
  while (end > start && g_ascii_isspace (end[-1]))
    end--;
  return item_is (start, end - start, expected);
}

/* ---- From a card to a contact ----------------------------------------- */

typedef struct
{
  Reader             *reader;
  Card               *card;
  RapportImportNotes *notes;
  gboolean            legacy;   /* vCard 2.1 */
} CardContext;

static gboolean
read_version (CardContext  *ctx,
              GError      **error)
{
  for (guint i = 0; i < ctx->card->properties->len; i++)
    {
      Property *prop = g_ptr_array_index (ctx->card->properties, i);
      g_autofree char *version = NULL;

      if (!g_str_equal (prop->name, "VERSION"))
        continue;
      version = g_strstrip (g_strdup (prop->value));
      if (g_str_equal (version, "2.1"))
        ctx->legacy = TRUE;
      else if (!g_str_equal (version, "3.0") && !g_str_equal (version, "4.0"))
        return reader_error (ctx->reader, error, RAPPORT_IMPORT_ERROR_INVALID_VALUE, prop->line,
                             _("vCard version “%s” is not supported (only 2.1, 3.0 and 4.0 are)"),
                             version);
      return TRUE;
    }
  /* Both RFCs require VERSION, but hand-made files forget it; read them
   * as 3.0, whose rules 4.0 shares for everything read here. */
  return TRUE;
}

/* The value of @prop as one text: decoded, unescaped, within the limit. */
static char *
read_text (CardContext  *ctx,
           Property     *prop,
           GError      **error)
{
  g_autofree char *decoded = NULL;
  const char *value = property_text (ctx->reader, prop, &decoded, error);
  g_autofree char *text = NULL;

  if (value == NULL)
    return NULL;
  text = unescape (value, ctx->legacy);
  if (!check_length (ctx->reader, prop, text, error))
    return NULL;
  return g_steal_pointer (&text);
}

/* Like read_text (), split on unescaped @separator. */
static GStrv
read_parts (CardContext  *ctx,
            Property     *prop,
            char          separator,
            gboolean      keep_escapes,
            GError      **error)
{
  g_autofree char *decoded = NULL;
  const char *value = property_text (ctx->reader, prop, &decoded, error);
  g_auto(GStrv) parts = NULL;

  if (value == NULL)
    return NULL;
  parts = split_value (value, separator, ctx->legacy, keep_escapes);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (!check_length (ctx->reader, prop, parts[i], error))
        return NULL;
    }
  return g_steal_pointer (&parts);
}

/* A structured value (N, ADR) as vCard 4.0 text: components separated by
 * ';', each escaped as 4.0 escapes, so it is stored and written back as
 * given whatever version it came in. */
static char *
read_structured (CardContext  *ctx,
                 Property     *prop,
                 GError      **error)
{
  g_auto(GStrv) parts = read_parts (ctx, prop, ';', TRUE, error);
  g_autoptr(GString) text = g_string_new (NULL);

  if (parts == NULL)
    return NULL;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_auto(GStrv) items = split_value (parts[i], ctx->legacy ? '\0' : ',', ctx->legacy, FALSE);

      if (i > 0)
        g_string_append_c (text, ';');
      for (guint j = 0; items[j] != NULL; j++)
        {
          if (j > 0)
            g_string_append_c (text, ',');
          rapport_vcard_append_escaped (text, items[j]);
        }
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* "Family;Given;Middle;Prefix;Suffix" becomes "Given Middle Family"; in 3.0
 * and 4.0 each component may itself be a comma-separated list. */
static char *
name_from_n (CardContext  *ctx,
             Property     *prop,
             GError      **error)
{
  static const guint order[] = { 1, 2, 0 };
  g_auto(GStrv) components = read_parts (ctx, prop, ';', TRUE, error);
  g_autoptr(GString) name = g_string_new (NULL);

  if (components == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      g_auto(GStrv) words = NULL;

      if (order[i] >= g_strv_length (components))
        continue;
      words = split_value (components[order[i]], ctx->legacy ? '\0' : ',', ctx->legacy, FALSE);
      for (guint j = 0; words[j] != NULL; j++)
        {
          g_strstrip (words[j]);
          if (words[j][0] == '\0')
            continue;
          if (name->len > 0)
            g_string_append_c (name, ' ');
          g_string_append (name, words[j]);
        }
    }
  /* Each part within the limit may still make a name over it. */
  if (!check_length (ctx->reader, prop, name->str, error))
    return NULL;
  return g_string_free (g_steal_pointer (&name), FALSE);
}

static Property *
card_find (Card       *card,
           const char *name)
{
  for (guint i = 0; i < card->properties->len; i++)
    {
      Property *prop = g_ptr_array_index (card->properties, i);

      if (g_str_equal (prop->name, name))
        return prop;
    }
  return NULL;
}

static Property *
card_find_last (Card       *card,
                const char *name)
{
  for (guint i = card->properties->len; i > 0; i--)
    {
      Property *prop = g_ptr_array_index (card->properties, i - 1);

      if (g_str_equal (prop->name, name))
        return prop;
    }
  return NULL;
}

/* The display name is FN, else the one N spells; N itself is kept as
 * written.  A card with neither is named later, from its organisation or
 * email (rapport_contact_finish ()). */
static gboolean
read_name (CardContext     *ctx,
           RapportContact  *contact,
           GError         **error)
{
  Property *n = card_find (ctx->card, "N");
  g_autofree char *name = NULL;

  if (n != NULL && !param_is (n, "X-RAPPORT-DERIVED", "1"))
    {
      g_autoptr(GString) structured = NULL;
      char *text = read_structured (ctx, n, error);
      guint components = 1;

      if (text == NULL)
        return FALSE;
      /* vCard 4.0 wants all five components; old cards often stop early. */
      structured = g_string_new (text);
      g_free (text);
      for (const char *p = structured->str; *p != '\0'; p++)
        if (*p == '\\' && p[1] != '\0')
          p++;
        else if (*p == ';')
          components++;
      for (; components < 5; components++)
        g_string_append_c (structured, ';');
      contact->structured_name = g_string_free (g_steal_pointer (&structured), FALSE);
    }
  for (guint i = 0; i < ctx->card->properties->len && name == NULL; i++)
    {
      Property *prop = g_ptr_array_index (ctx->card->properties, i);

      if (!g_str_equal (prop->name, "FN"))
        continue;
      if ((name = read_text (ctx, prop, error)) == NULL)
        return FALSE;
      if (is_blank (name))
        g_clear_pointer (&name, g_free);
    }
  if (name == NULL && n != NULL && (name = name_from_n (ctx, n, error)) == NULL)
    return FALSE;
  if (name != NULL && !is_blank (name))
    {
      g_free (contact->name);
      contact->name = g_strstrip (g_steal_pointer (&name));
    }
  return TRUE;
}

/* An organisation's card: vCard 4.0 says KIND:org, Apple X-ABShowAs:COMPANY,
 * and a card whose N names nobody but which has an ORG is one too. */
static void
read_kind (CardContext     *ctx,
           RapportContact  *contact)
{
  Property *kind = card_find (ctx->card, "KIND");
  Property *show_as = card_find (ctx->card, "X-ABSHOWAS");

  if (kind != NULL)
    contact->is_org = value_is (kind, "org");
  else if (show_as != NULL)
    contact->is_org = value_is (show_as, "COMPANY");
  else
    contact->is_org = *contact->company != '\0' && contact->structured_name != NULL &&
                      strspn (contact->structured_name, "; ") == strlen (contact->structured_name) &&
                      (card_find (ctx->card, "FN") == NULL ||
                       g_strcmp0 (contact->name, contact->company) == 0);
}

/* "tel:+1-555-0100;ext=12" reads "+1-555-0100 ext. 12". */
static void
read_tel_uri (Property  *prop,
              char     **phone)
{
  const char *value_type = param_get (prop, "VALUE");
  g_autofree char *number = NULL;
  const char *ext;

  if ((value_type != NULL && g_ascii_strcasecmp (value_type, "uri") != 0) ||
      g_ascii_strncasecmp (*phone, "tel:", 4) != 0)
    return;
  number = g_strdup (*phone + 4);
  ext = strstr (number, ";ext=");
  g_free (*phone);
  if (ext != NULL)
    {
      g_autofree char *main_number = g_strndup (number, ext - number);
      g_autofree char *extension = g_strndup (ext + 5, strcspn (ext + 5, ";"));

      *phone = g_strdup_printf ("%s ext. %s", main_number, extension);
    }
  else
    *phone = g_strndup (number, strcspn (number, ";"));
}

/* TYPE values in lower case, ','-joined; "pref" is PREF=1 instead. */
static char *
property_types (Property *prop,
                int      *pref)
{
  g_autoptr(GString) types = g_string_new (NULL);
  const char *pref_param = param_get (prop, "PREF");
  guint64 rank = 0;

  *pref = 0;
  if (pref_param != NULL && g_ascii_string_to_unsigned (pref_param, 10, 1, 100, &rank, NULL))
    *pref = rank;
  for (guint i = 0; i < prop->params->len; i++)
    {
      const char *param = g_ptr_array_index (prop->params, i);
      const char *cursor, *type;
      gsize length;

      if (g_ascii_strncasecmp (param, "TYPE=", 5) != 0)
        continue;
      cursor = param + 5;
      while (next_list_item (&cursor, &type, &length))
        {
          if (length == 0)
            continue;
          if (item_is (type, length, "pref"))
            {
              if (*pref == 0)
                *pref = 1;
              continue;
            }
          if (types->len > 0)
            g_string_append_c (types, ',');
          for (gsize j = 0; j < length; j++)
            g_string_append_c (types, g_ascii_tolower (type[j]));
        }
    }
  return g_string_free (g_steal_pointer (&types), FALSE);
}

/* Parameters Rapport does not interpret, kept as written (4.0 syntax). */
static char *
property_other_params (Property *prop)
{
  static const char * const interpreted[] = { "TYPE", "PREF", "CHARSET", "ENCODING", "VALUE", NULL };
  g_autoptr(GString) params = g_string_new (NULL);

  for (guint i = 0; i < prop->params->len; i++)
    {
      const char *param = g_ptr_array_index (prop->params, i);
      gsize name_length = strcspn (param, "=");
      const char *value = param + name_length + (param[name_length] == '=' ? 1 : 0);
      gboolean skip = FALSE;

      for (guint j = 0; interpreted[j] != NULL && !skip; j++)
        skip = strlen (interpreted[j]) == name_length &&
               strncmp (param, interpreted[j], name_length) == 0;
      if (skip)
        continue;
      if (params->len > 0)
        g_string_append_c (params, ';');
      g_string_append_len (params, param, name_length);
      g_string_append_c (params, '=');
      rapport_vcard_append_param_value (params, value);
    }
  return g_string_free (g_steal_pointer (&params), FALSE);
}

static gboolean
read_value (CardContext       *ctx,
            RapportContact    *contact,
            Property          *prop,
            RapportValueKind   kind,
            GError           **error)
{
  g_autofree char *text = NULL;
  g_autofree char *types = NULL;
  RapportContactValue *value;
  int pref;

  text = kind == RAPPORT_VALUE_ADDRESS ? read_structured (ctx, prop, error) : read_text (ctx, prop, error);
  if (text == NULL)
    return FALSE;
  if (kind == RAPPORT_VALUE_PHONE)
    read_tel_uri (prop, &text);
  g_strstrip (text);
  if (*text == '\0' || (kind == RAPPORT_VALUE_ADDRESS && strspn (text, ";") == strlen (text)))
    return TRUE;

  types = property_types (prop, &pref);
  value = rapport_contact_value_new (kind, text, types, pref);
  g_free (value->group);
  value->group = g_strdup (prop->group);
  g_free (value->params);
  value->params = property_other_params (prop);
  g_ptr_array_add (contact->values, value);
  return TRUE;
}

/* A photo inline: "data:image/jpeg;base64,…" (4.0) or ENCODING=b with
 * TYPE=JPEG (3.0, 2.1).  A photo by URL is kept as written, with the
 * properties Rapport does not read. */
static gboolean
read_photo (CardContext     *ctx,
            RapportContact  *contact,
            Property        *prop)
{
  g_autofree char *data = g_strstrip (g_strdup (prop->value));
  g_autofree char *media_type = NULL;
  const char *base64 = NULL;
  guchar *bytes;
  gsize length;

  if (g_ascii_strncasecmp (data, "data:", 5) == 0)
    {
      const char *comma = strchr (data, ',');

      if (comma == NULL || strstr (data, ";base64,") == NULL)
        return FALSE;
      media_type = g_strndup (data + 5, strcspn (data + 5, ";,"));
      base64 = comma + 1;
    }
  else if (param_is (prop, "ENCODING", "B") || param_is (prop, "ENCODING", "BASE64"))
    {
      const char *type = param_get (prop, "TYPE");
      g_autofree char *lower = g_ascii_strdown (type != NULL ? type : "jpeg", -1);

      media_type = strchr (lower, '/') ? g_strdup (lower) : g_strconcat ("image/", lower, NULL);
      base64 = data;
    }
  else
    return FALSE;

  /* Three bytes for four characters: refuse before decoding a huge one. */
  if (strlen (base64) / 4 * 3 > RAPPORT_CARD_MAX_PHOTO)
    {
      rapport_import_notes_count (ctx->notes, _("photos over 1 MB"));
      return TRUE;
    }
  bytes = g_base64_decode (base64, &length);
  if (length == 0)
    {
      g_free (bytes);
      rapport_import_notes_count (ctx->notes, _("photos that are not valid base64"));
      return TRUE;
    }
  contact->photo = g_bytes_new_take (bytes, length);
  contact->photo_type = g_steal_pointer (&media_type);
  return TRUE;
}

/* The first component of ORG is the company; a card that names
 * departments too keeps its ORG as written, for export. */
static gboolean
read_company (CardContext     *ctx,
              RapportContact  *contact,
              Property        *prop,
              GError         **error)
{
  g_auto(GStrv) components = read_parts (ctx, prop, ';', FALSE, error);

  if (components == NULL)
    return FALSE;
  if (is_blank (components[0]) || *contact->company != '\0')
    return TRUE;
  g_free (contact->company);
  contact->company = g_strstrip (g_strdup (components[0]));
  for (guint i = 1; components[i] != NULL; i++)
    if (!is_blank (components[i]))
      {
        /* Kept as 4.0 writes it (the writer puts it back while its first
         * part is still the company), first, so a round trip keeps the
         * order of the others. */
        g_autoptr(GString) line = g_string_new (NULL);

        if (*prop->group != '\0')
          g_string_append_printf (line, "%s.", prop->group);
        g_string_append (line, "ORG:");
        rapport_vcard_append_escaped (line, contact->company);
        for (guint j = 1; components[j] != NULL; j++)
          {
            g_string_append_c (line, ';');
            rapport_vcard_append_escaped (line, components[j]);
          }
        g_ptr_array_insert (contact->extra, 0, g_string_free (g_steal_pointer (&line), FALSE));
        break;
      }
  return TRUE;
}

static gboolean
read_single (CardContext  *ctx,
             Property     *prop,
             char        **field,
             GError      **error)
{
  char *text;

  if (**field != '\0')
    return TRUE;
  if ((text = read_text (ctx, prop, error)) == NULL)
    return FALSE;
  g_free (*field);
  *field = g_strstrip (text);
  return TRUE;
}

/* Several NOTEs are kept, one per line. */
static gboolean
read_note (CardContext     *ctx,
           RapportContact  *contact,
           Property        *prop,
           GError         **error)
{
  g_autofree char *text = read_text (ctx, prop, error);
  g_autofree char *joined = NULL;

  if (text == NULL)
    return FALSE;
  if (text[0] == '\0')
    return TRUE;
  joined = *contact->notes ? g_strconcat (contact->notes, "\n", text, NULL) : g_strdup (text);
  if (!check_length (ctx->reader, prop, joined, error))
    return FALSE;
  g_free (contact->notes);
  contact->notes = g_steal_pointer (&joined);
  return TRUE;
}

static gboolean
read_tags (CardContext     *ctx,
           GStrvBuilder    *tags,
           Property        *prop,
           GError         **error)
{
  g_auto(GStrv) parts = read_parts (ctx, prop, ',', FALSE, error);

  if (parts == NULL)
    return FALSE;
  for (guint j = 0; parts[j] != NULL; j++)
    {
      g_strstrip (parts[j]);
      if (parts[j][0] != '\0')
        g_strv_builder_add (tags, parts[j]);
    }
  return TRUE;
}

/* Rapport's own X-RAPPORT-* properties, so that an export reads back; the
 * last of each wins.  *@found is left NULL when there is none. */
static gboolean
read_extension (CardContext  *ctx,
                const char   *name,
                Property    **found,
                char        **field,
                GError      **error)
{
  char *text;

  *found = card_find_last (ctx->card, name);
  if (*found == NULL)
    return TRUE;
  text = read_text (ctx, *found, error);
  if (text == NULL)
    return FALSE;
  g_free (*field);
  *field = g_strstrip (text);
  return TRUE;
}

/* Case does not matter; the book keeps the lower-case word. */
static gboolean
check_choice (CardContext         *ctx,
              Property            *prop,
              char                *field,
              const char * const  *choices,
              const char          *expected,
              GError             **error)
{
  g_autofree char *lower = g_ascii_strdown (field, -1);

  if (prop == NULL || field[0] == '\0')
    return TRUE;
  if (!g_strv_contains (choices, lower))
    return reader_error (ctx->reader, error, RAPPORT_IMPORT_ERROR_INVALID_VALUE, prop->line,
                         _("%s “%s” is not one of %s"), prop->name, field, expected);
  strcpy (field, lower);
  return TRUE;
}

static gboolean
read_extensions (CardContext     *ctx,
                 RapportContact  *contact,
                 GError         **error)
{
  g_autofree char *check_in = NULL;
  Property *status, *satisfaction, *next;
  gint64 when;

  if (!read_extension (ctx, "X-RAPPORT-STATUS", &status, &contact->status, error) ||
      !read_extension (ctx, "X-RAPPORT-SATISFACTION", &satisfaction, &contact->satisfaction, error) ||
      !read_extension (ctx, "X-RAPPORT-NEXT-CHECK-IN", &next, &check_in, error))
    return FALSE;

  if (!check_choice (ctx, status, contact->status, statuses,
                     _("prospect, customer, former"), error) ||
      !check_choice (ctx, satisfaction, contact->satisfaction, satisfactions,
                     _("unknown, unhappy, satisfied, delighted"), error))
    return FALSE;

  if (check_in == NULL || check_in[0] == '\0')
    return TRUE;
  if (!rapport_time_parse_local (check_in, &when))
    return reader_error (ctx->reader, error, RAPPORT_IMPORT_ERROR_INVALID_VALUE, next->line,
                         _("X-RAPPORT-NEXT-CHECK-IN “%s” is not a date (use YYYY-MM-DD or YYYY-MM-DD HH:MM)"),
                         check_in);
  contact->next_check_in = g_steal_pointer (&check_in);
  return TRUE;
}

/* Properties read by read_name (), read_kind () and read_extensions (), or
 * that describe the file rather than the person. */
static const char * const structural_properties[] = {
  "BEGIN", "END", "VERSION", "FN", "N", "KIND",
  "X-RAPPORT-STATUS", "X-RAPPORT-SATISFACTION", "X-RAPPORT-NEXT-CHECK-IN", NULL
};

static gboolean
read_property (CardContext     *ctx,
               RapportContact  *contact,
               GStrvBuilder    *tags,
               Property        *prop,
               GError         **error)
{
  static const struct {
    const char       *name;
    RapportValueKind  kind;
  } values[] = {
    { "EMAIL", RAPPORT_VALUE_EMAIL },
    { "TEL", RAPPORT_VALUE_PHONE },
    { "ADR", RAPPORT_VALUE_ADDRESS },
    { "URL", RAPPORT_VALUE_URL },
  };
  const char *name = prop->name;

  if (g_strv_contains (structural_properties, name))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    if (g_str_equal (name, values[i].name))
      return read_value (ctx, contact, prop, values[i].kind, error);

  if (g_str_equal (name, "UID"))
    return contact->uid != NULL || (contact->uid = read_text (ctx, prop, error)) != NULL;
  if (g_str_equal (name, "ORG"))
    return read_company (ctx, contact, prop, error);
  if (g_str_equal (name, "TITLE"))
    return read_single (ctx, prop, &contact->title, error);
  if (g_str_equal (name, "ROLE"))
    return read_single (ctx, prop, &contact->role, error);
  if (g_str_equal (name, "BDAY"))
    return read_single (ctx, prop, &contact->birthday, error);
  if (g_str_equal (name, "ANNIVERSARY"))
    return read_single (ctx, prop, &contact->anniversary, error);
  if (g_str_equal (name, "NOTE"))
    return read_note (ctx, contact, prop, error);
  if (g_str_equal (name, "CATEGORIES"))
    return read_tags (ctx, tags, prop, error);
  if (g_str_equal (name, "PHOTO") && contact->photo == NULL && read_photo (ctx, contact, prop))
    return TRUE;

  /* Anything else goes through Rapport as it came. */
  if (strlen (prop->raw) > RAPPORT_VCARD_MAX_VALUE)
    rapport_import_notes_count (ctx->notes, _("unknown vCard properties over 64 KiB"));
  else
    /* Bytes that are text in no character set (a quoted-printable line
     * continued with raw 8-bit bytes) cannot be kept as text: they become
     * U+FFFD here, as the writer would make them, so a round trip is exact. */
    g_ptr_array_add (contact->extra, g_utf8_make_valid (prop->raw, -1));
  return TRUE;
}

static RapportContact *
card_to_contact (Reader              *reader,
                 Card                *card,
                 RapportImportNotes  *notes,
                 GError             **error)
{
  g_autoptr(RapportContact) contact = rapport_contact_new ();
  g_autoptr(GStrvBuilder) tags = g_strv_builder_new ();
  CardContext ctx = { reader, card, notes, FALSE };

  contact->line = card->line;
  if (!read_version (&ctx, error) || !read_name (&ctx, contact, error))
    return NULL;
  for (guint i = 0; i < card->properties->len; i++)
    if (!read_property (&ctx, contact, tags, g_ptr_array_index (card->properties, i), error))
      return NULL;
  g_strfreev (contact->tags);
  contact->tags = g_strv_builder_end (tags);
  if (!read_extensions (&ctx, contact, error))
    return NULL;
  read_kind (&ctx, contact);
  rapport_contact_finish (contact);
  return g_steal_pointer (&contact);
}

/* ---- Cards ------------------------------------------------------------ */

static gboolean
handle_begin (Reader    *self,
              Property  *prop,
              Card     **card,
              GError   **error)
{
  if (!value_is (prop, "VCARD"))
    return reader_error (self, error, RAPPORT_IMPORT_ERROR_SYNTAX, prop->line,
                         _("BEGIN:%s is not a vCard"), prop->value);
  if (*card != NULL)
    return reader_error (self, error, RAPPORT_IMPORT_ERROR_SYNTAX, prop->line,
                         _("BEGIN:VCARD inside the card that starts on line %u, which has no END:VCARD"),
                         (*card)->line);
  *card = card_new (prop->line);
  return TRUE;
}

static gboolean
handle_end (Reader     *self,
            Property   *prop,
            Card      **card,
            GPtrArray  *contacts,
            GError    **error)
{
  g_autoptr(Card) done = g_steal_pointer (card);
  RapportContact *contact;

  if (!value_is (prop, "VCARD"))
    return reader_error (self, error, RAPPORT_IMPORT_ERROR_SYNTAX, prop->line,
                         _("END:%s where END:VCARD was expected"), prop->value);
  if (done == NULL)
    return reader_error (self, error, RAPPORT_IMPORT_ERROR_SYNTAX, prop->line,
                         _("END:VCARD without a BEGIN:VCARD before it"));
  contact = card_to_contact (self, done, self->notes, error);
  if (contact == NULL)
    return FALSE;
  g_ptr_array_add (contacts, contact);
  return TRUE;
}

/* A hostile card is bounded here, as it is read: past a limit, properties
 * are counted as not kept instead of piling up. */
static gboolean
handle_property (Reader     *self,
                 Property  **prop,
                 Card       *card,
                 GError    **error)
{
  const char *name = (*prop)->name;

  if (card == NULL)
    return reader_error (self, error, RAPPORT_IMPORT_ERROR_SYNTAX, (*prop)->line,
                         _("%s is outside a card (BEGIN:VCARD … END:VCARD)"), name);
  if ((*prop)->nested)
    {
      rapport_import_notes_count (self->notes, _("properties with nested groups"));
      return TRUE;
    }
  for (guint i = 0; value_properties[i] != NULL; i++)
    if (g_str_equal (name, value_properties[i]) && card->n_values[i]++ >= RAPPORT_CARD_MAX_VALUES)
      {
        rapport_import_notes_count (self->notes, i == 0 ? _("emails past the 100th of a card")
                                                 : i == 1 ? _("phones past the 100th of a card")
                                                 : i == 2 ? _("addresses past the 100th of a card")
                                                          : _("web addresses past the 100th of a card"));
        return TRUE;
      }
  if (!g_strv_contains (read_properties, name) && card->n_other++ >= RAPPORT_CARD_MAX_EXTRA)
    {
      rapport_import_notes_count (self->notes, _("unknown vCard properties past the 200th of a card"));
      return TRUE;
    }
  g_ptr_array_add (card->properties, g_steal_pointer (prop));
  return TRUE;
}

static gboolean
read_cards (Reader     *self,
            GPtrArray  *contacts,
            GError    **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(Card) card = NULL;

  for (;;)
    {
      g_autoptr(Property) prop = NULL;
      gboolean ok;

      if (!reader_take_property (self, text, &prop, error))
        return FALSE;
      if (prop == NULL)
        break;
      if (g_str_equal (prop->name, "BEGIN"))
        ok = handle_begin (self, prop, &card, error);
      else if (g_str_equal (prop->name, "END"))
        ok = handle_end (self, prop, &card, contacts, error);
      else
        ok = handle_property (self, &prop, card, error);
      if (!ok)
        return FALSE;
    }

  if (card != NULL)
    return reader_error (self, error, RAPPORT_IMPORT_ERROR_SYNTAX, card->line,
                         _("this card has no END:VCARD"));
  return TRUE;
}

static gboolean
check_encoding (Reader      *self,
                const char  *data,
                gsize        length,
                GError     **error)
{
  const char *nul;

  nul = memchr (data, '\0', length);
  if (nul != NULL)
    return reader_error (self, error, RAPPORT_IMPORT_ERROR_ENCODING, line_at (data, nul),
                         _("the file contains a NUL byte, so it is not a UTF-8 text file"));
  return TRUE;
}

/**
 * rapport_vcard_read:
 * @display_name: the file's name as shown in messages ("contacts.vcf")
 * @data: the file's bytes: UTF-8 (maybe with a byte order mark), UTF-16,
 *   or per property in a CHARSET (else read as Windows-1252)
 * @length: their number
 * @notes: (nullable): where what was read with a guess is told
 * @error: where a problem is reported, naming file and line
 *
 * Reads every card of a vCard 2.1, 3.0 or 4.0 file.  The first problem
 * stops the reading: a file is taken whole or not at all.
 *
 * Returns: (transfer full) (element-type RapportContact): one contact per
 *   card, in file order, or %NULL with @error set.
 */
GPtrArray *
rapport_vcard_read (const char  *display_name,
                    const char  *data,
                    gsize        length,
                    RapportImportNotes  *notes,
                    GError     **error)
{
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GBytes) text = NULL;
  g_autoptr(GString) scratch = NULL;
  Reader reader;
  gboolean empty;

  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* UTF-16 becomes UTF-8 and a byte order mark goes; other charsets are
   * per property, in reader_take_property (). */
  text = rapport_text_decode (display_name, data, length, NULL, error);
  if (text == NULL)
    return NULL;
  data = g_bytes_get_data (text, &length);
  if (data == NULL)
    data = "";
  reader = (Reader) { display_name, data, data + length, 1, notes };
  reader.scratch = scratch = g_string_new (NULL);
  if (!check_encoding (&reader, data, length, error))
    return NULL;

  empty = reader.cursor == reader.end;

  contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_contact_free);
  if (!read_cards (&reader, contacts, error))
    return NULL;
  if (contacts->len == 0)
    {
      reader_error (&reader, error, RAPPORT_IMPORT_ERROR_EMPTY, 1,
                    empty ? _("the file is empty") : _("the file holds no vCard"));
      return NULL;
    }
  if (reader.fallbacks > 0)
    rapport_import_notes_warn (notes,
                               g_dngettext (GETTEXT_PACKAGE,
                                            "%s:%u: %u property in no named character set was read as Windows-1252",
                                            "%s:%u: %u properties in no named character set were read as Windows-1252",
                                            reader.fallbacks),
                               display_name, reader.fallback_line, reader.fallbacks);
  return g_steal_pointer (&contacts);
}
