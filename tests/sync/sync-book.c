/* sync-book.c: a book with one customer, for the mapping tests
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-sync-card.h"
#include "sync-book.h"

/* The book in the user data folder, with one customer written to it as a
 * card from the server would be; *@customer is her row. */
RapportStore *
open_book_with_customer (const char *uid,
                         const char *name,
                         gint64     *customer)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "rapport.db", NULL);
  g_autoptr(RapportSyncCard) card = rapport_sync_card_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) store = rapport_store_open (path, &error);

  g_assert_no_error (error);
  card->contact->uid = g_strdup (uid);
  rapport_sync_card_set_field (card, "name", name, NULL);
  g_assert_true (rapport_store_begin (store, &error));
  *customer = rapport_sync_card_write (store, card, 0, &error);
  g_assert_no_error (error);
  g_assert_true (rapport_store_commit (store, &error));
  return g_steal_pointer (&store);
}
