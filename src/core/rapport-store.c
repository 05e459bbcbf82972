/* rapport-store.c: the one SQLite file that holds a book of business
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rapport-schema.h"
#include "rapport-sqlite.h"
#include "rapport-store.h"

struct _RapportStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GHashTable *statements;   /* sql → sqlite3_stmt*, owned */
  guint       depth;        /* nesting of rapport_store_begin () */

  /* The WAL checkpoints, run on a worker connection (see on_wal_commit ()). */
  GThreadPool *checkpointer;
  gint         checkpoint_queued;   /* atomic */
  guint        n_checkpoints;       /* atomic: those that have run */
};

G_DEFINE_FINAL_TYPE (RapportStore, rapport_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_QUARK (rapport-store-error-quark, rapport_store_error)

/* Tracing the main thread's statements (see rapport_store_trace_main_thread ()).
 * Process-wide: the views' connections and the readers of their workers
 * are all traced, and the thread that turned tracing on is the one watched. */
#define TRACE_KEPT_MAX   100000
#define TRACE_SLOW_NS    (4 * 1000 * 1000)

/* How long every connection of the store's waits for a lock before
 * "busy": the one wait emptying the WAL at quit shortens sets it back. */
#define BUSY_WAIT_MS 5000

static GMutex     trace_lock;
static GThread   *trace_thread;   /* NULL: not tracing */
static GPtrArray *traced;         /* RapportTracedQuery */
static gboolean   trace_log_slow;

void
rapport_traced_query_free (RapportTracedQuery *query)
{
  g_free (query->sql);
  g_free (query);
}

static int
on_trace (unsigned  type,
          void     *context,
          void     *p,
          void     *x)
{
  sqlite3_stmt *stmt = p;
  gint64 ns = *(sqlite3_int64 *) x;
  RapportTracedQuery *query;

  if (type != SQLITE_TRACE_PROFILE || g_atomic_pointer_get (&trace_thread) != g_thread_self ())
    return 0;

  if (trace_log_slow && ns >= TRACE_SLOW_NS)
    g_message ("%.1f ms on the main thread: %s", ns / 1e6, sqlite3_sql (stmt));

  query = g_new (RapportTracedQuery, 1);
  query->sql = g_strdup (sqlite3_sql (stmt));
  query->duration_ns = ns;
  g_mutex_lock (&trace_lock);
  if (traced == NULL)
    traced = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_traced_query_free);
  if (traced->len < TRACE_KEPT_MAX)
    g_ptr_array_add (traced, g_steal_pointer (&query));
  g_mutex_unlock (&trace_lock);
  g_clear_pointer (&query, rapport_traced_query_free);
  return 0;
}

/* RAPPORT_TRACE_MAIN_QUERIES=1 in the environment logs every statement the
 * main thread spends 4 ms or more on, with its SQL; the first store is
 * opened by the main thread. */
static void
trace_connection (sqlite3 *db)
{
  static gsize from_environment = 0;

  if (g_once_init_enter (&from_environment))
    {
      if (g_strcmp0 (g_getenv ("RAPPORT_TRACE_MAIN_QUERIES"), "1") == 0)
        {
          trace_log_slow = TRUE;
          rapport_store_trace_main_thread (TRUE);
        }
      g_once_init_leave (&from_environment, 1);
    }

  if (g_atomic_pointer_get (&trace_thread) != NULL)
    sqlite3_trace_v2 (db, SQLITE_TRACE_PROFILE, on_trace, NULL);
}

/**
 * rapport_store_trace_main_thread:
 * @enable: whether to record
 *
 * Records, from now on, every statement that the calling thread (the main
 * thread, which must not wait on SQLite) runs on a connection opened after
 * this call, with its duration; rapport_store_take_main_thread_queries ()
 * hands them over.  For tests and benchmarks: tracing costs a clock reading
 * per statement.
 */
void
rapport_store_trace_main_thread (gboolean enable)
{
  g_atomic_pointer_set (&trace_thread, enable ? g_thread_self () : NULL);
}

/**
 * rapport_store_take_main_thread_queries:
 *
 * Returns: (transfer full) (element-type RapportTracedQuery): the
 *   statements recorded since the last call (at most 100,000), oldest first
 */
GPtrArray *
rapport_store_take_main_thread_queries (void)
{
  GPtrArray *queries;

  g_mutex_lock (&trace_lock);
  queries = g_steal_pointer (&traced);
  g_mutex_unlock (&trace_lock);

  if (queries == NULL)
    queries = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_traced_query_free);
  return queries;
}

static void
rapport_store_finalize (GObject *object)
{
  RapportStore *self = (RapportStore *)object;

  rapport_store_finish_checkpoints (self);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (rapport_store_parent_class)->finalize (object);
}

static void
rapport_store_class_init (RapportStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rapport_store_finalize;

  /**
   * RapportStore::changed:
   *
   * Emitted after a transaction that wrote to the book has been committed.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
rapport_store_init (RapportStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
}

/* @path with its symbolic links resolved as far as it exists. */
static char *
resolve_links (const char *path)
{
  g_autofree char *parent = NULL;
  g_autofree char *base = NULL;
  g_autofree char *resolved = NULL;
  char *real = realpath (path, NULL);

  if (real != NULL)
    return real;
  parent = g_path_get_dirname (path);
  if (strcmp (parent, path) == 0)
    return g_strdup (path);
  base = g_path_get_basename (path);
  resolved = resolve_links (parent);
  return g_build_filename (resolved, base, NULL);
}

/**
 * rapport_store_data_dir:
 *
 * The folder of the book and its backups.  Books are opened with
 * SQLITE_OPEN_NOFOLLOW, which refuses a link anywhere in the path; a data
 * folder reached through a link (a home on another disk, dotfiles kept
 * elsewhere) is the user's own set-up, so the folders are resolved here
 * and only the book file itself may not be a link.
 */
char *
rapport_store_data_dir (void)
{
  g_autofree char *data = resolve_links (g_get_user_data_dir ());

  return g_build_filename (data, "rapport", NULL);
}

char *
rapport_store_default_path (void)
{
  g_autofree char *dir = rapport_store_data_dir ();

  return g_build_filename (dir, "rapport.db", NULL);
}

static RapportStoreError
error_code_for_sqlite (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:     return RAPPORT_STORE_ERROR_NOT_A_DATABASE;
    case SQLITE_CORRUPT:    return RAPPORT_STORE_ERROR_CORRUPT;
    case SQLITE_READONLY:   return RAPPORT_STORE_ERROR_READ_ONLY;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:     return RAPPORT_STORE_ERROR_BUSY;
    case SQLITE_FULL:       return RAPPORT_STORE_ERROR_FULL;
    case SQLITE_CONSTRAINT: return RAPPORT_STORE_ERROR_CONSTRAINT;
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_PERM:       return RAPPORT_STORE_ERROR_IO;
    default:                return RAPPORT_STORE_ERROR_FAILED;
    }
}

static gboolean
set_error_for_db (sqlite3     *db,
                  const char  *path,
                  int          rc,
                  GError     **error,
                  const char  *context)
{
  RapportStoreError code = error_code_for_sqlite (rc);
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (code)
    {
    case RAPPORT_STORE_ERROR_NOT_A_DATABASE:
      g_set_error (error, RAPPORT_STORE_ERROR, code,
                   _("%s is not a Rapport database; it was left untouched"), path);
      break;
    case RAPPORT_STORE_ERROR_CORRUPT:
      g_set_error (error, RAPPORT_STORE_ERROR, code,
                   _("%s is damaged (%s); it was left untouched — restore a backup"),
                   path, detail);
      break;
    case RAPPORT_STORE_ERROR_READ_ONLY:
      g_set_error (error, RAPPORT_STORE_ERROR, code,
                   _("%s is read-only; Rapport cannot save changes to it"), path);
      break;
    case RAPPORT_STORE_ERROR_FULL:
      g_set_error (error, RAPPORT_STORE_ERROR, code,
                   _("The disk holding %s is full; nothing was changed"), path);
      break;
    case RAPPORT_STORE_ERROR_BUSY:
      g_set_error (error, RAPPORT_STORE_ERROR, code,
                   _("%s is busy in another program; try again"), path);
      break;
    default:
      g_set_error (error, RAPPORT_STORE_ERROR, code, "%s: %s", context, detail);
      break;
    }

  return FALSE;
}

/**
 * rapport_store_set_error:
 *
 * Turns an SQLite result code into a #GError with a sentence a user can act
 * on.  Always returns %FALSE so callers can `return rapport_store_set_error (…)`.
 */
gboolean
rapport_store_set_error (RapportStore  *self,
                         int            rc,
                         GError       **error,
                         const char    *context)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);

  return set_error_for_db (self->db, self->path, rc, error, context);
}

static gboolean
ensure_file (const char  *path,
             GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_IO,
                   _("Cannot create the data folder %s: %s"), dir, g_strerror (saved));
      return FALSE;
    }

  /* The book is opened with SQLITE_OPEN_NOFOLLOW (a link could lead the
   * book's writes anywhere), whose own error says only "unable to open
   * database file". */
  if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_IO,
                   _("%s is a symbolic link, and the book may not be one; "
                     "it was left untouched — put the book itself there"), path);
      return FALSE;
    }

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_A_DATABASE,
                   _("%s is a folder, not a Rapport database"), path);
      return FALSE;
    }

  /* Create the file ourselves so it is born 0600; SQLite would use 0644. */
  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0)
    {
      close (fd);
      return TRUE;
    }
  if (errno == EEXIST)
    {
      if (g_access (path, R_OK) != 0)
        {
          int saved = errno;
          g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_IO,
                       _("Cannot read %s: %s"), path, g_strerror (saved));
          return FALSE;
        }
      return TRUE;
    }

  {
    int saved = errno;
    g_set_error (error, RAPPORT_STORE_ERROR,
                 saved == EACCES || saved == EROFS ? RAPPORT_STORE_ERROR_READ_ONLY
                                                   : RAPPORT_STORE_ERROR_IO,
                 _("Cannot create %s: %s"), path, g_strerror (saved));
  }
  return FALSE;
}

static gboolean
query_int (sqlite3     *db,
           const char  *path,
           const char  *sql,
           int         *out,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out = sqlite3_column_int (stmt, 0);
      sqlite3_finalize (stmt);
      return TRUE;
    }
  set_error_for_db (db, path, rc, error, sql);
  sqlite3_finalize (stmt);
  return FALSE;
}

/* Looks at the file through a read-only connection, so that a file we must
 * refuse (another program's, a newer Rapport's, garbage) is never written to,
 * not even by switching it to WAL. */
static gboolean
inspect_read_only (const char  *path,
                   int         *version,
                   GError     **error)
{
  g_autoptr(GError) foreign = NULL;
  sqlite3 *db = NULL;
  int application_id = 0;
  int n_tables = 0;
  int rc;
  gboolean ok = FALSE;

  rc = rapport_sqlite_open (path, &db, SQLITE_OPEN_READONLY);
  if (rc != SQLITE_OK)
    {
      set_error_for_db (db, path, rc, error, "open");
      goto out;
    }
  /* As every other connection: a reader may find the book busy for a
   * moment (another connection's commit or checkpoint) as it starts. */
  rapport_sqlite_wait_when_busy (db, BUSY_WAIT_MS);

  if (!query_int (db, path, "SELECT count(*) FROM sqlite_master", &n_tables, error) ||
      !query_int (db, path, "PRAGMA user_version", version, error) ||
      !query_int (db, path, "PRAGMA application_id", &application_id, error))
    goto out;

  if (n_tables > 0 && application_id != RAPPORT_STORE_APPLICATION_ID)
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_A_DATABASE,
                   _("%s belongs to another program, not Rapport; it was left untouched"), path);
      goto out;
    }

  if (*version > RAPPORT_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NEWER_VERSION,
                   _("%s was written by a newer version of Rapport (schema %d, this version "
                     "reads up to %d); it was left untouched — update Rapport to open it"),
                   path, *version, RAPPORT_STORE_SCHEMA_VERSION);
      goto out;
    }

  if (n_tables > 0 && !rapport_schema_check_own (db, *version, &foreign))
    {
      g_set_error (error, RAPPORT_STORE_ERROR, foreign->code,
                   _("%s was left untouched: %s (a book may hold only what Rapport creates)"),
                   path, foreign->message);
      goto out;
    }

  ok = TRUE;

out:
  sqlite3_close_v2 (db);
  return ok;
}

static gboolean
migrate (RapportStore  *self,
         int            from_version,
         GError       **error)
{
  for (int version = from_version + 1; version <= (int) rapport_schema_n_migrations; version++)
    {
      g_autofree char *stamp = NULL;

      if (!rapport_store_begin (self, error))
        return FALSE;

      stamp = g_strdup_printf ("PRAGMA user_version = %d; PRAGMA application_id = %d;",
                               version, RAPPORT_STORE_APPLICATION_ID);
      if (!rapport_store_exec (self, rapport_schema_migrations[version - 1], error) ||
          !rapport_store_exec (self, stamp, error) ||
          !rapport_store_commit (self, error))
        {
          rapport_store_rollback (self);
          g_prefix_error (error, _("Cannot upgrade the book to version %d: "), version);
          return FALSE;
        }
    }

  return TRUE;
}

/* SQLite's own threshold: a commit that leaves this many frames in the WAL
 * asks for a checkpoint. */
#define CHECKPOINT_FRAMES 1000

/* Bytes of WAL file kept once it starts over: 32 MiB. */
#define WAL_SIZE_LIMIT 33554432

/* A checkpoint copies what the WAL holds back into the book, and a
 * committed transaction is safe in the WAL (synchronous = FULL) whether or
 * not it has been copied yet.  So it runs here, on a connection of its own:
 * PASSIVE, it neither waits for nor blocks the main connection, which may
 * read and write on meanwhile; what it cannot copy yet, a later one does. */
static void
checkpoint_in_thread (gpointer data,
                      gpointer user_data)
{
  RapportStore *self = user_data;
  sqlite3 *db = NULL;
  int rc;

  /* Commits from now on ask again: this pass may not see their frames. */
  g_atomic_int_set (&self->checkpoint_queued, FALSE);
  rc = rapport_sqlite_open (self->path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW);
  /* A connection only finds the WAL as it first reads the book; before,
   * SQLite's checkpoint does nothing and says it went well. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "PRAGMA schema_version", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_wal_checkpoint_v2 (db, "main", SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
  if (rc != SQLITE_OK)
    g_debug ("No checkpoint of %s this time: %s", self->path,
             db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  sqlite3_close_v2 (db);
  g_atomic_int_inc (&self->n_checkpoints);
}

/* SQLite's autocheckpoint would copy the WAL back into the book inside
 * the commit that filled it, on the thread that committed: after Done on
 * a summary of 50,000 check-ins, some 35,000 pages and the book's fsync,
 * half a second of the main thread's.  This hook, which replaces it, hands
 * that work to a worker instead. */
static int
on_wal_commit (void       *data,
               sqlite3    *db,
               const char *name,
               int         n_frames)
{
  RapportStore *self = data;

  if (n_frames >= CHECKPOINT_FRAMES &&
      g_atomic_int_compare_and_exchange (&self->checkpoint_queued, FALSE, TRUE))
    {
      if (self->checkpointer == NULL)
        self->checkpointer = g_thread_pool_new (checkpoint_in_thread, self, 1, FALSE, NULL);
      g_thread_pool_push (self->checkpointer, GINT_TO_POINTER (1), NULL);
    }
  return SQLITE_OK;
}

/**
 * rapport_store_finish_checkpoints:
 *
 * Waits for the checkpoints that commits have queued (see
 * on_wal_commit ()) to have run.  Closing the store does.
 *
 * Returns: how many have run on a worker since the store was opened
 */
guint
rapport_store_finish_checkpoints (RapportStore *self)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), 0);

  if (self->checkpointer != NULL)
    {
      g_thread_pool_free (self->checkpointer, FALSE, TRUE);
      self->checkpointer = NULL;
    }
  return g_atomic_int_get (&self->n_checkpoints);
}

/**
 * rapport_store_empty_wal:
 *
 * At quit: copies the WAL into the book and empties its file, unless
 * another connection is writing (it gives up after 100 ms).  A connection
 * still open at exit (a view's worker, say) keeps SQLite from doing so as
 * the last one closes, and the next start reads whatever the WAL holds
 * before its first query: 144 MB after Done on 50,000 check-ins.
 *
 * Returns: whether the WAL is empty now
 */
gboolean
rapport_store_empty_wal (RapportStore *self)
{
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);

  rapport_store_finish_checkpoints (self);
  rapport_sqlite_wait_when_busy (self->db, 100);
  rc = sqlite3_wal_checkpoint_v2 (self->db, "main", SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
  rapport_sqlite_wait_when_busy (self->db, BUSY_WAIT_MS);
  if (rc != SQLITE_OK)
    g_debug ("The WAL of %s stays: %s", self->path, sqlite3_errmsg (self->db));
  return rc == SQLITE_OK;
}

/**
 * rapport_store_open:
 * @path: the database file, created (0600, in a 0700 folder) if missing
 *
 * Opens the book, upgrading its schema if it is older.  A file that is not a
 * Rapport database, is damaged, read-only or from a newer version is refused
 * with a #RAPPORT_STORE_ERROR and left untouched.
 */
RapportStore *
rapport_store_open (const char  *path,
                    GError     **error)
{
  g_autoptr(RapportStore) self = NULL;
  int version = 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ensure_file (path, error) ||
      !inspect_read_only (path, &version, error))
    return NULL;

  self = g_object_new (RAPPORT_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  rc = rapport_sqlite_open (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW);
  if (rc != SQLITE_OK)
    {
      rapport_store_set_error (self, rc, error, "open");
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, TRUE);
  trace_connection (self->db);

  /* inspect_read_only () found nothing in the schema but Rapport's own
   * objects, and the book's FTS5 triggers only run on a trusted schema
   * (FTS5 is not marked innocuous), so this one connection trusts it. */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 1, NULL);

  if (sqlite3_db_readonly (self->db, "main") == 1 || g_access (path, W_OK) != 0)
    {
      rapport_store_set_error (self, SQLITE_READONLY, error, "open");
      return NULL;
    }

  rapport_sqlite_wait_when_busy (self->db, BUSY_WAIT_MS);
  if (!rapport_store_exec (self,
                           "PRAGMA foreign_keys = ON;"
                           "PRAGMA journal_mode = WAL;"
                           "PRAGMA synchronous = FULL;"
                           /* The WAL is kept at its largest and written
                            * over; past this it shrinks once a checkpoint
                            * lets a write start it over (an import of
                            * 100,000 customers left 171 MB beside the
                            * book for as long as the app ran). */
                           "PRAGMA journal_size_limit = " G_STRINGIFY (WAL_SIZE_LIMIT) ";",
                           error))
    return NULL;
  sqlite3_wal_hook (self->db, on_wal_commit, self);

  if (!migrate (self, version, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
rapport_store_get_path (RapportStore *self)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  return self->path;
}

int
rapport_store_get_schema_version (RapportStore *self)
{
  int version = -1;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), -1);

  if (!query_int (self->db, self->path, "PRAGMA user_version", &version, NULL))
    return -1;
  return version;
}

/**
 * rapport_store_get_db:
 *
 * The raw connection, for the core modules that build their own queries.
 * Always bind parameters; never format user data into SQL.
 */
sqlite3 *
rapport_store_get_db (RapportStore *self)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  return self->db;
}

/**
 * rapport_store_prepare:
 * @sql: a constant SQL text with `?` placeholders
 *
 * Returns: (transfer none): a cached statement, reset and unbound; hold it
 *   in a g_autoptr(RapportStmt) so it is reset again when done.
 */
RapportStmt *
rapport_store_prepare (RapportStore  *self,
                       const char    *sql,
                       GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      rapport_store_set_error (self, rc, error, sql);
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

/**
 * rapport_store_step_done:
 *
 * Steps a statement that returns no rows (INSERT, UPDATE, DELETE).
 */
gboolean
rapport_store_step_done (RapportStore  *self,
                         RapportStmt   *stmt,
                         GError       **error)
{
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;
  return rapport_store_set_error (self, rc, error, sqlite3_sql (stmt));
}

gboolean
rapport_store_exec (RapportStore  *self,
                    const char    *sql,
                    GError       **error)
{
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);

  rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return rapport_store_set_error (self, rc, error, "exec");
  return TRUE;
}

/* Whether @name is a plain SQL identifier: the id sets' tables are named
 * in the code, and a name is not a value that can be bound. */
static gboolean
is_identifier (const char *name)
{
  if (name == NULL || !(g_ascii_isalpha (*name) || *name == '_'))
    return FALSE;
  for (; *name != '\0'; name++)
    if (!g_ascii_isalnum (*name) && *name != '_')
      return FALSE;
  return TRUE;
}

/**
 * rapport_store_fill_id_set:
 * @table: the temporary table's name, an identifier from the code
 * @ids: (array length=n_ids): the ids, in any order, repeats allowed
 *
 * Makes temp.@table (`id INTEGER PRIMARY KEY`) hold exactly @ids, for
 * statements that join with a set of ids too large to bind one by one.
 * Call it inside a transaction.
 */
gboolean
rapport_store_fill_id_set (RapportStore  *self,
                           const char    *table,
                           const gint64  *ids,
                           guint          n_ids,
                           GError       **error)
{
  g_autofree char *create = NULL;
  g_autofree char *insert = NULL;
  g_autoptr(RapportStmt) stmt = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (is_identifier (table), FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);

  create = g_strdup_printf ("CREATE TEMP TABLE IF NOT EXISTS %s (id INTEGER PRIMARY KEY);"
                            "DELETE FROM temp.%s;", table, table);
  insert = g_strdup_printf ("INSERT OR IGNORE INTO temp.%s VALUES (?)", table);
  if (!rapport_store_exec (self, create, error) ||
      (stmt = rapport_store_prepare (self, insert, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < n_ids; i++)
    {
      sqlite3_bind_int64 (stmt, 1, ids[i]);
      if (!rapport_store_step_done (self, stmt, error))
        return FALSE;
      sqlite3_reset (stmt);
    }
  return TRUE;
}

/**
 * rapport_store_begin:
 *
 * Starts a write transaction, or a savepoint inside one already open.
 * Pair every successful call with rapport_store_commit() or
 * rapport_store_rollback().
 */
gboolean
rapport_store_begin (RapportStore  *self,
                     GError       **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);

  sql = self->depth == 0 ? g_strdup ("BEGIN IMMEDIATE")
                         : g_strdup_printf ("SAVEPOINT rapport_%u", self->depth);
  if (!rapport_store_exec (self, sql, error))
    return FALSE;
  self->depth++;
  return TRUE;
}

gboolean
rapport_store_commit (RapportStore  *self,
                      GError       **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  sql = self->depth == 1 ? g_strdup ("COMMIT")
                         : g_strdup_printf ("RELEASE rapport_%u", self->depth - 1);
  if (!rapport_store_exec (self, sql, error))
    return FALSE;
  self->depth--;

  if (self->depth == 0)
    rapport_store_notify_changed (self);
  return TRUE;
}

void
rapport_store_rollback (RapportStore *self)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (RAPPORT_IS_STORE (self));

  if (self->depth == 0)
    return;

  if (self->depth == 1)
    sql = g_strdup ("ROLLBACK");
  else
    sql = g_strdup_printf ("ROLLBACK TO rapport_%u; RELEASE rapport_%u",
                           self->depth - 1, self->depth - 1);

  /* A failed COMMIT may already have ended the transaction. */
  if (sqlite3_get_autocommit (self->db) == 0)
    sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  self->depth--;
}

gboolean
rapport_store_in_transaction (RapportStore *self)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);

  return self->depth > 0;
}

void
rapport_store_notify_changed (RapportStore *self)
{
  g_return_if_fail (RAPPORT_IS_STORE (self));

  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * rapport_store_write_id:
 * @sql: one statement whose only parameter is an id ("DELETE FROM sale WHERE id = ?")
 *
 * Runs @sql for @id in a transaction of its own (or a savepoint inside one).
 */
gboolean
rapport_store_write_id (RapportStore  *self,
                        const char    *sql,
                        gint64         id,
                        GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);

  if (!rapport_store_begin (self, error))
    return FALSE;

  stmt = rapport_store_prepare (self, sql, error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!rapport_store_step_done (self, stmt, error))
    goto failed;
  g_clear_pointer (&stmt, rapport_stmt_release);

  if (!rapport_store_commit (self, error))
    goto failed;
  return TRUE;

failed:
  rapport_store_rollback (self);
  return FALSE;
}

/**
 * rapport_store_open_reader:
 * @path: a book that rapport_store_open () has opened, so its schema is current
 *
 * Opens a read-only connection to the book for a worker thread: WAL lets
 * it read while the main connection writes, so the main loop never waits
 * on a long query.  The core's read functions take it as they take the
 * main store.  One thread at a time may use a reader; it cannot write and
 * never emits #RapportStore::changed.
 */
RapportStore *
rapport_store_open_reader (const char  *path,
                           GError     **error)
{
  g_autoptr(RapportStore) self = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (RAPPORT_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  /* Hardened, and distrusting the schema: reads fire no trigger. */
  rc = rapport_sqlite_open (path, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW);
  if (rc != SQLITE_OK)
    {
      rapport_store_set_error (self, rc, error, "open");
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, TRUE);
  rapport_sqlite_wait_when_busy (self->db, BUSY_WAIT_MS);
  trace_connection (self->db);
  return g_steal_pointer (&self);
}
