/* rapport-referral-report.c: the funnel, who to ask next, and referrals.csv
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-referral"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rapport-csv-formula.h"
#include "rapport-customer.h"
#include "rapport-drafts.h"
#include "rapport-referral-private.h"
#include "rapport-time.h"

#define WON  5
#define LOST 6

G_STATIC_ASSERT (WON + 1 == LOST && LOST + 1 == RAPPORT_REFERRAL_N_STAGES);

static void
count_group (RapportReferralFunnel *funnel,
             int                    type,
             int                    stage,
             int                    furthest,
             guint                  n)
{
  /* How far along it ever got: its stage now, or further back in its
   * history if it went backwards or was lost on the way. */
  int reached = stage == LOST ? furthest : MAX (stage, furthest);

  funnel->total += n;
  funnel->at_stage[stage] += n;
  for (int i = 0; i <= MIN (reached, WON); i++)
    funnel->reached[i] += n;
  if (stage == LOST)
    funnel->reached[LOST] += n;

  funnel->of_type[type] += n;
  if (stage == WON)
    funnel->won_of_type[type] += n;
}

/**
 * rapport_referral_funnel_load:
 *
 * Counts the referrals per stage and per type, and how many reached each
 * stage, in one GROUP BY query.
 */
gboolean
rapport_referral_funnel_load (RapportStore           *store,
                              RapportReferralFunnel  *funnel,
                              GError                **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (funnel != NULL, FALSE);

  memset (funnel, 0, sizeof *funnel);

  stmt = rapport_store_prepare (store,
                                "SELECT r.type, r.stage,"
                                "       coalesce ((SELECT max (" RAPPORT_REFERRAL_STAGE_RANK ("c.to_stage") ")"
                                "                    FROM referral_stage_change c"
                                "                   WHERE c.referral_id = r.id AND c.to_stage <> 'lost'), 0),"
                                "       count(*)"
                                "  FROM referral r GROUP BY 1, 2, 3",
                                error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int type = rapport_referral_type_index ((const char *) sqlite3_column_text (stmt, 0));
      int stage = rapport_referral_stage_index ((const char *) sqlite3_column_text (stmt, 1));

      /* The schema's CHECKs keep these known; a damaged row is left out. */
      if (type < 0 || stage < 0)
        continue;
      count_group (funnel, type, stage, CLAMP (sqlite3_column_int (stmt, 2), 0, WON),
                   (guint) sqlite3_column_int64 (stmt, 3));
    }
  if (rc != SQLITE_DONE)
    return rapport_store_set_error (store, rc, error, _("Cannot count the referrals"));
  return TRUE;
}

/**
 * rapport_referral_funnel_rate:
 * @stage: an index into rapport_referral_stages
 *
 * Returns: the share (0–1) of all referrals that reached @stage or went
 *   further; for "lost", the share lost
 */
double
rapport_referral_funnel_rate (const RapportReferralFunnel *funnel,
                              guint                        stage)
{
  g_return_val_if_fail (funnel != NULL, 0);
  g_return_val_if_fail (stage < RAPPORT_REFERRAL_N_STAGES, 0);

  return funnel->total > 0 ? (double) funnel->reached[stage] / funnel->total : 0;
}

/**
 * rapport_referral_funnel_won_rate:
 * @type: an index into rapport_referral_types
 *
 * Returns: the share (0–1) of the referrals of @type that were won
 */
double
rapport_referral_funnel_won_rate (const RapportReferralFunnel *funnel,
                                  guint                        type)
{
  g_return_val_if_fail (funnel != NULL, 0);
  g_return_val_if_fail (type < RAPPORT_REFERRAL_N_TYPES, 0);

  return funnel->of_type[type] > 0 ? (double) funnel->won_of_type[type] / funnel->of_type[type] : 0;
}

static int
percent (double rate)
{
  return (int) (rate * 100 + 0.5);
}

/**
 * rapport_referral_funnel_describe:
 *
 * The funnel in words, for screen readers and as the chart's caption:
 * "Funnel: 12 promised, 8 introduced, … 3 won (25 %); 2 lost. Won:
 * solicited 20 %, proactive 33 %, unsolicited 50 %."
 */
/* The stages and types as words inside a sentence: lower case in English,
 * but as each language writes them (German keeps its nouns capitalised),
 * so not the labels put through g_utf8_strdown(). */
static const char * const stage_words[] = {
  N_("promised"), N_("introduction requested"), N_("introduced"), N_("contacted"),
  N_("meeting"), N_("won"), N_("lost"),
};
static const char * const type_words[] = {
  N_("solicited"), N_("proactive"), N_("unsolicited"),
};
G_STATIC_ASSERT (G_N_ELEMENTS (stage_words) == RAPPORT_REFERRAL_N_STAGES);
G_STATIC_ASSERT (G_N_ELEMENTS (type_words) == RAPPORT_REFERRAL_N_TYPES);

char *
rapport_referral_funnel_describe (const RapportReferralFunnel *funnel)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (funnel != NULL, NULL);

  if (funnel->total == 0)
    return g_strdup (_("Funnel: no referrals yet"));

  g_string_append (text, _("Funnel:"));
  for (guint i = 0; i <= WON; i++)
    {
      g_string_append_printf (text, i == 0 ? " %u %s" : ", %u %s", funnel->reached[i], _(stage_words[i]));
    }
  /* Translators: after "3 won" in the funnel's description */
  g_string_append_printf (text, _(" (%d %%); %u lost."),
                          percent (rapport_referral_funnel_rate (funnel, WON)), funnel->reached[LOST]);

  g_string_append (text, _(" Won by type:"));
  for (guint i = 0; i < RAPPORT_REFERRAL_N_TYPES; i++)
    {
      /* Translators: "solicited 2 of 10 (20 %)" */
      g_string_append_printf (text, _("%s %s %u of %u (%d %%)"), i == 0 ? "" : ",", _(type_words[i]),
                              funnel->won_of_type[i], funnel->of_type[i],
                              percent (rapport_referral_funnel_won_rate (funnel, i)));
    }
  g_string_append_c (text, '.');
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * rapport_referral_ready_to_ask:
 * @limit: how many customers to return at most; 0 for all
 * @n_ready: (out) (optional): how many customers are ready in all
 *
 * The customers to ask for a personal introduction now.  The rule: a
 * customer who is not a former customer, is delighted, has at least one
 * delivered sale at whose close they agreed to the referral
 * (sale.referral_prepositioned = 'agreed'), has given no referral yet (is
 * no referral's referrer), and whose introduction ask is not done (no
 * introduction_ask follow-up in the state 'done': once asked, the answer
 * is a referral or a no, and either way they leave the list).
 *
 * Returns: (transfer full): #RapportCustomer items, those delighted the
 *   longest first, or %NULL with @error set
 */
GListModel *
rapport_referral_ready_to_ask (RapportStore  *store,
                               guint          limit,
                               guint         *n_ready,
                               GError       **error)
{
  g_autoptr(GListStore) customers = g_list_store_new (RAPPORT_TYPE_CUSTOMER);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(RapportStmt) stmt = NULL;
  guint total = 0;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);

  /* One query gives the page and the count (the window function counts
   * before LIMIT applies); a big book then loads only what is shown. */
  stmt = rapport_store_prepare (store,
                                "SELECT c.id, count(*) OVER () FROM customer c"
                                " WHERE c.satisfaction = 'delighted' AND c.status <> 'former'"
                                "   AND EXISTS (SELECT 1 FROM sale s WHERE s.customer_id = c.id"
                                "                  AND s.delivered_on IS NOT NULL"
                                "                  AND s.referral_prepositioned = 'agreed')"
                                "   AND NOT EXISTS (SELECT 1 FROM referral r WHERE r.referrer_id = c.id)"
                                "   AND NOT EXISTS (SELECT 1 FROM follow_up f WHERE f.customer_id = c.id"
                                "                      AND f.kind = 'introduction_ask' AND f.state = 'done')"
                                " ORDER BY c.satisfaction_recorded_at IS NULL, c.satisfaction_recorded_at,"
                                "          c.name COLLATE NOCASE, c.id"
                                " LIMIT ?",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit > 0 ? (gint64) limit : -1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      total = (guint) sqlite3_column_int64 (stmt, 1);
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      rapport_store_set_error (store, rc, error, _("Cannot read who is ready to ask"));
      return NULL;
    }
  g_clear_pointer (&stmt, rapport_stmt_release);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(RapportCustomer) customer = rapport_customer_load (store, g_array_index (ids, gint64, i), error);

      if (customer == NULL)
        return NULL;
      g_list_store_append (customers, customer);
    }
  if (n_ready != NULL)
    *n_ready = total;
  return G_LIST_MODEL (g_steal_pointer (&customers));
}

const char *
rapport_referral_introduction_script (void)
{
  return _("Would you be willing to send a short email introducing me to someone who could use "
           "what we did for you?");
}

/**
 * rapport_mailto_url:
 * @email: (nullable): the address, or %NULL to leave it for the user
 * @subject: (nullable): the subject line
 * @body: (nullable): the message; line breaks become CRLF as RFC 6068 asks
 *
 * Builds a mailto: URL whose subject and body survive any character: all
 * but RFC 3986's unreserved characters are percent-encoded as UTF-8
 * bytes.  In the address only '@' is left as it is (RFC 6068 allows it,
 * and it keeps the address readable in the mail program).
 */
char *
rapport_mailto_url (const char *email,
                    const char *subject,
                    const char *body)
{
  g_autoptr(GString) url = g_string_new ("mailto:");
  char separator = '?';

  if (email != NULL)
    {
      g_autofree char *address = g_uri_escape_string (email, "@", FALSE);

      g_string_append (url, address);
    }
  if (subject != NULL && *subject != '\0')
    {
      g_autofree char *escaped = g_uri_escape_string (subject, NULL, FALSE);

      g_string_append_printf (url, "%csubject=%s", separator, escaped);
      separator = '&';
    }
  if (body != NULL && *body != '\0')
    {
      g_autoptr(GString) crlf = g_string_new (NULL);
      g_autofree char *escaped = NULL;

      for (const char *p = body; *p != '\0'; p++)
        {
          if (*p == '\n' && (p == body || p[-1] != '\r'))
            g_string_append_c (crlf, '\r');
          g_string_append_c (crlf, *p);
        }
      escaped = g_uri_escape_string (crlf->str, NULL, FALSE);
      g_string_append_printf (url, "%cbody=%s", separator, escaped);
    }
  return g_string_free (g_steal_pointer (&url), FALSE);
}

/**
 * rapport_referral_introduction_mailto:
 * @name: the customer's name; the greeting uses the first word
 *
 * Returns: a mailto: URL drafting the personal-introduction ask
 */
char *
rapport_referral_introduction_mailto (const char *name,
                                      const char *email)
{
  RapportDraftValues values = { .name = name };

  return rapport_drafts_mailto ("introduction_ask", NULL, email, &values);
}

/* RFC 4180: quote a field holding a comma, a quote or a line break,
 * doubling its quotes.  A value a spreadsheet would run as a formula
 * ("=HYPERLINK(…)" as a prospect's name) starts with a single quote. */
static void
append_csv_field (GString    *out,
                  const char *value)
{
  const char *guard;

  if (value == NULL)
    return;
  guard = rapport_csv_formula_needs_guard (value) ? "'" : "";
  if (strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append_printf (out, "%s%s", guard, value);
      return;
    }

  g_string_append_c (out, '"');
  g_string_append (out, guard);
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

#define CSV_COLUMNS \
  "r.id, f.name, f.email, p.name, p.company, p.email, r.type, r.stage, r.created_at," \
  " (SELECT group_concat (changed_at || ' ' || to_stage, '; ')" \
  "    FROM (SELECT changed_at, to_stage FROM referral_stage_change c" \
  "           WHERE c.referral_id = r.id ORDER BY changed_at, id))," \
  " r.referrer_informed_at, r.thanked_at, r.thanked_how, r.notes"

static const char csv_header[] =
  "id,referrer,referrer_email,prospect,prospect_company,prospect_email,type,stage,created_at,"
  "history,referrer_informed_at,thanked_at,thanked_how,notes\r\n";

static char *
render_csv (RapportStore  *store,
            GError       **error)
{
  g_autoptr(GString) out = g_string_new (csv_header);
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  stmt = rapport_store_prepare (store,
                                "SELECT " CSV_COLUMNS " FROM referral r"
                                "  JOIN customer f ON f.id = r.referrer_id"
                                "  JOIN customer p ON p.id = r.prospect_id"
                                " ORDER BY r.id",
                                error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          append_csv_field (out, (const char *) sqlite3_column_text (stmt, i));
        }
      g_string_append (out, "\r\n");
    }
  if (rc != SQLITE_DONE)
    {
      rapport_store_set_error (store, rc, error, _("Cannot read the referrals"));
      return NULL;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * rapport_referrals_write_csv:
 * @path: the file to write, usually referrals.csv
 *
 * Writes every referral as one RFC 4180 record (UTF-8, CRLF, a header
 * row), with its stage history as "time stage; time stage".  The file
 * replaces @path only once complete, and is readable by its owner only.
 */
gboolean
rapport_referrals_write_csv (RapportStore  *store,
                             const char    *path,
                             GError       **error)
{
  g_autofree char *contents = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if ((contents = render_csv (store, error)) == NULL)
    return FALSE;

  /* A temporary file born 0600, fsynced, then renamed over @path. */
  if (!g_file_set_contents_full (path, contents, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    {
      g_prefix_error (error, _("Cannot export the referrals: "));
      return FALSE;
    }
  return TRUE;
}
