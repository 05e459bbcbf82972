/* rapport-contact.h: one customer as read from, or written to, a file
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RAPPORT_IMPORT_ERROR (rapport_import_error_quark ())

/* Errors from reading a file of customers.  Messages name the file and the
 * line: "customers.csv:57: unterminated quoted field". */
typedef enum
{
  RAPPORT_IMPORT_ERROR_IO,            /* cannot read or write the file */
  RAPPORT_IMPORT_ERROR_FORMAT,        /* unknown extension */
  RAPPORT_IMPORT_ERROR_EMPTY,         /* no header, no records */
  RAPPORT_IMPORT_ERROR_ENCODING,      /* not UTF-8, NUL bytes */
  RAPPORT_IMPORT_ERROR_SYNTAX,        /* quoting, column count, card structure */
  RAPPORT_IMPORT_ERROR_MISSING_FIELD, /* no name column, a record without a name */
  RAPPORT_IMPORT_ERROR_INVALID_VALUE, /* unknown status, bad date, over-long field */
} RapportImportError;

GQuark          rapport_import_error_quark (void);

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
