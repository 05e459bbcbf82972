/* rapport-reader.c: reads of the book in a worker thread, on a connection of their own
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A view must not wait on SQLite: at 100,000 customers one of its queries
 * can take longer than a frame.  A reader runs a view's read function in
 * a worker thread on a read-only connection (WAL lets it read while the
 * main connection writes), opened by the first read and kept, one read at
 * a time.  Cancelling a read interrupts its statement, so a newer read
 * (another month, another filter) does not wait for an outdated one.
 *
 * The reader is the tasks' source object and outlives them; whoever asked
 * cancels its reads when it goes away and ignores a cancelled result, the
 * way GIO's asynchronous calls are used.
 */

#define G_LOG_DOMAIN "rapport-reader"

#include "config.h"

#include "rapport-reader.h"

struct _RapportReader
{
  GObject       parent_instance;

  char         *path;
  GMutex        lock;     /* held by the read running */
  RapportStore *store;    /* the read-only connection, under lock */
};

G_DEFINE_FINAL_TYPE (RapportReader, rapport_reader, G_TYPE_OBJECT)

typedef struct
{
  RapportReadFunc func;
  gpointer        data;
  GDestroyNotify  data_free;
} Job;

static void
job_free (Job *job)
{
  if (job->data_free != NULL)
    job->data_free (job->data);
  g_free (job);
}

static void
rapport_reader_finalize (GObject *object)
{
  RapportReader *self = (RapportReader *)object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->path, g_free);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (rapport_reader_parent_class)->finalize (object);
}

static void
rapport_reader_class_init (RapportReaderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rapport_reader_finalize;
}

static void
rapport_reader_init (RapportReader *self)
{
  g_mutex_init (&self->lock);
}

/**
 * rapport_reader_new:
 * @store: the book, opened by the main thread
 *
 * Returns: (transfer full): a reader of @store's file
 */
RapportReader *
rapport_reader_new (RapportStore *store)
{
  RapportReader *self;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);

  self = g_object_new (RAPPORT_TYPE_READER, NULL);
  self->path = g_strdup (rapport_store_get_path (store));
  return self;
}

/* Runs in the thread that cancels, while the read holds the lock. */
static void
interrupt (GCancellable *cancellable,
           RapportStore *store)
{
  sqlite3_interrupt (rapport_store_get_db (store));
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RapportReader *self = source_object;
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  gulong handler = 0;
  gboolean ok;

  g_mutex_lock (&self->lock);

  /* Replaced by a newer read while it waited for the lock. */
  if (g_task_return_error_if_cancelled (task))
    {
      g_mutex_unlock (&self->lock);
      return;
    }

  if (self->store == NULL)
    self->store = rapport_store_open_reader (self->path, &error);
  if (self->store == NULL)
    {
      g_mutex_unlock (&self->lock);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (interrupt), self->store, NULL);
  ok = job->func (self->store, job->data, &error);
  g_cancellable_disconnect (cancellable, handler);
  g_mutex_unlock (&self->lock);

  if (g_task_return_error_if_cancelled (task))
    return;
  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, job->data, NULL);
}

/**
 * rapport_reader_run_async:
 * @func: fills @data from the read-only connection, in a worker thread
 * @data: what @func fills, handed back by rapport_reader_run_finish ()
 * @data_free: (nullable): frees @data with the task
 * @cancellable: (nullable): interrupts the read
 *
 * Runs @func after the reads asked for before it.
 */
void
rapport_reader_run_async (RapportReader       *self,
                          RapportReadFunc      func,
                          gpointer             data,
                          GDestroyNotify       data_free,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (RAPPORT_IS_READER (self));
  g_return_if_fail (func != NULL);

  job = g_new0 (Job, 1);
  job->func = func;
  job->data = data;
  job->data_free = data_free;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_reader_run_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, run_thread);
}

/**
 * rapport_reader_run_finish:
 *
 * Returns: (transfer none): the data the read filled, valid as long as
 *   @result; %NULL with @error set when it failed or was cancelled
 */
gpointer
rapport_reader_run_finish (RapportReader  *self,
                           GAsyncResult   *result,
                           GError        **error)
{
  g_return_val_if_fail (RAPPORT_IS_READER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
