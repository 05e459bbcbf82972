/* rapport-backup.c: consistent copies of the book
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every file written by the backup code is born 0600 under a temporary name
 * in its final folder, synced, then renamed into place: a reader sees the
 * old file or the whole new one, never half of one, and a failure leaves
 * nothing behind.  Restoring (rapport-backup-restore.c) and the daily
 * rotation (rapport-backup-rotate.c) build on the helpers here.
 *
 * The helpers report only the reason ("the disk is full"); the public
 * functions say what could not be done.
 */

#define G_LOG_DOMAIN "rapport-backup"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "rapport-backup-private.h"

/* Pages per sqlite3_backup_step (): the copy advances in chunks so that a
 * BUSY from a writer costs a short wait, not a restart from scratch. */
#define PAGES_PER_STEP       256
#define BUSY_SLEEP_USEC      (20 * 1000)
#define BUSY_GIVE_UP_USEC    (10 * G_USEC_PER_SEC)
#define BOOK_BUSY_TIMEOUT_MS 5000

char *
rapport_backup_default_dir (void)
{
  g_autofree char *dir = rapport_store_data_dir ();

  return g_build_filename (dir, "backups", NULL);
}

gboolean
_rapport_backup_set_errno_reason (GError **error,
                                  int      saved_errno)
{
  if (saved_errno == ENOSPC || saved_errno == EDQUOT)
    g_set_error_literal (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_FULL,
                         _("the disk is full"));
  else
    g_set_error_literal (error, RAPPORT_STORE_ERROR,
                         saved_errno == EACCES || saved_errno == EPERM || saved_errno == EROFS
                           ? RAPPORT_STORE_ERROR_READ_ONLY : RAPPORT_STORE_ERROR_IO,
                         g_strerror (saved_errno));
  return FALSE;
}

/* For errors while writing a copy: the destination's side of things. */
gboolean
_rapport_backup_set_sqlite_reason (GError  **error,
                                   sqlite3  *db,
                                   int       rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      return _rapport_backup_set_errno_reason (error, ENOSPC);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error_literal (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_BUSY,
                           _("the book stayed busy in another program; try again"));
      return FALSE;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_CORRUPT,
                   _("the book is damaged (%s)"), db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      return FALSE;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
      if (db != NULL && sqlite3_system_errno (db) != 0)
        return _rapport_backup_set_errno_reason (error, sqlite3_system_errno (db));
      G_GNUC_FALLTHROUGH;
    default:
      g_set_error_literal (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_IO,
                           db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      return FALSE;
    }
}

static void
remove_files (const char         *path,
              const char * const *suffixes,
              guint               n_suffixes)
{
  for (guint i = 0; i < n_suffixes; i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (g_unlink (file) != 0 && errno != ENOENT)
        g_warning ("Cannot remove %s: %s", file, g_strerror (errno));
    }
}

/* What SQLite keeps beside a database while it is open or after a crash. */
void
_rapport_backup_remove_companions (const char *path)
{
  static const char * const suffixes[] = { "-journal", "-wal", "-shm" };

  remove_files (path, suffixes, G_N_ELEMENTS (suffixes));
}

void
_rapport_backup_remove_database_files (const char *path)
{
  static const char * const suffixes[] = { "", "-journal", "-wal", "-shm" };

  remove_files (path, suffixes, G_N_ELEMENTS (suffixes));
}

/* Creates an empty file beside @path under a fresh name.  We create it
 * ourselves, exclusively, so it is born 0600 (SQLite would make it 0644)
 * and we never adopt a file someone else put there. */
static char *
create_temp_beside (const char  *path,
                    int         *fd_out,
                    GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);

  for (guint attempt = 0; attempt < 100; attempt++)
    {
      g_autofree char *name = g_strdup_printf (".%s" RAPPORT_BACKUP_TEMP_INFIX "%06x",
                                               base, (guint) g_random_int_range (0, 0x1000000));
      g_autofree char *temp = g_build_filename (dir, name, NULL);
      int fd = g_open (temp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);

      if (fd >= 0)
        {
          if (fd_out != NULL)
            *fd_out = fd;
          else
            close (fd);
          return g_steal_pointer (&temp);
        }
      if (errno != EEXIST)
        {
          _rapport_backup_set_errno_reason (error, errno);
          return NULL;
        }
    }

  _rapport_backup_set_errno_reason (error, EEXIST);
  return NULL;
}

static gboolean
sync_path (const char  *path,
           GError     **error)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  int saved;

  if (fd < 0)
    return _rapport_backup_set_errno_reason (error, errno);
  if (fsync (fd) == 0)
    {
      close (fd);
      return TRUE;
    }
  saved = errno;
  close (fd);
  return _rapport_backup_set_errno_reason (error, saved);
}

/* Renames a finished temporary file over @dest; on failure it is removed. */
gboolean
_rapport_backup_install_temp (const char  *temp,
                              const char  *dest,
                              GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (dest);
  g_autoptr(GError) sync_error = NULL;

  if (g_rename (temp, dest) != 0)
    {
      int saved = errno;

      _rapport_backup_remove_database_files (temp);
      return _rapport_backup_set_errno_reason (error, saved);
    }

  /* The file is complete and in place; only the folder entry might not
   * have reached the disk yet, which is worth a warning, not a failure. */
  if (!sync_path (dir, &sync_error))
    g_warning ("Cannot sync the folder %s: %s", dir, sync_error->message);
  return TRUE;
}

static gboolean
check_destination (const char  *path,
                   GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (!g_file_test (dir, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND,
                   _("the folder %s does not exist"), dir);
      return FALSE;
    }
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_IO,
                   _("%s is not a folder"), dir);
      return FALSE;
    }
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error_literal (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_IO,
                           _("that is a folder"));
      return FALSE;
    }
  return TRUE;
}

gboolean
_rapport_backup_same_file (const char *a,
                           const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 &&
         sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* Copies until done.  A BUSY or LOCKED source is waited for, a little at a
 * time, and given up on only when no page has moved for a while. */
static int
run_backup (sqlite3 *dest,
            sqlite3 *source)
{
  sqlite3_backup *backup = sqlite3_backup_init (dest, "main", source, "main");
  gint64 give_up = g_get_monotonic_time () + BUSY_GIVE_UP_USEC;
  int finish_rc;
  int rc;

  if (backup == NULL)
    return sqlite3_errcode (dest);

  for (;;)
    {
      rc = sqlite3_backup_step (backup, PAGES_PER_STEP);
      if (rc == SQLITE_OK)
        give_up = g_get_monotonic_time () + BUSY_GIVE_UP_USEC;
      else if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) &&
               g_get_monotonic_time () < give_up)
        g_usleep (BUSY_SLEEP_USEC);
      else
        break;
    }

  /* finish () repeats a step's I/O error, but not BUSY: keep ours. */
  finish_rc = sqlite3_backup_finish (backup);
  return rc == SQLITE_DONE ? finish_rc : rc;
}

/* The copy has the book's WAL flag in its header; turning it into a plain
 * rollback-journal database makes it one self-contained file. */
static int
set_rollback_journal (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA journal_mode = DELETE", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    rc = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "delete") == 0
           ? SQLITE_OK : SQLITE_ERROR;
  sqlite3_finalize (stmt);
  return rc;
}

/* Copies the database open on @source into a new temporary file beside
 * @dest, synced to disk.  Returns its name; on failure nothing is left. */
char *
_rapport_backup_copy_to_temp (sqlite3     *source,
                              const char  *dest,
                              GError     **error)
{
  g_autofree char *temp = create_temp_beside (dest, NULL, error);
  sqlite3 *copy = NULL;
  gboolean ok;
  int rc;

  if (temp == NULL)
    return NULL;

  rc = rapport_sqlite_open (temp, &copy, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW);
  if (rc == SQLITE_OK)
    rc = run_backup (copy, source);
  if (rc == SQLITE_OK)
    rc = set_rollback_journal (copy);

  ok = rc == SQLITE_OK || _rapport_backup_set_sqlite_reason (error, copy, rc);
  sqlite3_close_v2 (copy);
  ok = ok && sync_path (temp, error);

  if (!ok)
    {
      _rapport_backup_remove_database_files (temp);
      return NULL;
    }
  return g_steal_pointer (&temp);
}

/* A connection of our own, holding one read transaction for the whole
 * copy: the book is in WAL mode, so the app's writers carry on meanwhile
 * and the copy is the book exactly as it was when the transaction began. */
static sqlite3 *
open_book_snapshot (const char  *book,
                    GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  rc = rapport_sqlite_open (book, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW);
  if (rc == SQLITE_OK)
    {
      rapport_sqlite_wait_when_busy (db, BOOK_BUSY_TIMEOUT_MS);
      rc = sqlite3_exec (db,
                         "PRAGMA query_only = ON;"
                         "BEGIN;"
                         "SELECT count(*) FROM sqlite_master;",
                         NULL, NULL, NULL);
    }
  if (rc == SQLITE_OK)
    return db;

  _rapport_backup_set_sqlite_reason (error, db, rc);
  g_prefix_error (error, _("cannot read the book %s: "), book);
  sqlite3_close_v2 (db);
  return NULL;
}

/**
 * rapport_backup_write:
 * @store: the open book
 * @path: the backup file to write; its folder must exist
 *
 * Writes a consistent copy of the book to @path (0600, a plain
 * rollback-journal database), replacing any file there only once the copy
 * is complete and on disk.  The copy reads through a connection of its own,
 * so it may run in a thread while the app keeps using @store.
 */
gboolean
rapport_backup_write (RapportStore  *store,
                      const char    *path,
                      GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *temp = NULL;
  const char *book;
  sqlite3 *source;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  book = rapport_store_get_path (store);

  if (_rapport_backup_same_file (path, book))
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                   _("Cannot write the backup over the book itself (%s); choose another file"),
                   path);
      return FALSE;
    }

  if (check_destination (path, &local_error) &&
      (source = open_book_snapshot (book, &local_error)) != NULL)
    {
      temp = _rapport_backup_copy_to_temp (source, path, &local_error);
      sqlite3_close_v2 (source);
    }

  if (temp != NULL && _rapport_backup_install_temp (temp, path, &local_error))
    return TRUE;

  g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                              _("Cannot write the backup to %s: "), path);
  return FALSE;
}

static gboolean
write_all (int          fd,
           const char  *data,
           gssize       length,
           GError     **error)
{
  while (length > 0)
    {
      gssize written = write (fd, data, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written < 0)
        return _rapport_backup_set_errno_reason (error, errno);
      data += written;
      length -= written;
    }
  return TRUE;
}

static gboolean
copy_fd (int       from,
         int       to,
         GError  **error)
{
  char buffer[64 * 1024];

  for (;;)
    {
      gssize n = read (from, buffer, sizeof buffer);

      if (n == 0)
        break;
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return _rapport_backup_set_errno_reason (error, errno);
      if (!write_all (to, buffer, n, error))
        return FALSE;
    }

  if (fsync (to) != 0)
    return _rapport_backup_set_errno_reason (error, errno);
  return TRUE;
}

/* Copies a file byte for byte, the same careful way. */
gboolean
_rapport_backup_copy_file (const char  *source,
                           const char  *dest,
                           GError     **error)
{
  g_autofree char *temp = NULL;
  gboolean ok;
  int from, to = -1;

  from = g_open (source, O_RDONLY | O_CLOEXEC, 0);
  if (from < 0)
    return _rapport_backup_set_errno_reason (error, errno);

  temp = create_temp_beside (dest, &to, error);
  ok = temp != NULL && copy_fd (from, to, error);
  if (to >= 0 && close (to) != 0 && ok)
    ok = _rapport_backup_set_errno_reason (error, errno);
  close (from);

  if (!ok)
    {
      if (temp != NULL)
        g_unlink (temp);
      return FALSE;
    }
  return _rapport_backup_install_temp (temp, dest, error);
}

