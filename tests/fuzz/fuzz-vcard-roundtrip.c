/* fuzz-vcard-roundtrip.c: what the vCard reader takes, the writer gives back
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * read → write → read must give the same contacts, and writing those
 * again the same bytes: an export of the book imports as the same book.
 */

#define G_LOG_DOMAIN "rapport-fuzz"

#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "rapport-vcard.h"

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autofree char *written = NULL;
  g_autofree char *rewritten = NULL;

  first = rapport_vcard_read ("fuzz.vcf", (const char *) data, size, NULL, &error);
  if (first == NULL)
    return 0;

  written = rapport_vcard_write (first);
  second = rapport_vcard_read ("written.vcf", written, strlen (written), NULL, &error);
  if (second == NULL)
    g_error ("the writer's own output does not read back: %s", error->message);
  fuzz_assert_same_cards (first, second, "vCard read → write → read");

  rewritten = rapport_vcard_write (second);
  if (strcmp (written, rewritten) != 0)
    g_error ("writing the read-back contacts gave other bytes");
  return 0;
}
