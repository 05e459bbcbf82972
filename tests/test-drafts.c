/* test-drafts.c: every script the playbook offers as a draft email
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rapport-drafts.h"
#include "rapport-store.h"

typedef struct
{
  char *address;
  char *subject;
  char *body;
} Mail;

static void
mail_clear (Mail *mail)
{
  g_free (mail->address);
  g_free (mail->subject);
  g_free (mail->body);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Mail, mail_clear)

/* Takes a mailto: URL apart as a mail program would, checking on the way
 * that nothing in it is left unencoded. */
static void
parse_mailto (const char *uri,
              Mail       *mail)
{
  const char *query = strchr (uri, '?');
  g_auto(GStrv) fields = NULL;

  g_assert_true (g_str_has_prefix (uri, "mailto:"));
  g_assert_nonnull (query);
  for (const char *p = uri; *p != '\0'; p++)
    g_assert_null (strchr (" \r\n\"<>{}#", *p));

  mail->address = g_uri_unescape_segment (uri + strlen ("mailto:"), query, NULL);
  fields = g_strsplit (query + 1, "&", -1);
  g_assert_cmpuint (g_strv_length (fields), ==, 2);
  g_assert_true (g_str_has_prefix (fields[0], "subject="));
  g_assert_true (g_str_has_prefix (fields[1], "body="));
  mail->subject = g_uri_unescape_string (fields[0] + strlen ("subject="), NULL);
  mail->body = g_uri_unescape_string (fields[1] + strlen ("body="), NULL);
  g_assert_nonnull (mail->subject);
  g_assert_nonnull (mail->body);
}

static const RapportDraftValues zoe = {
  .name = "Zoë Ångström",
  .company = "Nordlys Design",
  .product = "Wi-Fi & cabling (50% off)",
  .referral = "Carol Díaz",
};

static void
test_every_script (void)
{
  const RapportDraftScript *scripts;
  guint n;

  scripts = rapport_drafts_get_all (&n);
  /* The asks, the check-in, the meeting, two thanks, five stages' news. */
  g_assert_cmpuint (n, ==, 11);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *uri = rapport_drafts_mailto (scripts[i].id, NULL, "zoe@example.se", &zoe);
      g_auto(Mail) mail = { 0 };

      g_test_message ("%s: %s", scripts[i].id, uri);
      g_assert_true (rapport_drafts_lookup (scripts[i].id) == &scripts[i]);
      g_assert_cmpstr (scripts[i].title, !=, "");
      parse_mailto (uri, &mail);
      g_assert_cmpstr (mail.address, ==, "zoe@example.se");
      g_assert_cmpstr (mail.subject, !=, "");
      g_assert_null (strchr (mail.subject, '{'));
      g_assert_null (strchr (mail.body, '{'));
      g_assert_true (g_str_has_prefix (mail.body, "Hi Zoë,\r\n\r\n"));
      /* Line breaks are CRLF, as RFC 6068 asks. */
      for (const char *p = strchr (mail.body, '\n'); p != NULL; p = strchr (p + 1, '\n'))
        g_assert_cmpint (p[-1], ==, '\r');
      if (strstr (scripts[i].body, "{product}") != NULL || strstr (scripts[i].subject, "{product}") != NULL)
        g_assert_true (strstr (mail.body, zoe.product) != NULL || strstr (mail.subject, zoe.product) != NULL);
      if (strstr (scripts[i].body, "{referral}") != NULL)
        g_assert_nonnull (strstr (mail.body, "Carol Díaz"));
    }
}

static void
test_expected_words (void)
{
  g_autofree char *won = rapport_drafts_mailto ("inform_won", NULL, "zoe@example.se", &zoe);
  g_autofree char *check_in = rapport_drafts_mailto ("delivery_check_in", NULL, NULL, &zoe);
  g_autofree char *expanded = NULL;
  g_auto(Mail) mail = { 0 };
  g_auto(Mail) no_address = { 0 };

  parse_mailto (won, &mail);
  g_assert_cmpstr (mail.subject, ==, "Good news about Carol Díaz");
  g_assert_true (g_str_has_prefix (mail.body, "Hi Zoë,\r\n\r\nCarol Díaz has decided to work with us."));
  /* Percent-encoded as UTF-8 bytes. */
  g_assert_nonnull (strstr (won, "subject=Good%20news%20about%20Carol%20D%C3%ADaz&body=Hi%20Zo%C3%AB%2C%0D%0A"));

  /* No address: the user picks one; '&' and '%' in a value stay text. */
  g_assert_true (g_str_has_prefix (check_in, "mailto:?subject="));
  parse_mailto (check_in, &no_address);
  g_assert_cmpstr (no_address.subject, ==, "How is Wi-Fi & cabling (50% off) working for you?");

  /* Unknown placeholders are kept, so a typo shows in the draft. */
  expanded = rapport_drafts_expand ("{first_name} of {company}: {prodcut} {", &zoe);
  g_assert_cmpstr (expanded, ==, "Zoë of Nordlys Design: {prodcut} {");
}

static void
test_overrides (void)
{
  g_autoptr(GVariant) overrides = NULL;
  g_autofree char *mine = NULL;
  g_autofree char *blank = NULL;
  g_autofree char *thanks = NULL;
  g_auto(Mail) mail = { 0 };
  g_auto(Mail) default_mail = { 0 };
  g_auto(Mail) subject_only = { 0 };

  overrides = g_variant_ref_sink (g_variant_new_parsed (
    "{'delivery_check_in': ('Checking on\\n{product}', 'Hey {first_name}, all good with {product}?'),"
    " 'follow_up_meeting': ('', '   '),"
    " 'thank_testimonial': ('Cheers, {name}', '')}"));
  g_assert_true (g_variant_is_of_type (overrides, G_VARIANT_TYPE (RAPPORT_DRAFTS_OVERRIDES_TYPE)));

  mine = rapport_drafts_mailto ("delivery_check_in", overrides, "zoe@example.se", &zoe);
  parse_mailto (mine, &mail);
  /* A subject is one line, whatever was typed. */
  g_assert_cmpstr (mail.subject, ==, "Checking on Wi-Fi & cabling (50% off)");
  g_assert_cmpstr (mail.body, ==, "Hey Zoë, all good with Wi-Fi & cabling (50% off)?");

  /* Empty or blank text keeps the default. */
  blank = rapport_drafts_mailto ("follow_up_meeting", overrides, "zoe@example.se", &zoe);
  parse_mailto (blank, &default_mail);
  g_assert_cmpstr (default_mail.subject, ==, "Shall we catch up?");
  g_assert_true (g_str_has_prefix (default_mail.body, "Hi Zoë,\r\n\r\nIt has been a few weeks since Wi-Fi"));

  thanks = rapport_drafts_mailto ("thank_testimonial", overrides, "zoe@example.se", &zoe);
  parse_mailto (thanks, &subject_only);
  g_assert_cmpstr (subject_only.subject, ==, "Cheers, Zoë Ångström");
  g_assert_true (g_str_has_prefix (subject_only.body, "Hi Zoë,\r\n\r\nThank you for taking the time"));
}

static void
test_which_script (void)
{
  static const struct {
    const char *kind;
    const char *stage;
    const char *script;
  } cases[] = {
    { "introduction_ask", NULL, "introduction_ask" },
    { "testimonial_ask", NULL, "testimonial_ask" },
    { "delivery_check_in", NULL, "delivery_check_in" },
    { "follow_up_meeting", NULL, "follow_up_meeting" },
    { "thank_referrer", NULL, "thank_referral" },
    { "keep_source_informed", "introduced", "inform_introduced" },
    { "keep_source_informed", "contacted", "inform_contacted" },
    { "keep_source_informed", "meeting", "inform_meeting" },
    { "keep_source_informed", "won", "inform_won" },
    { "keep_source_informed", "lost", "inform_lost" },
    { "keep_source_informed", "promised", NULL },
    { "keep_in_touch", NULL, NULL },
    { "satisfaction_check", NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpstr (rapport_drafts_for_follow_up (cases[i].kind, cases[i].stage), ==, cases[i].script);
      if (cases[i].script != NULL)
        g_assert_nonnull (rapport_drafts_lookup (cases[i].script));
    }
  g_assert_true (rapport_drafts_kind_has_draft ("keep_source_informed"));
  g_assert_true (rapport_drafts_kind_has_draft ("follow_up_meeting"));
  g_assert_false (rapport_drafts_kind_has_draft ("keep_in_touch"));
  g_assert_null (rapport_drafts_for_stage ("introduction_requested"));
}

static char *
subject_of (const char *uri)
{
  g_auto(Mail) mail = { 0 };

  parse_mailto (uri, &mail);
  return g_steal_pointer (&mail.subject);
}

/* From the book: the customer's email, their latest product, and the
 * referral of theirs that moved last. */
static void
test_from_book (void)
{
  g_autofree char *path = rapport_store_default_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) store = rapport_store_open (path, &error);
  g_autofree char *check_in = NULL;
  g_autofree char *news = NULL;
  g_autofree char *thanks = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *none = NULL;
  g_autofree char *early = NULL;
  g_auto(Mail) mail = { 0 };

  g_assert_no_error (error);
  g_assert_true (rapport_store_exec (store,
    "INSERT INTO customer (id, name, email, created_at, updated_at) VALUES"
    " (1, 'Ada Lovelace', 'ada@example.org', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),"
    " (2, 'Carol Díaz', 'carol@example.org', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),"
    " (3, 'Dan Early', '', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');"
    "INSERT INTO sale (customer_id, product, closed_on, delivered_on, created_at) VALUES"
    " (1, 'Difference Engine', '2025-01-01', '2025-02-01', '2025-01-01T00:00:00Z'),"
    " (1, 'Analytical Engine', '2026-01-01', '2026-02-01', '2026-01-01T00:00:00Z');"
    "INSERT INTO referral (id, referrer_id, prospect_id, type, stage, created_at) VALUES"
    " (7, 1, 2, 'solicited', 'won', '2026-03-01T00:00:00Z'),"
    " (8, 1, 3, 'proactive', 'promised', '2026-02-01T00:00:00Z');"
    "INSERT INTO referral_stage_change (referral_id, from_stage, to_stage, changed_at) VALUES"
    " (7, NULL, 'promised', '2026-03-01T00:00:00Z'),"
    " (7, 'meeting', 'won', '2026-04-01T00:00:00Z'),"
    " (8, NULL, 'promised', '2026-02-01T00:00:00Z');",
    &error));
  g_assert_no_error (error);

  check_in = rapport_drafts_for_customer (store, 1, "delivery_check_in", NULL, &error);
  g_assert_no_error (error);
  parse_mailto (check_in, &mail);
  g_assert_cmpstr (mail.address, ==, "ada@example.org");
  g_assert_cmpstr (mail.subject, ==, "How is Analytical Engine working for you?");

  news = rapport_drafts_for_customer (store, 1, "keep_source_informed", NULL, &error);
  g_assert_no_error (error);
  subject = subject_of (news);
  g_assert_cmpstr (subject, ==, "Good news about Carol Díaz");
  g_assert_true (g_str_has_prefix (news, "mailto:ada@example.org?"));

  thanks = rapport_drafts_for_referral (store, 7, "thank_referral", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (thanks, "introducing%20me%20to%20Carol%20D%C3%ADaz"));

  /* No email for the playbook's keep-in-touch: nothing, and no error. */
  none = rapport_drafts_for_customer (store, 1, "keep_in_touch", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (none);

  /* A referral only promised has no news yet: said plainly. */
  early = rapport_drafts_for_referral (store, 8, NULL, NULL, &error);
  g_assert_null (early);
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "no news"));
  g_clear_error (&error);

  g_assert_null (rapport_drafts_for_customer (store, 999, "delivery_check_in", NULL, &error));
  g_assert_nonnull (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/drafts/every-script", test_every_script);
  g_test_add_func ("/drafts/expected-words", test_expected_words);
  g_test_add_func ("/drafts/overrides", test_overrides);
  g_test_add_func ("/drafts/which-script", test_which_script);
  g_test_add_func ("/drafts/from-book", test_from_book);

  return g_test_run ();
}
