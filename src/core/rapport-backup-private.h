/* rapport-backup-private.h: what the backup, restore and rotation code share
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-backup.h"
#include "rapport-sqlite.h"

G_BEGIN_DECLS

/* Our temporary files are ".<final name>.tmp-XXXXXX", beside the final one. */
#define RAPPORT_BACKUP_TEMP_INFIX ".tmp-"

gboolean  _rapport_backup_set_errno_reason      (GError      **error,
                                                 int           saved_errno);
gboolean  _rapport_backup_set_sqlite_reason     (GError      **error,
                                                 sqlite3      *db,
                                                 int           rc);
void      _rapport_backup_remove_companions     (const char   *path);
void      _rapport_backup_remove_database_files (const char   *path);
gboolean  _rapport_backup_same_file             (const char   *a,
                                                 const char   *b);
char     *_rapport_backup_copy_to_temp          (sqlite3      *source,
                                                 const char   *dest,
                                                 GError      **error);
gboolean  _rapport_backup_install_temp          (const char   *temp,
                                                 const char   *dest,
                                                 GError      **error);
gboolean  _rapport_backup_copy_file             (const char   *source,
                                                 const char   *dest,
                                                 GError      **error);

G_END_DECLS
