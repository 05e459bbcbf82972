/* rapport-value-format.c: emails, phones and addresses as the user reads them
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * vCard types ("work,cell") become words ("Work, Mobile"), and an ADR value
 * (";;street;city;region;code;country", escaped) becomes lines, and back.
 */

#define G_LOG_DOMAIN "rapport-value-format"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-value-format.h"

typedef struct
{
  const char *word;
  const char *label;
} TypeWord;

static const char *
type_label (const char *label)
{
  return g_dpgettext2 (GETTEXT_PACKAGE, "contact value type", label);
}

/* The vCard TYPE words people meet; others are shown as written. */
static const TypeWord type_words[] = {
  { "work", NC_("contact value type", "Work") },
  { "home", NC_("contact value type", "Home") },
  { "cell", NC_("contact value type", "Mobile") },
  { "mobile", NC_("contact value type", "Mobile") },
  { "iphone", NC_("contact value type", "Mobile") },
  { "fax", NC_("contact value type", "Fax") },
  { "pager", NC_("contact value type", "Pager") },
  { "main", NC_("contact value type", "Main") },
  { "text", NC_("contact value type", "Text") },
  { "video", NC_("contact value type", "Video") },
  { "textphone", NC_("contact value type", "Textphone") },
  { "other", NC_("contact value type", "Other") },
  /* Implied or technical: nothing to tell the user. */
  { "voice", NULL },
  { "internet", NULL },
  { "pref", NULL },
  { "x400", NULL },
};

static const char *
kind_label (RapportValueKind kind)
{
  switch (kind)
    {
    case RAPPORT_VALUE_EMAIL:
      return _("Email");
    case RAPPORT_VALUE_PHONE:
      return _("Phone");
    case RAPPORT_VALUE_ADDRESS:
      return _("Address");
    case RAPPORT_VALUE_URL:
    default:
      return _("Website");
    }
}

/**
 * rapport_value_describe_types:
 * @types: ','-separated vCard types, "work,cell"
 *
 * Returns: the types as the user reads them, "Work, Mobile", or the kind
 *   ("Email") when no type says more
 */
char *
rapport_value_describe_types (RapportValueKind  kind,
                              const char       *types)
{
  g_auto(GStrv) words = g_strsplit (types != NULL ? types : "", ",", -1);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *word = g_strstrip (words[i]);
      const char *label = word;

      if (*word == '\0')
        continue;
      for (guint j = 0; j < G_N_ELEMENTS (type_words); j++)
        if (g_ascii_strcasecmp (word, type_words[j].word) == 0)
          {
            label = type_words[j].label != NULL ? type_label (type_words[j].label) : NULL;
            break;
          }
      if (label != NULL && !g_ptr_array_find_with_equal_func (labels, label, g_str_equal, NULL))
        g_ptr_array_add (labels, (gpointer) label);
    }

  if (labels->len == 0)
    return g_strdup (kind_label (kind));
  g_ptr_array_add (labels, NULL);
  /* Translators: between the types of one phone number, "Work, Fax" */
  return g_strjoinv (_(", "), (char **) labels->pdata);
}

/* The components of a vCard ADR value, unescaped; a list inside one
 * (two street lines "Main St,Suite 4") becomes lines. */
static GPtrArray *
split_address (const char *adr)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) part = g_string_new (NULL);

  for (const char *p = adr; *p != '\0'; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          p++;
          g_string_append_c (part, (*p == 'n' || *p == 'N') ? '\n' : *p);
        }
      else if (*p == ';')
        {
          g_ptr_array_add (parts, g_strstrip (g_strdup (part->str)));
          g_string_truncate (part, 0);
        }
      else if (*p == ',')
        g_string_append_c (part, '\n');
      else
        g_string_append_c (part, *p);
    }
  g_ptr_array_add (parts, g_strstrip (g_strdup (part->str)));
  while (parts->len < 7)
    g_ptr_array_add (parts, g_strdup (""));
  return parts;
}

static void
add_line (GPtrArray  *lines,
          const char *line)
{
  if (line != NULL && *line != '\0')
    g_ptr_array_add (lines, g_strdup (line));
}

/**
 * rapport_value_format_address:
 * @adr: a vCard ADR value, ";;street;city;region;code;country"
 *
 * Returns: the address as readable lines
 */
char *
rapport_value_format_address (const char *adr)
{
  g_autoptr(GPtrArray) parts = split_address (adr != NULL ? adr : "");
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  const char *city = g_ptr_array_index (parts, 3);
  const char *region = g_ptr_array_index (parts, 4);
  const char *code = g_ptr_array_index (parts, 5);

  add_line (lines, g_ptr_array_index (parts, 0));  /* post office box */
  add_line (lines, g_ptr_array_index (parts, 1));  /* extended address */
  add_line (lines, g_ptr_array_index (parts, 2));  /* street */
  /* "Springfield, IL 62701" where there is a region, "75001 Paris" where not. */
  if (*region != '\0')
    {
      g_autofree char *place = g_strjoin (*city != '\0' ? ", " : "", city, region, NULL);
      g_autofree char *line = g_strjoin (*code != '\0' ? " " : "", place, code, NULL);

      add_line (lines, line);
    }
  else
    {
      g_autofree char *line = g_strjoin (*code != '\0' && *city != '\0' ? " " : "", code, city, NULL);

      add_line (lines, line);
    }
  add_line (lines, g_ptr_array_index (parts, 6));  /* country */
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

static void
append_escaped (GString    *text,
                const char *field)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (field != NULL ? field : ""));

  for (const char *p = trimmed; *p != '\0'; p++)
    {
      if (*p == '\\' || *p == ';' || *p == ',')
        g_string_append_c (text, '\\');
      if (*p == '\n')
        g_string_append (text, "\\n");
      else
        g_string_append_c (text, *p);
    }
}

/**
 * rapport_value_build_address:
 * @fields: street, city, region, postal code and country
 *
 * Returns: the vCard ADR value, ";;street;city;region;code;country"
 */
char *
rapport_value_build_address (const char * const *fields)
{
  GString *text = g_string_new (";;");

  for (guint i = 0; i < RAPPORT_ADDRESS_FIELDS; i++)
    {
      if (i > 0)
        g_string_append_c (text, ';');
      append_escaped (text, fields[i]);
    }
  return g_string_free (text, FALSE);
}

