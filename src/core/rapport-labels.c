/* rapport-labels.c: the words users read for the book's enumerations
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The book stores plain words ('delighted', 'product_reference'); this is
 * the one place that turns them into translated labels, in the order the
 * UI offers them.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-labels.h"

typedef struct
{
  const char *word;
  const char *label;
} Label;

static const Label status_labels[] = {
  { "prospect", N_("Prospect") },
  { "customer", N_("Customer") },
  { "former", N_("Former customer") },
  { NULL },
};

static const Label satisfaction_labels[] = {
  { "unknown", N_("Not recorded") },
  { "unhappy", N_("Unhappy") },
  { "satisfied", N_("Satisfied") },
  { "delighted", N_("Delighted") },
  { NULL },
};

static const Label reference_labels[] = {
  { "none", N_("Not a reference") },
  { "product_reference", N_("Company or product reference") },
  { "personal_letter", N_("Personal reference letter") },
  { NULL },
};

static const Label channel_labels[] = {
  { "any", N_("No preference") },
  { "email", N_("Email") },
  { "phone", N_("Phone") },
  { "meeting", N_("In person") },
  { "social", N_("Social media") },
  { NULL },
};

static const Label prepositioned_labels[] = {
  { "no", N_("Not yet") },
  { "agreed", N_("Agreed") },
  { "declined", N_("Declined") },
  { NULL },
};

static const Label interaction_labels[] = {
  { "call", N_("Call") },
  { "email", N_("Email") },
  { "meeting", N_("Meeting") },
  { "social", N_("Social") },
  { "gift", N_("Gift") },
  { "thank_you_note", N_("Thank-you note") },
  { "referral_given", N_("Referral given") },
  { "other", N_("Other") },
  { NULL },
};

static const struct {
  const char  *column;
  const Label *labels;
} columns[] = {
  { "status", status_labels },
  { "satisfaction", satisfaction_labels },
  { "reference_kind", reference_labels },
  { "preferred_channel", channel_labels },
  { "referral_prepositioned", prepositioned_labels },
  { "interaction_kind", interaction_labels },
};

static const Label *
labels_for (const char *column)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (g_strcmp0 (columns[i].column, column) == 0)
      return columns[i].labels;
  g_return_val_if_reached (NULL);
}

/**
 * rapport_enum_words:
 *
 * Returns: (transfer none): the stored words of @column, in UI order
 */
const char * const *
rapport_enum_words (const char *column)
{
  static GHashTable *cache;
  const Label *labels = labels_for (column);
  GPtrArray *words;

  if (cache == NULL)
    cache = g_hash_table_new (g_str_hash, g_str_equal);
  words = g_hash_table_lookup (cache, column);
  if (words == NULL && labels != NULL)
    {
      words = g_ptr_array_new ();
      for (guint i = 0; labels[i].word != NULL; i++)
        g_ptr_array_add (words, (gpointer) labels[i].word);
      g_ptr_array_add (words, NULL);
      g_hash_table_insert (cache, (gpointer) column, words);
    }
  return words != NULL ? (const char * const *) words->pdata : NULL;
}

const char *
rapport_enum_label (const char *column,
                    const char *word)
{
  const Label *labels = labels_for (column);

  for (guint i = 0; labels != NULL && labels[i].word != NULL; i++)
    if (g_strcmp0 (labels[i].word, word) == 0)
      return _(labels[i].label);
  return word;
}

guint
rapport_enum_index (const char *column,
                    const char *word)
{
  const Label *labels = labels_for (column);

  for (guint i = 0; labels != NULL && labels[i].word != NULL; i++)
    if (g_strcmp0 (labels[i].word, word) == 0)
      return i;
  return 0;
}

/**
 * rapport_customer_describe:
 *
 * Returns: "Company · Status · Satisfaction", the line under a name
 */
char *
rapport_customer_describe (RapportCustomer *customer)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  const char *company = rapport_customer_get_company (customer);
  const char *satisfaction = rapport_customer_get_satisfaction (customer);

  if (company != NULL && *company != '\0')
    g_ptr_array_add (parts, (gpointer) company);
  g_ptr_array_add (parts, (gpointer) rapport_enum_label ("status", rapport_customer_get_status (customer)));
  if (g_strcmp0 (satisfaction, "unknown") != 0)
    g_ptr_array_add (parts, (gpointer) rapport_enum_label ("satisfaction", satisfaction));
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" · ", (char **) parts->pdata);
}
