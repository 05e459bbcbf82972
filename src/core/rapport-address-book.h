/* rapport-address-book.h: the desktop's address books, through the rapport-eds module
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rapport-contact.h"

G_BEGIN_DECLS

#define RAPPORT_ADDRESS_BOOK_ERROR (rapport_address_book_error_quark ())

typedef enum
{
  RAPPORT_ADDRESS_BOOK_ERROR_UNAVAILABLE, /* evolution-data-server is not on the bus, or its module is missing */
  RAPPORT_ADDRESS_BOOK_ERROR_OPEN,        /* the book cannot be opened */
  RAPPORT_ADDRESS_BOOK_ERROR_READ,        /* its contacts cannot be read */
  RAPPORT_ADDRESS_BOOK_ERROR_TIMED_OUT,   /* no answer in time */
} RapportAddressBookError;

/* How long each step (finding the books, opening one, reading it) may take
 * before it is given up, in seconds. */
#define RAPPORT_ADDRESS_BOOK_TIMEOUT 60

typedef struct
{
  GObject *source;   /* its ESource */
  char    *name;     /* unique among the books: "Personal", "Contacts (ada@example.com)" */
  char    *backend;  /* where its contacts live: "local", "carddav", "google" … or NULL */
} RapportAddressBook;

GQuark              rapport_address_book_error_quark (void);
RapportAddressBook *rapport_address_book_copy  (const RapportAddressBook *book);
void                rapport_address_book_free  (RapportAddressBook       *book);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportAddressBook, rapport_address_book_free)

/* Both block: call them in a worker thread. */
GPtrArray *rapport_address_book_list (guint                     timeout_seconds,
                                      GCancellable             *cancellable,
                                      GError                  **error);
GPtrArray *rapport_address_book_read (const RapportAddressBook *book,
                                      guint                     timeout_seconds,
                                      RapportImportNotes       *notes,
                                      GCancellable             *cancellable,
                                      GError                  **error);

G_END_DECLS
