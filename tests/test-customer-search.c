/* test-customer-search.c: what the desktop's search finds, from any input
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The search provider's reads, on a read-only connection as its worker
 * has: names before companies and emails, at most the limit, and input
 * from another program (FTS5 syntax, overlong, broken UTF-8, a single
 * letter) answered quietly with nothing or with what its words match.
 */

#include "config.h"

#include "rapport-customer-search.h"
#include "rapport-customer.h"

static gint64
add_customer (RapportStore *store,
              const char   *name,
              const char   *company,
              const char   *email)
{
  g_autoptr(RapportCustomer) customer = rapport_customer_new ();
  g_autoptr(GError) error = NULL;

  rapport_customer_set_name (customer, name);
  rapport_customer_set_company (customer, company);
  rapport_customer_set_email (customer, email);
  g_assert_true (rapport_customer_save (customer, store, &error));
  g_assert_no_error (error);
  return rapport_customer_get_id (customer);
}

static RapportStore *
open_book (RapportStore **reader)
{
  g_autofree char *path = rapport_store_default_path ();
  g_autoptr(GError) error = NULL;
  RapportStore *store = rapport_store_open (path, &error);

  g_assert_no_error (error);
  *reader = rapport_store_open_reader (path, &error);
  g_assert_no_error (error);
  return store;
}

/* The ids found for @terms, or NULL when they make no query. */
static GArray *
find (RapportStore       *reader,
      const char * const *terms)
{
  g_autofree char *fts = rapport_customer_search_query (terms);
  g_autoptr(GError) error = NULL;
  GArray *ids;

  if (fts == NULL)
    return NULL;
  ids = rapport_customer_search (reader, fts, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ids);
  return ids;
}

static void
test_names_first (void)
{
  g_autoptr(RapportStore) reader = NULL;
  g_autoptr(RapportStore) store = open_book (&reader);
  gint64 by_company = add_customer (store, "Bruno Bauer", "Harbor Tools", NULL);
  gint64 by_email = add_customer (store, "Carmen Díaz", NULL, "harbor@example.com");
  gint64 by_name = add_customer (store, "Harbor Quinn", NULL, NULL);
  g_autoptr(GArray) ids = find (reader, (const char *[]) { "harb", NULL });
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (ids->len, ==, 3);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, by_name);
  g_assert_true ((g_array_index (ids, gint64, 1) == by_company && g_array_index (ids, gint64, 2) == by_email) ||
                 (g_array_index (ids, gint64, 1) == by_email && g_array_index (ids, gint64, 2) == by_company));

  hits = rapport_customer_search_hits (reader, (const gint64 *) ids->data, ids->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 3);
  g_assert_cmpstr (((RapportCustomerHit *) hits->pdata[0])->name, ==, "Harbor Quinn");
  g_assert_cmpint (((RapportCustomerHit *) hits->pdata[0])->next_check_in, ==, 0);
}

static void
test_limit (void)
{
  g_autoptr(RapportStore) reader = NULL;
  g_autoptr(RapportStore) store = open_book (&reader);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  gint64 gone = 999999;

  for (guint i = 0; i < RAPPORT_CUSTOMER_SEARCH_LIMIT + 15; i++)
    {
      g_autofree char *name = g_strdup_printf ("Elena %u", i);
      g_autofree char *company = g_strdup_printf ("Elena's Shop %u", i);

      add_customer (store, name, company, NULL);
    }

  ids = find (reader, (const char *[]) { "elena", NULL });
  g_assert_cmpuint (ids->len, ==, RAPPORT_CUSTOMER_SEARCH_LIMIT);
  /* Matching in both columns, each found once. */
  for (guint i = 0; i < ids->len; i++)
    for (guint j = i + 1; j < ids->len; j++)
      g_assert_cmpint (g_array_index (ids, gint64, i), !=, g_array_index (ids, gint64, j));

  /* A customer deleted since the search is left out of what is shown. */
  g_array_append_val (ids, gone);
  hits = rapport_customer_search_hits (reader, (const gint64 *) ids->data, ids->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, RAPPORT_CUSTOMER_SEARCH_LIMIT);
}

static void
test_bad_input (void)
{
  g_autoptr(RapportStore) reader = NULL;
  g_autoptr(RapportStore) store = open_book (&reader);
  gint64 quinn = add_customer (store, "Quinn \"NEAR\" OR", "Star* Corp", NULL);
  g_autoptr(GString) huge = g_string_new (NULL);
  g_autoptr(GArray) syntax = NULL;
  g_autoptr(GArray) star = NULL;
  g_autoptr(GArray) long_terms = NULL;
  g_autoptr(GArray) column = NULL;
  g_autofree char *long_query = NULL;

  add_customer (store, "Elena Fischer", "Harbor Tools", NULL);

  /* Nothing to search for: no query at all. */
  g_assert_null (rapport_customer_search_query (NULL));
  g_assert_null (rapport_customer_search_query ((const char *[]) { NULL }));
  g_assert_null (rapport_customer_search_query ((const char *[]) { "", " ", "\t", NULL }));
  g_assert_null (rapport_customer_search_query ((const char *[]) { "*", "\"", "(", ")", ":", NULL }));
  g_assert_null (rapport_customer_search_query ((const char *[]) { "e", NULL }));
  g_assert_null (rapport_customer_search_query ((const char *[]) { "\xff\xfe", NULL }));

  /* Syntax is searched for as words. */
  syntax = find (reader, (const char *[]) { "\"NEAR\"", "OR", NULL });
  g_assert_cmpuint (syntax->len, ==, 1);
  g_assert_cmpint (g_array_index (syntax, gint64, 0), ==, quinn);
  star = find (reader, (const char *[]) { "star*", NULL });
  g_assert_cmpuint (star->len, ==, 1);
  column = find (reader, (const char *[]) { "notes:elena", "company:harbor", NULL });
  g_assert_cmpuint (column->len, ==, 0);

  /* 10,000 characters: the first words count, the rest is dropped. */
  while (huge->len < 10000)
    g_string_append (huge, "elena fischer NEAR(\"x\" ");
  long_query = rapport_customer_search_query ((const char *[]) { huge->str, NULL });
  g_assert_nonnull (long_query);
  g_assert_cmpuint (strlen (long_query), <, 1000);
  long_terms = find (reader, (const char *[]) { huge->str, NULL });
  g_assert_cmpuint (long_terms->len, <=, 1);

  /* One overlong word is cut at a character, not inside one. */
  {
    g_autoptr(GString) word = g_string_new ("Ø");
    g_autofree char *query = NULL;

    while (word->len < 500)
      g_string_append (word, "é");
    query = rapport_customer_search_query ((const char *[]) { word->str, NULL });
    g_assert_nonnull (query);
    g_assert_true (g_utf8_validate (query, -1, NULL));
    g_assert_cmpuint (strlen (query), <, 100);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/customer-search/names-first", test_names_first);
  g_test_add_func ("/customer-search/limit", test_limit);
  g_test_add_func ("/customer-search/bad-input", test_bad_input);
  return g_test_run ();
}
