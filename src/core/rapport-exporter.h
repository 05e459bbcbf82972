/* rapport-exporter.h: the book written out to a file, chosen by extension
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rapport-contact.h"
#include "rapport-pdf-export.h"
#include "rapport-store.h"

G_BEGIN_DECLS

/* Renders the whole file for one format; see the table in
 * rapport-exporter.c to add one. */
typedef char *(*RapportExportFunc) (RapportStore  *store,
                                    GError       **error);

GPtrArray *rapport_exporter_read_contacts (RapportStore  *store,
                                           GError       **error);
gboolean   rapport_exporter_write_file    (RapportStore  *store,
                                           const char    *path,
                                           GError       **error);
gboolean   rapport_exporter_write_file_full (RapportStore *store,
                                           const char    *path,
                                           RapportPaper   paper,
                                           GError       **error);

G_END_DECLS
