/* rapport-playbook.c: the follow-ups each customer should have (pure)
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * rapport_playbook_derive() turns what happened with one customer into the
 * follow-ups that should exist, then lets never-pester (rapport-pester.c)
 * space them out.  It reads no clock, no settings and no database: the
 * caller hands all of that in, so every rule can be tested on a fixed day.
 */

#define G_LOG_DOMAIN "rapport-playbook"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-pester.h"
#include "rapport-playbook.h"
#include "rapport-time.h"

/* The same rule can be written for several facts (one sale, one referral);
 * a draft remembers which, so the reason can be worded once never-pester
 * has settled when the item will be seen. */
typedef enum
{
  RULE_PREPOSITION,
  RULE_DELIVERY,
  RULE_SATISFACTION,
  RULE_MEETING,
  RULE_INTRODUCTION,
  RULE_TESTIMONIAL,
  RULE_THANK,
  RULE_WON_THANKS,
  RULE_INFORM,
  RULE_CONTACT,
  RULE_REFERENCE_CARE,
  RULE_KEEP_IN_TOUCH,
} Rule;

typedef struct
{
  RapportPlaybookItem *item;
  Rule                 rule;
  gconstpointer        source;    /* the sale, referral, stage change or use */
  gint64               event_at;  /* when what the reason talks about happened */
  int                  count;
} Draft;

typedef struct
{
  const RapportHistory          *history;
  const RapportPlaybookSettings *settings;
  GPtrArray                     *items;
  GArray                        *drafts;
} Derivation;

RapportPlaybookItem *
rapport_playbook_item_new (const char *rule_key,
                           const char *kind,
                           gint64      wanted_at,
                           gint64      overdue_at,
                           char       *reason)
{
  RapportPlaybookItem *item = g_new0 (RapportPlaybookItem, 1);

  item->rule_key = g_strdup (rule_key);
  item->kind = g_intern_string (kind);
  item->wanted_at = wanted_at;
  item->due_at = wanted_at;
  item->overdue_at = overdue_at;
  item->reason = reason != NULL ? reason : g_strdup ("");
  return item;
}

void
rapport_playbook_item_free (RapportPlaybookItem *item)
{
  if (item == NULL)
    return;
  g_free (item->rule_key);
  g_free (item->reason);
  g_free (item);
}

/* Days since 1 January 1 (GDate's Julian days) of 1 January 1970. */
#define JULIAN_1970 719163

/* Called for every date the playbook looks at, so it avoids building a
 * GDateTime: the zone's offset at that instant is all it needs. */
int
rapport_playbook_local_day (gint64 unix_time)
{
  g_autoptr(GTimeZone) zone = rapport_time_local_zone ();
  int interval = g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, unix_time);
  gint64 local = unix_time + (interval >= 0 ? g_time_zone_get_offset (zone, interval) : 0);

  /* Round towards minus infinity, for instants before 1970. */
  return (int) ((local >= 0 ? local : local - RAPPORT_SECONDS_PER_DAY + 1) / RAPPORT_SECONDS_PER_DAY)
         + JULIAN_1970;
}

/**
 * rapport_playbook_day_at:
 * @day: a local calendar day, as from rapport_playbook_local_day()
 *
 * Returns: @hour:00 local time on @day (the next valid time if a DST
 *   change skips it)
 */
gint64
rapport_playbook_day_at (int day,
                         int hour)
{
  g_autoptr(GTimeZone) zone = rapport_time_local_zone ();
  g_autoptr(GDateTime) dt = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, (guint32) MAX (day, 1));
  dt = g_date_time_new (zone, g_date_get_year (&date), g_date_get_month (&date),
                        g_date_get_day (&date), hour, 0, 0);
  return dt != NULL ? g_date_time_to_unix (dt) : 0;
}

/* Calendar days, not multiples of 86400 s: a check-in three days after a
 * 09:00 delivery stays at 09:00 across a DST change. */
gint64
rapport_playbook_add_days (gint64 unix_time,
                           int    days)
{
  g_autoptr(GDateTime) dt = rapport_time_new_local (unix_time);
  g_autoptr(GDateTime) later = NULL;

  if (dt == NULL)
    return unix_time;
  later = g_date_time_add_days (dt, days);
  return later != NULL ? g_date_time_to_unix (later) : unix_time;
}

void
rapport_playbook_cadence (const RapportHistory          *history,
                          const RapportPlaybookSettings *settings,
                          int                           *ideal_days,
                          int                           *latest_days)
{
  int ideal, latest;

  g_return_if_fail (history != NULL);
  g_return_if_fail (settings != NULL);

  ideal = history->cadence.ideal_days;
  latest = history->cadence.latest_days;
  for (guint i = 0; i < history->tag_cadences->len; i++)
    {
      const RapportCadence *tag = &g_array_index (history->tag_cadences, RapportCadence, i);

      if (history->cadence.ideal_days <= 0 && tag->ideal_days > 0)
        ideal = ideal > 0 ? MIN (ideal, tag->ideal_days) : tag->ideal_days;
      if (history->cadence.latest_days <= 0 && tag->latest_days > 0)
        latest = latest > 0 ? MIN (latest, tag->latest_days) : tag->latest_days;
    }

  if (ideal <= 0)
    ideal = MAX (settings->keep_in_touch_days, 1);
  if (latest <= 0)
    latest = ideal + ideal / 2;
  /* A latest before the ideal would make the item overdue before it is due. */
  latest = MAX (latest, ideal);

  *ideal_days = ideal;
  *latest_days = latest;
}

static RapportPlaybookItem *
want (Derivation    *self,
      Rule           rule,
      gconstpointer  source,
      gint64         event_at,
      const char    *kind,
      char          *rule_key,
      gint64         wanted_at,
      gint64         overdue_at)
{
  g_autofree char *key = rule_key;
  RapportPlaybookItem *item;
  Draft draft;

  if (wanted_at == 0 || g_hash_table_contains (self->history->closed_rules, key))
    return NULL;

  item = rapport_playbook_item_new (key, kind, wanted_at, overdue_at, NULL);
  g_ptr_array_add (self->items, item);

  draft = (Draft) { item, rule, source, event_at, 0 };
  g_array_append_val (self->drafts, draft);
  return item;
}

static gboolean
satisfaction_recorded_since (const RapportHistory *history,
                             gint64                since)
{
  return g_strcmp0 (history->satisfaction, "unknown") != 0 &&
         history->satisfaction_recorded_at != 0 &&
         rapport_playbook_local_day (history->satisfaction_recorded_at) >=
         rapport_playbook_local_day (since);
}

static gboolean
referred_since (const RapportHistory *history,
                gint64                since)
{
  for (guint i = 0; history->referrals != NULL && i < history->referrals->len; i++)
    {
      const RapportHistoryReferral *referral = g_ptr_array_index (history->referrals, i);

      if (referral->is_referrer && referral->created_at >= since)
        return TRUE;
    }
  return FALSE;
}

static void
derive_delivery (Derivation               *self,
                 const RapportHistorySale *sale)
{
  const RapportHistory *history = self->history;
  const RapportPlaybookSettings *settings = self->settings;
  int every = MAX (settings->delivery_check_in_days, 1);
  int n_max = MAX (settings->delivery_check_ins_max, 0);
  RapportPlaybookItem *item;

  if (!satisfaction_recorded_since (history, sale->delivered_at))
    {
      for (int n = 1; n <= n_max; n++)
        want (self, RULE_DELIVERY, sale, sale->delivered_at, "delivery_check_in",
              g_strdup_printf ("sale:%" G_GINT64_FORMAT ":delivery:%d", sale->id, n),
              rapport_playbook_add_days (sale->delivered_at, n * every), 0);

      item = want (self, RULE_SATISFACTION, sale, sale->delivered_at, "satisfaction_check",
                   g_strdup_printf ("sale:%" G_GINT64_FORMAT ":satisfaction", sale->id),
                   rapport_playbook_add_days (sale->delivered_at, (n_max + 1) * every), 0);
      if (item != NULL)
        g_array_index (self->drafts, Draft, self->drafts->len - 1).count = n_max;
      return;
    }

  /* Once they have introduced someone since the delivery, the promise is
   * kept: asking again would be pestering. */
  if (g_strcmp0 (sale->prepositioned, "agreed") == 0 &&
      g_strcmp0 (history->satisfaction, "delighted") == 0 &&
      !referred_since (history, sale->delivered_at))
    want (self, RULE_INTRODUCTION, sale, history->satisfaction_recorded_at, "introduction_ask",
          g_strdup_printf ("sale:%" G_GINT64_FORMAT ":introduction", sale->id),
          MAX (rapport_playbook_add_days (sale->delivered_at, settings->introduction_ask_days),
               history->satisfaction_recorded_at),
          0);
}

/* The meeting about complementary products counts from the delivery; until
 * there is one it is pencilled in from the close, and moves on delivery. */
static void
derive_meeting (Derivation               *self,
                const RapportHistorySale *sale)
{
  gint64 from = sale->delivered_at != 0 ? sale->delivered_at : sale->closed_at;

  if (from == 0)
    return;
  want (self, RULE_MEETING, sale, from, "follow_up_meeting",
        g_strdup_printf ("sale:%" G_GINT64_FORMAT ":meeting", sale->id),
        rapport_playbook_add_days (from, self->settings->follow_up_meeting_days), 0);
}

static void
derive_sales (Derivation *self)
{
  const RapportHistory *history = self->history;

  for (guint i = 0; i < history->sales->len; i++)
    {
      const RapportHistorySale *sale = g_ptr_array_index (history->sales, i);
      guint first = self->items->len;

      if (g_strcmp0 (sale->prepositioned, "no") == 0)
        want (self, RULE_PREPOSITION, sale, sale->closed_at, "preposition_referral",
              g_strdup_printf ("sale:%" G_GINT64_FORMAT ":preposition", sale->id),
              sale->closed_at, 0);

      derive_meeting (self, sale);
      if (sale->delivered_at != 0)
        derive_delivery (self, sale);

      for (guint j = first; j < self->items->len; j++)
        ((RapportPlaybookItem *) g_ptr_array_index (self->items, j))->sale_id = sale->id;
    }
}

static void
derive_testimonial (Derivation *self)
{
  const RapportHistory *history = self->history;
  gint64 since = history->created_at;

  if (g_strcmp0 (history->status, "customer") != 0 ||
      g_strcmp0 (history->satisfaction, "delighted") != 0 ||
      history->n_testimonials > 0)
    return;

  /* A customer since the first sale, if that is older than the record. */
  for (guint i = 0; i < history->sales->len; i++)
    {
      const RapportHistorySale *sale = g_ptr_array_index (history->sales, i);

      if (sale->closed_at != 0 && (since == 0 || sale->closed_at < since))
        since = sale->closed_at;
    }
  if (since == 0)
    return;

  want (self, RULE_TESTIMONIAL, NULL, since, "testimonial_ask", g_strdup ("testimonial-ask"),
        MAX (rapport_playbook_add_days (since, self->settings->testimonial_min_days),
             history->satisfaction_recorded_at),
        0);
}

static gint64
won_at (const RapportHistoryReferral *referral)
{
  for (guint i = referral->stage_changes->len; i > 0; i--)
    {
      const RapportHistoryStageChange *change = g_ptr_array_index (referral->stage_changes, i - 1);

      if (g_strcmp0 (change->to_stage, "won") == 0 && change->changed_at != 0)
        return change->changed_at;
    }
  return referral->created_at;
}

/* Telling the referrer about the latest change covers the earlier ones, so
 * only the latest change they have not heard of asks for a contact. */
static void
derive_inform (Derivation                   *self,
               const RapportHistoryReferral *referral)
{
  for (guint i = referral->stage_changes->len; i > 0; i--)
    {
      const RapportHistoryStageChange *change = g_ptr_array_index (referral->stage_changes, i - 1);

      if (change->from_stage == NULL || change->changed_at == 0)
        continue;
      if (referral->referrer_informed_at < change->changed_at)
        want (self, RULE_INFORM, change, change->changed_at, "keep_source_informed",
              g_strdup_printf ("referral:%" G_GINT64_FORMAT ":inform:%" G_GINT64_FORMAT,
                               referral->id, change->id),
              change->changed_at, 0);
      break;
    }
}

static void
derive_referral (Derivation                   *self,
                 const RapportHistoryReferral *referral)
{
  guint first = self->items->len;

  if (referral->is_referrer)
    {
      if (referral->thanked_at == 0)
        want (self, RULE_THANK, referral, referral->created_at, "thank_referrer",
              g_strdup_printf ("referral:%" G_GINT64_FORMAT ":thank", referral->id),
              referral->created_at, 0);

      derive_inform (self, referral);

      if (g_strcmp0 (referral->stage, "won") == 0 && referral->thanked_at < won_at (referral))
        want (self, RULE_WON_THANKS, referral, won_at (referral), "thank_referrer",
              g_strdup_printf ("referral:%" G_GINT64_FORMAT ":won-thanks", referral->id),
              won_at (referral), 0);
    }
  else if (g_strcmp0 (referral->stage, "promised") == 0 ||
           g_strcmp0 (referral->stage, "introduction_requested") == 0 ||
           g_strcmp0 (referral->stage, "introduced") == 0)
    {
      want (self, RULE_CONTACT, referral, referral->created_at, "contact_referral",
            g_strdup_printf ("referral:%" G_GINT64_FORMAT ":contact", referral->id),
            referral->created_at,
            referral->created_at != 0 ? referral->created_at + RAPPORT_SECONDS_PER_DAY : 0);
    }

  for (guint i = first; i < self->items->len; i++)
    ((RapportPlaybookItem *) g_ptr_array_index (self->items, i))->referral_id = referral->id;
}

/* How many times the customer was used as a reference in the 30 days up to
 * and including @use: more than twice wears a reference out. */
static int
recent_uses (const RapportHistory             *history,
             const RapportHistoryReferenceUse *use)
{
  int day = rapport_playbook_local_day (use->used_at);
  int count = 0;

  for (guint i = 0; i < history->reference_uses->len; i++)
    {
      const RapportHistoryReferenceUse *other = g_ptr_array_index (history->reference_uses, i);
      int other_day = rapport_playbook_local_day (other->used_at);

      if (other->used_at != 0 && other_day <= day && day - other_day < RAPPORT_PESTER_WINDOW_DAYS)
        count++;
    }
  return count;
}

static void
derive_reference_uses (Derivation *self)
{
  const RapportHistory *history = self->history;

  for (guint i = 0; i < history->reference_uses->len; i++)
    {
      const RapportHistoryReferenceUse *use = g_ptr_array_index (history->reference_uses, i);

      if (want (self, RULE_REFERENCE_CARE, use, use->used_at, "reference_care",
                g_strdup_printf ("reference-use:%" G_GINT64_FORMAT ":care", use->id),
                use->used_at, 0) != NULL)
        g_array_index (self->drafts, Draft, self->drafts->len - 1).count = recent_uses (history, use);
    }
}

/* Keep in touch counts from the last logged contact (or from when the
 * customer was added); the key names that contact, so logging a new one
 * retires the item and starts a new cycle.  A skipped cycle is followed by
 * the next one instead of silencing the customer for good. */
static void
derive_keep_in_touch (Derivation *self)
{
  const RapportHistory *history = self->history;
  gint64 base = history->last_contact != 0 ? history->last_contact : history->created_at;
  int ideal, latest;

  if (base == 0 || g_strcmp0 (history->status, "former") == 0)
    return;

  rapport_playbook_cadence (history, self->settings, &ideal, &latest);

  for (int n = 1; n < 1000; n++)
    {
      g_autofree char *key = n == 1 ? g_strdup_printf ("keep-in-touch:%" G_GINT64_FORMAT, base)
                                    : g_strdup_printf ("keep-in-touch:%" G_GINT64_FORMAT ":%d", base, n);

      if (g_hash_table_contains (history->closed_rules, key))
        continue;

      want (self, RULE_KEEP_IN_TOUCH, NULL, base, "keep_in_touch", g_steal_pointer (&key),
            rapport_playbook_add_days (base, n * ideal),
            rapport_playbook_add_days (base, (n - 1) * ideal + latest));
      return;
    }
}

/**
 * rapport_playbook_format_days_ago:
 *
 * Returns: "today", "yesterday" or "3 days ago"
 */
char *
rapport_playbook_format_days_ago (int days)
{
  if (days <= 0)
    return g_strdup (_("today"));
  if (days == 1)
    return g_strdup (_("yesterday"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", days), days);
}

static char *
short_date (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = rapport_time_new_local (unix_time);

  /* Translators: a day and month in a sentence ("Delighted since 2 Nov");
   * see g_date_time_format() */
  return dt != NULL ? g_date_time_format (dt, C_("short date", "%-d %b")) : g_strdup ("?");
}

static const char *
stage_label (const char *stage)
{
  static const struct { const char *stage; const char *label; } labels[] = {
    { "promised", N_("promised") },
    { "introduction_requested", N_("introduction requested") },
    { "introduced", N_("introduced") },
    { "contacted", N_("contacted") },
    { "meeting", N_("meeting") },
    { "won", N_("won") },
    { "lost", N_("lost") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (stage, labels[i].stage) == 0)
      return _(labels[i].label);
  return stage;
}

static char *
describe_sale (const Draft *draft,
               const char  *when)
{
  const RapportHistorySale *sale = draft->source;

  switch (draft->rule)
    {
    case RULE_PREPOSITION:
      return g_strdup_printf (_("Closed %s %s; pre-position the referral: “If you’re delighted, "
                                "would you share your experience with someone who could use it?”"),
                              sale->product, when);
    case RULE_DELIVERY:
      return g_strdup_printf (_("Delivered %s %s; make sure they are happy"), sale->product, when);
    case RULE_SATISFACTION:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Delivered %s %s and no satisfaction recorded after "
                                           "%d check-in; ask how it is going",
                                           "Delivered %s %s and no satisfaction recorded after "
                                           "%d check-ins; ask how it is going",
                                           draft->count),
                              sale->product, when, draft->count);
    case RULE_MEETING:
      if (sale->delivered_at == 0)
        return g_strdup_printf (_("Closed %s %s; meet about complementary products"),
                                sale->product, when);
      return g_strdup_printf (_("Delivered %s %s; meet about complementary products"),
                              sale->product, when);
    default:
      g_assert_not_reached ();
    }
}

static char *
describe_referral (const Draft *draft,
                   const char  *when)
{
  const RapportHistoryReferral *referral = draft->source;

  switch (draft->rule)
    {
    case RULE_THANK:
      return g_strdup_printf (_("Referred %s %s; thank them today"),
                              referral->other_name, when);
    case RULE_WON_THANKS:
      return g_strdup_printf (_("Your referral %s became a customer %s; send a thank-you note "
                                "or a small gift"),
                              referral->other_name, when);
    case RULE_CONTACT:
      return g_strdup_printf (_("Referred by %s %s; contact them within 24 hours"),
                              referral->other_name, when);
    default:
      g_assert_not_reached ();
    }
}

static char *
describe (const Draft          *draft,
          const RapportHistory *history,
          gint64                now)
{
  int ref_day = MAX (rapport_playbook_local_day (now),
                     rapport_playbook_local_day (draft->item->due_at));
  int days = ref_day - rapport_playbook_local_day (draft->event_at);
  g_autofree char *when = rapport_playbook_format_days_ago (days);
  g_autofree char *date = NULL;

  switch (draft->rule)
    {
    case RULE_PREPOSITION:
    case RULE_DELIVERY:
    case RULE_SATISFACTION:
    case RULE_MEETING:
      return describe_sale (draft, when);
    case RULE_THANK:
    case RULE_WON_THANKS:
    case RULE_CONTACT:
      return describe_referral (draft, when);
    case RULE_INFORM:
      {
        const RapportHistoryStageChange *change = draft->source;
        const RapportHistoryReferral *referral = NULL;

        for (guint i = 0; i < history->referrals->len && referral == NULL; i++)
          {
            const RapportHistoryReferral *r = g_ptr_array_index (history->referrals, i);

            if (r->id == draft->item->referral_id)
              referral = r;
          }
        return g_strdup_printf (_("Your referral %s moved to “%s” %s; keep them informed"),
                                referral != NULL ? referral->other_name : "",
                                stage_label (change->to_stage), when);
      }
    case RULE_INTRODUCTION:
      date = short_date (draft->event_at);
      return g_strdup_printf (_("Delighted since %s and promised at the close; ask for a "
                                "personal introduction"),
                              date);
    case RULE_TESTIMONIAL:
      date = short_date (draft->event_at);
      return g_strdup_printf (_("A customer since %s, delighted, with no testimonial on file; "
                                "ask for one"),
                              date);
    case RULE_REFERENCE_CARE:
      {
        const RapportHistoryReferenceUse *use = draft->source;

        if (draft->count > 2)
          return g_strdup_printf (_("Given as a reference to %s %s; thank them — that is %d "
                                    "times in 30 days, give them a rest"),
                                  use->given_to, when, draft->count);
        return g_strdup_printf (_("Given as a reference to %s %s; thank them"),
                                use->given_to, when);
      }
    case RULE_KEEP_IN_TOUCH:
      if (history->last_contact == 0)
        return g_strdup_printf (_("No contact since they were added %s; bring them something new"),
                                when);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "No contact for %d day; bring them something new",
                                           "No contact for %d days; bring them something new",
                                           days),
                              days);
    default:
      g_assert_not_reached ();
    }
}

static int
compare_due (gconstpointer a,
             gconstpointer b)
{
  const RapportPlaybookItem *x = *(RapportPlaybookItem * const *) a;
  const RapportPlaybookItem *y = *(RapportPlaybookItem * const *) b;

  if (x->due_at != y->due_at)
    return x->due_at < y->due_at ? -1 : 1;
  return g_strcmp0 (x->rule_key, y->rule_key);
}

static void
word_reasons (Derivation          *self,
              const RapportPester *pester,
              gint64               now)
{
  for (guint i = 0; i < self->drafts->len; i++)
    {
      const Draft *draft = &g_array_index (self->drafts, Draft, i);
      RapportPlaybookItem *item = draft->item;
      g_autofree char *reason = describe (draft, self->history, now);
      g_autofree char *why = rapport_pester_explain (pester, item);

      g_free (item->reason);
      item->reason = why != NULL ? g_strdup_printf (_("%s (%s)"), reason, why)
                                 : g_steal_pointer (&reason);
    }
}

/**
 * rapport_playbook_derive:
 * @history: what happened with one customer
 * @settings: the playbook's parameters
 * @now: the clock, for wording only: the schedule depends on @history alone
 *
 * Returns: (transfer full) (element-type RapportPlaybookItem): the open
 *   follow-ups the playbook wants for the customer, spaced by never-pester,
 *   earliest first; none whose rule key is done, skipped or the user's
 */
GPtrArray *
rapport_playbook_derive (const RapportHistory          *history,
                         const RapportPlaybookSettings *settings,
                         gint64                         now)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GArray) drafts = NULL;
  Derivation self;
  RapportPester pester;

  g_return_val_if_fail (history != NULL, NULL);
  g_return_val_if_fail (settings != NULL, NULL);

  items = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_playbook_item_free);
  drafts = g_array_new (FALSE, FALSE, sizeof (Draft));
  self = (Derivation) { history, settings, items, drafts };

  if (g_strcmp0 (history->status, "former") != 0)
    {
      derive_sales (&self);
      derive_testimonial (&self);
    }
  for (guint i = 0; i < history->referrals->len; i++)
    derive_referral (&self, g_ptr_array_index (history->referrals, i));
  derive_reference_uses (&self);
  derive_keep_in_touch (&self);

  pester = (RapportPester) {
    .min_gap_days = history->min_gap_days >= 0 ? history->min_gap_days : settings->min_gap_days,
    .max_contacts = settings->max_contacts_per_30_days,
    .last_contact = history->last_contact,
    .contacts = history->contacts,
    .user_scheduled = history->user_scheduled,
    .now = now,
  };
  rapport_pester_apply (&pester, items);
  word_reasons (&self, &pester, now);

  g_ptr_array_sort (items, compare_due);
  return g_steal_pointer (&items);
}
