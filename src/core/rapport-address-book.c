/* rapport-address-book.c: the desktop's address books, through the rapport-eds module
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * evolution-data-server's libraries cost every start of Rapport some 8 MB
 * and 20 ms while linked in, for a command few use: Import from Contacts.
 * They are in the rapport-eds module (src/eds), loaded at the first call.
 */

#define G_LOG_DOMAIN "rapport-address-book"

#include "config.h"

#include <glib/gi18n.h>
#include <gmodule.h>

#include "rapport-address-book.h"
#include "rapport-module.h"

typedef GPtrArray *(*ListFunc) (guint          timeout_seconds,
                                GCancellable  *cancellable,
                                GError       **error);
typedef GPtrArray *(*ReadFunc) (const RapportAddressBook  *book,
                                guint                      timeout_seconds,
                                RapportImportNotes        *notes,
                                GCancellable              *cancellable,
                                GError                   **error);

typedef struct
{
  ListFunc  list;
  ReadFunc  read;
  char     *error;  /* why it could not be loaded */
} EdsModule;

G_DEFINE_QUARK (rapport-address-book-error-quark, rapport_address_book_error)

RapportAddressBook *
rapport_address_book_copy (const RapportAddressBook *book)
{
  RapportAddressBook *copy = g_new0 (RapportAddressBook, 1);

  copy->source = g_object_ref (book->source);
  copy->name = g_strdup (book->name);
  copy->backend = g_strdup (book->backend);
  return copy;
}

void
rapport_address_book_free (RapportAddressBook *book)
{
  if (book == NULL)
    return;
  g_clear_object (&book->source);
  g_free (book->name);
  g_free (book->backend);
  g_free (book);
}

static gpointer
load_module (gpointer data)
{
  g_autofree char *path = rapport_module_dup_path ("rapport-eds");
  EdsModule *eds = g_new0 (EdsModule, 1);
  GModule *module;

  module = g_module_open (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module == NULL ||
      !g_module_symbol (module, "rapport_eds_address_book_list", (gpointer *) &eds->list) ||
      !g_module_symbol (module, "rapport_eds_address_book_read", (gpointer *) &eds->read))
    {
      eds->error = g_strdup (g_module_error ());
      eds->list = NULL;
      eds->read = NULL;
      g_clear_pointer (&module, g_module_close);
      return eds;
    }

  /* libebook registers types: it stays. */
  g_module_make_resident (module);
  return eds;
}

/* Loaded once, by whichever worker thread asks first. */
static const EdsModule *
get_module (GError **error)
{
  static GOnce once = G_ONCE_INIT;
  const EdsModule *eds = g_once (&once, load_module, NULL);

  if (eds->error != NULL)
    {
      g_set_error (error, RAPPORT_ADDRESS_BOOK_ERROR, RAPPORT_ADDRESS_BOOK_ERROR_UNAVAILABLE,
                   /* Translators: %s says which file and why */
                   _("The desktop’s address books cannot be read: %s"), eds->error);
      return NULL;
    }
  return eds;
}

/**
 * rapport_address_book_list:
 * @timeout_seconds: how long finding the books may take
 *
 * The enabled address books evolution-data-server knows: its own
 * "Personal" book, GNOME Contacts', those of online accounts.  Blocks:
 * call it in a worker thread.
 *
 * Returns: (transfer full) (element-type RapportAddressBook): the books
 *   by name, or %NULL with @error set
 */
GPtrArray *
rapport_address_book_list (guint          timeout_seconds,
                           GCancellable  *cancellable,
                           GError       **error)
{
  const EdsModule *eds = get_module (error);

  if (eds == NULL)
    return NULL;
  return eds->list (timeout_seconds, cancellable, error);
}

/**
 * rapport_address_book_read:
 * @book: one of rapport_address_book_list ()'s
 * @timeout_seconds: how long opening the book, and reading it, may each take
 * @notes: (nullable): where to count what was not kept, and the cards refused
 *
 * Every contact of @book as the vCard reader reads it; ready for
 * rapport_importer_import ().  Blocks: call it in a worker thread.
 *
 * Returns: (transfer full) (element-type RapportContact): the contacts, or
 *   %NULL with @error set
 */
GPtrArray *
rapport_address_book_read (const RapportAddressBook  *book,
                           guint                      timeout_seconds,
                           RapportImportNotes        *notes,
                           GCancellable              *cancellable,
                           GError                   **error)
{
  const EdsModule *eds = get_module (error);

  if (eds == NULL)
    return NULL;
  return eds->read (book, timeout_seconds, notes, cancellable, error);
}
