/* test-pdf-export.c: the PDF of public testimonials, read back with poppler
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each PDF is read back as a reader's tools see it: pdftotext for the
 * words on each page, pdfinfo for the paper and the page count, pdftoppm
 * for a picture of the first page.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "rapport-customer.h"
#include "rapport-exporter.h"
#include "rapport-pdf-export.h"
#include "rapport-testimonial.h"
#include "test-book.h"

#define ARABIC_QUOTE  "الخدمة ممتازة وسريعة"
#define ARABIC_NAME   "ليلى حداد"
#define HEBREW_QUOTE  "השירות היה מצוין"
#define CJK_QUOTE     "サービスは本当に素晴らしかったです"
#define CJK_NAME      "山田太郎"
#define CJK_COMPANY   "东京精密"

static void
add_testimonial (RapportStore *store,
                 gint64        customer_id,
                 const char   *quote,
                 int           rating,
                 const char   *tags,
                 const char   *permission)
{
  g_autoptr(RapportTestimonial) testimonial = rapport_testimonial_new (customer_id);
  g_autoptr(GError) error = NULL;

  rapport_testimonial_set_quote (testimonial, quote);
  rapport_testimonial_set_rating (testimonial, rating);
  rapport_testimonial_set_received_on (testimonial, "2026-03-01");
  rapport_testimonial_set_tags (testimonial, tags);
  rapport_testimonial_set_permission (testimonial, permission);
  g_assert_true (rapport_testimonial_save (testimonial, store, NULL, 0, &error));
  g_assert_no_error (error);
}

/* Runs one of poppler's tools on a file we wrote; never user data. */
static char *
run_tool (const char * const *argv)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
  return g_steal_pointer (&out);
}

static char *
page_text (const char *path,
           int         page)
{
  g_autofree char *number = g_strdup_printf ("%d", page);
  const char *argv[] = { "pdftotext", "-f", number, "-l", number, path, "-", NULL };

  return run_tool (argv);
}

static char *
all_text (const char *path)
{
  const char *argv[] = { "pdftotext", path, "-", NULL };

  return run_tool (argv);
}

static char *
info_field (const char *path,
            const char *field)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *info = run_tool (argv);
  g_auto(GStrv) lines = g_strsplit (info, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], field))
      return g_strstrip (g_strdup (lines[i] + strlen (field)));
  g_error ("pdfinfo printed no %s", field);
}

static int
page_count (const char *path)
{
  g_autofree char *pages = info_field (path, "Pages:");

  return atoi (pages);
}

static char *
squeeze (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);

  /* pdftotext breaks lines where the PDF wraps them. */
  for (const char *p = text; *p != '\0'; p++)
    if (*p != '\n' && *p != ' ')
      g_string_append_c (out, *p);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_permissions_and_scripts (void)
{
  g_autoptr(RapportStore) store = open_book (NULL);
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "Testimonials.pdf", NULL);
  g_autofree char *png = g_build_filename (g_get_user_data_dir (), "first", NULL);
  g_autofree char *png_file = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  g_autofree char *size = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  add_testimonial (store, add_customer (store, "Ada Lovelace", "Analytical Engines"),
                   "They delivered the engine a week early.", 5, "engineering", "public_named");
  add_testimonial (store, add_customer (store, "Priya Private", "Secret Labs"),
                   "Keep this between us.", 4, "", "private");
  add_testimonial (store, add_customer (store, "Ines Internal", "Inside Corp"),
                   "Good for the team wiki only.", 4, "", "internal");
  add_testimonial (store, add_customer (store, "Hidden Hannah", "Anonymous Clinic"),
                   "They kept our pharmacy running.", 4, "healthcare", "public_anonymous");
  add_testimonial (store, add_customer (store, ARABIC_NAME, "Haddad Trading"),
                   ARABIC_QUOTE, 5, "", "public_named");
  add_testimonial (store, add_customer (store, "Noa Levi", ""), HEBREW_QUOTE, 3, "", "public_named");
  add_testimonial (store, add_customer (store, CJK_NAME, CJK_COMPANY), CJK_QUOTE, 5, "", "public_named");

  /* The CLI's --export picks the PDF by its extension. */
  g_assert_true (rapport_exporter_write_file_full (store, path, RAPPORT_PAPER_A4, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  size = info_field (path, "Page size:");
  g_assert_nonnull (strstr (size, "(A4)"));
  g_assert_cmpint (page_count (path), ==, 1);

  text = all_text (path);
  flat = squeeze (text);
  g_assert_nonnull (strstr (text, "What Our Customers Say"));
  g_assert_nonnull (strstr (text, "Ada Lovelace"));
  g_assert_nonnull (strstr (text, "Analytical Engines"));
  g_assert_nonnull (strstr (text, "They delivered the engine a week early."));
  g_assert_nonnull (strstr (text, "★★★★★"));
  g_assert_nonnull (strstr (text, "Page 1"));
  /* Anonymous: their words, never who they are. */
  g_assert_nonnull (strstr (text, "They kept our pharmacy running."));
  g_assert_nonnull (strstr (text, "a customer in"));
  g_assert_null (strstr (text, "Hidden Hannah"));
  g_assert_null (strstr (text, "Anonymous Clinic"));
  /* Private and internal ones are not there at all. */
  g_assert_null (strstr (text, "Priya"));
  g_assert_null (strstr (text, "Secret Labs"));
  g_assert_null (strstr (text, "Keep this between us"));
  g_assert_null (strstr (text, "Ines Internal"));
  g_assert_null (strstr (text, "team wiki"));
  /* Right-to-left and CJK text come back as the characters written. */
  g_assert_nonnull (strstr (flat, "الخدمةممتازةوسريعة"));
  g_assert_nonnull (strstr (flat, "ليلىحداد"));
  g_assert_nonnull (strstr (flat, "השירותהיהמצוין"));
  g_assert_nonnull (strstr (flat, CJK_QUOTE));
  g_assert_nonnull (strstr (flat, CJK_NAME));
  g_assert_nonnull (strstr (flat, CJK_COMPANY));

  /* The first page renders; RAPPORT_TEST_PDF_PNG keeps a copy to look at. */
  {
    const char *argv[] = { "pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", path, png, NULL };
    const char *keep = g_getenv ("RAPPORT_TEST_PDF_PNG");

    g_free (run_tool (argv));
    png_file = g_strconcat (png, ".png", NULL);
    g_assert_cmpint (g_stat (png_file, &st), ==, 0);
    g_assert_cmpint (st.st_size, >, 10000);
    if (keep != NULL)
      {
        g_autofree char *contents = NULL;
        gsize length;

        g_assert_true (g_file_get_contents (png_file, &contents, &length, NULL));
        g_assert_true (g_file_set_contents (keep, contents, length, NULL));
      }
  }

  /* Letter when asked. */
  g_assert_true (rapport_pdf_export (store, path, NULL, RAPPORT_PAPER_LETTER, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_free (size);
  size = info_field (path, "Page size:");
  g_assert_nonnull (strstr (size, "(letter)"));

  g_assert_cmpint (rapport_paper_from_setting ("letter"), ==, RAPPORT_PAPER_LETTER);
  g_assert_cmpint (rapport_paper_from_setting ("a4"), ==, RAPPORT_PAPER_A4);
  /* The tests run in C.UTF-8, whose paper is A4. */
  g_assert_cmpint (rapport_paper_from_setting ("auto"), ==, RAPPORT_PAPER_A4);
}

/* Short ones fill most of the first page; the long one must not start
 * there and run over: all of it is on one page. */
static void
test_long_quote_not_split (void)
{
  g_autoptr(RapportStore) store = open_book (NULL);
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "long.pdf", NULL);
  g_autoptr(GString) quote = g_string_new ("Zebracrossing ");
  g_autoptr(GError) error = NULL;
  int first = 0, last = 0, pages;

  for (int i = 0; i < 60; i++)
    g_string_append (quote, "The team answered every question the same day and the rollout went smoothly. ");
  g_string_append (quote, "Quokkafinale");

  /* Received earlier, so it comes after the short ones (newest first). */
  {
    g_autoptr(RapportTestimonial) testimonial = rapport_testimonial_new (add_customer (store, "Long Talker", ""));

    rapport_testimonial_set_quote (testimonial, quote->str);
    rapport_testimonial_set_received_on (testimonial, "2025-01-01");
    rapport_testimonial_set_permission (testimonial, "public_named");
    g_assert_true (rapport_testimonial_save (testimonial, store, NULL, 0, &error));
    g_assert_no_error (error);
  }
  for (int i = 0; i < 8; i++)
    {
      g_autofree char *name = g_strdup_printf ("Short Writer %d", i);

      add_testimonial (store, add_customer (store, name, "Acme"), "Great work, thank you.", 4, "", "public_named");
    }

  g_assert_true (rapport_pdf_export (store, path, NULL, RAPPORT_PAPER_A4, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  pages = page_count (path);
  g_assert_cmpint (pages, >=, 2);
  for (int page = 1; page <= pages; page++)
    {
      g_autofree char *text = page_text (path, page);
      g_autofree char *number = g_strdup_printf ("Page %d", page);

      g_assert_nonnull (strstr (text, number));
      if (strstr (text, "Zebracrossing") != NULL)
        first = page;
      if (strstr (text, "Quokkafinale") != NULL)
        last = page;
    }
  g_assert_cmpint (first, >, 1);
  g_assert_cmpint (first, ==, last);
}

typedef struct
{
  guint calls;
  guint last_done;
  guint total;
} Progress;

static void
on_progress (guint    done,
             guint    total,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_cmpuint (done, >=, progress->last_done);
  progress->calls++;
  progress->last_done = done;
  progress->total = total;
}

/* Many testimonials: every one exactly once, over many numbered pages. */
static void
test_many (void)
{
  g_autoptr(RapportStore) store = open_book (NULL);
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "many.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *last_page = NULL;
  g_autofree char *number = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = NULL;
  Progress progress = { 0 };
  const guint n = 300;
  gint64 customer = add_customer (store, "Ada Lovelace", "Analytical Engines");
  int pages;

  g_assert_true (rapport_store_begin (store, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO testimonial (customer_id, quote, rating, received_on,"
                                              " source, tags, products, permission)"
                                              " VALUES (%" G_GINT64_FORMAT ", 'Entry Q%04u was handled well.', 4,"
                                              " '2026-01-01', 'email', '', '', 'public_named')",
                                              customer, i);

      g_assert_true (rapport_store_exec (store, sql, &error));
    }
  g_assert_true (rapport_store_commit (store, &error));
  g_assert_no_error (error);

  timer = g_timer_new ();
  g_assert_true (rapport_pdf_export (store, path, NULL, RAPPORT_PAPER_LETTER, on_progress, &progress, NULL, &error));
  g_assert_no_error (error);
  g_test_message ("%u testimonials in %.2f s", n, g_timer_elapsed (timer, NULL));

  g_assert_cmpuint (progress.total, ==, n);
  g_assert_cmpuint (progress.last_done, ==, n);
  g_assert_cmpuint (progress.calls, >=, n / 25);

  text = all_text (path);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *entry = g_strdup_printf ("Q%04u", i);
      const char *found = strstr (text, entry);

      g_assert_nonnull (found);
      g_assert_null (strstr (found + 1, entry));
    }

  /* About ten short blocks to a Letter page. */
  pages = page_count (path);
  g_assert_cmpint (pages, >=, (int) n / 14);
  g_assert_cmpint (pages, <=, (int) n / 6);
  last_page = page_text (path, pages);
  number = g_strdup_printf ("Page %d", pages);
  g_assert_nonnull (strstr (last_page, number));
}

static void
test_failures_leave_nothing (void)
{
  g_autoptr(RapportStore) store = open_book (NULL);
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "out", NULL);
  g_autofree char *path = g_build_filename (dir, "cancelled.pdf", NULL);
  g_autofree char *missing = g_build_filename (g_get_user_data_dir (), "no", "such", "page.pdf", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  add_testimonial (store, add_customer (store, "Ada Lovelace", ""), "Fine.", 4, "", "public_named");

  g_cancellable_cancel (cancellable);
  g_assert_false (rapport_pdf_export (store, path, NULL, RAPPORT_PAPER_A4, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  listing = g_dir_open (dir, 0, NULL);
  g_assert_null (g_dir_read_name (listing));

  g_assert_false (rapport_pdf_export (store, missing, NULL, RAPPORT_PAPER_A4, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "page.pdf"));
  g_clear_error (&error);

  g_assert_false (rapport_pdf_export (store, dir, NULL, RAPPORT_PAPER_A4, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Nothing public yet: one page that says so. */
  g_assert_true (rapport_store_exec (store, "UPDATE testimonial SET permission = 'private'", &error));
  g_assert_true (rapport_pdf_export (store, path, NULL, RAPPORT_PAPER_A4, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  text = all_text (path);
  g_assert_nonnull (strstr (text, "No testimonials are cleared"));
  g_assert_null (strstr (text, "Ada"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/pdf/permissions-and-scripts", test_permissions_and_scripts);
  g_test_add_func ("/pdf/long-quote-not-split", test_long_quote_not_split);
  g_test_add_func ("/pdf/many", test_many);
  g_test_add_func ("/pdf/failures-leave-nothing", test_failures_leave_nothing);

  return g_test_run ();
}
