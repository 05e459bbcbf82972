/* rapport-nudger-plan.c: the reads of a plan, in a worker, on a connection of their own
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * So that the main loop never waits on the book, what a plan needs (what
 * is due, the mark of what was read, the next due time, the state of the
 * notifications on screen) is read here; the nudger makes the plan from
 * it when it is back (rapport-nudger.c).
 */

#define G_LOG_DOMAIN "rapport-nudger"

#include "config.h"

#include "rapport-follow-ups.h"
#include "rapport-nudger-private.h"

/* The plans' own read-only connection to the book, shared by the nudger
 * and the reads on their way; opened by the first read and kept (opening
 * one touches the book's files, whose monitor would plan again).  The
 * book stays open until the connection is closed: a restore waits for
 * the book to close, then finds no connection of the nudger's left. */
struct _RapportNudgerBook
{
  GMutex        lock;     /* held by the read running */
  char         *path;
  RapportStore *reader;   /* under lock */
  RapportStore *book;
};

static void
book_clear (RapportNudgerBook *book)
{
  g_clear_object (&book->reader);
  g_clear_object (&book->book);
  g_clear_pointer (&book->path, g_free);
  g_mutex_clear (&book->lock);
}

RapportNudgerBook *
_rapport_nudger_book_new (RapportStore *store)
{
  RapportNudgerBook *book = g_atomic_rc_box_new0 (RapportNudgerBook);

  g_mutex_init (&book->lock);
  book->path = g_strdup (rapport_store_get_path (store));
  book->book = g_object_ref (store);
  return book;
}

/* On the main thread, when the nudger goes: a read on its way, cancelled
 * (and interrupted), may never come back to let go of the book, as at
 * exit, when the main loop has stopped; its connection and the book are
 * closed now, once it is off them. */
void
_rapport_nudger_book_close (RapportNudgerBook *book)
{
  g_mutex_lock (&book->lock);
  g_clear_object (&book->reader);
  g_clear_object (&book->book);
  g_mutex_unlock (&book->lock);
}

void
_rapport_nudger_book_release (RapportNudgerBook *book)
{
  g_atomic_rc_box_release_full (book, (GDestroyNotify) book_clear);
}

void
_rapport_nudger_read_free (RapportNudgerRead *read)
{
  g_clear_pointer (&read->stale, _rapport_nudger_stale_free);
  g_clear_pointer (&read->due, g_ptr_array_unref);
  g_clear_pointer (&read->book, _rapport_nudger_book_release);
  g_free (read);
}

/* On the plans' connection.  The first plan reads a backlog as its
 * first few items and a count; later plans read only what came due, was
 * added or moved since. */
static gboolean
plan_read (RapportNudgerRead  *read,
           RapportStore       *reader,
           GError            **error)
{
  g_autoptr(GError) stale_error = NULL;
  g_autoptr(GError) next_error = NULL;
  guint n_due = 0;

  if (read->stale != NULL && !_rapport_nudger_stale_read (read->stale, reader, &stale_error))
    g_message ("Cannot read the check-ins on screen: %s", stale_error->message);

  /* The mark before the items: one added or moved in between is read
   * again next time rather than never. */
  if (!rapport_agenda_get_mark (reader, read->now, &read->mark, error))
    return FALSE;
  if (read->since.until != 0)
    read->due = rapport_agenda_list_due_since (reader, &read->since, read->now, error);
  else if ((read->due = rapport_agenda_list_due_first (reader, read->now, RAPPORT_NUDGE_MAX_LISTED,
                                                       &n_due, error)) != NULL)
    read->n_unread = n_due - MIN (n_due, read->due->len);
  if (read->due == NULL)
    return FALSE;

  /* FALSE without an error: nothing is due later. */
  if (!rapport_follow_ups_next_due_time (reader, read->now, &read->next_due, &next_error) &&
      next_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&next_error));
      return FALSE;
    }
  return TRUE;
}

/* Runs in the thread that cancels, while the read holds its connection. */
static void
interrupt (GCancellable *cancellable,
           RapportStore *reader)
{
  sqlite3_interrupt (rapport_store_get_db (reader));
}

void
_rapport_nudger_read_in_thread (GTask        *task,
                                gpointer      source_object,
                                gpointer      task_data,
                                GCancellable *cancellable)
{
  RapportNudgerRead *read = task_data;
  RapportNudgerBook *book = read->book;
  g_autoptr(GError) error = NULL;
  gulong handler;
  gboolean ok;

  g_mutex_lock (&book->lock);

  /* The nudger went away while it waited for the lock. */
  if (g_task_return_error_if_cancelled (task))
    {
      g_mutex_unlock (&book->lock);
      return;
    }
  if (book->reader == NULL &&
      (book->reader = rapport_store_open_reader (book->path, &error)) == NULL)
    {
      g_mutex_unlock (&book->lock);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  handler = g_cancellable_connect (cancellable, G_CALLBACK (interrupt), book->reader, NULL);
  ok = plan_read (read, book->reader, &error);
  g_cancellable_disconnect (cancellable, handler);
  g_mutex_unlock (&book->lock);

  if (g_task_return_error_if_cancelled (task))
    return;
  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}
