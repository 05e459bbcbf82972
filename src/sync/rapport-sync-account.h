/* rapport-sync-account.h: the book's one sync account
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-store.h"

G_BEGIN_DECLS

/* The sync_account row.  The password is never here: the keyring keeps it
 * (rapport-sync-secret.h), under server_url and user_name. */
typedef struct
{
  char     *server_url;
  char     *user_name;
  char     *addressbook_url;
  char     *tasks_url;
  char     *addressbook_token;  /* RFC 6578 sync tokens; NULL: none yet */
  char     *tasks_token;
  char     *addressbook_ctag;   /* for servers without sync-collection */
  char     *tasks_ctag;
  gboolean  insecure_accepted;  /* plain http:// to another machine */
  gint64    last_sync_at;       /* 0: never */
  char     *last_error;         /* NULL: the last sync went through */
  char     *author;             /* "logged by" on what this book sends; NULL: user_name */
} RapportSyncAccount;

void                rapport_sync_account_free          (RapportSyncAccount  *account);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportSyncAccount, rapport_sync_account_free)

RapportSyncAccount *rapport_sync_account_load          (RapportStore        *store,
                                                        GError             **error);
gboolean            rapport_sync_account_save          (RapportStore        *store,
                                                        const RapportSyncAccount *account,
                                                        GError             **error);
gboolean            rapport_sync_account_remove        (RapportStore        *store,
                                                        GError             **error);
gboolean            rapport_sync_account_set_token     (RapportStore        *store,
                                                        const char          *collection,
                                                        const char          *token,
                                                        const char          *ctag,
                                                        GError             **error);
gboolean            rapport_sync_account_record_result (RapportStore        *store,
                                                        gint64               now,
                                                        const char          *last_error,
                                                        GError             **error);
const char         *rapport_sync_account_get_author    (const RapportSyncAccount *account);

G_END_DECLS
