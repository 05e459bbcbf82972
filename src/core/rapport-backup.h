/* rapport-backup.h: copies of the book, restoring one, and the daily rotation
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-store.h"

G_BEGIN_DECLS

/* Rotation keeps this many of each kind in the backups folder. */
#define RAPPORT_BACKUP_N_DAILY  7
#define RAPPORT_BACKUP_N_WEEKLY 4
/* A bigger file given to restore is refused before it is read: twice the
 * largest book Rapport is built for (100,000 customers and 1,000,000
 * contacts come to about 250 MB). */
#define RAPPORT_BACKUP_MAX_SIZE ((gint64) 512 * 1024 * 1024)

char     *rapport_backup_default_dir     (void);
gboolean  rapport_backup_write           (RapportStore         *store,
                                          const char           *path,
                                          GError              **error);
gboolean  rapport_backup_restore         (const char           *book_path,
                                          const char           *backup_path,
                                          GError              **error);
gboolean  rapport_backup_restore_full    (const char           *book_path,
                                          const char           *backup_path,
                                          char                **kept_path,
                                          GError              **error);
gboolean  rapport_backup_rotate          (RapportStore         *store,
                                          const char           *backups_dir,
                                          gint64                now,
                                          GError              **error);
void      rapport_backup_rotate_async    (RapportStore         *store,
                                          const char           *backups_dir,
                                          gint64                now,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
gboolean  rapport_backup_rotate_finish   (RapportStore         *store,
                                          GAsyncResult         *result,
                                          GError              **error);
gint64    rapport_backup_next_rotation   (gint64                now);

G_END_DECLS
