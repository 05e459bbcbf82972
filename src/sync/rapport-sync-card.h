/* rapport-sync-card.h: a customer as one vCard 4.0 of a CardDAV address book
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-contact.h"
#include "rapport-store.h"

G_BEGIN_DECLS

/* Everything of a customer that travels on the card: the address-book side
 * in @contact (UID, FN, N, ORG, every value, unknown properties, photo,
 * notes, tags, status and satisfaction; never the next check-in, which
 * travels as a VTODO) and Rapport's own fields beside it. */
typedef struct
{
  RapportContact *contact;
  char           *reference_kind;       /* "none", "product_reference", "personal_letter" */
  char           *preferred_channel;    /* "any", "email", "phone", "meeting", "social" */
  int             min_gap_days;         /* 0 … 365, or -1: the setting */
  int             ideal_interval_days;  /* 1 … 3650, or -1: the tags' or the setting */
  int             latest_interval_days; /* 1 … 3650, or -1 */
} RapportSyncCard;

/* The card's fields by name, for the merge and for a conflict's two
 * values: scalar fields have one text each ("" when empty or unset). */
extern const char * const rapport_sync_card_fields[];

RapportSyncCard *rapport_sync_card_new          (void);
RapportSyncCard *rapport_sync_card_copy         (const RapportSyncCard  *card);
void             rapport_sync_card_free         (RapportSyncCard        *card);
gboolean         rapport_sync_card_equal        (const RapportSyncCard  *a,
                                                 const RapportSyncCard  *b);
char            *rapport_sync_card_get_field    (const RapportSyncCard  *card,
                                                 const char             *field);
gboolean         rapport_sync_card_set_field    (RapportSyncCard        *card,
                                                 const char             *field,
                                                 const char             *value,
                                                 GError                **error);

char            *rapport_sync_card_to_vcard     (const RapportSyncCard  *card);
RapportSyncCard *rapport_sync_card_from_vcard   (const char             *display_name,
                                                 const char             *data,
                                                 gsize                   length,
                                                 RapportImportNotes     *notes,
                                                 GError                **error);

RapportSyncCard *rapport_sync_card_read         (RapportStore           *store,
                                                 gint64                  customer_id,
                                                 GError                **error);
gint64           rapport_sync_card_write        (RapportStore           *store,
                                                 const RapportSyncCard  *card,
                                                 gint64                  customer_id,
                                                 GError                **error);
gboolean         rapport_sync_customer_find     (RapportStore           *store,
                                                 const char             *uid,
                                                 gint64                 *customer_id,
                                                 GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportSyncCard, rapport_sync_card_free)

G_END_DECLS
