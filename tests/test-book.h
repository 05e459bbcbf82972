/* test-book.h: the few steps every core test takes with a book
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Header-only: each test program is its own executable, so these are
 * static inline and a test uses what it needs.
 */

#pragma once

#include <glib.h>

#include "rapport-customer.h"
#include "rapport-store.h"

/* The book in the test's own data folder (NULL: the default one), or in
 * the folder @name beneath it when a test needs several. */
static inline RapportStore *
open_book (const char *name)
{
  g_autofree char *path = name != NULL
    ? g_build_filename (g_get_user_data_dir (), name, "rapport.db", NULL)
    : rapport_store_default_path ();
  g_autoptr(GError) error = NULL;
  RapportStore *store = rapport_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static inline gint64
query_int (RapportStore *store,
           const char   *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static inline gint64
add_customer (RapportStore *store,
              const char   *name,
              const char   *company)
{
  g_autoptr(RapportCustomer) customer = rapport_customer_new ();
  g_autoptr(GError) error = NULL;

  rapport_customer_set_name (customer, name);
  rapport_customer_set_company (customer, company);
  g_assert_true (rapport_customer_save (customer, store, &error));
  g_assert_no_error (error);
  return rapport_customer_get_id (customer);
}
