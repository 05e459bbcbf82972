/* rapport-csv-columns.c: which column of another program's CSV is what
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Address books and CRMs name their columns their own way ("E-mail 2 -
 * Value", "Business Phone", "email_work") and their statuses too ("warm",
 * "in-contract").  These tables say what each one means to Rapport.
 */

#define G_LOG_DOMAIN "rapport-csv"

#include "config.h"

#include <string.h>

#include "rapport-csv-private.h"

/* Header texts, compared in lower case without spaces, hyphens and
 * underscores ("E-mail 1 - Value" is "email1value").  When several columns
 * feed one field, the first non-empty one in this order wins; for emails
 * and phones that one is the preferred value, and every other column adds
 * one more, with @types.  Numbered columns ("E-mail 3 - Value", "E-mail 2
 * Address", "Business Phone 2") are matched in
 * _rapport_csv_identify_column ().  Keep the list
 * in README.md ("Importing customers") in step with this one. */
static const struct {
  const char *key;
  RapportCsvField field;
  const char *types;   /* of an email or phone column */
} aliases[] = {
  { "name", FIELD_NAME },                  /* Rapport, Google (older) */
  { "fullname", FIELD_NAME },              /* HubSpot, Salesforce */
  { "displayname", FIELD_NAME },           /* Thunderbird */
  { "givenname", FIELD_GIVEN_NAME },       /* Google (older) */
  { "firstname", FIELD_GIVEN_NAME },       /* Google, Outlook, LinkedIn, Thunderbird */
  { "additionalname", FIELD_MIDDLE_NAME }, /* Google (older) */
  { "middlename", FIELD_MIDDLE_NAME },     /* Google, Outlook */
  { "familyname", FIELD_FAMILY_NAME },     /* Google (older) */
  { "lastname", FIELD_FAMILY_NAME },       /* Google, Outlook, LinkedIn, Thunderbird */
  { "vorname", FIELD_GIVEN_NAME },         /* Outlook (German) */
  { "weiterevornamen", FIELD_MIDDLE_NAME },/* Outlook (German) */
  { "nachname", FIELD_FAMILY_NAME },       /* Outlook (German) */
  { "company", FIELD_COMPANY },            /* Rapport, Outlook, LinkedIn */
  { "companyname", FIELD_COMPANY },        /* HubSpot */
  { "accountname", FIELD_COMPANY },        /* Salesforce */
  { "organization1name", FIELD_COMPANY },  /* Google (older) */
  { "organizationname", FIELD_COMPANY },   /* Google */
  { "organization", FIELD_COMPANY },       /* Thunderbird */
  { "firma", FIELD_COMPANY },              /* Outlook (German) */
  { "email", FIELD_EMAIL, "" },            /* Rapport, HubSpot, Salesforce */
  { "email1value", FIELD_EMAIL, "" },      /* Google */
  { "emailaddress", FIELD_EMAIL, "" },     /* Outlook, LinkedIn */
  { "primaryemail", FIELD_EMAIL, "" },     /* Thunderbird */
  { "emailwork", FIELD_EMAIL, "work" },
  { "workemail", FIELD_EMAIL, "work" },
  { "businessemail", FIELD_EMAIL, "work" },
  { "emailhome", FIELD_EMAIL, "home" },
  { "homeemail", FIELD_EMAIL, "home" },
  { "personalemail", FIELD_EMAIL, "home" },
  { "emailother", FIELD_EMAIL, "" },
  { "otheremail", FIELD_EMAIL, "" },
  { "secondaryemail", FIELD_EMAIL, "" },   /* Thunderbird */
  { "emailadresse", FIELD_EMAIL, "" },     /* Outlook (German) */
  { "phone", FIELD_PHONE, "" },            /* Rapport, HubSpot, Salesforce */
  { "phone1value", FIELD_PHONE, "" },      /* Google */
  { "businessphone", FIELD_PHONE, "work" },/* Outlook */
  { "workphone", FIELD_PHONE, "work" },    /* Thunderbird */
  { "mobilephone", FIELD_PHONE, "cell" },  /* Outlook, HubSpot */
  { "mobile", FIELD_PHONE, "cell" },       /* Salesforce */
  { "mobilenumber", FIELD_PHONE, "cell" }, /* Thunderbird */
  { "homephone", FIELD_PHONE, "home" },    /* Outlook, Thunderbird */
  { "phonenumber", FIELD_PHONE, "" },      /* HubSpot */
  { "phonework", FIELD_PHONE, "work" },
  { "phonehome", FIELD_PHONE, "home" },
  { "phonemobile", FIELD_PHONE, "cell" },
  { "mobilephonenumber", FIELD_PHONE, "cell" }, /* HubSpot */
  { "cellphone", FIELD_PHONE, "cell" },
  { "companymainphone", FIELD_PHONE, "work" }, /* Outlook */
  { "primaryphone", FIELD_PHONE, "" },     /* Outlook */
  { "otherphone", FIELD_PHONE, "" },       /* Outlook, Salesforce */
  { "phoneother", FIELD_PHONE, "" },
  { "carphone", FIELD_PHONE, "car" },      /* Outlook */
  { "businessfax", FIELD_PHONE, "work,fax" }, /* Outlook */
  { "homefax", FIELD_PHONE, "home,fax" },  /* Outlook */
  { "otherfax", FIELD_PHONE, "fax" },      /* Outlook */
  { "fax", FIELD_PHONE, "fax" },           /* Salesforce */
  { "faxnumber", FIELD_PHONE, "fax" },     /* Thunderbird */
  { "pager", FIELD_PHONE, "pager" },       /* Outlook */
  { "pagernumber", FIELD_PHONE, "pager" }, /* Thunderbird */
  { "telefongeschäftlich", FIELD_PHONE, "work" },  /* Outlook (German) */
  { "telefongeschäftlich2", FIELD_PHONE, "work" },
  { "telefonprivat", FIELD_PHONE, "home" },
  { "telefonprivat2", FIELD_PHONE, "home" },
  { "mobiltelefon", FIELD_PHONE, "cell" },
  { "faxgeschäftlich", FIELD_PHONE, "work,fax" },
  { "status", FIELD_STATUS },
  { "satisfaction", FIELD_SATISFACTION },
  { "tags", FIELD_TAGS },                  /* Rapport */
  { "categories", FIELD_TAGS },            /* Outlook */
  { "labels", FIELD_TAGS },                /* Google */
  { "groupmembership", FIELD_TAGS },       /* Google (older) */
  { "kategorien", FIELD_TAGS },            /* Outlook (German) */
  { "notes", FIELD_NOTES },                /* Rapport, Google, Outlook, Thunderbird */
  { "note", FIELD_NOTES },
  { "notizen", FIELD_NOTES },              /* Outlook (German) */
  { "nextcheckin", FIELD_NEXT_CHECK_IN },  /* Rapport */
  { "uid", FIELD_UID },                    /* Rapport */
  { "emails", FIELD_EMAILS, "" },          /* Rapport */
  { "phones", FIELD_PHONES, "" },          /* Rapport */
};

/* Numbered columns, "%u" standing for the number: Google's "E-mail 2 -
 * Value" with its "E-mail 2 - Type", Outlook's "E-mail 2 Address" and
 * "Business Phone 2".  They rank after every column above. */
static const struct {
  const char *prefix;
  const char *suffix;
  RapportCsvField field;
  const char *types;
} numbered[] = {
  { "email", "value", FIELD_EMAIL, "" },
  { "email", "type", FIELD_VALUE_TYPE, NULL },
  { "email", "address", FIELD_EMAIL, "" },
  { "email", ":adresse", FIELD_EMAIL, "" },   /* Outlook (German): "E-Mail 2: Adresse" */
  { "phone", "value", FIELD_PHONE, "" },
  { "phone", "type", FIELD_VALUE_TYPE, NULL },
  { "businessphone", "", FIELD_PHONE, "work" },
  { "homephone", "", FIELD_PHONE, "home" },
};

/* Other CRMs' words for where a customer stands, without spaces, hyphens
 * and underscores; only those whose meaning is clear. */
static const struct {
  const char *word;
  const char *status;
} status_words[] = {
  { "lead", "prospect" }, { "newlead", "prospect" }, { "warm", "prospect" },
  { "warmlead", "prospect" }, { "hot", "prospect" }, { "hotlead", "prospect" },
  { "cold", "prospect" }, { "coldlead", "prospect" }, { "qualified", "prospect" },
  { "qualifiedlead", "prospect" }, { "opportunity", "prospect" }, { "negotiation", "prospect" },
  { "proposal", "prospect" }, { "contacted", "prospect" }, { "interested", "prospect" },
  { "active", "customer" }, { "client", "customer" }, { "incontract", "customer" },
  { "undercontract", "customer" }, { "won", "customer" }, { "closedwon", "customer" },
  { "current", "customer" }, { "currentcustomer", "customer" }, { "activecustomer", "customer" },
  { "subscriber", "customer" },
  { "churned", "former" }, { "lost", "former" }, { "closedlost", "former" },
  { "inactive", "former" }, { "cancelled", "former" }, { "canceled", "former" },
  { "formercustomer", "former" }, { "exclient", "former" }, { "excustomer", "former" },
  { "pastcustomer", "former" }, { "pastclient", "former" }, { "lapsed", "former" },
};

/* "" stands for "not given": the book's default applies. */
static const char * const statuses[] = { "", "prospect", "customer", "former", NULL };

/* "E-mail 2 - Value" is "email2value". */
char *
_rapport_csv_header_key (const char *title)
{
  g_autofree char *lower = g_utf8_strdown (title, -1);
  GString *key = g_string_new (NULL);

  for (const char *p = lower; *p; p++)
    if (*p != ' ' && *p != '-' && *p != '_' && *p != '\t')
      g_string_append_c (key, *p);
  return g_string_free (key, FALSE);
}

/* "email12value" is "email", 12, "value". */
static gboolean
match_numbered (const char *key,
                const char *prefix,
                const char *suffix,
                guint      *number)
{
  const char *p = key + strlen (prefix);
  guint64 n = 0;

  if (!g_str_has_prefix (key, prefix) || !g_ascii_isdigit (*p))
    return FALSE;
  for (; g_ascii_isdigit (*p); p++)
    n = MIN (n * 10 + (*p - '0'), G_MAXUINT);
  if (!g_str_equal (p, suffix) || n == 0)
    return FALSE;
  *number = n;
  return TRUE;
}

/* What the column titled @title (as written in the header) feeds. */
void
_rapport_csv_identify_column (const char           *title,
                              RapportCsvColumnInfo *info)
{
  g_autofree char *key = _rapport_csv_header_key (title);

  *info = (RapportCsvColumnInfo) { FIELD_NONE, G_MAXUINT, RAPPORT_VALUE_EMAIL, "", 0 };
  for (guint i = 0; i < G_N_ELEMENTS (numbered); i++)
    if (match_numbered (key, numbered[i].prefix, numbered[i].suffix, &info->number))
      {
        info->field = numbered[i].field;
        info->rank = G_N_ELEMENTS (aliases);
        info->types = numbered[i].types != NULL ? numbered[i].types : "";
        info->kind = g_str_has_prefix (key, "email") ? RAPPORT_VALUE_EMAIL : RAPPORT_VALUE_PHONE;
        break;
      }
  /* The named ones rank first: "E-mail 1 - Value" is also numbered. */
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (strcmp (key, aliases[i].key) == 0)
      {
        info->field = aliases[i].field;
        info->rank = i;
        info->types = aliases[i].types != NULL ? aliases[i].types : "";
        info->kind = (info->field == FIELD_PHONE || info->field == FIELD_PHONES)
                     ? RAPPORT_VALUE_PHONE : RAPPORT_VALUE_EMAIL;
        break;
      }
}

/* Another CRM's word for a status, or NULL when its meaning is not clear. */
const char *
_rapport_csv_map_status (const char *value)
{
  g_autofree char *key = NULL;

  for (guint i = 0; statuses[i] != NULL; i++)
    if (g_ascii_strcasecmp (statuses[i], value) == 0)
      return statuses[i];
  key = _rapport_csv_header_key (value);
  for (guint i = 0; i < G_N_ELEMENTS (status_words); i++)
    if (g_str_equal (key, status_words[i].word))
      return status_words[i].status;
  return NULL;
}

/* The types of Google's "* Mobile" label; its "* " marks the primary one. */
const char *
_rapport_csv_label_types (const char *label,
                          int        *pref)
{
  static const struct {
    const char *label;
    const char *types;
  } labels[] = {
    { "work", "work" }, { "home", "home" }, { "mobile", "cell" }, { "cell", "cell" },
    { "workmobile", "work,cell" }, { "workfax", "work,fax" }, { "homefax", "home,fax" },
    { "fax", "fax" }, { "otherfax", "fax" }, { "pager", "pager" }, { "workpager", "work,pager" },
  };
  g_autofree char *key = NULL;

  label += strspn (label, " ");
  *pref = label[0] == '*' ? 1 : 0;
  key = _rapport_csv_header_key (label + (*pref ? 1 : 0));
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (key, labels[i].label))
      return labels[i].types;
  return "";
}
