/* rapport-csv-private.h: what the CSV reader and its column names share
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "rapport-contact.h"

G_BEGIN_DECLS

/* What a column of a CSV header feeds. */
typedef enum
{
  FIELD_NONE,
  FIELD_NAME,
  FIELD_GIVEN_NAME,
  FIELD_MIDDLE_NAME,
  FIELD_FAMILY_NAME,
  FIELD_COMPANY,
  FIELD_EMAIL,
  FIELD_PHONE,
  FIELD_STATUS,
  FIELD_SATISFACTION,
  FIELD_TAGS,
  FIELD_NOTES,
  FIELD_NEXT_CHECK_IN,
  FIELD_UID,
  FIELD_EMAILS,      /* more emails, ';'-separated: Rapport's export */
  FIELD_PHONES,
  FIELD_VALUE_TYPE,  /* Google's "E-mail 2 - Type" of "E-mail 2 - Value" */
  N_FIELDS
} RapportCsvField;

typedef struct
{
  RapportCsvField   field;
  guint             rank;    /* lower wins when several columns feed one field */
  RapportValueKind  kind;    /* of an email, phone or type column */
  const char       *types;   /* of an email or phone column: "work,fax" or "" */
  guint             number;  /* of a numbered column ("E-mail 2 - Value"), or 0 */
} RapportCsvColumnInfo;

char       *_rapport_csv_header_key      (const char           *title);
void        _rapport_csv_identify_column (const char           *title,
                                          RapportCsvColumnInfo *info);
const char *_rapport_csv_map_status      (const char           *value);
const char *_rapport_csv_label_types     (const char           *label,
                                          int                  *pref);

G_END_DECLS
