/* rapport-store.h
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define RAPPORT_STORE_SCHEMA_VERSION 5
/* "RAPP": marks the file as ours so we never adopt another program's database. */
#define RAPPORT_STORE_APPLICATION_ID 0x52415050

#define RAPPORT_STORE_ERROR (rapport_store_error_quark ())

typedef enum
{
  RAPPORT_STORE_ERROR_FAILED,
  RAPPORT_STORE_ERROR_IO,
  RAPPORT_STORE_ERROR_NOT_A_DATABASE,
  RAPPORT_STORE_ERROR_CORRUPT,
  RAPPORT_STORE_ERROR_NEWER_VERSION,
  RAPPORT_STORE_ERROR_READ_ONLY,
  RAPPORT_STORE_ERROR_BUSY,
  RAPPORT_STORE_ERROR_FULL,
  RAPPORT_STORE_ERROR_CONSTRAINT,
  RAPPORT_STORE_ERROR_NOT_FOUND,
  RAPPORT_STORE_ERROR_INVALID,
  RAPPORT_STORE_ERROR_FOREIGN_SCHEMA,
} RapportStoreError;

/* A statement borrowed from the store's cache: g_autoptr(RapportStmt)
 * resets it on scope exit so no read transaction is left open. */
typedef sqlite3_stmt RapportStmt;

static inline void
rapport_stmt_release (RapportStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportStmt, rapport_stmt_release)

/* A text column, "" for SQL NULL: the models' strings are never %NULL. */
static inline const char *
rapport_stmt_column_text (RapportStmt *stmt,
                          int          column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? text : "";
}

/* The same, as an owned string. */
static inline char *
rapport_stmt_column_dup (RapportStmt *stmt,
                         int          column)
{
  return g_strdup (rapport_stmt_column_text (stmt, column));
}

/* A statement the main thread ran, as rapport_store_trace_main_thread ()
 * records it. */
typedef struct
{
  char   *sql;          /* its text, parameters unexpanded */
  gint64  duration_ns;  /* from its first step to its reset */
} RapportTracedQuery;

void        rapport_traced_query_free (RapportTracedQuery *query);

#define RAPPORT_TYPE_STORE (rapport_store_get_type ())

G_DECLARE_FINAL_TYPE (RapportStore, rapport_store, RAPPORT, STORE, GObject)

GQuark        rapport_store_error_quark      (void);
char         *rapport_store_data_dir         (void);
char         *rapport_store_default_path     (void);
RapportStore *rapport_store_open             (const char    *path,
                                              GError       **error);
const char   *rapport_store_get_path         (RapportStore  *self);
int           rapport_store_get_schema_version (RapportStore *self);
sqlite3      *rapport_store_get_db           (RapportStore  *self);
RapportStmt  *rapport_store_prepare          (RapportStore  *self,
                                              const char    *sql,
                                              GError       **error);
gboolean      rapport_store_exec             (RapportStore  *self,
                                              const char    *sql,
                                              GError       **error);
gboolean      rapport_store_step_done        (RapportStore  *self,
                                              RapportStmt   *stmt,
                                              GError       **error);
gboolean      rapport_store_fill_id_set      (RapportStore  *self,
                                              const char    *table,
                                              const gint64  *ids,
                                              guint          n_ids,
                                              GError       **error);
gboolean      rapport_store_begin            (RapportStore  *self,
                                              GError       **error);
gboolean      rapport_store_commit           (RapportStore  *self,
                                              GError       **error);
void          rapport_store_rollback         (RapportStore  *self);
gboolean      rapport_store_in_transaction   (RapportStore  *self);
gboolean      rapport_store_set_error        (RapportStore  *self,
                                              int            rc,
                                              GError       **error,
                                              const char    *context);
void          rapport_store_notify_changed   (RapportStore  *self);
gboolean      rapport_store_write_id         (RapportStore  *self,
                                              const char    *sql,
                                              gint64         id,
                                              GError       **error);
RapportStore *rapport_store_open_reader      (const char    *path,
                                              GError       **error);

guint         rapport_store_finish_checkpoints (RapportStore *self);
gboolean      rapport_store_empty_wal          (RapportStore *self);
void          rapport_store_trace_main_thread (gboolean      enable);
GPtrArray    *rapport_store_take_main_thread_queries (void);

G_END_DECLS
