/* rapport-limits.c: how long each text in the book may be
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every text a user or a file can put in the book has a limit, checked by
 * the core's write functions, so a pasted novel or a hostile file cannot
 * make the book, its search index, the views or the exports unusable.
 * Limits count characters, as a user does.  The long ones stay within
 * what a CSV export can carry back: 16,000 characters are at most 64,000
 * bytes of UTF-8, under the reader's 64 KiB field (RAPPORT_CSV_MAX_FIELD).
 */

#define G_LOG_DOMAIN "rapport-limits"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rapport-limits.h"
#include "rapport-store.h"

static const struct {
  guint       max;
  const char *message;  /* the length found, then the limit */
} limits[RAPPORT_N_LIMITS] = {
  [RAPPORT_LIMIT_NAME] = { 200, N_("Name is too long: %u characters, at most %u") },
  [RAPPORT_LIMIT_COMPANY] = { 200, N_("Company is too long: %u characters, at most %u") },
  /* RFC 5321: no address is longer. */
  [RAPPORT_LIMIT_EMAIL] = { 254, N_("Email address is too long: %u characters, at most %u") },
  [RAPPORT_LIMIT_PHONE] = { 64, N_("Phone number is too long: %u characters, at most %u") },
  [RAPPORT_LIMIT_NOTES] = { 16000, N_("Notes are too long: %u characters, at most %u") },
  [RAPPORT_LIMIT_TAGS] = { 2000, N_("Tags are too long: %u characters together, at most %u") },
  [RAPPORT_LIMIT_TAG] = { 100, N_("A tag is too long: %u characters, at most %u") },
  [RAPPORT_LIMIT_PRODUCT] = { 200, N_("Product is too long: %u characters, at most %u") },
  [RAPPORT_LIMIT_PRODUCTS] = { 2000, N_("Products are too long: %u characters together, at most %u") },
  [RAPPORT_LIMIT_SUMMARY] = { 16000, N_("Summary is too long: %u characters, at most %u") },
  [RAPPORT_LIMIT_QUOTE] = { 16000, N_("Quote is too long: %u characters, at most %u") },
  [RAPPORT_LIMIT_GIVEN_TO] = { 200, N_("“Given to” is too long: %u characters, at most %u") },
  [RAPPORT_LIMIT_REASON] = { 1000, N_("Reason is too long: %u characters, at most %u") },
};

guint
rapport_limit_max (RapportLimit limit)
{
  g_return_val_if_fail (limit < RAPPORT_N_LIMITS, 0);

  return limits[limit].max;
}

/* Characters for UTF-8 text, bytes otherwise (never fewer than there are). */
static gsize
count_characters (const char *value,
                  gsize       bytes)
{
  if (!g_utf8_validate_len (value, bytes, NULL))
    return bytes;
  return g_utf8_strlen (value, bytes);
}

/**
 * rapport_limit_check:
 * @limit: which text @value is
 * @value: (nullable): the text, as it would be stored
 *
 * Returns: %TRUE if @value is within @limit; otherwise %FALSE with a
 *   %RAPPORT_STORE_ERROR_INVALID error such as “Name is too long: 300
 *   characters, at most 200”
 */
gboolean
rapport_limit_check (RapportLimit   limit,
                     const char    *value,
                     GError       **error)
{
  gsize bytes, length;

  g_return_val_if_fail (limit < RAPPORT_N_LIMITS, FALSE);

  if (value == NULL)
    return TRUE;
  /* A character is at least one byte: most texts need no counting. */
  bytes = strlen (value);
  if (bytes <= limits[limit].max)
    return TRUE;
  length = count_characters (value, bytes);
  if (length <= limits[limit].max)
    return TRUE;

  /* Every message in limits[] is a literal taking two %u, in this order;
   * one sentence each, so translators see whole sentences. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
               _(limits[limit].message), (guint) MIN (length, G_MAXUINT), limits[limit].max);
#pragma GCC diagnostic pop
  return FALSE;
}

/**
 * rapport_limit_check_tags:
 * @limit: %RAPPORT_LIMIT_TAGS or %RAPPORT_LIMIT_PRODUCTS
 * @tags: (nullable): a ';'-separated list
 *
 * Checks the list as a whole against @limit, and each item in it against
 * %RAPPORT_LIMIT_TAG.
 */
gboolean
rapport_limit_check_tags (RapportLimit   limit,
                          const char    *tags,
                          GError       **error)
{
  g_auto(GStrv) parts = NULL;

  if (!rapport_limit_check (limit, tags, error))
    return FALSE;
  if (tags == NULL || strlen (tags) <= limits[RAPPORT_LIMIT_TAG].max)
    return TRUE;

  parts = g_strsplit (tags, ";", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (!rapport_limit_check (RAPPORT_LIMIT_TAG, g_strstrip (parts[i]), error))
      return FALSE;
  return TRUE;
}

/**
 * rapport_limits_check_contact:
 * @contact: a customer read from a file
 *
 * Checks every text of @contact as rapport_customer_save() would.  The
 * message names no file or line: the caller adds them.
 */
gboolean
rapport_limits_check_contact (const RapportContact  *contact,
                              GError               **error)
{
  g_autofree char *tags = NULL;

  g_return_val_if_fail (contact != NULL, FALSE);

  if (contact->tags != NULL)
    tags = g_strjoinv (";", contact->tags);

  for (guint i = 0; contact->values != NULL && i < contact->values->len; i++)
    {
      const RapportContactValue *v = g_ptr_array_index (contact->values, i);

      if ((v->kind == RAPPORT_VALUE_EMAIL && !rapport_limit_check (RAPPORT_LIMIT_EMAIL, v->value, error)) ||
          (v->kind == RAPPORT_VALUE_PHONE && !rapport_limit_check (RAPPORT_LIMIT_PHONE, v->value, error)))
        return FALSE;
    }

  return rapport_limit_check (RAPPORT_LIMIT_NAME, contact->name, error) &&
         rapport_limit_check (RAPPORT_LIMIT_COMPANY, contact->company, error) &&
         rapport_limit_check (RAPPORT_LIMIT_EMAIL, contact->email, error) &&
         rapport_limit_check (RAPPORT_LIMIT_PHONE, contact->phone, error) &&
         rapport_limit_check (RAPPORT_LIMIT_NOTES, contact->notes, error) &&
         rapport_limit_check_tags (RAPPORT_LIMIT_TAGS, tags, error);
}
