/* rapport-referral.c: one referral, its words, and reading referrals from the book
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A RapportReferral is a snapshot of one row with the names of the two
 * customers it joins.  Writes live in rapport-referral-write.c, the funnel,
 * the ready-to-ask list and the export in rapport-referral-report.c.
 */

#define G_LOG_DOMAIN "rapport-referral"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-referral-private.h"
#include "rapport-string.h"
#include "rapport-time.h"

struct _RapportReferral
{
  GObject  parent_instance;

  gint64   id;                /* 0 until created */
  gint64   referrer_id;
  gint64   prospect_id;       /* 0: a new prospect, named below */
  gint64   created_at;
  gint64   stage_changed_at;
  gint64   informed_at;
  gint64   thanked_at;

  char    *referrer_name;
  char    *prospect_name;
  char    *prospect_company;
  char    *prospect_email;
  char    *type;
  char    *stage;
  char    *notes;
  char    *thanked_how;       /* NULL: not thanked */
};

G_DEFINE_FINAL_TYPE (RapportReferral, rapport_referral, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_REFERRER_NAME,
  PROP_PROSPECT_NAME,
  PROP_TYPE,
  PROP_STAGE,
  PROP_NOTES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char * const rapport_referral_types[] = {
  "solicited", "proactive", "unsolicited", NULL
};

const char * const rapport_referral_stages[] = {
  "promised", "introduction_requested", "introduced", "contacted", "meeting", "won", "lost", NULL
};

const char * const rapport_referral_thanks[] = {
  "note", "gift", "call", NULL
};

static const struct {
  const char *type;
  const char *label;
  const char *explanation;
} type_info[] = {
  { "solicited", N_("Solicited"), N_("You asked for it") },
  { "proactive", N_("Proactive"), N_("They offered before you asked") },
  { "unsolicited", N_("Unsolicited"), N_("They sent someone on their own — the best kind") },
};

static const char * const stage_labels[] = {
  N_("Promised"), N_("Introduction requested"), N_("Introduced"), N_("Contacted"),
  N_("Meeting"), N_("Won"), N_("Lost"),
};

static const char * const thanks_labels[] = {
  N_("Thank-you note"), N_("Gift"), N_("Call"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (stage_labels) == RAPPORT_REFERRAL_N_STAGES);
G_STATIC_ASSERT (G_N_ELEMENTS (type_info) == RAPPORT_REFERRAL_N_TYPES);

static int
word_index (const char * const *words,
            const char         *word)
{
  for (int i = 0; word != NULL && words[i] != NULL; i++)
    if (g_str_equal (words[i], word))
      return i;
  return -1;
}

/**
 * rapport_referral_stage_index:
 *
 * Returns: @stage's place in rapport_referral_stages, -1 if it is none
 */
int
rapport_referral_stage_index (const char *stage)
{
  return word_index (rapport_referral_stages, stage);
}

int
rapport_referral_type_index (const char *type)
{
  return word_index (rapport_referral_types, type);
}

/**
 * rapport_referral_next_stage:
 *
 * Returns: the stage after @stage along the pipeline, or %NULL once it is
 *   won or lost
 */
const char *
rapport_referral_next_stage (const char *stage)
{
  int i = rapport_referral_stage_index (stage);

  if (i < 0 || g_str_equal (stage, "won") || g_str_equal (stage, "lost"))
    return NULL;
  return rapport_referral_stages[i + 1];
}

const char *
rapport_referral_type_label (const char *type)
{
  int i = rapport_referral_type_index (type);

  return i >= 0 ? _(type_info[i].label) : type;
}

const char *
rapport_referral_type_explanation (const char *type)
{
  int i = rapport_referral_type_index (type);

  return i >= 0 ? _(type_info[i].explanation) : "";
}

const char *
rapport_referral_stage_label (const char *stage)
{
  int i = rapport_referral_stage_index (stage);

  return i >= 0 ? _(stage_labels[i]) : stage;
}

const char *
rapport_referral_thanks_label (const char *how)
{
  int i = word_index (rapport_referral_thanks, how);

  return i >= 0 ? _(thanks_labels[i]) : how;
}

static gboolean
validate_word (const char * const  *words,
               const char          *value,
               const char          *what,
               GError             **error)
{
  g_autofree char *allowed = NULL;

  if (word_index (words, value) >= 0)
    return TRUE;

  allowed = g_strjoinv (", ", (char **) words);
  /* Translators: "“hot” is not a referral stage (use promised, …)" */
  g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
               _("“%s” is not a %s (use %s)"), value != NULL ? value : "", what, allowed);
  return FALSE;
}

gboolean
rapport_referral_validate_type (const char  *type,
                                GError     **error)
{
  return validate_word (rapport_referral_types, type, _("referral type"), error);
}

gboolean
rapport_referral_validate_stage (const char  *stage,
                                 GError     **error)
{
  return validate_word (rapport_referral_stages, stage, _("referral stage"), error);
}

gint64
_rapport_referral_column_time (RapportStmt *stmt,
                               int          column)
{
  gint64 t = 0;

  if (!rapport_time_parse_utc ((const char *) sqlite3_column_text (stmt, column), &t))
    return 0;
  return t;
}

gboolean
_rapport_referral_set_not_found (gint64   id,
                                 GError **error)
{
  g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND,
               _("Referral number %lld is no longer in the book; it may have "
                 "been deleted with a customer"),
               (long long) id);
  return FALSE;
}

static void
rapport_referral_finalize (GObject *object)
{
  RapportReferral *self = (RapportReferral *)object;

  g_free (self->referrer_name);
  g_free (self->prospect_name);
  g_free (self->prospect_company);
  g_free (self->prospect_email);
  g_free (self->type);
  g_free (self->stage);
  g_free (self->notes);
  g_free (self->thanked_how);

  G_OBJECT_CLASS (rapport_referral_parent_class)->finalize (object);
}

static void
rapport_referral_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RapportReferral *self = RAPPORT_REFERRAL (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_REFERRER_NAME:
      g_value_set_string (value, self->referrer_name);
      break;
    case PROP_PROSPECT_NAME:
      g_value_set_string (value, self->prospect_name);
      break;
    case PROP_TYPE:
      g_value_set_string (value, self->type);
      break;
    case PROP_STAGE:
      g_value_set_string (value, self->stage);
      break;
    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_referral_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  RapportReferral *self = RAPPORT_REFERRAL (object);

  switch (prop_id)
    {
    case PROP_STAGE:
      rapport_referral_set_stage (self, g_value_get_string (value));
      break;
    case PROP_NOTES:
      rapport_referral_set_notes (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_referral_class_init (RapportReferralClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags readable = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags writable = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rapport_referral_finalize;
  object_class->get_property = rapport_referral_get_property;
  object_class->set_property = rapport_referral_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, readable);
  properties[PROP_REFERRER_NAME] = g_param_spec_string ("referrer-name", NULL, NULL, "", readable);
  properties[PROP_PROSPECT_NAME] = g_param_spec_string ("prospect-name", NULL, NULL, "", readable);
  properties[PROP_TYPE] = g_param_spec_string ("type", NULL, NULL, "solicited", readable);
  properties[PROP_STAGE] = g_param_spec_string ("stage", NULL, NULL, "promised", writable);
  properties[PROP_NOTES] = g_param_spec_string ("notes", NULL, NULL, "", writable);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_referral_init (RapportReferral *self)
{
  self->referrer_name = g_strdup ("");
  self->prospect_name = g_strdup ("");
  self->prospect_company = g_strdup ("");
  self->prospect_email = g_strdup ("");
  self->type = g_strdup ("solicited");
  self->stage = g_strdup ("promised");
  self->notes = g_strdup ("");
}

/**
 * rapport_referral_new:
 * @referrer_id: the customer who gave the referral
 * @type: "solicited", "proactive" or "unsolicited" (checked on create)
 *
 * A referral to record with rapport_referral_create(), in the stage
 * "promised" until set otherwise.
 */
RapportReferral *
rapport_referral_new (gint64      referrer_id,
                      const char *type)
{
  RapportReferral *self = g_object_new (RAPPORT_TYPE_REFERRAL, NULL);

  self->referrer_id = referrer_id;
  rapport_set_str (&self->type, type != NULL ? type : "");
  return self;
}

void
rapport_referral_set_prospect_id (RapportReferral *self,
                                  gint64           prospect_id)
{
  g_return_if_fail (RAPPORT_IS_REFERRAL (self));
  g_return_if_fail (self->id == 0);

  self->prospect_id = prospect_id;
}

/**
 * rapport_referral_set_new_prospect:
 *
 * Names a prospect who is not in the book yet: creating the referral adds
 * them as a customer with the status "prospect", in the same transaction.
 */
void
rapport_referral_set_new_prospect (RapportReferral *self,
                                   const char      *name,
                                   const char      *company,
                                   const char      *email)
{
  g_return_if_fail (RAPPORT_IS_REFERRAL (self));
  g_return_if_fail (self->id == 0);

  self->prospect_id = 0;
  if (rapport_set_str (&self->prospect_name, name != NULL ? name : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROSPECT_NAME]);
  rapport_set_str (&self->prospect_company, company != NULL ? company : "");
  rapport_set_str (&self->prospect_email, email != NULL ? email : "");
}

/**
 * rapport_referral_set_stage:
 *
 * The stage a referral is recorded in.  A recorded referral changes stage
 * with rapport_referral_change_stage(), which keeps its history.
 */
void
rapport_referral_set_stage (RapportReferral *self,
                            const char      *stage)
{
  g_return_if_fail (RAPPORT_IS_REFERRAL (self));

  if (rapport_set_str (&self->stage, stage != NULL ? stage : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE]);
}

void
rapport_referral_set_notes (RapportReferral *self,
                            const char      *notes)
{
  g_return_if_fail (RAPPORT_IS_REFERRAL (self));

  if (rapport_set_str (&self->notes, notes != NULL ? notes : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES]);
}

void
_rapport_referral_set_created (RapportReferral *self,
                               gint64           id,
                               gint64           prospect_id,
                               gint64           now)
{
  self->id = id;
  self->prospect_id = prospect_id;
  self->created_at = now;
  self->stage_changed_at = now;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

#define REFERRAL_COLUMNS \
  "r.id, r.referrer_id, f.name, r.prospect_id, p.name, p.company, p.email, r.type, r.stage," \
  " r.notes, r.created_at," \
  " (SELECT max (c.changed_at) FROM referral_stage_change c WHERE c.referral_id = r.id)," \
  " r.referrer_informed_at, r.thanked_at, r.thanked_how" \
  " FROM referral r" \
  " JOIN customer f ON f.id = r.referrer_id" \
  " JOIN customer p ON p.id = r.prospect_id"

static RapportReferral *
referral_from_row (RapportStmt *stmt)
{
  RapportReferral *self = g_object_new (RAPPORT_TYPE_REFERRAL, NULL);
  const char *how = (const char *) sqlite3_column_text (stmt, 14);

  self->id = sqlite3_column_int64 (stmt, 0);
  self->referrer_id = sqlite3_column_int64 (stmt, 1);
  rapport_set_str (&self->referrer_name, (const char *) sqlite3_column_text (stmt, 2));
  self->prospect_id = sqlite3_column_int64 (stmt, 3);
  rapport_set_str (&self->prospect_name, (const char *) sqlite3_column_text (stmt, 4));
  rapport_set_str (&self->prospect_company, (const char *) sqlite3_column_text (stmt, 5));
  rapport_set_str (&self->prospect_email, (const char *) sqlite3_column_text (stmt, 6));
  rapport_set_str (&self->type, (const char *) sqlite3_column_text (stmt, 7));
  rapport_set_str (&self->stage, (const char *) sqlite3_column_text (stmt, 8));
  rapport_set_str (&self->notes, (const char *) sqlite3_column_text (stmt, 9));
  self->created_at = _rapport_referral_column_time (stmt, 10);
  self->stage_changed_at = MAX (self->created_at, _rapport_referral_column_time (stmt, 11));
  self->informed_at = _rapport_referral_column_time (stmt, 12);
  self->thanked_at = _rapport_referral_column_time (stmt, 13);
  self->thanked_how = g_strdup (how);
  return self;
}

RapportReferral *
rapport_referral_load (RapportStore  *store,
                       gint64         id,
                       GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);

  stmt = rapport_store_prepare (store, "SELECT " REFERRAL_COLUMNS " WHERE r.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return referral_from_row (stmt);
  if (rc == SQLITE_DONE)
    _rapport_referral_set_not_found (id, error);
  else
    rapport_store_set_error (store, rc, error, _("Cannot read the referral"));
  return NULL;
}

/**
 * rapport_referral_list:
 * @stage: (nullable): only referrals in this stage
 * @type: (nullable): only referrals of this type
 *
 * Returns: (transfer full): the referrals as #RapportReferral items, along
 *   the pipeline (promised first, lost last), the most recently moved first
 *   within a stage; %NULL with @error set on failure or an unknown filter
 */
GListModel *
rapport_referral_list (RapportStore  *store,
                       const char    *stage,
                       const char    *type,
                       GError       **error)
{
  g_autoptr(GListStore) items = g_list_store_new (RAPPORT_TYPE_REFERRAL);
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);

  if ((stage != NULL && !rapport_referral_validate_stage (stage, error)) ||
      (type != NULL && !rapport_referral_validate_type (type, error)))
    return NULL;

  stmt = rapport_store_prepare (store,
                                "SELECT " REFERRAL_COLUMNS
                                " WHERE (?1 IS NULL OR r.stage = ?1) AND (?2 IS NULL OR r.type = ?2)"
                                " ORDER BY " RAPPORT_REFERRAL_STAGE_RANK ("r.stage") ", 12 DESC, r.id DESC",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, stage, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, type, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(RapportReferral) referral = referral_from_row (stmt);

      g_list_store_append (items, referral);
    }
  if (rc != SQLITE_DONE)
    {
      rapport_store_set_error (store, rc, error, _("Cannot read the referrals"));
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&items));
}

void
rapport_referral_change_free (RapportReferralChange *change)
{
  if (change == NULL)
    return;
  g_free (change->from_stage);
  g_free (change->to_stage);
  g_free (change);
}

/**
 * rapport_referral_list_changes:
 *
 * Returns: (transfer full) (element-type RapportReferralChange): the
 *   referral's stage changes, oldest first, the stage it was recorded in
 *   first of all
 */
GPtrArray *
rapport_referral_list_changes (RapportStore  *store,
                               gint64         id,
                               GError       **error)
{
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);

  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_referral_change_free);
  stmt = rapport_store_prepare (store,
                                "SELECT from_stage, to_stage, changed_at FROM referral_stage_change"
                                " WHERE referral_id = ? ORDER BY changed_at, id",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RapportReferralChange *change = g_new0 (RapportReferralChange, 1);

      change->from_stage = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      change->to_stage = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      change->changed_at = _rapport_referral_column_time (stmt, 2);
      g_ptr_array_add (changes, change);
    }
  if (rc != SQLITE_DONE)
    {
      rapport_store_set_error (store, rc, error, _("Cannot read the referral’s history"));
      return NULL;
    }
  return g_steal_pointer (&changes);
}

/**
 * rapport_customer_count_referrals:
 *
 * Counts the referrals a customer gave or came from, which deleting the
 * customer deletes with them, so the UI can say so first.
 *
 * Returns: the count, or -1 with @error set
 */
gint64
rapport_customer_count_referrals (RapportStore  *store,
                                  gint64         customer_id,
                                  GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), -1);

  stmt = rapport_store_prepare (store,
                                "SELECT count(*) FROM referral WHERE referrer_id = ?1 OR prospect_id = ?1",
                                error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, customer_id);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      rapport_store_set_error (store, rc, error, _("Cannot count the customer’s referrals"));
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

gint64
rapport_referral_get_id (RapportReferral *self)
{
  g_return_val_if_fail (RAPPORT_IS_REFERRAL (self), 0);
  return self->id;
}

gint64
rapport_referral_get_referrer_id (RapportReferral *self)
{
  g_return_val_if_fail (RAPPORT_IS_REFERRAL (self), 0);
  return self->referrer_id;
}

gint64
rapport_referral_get_prospect_id (RapportReferral *self)
{
  g_return_val_if_fail (RAPPORT_IS_REFERRAL (self), 0);
  return self->prospect_id;
}

gint64
rapport_referral_get_created_at (RapportReferral *self)
{
  g_return_val_if_fail (RAPPORT_IS_REFERRAL (self), 0);
  return self->created_at;
}

/**
 * rapport_referral_get_stage_changed_at:
 *
 * Returns: when the referral last changed stage (or was recorded)
 */
gint64
rapport_referral_get_stage_changed_at (RapportReferral *self)
{
  g_return_val_if_fail (RAPPORT_IS_REFERRAL (self), 0);
  return self->stage_changed_at;
}

gint64
rapport_referral_get_informed_at (RapportReferral *self)
{
  g_return_val_if_fail (RAPPORT_IS_REFERRAL (self), 0);
  return self->informed_at;
}

gint64
rapport_referral_get_thanked_at (RapportReferral *self)
{
  g_return_val_if_fail (RAPPORT_IS_REFERRAL (self), 0);
  return self->thanked_at;
}

#define STRING_GETTER(field)                                            \
  const char *                                                          \
  rapport_referral_get_##field (RapportReferral *self)                  \
  {                                                                     \
    g_return_val_if_fail (RAPPORT_IS_REFERRAL (self), NULL);            \
    return self->field;                                                 \
  }

STRING_GETTER (referrer_name)
STRING_GETTER (prospect_name)
STRING_GETTER (prospect_company)
STRING_GETTER (prospect_email)
STRING_GETTER (stage)
STRING_GETTER (notes)
STRING_GETTER (thanked_how)

/* rapport_referral_get_type() is the GType. */
const char *
rapport_referral_get_type_word (RapportReferral *self)
{
  g_return_val_if_fail (RAPPORT_IS_REFERRAL (self), NULL);
  return self->type;
}
