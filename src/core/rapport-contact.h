/* rapport-contact.h: one customer as read from, or written to, a file
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The common shape of a CSV row and a vCard, between a file and the book.
 * Empty fields are "" (never NULL) except tags (an empty strv) and
 * next_check_in (NULL when absent). */
typedef struct
{
  guint   line;           /* where the record starts in its file, from 1 */
  char   *name;
  char   *company;
  char   *email;
  char   *phone;
  char   *status;         /* "prospect", "customer", "former" or "" */
  char   *satisfaction;   /* "unknown", "unhappy", "satisfied", "delighted" or "" */
  char   *notes;
  GStrv   tags;
  char   *next_check_in;  /* ISO 8601 date or local date-time, as written */
} RapportContact;

RapportContact *rapport_contact_new  (void);
void            rapport_contact_free (RapportContact *contact);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportContact, rapport_contact_free)

G_END_DECLS
