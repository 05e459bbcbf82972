/* bench-sync-mapping.c: what the sync's mapping costs, per card and per check-in
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * build/tests/bench/bench-sync-mapping [CARDS [CHECK_INS]]  (defaults 10,000 and 20,000)
 *
 * The CPU side of a first sync without the network: customers to vCards
 * and back, into a new book and out of it, merged; check-ins to VTODOs and
 * back (libical) and into the book.  Prints the total and the cost of one.
 */

#include "config.h"

#include <time.h>
#include <glib/gstdio.h>

#include "rapport-store.h"
#include "rapport-sync-card.h"
#include "rapport-sync-merge.h"
#include "rapport-sync-task.h"

#define CARD_TEMPLATE \
  "BEGIN:VCARD\r\n" \
  "VERSION:3.0\r\n" \
  "PRODID:-//Apple Inc.//iPhone OS 17.1//EN\r\n" \
  "N:Customer;Number %u;;;\r\n" \
  "FN:Number %u Customer\r\n" \
  "ORG:Company %u;Sales\r\n" \
  "item1.EMAIL;type=INTERNET;type=pref:customer%u@example.com\r\n" \
  "item1.X-ABLabel:_$!<Work>!$_\r\n" \
  "EMAIL;type=INTERNET;type=HOME:n%u@home.example\r\n" \
  "TEL;type=CELL;type=VOICE:+1 202 555 %04u\r\n" \
  "ADR;type=WORK:;;%u Main Street;Springfield;IL;62701;USA\r\n" \
  "NOTE:Met at the trade fair\\, interested in the premium line\r\n" \
  "CATEGORIES:vip,golf\r\n" \
  "X-SOCIALPROFILE;type=linkedin:https://linkedin.example/c%u\r\n" \
  "UID:urn:uuid:00000000-0000-4000-8000-%012u\r\n" \
  "END:VCARD\r\n"

static gint64 cpu_start;

/* CPU time, so other work on a shared machine does not count. */
static gint64
cpu_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gint64
begin (void)
{
  cpu_start = cpu_now ();
  return g_get_monotonic_time ();
}

static void
report (const char *what,
        guint       n,
        gint64      start)
{
  double wall = (g_get_monotonic_time () - start) / 1000.0;
  double cpu = (cpu_now () - cpu_start) / 1000.0;

  g_print ("%-36s %6u  wall %8.1f ms  CPU %8.1f ms  %6.1f us CPU each\n",
           what, n, wall, cpu, cpu * 1000.0 / n);
}

int
main (int   argc,
      char *argv[])
{
  guint n_cards = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 10000;
  guint n_tasks = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 20000;
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) cards = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_sync_card_free);
  g_autoptr(GPtrArray) icals = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) store = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-sync-mapping-XXXXXX", &error);
  g_autofree char *path = NULL;
  gint64 start, now = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_no_error (error);
  if (n_cards == 0 || n_tasks == 0)
    {
      g_printerr ("usage: %s [CARDS [CHECK_INS]]\n", argv[0]);
      return 2;
    }
  for (guint i = 0; i < n_cards; i++)
    g_ptr_array_add (texts, g_strdup_printf (CARD_TEMPLATE, i, i, i, i, i, i % 10000, i, i, i));

  start = begin ();
  for (guint i = 0; i < n_cards; i++)
    {
      const char *text = g_ptr_array_index (texts, i);
      RapportSyncCard *card = rapport_sync_card_from_vcard ("bench.vcf", text, strlen (text), NULL, &error);

      g_assert_no_error (error);
      g_ptr_array_add (cards, card);
    }
  report ("vCard -> card", n_cards, start);

  start = begin ();
  for (guint i = 0; i < n_cards; i++)
    g_free (rapport_sync_card_to_vcard (g_ptr_array_index (cards, i)));
  report ("card -> vCard 4.0", n_cards, start);

  path = g_build_filename (dir, "rapport.db", NULL);
  store = rapport_store_open (path, &error);
  g_assert_no_error (error);
  start = begin ();
  g_assert_true (rapport_store_begin (store, &error));
  for (guint i = 0; i < n_cards; i++)
    {
      gint64 id = rapport_sync_card_write (store, g_ptr_array_index (cards, i), 0, &error);

      g_assert_no_error (error);
      g_array_append_val (ids, id);
    }
  g_assert_true (rapport_store_commit (store, &error));
  report ("card -> book (one transaction)", n_cards, start);

  start = begin ();
  for (guint i = 0; i < n_cards; i++)
    {
      g_autoptr(RapportSyncCard) card = rapport_sync_card_read (store, g_array_index (ids, gint64, i), &error);

      g_assert_no_error (error);
      g_assert_nonnull (card);
    }
  report ("book -> card", n_cards, start);

  start = begin ();
  for (guint i = 0; i < n_cards; i++)
    {
      const RapportSyncCard *base = g_ptr_array_index (cards, i);
      g_autoptr(RapportSyncCard) local = rapport_sync_card_copy (base);
      g_autoptr(RapportSyncCard) remote = rapport_sync_card_copy (base);
      g_autoptr(RapportSyncCard) merged = NULL;
      g_autoptr(GPtrArray) conflicts = NULL;

      rapport_sync_card_set_field (local, "company", "Elsewhere", NULL);
      rapport_contact_add_value (remote->contact, RAPPORT_VALUE_EMAIL, "new@example.com", "", 0);
      merged = rapport_sync_merge_cards (base, local, remote, &conflicts);
    }
  report ("three-way card merge", n_cards, start);

  start = begin ();
  for (guint i = 0; i < n_tasks; i++)
    {
      g_autoptr(RapportSyncTask) task = rapport_sync_task_new ();
      const RapportSyncCard *card = g_ptr_array_index (cards, i % n_cards);

      task->uid = g_strdup_printf ("urn:uuid:10000000-0000-4000-8000-%012u", i);
      task->customer_uid = g_strdup (card->contact->uid);
      g_free (task->customer_name);
      task->customer_name = g_strdup (card->contact->name);
      task->due_at = now + (gint64) (i % 90) * 86400;
      g_free (task->reason);
      task->reason = g_strdup ("No contact for 92 days; bring something new");
      g_ptr_array_add (icals, rapport_sync_task_to_ical (task, NULL));
    }
  report ("check-in -> VTODO", n_tasks, start);

  start = begin ();
  g_assert_true (rapport_store_begin (store, &error));
  for (guint i = 0; i < n_tasks; i++)
    {
      const char *text = g_ptr_array_index (icals, i);
      g_autoptr(RapportSyncTask) task = rapport_sync_task_from_ical ("bench.ics", text, strlen (text), &error);
      RapportSyncApply outcome;

      g_assert_no_error (error);
      g_assert_true (rapport_sync_task_apply (store, task, NULL, now, NULL, &outcome, &error));
      g_assert_cmpint (outcome, ==, RAPPORT_SYNC_APPLY_ADDED);
    }
  g_assert_true (rapport_store_commit (store, &error));
  report ("VTODO -> check-in in the book", n_tasks, start);

  g_clear_object (&store);
  for (guint i = 0; i < 3; i++)
    {
      static const char * const suffixes[] = { "", "-wal", "-shm" };
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
  return 0;
}
