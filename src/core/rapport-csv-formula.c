/* rapport-csv-formula.c: keeping spreadsheets from running CSV cells
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * LibreOffice and Excel take a cell starting with = + - @ (or a tab or
 * carriage return before one) for a formula, so a customer named
 * "=HYPERLINK(…)" in an imported file would run when the export is opened.
 * As OWASP recommends, such a value is written with a single quote in
 * front, which spreadsheets show as text.  The reader takes that quote off
 * again, and to keep the round trip exact the rule also covers values that
 * already start with quotes before such a character: "'=x" is written
 * "''=x" and read back as "'=x".
 */

#define G_LOG_DOMAIN "rapport-csv-formula"

#include "config.h"

#include <string.h>

#include "rapport-csv-formula.h"

#define GUARD '\''

static gboolean
starts_formula (const char *text)
{
  while (*text == GUARD)
    text++;
  return *text != '\0' && strchr ("=+-@\t\r", *text) != NULL;
}

/**
 * rapport_csv_formula_needs_guard:
 * @value: a cell's text, as it is in the book
 *
 * Returns: whether the writer must put a single quote before @value
 */
gboolean
rapport_csv_formula_needs_guard (const char *value)
{
  return value != NULL && starts_formula (value);
}

/**
 * rapport_csv_formula_unguard:
 * @field: a cell's text, as read from the file
 *
 * Undoes rapport_csv_formula_needs_guard(): a field starting with a
 * single quote that guards a formula character loses that quote.
 *
 * Returns: (transfer none): @field, or @field without its first byte
 */
const char *
rapport_csv_formula_unguard (const char *field)
{
  g_return_val_if_fail (field != NULL, NULL);

  if (field[0] == GUARD && starts_formula (field + 1))
    return field + 1;
  return field;
}
