/* rapport-backup-restore.c: putting a backup in the book's place
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The backup is checked through a read-only connection before anything
 * else happens; the current book is kept in the backups folder before it
 * is replaced; anything refused leaves the book as it was.
 */

#define G_LOG_DOMAIN "rapport-backup"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rapport-backup-private.h"
#include "rapport-schema.h"

#define SQLITE_HEADER_SIZE 100
#define SQLITE_MAGIC       "SQLite format 3"

static gboolean
read_header (const char  *path,
             guint8       header[SQLITE_HEADER_SIZE],
             gssize      *length,
             GError     **error)
{
  struct stat st;
  int fd;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error_literal (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_A_DATABASE,
                           _("that is a folder"));
      return FALSE;
    }

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0 && errno == ENOENT)
    {
      g_set_error_literal (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND,
                           _("the file does not exist"));
      return FALSE;
    }
  if (fd < 0)
    return _rapport_backup_set_errno_reason (error, errno);

  /* Checked before a byte is read: SQLite's integrity check would read a
   * huge file whole. */
  if (fstat (fd, &st) == 0 && st.st_size > RAPPORT_BACKUP_MAX_SIZE)
    {
      g_autofree char *size = g_format_size_full (st.st_size, G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *limit = g_format_size_full (RAPPORT_BACKUP_MAX_SIZE, G_FORMAT_SIZE_IEC_UNITS);

      close (fd);
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                   _("it is %s, more than the limit of %s for a book"), size, limit);
      return FALSE;
    }

  do
    *length = read (fd, header, SQLITE_HEADER_SIZE);
  while (*length < 0 && errno == EINTR);
  close (fd);

  if (*length < 0)
    return _rapport_backup_set_errno_reason (error, errno);
  return TRUE;
}

/* Opens the backup read-only, never writing beside it: a WAL-mode file
 * (a copy of a live book) would make SQLite create -wal and -shm files next
 * to it, so one with no -wal of its own is opened as immutable instead. */
static sqlite3 *
open_backup (const char  *path,
             GError     **error)
{
  guint8 header[SQLITE_HEADER_SIZE];
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *name = NULL;
  gssize length = 0;
  sqlite3 *db = NULL;
  int rc;

  if (!read_header (path, header, &length, error))
    return NULL;

  if (length < (gssize) sizeof SQLITE_MAGIC || memcmp (header, SQLITE_MAGIC, sizeof SQLITE_MAGIC) != 0)
    {
      g_set_error_literal (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_A_DATABASE,
                           _("it is not a Rapport backup"));
      return NULL;
    }
  if (length < SQLITE_HEADER_SIZE)
    {
      g_set_error_literal (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_CORRUPT,
                           _("the file is damaged (cut short)"));
      return NULL;
    }

  if ((header[18] == 2 || header[19] == 2) && !g_file_test (wal, G_FILE_TEST_EXISTS))
    {
      g_autofree char *absolute = g_canonicalize_filename (path, NULL);
      g_autofree char *uri = g_filename_to_uri (absolute, NULL, NULL);

      name = g_strconcat (uri, "?immutable=1", NULL);
    }
  else
    name = g_strdup (path);

  rc = rapport_sqlite_open (name, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
  if (rc == SQLITE_OK)
    return db;

  _rapport_backup_set_sqlite_reason (error, db, rc);
  sqlite3_close_v2 (db);
  return NULL;
}

static int
query_int (sqlite3    *db,
           const char *sql,
           int        *out)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out = sqlite3_column_int (stmt, 0);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  return rc;
}

static gboolean
set_backup_reason (GError  **error,
                   sqlite3  *db,
                   int       rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
      g_set_error_literal (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_A_DATABASE,
                           _("it is not a Rapport backup"));
      return FALSE;
    case SQLITE_CORRUPT:
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_CORRUPT,
                   _("the file is damaged (%s)"), sqlite3_errmsg (db));
      return FALSE;
    default:
      return _rapport_backup_set_sqlite_reason (error, db, rc);
    }
}

static gboolean
check_integrity (sqlite3  *db,
                 GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA integrity_check (1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);

  if (rc != SQLITE_ROW)
    set_backup_reason (error, db, rc);
  else if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_CORRUPT,
                 _("the file is damaged (%s)"), sqlite3_column_text (stmt, 0));
  else
    ok = TRUE;

  sqlite3_finalize (stmt);
  return ok;
}

/* Leaves @db inside a read transaction, so the copy made afterwards is
 * exactly the data checked here. */
static gboolean
check_backup (sqlite3  *db,
              GError  **error)
{
  int n_objects = 0;
  int application_id = 0;
  int version = 0;
  int rc;

  rc = sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = query_int (db, "SELECT count(*) FROM sqlite_master", &n_objects);
  if (rc == SQLITE_OK)
    rc = query_int (db, "PRAGMA application_id", &application_id);
  if (rc == SQLITE_OK)
    rc = query_int (db, "PRAGMA user_version", &version);
  if (rc != SQLITE_OK)
    return set_backup_reason (error, db, rc);

  if (application_id != RAPPORT_STORE_APPLICATION_ID)
    {
      g_set_error_literal (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_A_DATABASE,
                           n_objects > 0 ? _("it belongs to another program, not Rapport")
                                         : _("it is not a Rapport backup"));
      return FALSE;
    }

  if (version > RAPPORT_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NEWER_VERSION,
                   _("it was written by a newer version of Rapport (schema %d, this version "
                     "reads up to %d) — update Rapport to restore it"),
                   version, RAPPORT_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  /* Triggers and views are code: only Rapport's own may come in. */
  return rapport_schema_check_own (db, version, error) &&
         check_integrity (db, error);
}

/* Another connection (a running Rapport) would go on writing to the old
 * file after it is replaced, and those changes would vanish.  WAL-mode
 * connections hold a shared lock for as long as they are open, so an
 * exclusive lock is only granted when nobody else has the book open. */
static gboolean
book_in_use (const char  *book,
             GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  rc = rapport_sqlite_open (book, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT;",
                       NULL, NULL, NULL);
  sqlite3_close_v2 (db);

  /* Any other failure (a damaged book, say) is for keep_book () to handle. */
  if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
    return FALSE;

  g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_BUSY,
               _("the book %s is open in Rapport or another program; quit it and try again"),
               book);
  return TRUE;
}

static char *
kept_path_in (const char *backups_dir)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

  for (guint n = 1; ; n++)
    {
      g_autofree char *name = n == 1 ? g_strdup_printf ("before-restore-%s.db", stamp)
                                     : g_strdup_printf ("before-restore-%s-%u.db", stamp, n);
      g_autofree char *path = g_build_filename (backups_dir, name, NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&path);
    }
}

/* A book Rapport cannot open (damaged, newer, another program's) is kept
 * as it is, file by file; the main file goes last, as the commit. */
static gboolean
keep_book_files (const char  *book,
                 const char  *kept,
                 GError     **error)
{
  static const char * const companions[] = { "-wal", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *from = g_strconcat (book, companions[i], NULL);
      g_autofree char *to = g_strconcat (kept, companions[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS) && !_rapport_backup_copy_file (from, to, error))
        {
          _rapport_backup_remove_database_files (kept);
          return FALSE;
        }
    }

  if (_rapport_backup_copy_file (book, kept, error))
    return TRUE;
  _rapport_backup_remove_database_files (kept);
  return FALSE;
}

static gboolean
keep_book (const char  *book,
           char       **kept_out,
           GError     **error)
{
  g_autofree char *book_dir = g_path_get_dirname (book);
  g_autofree char *backups_dir = g_build_filename (book_dir, "backups", NULL);
  g_autofree char *kept = NULL;
  g_autoptr(GError) open_error = NULL;
  g_autoptr(RapportStore) store = NULL;

  if (g_mkdir_with_parents (backups_dir, 0700) != 0)
    {
      _rapport_backup_set_errno_reason (error, errno);
      g_prefix_error (error, _("cannot create the backups folder %s: "), backups_dir);
      return FALSE;
    }

  kept = kept_path_in (backups_dir);
  store = rapport_store_open (book, &open_error);
  if (store != NULL ? !rapport_backup_write (store, kept, error)
                    : !keep_book_files (book, kept, error))
    {
      g_prefix_error (error, _("cannot keep a copy of the current book: "));
      return FALSE;
    }

  if (open_error != NULL)
    g_debug ("Kept the current book file by file: %s", open_error->message);
  *kept_out = g_steal_pointer (&kept);
  return TRUE;
}

static gboolean
restore_checked (sqlite3     *backup,
                 const char  *book_path,
                 char       **kept,
                 GError     **error)
{
  g_autofree char *book_dir = g_path_get_dirname (book_path);
  g_autofree char *temp = NULL;

  if (g_mkdir_with_parents (book_dir, 0700) != 0)
    return _rapport_backup_set_errno_reason (error, errno);

  temp = _rapport_backup_copy_to_temp (backup, book_path, error);
  if (temp == NULL)
    return FALSE;

  if (g_file_test (book_path, G_FILE_TEST_EXISTS) &&
      (book_in_use (book_path, error) || !keep_book (book_path, kept, error)))
    {
      _rapport_backup_remove_database_files (temp);
      return FALSE;
    }

  /* The old book is safely kept: its leftover -wal or -journal must go
   * before the new file takes its name, or SQLite would replay them onto
   * the restored pages. */
  _rapport_backup_remove_companions (book_path);
  return _rapport_backup_install_temp (temp, book_path, error);
}

/**
 * rapport_backup_restore_full:
 * @book_path: the book to replace; it must not be open, even by this process
 * @backup_path: a backup written by Rapport (any schema up to ours)
 * @kept_path: (out) (optional): where the previous book was kept, or %NULL
 *   if there was none
 *
 * Checks the backup (an intact SQLite file of Rapport's, not from a newer
 * version), keeps the current book in the backups folder beside it, and
 * puts the backup in its place.  Anything refused leaves the book as it
 * was.  Open the book afterwards with rapport_store_open(), which upgrades
 * an older schema.
 */
gboolean
rapport_backup_restore_full (const char  *book_path,
                             const char  *backup_path,
                             char       **kept_path,
                             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *kept = NULL;
  sqlite3 *backup = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (book_path != NULL, FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (_rapport_backup_same_file (book_path, backup_path))
    g_set_error_literal (&local_error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                         _("it is the book itself"));
  else if ((backup = open_backup (backup_path, &local_error)) != NULL &&
           check_backup (backup, &local_error))
    ok = restore_checked (backup, book_path, &kept, &local_error);
  sqlite3_close_v2 (backup);

  if (!ok)
    {
      g_set_error (error, RAPPORT_STORE_ERROR, local_error->code,
                   _("Cannot restore %s: %s; your book was left untouched"),
                   backup_path, local_error->message);
      return FALSE;
    }

  if (kept_path != NULL)
    *kept_path = g_steal_pointer (&kept);
  return TRUE;
}

/**
 * rapport_backup_restore:
 *
 * rapport_backup_restore_full() for callers that need not name the kept copy.
 */
gboolean
rapport_backup_restore (const char  *book_path,
                        const char  *backup_path,
                        GError     **error)
{
  return rapport_backup_restore_full (book_path, backup_path, NULL, error);
}

