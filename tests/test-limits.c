/* test-limits.c: every text the book takes has a limit, with a clear message
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "rapport-csv.h"
#include "rapport-customer.h"
#include "rapport-follow-ups.h"
#include "rapport-importer.h"
#include "rapport-interaction.h"
#include "rapport-limits.h"
#include "rapport-playbook-settings.h"
#include "rapport-reference.h"
#include "rapport-referral.h"
#include "rapport-sale.h"
#include "rapport-tag-cadence.h"
#include "rapport-testimonial.h"

#define NOW ((gint64) 1793523600) /* 2026-11-01T09:00:00Z */

typedef struct
{
  RapportStore            *store;
  RapportPlaybookSettings  settings;
} Fixture;

static gint64
add_customer (Fixture    *f,
              const char *name)
{
  g_autoptr(RapportCustomer) customer = rapport_customer_new ();
  g_autoptr(GError) error = NULL;

  rapport_customer_set_name (customer, name);
  g_assert_true (rapport_customer_save (customer, f->store, &error));
  g_assert_no_error (error);
  return rapport_customer_get_id (customer);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "limits", "rapport.db", NULL);
  g_autoptr(GError) error = NULL;

  f->store = rapport_store_open (path, &error);
  g_assert_no_error (error);
  rapport_playbook_settings_init_defaults (&f->settings);
  g_assert_cmpint (add_customer (f, "Ada Lovelace"), ==, 1);
  g_assert_cmpint (add_customer (f, "Bob Brown"), ==, 2);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
}

static gint64
count (Fixture    *f,
       const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (f->store, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* @n copies of @unit: "é" makes characters and bytes differ. */
static char *
repeat (const char *unit,
        guint       n)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (text, unit);
  return g_string_free (text, FALSE);
}

static void
assert_too_long (GError     *error,
                 const char *expected)
{
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, expected);
}

static void
test_customer (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(RapportCustomer) customer = rapport_customer_load (f->store, 1, NULL);
  g_autofree char *at_limit = repeat ("é", 200);
  g_autofree char *over = repeat ("x", 300);
  g_autofree char *long_notes = repeat ("n", 16001);
  g_autofree char *long_tag = repeat ("t", 101);
  g_autofree char *tags = g_strconcat ("vip;", long_tag, NULL);
  g_autoptr(GError) error = NULL;

  /* 200 characters are 400 bytes here: the limit counts characters. */
  rapport_customer_set_name (customer, at_limit);
  g_assert_true (rapport_customer_save (customer, f->store, &error));
  g_assert_no_error (error);

  rapport_customer_set_name (customer, over);
  g_assert_false (rapport_customer_save (customer, f->store, &error));
  assert_too_long (error, "Name is too long: 300 characters, at most 200");
  g_clear_error (&error);
  g_assert_cmpint (count (f, "SELECT length (name) FROM customer WHERE id = 1"), ==, 200);

  rapport_customer_set_name (customer, "Ada");
  rapport_customer_set_notes (customer, long_notes);
  g_assert_false (rapport_customer_save (customer, f->store, &error));
  assert_too_long (error, "Notes are too long: 16001 characters, at most 16000");
  g_clear_error (&error);

  rapport_customer_set_notes (customer, "");
  rapport_customer_set_tags (customer, tags);
  g_assert_false (rapport_customer_save (customer, f->store, &error));
  assert_too_long (error, "A tag is too long: 101 characters, at most 100");
  g_clear_error (&error);

  rapport_customer_set_tags (customer, "");
  rapport_customer_set_phone (customer, over);
  g_assert_false (rapport_customer_save (customer, f->store, &error));
  assert_too_long (error, "Phone number is too long: 300 characters, at most 64");
  g_clear_error (&error);

  rapport_customer_set_phone (customer, "");
  rapport_customer_set_email (customer, over);
  g_assert_false (rapport_customer_save (customer, f->store, &error));
  assert_too_long (error, "Email address is too long: 300 characters, at most 254");
  g_clear_error (&error);

  rapport_customer_set_email (customer, "");
  rapport_customer_set_company (customer, over);
  g_assert_false (rapport_customer_save (customer, f->store, &error));
  assert_too_long (error, "Company is too long: 300 characters, at most 200");
}

static void
test_other_records (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *over = repeat ("x", 300);
  g_autofree char *long_text = repeat ("ü", 16001);
  g_autoptr(RapportSale) sale = rapport_sale_new (1);
  g_autoptr(RapportInteraction) interaction = rapport_interaction_new (1, "call", NOW, long_text);
  g_autoptr(RapportTestimonial) testimonial = rapport_testimonial_new (1);
  g_autoptr(RapportReferral) referral = rapport_referral_new (1, "solicited");
  g_autoptr(GError) error = NULL;

  rapport_sale_set_product (sale, over);
  rapport_sale_set_closed_on (sale, "2026-11-01");
  g_assert_false (rapport_sale_save (sale, f->store, &error));
  assert_too_long (error, "Product is too long: 300 characters, at most 200");
  g_clear_error (&error);

  g_assert_false (rapport_interaction_save (interaction, f->store, &error));
  assert_too_long (error, "Summary is too long: 16001 characters, at most 16000");
  g_clear_error (&error);

  rapport_testimonial_set_quote (testimonial, long_text);
  rapport_testimonial_set_received_on (testimonial, "2026-11-01");
  g_assert_false (rapport_testimonial_save (testimonial, f->store, &f->settings, NOW, &error));
  assert_too_long (error, "Quote is too long: 16001 characters, at most 16000");
  g_clear_error (&error);

  rapport_referral_set_prospect_id (referral, 2);
  rapport_referral_set_notes (referral, long_text);
  g_assert_false (rapport_referral_create (referral, f->store, &f->settings, NOW, &error));
  assert_too_long (error, "Notes are too long: 16001 characters, at most 16000");
  g_clear_error (&error);

  rapport_referral_set_prospect_id (referral, 0);
  rapport_referral_set_notes (referral, "");
  rapport_referral_set_new_prospect (referral, over, "", "");
  g_assert_false (rapport_referral_create (referral, f->store, &f->settings, NOW, &error));
  assert_too_long (error, "Name is too long: 300 characters, at most 200");
  g_clear_error (&error);

  g_assert_cmpint (rapport_referral_given_add (f->store, 1, over, NOW, "", &f->settings, NOW, &error), ==, 0);
  assert_too_long (error, "“Given to” is too long: 300 characters, at most 200");
  g_clear_error (&error);

  g_assert_cmpint (rapport_reference_record_use (f->store, 1, "Dana", 0, "2026-11-01", long_text,
                                                 &f->settings, NOW, &error), ==, 0);
  assert_too_long (error, "Notes are too long: 16001 characters, at most 16000");
  g_clear_error (&error);

  g_assert_cmpint (rapport_follow_up_add (f->store, 1, "keep_in_touch", NOW + 86400, long_text,
                                          NULL, NOW, &error), ==, 0);
  assert_too_long (error, "Reason is too long: 16001 characters, at most 1000");
  g_clear_error (&error);

  g_assert_false (rapport_tag_cadence_set (f->store, over, 7, 14, &error));
  assert_too_long (error, "A tag is too long: 300 characters, at most 100");

  /* Nothing of it reached the book. */
  g_assert_cmpint (count (f, "SELECT (SELECT count(*) FROM sale) + (SELECT count(*) FROM interaction)"
                             " + (SELECT count(*) FROM testimonial) + (SELECT count(*) FROM referral)"
                             " + (SELECT count(*) FROM referral_given) + (SELECT count(*) FROM reference_use)"
                             " + (SELECT count(*) FROM tag_cadence)"
                             " + (SELECT count(*) FROM follow_up WHERE created_by = 'user')"
                             " + (SELECT count(*) FROM customer) - 2"), ==, 0);
}

static void
assert_read_refused (const char *name,
                     const char *contents,
                     const char *expected)
{
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), name, NULL);
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  contacts = rapport_importer_read_file (path, NULL, &error);
  g_assert_null (contacts);
  g_assert_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_INVALID_VALUE);
  g_assert_cmpstr (error->message, ==, expected);
}

/* A file names the file and the line, as for any other problem in it. */
static void
test_import (void)
{
  g_autofree char *name = repeat ("x", 300);
  g_autofree char *csv = g_strconcat ("name,phone\r\nAda,+44 1\r\n", name, ",\r\n", NULL);
  g_autofree char *phone = repeat ("1", 65);
  g_autofree char *vcf = g_strconcat ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\nTEL:", phone,
                                      "\r\nEND:VCARD\r\n", NULL);

  assert_read_refused ("customers.csv", csv,
                       "customers.csv:3: Name is too long: 300 characters, at most 200");
  assert_read_refused ("contacts.vcf", vcf,
                       "contacts.vcf:1: Phone number is too long: 65 characters, at most 64");
}

/* Merging into a customer combines the tags: each side within the limit
 * may make a whole over it. */
static void
test_import_merge (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GString) first = g_string_new ("name,email,tags\r\nAda,ada@example.org,");
  g_autoptr(GString) second = g_string_new ("name,email,tags\r\nAda,ada@example.org,");
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GError) error = NULL;

  for (char c = 'a'; c < 'a' + 20; c++)
    {
      g_autofree char *tag = g_strnfill (97, c);
      g_string_append_printf (first, "%s%s", c > 'a' ? ";" : "", tag);
    }
  for (char c = 'u'; c < 'u' + 2; c++)
    {
      g_autofree char *tag = g_strnfill (97, c);
      g_string_append_printf (second, "%s%s", c > 'u' ? ";" : "", tag);
    }
  g_string_append (first, "\r\n");
  g_string_append (second, "\r\n");

  contacts = rapport_csv_read ("first.csv", first->str, first->len, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (rapport_importer_import (f->store, contacts, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT length (tags) FROM customer WHERE email = 'ada@example.org'"), ==, 1959);

  g_clear_pointer (&contacts, g_ptr_array_unref);
  contacts = rapport_csv_read ("second.csv", second->str, second->len, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (rapport_importer_import (f->store, contacts, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_INVALID_VALUE);
  g_assert_cmpstr (error->message, ==, "line 2: Tags are too long: 2155 characters together, at most 2000");
  g_assert_cmpint (count (f, "SELECT length (tags) FROM customer WHERE email = 'ada@example.org'"), ==, 1959);
}

static void
test_limit_values (void)
{
  /* The long texts stay within one CSV field, even at four bytes a character. */
  g_assert_cmpuint (rapport_limit_max (RAPPORT_LIMIT_NOTES) * 4 + 1, <=, 64 * 1024);
  g_assert_cmpuint (rapport_limit_max (RAPPORT_LIMIT_QUOTE), ==, 16000);
  g_assert_cmpuint (rapport_limit_max (RAPPORT_LIMIT_NAME), ==, 200);
  g_assert_true (rapport_limit_check (RAPPORT_LIMIT_NAME, NULL, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/limits/customer", Fixture, NULL, fixture_set_up, test_customer, fixture_tear_down);
  g_test_add ("/limits/other-records", Fixture, NULL, fixture_set_up, test_other_records, fixture_tear_down);
  g_test_add_func ("/limits/import", test_import);
  g_test_add ("/limits/import-merge", Fixture, NULL, fixture_set_up, test_import_merge, fixture_tear_down);
  g_test_add_func ("/limits/values", test_limit_values);

  return g_test_run ();
}
