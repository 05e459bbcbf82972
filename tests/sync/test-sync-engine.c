/* test-sync-engine.c: two books on one account, through a real Radicale
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two data folders stand for two laptops of a team; a third client talks
 * plain HTTP to the server with libsoup, as a phone would.
 */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "radicale.h"
#include "rapport-follow-ups.h"
#include "rapport-interaction.h"
#include "rapport-sync-card.h"
#include "rapport-sync-engine.h"
#include "rapport-sync-state.h"
#include "rapport-time.h"
#include "sync-fixture.h"

#define USER     "alice"
#define PASSWORD "wonderland"
#define DAY      RAPPORT_SECONDS_PER_DAY

static const char *users[] = { USER ":" PASSWORD, NULL };

typedef struct
{
  Radicale *server;
  char     *path_a;
  char     *path_b;
  char     *addressbook;
  char     *tasks;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (radicale_missing () != NULL)
    return;
  f->server = radicale_start (users, &error);
  g_assert_no_error (error);
  f->path_a = g_build_filename (g_get_user_data_dir (), "laptop-a", "rapport.db", NULL);
  f->path_b = g_build_filename (g_get_user_data_dir (), "laptop-b", "rapport.db", NULL);
  rapport_sync_set_password_override (PASSWORD);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->server, radicale_stop);
  g_free (f->path_a);
  g_free (f->path_b);
  g_free (f->addressbook);
  g_free (f->tasks);
}

static gboolean
skip_without_radicale (Fixture *f)
{
  if (f->server != NULL)
    return FALSE;
  g_test_skip (radicale_missing ());
  return TRUE;
}

static void G_GNUC_UNUSED
dump (const char *path,
      const char *sql)
{
  g_autoptr(RapportStore) store = open_book (path);
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (store, sql, NULL);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        g_printerr ("%s|", (const char *) sqlite3_column_text (stmt, i));
      g_printerr ("\n");
    }
}

static void
set_up_book (Fixture    *f,
             const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *addressbook = NULL;
  g_autofree char *tasks = NULL;
  g_autoptr(RapportStore) store = open_book (path);

  g_clear_object (&store);
  g_assert_true (rapport_sync_setup (path, radicale_get_url (f->server), USER, PASSWORD, FALSE,
                                     &addressbook, &tasks, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (addressbook, radicale_get_url (f->server)));
  g_assert_true (g_str_has_prefix (tasks, radicale_get_url (f->server)));
  g_assert_cmpstr (addressbook, !=, tasks);
  /* Both laptops find the same collections. */
  if (f->addressbook == NULL)
    {
      f->addressbook = g_steal_pointer (&addressbook);
      f->tasks = g_steal_pointer (&tasks);
    }
  else
    {
      g_assert_cmpstr (addressbook, ==, f->addressbook);
      g_assert_cmpstr (tasks, ==, f->tasks);
    }
}

static RapportSyncResult
sync_ok (const char *path)
{
  RapportSyncResult result = { 0, };
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_sync_run (path, &result, NULL, &error));
  g_assert_no_error (error);
  return result;
}

static guint
last_requests (void)
{
  guint requests = 0;

  rapport_sync_get_last_traffic (&requests, NULL, NULL);
  return requests;
}

/* Ada with most of what a customer holds, and a card property Rapport
 * does not know. */
static void
add_ada (const char *path)
{
  exec_ok (path,
           "INSERT INTO customer (id, uid, name, company, email, phone, notes, tags, status,"
           "  satisfaction, min_gap_days, ideal_interval_days, created_at, updated_at)"
           " VALUES (1, 'urn:uuid:0190aaaa-0000-7000-8000-00000000ada1', 'Ada Lovelace',"
           "  'Analytical Engines', 'ada@example.org', '+44 20 7946 0018', 'Likes Babbage',"
           "  'vip;math', 'customer', 'delighted', 5, 60,"
           "  strftime ('%Y-%m-%dT%H:%M:%SZ', 'now', '-100 days'),"
           "  strftime ('%Y-%m-%dT%H:%M:%SZ', 'now', '-100 days'));"
           "INSERT INTO customer_value (customer_id, kind, value, types, pref, position) VALUES"
           " (1, 'email', 'ada@example.org', 'work', 1, 0),"
           " (1, 'email', 'ada@home.example', 'home', 0, 1),"
           " (1, 'phone', '+44 20 7946 0018', 'cell', 1, 2);"
           "INSERT INTO customer_vcard_property (customer_id, position, content)"
           " VALUES (1, 0, 'X-SPOUSE:William King');");
}

static void
playbook (const char *path,
          gint64      customer_id)
{
  g_autoptr(RapportStore) store = open_book (path);
  g_autoptr(GError) error = NULL;
  RapportPlaybookSettings settings;

  rapport_playbook_settings_init_defaults (&settings);
  g_assert_true (rapport_follow_ups_sync_customer (store, customer_id, &settings, rapport_time_now (),
                                                   &error));
  g_assert_no_error (error);
}

static RapportSyncCard *
read_card (const char *path,
           const char *uid)
{
  g_autoptr(RapportStore) store = open_book (path);
  g_autoptr(GError) error = NULL;
  gint64 id = 0;
  RapportSyncCard *card;

  g_assert_true (rapport_sync_customer_find (store, uid, &id, &error));
  g_assert_cmpint (id, >, 0);
  card = rapport_sync_card_read (store, id, &error);
  g_assert_no_error (error);
  return card;
}

/* A customer made on A arrives on B with every field; a sync with nothing
 * new costs one request per collection. */
static void
test_customer_arrives (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RapportSyncCard) on_a = NULL;
  g_autoptr(RapportSyncCard) on_b = NULL;
  RapportSyncResult result;

  if (skip_without_radicale (f))
    return;

  add_ada (f->path_a);
  playbook (f->path_a, 1);
  set_up_book (f, f->path_a);
  result = sync_ok (f->path_a);
  g_assert_cmpuint (result.sent, >=, 2);  /* the card and the check-in */
  g_assert_cmpuint (result.received, ==, 0);

  set_up_book (f, f->path_b);
  result = sync_ok (f->path_b);
  g_assert_cmpuint (result.received, >=, 2);
  g_assert_cmpuint (result.conflicts, ==, 0);
  /* B derives the same shared check-ins A sent: nothing to send back. */
  g_assert_cmpuint (result.sent, ==, 0);

  on_a = read_card (f->path_a, "urn:uuid:0190aaaa-0000-7000-8000-00000000ada1");
  on_b = read_card (f->path_b, "urn:uuid:0190aaaa-0000-7000-8000-00000000ada1");
  if (!rapport_sync_card_equal (on_a, on_b))
    {
      g_autofree char *text_a = rapport_sync_card_to_vcard (on_a);
      g_autofree char *text_b = rapport_sync_card_to_vcard (on_b);

      g_assert_cmpstr (text_a, ==, text_b);
    }
  g_assert_true (rapport_sync_card_equal (on_a, on_b));
  g_assert_cmpstr (on_b->contact->name, ==, "Ada Lovelace");
  g_assert_cmpint (on_b->min_gap_days, ==, 5);
  g_assert_cmpint (query_int (f->path_b, "SELECT count(*) FROM customer WHERE company = 'Analytical Engines'"
                                         " AND notes = 'Likes Babbage' AND satisfaction = 'delighted'"
                                         " AND tags = 'vip;math' AND ideal_interval_days = 60"), ==, 1);
  g_assert_cmpint (query_int (f->path_b, "SELECT count(*) FROM customer_value WHERE kind = 'email'"), ==, 2);
  g_assert_cmpint (query_int (f->path_b, "SELECT count(*) FROM customer_vcard_property"
                                         " WHERE content = 'X-SPOUSE:William King'"), ==, 1);
  /* The shared check-ins are one and the same on both, due alike. */
  {
    const char *sql = "SELECT group_concat (uid || ' ' || due_at, ',') FROM"
                      " (SELECT uid, due_at FROM follow_up WHERE state IN ('due', 'snoozed') ORDER BY uid)";
    g_autofree char *open_a = query_text (f->path_a, sql);
    g_autofree char *open_b = query_text (f->path_b, sql);

    g_assert_nonnull (open_a);
    g_assert_cmpstr (open_a, ==, open_b);
    g_assert_cmpint (query_int (f->path_b, "SELECT count(*) FROM follow_up"), ==,
                     query_int (f->path_a, "SELECT count(*) FROM follow_up"));
  }

  /* Settled: nothing new is one request per collection, on both. */
  sync_ok (f->path_a);
  sync_ok (f->path_b);
  result = sync_ok (f->path_a);
  g_assert_cmpuint (result.sent + result.received, ==, 0);
  g_assert_cmpuint (last_requests (), ==, 2);
  result = sync_ok (f->path_b);
  g_assert_cmpuint (result.sent + result.received, ==, 0);
  g_assert_cmpuint (last_requests (), ==, 2);
  g_assert_cmpint (query_int (f->path_a, "SELECT count(*) FROM sync_outbox"), ==, 0);
}

static SoupMessage *
third_client_message (const char *method,
                      const char *url)
{
  SoupMessage *message = soup_message_new (method, url);
  g_autofree char *encoded = g_base64_encode ((const guchar *) USER ":" PASSWORD,
                                              strlen (USER ":" PASSWORD));
  g_autofree char *authorization = g_strconcat ("Basic ", encoded, NULL);

  soup_message_headers_append (soup_message_get_request_headers (message), "Authorization", authorization);
  return message;
}

static char *
third_client_get (const char  *url,
                  char       **etag)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) message = third_client_message ("GET", url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  body = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);
  if (etag != NULL)
    *etag = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (message), "ETag"));
  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static void
third_client_put (const char *url,
                  const char *content_type,
                  const char *body,
                  const char *if_match)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) message = third_client_message ("PUT", url);
  g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));
  g_autoptr(GBytes) response = NULL;
  g_autoptr(GError) error = NULL;

  if (if_match != NULL)
    soup_message_headers_append (soup_message_get_request_headers (message), "If-Match", if_match);
  soup_message_set_request_body_from_bytes (message, content_type, request);
  response = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), >=, 200);
  g_assert_cmpuint (soup_message_get_status (message), <, 300);
}

static char *
replace_line (const char *text,
              const char *prefix,
              const char *line)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], prefix))
        {
          if (line != NULL)
            g_string_append_printf (out, "%s\r\n", line);
          continue;
        }
      if (*lines[i] != '\0')
        g_string_append_printf (out, "%s\n", lines[i]);
    }
  return g_string_free (out, FALSE);
}

/* A check-in completed on the phone is done on both laptops, and counts as
 * the contact it stands for. */
static void
test_vtodo_completed_elsewhere (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *href = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *ics = NULL;
  g_autofree char *completed = NULL;
  g_autofree char *now = rapport_time_format_utc (rapport_time_now ());
  g_autofree char *completed_line = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *sql = NULL;

  if (skip_without_radicale (f))
    return;

  add_ada (f->path_a);
  playbook (f->path_a, 1);
  set_up_book (f, f->path_a);
  sync_ok (f->path_a);
  set_up_book (f, f->path_b);
  sync_ok (f->path_b);

  uid = query_text (f->path_a, "SELECT uid FROM follow_up WHERE state = 'due'");
  sql = g_strdup_printf ("SELECT href FROM sync_resource WHERE kind = 'follow_up' AND uid = '%s'", uid);
  href = query_text (f->path_a, sql);
  g_assert_nonnull (href);

  ics = third_client_get (href, &etag);
  g_assert_nonnull (strstr (ics, "BEGIN:VTODO"));
  completed_line = g_strdup_printf ("STATUS:COMPLETED\r\nCOMPLETED:%.4s%.2s%.2sT%.2s%.2s%.2sZ",
                                    now, now + 5, now + 8, now + 11, now + 14, now + 17);
  completed = replace_line (ics, "STATUS:", completed_line);
  g_assert_nonnull (strstr (completed, "STATUS:COMPLETED"));
  third_client_put (href, "text/calendar; charset=utf-8", completed, etag);

  sync_ok (f->path_a);
  sync_ok (f->path_b);
  g_free (sql);
  sql = g_strdup_printf ("SELECT state FROM follow_up WHERE uid = '%s'", uid);
  g_assert_cmpstr (query_text (f->path_a, sql), ==, "done");
  g_assert_cmpstr (query_text (f->path_b, sql), ==, "done");
  /* It counted as one contact, the same on both laptops and the server. */
  sync_ok (f->path_a);
  sync_ok (f->path_b);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM interaction WHERE uid = '%s#done'", uid);
  g_assert_cmpint (query_int (f->path_a, sql), ==, 1);
  g_assert_cmpint (query_int (f->path_b, sql), ==, 1);
  g_assert_cmpint (query_int (f->path_a, "SELECT count(*) FROM interaction"), ==, 1);
  g_assert_cmpint (query_int (f->path_b, "SELECT count(*) FROM interaction"), ==, 1);
}

/* A card another client wrote keeps the properties Rapport does not know
 * after Rapport edits it. */
static void
test_unknown_properties_kept (Fixture       *f,
                              gconstpointer  data)
{
  static const char card[] =
    "BEGIN:VCARD\r\n"
    "VERSION:4.0\r\n"
    "UID:urn:uuid:0190bbbb-0000-7000-8000-000000000b0b\r\n"
    "FN:Grace Hopper\r\n"
    "N:Hopper;Grace;;;\r\n"
    "EMAIL;TYPE=work:grace@navy.example\r\n"
    "item1.X-ABLabel:Compiler\r\n"
    "item1.URL:https://cobol.example\r\n"
    "X-PHONE-APP-RING:nanosecond.mp3\r\n"
    "END:VCARD\r\n";
  g_autofree char *url = NULL;
  g_autofree char *written = NULL;

  if (skip_without_radicale (f))
    return;

  set_up_book (f, f->path_a);
  url = g_strconcat (f->addressbook, g_str_has_suffix (f->addressbook, "/") ? "" : "/", "grace.vcf", NULL);
  third_client_put (url, "text/vcard; charset=utf-8", card, NULL);

  sync_ok (f->path_a);
  g_assert_cmpint (query_int (f->path_a, "SELECT count(*) FROM customer WHERE name = 'Grace Hopper'"), ==, 1);
  exec_ok (f->path_a, "UPDATE customer SET company = 'US Navy' WHERE name = 'Grace Hopper'");
  g_assert_cmpuint (sync_ok (f->path_a).sent, ==, 1);

  written = third_client_get (url, NULL);
  g_assert_nonnull (strstr (written, "US Navy"));
  g_assert_nonnull (strstr (written, "X-PHONE-APP-RING:nanosecond.mp3"));
  /* Radicale writes property names in capitals, as vCard allows. */
  g_assert_nonnull (strcasestr (written, "item1.X-ABLabel:Compiler"));
  g_assert_nonnull (strstr (written, "item1.URL:https://cobol.example"));
}

/* A contact logged on A postpones B's check-in by the never-pester rule,
 * and B shows who logged it. */
static void
test_contact_postpones_other_laptop (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(RapportInteraction) call = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = rapport_time_now ();
  gint64 due_before, due_after;

  if (skip_without_radicale (f))
    return;

  add_ada (f->path_a);
  playbook (f->path_a, 1);
  set_up_book (f, f->path_a);
  exec_ok (f->path_a, "UPDATE sync_account SET author = 'Ann'");
  sync_ok (f->path_a);
  set_up_book (f, f->path_b);
  sync_ok (f->path_b);

  /* Ada was added 100 days ago and her cadence is 60 days: due on both. */
  due_before = query_int (f->path_b, "SELECT unixepoch (min (coalesce (snoozed_until, due_at)))"
                                     "  FROM follow_up WHERE state IN ('due', 'snoozed')");
  g_assert_cmpint (due_before, <=, now);

  store = open_book (f->path_a);
  call = rapport_interaction_new (1, "call", now - 3600, "Talked about the engine");
  g_assert_true (rapport_interaction_save (call, store, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  playbook (f->path_a, 1);

  sync_ok (f->path_a);
  sync_ok (f->path_b);

  g_assert_cmpint (query_int (f->path_b, "SELECT count(*) FROM interaction WHERE logged_by = 'Ann'"
                                         " AND summary = 'Talked about the engine'"), ==, 1);
  due_after = query_int (f->path_b, "SELECT unixepoch (min (coalesce (snoozed_until, due_at)))"
                                    "  FROM follow_up WHERE state IN ('due', 'snoozed')");
  /* Never within Ada's five-day gap of the call. */
  g_assert_cmpint (due_after, >=, now - 3600 + 5 * DAY);
}

/* Both laptops edit one customer offline: different fields both survive;
 * the same field is a conflict that keeps both values. */
static void
test_offline_edits_merge (Fixture       *f,
                          gconstpointer  data)
{
  RapportSyncResult result;
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  RapportSyncConflict *conflict;

  if (skip_without_radicale (f))
    return;

  add_ada (f->path_a);
  set_up_book (f, f->path_a);
  sync_ok (f->path_a);
  set_up_book (f, f->path_b);
  sync_ok (f->path_b);
  sync_ok (f->path_a);

  exec_ok (f->path_a, "UPDATE customer SET company = 'Difference Engines Ltd'");
  exec_ok (f->path_b, "UPDATE customer SET notes = 'Prefers letters'");
  sync_ok (f->path_a);
  result = sync_ok (f->path_b);
  g_assert_cmpuint (result.conflicts, ==, 0);
  sync_ok (f->path_a);
  for (guint i = 0; i < 2; i++)
    {
      const char *path = i == 0 ? f->path_a : f->path_b;

      g_assert_cmpint (query_int (path, "SELECT count(*) FROM customer WHERE company = 'Difference Engines Ltd'"
                                        " AND notes = 'Prefers letters'"), ==, 1);
      g_assert_cmpint (query_int (path, "SELECT count(*) FROM sync_conflict"), ==, 0);
    }

  exec_ok (f->path_a, "UPDATE customer SET notes = 'Call after ten'");
  exec_ok (f->path_b, "UPDATE customer SET notes = 'Never on Mondays'");
  sync_ok (f->path_a);
  result = sync_ok (f->path_b);
  g_assert_cmpuint (result.conflicts, ==, 1);
  store = open_book (f->path_b);
  conflicts = rapport_sync_state_conflicts (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (conflict->local_value, ==, "Never on Mondays");
  g_assert_cmpstr (conflict->remote_value, ==, "Call after ten");
  g_assert_cmpint (query_int (f->path_b, "SELECT count(*) FROM customer WHERE notes = 'Never on Mondays'"), ==, 1);
}

/* What each book has open, by UID, and what it closed of the shared
 * check-ins (customer UID, "#", rule key). */
static char *
check_ins (const char *path)
{
  return query_text (path,
                     "SELECT group_concat (uid || ' ' || state, ', ') FROM"
                     " (SELECT uid, CASE WHEN state IN ('due', 'snoozed') THEN 'open' ELSE 'closed' END AS state"
                     "    FROM follow_up WHERE state IN ('due', 'snoozed') OR uid LIKE '%#%' ORDER BY uid)");
}

/* A knows what B cannot: Ada's testimonial (testimonials do not sync) and
 * that Bob's first keep-in-touch cycle was skipped.  B's playbook derives
 * a testimonial ask for Ada and Bob's first cycle again; neither may
 * reopen or add anything on A, and after a round or two both books agree
 * and a sync has nothing to send or fetch. */
static void
test_shared_check_ins_converge (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  RapportSyncResult result;

  if (skip_without_radicale (f))
    return;

  add_ada (f->path_a);
  exec_ok (f->path_a,
           "INSERT INTO testimonial (customer_id, quote, received_on)"
           " VALUES (1, 'The engine weaves algebra', strftime ('%Y-%m-%d', 'now', '-20 days'));"
           "INSERT INTO customer (id, uid, name, status, ideal_interval_days, created_at, updated_at)"
           " VALUES (2, 'urn:uuid:0190bbbb-0000-7000-8000-0000000000b0', 'Bob Babbage', 'customer', 60,"
           "  strftime ('%Y-%m-%dT%H:%M:%SZ', 'now', '-100 days'),"
           "  strftime ('%Y-%m-%dT%H:%M:%SZ', 'now', '-100 days'));");
  /* Bob's sale, on A only: its check-ins (UIDs of their own) reach B as
   * the user's, which B's playbook neither deletes nor doubles. */
  exec_ok (f->path_a,
           "INSERT INTO sale (customer_id, product, closed_on, delivered_on, created_at)"
           " VALUES (2, 'Difference engine', date ('now', '-12 days'), date ('now', '-6 days'),"
           "         strftime ('%Y-%m-%dT%H:%M:%SZ', 'now', '-12 days'));");
  /* Cy's cadence comes from a tag's, set on A only (it does not sync):
   * the two playbooks schedule Cy's keep-in-touch differently. */
  exec_ok (f->path_a,
           "INSERT INTO tag_cadence (tag, ideal_interval_days, latest_interval_days) VALUES ('weekly', 30, 45);"
           "INSERT INTO customer (id, uid, name, tags, status, created_at, updated_at)"
           " VALUES (3, 'urn:uuid:0190cccc-0000-7000-8000-0000000000c0', 'Cy Clops', 'weekly', 'customer',"
           "  strftime ('%Y-%m-%dT%H:%M:%SZ', 'now', '-20 days'),"
           "  strftime ('%Y-%m-%dT%H:%M:%SZ', 'now', '-20 days'));");
  playbook (f->path_a, 1);
  playbook (f->path_a, 2);
  playbook (f->path_a, 3);
  g_assert_cmpint (query_int (f->path_a, "SELECT count(*) FROM follow_up WHERE kind = 'testimonial_ask'"), ==, 0);
  exec_ok (f->path_a,
           "UPDATE follow_up SET state = 'skipped', completed_at = strftime ('%Y-%m-%dT%H:%M:%SZ', 'now')"
           " WHERE customer_id = 2 AND kind = 'keep_in_touch'");
  playbook (f->path_a, 2);
  g_assert_cmpint (query_int (f->path_a, "SELECT count(*) FROM follow_up WHERE customer_id = 2"
                                         " AND kind = 'keep_in_touch' AND state = 'due'"
                                         " AND rule_key LIKE 'keep-in-touch:%:2'"), ==, 1);

  set_up_book (f, f->path_a);
  sync_ok (f->path_a);
  set_up_book (f, f->path_b);
  sync_ok (f->path_b);
  sync_ok (f->path_a);
  sync_ok (f->path_b);
  sync_ok (f->path_a);

  /* Bob's first cycle stays skipped on A and is skipped on B. */
  g_assert_cmpint (query_int (f->path_a, "SELECT count(*) FROM follow_up WHERE customer_id = 2"
                                         " AND kind = 'keep_in_touch' AND state IN ('due', 'snoozed')"), ==, 1);
  g_assert_cmpint (query_int (f->path_a, "SELECT count(*) FROM follow_up WHERE customer_id = 2"
                                         " AND state = 'skipped' AND created_by = 'playbook'"), ==, 1);
  /* Nobody is asked for Ada's testimonial: A has it on file. */
  g_assert_cmpint (query_int (f->path_a, "SELECT count(*) FROM follow_up WHERE kind = 'testimonial_ask'"
                                         " AND state IN ('due', 'snoozed')"), ==, 0);
  g_assert_cmpint (query_int (f->path_b, "SELECT count(*) FROM follow_up WHERE kind = 'testimonial_ask'"
                                         " AND state IN ('due', 'snoozed')"), ==, 0);

  a = check_ins (f->path_a);
  b = check_ins (f->path_b);
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpint (query_int (f->path_b, "SELECT count(*) FROM follow_up WHERE sale_id IS NULL"
                                         " AND state IN ('due', 'snoozed') AND created_by = 'user'"
                                         " AND uid NOT LIKE '%#%'"), >, 0);
  /* Neither book took the other's schedule for a shared check-in as the
   * user's move, and so neither derived a second keep-in-touch cycle. */
  for (guint i = 0; i < 2; i++)
    g_assert_cmpint (query_int (i == 0 ? f->path_a : f->path_b,
                                "SELECT count(*) FROM follow_up WHERE kind = 'keep_in_touch'"
                                " AND state IN ('due', 'snoozed')"), ==, 3);

  result = sync_ok (f->path_b);
  g_assert_cmpuint (result.sent, ==, 0);
  g_assert_cmpuint (result.received, ==, 0);
  result = sync_ok (f->path_a);
  g_assert_cmpuint (result.sent, ==, 0);
  g_assert_cmpuint (result.received, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/sync-engine/customer-arrives", Fixture, NULL,
              fixture_set_up, test_customer_arrives, fixture_tear_down);
  g_test_add ("/sync-engine/vtodo-completed-elsewhere", Fixture, NULL,
              fixture_set_up, test_vtodo_completed_elsewhere, fixture_tear_down);
  g_test_add ("/sync-engine/unknown-properties-kept", Fixture, NULL,
              fixture_set_up, test_unknown_properties_kept, fixture_tear_down);
  g_test_add ("/sync-engine/contact-postpones-other-laptop", Fixture, NULL,
              fixture_set_up, test_contact_postpones_other_laptop, fixture_tear_down);
  g_test_add ("/sync-engine/offline-edits-merge", Fixture, NULL,
              fixture_set_up, test_offline_edits_merge, fixture_tear_down);
  g_test_add ("/sync-engine/shared-check-ins-converge", Fixture, NULL,
              fixture_set_up, test_shared_check_ins_converge, fixture_tear_down);
  return g_test_run ();
}
