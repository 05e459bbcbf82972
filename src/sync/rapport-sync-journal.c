/* rapport-sync-journal.c: a logged contact as one VJOURNAL of a CalDAV task list
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A call, email or meeting one teammate logs must count for everybody's
 * last contact and never-pester guard.  iCalendar's journal entry is the
 * standard record of something that happened (RFC 5545 section 3.6.3),
 * calendar apps show it, and it lives in the same task list as the
 * check-ins: DTSTART when it happened, DESCRIPTION what was said, ORGANIZER
 * who logged it.  Once in the book it is an interaction row like any
 * other, so the playbook and the never-pester rules see it without
 * knowing where it came from.
 */

#define G_LOG_DOMAIN "rapport-sync-journal"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "rapport-follow-ups.h"
#include "rapport-labels.h"
#include "rapport-limits.h"
#include "rapport-time.h"
#include "rapport-sync-card.h"
#include "rapport-sync-error.h"
#include "rapport-sync-journal.h"

RapportSyncJournal *
rapport_sync_journal_new (void)
{
  RapportSyncJournal *journal = g_new0 (RapportSyncJournal, 1);

  journal->customer_name = g_strdup ("");
  journal->kind = g_strdup ("other");
  journal->summary = g_strdup ("");
  return journal;
}

RapportSyncJournal *
rapport_sync_journal_copy (const RapportSyncJournal *journal)
{
  RapportSyncJournal *copy;

  g_return_val_if_fail (journal != NULL, NULL);

  copy = g_memdup2 (journal, sizeof *journal);
  copy->uid = g_strdup (journal->uid);
  copy->customer_uid = g_strdup (journal->customer_uid);
  copy->customer_name = g_strdup (journal->customer_name);
  copy->kind = g_strdup (journal->kind);
  copy->summary = g_strdup (journal->summary);
  copy->logged_by = g_strdup (journal->logged_by);
  return copy;
}

void
rapport_sync_journal_free (RapportSyncJournal *journal)
{
  if (journal == NULL)
    return;
  g_free (journal->uid);
  g_free (journal->customer_uid);
  g_free (journal->customer_name);
  g_free (journal->kind);
  g_free (journal->summary);
  g_free (journal->logged_by);
  g_free (journal);
}

gboolean
rapport_sync_journal_equal (const RapportSyncJournal *a,
                            const RapportSyncJournal *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return g_strcmp0 (a->uid, b->uid) == 0 && g_strcmp0 (a->customer_uid, b->customer_uid) == 0 &&
         g_strcmp0 (a->customer_name, b->customer_name) == 0 && g_strcmp0 (a->kind, b->kind) == 0 &&
         a->happened_at == b->happened_at && g_strcmp0 (a->summary, b->summary) == 0 &&
         g_strcmp0 (a->logged_by, b->logged_by) == 0;
}

/* ---- iCalendar --------------------------------------------------------- */

/* What a calendar app shows as the entry's title. */
static char *
title_for (const RapportSyncJournal *journal)
{
  const char *name = journal->customer_name;
  const char *kind = journal->kind;

  if (g_strcmp0 (kind, "call") == 0)
    return g_strdup_printf (_("Call with %s"), name);
  if (g_strcmp0 (kind, "email") == 0)
    return g_strdup_printf (_("Email with %s"), name);
  if (g_strcmp0 (kind, "meeting") == 0)
    return g_strdup_printf (_("Meeting with %s"), name);
  if (g_strcmp0 (kind, "social") == 0)
    return g_strdup_printf (_("Social media contact with %s"), name);
  if (g_strcmp0 (kind, "gift") == 0)
    return g_strdup_printf (_("Gift to %s"), name);
  if (g_strcmp0 (kind, "thank_you_note") == 0)
    return g_strdup_printf (_("Thank-you note to %s"), name);
  if (g_strcmp0 (kind, "referral_given") == 0)
    return g_strdup_printf (_("Referral given to %s"), name);
  return g_strdup_printf (_("Contact with %s"), name);
}

/* ORGANIZER is a calendar address: a mail address when the author's name
 * is one, else a URN naming them; CN carries the name shown. */
static icalproperty *
organizer_for (const char *author)
{
  g_autofree char *escaped = NULL;
  g_autofree char *address = NULL;
  icalproperty *organizer;

  if (strchr (author, '@') != NULL && strchr (author, ' ') == NULL)
    address = g_strconcat ("mailto:", author, NULL);
  else
    {
      escaped = g_uri_escape_string (author, NULL, FALSE);
      address = g_strconcat ("urn:x-rapport:user:", escaped, NULL);
    }
  organizer = icalproperty_new_organizer (address);
  icalproperty_add_parameter (organizer, icalparameter_new_cn (author));
  return organizer;
}

/**
 * rapport_sync_journal_to_ical:
 * @author: who "logged by" names for contacts logged in this book
 * @previous: (nullable): the VCALENDAR as last agreed with the server,
 *   whose other properties stay
 *
 * Returns: (transfer full): a VCALENDAR holding the contact as one VJOURNAL
 */
char *
rapport_sync_journal_to_ical (const RapportSyncJournal *journal,
                              const char               *author,
                              const char               *previous)
{
  g_autoptr(icalcomponent) calendar = NULL;
  g_autofree char *title = NULL;
  const char *logged_by;
  icalcomponent *master;

  g_return_val_if_fail (journal != NULL && journal->uid != NULL, NULL);

  calendar = rapport_sync_ical_reuse (previous, ICAL_VJOURNAL_COMPONENT, &master);
  title = title_for (journal);
  logged_by = journal->logged_by != NULL ? journal->logged_by : author;

  rapport_sync_ical_stamp (master, journal->uid);
  rapport_sync_ical_replace (master, icalproperty_new_summary (title));
  rapport_sync_ical_replace (master, icalproperty_new_dtstart (rapport_sync_ical_from_unix (journal->happened_at)));
  rapport_sync_ical_remove_all (master, ICAL_DESCRIPTION_PROPERTY);
  if (*journal->summary != '\0')
    icalcomponent_add_property (master, icalproperty_new_description (journal->summary));
  rapport_sync_ical_replace (master, icalproperty_new_status (ICAL_STATUS_FINAL));
  rapport_sync_ical_set_x (master, "X-RAPPORT-KIND", journal->kind);
  rapport_sync_ical_set_x (master, "X-RAPPORT-CUSTOMER", journal->customer_uid);
  rapport_sync_ical_replace (master, icalproperty_new_contact (journal->customer_name));
  if (logged_by != NULL && *logged_by != '\0')
    rapport_sync_ical_replace (master, organizer_for (logged_by));
  else
    rapport_sync_ical_remove_all (master, ICAL_ORGANIZER_PROPERTY);
  return rapport_sync_ical_to_string (calendar);
}

static char *
read_logged_by (icalcomponent *master)
{
  icalproperty *organizer = icalcomponent_get_first_property (master, ICAL_ORGANIZER_PROPERTY);
  icalparameter *cn;
  const char *address;

  if (organizer == NULL)
    return NULL;
  cn = icalproperty_get_first_parameter (organizer, ICAL_CN_PARAMETER);
  if (cn != NULL && icalparameter_get_cn (cn) != NULL && *icalparameter_get_cn (cn) != '\0')
    return g_strdup (icalparameter_get_cn (cn));
  address = icalproperty_get_organizer (organizer);
  if (address == NULL)
    return NULL;
  if (g_ascii_strncasecmp (address, "mailto:", 7) == 0)
    address += 7;
  return *address != '\0' ? g_strdup (address) : NULL;
}

/**
 * rapport_sync_journal_from_ical:
 *
 * Reads the VJOURNAL of a calendar object.  One that names no customer
 * (X-RAPPORT-CUSTOMER) has a %NULL customer_uid and is not Rapport's.
 *
 * Returns: (transfer full): the contact, or %NULL with @error set
 */
RapportSyncJournal *
rapport_sync_journal_from_ical (const char  *display_name,
                                const char  *data,
                                gsize        length,
                                GError     **error)
{
  g_autoptr(icalcomponent) calendar = NULL;
  g_autoptr(RapportSyncJournal) journal = NULL;
  g_autoptr(GError) local = NULL;
  icalcomponent *master;
  icalproperty *contact;
  const char *customer, *kind, *description;
  struct icaltimetype when;

  calendar = rapport_sync_ical_parse (display_name, data, length, ICAL_VJOURNAL_COMPONENT, &master, error);
  if (calendar == NULL || !rapport_sync_ical_check_error (display_name, master, "DTSTART", error))
    return NULL;

  journal = rapport_sync_journal_new ();
  journal->uid = g_strdup (icalcomponent_get_uid (master));
  customer = rapport_sync_ical_get_x (master, "X-RAPPORT-CUSTOMER");
  journal->customer_uid = customer != NULL && *customer != '\0' ? g_strdup (customer) : NULL;
  if ((contact = icalcomponent_get_first_property (master, ICAL_CONTACT_PROPERTY)) != NULL &&
      icalproperty_get_contact (contact) != NULL)
    {
      g_free (journal->customer_name);
      journal->customer_name = g_strdup (icalproperty_get_contact (contact));
    }
  kind = rapport_sync_ical_get_x (master, "X-RAPPORT-KIND");
  if (kind != NULL && g_strv_contains (rapport_enum_words ("interaction_kind"), kind))
    {
      g_free (journal->kind);
      journal->kind = g_strdup (kind);
    }
  description = icalcomponent_get_description (master);
  g_free (journal->summary);
  journal->summary = g_strdup (description != NULL ? description : "");
  journal->logged_by = read_logged_by (master);

  /* An entry without a start is dated when it was written. */
  when = icalcomponent_get_dtstart (master);
  if (icaltime_is_null_time (when))
    when = icalcomponent_get_dtstamp (master);
  journal->happened_at = rapport_sync_ical_to_unix (when);
  if (!rapport_limit_check (RAPPORT_LIMIT_SUMMARY, journal->summary, &local))
    {
      g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_PROTOCOL,
                   "%s: DESCRIPTION: %s", display_name, local->message);
      return NULL;
    }
  if (journal->happened_at == 0)
    {
      g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_PROTOCOL,
                   _("The VJOURNAL of %s says neither when it happened (DTSTART) nor when it was written (DTSTAMP)"),
                   display_name);
      return NULL;
    }
  return g_steal_pointer (&journal);
}

/* ---- The book ---------------------------------------------------------- */

/**
 * rapport_sync_journal_read:
 *
 * Returns: (transfer full): the interaction as a journal entry, or %NULL
 *   with @error set (RAPPORT_STORE_ERROR_NOT_FOUND when it is not in the book)
 */
RapportSyncJournal *
rapport_sync_journal_read (RapportStore  *store,
                           gint64         interaction_id,
                           GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  g_autoptr(RapportSyncJournal) journal = rapport_sync_journal_new ();
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);

  stmt = rapport_store_prepare (store,
                                "SELECT i.uid, c.uid, c.name, i.kind, i.happened_at, i.summary, i.logged_by"
                                " FROM interaction i JOIN customer c ON c.id = i.customer_id"
                                " WHERE i.id = ?1",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, interaction_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND,
                     _("This contact is no longer in the book; it may have been deleted"));
      else
        rapport_store_set_error (store, rc, error, "read a contact");
      return NULL;
    }
  journal->uid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  journal->customer_uid = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  g_free (journal->customer_name);
  journal->customer_name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  g_free (journal->kind);
  journal->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  rapport_time_parse_utc ((const char *) sqlite3_column_text (stmt, 4), &journal->happened_at);
  g_free (journal->summary);
  journal->summary = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  journal->logged_by = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  if (journal->uid == NULL)
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                   _("This contact has no UID yet, so it cannot be synced"));
      return NULL;
    }
  return g_steal_pointer (&journal);
}

/**
 * rapport_sync_journal_find:
 * @interaction_id: (out): the interaction with @uid, or 0 when there is none
 */
gboolean
rapport_sync_journal_find (RapportStore  *store,
                           const char    *uid,
                           gint64        *interaction_id,
                           GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (interaction_id != NULL, FALSE);

  *interaction_id = 0;
  if (uid == NULL)
    return TRUE;
  if ((stmt = rapport_store_prepare (store, "SELECT id FROM interaction WHERE uid = ?1", error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *interaction_id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    return rapport_store_set_error (store, rc, error, "find a contact by UID");
  return TRUE;
}

/* The contact this book already logged for the same moment: completing a
 * check-in that came from the server logs it here at the completion time,
 * and the laptop that completed it sends its own entry for it. */
static gboolean
find_twin (RapportStore              *store,
           gint64                     customer_id,
           const RapportSyncJournal  *journal,
           gint64                    *interaction_id,
           GError                   **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  stmt = rapport_store_prepare (store,
                                "SELECT id FROM interaction"
                                " WHERE customer_id = ?1 AND happened_at = ?2 AND kind = ?3 LIMIT 1",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_text (stmt, 2, rapport_time_format_utc (journal->happened_at), -1, g_free);
  sqlite3_bind_text (stmt, 3, journal->kind, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  *interaction_id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  return rc == SQLITE_ROW || rc == SQLITE_DONE ||
         rapport_store_set_error (store, rc, error, "find a contact");
}

/* Inserts, or updates the row @id when it is not 0; *@changed tells
 * whether the book changed. */
static gboolean
write_row (RapportStore              *store,
           gint64                     id,
           gint64                     customer_id,
           const RapportSyncJournal  *journal,
           const char                *logged_by,
           gint64                    *written_id,
           gboolean                  *changed,
           GError                   **error)
{
  g_autoptr(RapportStmt) stmt = NULL;

  stmt = rapport_store_prepare (store, id == 0
                                ? "INSERT INTO interaction (uid, customer_id, happened_at, kind, summary, logged_by)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                                : "UPDATE interaction SET happened_at = ?3, kind = ?4, summary = ?5,"
                                  "  logged_by = ?6"
                                  " WHERE id = ?7 AND (happened_at, kind, summary, logged_by)"
                                  "  IS NOT (?3, ?4, ?5, ?6)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, journal->uid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, customer_id);
  sqlite3_bind_text (stmt, 3, rapport_time_format_utc (journal->happened_at), -1, g_free);
  sqlite3_bind_text (stmt, 4, journal->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, journal->summary, -1, SQLITE_TRANSIENT);
  if (logged_by != NULL)
    sqlite3_bind_text (stmt, 6, logged_by, -1, SQLITE_TRANSIENT);
  if (id != 0)
    sqlite3_bind_int64 (stmt, 7, id);
  if (!rapport_store_step_done (store, stmt, error))
    return FALSE;
  *changed = sqlite3_changes (rapport_store_get_db (store)) > 0;
  *written_id = id != 0 ? id : sqlite3_last_insert_rowid (rapport_store_get_db (store));
  return TRUE;
}

static gboolean
customer_of (RapportStore  *store,
             gint64         interaction_id,
             gint64        *customer_id,
             GError       **error)
{
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (store,
                                                       "SELECT customer_id FROM interaction WHERE id = ?1",
                                                       error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, interaction_id);
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    return rapport_store_set_error (store, rc, error, "read a contact");
  *customer_id = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/**
 * rapport_sync_journal_apply:
 * @author: the name this book's user logs under: an entry ORGANIZED by
 *   them is theirs (logged_by stays NULL)
 * @settings: (nullable): the playbook settings, to bring the customer's
 *   follow-ups in step (the contact restarts the cadence and postpones
 *   check-ins within the minimum gap)
 * @interaction_id: (out) (optional): the interaction, 0 when ignored
 * @outcome: (out) (optional): what was done
 *
 * Makes the book hold the contact: an interaction like any logged here, so
 * it counts as the customer's last contact and for the never-pester rules.
 * An entry naming no customer of the book is ignored.  Runs in the
 * caller's transaction.
 */
gboolean
rapport_sync_journal_apply (RapportStore                   *store,
                            const RapportSyncJournal       *journal,
                            const char                     *author,
                            const RapportPlaybookSettings  *settings,
                            gint64                          now,
                            gint64                         *interaction_id,
                            RapportSyncApply               *outcome,
                            GError                        **error)
{
  const char *logged_by = journal->logged_by;
  gint64 id = 0, customer_id = 0, written = 0;
  gboolean changed = FALSE, added;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (journal != NULL && journal->uid != NULL, FALSE);
  g_return_val_if_fail (rapport_store_in_transaction (store), FALSE);

  if (interaction_id != NULL)
    *interaction_id = 0;
  if (outcome != NULL)
    *outcome = RAPPORT_SYNC_APPLY_IGNORED;
  if (logged_by != NULL && author != NULL && g_str_equal (logged_by, author))
    logged_by = NULL;
  if (!rapport_limit_check (RAPPORT_LIMIT_SUMMARY, journal->summary, error) ||
      !g_strv_contains (rapport_enum_words ("interaction_kind"), journal->kind))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                     _("“%s” is not a kind of contact"), journal->kind);
      return FALSE;
    }

  if (!rapport_sync_journal_find (store, journal->uid, &id, error))
    return FALSE;
  if (id != 0 && !customer_of (store, id, &customer_id, error))
    return FALSE;
  if (id == 0)
    {
      if (!rapport_sync_customer_find (store, journal->customer_uid, &customer_id, error))
        return FALSE;
      if (customer_id == 0)
        return TRUE;
      if (!find_twin (store, customer_id, journal, &id, error))
        return FALSE;
      if (id != 0)
        {
          if (interaction_id != NULL)
            *interaction_id = id;
          if (outcome != NULL)
            *outcome = RAPPORT_SYNC_APPLY_UNCHANGED;
          return TRUE;
        }
    }
  added = id == 0;
  if (!write_row (store, id, customer_id, journal, logged_by, &written, &changed, error))
    return FALSE;
  if (changed && settings != NULL &&
      !rapport_follow_ups_sync_customer (store, customer_id, settings, now, error))
    return FALSE;

  if (interaction_id != NULL)
    *interaction_id = written;
  if (outcome != NULL)
    *outcome = added ? RAPPORT_SYNC_APPLY_ADDED
               : changed ? RAPPORT_SYNC_APPLY_CHANGED : RAPPORT_SYNC_APPLY_UNCHANGED;
  return TRUE;
}
