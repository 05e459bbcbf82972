/* rapport-vcard.h: reading vCard 3.0/4.0 (and 2.1) files, writing vCard 4.0
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "rapport-contact.h"

G_BEGIN_DECLS

/* The longest text a contact's field may take from a card, in bytes,
 * after unfolding, decoding and unescaping (several NOTEs count together).
 * Longer values are refused, never truncated.  Properties that are not
 * read (a PHOTO, say) are not limited. */
#define RAPPORT_VCARD_MAX_VALUE (64 * 1024)

GPtrArray *rapport_vcard_read  (const char  *display_name,
                                const char  *data,
                                gsize        length,
                                RapportImportNotes *notes,
                                GError     **error);
char      *rapport_vcard_write (GPtrArray   *contacts);

G_END_DECLS
