/* rapport-drafts.c: every email the playbook asks for, as a draft
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every script the playbook hands the salesperson lives here, once: the
 * asks (an introduction, a testimonial), the check-in after delivery, the
 * follow-up meeting, the thanks, and the news a referrer should hear as
 * their referral moves along.  Each is a subject and a body with
 * placeholders ({first_name}, {name}, {company}, {product}, {referral});
 * the user may rewrite any of them in Preferences (the email-drafts
 * setting), an empty text keeping the default.  A draft is a mailto: URL
 * to the customer's email, opened by their mail program: Rapport never
 * sends anything itself.
 */

#define G_LOG_DOMAIN "rapport-drafts"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rapport-customer.h"
#include "rapport-drafts.h"
#include "rapport-referral.h"

static const RapportDraftScript scripts[] = {
  { "introduction_ask", N_("Introduction ask"), N_("A small favour"),
    N_("Hi {first_name},\n\n"
       "Would you be willing to send a short email introducing me to someone who could use "
       "what we did for you?\n\n"
       "Thank you!\n") },
  { "testimonial_ask", N_("Testimonial ask"), N_("Would you share a few words about working together?"),
    N_("Hi {first_name},\n\n"
       "It has been a real pleasure working with you, and I am glad it has gone so well.\n\n"
       "Would you write two or three sentences about what the work has meant for you? A reply "
       "to this email is perfect.\n\n"
       "Please also tell me how I may use your words: only for myself, within our team, "
       "publicly with your name and company, or publicly without them.\n\n"
       "Thank you so much!\n") },
  { "delivery_check_in", N_("Delivery check-in"), N_("How is {product} working for you?"),
    N_("Hi {first_name},\n\n"
       "Now that {product} is with you, I wanted to check in: is everything working the way "
       "you hoped? If anything is not quite right, tell me and I will sort it out.\n\n"
       "Best regards,\n") },
  { "follow_up_meeting", N_("Follow-up meeting invitation"), N_("Shall we catch up?"),
    N_("Hi {first_name},\n\n"
       "It has been a few weeks since {product} arrived. Could we meet for half an hour to "
       "see how it is going and whether there is anything more I can do for you?\n\n"
       "Just reply with a time that suits you.\n\n"
       "Best regards,\n") },
  { "thank_referral", N_("Thank you for a referral"), N_("Thank you for the introduction"),
    N_("Hi {first_name},\n\n"
       "Thank you for introducing me to {referral}. It means a lot that you would trust me "
       "with someone you know.\n\n"
       "I will take good care of them and keep you posted.\n\n"
       "With thanks,\n") },
  { "thank_testimonial", N_("Thank you for a testimonial"), N_("Thank you for your kind words"),
    N_("Hi {first_name},\n\n"
       "Thank you for taking the time to write about our work together. Your words mean a "
       "great deal, and I will use them only as you allowed.\n\n"
       "With thanks,\n") },
  { "inform_introduced", N_("Keep the referrer informed: introduced"), N_("{referral} and I are in touch"),
    N_("Hi {first_name},\n\n"
       "Thanks to your introduction, {referral} and I are now in touch. I will let you know "
       "how it goes.\n\n"
       "Thank you again,\n") },
  { "inform_contacted", N_("Keep the referrer informed: contacted"), N_("I have spoken with {referral}"),
    N_("Hi {first_name},\n\n"
       "A quick update: I have spoken with {referral}, and it was a good conversation. "
       "Thank you for putting us in touch.\n\n"
       "Best regards,\n") },
  { "inform_meeting", N_("Keep the referrer informed: meeting"), N_("Meeting {referral}"),
    N_("Hi {first_name},\n\n"
       "Good news: {referral} and I are meeting to talk about what we could do together. "
       "None of this would be happening without you.\n\n"
       "Best regards,\n") },
  { "inform_won", N_("Keep the referrer informed: won"), N_("Good news about {referral}"),
    N_("Hi {first_name},\n\n"
       "{referral} has decided to work with us. Thank you so much for the introduction — "
       "I am very grateful.\n\n"
       "With thanks,\n") },
  { "inform_lost", N_("Keep the referrer informed: not going ahead"), N_("An update on {referral}"),
    N_("Hi {first_name},\n\n"
       "{referral} and I have decided not to go ahead for now. Thank you all the same for "
       "thinking of me; I truly appreciate it.\n\n"
       "Best regards,\n") },
};

/* Each stage's news for the referrer; the first two come before the
 * referral is anyone's to report on. */
static const struct {
  const char *stage;
  const char *script;
} stage_scripts[] = {
  { "introduced", "inform_introduced" },
  { "contacted", "inform_contacted" },
  { "meeting", "inform_meeting" },
  { "won", "inform_won" },
  { "lost", "inform_lost" },
};

/* Follow-up kinds with a draft; keep_source_informed follows the stage. */
static const struct {
  const char *kind;
  const char *script;
} kind_scripts[] = {
  { "introduction_ask", "introduction_ask" },
  { "testimonial_ask", "testimonial_ask" },
  { "delivery_check_in", "delivery_check_in" },
  { "follow_up_meeting", "follow_up_meeting" },
  { "thank_referrer", "thank_referral" },
};

/**
 * rapport_drafts_get_all:
 * @n_scripts: (out): how many
 *
 * Returns: (array length=n_scripts): every script, in the order
 *   Preferences lists them
 */
const RapportDraftScript *
rapport_drafts_get_all (guint *n_scripts)
{
  g_return_val_if_fail (n_scripts != NULL, NULL);

  *n_scripts = G_N_ELEMENTS (scripts);
  return scripts;
}

const RapportDraftScript *
rapport_drafts_lookup (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (scripts); i++)
    if (g_strcmp0 (scripts[i].id, id) == 0)
      return &scripts[i];
  return NULL;
}

/**
 * rapport_drafts_for_stage:
 *
 * Returns: (nullable): the script telling a referrer their referral
 *   reached @stage, %NULL for a stage with no news to give
 */
const char *
rapport_drafts_for_stage (const char *stage)
{
  for (guint i = 0; i < G_N_ELEMENTS (stage_scripts); i++)
    if (g_strcmp0 (stage_scripts[i].stage, stage) == 0)
      return stage_scripts[i].script;
  return NULL;
}

/**
 * rapport_drafts_for_follow_up:
 * @kind: a follow-up kind, as stored
 * @stage: (nullable): for keep_source_informed, the referral's stage
 *
 * Returns: (nullable): the script for a follow-up of @kind, %NULL when
 *   the playbook has no email for it
 */
const char *
rapport_drafts_for_follow_up (const char *kind,
                              const char *stage)
{
  if (g_strcmp0 (kind, "keep_source_informed") == 0)
    return rapport_drafts_for_stage (stage);
  for (guint i = 0; i < G_N_ELEMENTS (kind_scripts); i++)
    if (g_strcmp0 (kind_scripts[i].kind, kind) == 0)
      return kind_scripts[i].script;
  return NULL;
}

/**
 * rapport_drafts_kind_has_draft:
 *
 * Returns: whether a follow-up of @kind offers a draft email (the news
 *   for a referrer, once its referral has some)
 */
gboolean
rapport_drafts_kind_has_draft (const char *kind)
{
  return g_strcmp0 (kind, "keep_source_informed") == 0 ||
         rapport_drafts_for_follow_up (kind, NULL) != NULL;
}

static char *
first_word (const char *name)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name != NULL ? name : ""));

  return g_strndup (trimmed, strcspn (trimmed, " \t"));
}

/**
 * rapport_drafts_expand:
 *
 * Replaces the placeholders in @text; a brace that opens no placeholder
 * Rapport knows is kept as written, so a typo shows in the draft rather
 * than vanishing.
 *
 * Returns: (transfer full): the text with @values in place
 */
char *
rapport_drafts_expand (const char               *text,
                       const RapportDraftValues *values)
{
  static const RapportDraftValues none = { 0 };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *first = NULL;

  if (values == NULL)
    values = &none;
  first = first_word (values->name);

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      const struct { const char *placeholder; const char *value; } known[] = {
        { "{first_name}", first },
        { "{name}", values->name },
        { "{company}", values->company },
        { "{product}", values->product },
        { "{referral}", values->referral },
      };
      gboolean replaced = FALSE;

      if (*p == '{')
        for (guint i = 0; i < G_N_ELEMENTS (known) && !replaced; i++)
          if (g_str_has_prefix (p, known[i].placeholder))
            {
              g_string_append (out, known[i].value != NULL ? known[i].value : "");
              p += strlen (known[i].placeholder) - 1;
              replaced = TRUE;
            }
      if (!replaced)
        g_string_append_c (out, *p);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/**
 * rapport_drafts_get_text:
 * @overrides: (nullable): the email-drafts setting
 * @subject: (out) (transfer full): the subject, the user's or the default
 * @body: (out) (transfer full): the body, likewise
 *
 * The script's words as the user last left them, unexpanded.
 */
void
rapport_drafts_get_text (const char  *id,
                         GVariant    *overrides,
                         char       **subject,
                         char       **body)
{
  const RapportDraftScript *script = rapport_drafts_lookup (id);
  const char *own_subject = "";
  const char *own_body = "";

  g_return_if_fail (script != NULL);
  g_return_if_fail (overrides == NULL ||
                    g_variant_is_of_type (overrides, G_VARIANT_TYPE (RAPPORT_DRAFTS_OVERRIDES_TYPE)));

  if (overrides != NULL)
    g_variant_lookup (overrides, id, "(&s&s)", &own_subject, &own_body);
  *subject = g_strdup (is_blank (own_subject) ? _(script->subject) : own_subject);
  *body = g_strdup (is_blank (own_body) ? _(script->body) : own_body);
}

/**
 * rapport_drafts_mailto:
 * @id: a script's id
 * @overrides: (nullable): the email-drafts setting
 * @email: (nullable): the customer's email; %NULL leaves the address to
 *   the user
 *
 * Returns: (transfer full): the draft as a mailto: URL, every character
 *   of subject and body percent-encoded as RFC 6068 asks
 */
char *
rapport_drafts_mailto (const char               *id,
                       GVariant                 *overrides,
                       const char               *email,
                       const RapportDraftValues *values)
{
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_autofree char *expanded_subject = NULL;
  g_autofree char *expanded_body = NULL;

  g_return_val_if_fail (rapport_drafts_lookup (id) != NULL, NULL);

  rapport_drafts_get_text (id, overrides, &subject, &body);
  expanded_subject = rapport_drafts_expand (subject, values);
  expanded_body = rapport_drafts_expand (body, values);
  /* A subject is one line, however the user typed it. */
  g_strdelimit (expanded_subject, "\r\n", ' ');
  return rapport_mailto_url (email != NULL && *email != '\0' ? email : NULL,
                             expanded_subject, expanded_body);
}

static char *
query_text (RapportStore  *store,
            const char    *sql,
            gint64         id,
            GError       **error)
{
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    rapport_store_set_error (store, rc, error, _("Cannot read the book"));
  return NULL;
}

static char *
draft_for_referral (RapportStore     *store,
                    RapportReferral  *referral,
                    const char       *id,
                    GVariant         *overrides,
                    GError          **error)
{
  g_autoptr(RapportCustomer) referrer = NULL;
  RapportDraftValues values = { 0 };

  referrer = rapport_customer_load (store, rapport_referral_get_referrer_id (referral), error);
  if (referrer == NULL)
    return NULL;
  values.name = rapport_customer_get_name (referrer);
  values.company = rapport_customer_get_company (referrer);
  values.referral = rapport_referral_get_prospect_name (referral);
  return rapport_drafts_mailto (id, overrides, rapport_customer_get_email (referrer), &values);
}

/**
 * rapport_drafts_for_referral:
 * @id: (nullable): "thank_referral", or %NULL for the news of the
 *   referral's current stage
 *
 * Returns: (transfer full) (nullable): a draft to the referrer, %NULL
 *   with @error set if the book could not be read or the stage has no
 *   news to give
 */
char *
rapport_drafts_for_referral (RapportStore  *store,
                             gint64         referral_id,
                             const char    *id,
                             GVariant      *overrides,
                             GError       **error)
{
  g_autoptr(RapportReferral) referral = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);

  referral = rapport_referral_load (store, referral_id, error);
  if (referral == NULL)
    return NULL;
  if (id == NULL && (id = rapport_drafts_for_stage (rapport_referral_get_stage (referral))) == NULL)
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                   _("There is no news to give the referrer while the referral is “%s”"),
                   rapport_referral_stage_label (rapport_referral_get_stage (referral)));
      return NULL;
    }
  return draft_for_referral (store, referral, id, overrides, error);
}

/**
 * rapport_drafts_for_customer:
 * @kind: the follow-up's kind
 *
 * The draft for a follow-up: to the customer's email, with the product of
 * their latest sale and, for the thanks and news a referrer is owed, the
 * referral they made that moved last.
 *
 * Returns: (transfer full) (nullable): the mailto: URL; %NULL without an
 *   error when the playbook has no email for @kind
 */
char *
rapport_drafts_for_customer (RapportStore  *store,
                             gint64         customer_id,
                             const char    *kind,
                             GVariant      *overrides,
                             GError       **error)
{
  g_autoptr(RapportCustomer) customer = NULL;
  g_autofree char *product = NULL;
  GError *local_error = NULL;
  RapportDraftValues values = { 0 };
  const char *id;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);

  if (g_strcmp0 (kind, "keep_source_informed") == 0 || g_strcmp0 (kind, "thank_referrer") == 0)
    {
      g_autofree char *latest = query_text (store,
                                            "SELECT r.id FROM referral r WHERE r.referrer_id = ?1"
                                            " ORDER BY coalesce ((SELECT max (changed_at) FROM referral_stage_change c"
                                            "                     WHERE c.referral_id = r.id), r.created_at) DESC,"
                                            " r.id DESC LIMIT 1",
                                            customer_id, &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
      if (latest != NULL)
        return rapport_drafts_for_referral (store, g_ascii_strtoll (latest, NULL, 10),
                                            g_strcmp0 (kind, "thank_referrer") == 0 ? "thank_referral" : NULL,
                                            overrides, error);
    }

  if ((id = rapport_drafts_for_follow_up (kind, NULL)) == NULL)
    return NULL;
  customer = rapport_customer_load (store, customer_id, error);
  if (customer == NULL)
    return NULL;
  product = query_text (store,
                        "SELECT product FROM sale WHERE customer_id = ?1"
                        " ORDER BY coalesce (delivered_on, closed_on) DESC, id DESC LIMIT 1",
                        customer_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  values.name = rapport_customer_get_name (customer);
  values.company = rapport_customer_get_company (customer);
  /* Translators: stands for the product in a draft when no sale is on file */
  values.product = product != NULL ? product : _("your order");
  return rapport_drafts_mailto (id, overrides, rapport_customer_get_email (customer), &values);
}
