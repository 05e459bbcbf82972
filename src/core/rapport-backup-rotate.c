/* rapport-backup-rotate.c: the automatic daily and weekly backups
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only files named exactly as this code names them are ever removed from
 * the backups folder: whatever else a user keeps there is left alone.
 */

#define G_LOG_DOMAIN "rapport-backup"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "rapport-backup-private.h"
#include "rapport-time.h"

/* A temporary file of ours this old was left behind by a crash. */
#define STALE_TEMP_AGE_USEC ((gint64) 24 * 60 * 60 * G_USEC_PER_SEC)

typedef struct
{
  int         week;         /* ISO year * 100 + ISO week */
  const char *weekly;       /* its weekly file, if there is one */
  const char *first_daily;  /* its earliest daily file, if any */
  int         first_day;
} Week;

static gboolean
read_digits (const char *text,
             guint       n,
             int        *value)
{
  *value = 0;
  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      *value = *value * 10 + (text[i] - '0');
    }
  return TRUE;
}

/* "daily-YYYY-MM-DD.db" → YYYYMMDD, or 0 if @name is not exactly that. */
static int
parse_daily (const char *name)
{
  int year, month, day;

  if (strlen (name) != strlen ("daily-2026-01-01.db") ||
      !g_str_has_prefix (name, "daily-") || !g_str_has_suffix (name, ".db") ||
      name[10] != '-' || name[13] != '-' ||
      !read_digits (name + 6, 4, &year) ||
      !read_digits (name + 11, 2, &month) ||
      !read_digits (name + 14, 2, &day) ||
      !g_date_valid_dmy (day, month, year))
    return 0;
  return year * 10000 + month * 100 + day;
}

/* "weekly-YYYY-Www.db" → YYYYww, or 0 if @name is not exactly that. */
static int
parse_weekly (const char *name)
{
  int year, week;

  if (strlen (name) != strlen ("weekly-2026-W01.db") ||
      !g_str_has_prefix (name, "weekly-") || !g_str_has_suffix (name, ".db") ||
      name[11] != '-' || name[12] != 'W' ||
      !read_digits (name + 7, 4, &year) || year < 1 ||
      !read_digits (name + 13, 2, &week) || week < 1 || week > 53)
    return 0;
  return year * 100 + week;
}

static int
iso_week_of_day (int day_key)
{
  g_autoptr(GDateTime) noon = g_date_time_new_utc (day_key / 10000, day_key / 100 % 100,
                                                   day_key % 100, 12, 0, 0);

  return g_date_time_get_week_numbering_year (noon) * 100 + g_date_time_get_week_of_year (noon);
}

/* A temporary file of ours a crash left behind: ".daily-….db.tmp-XXXXXX". */
static gboolean
is_stale_temp (const char *dir,
               const char *name)
{
  g_autofree char *final = NULL;
  g_autofree char *path = NULL;
  const char *infix = strstr (name, RAPPORT_BACKUP_TEMP_INFIX);
  GStatBuf st;

  if (name[0] != '.' || infix == NULL || strlen (infix) != strlen (RAPPORT_BACKUP_TEMP_INFIX) + 6)
    return FALSE;
  final = g_strndup (name + 1, infix - name - 1);
  if (parse_daily (final) == 0 && parse_weekly (final) == 0)
    return FALSE;

  path = g_build_filename (dir, name, NULL);
  return g_lstat (path, &st) == 0 &&
         (gint64) st.st_mtime * G_USEC_PER_SEC < g_get_real_time () - STALE_TEMP_AGE_USEC;
}

static gboolean
remove_backup (const char  *dir,
               const char  *name,
               GError     **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  if (g_unlink (path) == 0 || errno == ENOENT)
    return TRUE;

  _rapport_backup_set_errno_reason (error, errno);
  g_prefix_error (error, _("Cannot remove the old backup %s: "), path);
  return FALSE;
}

static Week *
find_week (GArray *weeks,
           int     week)
{
  Week fresh = { week, NULL, NULL, G_MAXINT };

  for (guint i = 0; i < weeks->len; i++)
    if (g_array_index (weeks, Week, i).week == week)
      return &g_array_index (weeks, Week, i);

  g_array_append_val (weeks, fresh);
  return &g_array_index (weeks, Week, weeks->len - 1);
}

static int
compare_weeks_newest_first (gconstpointer a,
                            gconstpointer b)
{
  return ((const Week *) b)->week - ((const Week *) a)->week;
}

static int
compare_dailies_newest_first (gconstpointer a,
                              gconstpointer b)
{
  return parse_daily (*(char * const *) b) - parse_daily (*(char * const *) a);
}

/* Each of the newest weeks keeps a weekly file, made from the week's first
 * daily if it has none yet; older weekly files go. */
static gboolean
rotate_weeklies (const char  *dir,
                 GPtrArray   *names,
                 GError     **error)
{
  g_autoptr(GArray) weeks = g_array_new (FALSE, FALSE, sizeof (Week));

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      int day = parse_daily (name);
      int week = parse_weekly (name);

      if (week != 0)
        find_week (weeks, week)->weekly = name;
      else if (day != 0)
        {
          Week *w = find_week (weeks, iso_week_of_day (day));

          if (day < w->first_day)
            {
              w->first_day = day;
              w->first_daily = name;
            }
        }
    }

  g_array_sort (weeks, compare_weeks_newest_first);

  for (guint i = 0; i < weeks->len; i++)
    {
      const Week *w = &g_array_index (weeks, Week, i);

      if (i >= RAPPORT_BACKUP_N_WEEKLY)
        {
          if (w->weekly != NULL && !remove_backup (dir, w->weekly, error))
            return FALSE;
        }
      else if (w->weekly == NULL)
        {
          g_autofree char *name = g_strdup_printf ("weekly-%04d-W%02d.db", w->week / 100, w->week % 100);
          g_autofree char *from = g_build_filename (dir, w->first_daily, NULL);
          g_autofree char *to = g_build_filename (dir, name, NULL);

          if (!_rapport_backup_copy_file (from, to, error))
            {
              g_prefix_error (error, _("Cannot write the weekly backup %s: "), to);
              return FALSE;
            }
        }
    }

  return TRUE;
}

static gboolean
rotate_dailies (const char  *dir,
                GPtrArray   *names,
                GError     **error)
{
  g_autoptr(GPtrArray) dailies = g_ptr_array_new ();

  for (guint i = 0; i < names->len; i++)
    if (parse_daily (g_ptr_array_index (names, i)) != 0)
      g_ptr_array_add (dailies, g_ptr_array_index (names, i));

  g_ptr_array_sort (dailies, compare_dailies_newest_first);

  for (guint i = RAPPORT_BACKUP_N_DAILY; i < dailies->len; i++)
    if (!remove_backup (dir, g_ptr_array_index (dailies, i), error))
      return FALSE;
  return TRUE;
}

static GPtrArray *
list_folder (const char  *dir,
             GError     **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) folder = g_dir_open (dir, 0, error);
  const char *name;

  if (folder == NULL)
    return NULL;

  while ((name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      GStatBuf st;

      /* A folder or a link that happens to be named like ours is not ours. */
      if (g_lstat (path, &st) != 0 || !S_ISREG (st.st_mode))
        continue;
      if (is_stale_temp (dir, name))
        remove_backup (dir, name, NULL);
      else
        g_ptr_array_add (names, g_strdup (name));
    }
  return g_steal_pointer (&names);
}

/**
 * rapport_backup_rotate:
 * @backups_dir: the folder of automatic backups, created 0700 if missing
 * @now: the current time (a parameter so tests can live through 60 days)
 *
 * Writes today's `daily-YYYY-MM-DD.db` (local date) unless it exists,
 * gives each of the newest #RAPPORT_BACKUP_N_WEEKLY ISO weeks a
 * `weekly-YYYY-Www.db` made from its first daily, and removes dailies
 * beyond the newest #RAPPORT_BACKUP_N_DAILY and older weeklies.  Files not
 * named exactly so are never touched.
 */
gboolean
rapport_backup_rotate (RapportStore  *store,
                       const char    *backups_dir,
                       gint64         now,
                       GError       **error)
{
  g_autoptr(GDateTime) today = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *daily_name = NULL;
  g_autofree char *daily = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (backups_dir != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  today = g_date_time_new_from_unix_local (now);
  if (today == NULL)
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                   _("Cannot date the daily backup: the clock reads %lld"), (long long) now);
      return FALSE;
    }

  if (g_mkdir_with_parents (backups_dir, 0700) != 0)
    {
      _rapport_backup_set_errno_reason (error, errno);
      g_prefix_error (error, _("Cannot create the backups folder %s: "), backups_dir);
      return FALSE;
    }

  daily_name = g_date_time_format (today, "daily-%Y-%m-%d.db");
  daily = g_build_filename (backups_dir, daily_name, NULL);
  if (!g_file_test (daily, G_FILE_TEST_EXISTS) && !rapport_backup_write (store, daily, error))
    return FALSE;

  names = list_folder (backups_dir, error);
  return names != NULL &&
         rotate_weeklies (backups_dir, names, error) &&
         rotate_dailies (backups_dir, names, error);
}

typedef struct
{
  char   *backups_dir;
  gint64  now;
} RotateData;

static void
rotate_data_free (RotateData *data)
{
  g_free (data->backups_dir);
  g_free (data);
}

static void
rotate_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RotateData *data = task_data;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (rapport_backup_rotate (source_object, data->backups_dir, data->now, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * rapport_backup_rotate_async:
 *
 * rapport_backup_rotate() in a worker thread.  The copy reads through its
 * own connection, so @store stays usable on the main thread meanwhile.
 */
void
rapport_backup_rotate_async (RapportStore        *store,
                             const char          *backups_dir,
                             gint64               now,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RotateData *data;

  g_return_if_fail (RAPPORT_IS_STORE (store));
  g_return_if_fail (backups_dir != NULL);

  data = g_new0 (RotateData, 1);
  data->backups_dir = g_strdup (backups_dir);
  data->now = now;

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_backup_rotate_async);
  g_task_set_name (task, "[rapport] rotate backups");
  g_task_set_task_data (task, data, (GDestroyNotify) rotate_data_free);
  g_task_run_in_thread (task, rotate_thread);
}

gboolean
rapport_backup_rotate_finish (RapportStore  *store,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * rapport_backup_next_rotation:
 *
 * When to rotate next: a minute past the coming local midnight, so a timer
 * that fires a little early still lands on the new day.
 */
gint64
rapport_backup_next_rotation (gint64 now)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (now);
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) next = NULL;

  if (local == NULL)
    return now + RAPPORT_SECONDS_PER_DAY;

  midnight = g_date_time_new_local (g_date_time_get_year (local),
                                    g_date_time_get_month (local),
                                    g_date_time_get_day_of_month (local), 0, 0, 0);
  next = g_date_time_add_days (midnight, 1);
  return g_date_time_to_unix (next) + 60;
}
