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

/* One email, phone, postal address or URL of a contact. */
typedef enum
{
  RAPPORT_VALUE_EMAIL,
  RAPPORT_VALUE_PHONE,
  RAPPORT_VALUE_ADDRESS,  /* the ADR value as vCard text: ";;street;city;region;code;country" */
  RAPPORT_VALUE_URL,
} RapportValueKind;

#define RAPPORT_N_VALUE_KINDS (RAPPORT_VALUE_URL + 1)

typedef struct
{
  RapportValueKind kind;
  char *value;
  char *types;   /* lower case, ','-separated ("work,cell"), or "" */
  int   pref;    /* 1 (most preferred) … 100; 0 when not preferred */
  char *group;   /* "item1" of Apple's "item1.EMAIL", or "" */
  char *params;  /* other vCard parameters, verbatim and ';'-separated, or "" */
} RapportContactValue;

RapportContactValue *rapport_contact_value_new   (RapportValueKind           kind,
                                                  const char                *value,
                                                  const char                *types,
                                                  int                        pref);
RapportContactValue *rapport_contact_value_copy  (const RapportContactValue *value);
void                 rapport_contact_value_free  (RapportContactValue       *value);
const char          *rapport_value_kind_to_string (RapportValueKind          kind);
gboolean             rapport_value_kind_from_string (const char             *word,
                                                  RapportValueKind          *kind);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportContactValue, rapport_contact_value_free)

/* What a reader could not keep of a file, counted per kind and told in the
 * summary ("2 photos over 1 MB not kept").  Keys are translated phrases. */
typedef struct
{
  GHashTable *counts;    /* message (owned) → GUINT_TO_POINTER (count) */
  GPtrArray  *warnings;  /* "customers.csv:4: status “warm” kept as a tag" */
} RapportImportNotes;

RapportImportNotes *rapport_import_notes_new    (void);
void                rapport_import_notes_free   (RapportImportNotes *notes);
void                rapport_import_notes_count  (RapportImportNotes *notes,
                                                 const char         *what);
void                rapport_import_notes_warn   (RapportImportNotes *notes,
                                                 const char         *format,
                                                 ...) G_GNUC_PRINTF (2, 3);
char               *rapport_import_notes_describe (RapportImportNotes *notes);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportImportNotes, rapport_import_notes_free)

/* The common shape of a CSV row and a vCard, between a file and the book.
 * Empty fields are "" (never NULL) except tags (an empty strv),
 * next_check_in, uid, structured_name and photo (NULL when absent).
 *
 * values holds every email, phone, address and URL; email and phone are
 * the preferred ones of their kind.  A reader may fill either: call
 * rapport_contact_finish () once it is done, and both agree. */
typedef struct
{
  guint       line;           /* where the record starts in its file, from 1 */
  char       *uid;
  char       *name;           /* the display name, FN */
  char       *structured_name;  /* N as written: escaped vCard text, ';'-separated */
  gboolean    is_org;         /* an organisation's card, not a person's */
  char       *company;
  char       *title;
  char       *role;
  char       *birthday;       /* as written: "1980-04-02", "--0402", "19800402" */
  char       *anniversary;
  char       *email;
  char       *phone;
  GPtrArray  *values;         /* of RapportContactValue */
  GPtrArray  *extra;          /* of char *: unknown vCard properties, verbatim content lines */
  GBytes     *photo;          /* the image, decoded; NULL: none */
  char       *photo_type;     /* "image/jpeg" …, or NULL */
  char       *status;         /* "prospect", "customer", "former" or "" */
  char       *satisfaction;   /* "unknown", "unhappy", "satisfied", "delighted" or "" */
  char       *notes;
  GStrv       tags;
  char       *next_check_in;  /* ISO 8601 date or local date-time, as written */
} RapportContact;

RapportContact *rapport_contact_new  (void);
RapportContact *rapport_contact_copy (const RapportContact *contact);
void            rapport_contact_free (RapportContact *contact);
void            rapport_contact_add_value (RapportContact   *contact,
                                           RapportValueKind  kind,
                                           const char       *value,
                                           const char       *types,
                                           int               pref);
gboolean        rapport_contact_has_value (RapportContact   *contact,
                                           RapportValueKind  kind,
                                           const char       *value);
const RapportContactValue *
                rapport_contact_preferred (RapportContact   *contact,
                                           RapportValueKind  kind);
void            rapport_contact_finish    (RapportContact   *contact);
gboolean        rapport_contact_is_empty  (RapportContact   *contact);
char           *rapport_contact_search_text (GPtrArray      *values);
char           *rapport_uid_new           (void);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportContact, rapport_contact_free)

G_END_DECLS
