/* fuzz-vcard-read.c: rapport_vcard_read () on arbitrary bytes
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Any input gives either contacts whose fields are all text, or an error
 * naming the file and a line — never a crash, a leak or undefined
 * behaviour.
 */

#define G_LOG_DOMAIN "rapport-fuzz"

#include "config.h"

#include "fuzz-common.h"
#include "rapport-vcard.h"

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = NULL;

  contacts = rapport_vcard_read ("fuzz.vcf", (const char *) data, size, NULL, &error);
  if (contacts == NULL)
    {
      if (error == NULL || !g_str_has_prefix (error->message, "fuzz.vcf:"))
        g_error ("a refusal must name the file: %s", error != NULL ? error->message : "(no error)");
      return 0;
    }
  g_assert_null (error);
  fuzz_check_contacts (contacts);
  return 0;
}
