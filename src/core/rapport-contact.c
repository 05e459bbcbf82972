/* rapport-contact.c: one customer as read from, or written to, a file
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-contact.h"

G_DEFINE_QUARK (rapport-import-error-quark, rapport_import_error)

RapportContact *
rapport_contact_new (void)
{
  RapportContact *contact = g_new0 (RapportContact, 1);

  contact->name = g_strdup ("");
  contact->company = g_strdup ("");
  contact->email = g_strdup ("");
  contact->phone = g_strdup ("");
  contact->status = g_strdup ("");
  contact->satisfaction = g_strdup ("");
  contact->notes = g_strdup ("");
  contact->tags = g_new0 (char *, 1);
  return contact;
}

void
rapport_contact_free (RapportContact *contact)
{
  if (contact == NULL)
    return;
  g_free (contact->name);
  g_free (contact->company);
  g_free (contact->email);
  g_free (contact->phone);
  g_free (contact->status);
  g_free (contact->satisfaction);
  g_free (contact->notes);
  g_strfreev (contact->tags);
  g_free (contact->next_check_in);
  g_free (contact);
}
