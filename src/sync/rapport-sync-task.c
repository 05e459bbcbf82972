/* rapport-sync-task.c: a follow-up as one VTODO of a CalDAV task list
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every open check-in is a VTODO the phone's task app and GNOME or
 * Thunderbird show and alarm: "Check in with NAME", due when it is due,
 * the playbook's reason as its description, and X-RAPPORT-CUSTOMER naming
 * the customer's UID.  A snooze moves DUE (the original stays in
 * X-RAPPORT-DUE), a skip cancels.  Coming back, what another client did
 * becomes what Rapport would have done: completed is Done (a contact, as
 * in Rapport), a moved DUE moves the check-in, cancelled is skipped.
 */

#define G_LOG_DOMAIN "rapport-sync-task"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "rapport-follow-ups.h"
#include "rapport-limits.h"
#include "rapport-playbook.h"
#include "rapport-time.h"
#include "rapport-sync-card.h"
#include "rapport-sync-error.h"
#include "rapport-sync-task.h"

/* A task due on a date, without a time, is due at this hour of it. */
#define DATE_HOUR 9

/* Marks the alarm Rapport adds, so it is moved with DUE and other clients'
 * alarms are left alone. */
#define ALARM_MARK "X-RAPPORT-ALARM"

const char * const rapport_sync_task_fields[] = {
  "kind", "due", "state", "snoozed-until", "reason", "completed-at", NULL
};

static const char * const follow_up_kinds[] = {
  "preposition_referral", "delivery_check_in", "satisfaction_check", "introduction_ask",
  "contact_referral", "keep_source_informed", "thank_referrer", "follow_up_meeting",
  "keep_in_touch", "testimonial_ask", "reference_care", NULL
};

static const char * const states[] = { "due", "snoozed", "done", "skipped", NULL };

RapportSyncTask *
rapport_sync_task_new (void)
{
  RapportSyncTask *task = g_new0 (RapportSyncTask, 1);

  task->customer_name = g_strdup ("");
  task->kind = g_strdup ("keep_in_touch");
  task->state = g_strdup ("due");
  task->reason = g_strdup ("");
  task->created_by = g_strdup ("user");
  return task;
}

RapportSyncTask *
rapport_sync_task_copy (const RapportSyncTask *task)
{
  RapportSyncTask *copy;

  g_return_val_if_fail (task != NULL, NULL);

  copy = g_memdup2 (task, sizeof *task);
  copy->uid = g_strdup (task->uid);
  copy->customer_uid = g_strdup (task->customer_uid);
  copy->customer_name = g_strdup (task->customer_name);
  copy->kind = g_strdup (task->kind);
  copy->state = g_strdup (task->state);
  copy->reason = g_strdup (task->reason);
  copy->created_by = g_strdup (task->created_by);
  return copy;
}

void
rapport_sync_task_free (RapportSyncTask *task)
{
  if (task == NULL)
    return;
  g_free (task->uid);
  g_free (task->customer_uid);
  g_free (task->customer_name);
  g_free (task->kind);
  g_free (task->state);
  g_free (task->reason);
  g_free (task->created_by);
  g_free (task);
}

static gboolean
is_open (const char *state)
{
  return g_strcmp0 (state, "due") == 0 || g_strcmp0 (state, "snoozed") == 0;
}

/* ---- Fields by name ---------------------------------------------------- */

static char *
format_time (gint64 t)
{
  return t != 0 ? rapport_time_format_utc (t) : g_strdup ("");
}

static char *
format_due (const RapportSyncTask *task)
{
  g_autoptr(GDateTime) local = NULL;

  if (task->due_at == 0 || !task->due_is_date)
    return format_time (task->due_at);
  local = g_date_time_new_from_unix_local (task->due_at);
  return g_date_time_format (local, "%Y-%m-%d");
}

/**
 * rapport_sync_task_get_field:
 * @field: one of rapport_sync_task_fields
 *
 * Returns: (transfer full): the field as text; times in UTC
 *   ("2026-11-25T09:00:00Z"), a due date without a time as "2026-11-25",
 *   "" for none
 */
char *
rapport_sync_task_get_field (const RapportSyncTask *task,
                             const char            *field)
{
  g_return_val_if_fail (task != NULL, NULL);

  if (g_str_equal (field, "kind"))
    return g_strdup (task->kind);
  if (g_str_equal (field, "due"))
    return format_due (task);
  if (g_str_equal (field, "state"))
    return g_strdup (task->state);
  if (g_str_equal (field, "snoozed-until"))
    return format_time (task->snoozed_until);
  if (g_str_equal (field, "reason"))
    return g_strdup (task->reason);
  if (g_str_equal (field, "completed-at"))
    return format_time (task->completed_at);
  g_return_val_if_reached (NULL);
}

static gboolean
parse_time (const char  *field,
            const char  *value,
            gint64      *t,
            gboolean    *is_date,
            GError     **error)
{
  GDate date;

  if (is_date != NULL)
    *is_date = FALSE;
  if (*value == '\0')
    {
      *t = 0;
      return TRUE;
    }
  if (rapport_time_parse_utc (value, t))
    return TRUE;
  if (is_date != NULL && rapport_date_parse (value, &date))
    {
      g_autoptr(GDateTime) local = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                                          g_date_get_day (&date), 0, 0, 0);

      *t = g_date_time_to_unix (local);
      *is_date = TRUE;
      return TRUE;
    }
  g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
               _("%s “%s” is not a time (use YYYY-MM-DDTHH:MM:SSZ)"), field, value);
  return FALSE;
}

static gboolean
set_word (char               **field,
          const char          *name,
          const char          *value,
          const char * const  *words,
          GError             **error)
{
  if (!g_strv_contains (words, value))
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                   _("“%s” is not a %s of a check-in"), value, name);
      return FALSE;
    }
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/* Sets one field, as when the user chooses one side of a conflict. */
gboolean
rapport_sync_task_set_field (RapportSyncTask  *task,
                             const char       *field,
                             const char       *value,
                             GError          **error)
{
  g_return_val_if_fail (task != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (g_str_equal (field, "kind"))
    return set_word (&task->kind, field, value, follow_up_kinds, error);
  if (g_str_equal (field, "state"))
    return set_word (&task->state, field, value, states, error);
  if (g_str_equal (field, "due"))
    return parse_time (field, value, &task->due_at, &task->due_is_date, error);
  if (g_str_equal (field, "snoozed-until"))
    return parse_time (field, value, &task->snoozed_until, NULL, error);
  if (g_str_equal (field, "completed-at"))
    return parse_time (field, value, &task->completed_at, NULL, error);
  if (g_str_equal (field, "reason"))
    {
      g_free (task->reason);
      task->reason = g_strdup (value);
      return TRUE;
    }
  g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
               _("“%s” is not a field of a check-in"), field);
  return FALSE;
}

gboolean
rapport_sync_task_equal (const RapportSyncTask *a,
                         const RapportSyncTask *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  for (guint i = 0; rapport_sync_task_fields[i] != NULL; i++)
    {
      g_autofree char *x = rapport_sync_task_get_field (a, rapport_sync_task_fields[i]);
      g_autofree char *y = rapport_sync_task_get_field (b, rapport_sync_task_fields[i]);

      if (!g_str_equal (x, y))
        return FALSE;
    }
  return g_strcmp0 (a->uid, b->uid) == 0 && g_strcmp0 (a->customer_uid, b->customer_uid) == 0 &&
         g_strcmp0 (a->customer_name, b->customer_name) == 0 &&
         g_strcmp0 (a->created_by, b->created_by) == 0;
}

/* ---- iCalendar --------------------------------------------------------- */

static gint64
effective_due (const RapportSyncTask *task)
{
  return g_str_equal (task->state, "snoozed") && task->snoozed_until != 0 ? task->snoozed_until
                                                                           : task->due_at;
}

static icalcomponent *
find_alarm (icalcomponent *master)
{
  for (icalcomponent *c = icalcomponent_get_first_component (master, ICAL_VALARM_COMPONENT);
       c != NULL; c = icalcomponent_get_next_component (master, ICAL_VALARM_COMPONENT))
    if (rapport_sync_ical_get_x (c, ALARM_MARK) != NULL)
      return c;
  return NULL;
}

/* An open check-in alarms at its due time, as Rapport's own reminder
 * would; a closed one has no alarm of Rapport's. */
static void
write_alarm (icalcomponent         *master,
             const RapportSyncTask *task,
             const char            *summary)
{
  icalcomponent *alarm = find_alarm (master);
  struct icaltriggertype trigger = { 0 };

  if (!is_open (task->state) || effective_due (task) == 0)
    {
      if (alarm != NULL)
        {
          icalcomponent_remove_component (master, alarm);
          icalcomponent_free (alarm);
        }
      return;
    }
  if (alarm == NULL)
    {
      alarm = icalcomponent_new (ICAL_VALARM_COMPONENT);
      icalcomponent_add_component (master, alarm);
      rapport_sync_ical_set_x (alarm, ALARM_MARK, "1");
    }
  trigger.time = rapport_sync_ical_from_unix (effective_due (task));
  trigger.duration = icaldurationtype_null_duration ();
  rapport_sync_ical_replace (alarm, icalproperty_new_action (ICAL_ACTION_DISPLAY));
  rapport_sync_ical_replace (alarm, icalproperty_new_trigger (trigger));
  rapport_sync_ical_replace (alarm, icalproperty_new_description (summary));
}

static void
write_status (icalcomponent         *master,
              const RapportSyncTask *task)
{
  gboolean done = g_str_equal (task->state, "done");
  icalproperty_status status = done ? ICAL_STATUS_COMPLETED
                               : g_str_equal (task->state, "skipped") ? ICAL_STATUS_CANCELLED
                               : ICAL_STATUS_NEEDSACTION;

  rapport_sync_ical_replace (master, icalproperty_new_status (status));
  rapport_sync_ical_remove_all (master, ICAL_COMPLETED_PROPERTY);
  rapport_sync_ical_remove_all (master, ICAL_PERCENTCOMPLETE_PROPERTY);
  if (done)
    {
      gint64 when = task->completed_at != 0 ? task->completed_at : rapport_time_now ();

      icalcomponent_add_property (master, icalproperty_new_completed (rapport_sync_ical_from_unix (when)));
      icalcomponent_add_property (master, icalproperty_new_percentcomplete (100));
    }
}

static void
write_due (icalcomponent         *master,
           const RapportSyncTask *task)
{
  gint64 due = effective_due (task);
  g_autofree char *original = NULL;
  icalproperty *start;

  rapport_sync_ical_remove_all (master, ICAL_DUE_PROPERTY);
  rapport_sync_ical_remove_all (master, ICAL_DURATION_PROPERTY);
  if (due != 0)
    icalcomponent_add_property (master, icalproperty_new_due (rapport_sync_ical_from_unix (due)));
  if (due != task->due_at && task->due_at != 0)
    original = rapport_time_format_utc (task->due_at);
  rapport_sync_ical_set_x (master, "X-RAPPORT-DUE", original);

  /* Another client's start may not come after the new due time. */
  start = icalcomponent_get_first_property (master, ICAL_DTSTART_PROPERTY);
  if (start != NULL && due != 0 &&
      rapport_sync_ical_to_unix (icalcomponent_get_dtstart (master)) > due)
    {
      icalcomponent_remove_property (master, start);
      icalproperty_free (start);
    }
}

static void
write_contact (icalcomponent         *master,
               const RapportSyncTask *task)
{
  icalproperty *contact = icalproperty_new_contact (task->customer_name);

  /* ALTREP is a URI: the customer's UID when it is one (urn:uuid:…). */
  if (task->customer_uid != NULL && strchr (task->customer_uid, ':') != NULL)
    icalproperty_add_parameter (contact, icalparameter_new_altrep (task->customer_uid));
  rapport_sync_ical_replace (master, contact);
}

/**
 * rapport_sync_task_to_ical:
 * @previous: (nullable): the VCALENDAR as last agreed with the server, so
 *   what other clients added to the VTODO (categories, priority, their
 *   alarms, unknown properties) stays
 *
 * Returns: (transfer full): a VCALENDAR holding the task as one VTODO
 */
char *
rapport_sync_task_to_ical (const RapportSyncTask *task,
                           const char            *previous)
{
  g_autoptr(icalcomponent) calendar = NULL;
  g_autofree char *summary = NULL;
  icalcomponent *master;

  g_return_val_if_fail (task != NULL && task->uid != NULL, NULL);

  calendar = rapport_sync_ical_reuse (previous, ICAL_VTODO_COMPONENT, &master);
  /* TRANSLATORS: the title of a check-in in the phone's task list */
  summary = g_strdup_printf (_("Check in with %s"), task->customer_name);

  rapport_sync_ical_stamp (master, task->uid);
  rapport_sync_ical_replace (master, icalproperty_new_summary (summary));
  write_due (master, task);
  rapport_sync_ical_remove_all (master, ICAL_DESCRIPTION_PROPERTY);
  if (*task->reason != '\0')
    icalcomponent_add_property (master, icalproperty_new_description (task->reason));
  write_status (master, task);
  rapport_sync_ical_set_x (master, "X-RAPPORT-KIND", task->kind);
  rapport_sync_ical_set_x (master, "X-RAPPORT-CUSTOMER", task->customer_uid);
  rapport_sync_ical_set_x (master, "X-RAPPORT-CREATED-BY", task->created_by);
  write_contact (master, task);
  write_alarm (master, task, summary);
  return rapport_sync_ical_to_string (calendar);
}

/* The customer a VTODO is for: Rapport's own property, else the URI of its
 * CONTACT, else what it is RELATED-TO (a client that links tasks to
 * contacts).  Whether it names a customer of the book is for apply. */
static void
read_customer (RapportSyncTask *task,
               icalcomponent   *master)
{
  const char *uid = rapport_sync_ical_get_x (master, "X-RAPPORT-CUSTOMER");
  icalproperty *contact = icalcomponent_get_first_property (master, ICAL_CONTACT_PROPERTY);
  icalproperty *related = icalcomponent_get_first_property (master, ICAL_RELATEDTO_PROPERTY);
  icalparameter *altrep = contact != NULL ? icalproperty_get_first_parameter (contact, ICAL_ALTREP_PARAMETER)
                                          : NULL;

  if (uid == NULL && altrep != NULL)
    uid = icalparameter_get_altrep (altrep);
  if (uid == NULL && related != NULL)
    uid = icalproperty_get_relatedto (related);
  task->customer_uid = uid != NULL && *uid != '\0' ? g_strdup (uid) : NULL;
  if (contact != NULL && icalproperty_get_contact (contact) != NULL)
    {
      g_free (task->customer_name);
      task->customer_name = g_strdup (icalproperty_get_contact (contact));
    }
}

static void
read_state (RapportSyncTask *task,
            icalcomponent   *master)
{
  icalproperty *completed = icalcomponent_get_first_property (master, ICAL_COMPLETED_PROPERTY);
  icalproperty *percent = icalcomponent_get_first_property (master, ICAL_PERCENTCOMPLETE_PROPERTY);
  icalproperty_status status = icalcomponent_get_status (master);
  const char *state = "due";

  if (completed != NULL)
    task->completed_at = rapport_sync_ical_to_unix (icalproperty_get_completed (completed));
  /* Some clients only set COMPLETED or PERCENT-COMPLETE:100. */
  if (status == ICAL_STATUS_COMPLETED ||
      (status != ICAL_STATUS_CANCELLED &&
       (completed != NULL || (percent != NULL && icalproperty_get_percentcomplete (percent) >= 100))))
    state = "done";
  else if (status == ICAL_STATUS_CANCELLED)
    state = "skipped";
  if (g_str_equal (state, "skipped") || g_str_equal (state, "due"))
    task->completed_at = 0;
  g_free (task->state);
  task->state = g_strdup (state);
}

static void
read_due (RapportSyncTask *task,
          icalcomponent   *master)
{
  const char *original = rapport_sync_ical_get_x (master, "X-RAPPORT-DUE");
  gint64 due_at = 0;

  if (icalcomponent_get_first_property (master, ICAL_DUE_PROPERTY) != NULL)
    {
      struct icaltimetype due = icalcomponent_get_due (master);

      task->due_at = rapport_sync_ical_to_unix (due);
      task->due_is_date = due.is_date;
    }

  /* DUE moved away from the due time a snooze kept: snoozed until DUE. */
  if (is_open (task->state) && task->due_at != 0 && original != NULL &&
      rapport_time_parse_utc (original, &due_at) && due_at != task->due_at && !task->due_is_date)
    {
      task->snoozed_until = task->due_at;
      task->due_at = due_at;
      g_free (task->state);
      task->state = g_strdup ("snoozed");
    }
}

/**
 * rapport_sync_task_from_ical:
 * @display_name: where the text came from, for messages (its href)
 *
 * Reads the VTODO of a calendar object as any client writes it.  A VTODO
 * that names no customer has a %NULL customer_uid: it is not Rapport's,
 * and rapport_sync_task_apply () ignores it.
 *
 * Returns: (transfer full): the task, or %NULL with @error set
 *   (RAPPORT_SYNC_ERROR_PROTOCOL: malformed, truncated, no VTODO, an
 *   unreadable DUE; RAPPORT_SYNC_ERROR_TOO_LARGE)
 */
RapportSyncTask *
rapport_sync_task_from_ical (const char  *display_name,
                             const char  *data,
                             gsize        length,
                             GError     **error)
{
  g_autoptr(icalcomponent) calendar = NULL;
  g_autoptr(RapportSyncTask) task = NULL;
  g_autoptr(GError) local = NULL;
  icalcomponent *master;
  const char *kind, *created_by, *description;

  calendar = rapport_sync_ical_parse (display_name, data, length, ICAL_VTODO_COMPONENT, &master, error);
  if (calendar == NULL ||
      !rapport_sync_ical_check_error (display_name, master, "DUE", error) ||
      !rapport_sync_ical_check_error (display_name, master, "COMPLETED", error))
    return NULL;

  task = rapport_sync_task_new ();
  task->uid = g_strdup (icalcomponent_get_uid (master));
  read_customer (task, master);
  kind = rapport_sync_ical_get_x (master, "X-RAPPORT-KIND");
  if (kind != NULL && g_strv_contains (follow_up_kinds, kind))
    set_word (&task->kind, "kind", kind, follow_up_kinds, NULL);
  created_by = rapport_sync_ical_get_x (master, "X-RAPPORT-CREATED-BY");
  if (g_strcmp0 (created_by, "playbook") == 0)
    {
      g_free (task->created_by);
      task->created_by = g_strdup ("playbook");
    }
  description = icalcomponent_get_description (master);
  g_free (task->reason);
  task->reason = g_strdup (description != NULL ? description : "");
  read_state (task, master);
  read_due (task, master);
  if (!rapport_limit_check (RAPPORT_LIMIT_REASON, task->reason, &local))
    {
      g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_PROTOCOL,
                   "%s: DESCRIPTION: %s", display_name, local->message);
      return NULL;
    }
  return g_steal_pointer (&task);
}

/* ---- The book ---------------------------------------------------------- */

static gint64
column_time (RapportStmt *stmt,
             int          column)
{
  gint64 t = 0;

  if (sqlite3_column_type (stmt, column) == SQLITE_NULL ||
      !rapport_time_parse_utc ((const char *) sqlite3_column_text (stmt, column), &t))
    return 0;
  return t;
}

static void
bind_time (RapportStmt *stmt,
           int          column,
           gint64       t)
{
  if (t != 0)
    sqlite3_bind_text (stmt, column, rapport_time_format_utc (t), -1, g_free);
  else
    sqlite3_bind_null (stmt, column);
}

/**
 * rapport_sync_task_read:
 *
 * Returns: (transfer full): the follow-up as a task, or %NULL with @error
 *   set (RAPPORT_STORE_ERROR_NOT_FOUND when it is not in the book)
 */
RapportSyncTask *
rapport_sync_task_read (RapportStore  *store,
                        gint64         follow_up_id,
                        GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  g_autoptr(RapportSyncTask) task = rapport_sync_task_new ();
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);

  stmt = rapport_store_prepare (store,
                                "SELECT f.uid, c.uid, c.name, f.kind, f.due_at, f.state, f.snoozed_until,"
                                "  f.reason, f.completed_at, f.created_by"
                                " FROM follow_up f JOIN customer c ON c.id = f.customer_id"
                                " WHERE f.id = ?1",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, follow_up_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND,
                     _("This follow-up is no longer in the book; it may have been deleted"));
      else
        rapport_store_set_error (store, rc, error, "read a follow-up");
      return NULL;
    }
  task->uid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  task->customer_uid = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  g_free (task->customer_name);
  task->customer_name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  g_free (task->kind);
  task->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  task->due_at = column_time (stmt, 4);
  g_free (task->state);
  task->state = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  task->snoozed_until = column_time (stmt, 6);
  g_free (task->reason);
  task->reason = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
  task->completed_at = column_time (stmt, 8);
  g_free (task->created_by);
  task->created_by = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
  if (task->uid == NULL)
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                   _("This follow-up has no UID yet, so it cannot be synced"));
      return NULL;
    }
  return g_steal_pointer (&task);
}

/**
 * rapport_sync_task_find:
 * @follow_up_id: (out): the follow-up with @uid, or 0 when there is none
 */
gboolean
rapport_sync_task_find (RapportStore  *store,
                        const char    *uid,
                        gint64        *follow_up_id,
                        GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (follow_up_id != NULL, FALSE);

  *follow_up_id = 0;
  if (uid == NULL)
    return TRUE;
  if ((stmt = rapport_store_prepare (store, "SELECT id FROM follow_up WHERE uid = ?1", error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *follow_up_id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    return rapport_store_set_error (store, rc, error, "find a follow-up by UID");
  return TRUE;
}

/* A date without a time keeps the check-in's time of day, or DATE_HOUR. */
static gint64
due_on_day (gint64 date_midnight,
            gint64 keep_time_of)
{
  g_autoptr(GDateTime) day = g_date_time_new_from_unix_local (date_midnight);
  g_autoptr(GDateTime) time = keep_time_of != 0 ? g_date_time_new_from_unix_local (keep_time_of) : NULL;
  g_autoptr(GDateTime) due = NULL;

  due = g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                               g_date_time_get_day_of_month (day),
                               time != NULL ? g_date_time_get_hour (time) : DATE_HOUR,
                               time != NULL ? g_date_time_get_minute (time) : 0, 0);
  return due != NULL ? g_date_time_to_unix (due) : date_midnight;
}

static gboolean
insert_task (RapportStore           *store,
             const RapportSyncTask  *task,
             gint64                  customer_id,
             gint64                  now,
             gint64                 *follow_up_id,
             GError                **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  gint64 due_at = task->due_at == 0 ? now
                  : task->due_is_date ? due_on_day (task->due_at, 0) : task->due_at;
  gboolean open = is_open (task->state);
  gboolean snoozed = g_str_equal (task->state, "snoozed") && task->snoozed_until != 0;

  if (!rapport_limit_check (RAPPORT_LIMIT_REASON, task->reason, error))
    return FALSE;
  /* The user's, whoever made it: the playbook never deletes an item it
   * did not derive here. */
  stmt = rapport_store_prepare (store,
                                "INSERT INTO follow_up (uid, customer_id, kind, due_at, state,"
                                "  snoozed_until, reason, created_by, created_at, completed_at)"
                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'user', ?8, ?9)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, task->uid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, customer_id);
  sqlite3_bind_text (stmt, 3, task->kind, -1, SQLITE_TRANSIENT);
  bind_time (stmt, 4, due_at);
  sqlite3_bind_text (stmt, 5, open ? (snoozed ? "snoozed" : "due") : task->state, -1, SQLITE_TRANSIENT);
  bind_time (stmt, 6, snoozed ? task->snoozed_until : 0);
  sqlite3_bind_text (stmt, 7, task->reason, -1, SQLITE_TRANSIENT);
  bind_time (stmt, 8, now);
  bind_time (stmt, 9, open ? 0 : task->completed_at != 0 ? task->completed_at : now);
  if (!rapport_store_step_done (store, stmt, error))
    return FALSE;
  *follow_up_id = sqlite3_last_insert_rowid (rapport_store_get_db (store));
  return TRUE;
}

/* The book's side of an existing follow-up. */
typedef struct
{
  gint64  id;
  gint64  customer_id;
  char   *state;
  gint64  due_at;
  gint64  snoozed_until;
  char   *reason;
} Local;

static void
local_clear (Local *local)
{
  g_free (local->state);
  g_free (local->reason);
}

static gboolean
read_local (RapportStore  *store,
            gint64         id,
            Local         *local,
            GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  stmt = rapport_store_prepare (store,
                                "SELECT customer_id, state, due_at, snoozed_until, reason"
                                " FROM follow_up WHERE id = ?1",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    return rapport_store_set_error (store, rc, error, "read a follow-up");
  local->id = id;
  local->customer_id = sqlite3_column_int64 (stmt, 0);
  local->state = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  local->due_at = column_time (stmt, 2);
  local->snoozed_until = column_time (stmt, 3);
  local->reason = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  return TRUE;
}

static gboolean
update (RapportStore  *store,
        const char    *sql,
        gint64         id,
        const char    *text,
        gint64         t1,
        gint64         t2,
        GError       **error)
{
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  bind_time (stmt, 3, t1);
  bind_time (stmt, 4, t2);
  return rapport_store_step_done (store, stmt, error);
}

/* Closed here, open on the server: reopened there, so reopened here. */
static gboolean
reopen (RapportStore           *store,
        const Local            *local,
        const RapportSyncTask  *task,
        gint64                  due_at,
        GError                **error)
{
  gboolean snoozed = g_str_equal (task->state, "snoozed") && task->snoozed_until != 0;

  return update (store,
                 "UPDATE follow_up SET state = ?2, due_at = ?3, overdue_at = NULL,"
                 "  snoozed_until = ?4, completed_at = NULL, created_by = 'user'"
                 " WHERE id = ?1",
                 local->id, snoozed ? "snoozed" : "due", due_at, snoozed ? task->snoozed_until : 0, error);
}

/* Both open: the server's due time and snooze win. */
static gboolean
move (RapportStore                   *store,
      const Local                    *local,
      const RapportSyncTask          *task,
      gint64                          due_at,
      const RapportPlaybookSettings  *settings,
      gint64                          now,
      gboolean                       *changed,
      GError                        **error)
{
  gboolean snoozed = g_str_equal (task->state, "snoozed") && task->snoozed_until != 0;
  gboolean was_snoozed = g_str_equal (local->state, "snoozed");

  if (due_at != local->due_at || (was_snoozed && !snoozed))
    {
      if (!rapport_follow_up_reschedule (store, local->id, due_at, settings, now, error))
        return FALSE;
      *changed = TRUE;
    }
  if (snoozed && (!was_snoozed || local->snoozed_until != task->snoozed_until || *changed))
    {
      if (!rapport_follow_up_snooze (store, local->id, task->snoozed_until, error))
        return FALSE;
      *changed = TRUE;
    }
  return TRUE;
}

static gboolean
apply_to_local (RapportStore                   *store,
                const Local                    *local,
                const RapportSyncTask          *task,
                const RapportPlaybookSettings  *settings,
                gint64                          now,
                gboolean                       *changed,
                GError                        **error)
{
  gint64 due_at = task->due_at;

  /* A client that keeps dates only (tasks.org without a time) moved
   * nothing while the day is the same. */
  if (task->due_is_date && due_at != 0)
    due_at = rapport_playbook_local_day (due_at) == rapport_playbook_local_day (local->due_at)
             ? local->due_at : due_on_day (due_at, local->due_at);
  if (due_at == 0)
    due_at = local->due_at;

  if (g_strcmp0 (task->reason, local->reason) != 0)
    {
      if (!rapport_limit_check (RAPPORT_LIMIT_REASON, task->reason, error) ||
          !update (store, "UPDATE follow_up SET reason = ?2 WHERE id = ?1",
                   local->id, task->reason, 0, 0, error))
        return FALSE;
      *changed = TRUE;
    }

  if (is_open (local->state) && g_str_equal (task->state, "done"))
    {
      /* Done on the phone counts as the contact Done in Rapport logs. */
      gint64 when = task->completed_at > 0 && task->completed_at <= now ? task->completed_at : now;

      *changed = TRUE;
      return rapport_follow_up_complete (store, local->id, settings, when, error);
    }
  if (is_open (local->state) && g_str_equal (task->state, "skipped"))
    {
      *changed = TRUE;
      return rapport_follow_up_skip (store, local->id, settings, now, error);
    }
  if (!is_open (local->state) && is_open (task->state))
    {
      *changed = TRUE;
      return reopen (store, local, task, due_at, error);
    }
  if (is_open (local->state))
    return move (store, local, task, due_at, settings, now, changed, error);
  return TRUE;
}

/**
 * rapport_sync_task_apply:
 * @settings: (nullable): the playbook settings, to bring the customer's
 *   other follow-ups in step
 * @now: the time of the sync
 * @follow_up_id: (out) (optional): the follow-up, 0 when ignored
 * @outcome: (out) (optional): what was done
 *
 * Makes the book say what the task says: completed is Done (logging the
 * contact at the completion time), cancelled is skipped, a moved due time
 * moves the check-in, and a task the book does not have yet, for one of
 * its customers, is added as the user's own.  A task naming no customer of
 * the book is ignored.  Runs in the caller's transaction.
 */
gboolean
rapport_sync_task_apply (RapportStore                   *store,
                         const RapportSyncTask          *task,
                         const RapportPlaybookSettings  *settings,
                         gint64                          now,
                         gint64                         *follow_up_id,
                         RapportSyncApply               *outcome,
                         GError                        **error)
{
  Local local = { 0 };
  gint64 id = 0, customer_id = 0;
  gboolean changed = FALSE, ok;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (task != NULL && task->uid != NULL, FALSE);
  g_return_val_if_fail (rapport_store_in_transaction (store), FALSE);

  if (follow_up_id != NULL)
    *follow_up_id = 0;
  if (outcome != NULL)
    *outcome = RAPPORT_SYNC_APPLY_IGNORED;
  if (!rapport_sync_task_find (store, task->uid, &id, error))
    return FALSE;

  if (id == 0)
    {
      if (!rapport_sync_customer_find (store, task->customer_uid, &customer_id, error))
        return FALSE;
      if (customer_id == 0)
        return TRUE;
      if (!insert_task (store, task, customer_id, now, &id, error) ||
          (settings != NULL && is_open (task->state) &&
           !rapport_follow_ups_sync_customer (store, customer_id, settings, now, error)))
        return FALSE;
      if (follow_up_id != NULL)
        *follow_up_id = id;
      if (outcome != NULL)
        *outcome = RAPPORT_SYNC_APPLY_ADDED;
      return TRUE;
    }

  if (!read_local (store, id, &local, error))
    return FALSE;
  ok = apply_to_local (store, &local, task, settings, now, &changed, error);
  local_clear (&local);
  if (!ok)
    return FALSE;
  if (follow_up_id != NULL)
    *follow_up_id = id;
  if (outcome != NULL)
    *outcome = changed ? RAPPORT_SYNC_APPLY_CHANGED : RAPPORT_SYNC_APPLY_UNCHANGED;
  return TRUE;
}
