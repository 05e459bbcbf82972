/* rapport-reader.h: reads of the book in a worker thread, on a connection of their own
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-store.h"

G_BEGIN_DECLS

/* Fills @data from @reader, in a worker thread: touch nothing else. */
typedef gboolean (*RapportReadFunc) (RapportStore  *reader,
                                     gpointer       data,
                                     GError       **error);

#define RAPPORT_TYPE_READER (rapport_reader_get_type ())

G_DECLARE_FINAL_TYPE (RapportReader, rapport_reader, RAPPORT, READER, GObject)

RapportReader *rapport_reader_new        (RapportStore         *store);
void           rapport_reader_run_async  (RapportReader        *self,
                                          RapportReadFunc       func,
                                          gpointer              data,
                                          GDestroyNotify        data_free,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
gpointer       rapport_reader_run_finish (RapportReader        *self,
                                          GAsyncResult         *result,
                                          GError              **error);

G_END_DECLS
