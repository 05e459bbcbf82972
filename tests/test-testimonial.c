/* test-testimonial.c: the testimonial library, references and the page for sales material
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rapport-customer.h"
#include "rapport-exporter.h"
#include "rapport-follow-ups.h"
#include "rapport-html-export.h"
#include "rapport-reference.h"
#include "rapport-sale.h"
#include "rapport-testimonial-list.h"
#include "rapport-testimonial.h"
#include "rapport-time.h"
#include "test-book.h"

#define HOSTILE "<b>x</b> & </p><script>alert('x')</script>"
#define RTL_QUOTE "الخدمة ممتازة وسريعة"
#define EMOJI_QUOTE "Best support ever 🎉👍 — truly"

static gint64
add_testimonial (RapportStore *store,
                 gint64        customer_id,
                 const char   *quote,
                 int           rating,
                 const char   *tags,
                 const char   *products,
                 const char   *permission)
{
  g_autoptr(RapportTestimonial) testimonial = rapport_testimonial_new (customer_id);
  g_autoptr(GError) error = NULL;

  rapport_testimonial_set_quote (testimonial, quote);
  rapport_testimonial_set_rating (testimonial, rating);
  rapport_testimonial_set_received_on (testimonial, "2026-03-01");
  rapport_testimonial_set_tags (testimonial, tags);
  rapport_testimonial_set_products (testimonial, products);
  rapport_testimonial_set_permission (testimonial, permission);
  g_assert_true (rapport_testimonial_save (testimonial, store, NULL, 0, &error));
  g_assert_no_error (error);
  return rapport_testimonial_get_id (testimonial);
}

/* The list reads in a worker thread: its rows once they have arrived. */
static guint
n_listed (RapportTestimonialList *list)
{
  while (rapport_testimonial_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);
  return g_list_model_get_n_items (G_LIST_MODEL (list));
}

static void
on_items_changed (GListModel *list,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *fewest)
{
  *fewest = MIN (*fewest, g_list_model_get_n_items (list));
}

static guint
count (RapportStore                   *store,
       const RapportTestimonialFilter *filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = rapport_testimonial_query (store, filter, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (found);
  return found->len;
}

static void
test_validation (void)
{
  g_autoptr(RapportStore) store = open_book (NULL);
  gint64 ada = add_customer (store, "Ada Lovelace", "Analytical Engines");
  static const struct {
    const char *field;
    const char *value;
    int         rating;
    const char *message_part;
  } bad[] = {
    { "quote", "   \n  ", 0, "quote is empty" },
    { "rating", NULL, 6, "1 to 5" },
    { "rating", NULL, -1, "1 to 5" },
    { "received_on", "2026-13-01", 0, "YYYY-MM-DD" },
    { "received_on", "", 0, "YYYY-MM-DD" },
    { "source", "fax", 0, "source" },
    { "permission", "public", 0, "permission" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(RapportTestimonial) testimonial = rapport_testimonial_new (ada);
      g_autoptr(GError) error = NULL;

      rapport_testimonial_set_quote (testimonial, "Splendid engines");
      rapport_testimonial_set_rating (testimonial, bad[i].rating);
      if (g_str_equal (bad[i].field, "quote"))
        rapport_testimonial_set_quote (testimonial, bad[i].value);
      else if (g_str_equal (bad[i].field, "received_on"))
        rapport_testimonial_set_received_on (testimonial, bad[i].value);
      else if (g_str_equal (bad[i].field, "source"))
        rapport_testimonial_set_source (testimonial, bad[i].value);
      else if (g_str_equal (bad[i].field, "permission"))
        rapport_testimonial_set_permission (testimonial, bad[i].value);

      g_assert_false (rapport_testimonial_save (testimonial, store, NULL, 0, &error));
      g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, bad[i].message_part));
      g_assert_cmpint (rapport_testimonial_get_id (testimonial), ==, 0);
    }

  /* No customer, and a customer who is not in the book. */
  {
    g_autoptr(RapportTestimonial) orphan = rapport_testimonial_new (0);
    g_autoptr(RapportTestimonial) ghost = rapport_testimonial_new (9999);
    g_autoptr(GError) error = NULL;

    rapport_testimonial_set_quote (orphan, "Nice");
    g_assert_false (rapport_testimonial_save (orphan, store, NULL, 0, &error));
    g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID);
    g_clear_error (&error);

    rapport_testimonial_set_quote (ghost, "Nice");
    g_assert_false (rapport_testimonial_save (ghost, store, NULL, 0, &error));
    g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND);
  }

  g_assert_cmpuint (count (store, NULL), ==, 0);
  g_assert_false (rapport_store_in_transaction (store));
}

static void
test_save_normalises (void)
{
  g_autoptr(RapportStore) store = open_book (NULL);
  gint64 ada = add_customer (store, "Ada Lovelace", "Analytical Engines");
  g_autoptr(RapportTestimonial) loaded = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = add_testimonial (store, ada, "  Splendid engines.  ", 0, " Healthcare; support;healthcare;",
                        " Office Wi-Fi ;office wi-fi; VoIP", "internal");
  loaded = rapport_testimonial_load (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_testimonial_get_quote (loaded), ==, "Splendid engines.");
  g_assert_cmpstr (rapport_testimonial_get_tags (loaded), ==, "healthcare;support");
  g_assert_cmpstr (rapport_testimonial_get_products (loaded), ==, "Office Wi-Fi;VoIP");
  g_assert_cmpint (rapport_testimonial_get_rating (loaded), ==, 0);
  g_assert_cmpstr (rapport_testimonial_get_customer_name (loaded), ==, "Ada Lovelace");
  g_assert_cmpstr (rapport_testimonial_get_company (loaded), ==, "Analytical Engines");

  g_assert_true (rapport_testimonial_delete (store, id, NULL, 0, &error));
  g_assert_null (rapport_testimonial_load (store, id, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (rapport_testimonial_delete (store, id, NULL, 0, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND);

  {
    g_autofree char *four = rapport_testimonial_stars (4);
    g_autofree char *label = rapport_testimonial_stars_label (4);
    g_autofree char *none = rapport_testimonial_stars (0);

    g_assert_cmpstr (four, ==, "★★★★☆");
    g_assert_cmpstr (label, ==, "4 of 5 stars");
    g_assert_cmpstr (none, ==, "");
  }
}

static void
seed_library (RapportStore *store)
{
  gint64 ada = add_customer (store, "Ada Lovelace", "Analytical Engines");
  gint64 grace = add_customer (store, "Grace Hopper", "Navy Compilers");
  gint64 layla = add_customer (store, "Layla Haddad", "Cedar Pharmacy");

  add_testimonial (store, ada, "Our renders finish overnight now.", 5, "design;reliability",
                   "Office Wi-Fi", "public_named");
  add_testimonial (store, grace, "The compiler team loved the support.", 4, "government;support",
                   "VoIP", "internal");
  add_testimonial (store, layla, "I have sent four pharmacies their way.", 5, "healthcare;support",
                   "VoIP", "public_anonymous");
  add_testimonial (store, grace, "Please keep this between us: prices are fair.", 3, "value",
                   "Office Wi-Fi;VoIP", "private");
  add_testimonial (store, ada, "Phone praise, no stars given.", 0, "", "", "public_named");
}

static void
test_search_and_filters (void)
{
  g_autoptr(RapportStore) store = open_book (NULL);
  static const char *hostile[] = {
    "\"", "\"\"\"", "AND", "OR NOT", "NEAR(", "*", "quote:", "^", "-", "(", ")",
    "'; DROP TABLE testimonial; --", "{quote tags}:x", "a\"b", "🎉", "%", "_",
  };
  RapportTestimonialFilter filter = { 0 };
  g_autoptr(RapportTestimonialList) list = NULL;

  seed_library (store);
  g_assert_cmpuint (count (store, NULL), ==, 5);

  /* Words are prefixes, searched in quotes, tags and products. */
  filter.search = "render";
  g_assert_cmpuint (count (store, &filter), ==, 1);
  filter.search = "SUPPORT";
  g_assert_cmpuint (count (store, &filter), ==, 2);
  filter.search = "voip pharm";
  g_assert_cmpuint (count (store, &filter), ==, 1);
  filter.search = "   ";
  g_assert_cmpuint (count (store, &filter), ==, 5);

  /* Whatever is typed is searched for, never run as FTS syntax or SQL. */
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) found = NULL;

      filter.search = hostile[i];
      found = rapport_testimonial_query (store, &filter, 0, &error);
      g_assert_no_error (error);
      g_assert_nonnull (found);
    }
  filter.search = "'; DROP TABLE testimonial; --";
  g_assert_cmpuint (count (store, &filter), ==, 0);
  filter.search = NULL;
  g_assert_cmpuint (count (store, NULL), ==, 5);

  filter.tag = "Support";
  g_assert_cmpuint (count (store, &filter), ==, 2);
  filter.tag = "supp";  /* a tag is a whole word, not a prefix */
  g_assert_cmpuint (count (store, &filter), ==, 0);
  filter.tag = "%";
  g_assert_cmpuint (count (store, &filter), ==, 0);
  filter.tag = NULL;

  filter.product = "voip";
  g_assert_cmpuint (count (store, &filter), ==, 3);
  filter.product = "Office Wi-Fi";
  g_assert_cmpuint (count (store, &filter), ==, 2);
  filter.product = NULL;

  filter.min_rating = 4;
  g_assert_cmpuint (count (store, &filter), ==, 3);
  filter.min_rating = 5;
  g_assert_cmpuint (count (store, &filter), ==, 2);
  filter.min_rating = 0;

  filter.permission = "private";
  g_assert_cmpuint (count (store, &filter), ==, 1);
  filter.permission = NULL;
  filter.public_only = TRUE;
  g_assert_cmpuint (count (store, &filter), ==, 3);

  /* The list model follows the same filters, and the book's changes. */
  list = rapport_testimonial_list_new (store);
  g_assert_true (rapport_testimonial_list_get_loading (list));
  g_assert_cmpuint (n_listed (list), ==, 5);
  g_assert_false (rapport_testimonial_list_get_filtered (list));
  rapport_testimonial_list_set_search (list, "support");
  /* Until the new rows arrive, the list shows the last ones. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 5);
  g_assert_cmpuint (n_listed (list), ==, 2);
  rapport_testimonial_list_set_filter (list, NULL, NULL, 0, "internal");
  g_assert_cmpuint (n_listed (list), ==, 1);
  g_assert_true (rapport_testimonial_list_get_filtered (list));
  /* A search replaced before its rows arrive never shows them. */
  {
    guint fewest = G_MAXUINT;
    gulong handler = g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &fewest);

    rapport_testimonial_list_set_search (list, "nothing-like-this");
    rapport_testimonial_list_set_search (list, NULL);
    rapport_testimonial_list_set_filter (list, NULL, NULL, 0, NULL);
    g_assert_cmpuint (n_listed (list), ==, 5);
    g_assert_cmpuint (fewest, ==, 5);
    g_signal_handler_disconnect (list, handler);
  }
  add_testimonial (store, add_customer (store, "Zoë Ångström", "Nordic Widgets"),
                   "Brilliant.", 5, "design", "Office Wi-Fi", "public_named");
  g_assert_cmpuint (n_listed (list), ==, 6);

  {
    g_auto(GStrv) tags = rapport_testimonial_distinct (store, "tags", NULL);
    g_auto(GStrv) products = rapport_testimonial_distinct (store, "products", NULL);
    const char *want_tags[] = { "design", "government", "healthcare", "reliability", "support",
                                "value", NULL };
    const char *want_products[] = { "Office Wi-Fi", "VoIP", NULL };

    g_assert_true (g_strv_equal ((const char * const *) tags, want_tags));
    g_assert_true (g_strv_equal ((const char * const *) products, want_products));
  }
}

static char *
read_page (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  return contents;
}

static void
test_export_permissions (void)
{
  g_autoptr(RapportStore) store = open_book (NULL);
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "testimonials.html", NULL);
  g_autofree char *page = NULL;
  g_autoptr(GError) error = NULL;
  struct stat st;

  seed_library (store);
  g_assert_true (rapport_html_export (store, path, NULL, &error));
  g_assert_no_error (error);
  page = read_page (path);

  g_assert_nonnull (strstr (page, "<meta charset=\"utf-8\">"));
  g_assert_nonnull (strstr (page, "@media print"));
  g_assert_null (strstr (page, "<script"));
  g_assert_null (strstr (page, "http"));
  g_assert_null (strstr (page, "src="));

  /* public_named: the words with name and company. */
  g_assert_nonnull (strstr (page, "Our renders finish overnight now."));
  g_assert_nonnull (strstr (page, "Ada Lovelace"));
  g_assert_nonnull (strstr (page, "Analytical Engines"));
  g_assert_nonnull (strstr (page, "aria-label=\"5 of 5 stars\">★★★★★"));

  /* public_anonymous: the words, the field from the first tag, no one's name. */
  g_assert_nonnull (strstr (page, "I have sent four pharmacies their way."));
  g_assert_nonnull (strstr (page, "a customer in <bdi>healthcare</bdi>"));
  g_assert_null (strstr (page, "Layla"));
  g_assert_null (strstr (page, "Cedar"));

  /* Internal and private ones never leave the book. */
  g_assert_null (strstr (page, "compiler team"));
  g_assert_null (strstr (page, "Grace"));
  g_assert_null (strstr (page, "Navy"));
  g_assert_null (strstr (page, "prices are fair"));

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* The view's product filter narrows the page. */
  {
    RapportTestimonialFilter filter = { .product = "VoIP" };
    g_autofree char *narrowed = rapport_html_export_render (store, &filter, &error);

    g_assert_no_error (error);
    g_assert_nonnull (strstr (narrowed, "pharmacies"));
    g_assert_null (strstr (narrowed, "renders"));
  }
}

static void
test_export_escapes (void)
{
  g_autoptr(RapportStore) store = open_book (NULL);
  gint64 evil = add_customer (store, "Mallory <img src=x onerror=alert(1)>", "\"Quotes\" & 'Co'");
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "escaped.html", NULL);
  g_autofree char *page = NULL;
  g_autoptr(GError) error = NULL;

  add_testimonial (store, evil, HOSTILE, 5, "<i>health</i>", "</p>Wi-Fi", "public_named");
  add_testimonial (store, evil, RTL_QUOTE, 4, "", "", "public_named");
  add_testimonial (store, evil, EMOJI_QUOTE, 0, "", "", "public_anonymous");

  /* The CLI's --export picks the page by the .html extension. */
  g_assert_true (rapport_exporter_write_file (store, path, &error));
  g_assert_no_error (error);
  page = read_page (path);

  g_assert_nonnull (strstr (page, "&lt;b&gt;x&lt;/b&gt; &amp; &lt;/p&gt;&lt;script&gt;alert(&#39;x&#39;)"
                                  "&lt;/script&gt;"));
  g_assert_null (strstr (page, "<script"));
  g_assert_null (strstr (page, "<b>x"));
  g_assert_null (strstr (page, "<img"));
  g_assert_nonnull (strstr (page, "Mallory &lt;img src=x onerror=alert(1)&gt;"));
  g_assert_nonnull (strstr (page, "&quot;Quotes&quot; &amp; &#39;Co&#39;"));
  g_assert_nonnull (strstr (page, "&lt;/p&gt;Wi-Fi"));
  g_assert_null (strstr (page, "<i>health"));

  /* Right-to-left and emoji arrive intact, each quote in its own direction. */
  g_assert_nonnull (strstr (page, "<blockquote dir=\"auto\"><p>" RTL_QUOTE "</p></blockquote>"));
  g_assert_nonnull (strstr (page, EMOJI_QUOTE));
  g_assert_true (g_utf8_validate (page, -1, NULL));
}

static void
test_export_empty_and_unwritable (void)
{
  g_autoptr(RapportStore) store = open_book (NULL);
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "empty.html", NULL);
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "locked", NULL);
  g_autofree char *locked = g_build_filename (folder, "page.html", NULL);
  g_autofree char *missing = g_build_filename (g_get_user_data_dir (), "no", "such", "page.html", NULL);
  g_autofree char *page = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;

  g_assert_true (rapport_html_export (store, path, NULL, &error));
  g_assert_no_error (error);
  page = read_page (path);
  g_assert_nonnull (strstr (page, "No testimonials are cleared for public use yet"));
  g_clear_pointer (&page, g_free);

  /* Only private and internal ones: still nothing to show. */
  add_testimonial (store, add_customer (store, "Grace Hopper", ""), "Secret praise", 5, "", "",
                   "private");
  add_testimonial (store, add_customer (store, "Ngozi Okafor", ""), "Team praise", 5, "", "",
                   "internal");
  g_assert_true (rapport_html_export (store, path, NULL, &error));
  page = read_page (path);
  g_assert_nonnull (strstr (page, "No testimonials are cleared for public use yet"));
  g_assert_null (strstr (page, "praise"));

  g_assert_false (rapport_html_export (store, missing, NULL, &error));
  g_assert_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "page.html"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* root writes anywhere: a read-only folder only means something to others. */
  g_assert_cmpint (g_mkdir (folder, 0500), ==, 0);
  if (geteuid () != 0)
    {
      g_assert_false (rapport_html_export (store, locked, NULL, &error));
      g_assert_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_IO);
      g_assert_nonnull (strstr (error->message, "Permission denied"));
      g_clear_error (&error);
    }

  /* A folder in the way: an error, and nothing left beside it. */
  g_assert_false (rapport_html_export (store, g_get_user_data_dir (), NULL, &error));
  g_assert_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_IO);
  g_clear_error (&error);

  dir = g_dir_open (g_get_user_data_dir (), 0, NULL);
  for (const char *name; (name = g_dir_read_name (dir)) != NULL; )
    g_assert_false (g_str_has_prefix (name, "."));
  g_chmod (folder, 0700);
}

static void
test_reference_overuse (void)
{
  g_autoptr(RapportStore) store = open_book (NULL);
  gint64 ada = add_customer (store, "Ada Lovelace", "");
  gint64 zoe = add_customer (store, "Zoë Ångström", "");
  gint64 now;
  g_autoptr(GError) error = NULL;
  g_autofree char *warning = NULL;
  g_autoptr(GListModel) references = NULL;
  RapportPlaybookSettings settings;
  static const char *close_uses[] = { "2026-03-01", "2026-03-15" };
  static const char *spread_uses[] = { "2026-01-15", "2026-02-10", "2026-03-18" };

  rapport_playbook_settings_init_defaults (&settings);
  g_assert_true (rapport_time_parse_utc ("2026-03-20T12:00:00Z", &now));

  g_assert_true (rapport_reference_set_kind (store, ada, "product_reference", &settings, now, &error));
  g_assert_no_error (error);
  g_assert_false (rapport_reference_set_kind (store, ada, "famous", &settings, now, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Two uses in the window: the third would be one too many. */
  for (guint i = 0; i < G_N_ELEMENTS (close_uses); i++)
    {
      int before = rapport_reference_uses_in_window (store, ada, now, RAPPORT_REFERENCE_WINDOW_DAYS, NULL);
      g_autofree char *none = rapport_reference_overuse_warning ("Ada", before);

      g_assert_null (none);
      g_assert_cmpint (rapport_reference_record_use (store, ada, "Babbage & Sons", 0, close_uses[i],
                                                     NULL, &settings, now, &error), >, 0);
      g_assert_no_error (error);
    }
  g_assert_cmpint (rapport_reference_uses_in_window (store, ada, now, 30, NULL), ==, 2);
  warning = rapport_reference_overuse_warning ("Ada", 2);
  g_assert_cmpstr (warning, ==, "Ada was given as a reference 2 times in the last 30 days; "
                                "give them a rest");

  /* Three uses spread over sixty days: never more than one in 30 days,
   * counted on the day of each. */
  for (guint i = 0; i < G_N_ELEMENTS (spread_uses); i++)
    {
      g_autofree char *noon = g_strdup_printf ("%sT12:00:00Z", spread_uses[i]);
      gint64 then = 0;
      int before;
      g_autofree char *none = NULL;

      g_assert_true (rapport_time_parse_utc (noon, &then));
      before = rapport_reference_uses_in_window (store, zoe, then, RAPPORT_REFERENCE_WINDOW_DAYS, NULL);
      g_assert_cmpint (before, <=, 1);
      none = rapport_reference_overuse_warning ("Zoë", before);
      g_assert_null (none);
      g_assert_cmpint (rapport_reference_record_use (store, zoe, "A prospect", 0, spread_uses[i],
                                                     NULL, &settings, now, &error), >, 0);
    }
  g_assert_cmpint (rapport_reference_uses_in_window (store, zoe, now, 30, NULL), ==, 1);

  /* Bad input is refused with the reason. */
  g_assert_cmpint (rapport_reference_record_use (store, ada, "  ", 0, "2026-03-20", NULL, &settings,
                                                 now, &error), ==, 0);
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (rapport_reference_record_use (store, ada, "Someone", 0, "20/03/2026", NULL,
                                                 &settings, now, &error), ==, 0);
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (rapport_reference_uses_in_window (store, ada, now, 30, NULL), ==, 2);

  /* The list shows both, the most used lately first, with the warning. */
  references = rapport_reference_list (store, now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (references), ==, 2);
  {
    g_autoptr(RapportReference) first = g_list_model_get_item (references, 0);
    g_autoptr(RapportReference) second = g_list_model_get_item (references, 1);
    g_autofree char *first_warning = rapport_reference_get_warning (first);
    g_autofree char *second_warning = rapport_reference_get_warning (second);

    g_assert_cmpstr (rapport_reference_get_name (first), ==, "Ada Lovelace");
    g_assert_cmpint (rapport_reference_get_recent_uses (first), ==, 2);
    g_assert_cmpstr (rapport_reference_get_last_used_on (first), ==, "2026-03-15");
    g_assert_nonnull (first_warning);
    g_assert_null (second_warning);
  }
}

static int
count_follow_ups (RapportStore *store,
                  gint64        customer_id,
                  const char   *kind,
                  const char   *state)
{
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (store,
                                                       "SELECT count (*) FROM follow_up"
                                                       " WHERE customer_id = ? AND kind = ?"
                                                       "   AND state = ?",
                                                       NULL);

  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, state, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int (stmt, 0);
}

static void
test_reference_care (void)
{
  g_autoptr(RapportStore) store = open_book (NULL);
  gint64 ada = add_customer (store, "Ada Lovelace", "");
  g_autoptr(GError) error = NULL;
  RapportPlaybookSettings settings;
  gint64 now = rapport_time_now ();
  g_autoptr(GDateTime) today = g_date_time_new_from_unix_local (now);
  g_autofree char *date = g_date_time_format (today, "%Y-%m-%d");

  rapport_playbook_settings_init_defaults (&settings);
  g_assert_cmpint (count_follow_ups (store, ada, "reference_care", "due"), ==, 0);
  g_assert_cmpint (rapport_reference_record_use (store, ada, "Babbage & Sons", 0, date, "Called",
                                                 &settings, now, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (count_follow_ups (store, ada, "reference_care", "due"), ==, 1);
}

static void
test_reply_completes_ask (void)
{
  g_autoptr(RapportStore) store = open_book (NULL);
  g_autoptr(RapportCustomer) customer = rapport_customer_new ();
  g_autoptr(RapportSale) sale = NULL;
  g_autoptr(RapportTestimonial) testimonial = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_from_unix_local (rapport_time_now ());
  g_autoptr(GDateTime) long_ago = g_date_time_add_days (today, -300);
  g_autofree char *closed_on = g_date_time_format (long_ago, "%Y-%m-%d");
  g_autofree char *mailto = NULL;
  RapportPlaybookSettings settings;
  gint64 now = rapport_time_now ();
  gint64 ask;
  gint64 id;

  rapport_playbook_settings_init_defaults (&settings);
  rapport_customer_set_name (customer, "Layla Haddad");
  rapport_customer_set_email (customer, "layla@example.com");
  rapport_customer_set_satisfaction (customer, "delighted");
  g_assert_true (rapport_customer_save (customer, store, &error));
  id = rapport_customer_get_id (customer);

  /* A customer for 300 days, delighted, nothing on file: the playbook asks. */
  sale = rapport_sale_new (id);
  rapport_sale_set_product (sale, "VoIP");
  rapport_sale_set_closed_on (sale, closed_on);
  g_assert_true (rapport_sale_save (sale, store, &error));
  g_assert_true (rapport_follow_ups_sync_customer (store, id, &settings, now, &error));
  g_assert_no_error (error);
  ask = rapport_testimonial_open_ask (store, id, &error);
  g_assert_cmpint (ask, >, 0);

  /* The ask's draft: a mailto: URL, nothing unencoded. */
  mailto = rapport_testimonial_ask_mailto ("Layla Haddad", "layla@example.com");
  g_assert_true (g_str_has_prefix (mailto, "mailto:layla@example.com?subject="));
  g_assert_nonnull (strstr (mailto, "&body=Hi%20Layla%2C"));
  g_assert_null (strchr (mailto, ' '));
  g_assert_null (strchr (mailto, '\n'));

  /* Recording the reply is the testimonial with the permission given. */
  testimonial = rapport_testimonial_new (id);
  rapport_testimonial_set_quote (testimonial, "I have sent four pharmacies their way.");
  rapport_testimonial_set_permission (testimonial, "public_anonymous");
  g_assert_true (rapport_testimonial_save (testimonial, store, &settings, now, &error));
  g_assert_no_error (error);

  g_assert_cmpint (rapport_testimonial_open_ask (store, id, NULL), ==, 0);
  g_assert_cmpint (count_follow_ups (store, id, "testimonial_ask", "done"), ==, 1);

  /* With one on file the playbook does not ask again. */
  g_assert_true (rapport_follow_ups_sync_customer (store, id, &settings, now, &error));
  g_assert_cmpint (rapport_testimonial_open_ask (store, id, NULL), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/testimonial/validation", test_validation);
  g_test_add_func ("/testimonial/save-normalises", test_save_normalises);
  g_test_add_func ("/testimonial/search-and-filters", test_search_and_filters);
  g_test_add_func ("/testimonial/export/permissions", test_export_permissions);
  g_test_add_func ("/testimonial/export/escapes", test_export_escapes);
  g_test_add_func ("/testimonial/export/empty-and-unwritable", test_export_empty_and_unwritable);
  g_test_add_func ("/testimonial/reference/overuse", test_reference_overuse);
  g_test_add_func ("/testimonial/reference/care", test_reference_care);
  g_test_add_func ("/testimonial/reply-completes-ask", test_reply_completes_ask);

  return g_test_run ();
}
