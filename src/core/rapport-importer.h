/* rapport-importer.h: customers from a file into the book, all or nothing
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rapport-contact.h"
#include "rapport-store.h"

G_BEGIN_DECLS

/* Files larger than this are refused before they are read. */
#define RAPPORT_IMPORT_MAX_FILE_SIZE (128 * 1024 * 1024)

/* The progress callback runs every this many contacts, and once at the end. */
#define RAPPORT_IMPORT_PROGRESS_INTERVAL 1000

/* Called in the importing thread: a UI must hand it to its main context. */
typedef void (*RapportImportProgress) (guint    done,
                                       guint    total,
                                       gpointer user_data);

typedef struct
{
  guint added;         /* new customers */
  guint merged;        /* contacts matched in the book or earlier in the file */
  guint skipped;       /* records with nothing to name them by */
  guint values_added;  /* emails, phones, addresses, URLs added to customers in the book */
  guint filled;        /* empty fields of customers in the book filled from the file */
  guint kept;          /* fields where the book's value was kept over the file's */
  guint values_not_kept;  /* values past RAPPORT_CARD_MAX_VALUES of a kind on one customer */
} RapportImportSummary;


GPtrArray *rapport_importer_read_file (const char             *path,
                                       RapportImportNotes     *notes,
                                       GError                **error);
gboolean   rapport_importer_import    (RapportStore           *store,
                                       GPtrArray              *contacts,
                                       RapportImportProgress   progress,
                                       gpointer                user_data,
                                       GCancellable           *cancellable,
                                       RapportImportSummary   *summary,
                                       GError                **error);

G_END_DECLS
