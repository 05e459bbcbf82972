/* rapport-application-maintenance.c: the daily jobs — backups and the playbook
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Once a day (shortly after start-up, then just after each midnight) a
 * worker thread, on a connection of its own, rotates the backups and
 * derives every customer's follow-ups again, so keep-in-touch reminders
 * appear for customers nobody touched and reasons ("no contact for 92 days")
 * stay true.  One timer is armed for the next run; nothing polls.  The
 * reminders wait for the run, which commits a chunk of customers at a
 * time, and then show what it moved in one notification.
 */

#define G_LOG_DOMAIN "rapport-application-maintenance"

#include "config.h"

#include "rapport-application-private.h"
#include "rapport-backup.h"
#include "rapport-follow-ups.h"
#include "rapport-time.h"

/* Let the window reach its first frame before the day's work. */
#define FIRST_RUN_DELAY_SECONDS 10

#define DAILY_SOURCE_KEY "rapport-daily-source"
#define DAILY_RUNNING_KEY "rapport-daily-running"
#define DAILY_AGAIN_KEY "rapport-daily-again"

typedef struct
{
  char                    *path;
  RapportPlaybookSettings  settings;
  gint64                   now;
  RapportNudger           *nudger;  /* held while the job writes */
} DailyJob;

static void schedule_daily (RapportApplication *self,
                            guint               delay_seconds);

static void
daily_job_free (DailyJob *job)
{
  g_free (job->path);
  g_clear_object (&job->nudger);
  g_free (job);
}

static void
daily_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  DailyJob *job = task_data;
  g_autoptr(RapportStore) store = NULL;
  g_autofree char *backups = rapport_backup_default_dir ();
  GError *error = NULL;

  store = rapport_store_open (job->path, &error);
  if (store == NULL ||
      !rapport_backup_rotate (store, backups, job->now, &error) ||
      !rapport_follow_ups_sync_all (store, &job->settings, job->now, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
daily_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  RapportApplication *self = RAPPORT_APPLICATION (object);
  DailyJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gint64 now = rapport_time_now ();

  /* Unless a restore replaced the nudger meanwhile: the new one was
   * never held. */
  if (job->nudger != NULL && job->nudger == self->nudger)
    rapport_nudger_release (job->nudger);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_message ("Daily backup and playbook run did not finish: %s", error->message);
  else if (self->store != NULL)
    /* The worker wrote through its own connection: views and reminders
     * learn of it here. */
    rapport_store_notify_changed (self->store);

  g_object_set_data (G_OBJECT (self), DAILY_RUNNING_KEY, NULL);
  if (g_object_get_data (G_OBJECT (self), DAILY_AGAIN_KEY) != NULL)
    {
      g_object_set_data (G_OBJECT (self), DAILY_AGAIN_KEY, NULL);
      schedule_daily (self, 0);
    }
  else
    schedule_daily (self, (guint) CLAMP (rapport_backup_next_rotation (now) - now, 60, 25 * 60 * 60));
  g_application_release (G_APPLICATION (self));
}

static gboolean
run_daily (gpointer data)
{
  RapportApplication *self = data;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GTask) task = NULL;
  DailyJob *job;

  g_object_set_data (G_OBJECT (self), DAILY_SOURCE_KEY, NULL);
  if (self->store == NULL)
    return G_SOURCE_REMOVE;
  g_object_set_data (G_OBJECT (self), DAILY_RUNNING_KEY, GINT_TO_POINTER (TRUE));

  job = g_new0 (DailyJob, 1);
  job->path = g_strdup (rapport_store_get_path (self->store));
  job->now = rapport_time_now ();
  rapport_playbook_settings_load (&job->settings, settings);

  /* It commits a chunk of customers at a time: the reminders show what
   * it moved once it is done, in one notification. */
  if (self->nudger != NULL)
    {
      job->nudger = g_object_ref (self->nudger);
      rapport_nudger_hold (job->nudger);
    }

  /* Keep the process alive until the book is consistent again. */
  g_application_hold (G_APPLICATION (self));
  task = g_task_new (self, NULL, daily_done, NULL);
  g_task_set_source_tag (task, run_daily);
  g_task_set_task_data (task, job, (GDestroyNotify) daily_job_free);
  g_task_run_in_thread (task, daily_thread);
  return G_SOURCE_REMOVE;
}


static void
schedule_daily (RapportApplication *self,
                guint               delay_seconds)
{
  guint id = g_timeout_add_seconds_full (G_PRIORITY_LOW, delay_seconds, run_daily, self, NULL);

  g_object_set_data (G_OBJECT (self), DAILY_SOURCE_KEY, GUINT_TO_POINTER (id));
}

static void
on_shutdown (RapportApplication *self)
{
  guint id = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (self), DAILY_SOURCE_KEY));

  /* Only a pending timer is removed; a running job holds the app. */
  if (id != 0 && g_main_context_find_source_by_id (NULL, id) != NULL)
    g_source_remove (id);
  g_object_set_data (G_OBJECT (self), DAILY_SOURCE_KEY, NULL);
}

/* app.refresh-playbook: after a change that moves many customers' check-ins
 * (a tag's cadence), derive the playbook now instead of tonight. */
static void
refresh_playbook_action (GSimpleAction *action,
                         GVariant      *param,
                         gpointer       user_data)
{
  RapportApplication *self = RAPPORT_APPLICATION (user_data);

  if (g_object_get_data (G_OBJECT (self), DAILY_RUNNING_KEY) != NULL)
    {
      g_object_set_data (G_OBJECT (self), DAILY_AGAIN_KEY, GINT_TO_POINTER (TRUE));
      return;
    }
  on_shutdown (self);
  schedule_daily (self, 0);
}

static const GActionEntry maintenance_actions[] = {
  { "refresh-playbook", refresh_playbook_action },
};

void
_rapport_application_maintenance_init (RapportApplication *self)
{
  const char *delay;

  if (self->store == NULL)
    return;
  g_signal_connect (self, "shutdown", G_CALLBACK (on_shutdown), NULL);
  g_action_map_add_action_entries (G_ACTION_MAP (self), maintenance_actions,
                                   G_N_ELEMENTS (maintenance_actions), self);
  /* Tests shorten the wait with RAPPORT_DAILY_DELAY (seconds). */
  delay = g_getenv ("RAPPORT_DAILY_DELAY");
  schedule_daily (self, delay != NULL ? (guint) g_ascii_strtoull (delay, NULL, 10)
                                      : FIRST_RUN_DELAY_SECONDS);
}
