/* rapport-application-answers.c: Done and Snooze on a reminder, in a worker
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A summary may stand for 50,000 check-ins.  Marking them done, with the
 * playbook of every customer concerned, in one transaction, takes about
 * two seconds on a book of 100,000 customers: on the main thread the
 * window froze that long.  So the reminders' answers run in a worker, on
 * a connection of their own, one after the other in the order given;
 * views and reminders learn of them when they are committed.  One
 * check-in's answer takes milliseconds, but it goes the same way: behind
 * a summary's it would otherwise wait on the main thread for the book's
 * write lock, and land before it.  The application waits for them before
 * it quits, so a Done clicked just before Quit is not lost.
 */

#define G_LOG_DOMAIN "rapport-application"

#include "config.h"

#include "rapport-application-private.h"
#include "rapport-follow-ups.h"
#include "rapport-nudge-plan.h"
#include "rapport-time.h"

#define ANSWERS_KEY "rapport-answers"

typedef enum
{
  ANSWER_DONE,
  ANSWER_SNOOZE,
} AnswerKind;

typedef struct
{
  AnswerKind               kind;
  gboolean                 one;       /* a single check-in's reminder */
  char                    *path;
  GVariant                *ids;       /* ax */
  RapportPlaybookSettings  settings;  /* Done: the playbook to sync */
  gint64                   now;       /* Done: when it was clicked */
  gint64                   until;     /* Snooze: until when */
} Answer;

/* The application's answers: the one running, and those waiting for it. */
typedef struct
{
  GQueue    waiting;
  Answer   *running;
  gboolean  quitting;  /* nobody is left to see a change */

  /* The workers' stores closing in threads of their own (their last
   * checkpoint): waited for with the answers, so that the process does
   * not end half-way through one and leave the next start to copy a
   * 144 MB WAL (after Done on 50,000) before its first read. */
  GMutex    lock;
  GCond     closed;
  guint     n_closing;  /* under lock */
} Answers;

typedef struct
{
  Answers      *answers;
  RapportStore *store;
} Closing;

static void start_next (RapportApplication *self);

static void
answer_free (Answer *answer)
{
  g_free (answer->path);
  g_variant_unref (answer->ids);
  g_free (answer);
}

/* After shutdown, which waits for the one running. */
static void
answers_free (Answers *answers)
{
  g_queue_clear_full (&answers->waiting, (GDestroyNotify) answer_free);
  g_mutex_clear (&answers->lock);
  g_cond_clear (&answers->closed);
  g_free (answers);
}

static Answers *
get_answers (RapportApplication *self)
{
  return g_object_get_data (G_OBJECT (self), ANSWERS_KEY);
}

static gpointer
close_store (gpointer data)
{
  Closing *closing = data;
  Answers *answers = closing->answers;

  g_object_unref (closing->store);
  g_free (closing);
  g_mutex_lock (&answers->lock);
  answers->n_closing--;
  g_cond_broadcast (&answers->closed);
  g_mutex_unlock (&answers->lock);
  return NULL;
}

static void
answer_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Answer *answer = task_data;
  g_autoptr(RapportStore) store = NULL;
  GError *error = NULL;
  const gint64 *ids;
  gsize n_ids;
  gboolean ok;
  gint64 started = g_get_monotonic_time (), opened;

  store = rapport_store_open (answer->path, &error);
  opened = g_get_monotonic_time ();
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  ids = g_variant_get_fixed_array (answer->ids, &n_ids, sizeof (gint64));
  /* One check-in's Snooze says so if it is no longer open; many pass over
   * those answered elsewhere. */
  if (answer->kind == ANSWER_DONE)
    ok = rapport_follow_ups_complete_many (store, ids, n_ids, &answer->settings, answer->now, &error);
  else if (answer->one)
    ok = rapport_follow_up_snooze (store, ids[0], answer->until, &error);
  else
    ok = rapport_follow_ups_snooze_many (store, ids, n_ids, answer->until, &error);

  g_debug ("%s on %" G_GSIZE_FORMAT " check-ins: the book opened in %.1f ms, answered in %.1f ms",
           answer->kind == ANSWER_DONE ? "Done" : "Snooze", n_ids, (opened - started) / 1e3,
           (g_get_monotonic_time () - opened) / 1e3);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
  /* The task's callback waits for this function to return, and closing
   * the store waits for the checkpoint its commit queued (some 0.4 s
   * after Done on 50,000): the views need not wait for that too. */
  {
    Answers *answers = get_answers (RAPPORT_APPLICATION (source_object));
    Closing *closing = g_new0 (Closing, 1);

    closing->answers = answers;
    closing->store = g_steal_pointer (&store);
    g_mutex_lock (&answers->lock);
    answers->n_closing++;
    g_mutex_unlock (&answers->lock);
    g_thread_unref (g_thread_new ("rapport-answer-close", close_store, closing));
  }
}

static void
answer_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  RapportApplication *self = RAPPORT_APPLICATION (object);
  Answers *answers = get_answers (self);
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&answers->running, answer_free);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    _rapport_application_report_error (self, error);
  else if (self->store != NULL && !answers->quitting)
    /* Written through the worker's connection: tell the views. */
    rapport_store_notify_changed (self->store);

  start_next (self);
  g_application_release (G_APPLICATION (self));
}

static void
start_next (RapportApplication *self)
{
  Answers *answers = get_answers (self);
  g_autoptr(GTask) task = NULL;

  if (answers->running != NULL || g_queue_is_empty (&answers->waiting))
    return;

  answers->running = g_queue_pop_head (&answers->waiting);
  /* The task's data is a borrowed pointer: answer_done frees it. */
  task = g_task_new (self, NULL, answer_done, NULL);
  g_task_set_source_tag (task, start_next);
  g_task_set_task_data (task, answers->running, NULL);
  g_task_run_in_thread (task, answer_thread);
}

/* @param: the action's, "x" (@one) or "ax" */
static void
queue_answer (RapportApplication *self,
              AnswerKind          kind,
              gboolean            one,
              GVariant           *param)
{
  Answer *answer;

  /* An empty list (from another program: the notifications never send
   * one) answers nothing, and opening the book for it costs a checkpoint. */
  if (self->store == NULL || (!one && g_variant_n_children (param) == 0))
    return;

  answer = g_new0 (Answer, 1);
  answer->kind = kind;
  answer->one = one;
  answer->path = g_strdup (rapport_store_get_path (self->store));
  if (one)
    {
      gint64 id = g_variant_get_int64 (param);

      answer->ids = g_variant_ref_sink (g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, &id, 1,
                                                                   sizeof (gint64)));
    }
  else
    answer->ids = g_variant_ref (param);
  answer->now = rapport_time_now ();
  if (kind == ANSWER_DONE)
    rapport_playbook_settings_load (&answer->settings, self->settings);
  else
    answer->until = rapport_nudge_snooze_until (g_settings_get_enum (self->settings, "snooze-mode"),
                                                answer->now);

  /* Released by answer_done: the process outlives a closed window until
   * the book has the answer. */
  g_application_hold (G_APPLICATION (self));
  g_queue_push_tail (&get_answers (self)->waiting, answer);
  start_next (self);
}

static void
follow_up_done_action (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  queue_answer (RAPPORT_APPLICATION (user_data), ANSWER_DONE, TRUE, param);
}

static void
follow_up_snooze_action (GSimpleAction *action,
                         GVariant      *param,
                         gpointer       user_data)
{
  queue_answer (RAPPORT_APPLICATION (user_data), ANSWER_SNOOZE, TRUE, param);
}

static void
follow_ups_done_action (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  queue_answer (RAPPORT_APPLICATION (user_data), ANSWER_DONE, FALSE, param);
}

static void
follow_ups_snooze_action (GSimpleAction *action,
                          GVariant      *param,
                          gpointer       user_data)
{
  queue_answer (RAPPORT_APPLICATION (user_data), ANSWER_SNOOZE, FALSE, param);
}

/**
 * _rapport_application_answers_wait:
 *
 * Runs the main loop until every answer asked for is in the book, and the
 * workers' connections are closed: before the book closes (Quit, which
 * does not wait for the application's holds) or is replaced (a restore,
 * after which their ids would name other check-ins, or none).
 */
void
_rapport_application_answers_wait (RapportApplication *self)
{
  Answers *answers = get_answers (self);

  /* Each one's callback starts the next. */
  while (answers->running != NULL)
    g_main_context_iteration (NULL, TRUE);

  g_mutex_lock (&answers->lock);
  while (answers->n_closing > 0)
    g_cond_wait (&answers->closed, &answers->lock);
  g_mutex_unlock (&answers->lock);
}

static void
on_shutdown (RapportApplication *self)
{
  get_answers (self)->quitting = TRUE;
  _rapport_application_answers_wait (self);
}

static const GActionEntry answer_actions[] = {
  { "follow-up-done", follow_up_done_action, "x" },
  { "follow-up-snooze", follow_up_snooze_action, "x" },
  { "follow-ups-done", follow_ups_done_action, "ax" },
  { "follow-ups-snooze", follow_ups_snooze_action, "ax" },
};

void
_rapport_application_answers_init (RapportApplication *self)
{
  Answers *answers = g_new0 (Answers, 1);

  g_assert (RAPPORT_IS_APPLICATION (self));

  g_mutex_init (&answers->lock);
  g_cond_init (&answers->closed);
  g_object_set_data_full (G_OBJECT (self), ANSWERS_KEY, answers, (GDestroyNotify) answers_free);
  g_action_map_add_action_entries (G_ACTION_MAP (self), answer_actions,
                                   G_N_ELEMENTS (answer_actions), self);
  g_signal_connect (self, "shutdown", G_CALLBACK (on_shutdown), NULL);
}
