/* test-sync-merge.c: both sides edit one customer or check-in offline
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A change made on one side only is taken; the same change on both is no
 * conflict; different changes to one field are a conflict that keeps both
 * values; emails, phones, unknown properties and tags merge as sets.
 */

#include "config.h"

#include <string.h>

#include "rapport-time.h"
#include "rapport-sync-merge.h"

static const char base_card[] =
  "BEGIN:VCARD\r\n"
  "VERSION:4.0\r\n"
  "UID:urn:uuid:0193a5b0-0000-7000-8000-00000000c001\r\n"
  "FN:Grace Hopper\r\n"
  "ORG:US Navy\r\n"
  "item1.EMAIL;TYPE=work;PREF=1:grace@navy.example\r\n"
  "item1.X-ABLabel:_$!<Work>!$_\r\n"
  "EMAIL;TYPE=home:grace@home.example\r\n"
  "TEL;VALUE=text;TYPE=cell:+1 202 555 0100\r\n"
  "NOTE:Met at the fleet review\r\n"
  "CATEGORIES:navy,golf\r\n"
  "X-RAPPORT-STATUS:customer\r\n"
  "X-RAPPORT-SATISFACTION:satisfied\r\n"
  "X-SOCIALPROFILE;TYPE=linkedin:https://linkedin.example/grace\r\n"
  "END:VCARD\r\n";

static RapportSyncCard *
card (void)
{
  g_autoptr(GError) error = NULL;
  RapportSyncCard *c = rapport_sync_card_from_vcard ("c.vcf", base_card, strlen (base_card), NULL, &error);

  g_assert_no_error (error);
  return c;
}

static void
set (RapportSyncCard *c,
     const char      *field,
     const char      *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_sync_card_set_field (c, field, value, &error));
  g_assert_no_error (error);
}

static void
assert_field (const RapportSyncCard *c,
              const char            *field,
              const char            *expected)
{
  g_autofree char *value = rapport_sync_card_get_field (c, field);

  g_assert_cmpstr (value, ==, expected);
}

static gboolean
has_value (const RapportSyncCard *c,
           const char            *value,
           const char            *types)
{
  for (guint i = 0; i < c->contact->values->len; i++)
    {
      const RapportContactValue *v = g_ptr_array_index (c->contact->values, i);

      if (g_str_equal (v->value, value) && (types == NULL || g_str_equal (v->types, types)))
        return TRUE;
    }
  return FALSE;
}

static gboolean
has_extra (const RapportSyncCard *c,
           const char            *line)
{
  for (guint i = 0; i < c->contact->extra->len; i++)
    if (g_str_equal (g_ptr_array_index (c->contact->extra, i), line))
      return TRUE;
  return FALSE;
}

/* Each side changed its own fields: both changes are kept. */
static void
test_card_one_side (void)
{
  g_autoptr(RapportSyncCard) base = card ();
  g_autoptr(RapportSyncCard) local = card ();
  g_autoptr(RapportSyncCard) remote = card ();
  g_autoptr(RapportSyncCard) merged = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;

  set (local, "company", "US Navy Reserve");
  set (local, "min-gap", "7");
  set (remote, "notes", "Met at the fleet review\nPrefers mornings");
  set (remote, "satisfaction", "delighted");
  set (remote, "photo", "data:image/png;base64,iVBORw0KGgo=");
  merged = rapport_sync_merge_cards (base, local, remote, &conflicts);

  g_assert_cmpuint (conflicts->len, ==, 0);
  assert_field (merged, "company", "US Navy Reserve");
  assert_field (merged, "min-gap", "7");
  assert_field (merged, "notes", "Met at the fleet review\nPrefers mornings");
  assert_field (merged, "satisfaction", "delighted");
  assert_field (merged, "photo", "data:image/png;base64,iVBORw0KGgo=");
  assert_field (merged, "name", "Grace Hopper");
  g_assert_cmpstr (merged->contact->uid, ==, local->contact->uid);
}

static void
test_card_both_same (void)
{
  g_autoptr(RapportSyncCard) base = card ();
  g_autoptr(RapportSyncCard) local = card ();
  g_autoptr(RapportSyncCard) remote = card ();
  g_autoptr(RapportSyncCard) merged = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;

  set (local, "status", "former");
  set (remote, "status", "former");
  merged = rapport_sync_merge_cards (base, local, remote, &conflicts);
  g_assert_cmpuint (conflicts->len, ==, 0);
  assert_field (merged, "status", "former");
  g_assert_true (rapport_sync_card_equal (merged, local));
}

/* Both renamed her differently: the local name stays, the server's is
 * kept beside it, and choosing it later sets it. */
static void
test_card_conflict (void)
{
  g_autoptr(RapportSyncCard) base = card ();
  g_autoptr(RapportSyncCard) local = card ();
  g_autoptr(RapportSyncCard) remote = card ();
  g_autoptr(RapportSyncCard) merged = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  RapportSyncFieldConflict *conflict;

  set (local, "name", "Grace B. Hopper");
  set (remote, "name", "Admiral Grace Hopper");
  set (remote, "title", "Rear Admiral");
  set (local, "ideal-interval", "30");
  set (remote, "ideal-interval", "60");
  merged = rapport_sync_merge_cards (base, local, remote, &conflicts);

  g_assert_cmpuint (conflicts->len, ==, 2);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (conflict->field, ==, "name");
  g_assert_cmpstr (conflict->local_value, ==, "Grace B. Hopper");
  g_assert_cmpstr (conflict->remote_value, ==, "Admiral Grace Hopper");
  conflict = g_ptr_array_index (conflicts, 1);
  g_assert_cmpstr (conflict->field, ==, "ideal-interval");
  g_assert_cmpstr (conflict->local_value, ==, "30");
  g_assert_cmpstr (conflict->remote_value, ==, "60");
  assert_field (merged, "name", "Grace B. Hopper");
  assert_field (merged, "ideal-interval", "30");
  assert_field (merged, "title", "Rear Admiral");

  /* The user takes the server's name. */
  conflict = g_ptr_array_index (conflicts, 0);
  set (merged, conflict->field, conflict->remote_value);
  assert_field (merged, "name", "Admiral Grace Hopper");
}

/* Emails, phones, unknown properties and tags merge as sets. */
static void
test_card_sets (void)
{
  g_autoptr(RapportSyncCard) base = card ();
  g_autoptr(RapportSyncCard) local = card ();
  g_autoptr(RapportSyncCard) remote = card ();
  g_autoptr(RapportSyncCard) merged = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;

  /* Here: the home email goes, a new one comes, the phone becomes work. */
  g_ptr_array_remove_index (local->contact->values, 1);
  rapport_contact_add_value (local->contact, RAPPORT_VALUE_EMAIL, "grace@new.example", "work", 0);
  g_free (((RapportContactValue *) g_ptr_array_index (local->contact->values, 1))->types);
  ((RapportContactValue *) g_ptr_array_index (local->contact->values, 1))->types = g_strdup ("work");
  g_ptr_array_add (local->contact->extra, g_strdup ("X-LOCAL-ONLY:1"));
  g_strfreev (local->contact->tags);
  local->contact->tags = g_strsplit ("navy;golf;vip", ";", -1);

  /* There: a URL comes, the LinkedIn profile goes, golf goes. */
  rapport_contact_add_value (remote->contact, RAPPORT_VALUE_URL, "https://grace.example", "", 0);
  g_ptr_array_remove_index (remote->contact->extra, 1);
  g_ptr_array_add (remote->contact->extra, g_strdup ("item2.X-ABLabel:Blog"));
  g_strfreev (remote->contact->tags);
  remote->contact->tags = g_strsplit ("navy", ";", -1);

  merged = rapport_sync_merge_cards (base, local, remote, &conflicts);
  g_assert_cmpuint (conflicts->len, ==, 0);
  g_assert_true (has_value (merged, "grace@navy.example", "work"));
  g_assert_false (has_value (merged, "grace@home.example", NULL));
  g_assert_true (has_value (merged, "grace@new.example", "work"));
  g_assert_true (has_value (merged, "+1 202 555 0100", "work"));
  g_assert_false (has_value (merged, "+1 202 555 0100", "cell"));
  g_assert_true (has_value (merged, "https://grace.example", NULL));
  g_assert_cmpuint (merged->contact->values->len, ==, 4);
  g_assert_cmpstr (merged->contact->email, ==, "grace@navy.example");

  g_assert_true (has_extra (merged, "item1.X-ABLabel:_$!<Work>!$_"));
  g_assert_true (has_extra (merged, "X-LOCAL-ONLY:1"));
  g_assert_true (has_extra (merged, "item2.X-ABLabel:Blog"));
  g_assert_false (has_extra (merged, "X-SOCIALPROFILE;TYPE=linkedin:https://linkedin.example/grace"));
  g_assert_cmpuint (merged->contact->extra->len, ==, 3);
  g_assert_cmpstrv (merged->contact->tags, ((const char * const[]) { "navy", "vip", NULL }));
}

/* Without a base (both made the card on their own), sets are joined and
 * any differing field is a conflict. */
static void
test_card_no_base (void)
{
  g_autoptr(RapportSyncCard) local = card ();
  g_autoptr(RapportSyncCard) remote = card ();
  g_autoptr(RapportSyncCard) merged = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;

  set (remote, "company", "Navy");
  rapport_contact_add_value (remote->contact, RAPPORT_VALUE_EMAIL, "g@remote.example", "", 0);
  merged = rapport_sync_merge_cards (NULL, local, remote, &conflicts);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_cmpstr (((RapportSyncFieldConflict *) g_ptr_array_index (conflicts, 0))->field, ==, "company");
  assert_field (merged, "company", "US Navy");
  g_assert_true (has_value (merged, "g@remote.example", NULL));
  g_assert_true (has_value (merged, "grace@home.example", NULL));
}

/* ---- Tasks ------------------------------------------------------------- */

static gint64
utc (const char *text)
{
  gint64 t = 0;

  g_assert_true (rapport_time_parse_utc (text, &t));
  return t;
}

static RapportSyncTask *
task (void)
{
  RapportSyncTask *t = rapport_sync_task_new ();

  t->uid = g_strdup ("urn:uuid:task-1");
  t->customer_uid = g_strdup ("urn:uuid:customer-1");
  g_free (t->customer_name);
  t->customer_name = g_strdup ("Grace Hopper");
  t->due_at = utc ("2026-11-27T08:00:00Z");
  g_free (t->reason);
  t->reason = g_strdup ("No contact for 88 days");
  g_free (t->created_by);
  t->created_by = g_strdup ("playbook");
  return t;
}

static void
set_task (RapportSyncTask *t,
          const char      *field,
          const char      *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_sync_task_set_field (t, field, value, &error));
  g_assert_no_error (error);
}

static void
test_task_merges (void)
{
  g_autoptr(RapportSyncTask) base = task ();
  g_autoptr(RapportSyncTask) local = task ();
  g_autoptr(RapportSyncTask) remote = task ();
  g_autoptr(RapportSyncTask) merged = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;

  /* Moved here, completed on the phone: done, nothing to ask. */
  set_task (local, "due", "2026-11-30T08:00:00Z");
  set_task (remote, "state", "done");
  set_task (remote, "completed-at", "2026-11-26T10:00:00Z");
  merged = rapport_sync_merge_tasks (base, local, remote, &conflicts);
  g_assert_cmpuint (conflicts->len, ==, 0);
  g_assert_cmpstr (merged->state, ==, "done");
  g_assert_cmpint (merged->completed_at, ==, utc ("2026-11-26T10:00:00Z"));
  g_clear_pointer (&merged, rapport_sync_task_free);
  g_clear_pointer (&conflicts, g_ptr_array_unref);

  /* Done on both sides at different times: one contact, the earlier. */
  set_task (local, "state", "done");
  set_task (local, "completed-at", "2026-11-26T12:00:00Z");
  merged = rapport_sync_merge_tasks (base, local, remote, &conflicts);
  g_assert_cmpuint (conflicts->len, ==, 0);
  g_assert_cmpint (merged->completed_at, ==, utc ("2026-11-26T10:00:00Z"));
  g_clear_pointer (&merged, rapport_sync_task_free);
  g_clear_pointer (&conflicts, g_ptr_array_unref);

  /* Both moved it, to different days: a conflict, the local day kept. */
  rapport_sync_task_free (local);
  local = task ();
  rapport_sync_task_free (remote);
  remote = task ();
  set_task (local, "due", "2026-11-30T08:00:00Z");
  set_task (remote, "due", "2026-12-01T08:00:00Z");
  /* Both playbooks reworded the reason for their day: no question. */
  set_task (local, "reason", "No contact for 89 days");
  set_task (remote, "reason", "No contact for 90 days");
  merged = rapport_sync_merge_tasks (base, local, remote, &conflicts);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_cmpstr (((RapportSyncFieldConflict *) g_ptr_array_index (conflicts, 0))->field, ==, "due");
  g_assert_cmpstr (((RapportSyncFieldConflict *) g_ptr_array_index (conflicts, 0))->remote_value, ==,
                   "2026-12-01T08:00:00Z");
  g_assert_cmpint (merged->due_at, ==, utc ("2026-11-30T08:00:00Z"));
  g_clear_pointer (&merged, rapport_sync_task_free);
  g_clear_pointer (&conflicts, g_ptr_array_unref);

  /* Skipped here, completed there: the user says which. */
  rapport_sync_task_free (local);
  local = task ();
  set_task (local, "state", "skipped");
  merged = rapport_sync_merge_tasks (base, local, remote, &conflicts);
  g_assert_cmpuint (conflicts->len, ==, 0);  /* remote only moved it */
  g_assert_cmpstr (merged->state, ==, "skipped");
  g_clear_pointer (&merged, rapport_sync_task_free);
  g_clear_pointer (&conflicts, g_ptr_array_unref);
  set_task (remote, "state", "done");
  merged = rapport_sync_merge_tasks (base, local, remote, &conflicts);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_cmpstr (((RapportSyncFieldConflict *) g_ptr_array_index (conflicts, 0))->field, ==, "state");
  g_assert_cmpstr (merged->state, ==, "skipped");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync-merge/card/one-side", test_card_one_side);
  g_test_add_func ("/sync-merge/card/both-same", test_card_both_same);
  g_test_add_func ("/sync-merge/card/conflict", test_card_conflict);
  g_test_add_func ("/sync-merge/card/sets", test_card_sets);
  g_test_add_func ("/sync-merge/card/no-base", test_card_no_base);
  g_test_add_func ("/sync-merge/task", test_task_merges);
  return g_test_run ();
}
