/* rapport-schema.h: the database schema, one migration per version
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* rapport_schema_migrations[v - 1] upgrades a book from version v - 1 to v. */
extern const char * const rapport_schema_migrations[];
extern const guint rapport_schema_n_migrations;

/* Created with a sync account, dropped with it (version 4 and later). */
extern const char rapport_schema_sync_triggers[];
extern const char rapport_schema_sync_triggers_drop[];
#define RAPPORT_SCHEMA_SYNC_VERSION 4

/* Every object in a book comes from a migration above: the store and
 * restore refuse a book holding anything else (rapport-schema-check.c). */
gboolean rapport_schema_check_own (sqlite3  *db,
                                   int       version,
                                   GError  **error);

G_END_DECLS
