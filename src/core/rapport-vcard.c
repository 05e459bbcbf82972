/* rapport-vcard.c: reading vCard 3.0/4.0 files, writing vCard 4.0
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-vcard"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-vcard.h"

/**
 * rapport_vcard_read:
 * @display_name: the file's name as shown in messages ("contacts.vcf")
 * @data: the file's bytes
 * @length: their number
 * @error: where a problem is reported, naming file and line
 *
 * Returns: (transfer full): a #GPtrArray of #RapportContact, one per card,
 *   freeing its elements, or %NULL with @error set.
 */
GPtrArray *
rapport_vcard_read (const char  *display_name,
                    const char  *data,
                    gsize        length,
                    GError     **error)
{
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_EMPTY,
               _("%s: vCard reading is not implemented yet"), display_name);
  return NULL;
}

/**
 * rapport_vcard_write:
 * @contacts: (element-type RapportContact): the customers to write
 *
 * Returns: (transfer full): the cards as vCard 4.0 text with CRLF line ends.
 */
char *
rapport_vcard_write (GPtrArray *contacts)
{
  g_return_val_if_fail (contacts != NULL, NULL);

  return g_strdup ("");
}
