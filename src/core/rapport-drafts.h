/* rapport-drafts.h: every email the playbook asks for, as a draft
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rapport-store.h"

G_BEGIN_DECLS

/* One script: the defaults are untranslated msgids, to be passed
 * through gettext when shown. */
typedef struct
{
  const char *id;        /* "delivery_check_in"; the key in email-drafts */
  const char *title;     /* what Preferences calls it */
  const char *subject;
  const char *body;
} RapportDraftScript;

/* What a draft's placeholders stand for; NULL fields expand to "". */
typedef struct
{
  const char *name;      /* {name}, and {first_name}: its first word */
  const char *company;   /* {company} */
  const char *product;   /* {product} */
  const char *referral;  /* {referral}: the person they referred */
} RapportDraftValues;

/* The type of the email-drafts setting: script id → (subject, body);
 * an empty string keeps the default. */
#define RAPPORT_DRAFTS_OVERRIDES_TYPE "a{s(ss)}"

const RapportDraftScript *rapport_drafts_get_all        (guint                    *n_scripts);
const RapportDraftScript *rapport_drafts_lookup         (const char               *id);
const char               *rapport_drafts_for_follow_up  (const char               *kind,
                                                         const char               *stage);
gboolean                  rapport_drafts_kind_has_draft (const char              *kind);
const char               *rapport_drafts_for_stage      (const char               *stage);
char                     *rapport_drafts_expand         (const char               *text,
                                                         const RapportDraftValues *values);
void                      rapport_drafts_get_text       (const char               *id,
                                                         GVariant                 *overrides,
                                                         char                    **subject,
                                                         char                    **body);
char                     *rapport_drafts_mailto         (const char               *id,
                                                         GVariant                 *overrides,
                                                         const char               *email,
                                                         const RapportDraftValues *values);
char                     *rapport_drafts_for_customer   (RapportStore             *store,
                                                         gint64                    customer_id,
                                                         const char               *kind,
                                                         GVariant                 *overrides,
                                                         GError                  **error);
char                     *rapport_drafts_for_referral   (RapportStore             *store,
                                                         gint64                    referral_id,
                                                         const char               *id,
                                                         GVariant                 *overrides,
                                                         GError                  **error);

G_END_DECLS
