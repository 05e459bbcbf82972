/* test-sale.c: sales and logged contacts
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-customer.h"
#include "rapport-interaction.h"
#include "rapport-sale.h"
#include "rapport-time.h"

static RapportStore *
open_test_store (RapportCustomer **customer)
{
  g_autofree char *path = rapport_store_default_path ();
  g_autoptr(GError) error = NULL;
  RapportStore *store = rapport_store_open (path, &error);

  g_assert_no_error (error);
  *customer = rapport_customer_new ();
  rapport_customer_set_name (*customer, "Ngozi Okafor");
  g_assert_true (rapport_customer_save (*customer, store, &error));
  return store;
}

static void
test_amount_parse (void)
{
  static const struct { const char *text; gint64 cents; } good[] = {
    { "1200", 120000 }, { "1,200.50", 120050 }, { "1.200,5", 120050 }, { "1 200", 120000 },
    { "0.99", 99 }, { "", 0 }, { "12.345", 1234500 },
  };
  static const char *bad[] = { "abc", "12x", "-5", "99999999999999", "1e5" };
  gint64 cents;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_assert_true (rapport_parse_amount (good[i].text, &cents));
      g_assert_cmpint (cents, ==, good[i].cents);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (rapport_parse_amount (bad[i], &cents));
}

static void
test_sale_save_list (void)
{
  g_autoptr(RapportCustomer) customer = NULL;
  g_autoptr(RapportStore) store = open_test_store (&customer);
  g_autoptr(RapportSale) sale = rapport_sale_new (rapport_customer_get_id (customer));
  g_autoptr(GListModel) sales = NULL;
  g_autoptr(RapportSale) loaded = NULL;
  g_autoptr(GError) error = NULL;

  rapport_sale_set_product (sale, " Acme CRM ");
  rapport_sale_set_amount_cents (sale, 120050);
  rapport_sale_set_closed_on (sale, "2026-03-01");
  rapport_sale_set_referral_prepositioned (sale, "agreed");
  g_assert_true (rapport_sale_save (sale, store, &error));
  g_assert_no_error (error);

  rapport_sale_set_delivered_on (sale, "2026-03-10");
  g_assert_true (rapport_sale_save (sale, store, &error));

  sales = rapport_sale_list_for_customer (store, rapport_customer_get_id (customer), &error);
  g_assert_cmpuint (g_list_model_get_n_items (sales), ==, 1);
  loaded = g_list_model_get_item (sales, 0);
  g_assert_cmpstr (rapport_sale_get_product (loaded), ==, "Acme CRM");
  g_assert_cmpint (rapport_sale_get_amount_cents (loaded), ==, 120050);
  g_assert_cmpstr (rapport_sale_get_delivered_on (loaded), ==, "2026-03-10");
  g_assert_cmpstr (rapport_sale_get_referral_prepositioned (loaded), ==, "agreed");
}

static void
test_sale_validation (void)
{
  g_autoptr(RapportCustomer) customer = NULL;
  g_autoptr(RapportStore) store = open_test_store (&customer);
  g_autoptr(RapportSale) sale = rapport_sale_new (rapport_customer_get_id (customer));
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) sales = NULL;

  g_assert_false (rapport_sale_save (sale, store, &error));
  g_assert_nonnull (strstr (error->message, "needs a product"));
  g_clear_error (&error);

  rapport_sale_set_product (sale, "Widget");
  rapport_sale_set_closed_on (sale, "2026-02-30");
  g_assert_false (rapport_sale_save (sale, store, &error));
  g_assert_nonnull (strstr (error->message, "“2026-02-30” is not a date"));
  g_clear_error (&error);

  rapport_sale_set_closed_on (sale, "2026-03-10");
  rapport_sale_set_delivered_on (sale, "2026-03-01");
  g_assert_false (rapport_sale_save (sale, store, &error));
  g_assert_nonnull (strstr (error->message, "before the closing date"));
  g_clear_error (&error);

  rapport_sale_set_delivered_on (sale, NULL);
  rapport_sale_set_referral_prepositioned (sale, "maybe");
  g_assert_false (rapport_sale_save (sale, store, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID);

  sales = rapport_sale_list_for_customer (store, rapport_customer_get_id (customer), NULL);
  g_assert_cmpuint (g_list_model_get_n_items (sales), ==, 0);
}

static void
test_interaction_is_last_contact (void)
{
  g_autoptr(RapportCustomer) customer = NULL;
  g_autoptr(RapportStore) store = open_test_store (&customer);
  gint64 id = rapport_customer_get_id (customer);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) timeline = NULL;
  g_autoptr(RapportInteraction) newest = NULL;
  g_autoptr(RapportInteraction) bad = rapport_interaction_new (id, "telepathy", 1000, "");

  g_assert_true (rapport_interaction_save (rapport_interaction_new (id, "call", 1780000000, "Kick-off"),
                                           store, &error));
  g_assert_true (rapport_interaction_save (rapport_interaction_new (id, "email", 1790000000, "Invoice"),
                                           store, &error));
  g_assert_false (rapport_interaction_save (bad, store, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (rapport_customer_reload (customer, store, &error));
  g_assert_cmpint (rapport_customer_get_last_contact (customer), ==, 1790000000);

  timeline = rapport_interaction_list_for_customer (store, id, &error);
  g_assert_cmpuint (g_list_model_get_n_items (timeline), ==, 2);
  newest = g_list_model_get_item (timeline, 0);
  g_assert_cmpstr (rapport_interaction_get_summary (newest), ==, "Invoice");
  g_assert_cmpstr (rapport_interaction_kind_label ("thank_you_note"), ==, "Thank-you note");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sale/amount-parse", test_amount_parse);
  g_test_add_func ("/sale/save-list", test_sale_save_list);
  g_test_add_func ("/sale/validation", test_sale_validation);
  g_test_add_func ("/interaction/last-contact", test_interaction_is_last_contact);

  return g_test_run ();
}
