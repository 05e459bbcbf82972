/* rapport-schema.c: the database schema, one migration per version
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Timestamps are ISO 8601 UTC text ("2026-11-25T18:00:00Z") and calendar
 * dates are "YYYY-MM-DD", so the book stays legible to sqlite3 and sorts
 * correctly as text.  Enumerations are stored as readable words.
 *
 * A released migration is never edited: books keep the exact SQL text of
 * every object it made, and rapport-schema-check.c refuses a book whose
 * objects differ from what these migrations make.  Change the schema
 * with a new migration.
 */

#include "config.h"

#include "rapport-schema.h"

static const char migration_1[] =
  "CREATE TABLE customer ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL CHECK (length (trim (name)) > 0),"
  "  company TEXT NOT NULL DEFAULT '',"
  "  email TEXT NOT NULL DEFAULT '',"
  "  phone TEXT NOT NULL DEFAULT '',"
  "  notes TEXT NOT NULL DEFAULT '',"
  "  tags TEXT NOT NULL DEFAULT '',"  /* ';'-separated, lower-case */
  "  status TEXT NOT NULL DEFAULT 'customer'"
  "    CHECK (status IN ('prospect', 'customer', 'former')),"
  "  satisfaction TEXT NOT NULL DEFAULT 'unknown'"
  "    CHECK (satisfaction IN ('unknown', 'unhappy', 'satisfied', 'delighted')),"
  "  satisfaction_recorded_at TEXT,"  /* when satisfaction last changed */
  "  reference_kind TEXT NOT NULL DEFAULT 'none'"
  "    CHECK (reference_kind IN ('none', 'product_reference', 'personal_letter')),"
  "  preferred_channel TEXT NOT NULL DEFAULT 'any'"
  "    CHECK (preferred_channel IN ('any', 'email', 'phone', 'meeting', 'social')),"
  "  min_gap_days INTEGER CHECK (min_gap_days IS NULL OR min_gap_days BETWEEN 0 AND 365),"
  "  ideal_interval_days INTEGER CHECK (ideal_interval_days IS NULL OR ideal_interval_days BETWEEN 1 AND 3650),"
  "  latest_interval_days INTEGER CHECK (latest_interval_days IS NULL OR latest_interval_days BETWEEN 1 AND 3650),"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL"
  ");"
  "CREATE INDEX customer_name ON customer (name COLLATE NOCASE);"
  "CREATE INDEX customer_email ON customer (lower (email)) WHERE email <> '';"
  "CREATE INDEX customer_status ON customer (status, satisfaction);"

  "CREATE VIRTUAL TABLE customer_fts USING fts5 ("
  "  name, company, email, notes, tags,"
  "  content = 'customer', content_rowid = 'id',"
  "  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'"
  ");"
  "CREATE TRIGGER customer_fts_insert AFTER INSERT ON customer BEGIN"
  "  INSERT INTO customer_fts (rowid, name, company, email, notes, tags)"
  "  VALUES (new.id, new.name, new.company, new.email, new.notes, new.tags);"
  "END;"
  "CREATE TRIGGER customer_fts_delete AFTER DELETE ON customer BEGIN"
  "  INSERT INTO customer_fts (customer_fts, rowid, name, company, email, notes, tags)"
  "  VALUES ('delete', old.id, old.name, old.company, old.email, old.notes, old.tags);"
  "END;"
  "CREATE TRIGGER customer_fts_update AFTER UPDATE OF name, company, email, notes, tags"
  "  ON customer BEGIN"
  "  INSERT INTO customer_fts (customer_fts, rowid, name, company, email, notes, tags)"
  "  VALUES ('delete', old.id, old.name, old.company, old.email, old.notes, old.tags);"
  "  INSERT INTO customer_fts (rowid, name, company, email, notes, tags)"
  "  VALUES (new.id, new.name, new.company, new.email, new.notes, new.tags);"
  "END;"

  /* Cadence per tag: customers carrying the tag get these intervals
   * unless they have their own. */
  "CREATE TABLE tag_cadence ("
  "  tag TEXT PRIMARY KEY,"
  "  ideal_interval_days INTEGER NOT NULL CHECK (ideal_interval_days BETWEEN 1 AND 3650),"
  "  latest_interval_days INTEGER NOT NULL CHECK (latest_interval_days BETWEEN 1 AND 3650)"
  ");"

  "CREATE TABLE sale ("
  "  id INTEGER PRIMARY KEY,"
  "  customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,"
  "  product TEXT NOT NULL CHECK (length (trim (product)) > 0),"
  "  amount_cents INTEGER NOT NULL DEFAULT 0 CHECK (amount_cents >= 0),"
  "  closed_on TEXT NOT NULL,"
  "  delivered_on TEXT,"
  "  referral_prepositioned TEXT NOT NULL DEFAULT 'no'"
  "    CHECK (referral_prepositioned IN ('no', 'agreed', 'declined')),"
  "  created_at TEXT NOT NULL"
  ");"
  "CREATE INDEX sale_customer ON sale (customer_id, closed_on);"

  "CREATE TABLE interaction ("
  "  id INTEGER PRIMARY KEY,"
  "  customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,"
  "  happened_at TEXT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('call', 'email', 'meeting', 'social', 'gift',"
  "    'thank_you_note', 'referral_given', 'other')),"
  "  summary TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE INDEX interaction_customer ON interaction (customer_id, happened_at);"

  "CREATE TABLE referral ("
  "  id INTEGER PRIMARY KEY,"
  "  referrer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,"
  "  prospect_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,"
  "  type TEXT NOT NULL CHECK (type IN ('solicited', 'proactive', 'unsolicited')),"
  "  stage TEXT NOT NULL DEFAULT 'promised' CHECK (stage IN ('promised',"
  "    'introduction_requested', 'introduced', 'contacted', 'meeting', 'won', 'lost')),"
  "  notes TEXT NOT NULL DEFAULT '',"
  "  created_at TEXT NOT NULL,"
  "  referrer_informed_at TEXT,"
  "  thanked_at TEXT,"
  "  thanked_how TEXT CHECK (thanked_how IS NULL OR thanked_how IN ('note', 'gift', 'call')),"
  "  CHECK (referrer_id <> prospect_id)"
  ");"
  "CREATE INDEX referral_referrer ON referral (referrer_id);"
  "CREATE INDEX referral_prospect ON referral (prospect_id);"
  "CREATE INDEX referral_stage ON referral (stage);"

  "CREATE TABLE referral_stage_change ("
  "  id INTEGER PRIMARY KEY,"
  "  referral_id INTEGER NOT NULL REFERENCES referral (id) ON DELETE CASCADE,"
  "  from_stage TEXT,"
  "  to_stage TEXT NOT NULL,"
  "  changed_at TEXT NOT NULL"
  ");"
  "CREATE INDEX referral_stage_change_referral ON referral_stage_change (referral_id, changed_at);"

  "CREATE TABLE referral_given ("
  "  id INTEGER PRIMARY KEY,"
  "  customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,"
  "  given_to TEXT NOT NULL CHECK (length (trim (given_to)) > 0),"
  "  given_on TEXT NOT NULL,"
  "  notes TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE INDEX referral_given_customer ON referral_given (customer_id, given_on);"

  "CREATE TABLE testimonial ("
  "  id INTEGER PRIMARY KEY,"
  "  customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,"
  "  quote TEXT NOT NULL CHECK (length (trim (quote)) > 0),"
  "  rating INTEGER CHECK (rating IS NULL OR rating BETWEEN 1 AND 5),"
  "  received_on TEXT NOT NULL,"
  "  source TEXT NOT NULL DEFAULT 'email'"
  "    CHECK (source IN ('email', 'call', 'review_site', 'letter')),"
  "  tags TEXT NOT NULL DEFAULT '',"
  "  products TEXT NOT NULL DEFAULT '',"
  "  permission TEXT NOT NULL DEFAULT 'private' CHECK (permission IN ('private',"
  "    'internal', 'public_named', 'public_anonymous'))"
  ");"
  "CREATE INDEX testimonial_customer ON testimonial (customer_id);"
  "CREATE VIRTUAL TABLE testimonial_fts USING fts5 ("
  "  quote, tags, products,"
  "  content = 'testimonial', content_rowid = 'id',"
  "  tokenize = 'unicode61 remove_diacritics 2'"
  ");"
  "CREATE TRIGGER testimonial_fts_insert AFTER INSERT ON testimonial BEGIN"
  "  INSERT INTO testimonial_fts (rowid, quote, tags, products)"
  "  VALUES (new.id, new.quote, new.tags, new.products);"
  "END;"
  "CREATE TRIGGER testimonial_fts_delete AFTER DELETE ON testimonial BEGIN"
  "  INSERT INTO testimonial_fts (testimonial_fts, rowid, quote, tags, products)"
  "  VALUES ('delete', old.id, old.quote, old.tags, old.products);"
  "END;"
  "CREATE TRIGGER testimonial_fts_update AFTER UPDATE OF quote, tags, products"
  "  ON testimonial BEGIN"
  "  INSERT INTO testimonial_fts (testimonial_fts, rowid, quote, tags, products)"
  "  VALUES ('delete', old.id, old.quote, old.tags, old.products);"
  "  INSERT INTO testimonial_fts (rowid, quote, tags, products)"
  "  VALUES (new.id, new.quote, new.tags, new.products);"
  "END;"

  "CREATE TABLE reference_use ("
  "  id INTEGER PRIMARY KEY,"
  "  customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,"
  "  prospect_id INTEGER REFERENCES customer (id) ON DELETE SET NULL,"
  "  given_to TEXT NOT NULL CHECK (length (trim (given_to)) > 0),"
  "  used_on TEXT NOT NULL,"
  "  notes TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE INDEX reference_use_customer ON reference_use (customer_id, used_on);"

  /* rule_key identifies what created a playbook item ("sale:12:delivery:2"),
   * so deriving the playbook again never doubles an item. */
  "CREATE TABLE follow_up ("
  "  id INTEGER PRIMARY KEY,"
  "  customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL CHECK (kind IN ('preposition_referral', 'delivery_check_in',"
  "    'satisfaction_check', 'introduction_ask', 'contact_referral',"
  "    'keep_source_informed', 'thank_referrer', 'follow_up_meeting', 'keep_in_touch',"
  "    'testimonial_ask', 'reference_care')),"
  "  due_at TEXT NOT NULL,"
  "  overdue_at TEXT,"  /* when it turns overdue; NULL: the end of due_at's day */
  "  state TEXT NOT NULL DEFAULT 'due' CHECK (state IN ('due', 'snoozed', 'done', 'skipped')),"
  "  snoozed_until TEXT,"
  "  reason TEXT NOT NULL DEFAULT '',"
  "  created_by TEXT NOT NULL DEFAULT 'user' CHECK (created_by IN ('playbook', 'user')),"
  "  rule_key TEXT,"
  "  sale_id INTEGER REFERENCES sale (id) ON DELETE CASCADE,"
  "  referral_id INTEGER REFERENCES referral (id) ON DELETE CASCADE,"
  "  created_at TEXT NOT NULL,"
  "  completed_at TEXT,"
  "  UNIQUE (customer_id, rule_key)"
  ");"
  "CREATE INDEX follow_up_open ON follow_up (coalesce (snoozed_until, due_at))"
  "  WHERE state IN ('due', 'snoozed');"
  "CREATE INDEX follow_up_customer ON follow_up (customer_id, state, due_at);";

/* Every follow-up that opens or moves (added, rescheduled, snoozed,
 * reopened) takes the next number of one book-wide sequence, whichever
 * connection or process wrote it.  A reader that remembers the highest
 * number it has seen finds what moved since in one index range: the
 * nudger learns of a check-in another process moved into the past without
 * reading the backlog again.  Triggers, so no writer can forget. */
static const char migration_2[] =
  "ALTER TABLE follow_up ADD COLUMN moved_seq INTEGER NOT NULL DEFAULT 0;"
  "CREATE INDEX follow_up_moved ON follow_up (moved_seq);"
  "CREATE TRIGGER follow_up_moved_insert AFTER INSERT ON follow_up"
  "  WHEN new.state IN ('due', 'snoozed')"
  " BEGIN"
  "  UPDATE follow_up SET moved_seq = 1 + (SELECT max (moved_seq) FROM follow_up)"
  "   WHERE id = new.id;"
  " END;"
  "CREATE TRIGGER follow_up_moved_update"
  "  AFTER UPDATE OF due_at, snoozed_until, state ON follow_up"
  "  WHEN new.state IN ('due', 'snoozed')"
  "   AND (old.state NOT IN ('due', 'snoozed')"
  "        OR coalesce (new.snoozed_until, new.due_at)"
  "           IS NOT coalesce (old.snoozed_until, old.due_at))"
  " BEGIN"
  "  UPDATE follow_up SET moved_seq = 1 + (SELECT max (moved_seq) FROM follow_up)"
  "   WHERE id = new.id;"
  " END;";

/* Version 3: the customer as faithful as the address book it came from.
 * Every email, phone, postal address and URL is a customer_value (the
 * customer's email and phone columns keep the preferred ones, written by the
 * same transaction, for the list and for tools reading the book); vCard
 * properties Rapport does not understand are kept verbatim; a photo is
 * stored once, apart from the row so lists never load it. */
static const char migration_3[] =
  "ALTER TABLE customer ADD COLUMN uid TEXT;"
  "ALTER TABLE customer ADD COLUMN kind TEXT NOT NULL DEFAULT 'individual'"
  "  CHECK (kind IN ('individual', 'org'));"
  /* N exactly as given (vCard text, escaped, ';'-separated); NULL: none. */
  "ALTER TABLE customer ADD COLUMN structured_name TEXT;"
  "ALTER TABLE customer ADD COLUMN title TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE customer ADD COLUMN role TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE customer ADD COLUMN birthday TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE customer ADD COLUMN anniversary TEXT NOT NULL DEFAULT '';"
  /* What search finds besides the row: every phone and the other emails. */
  "ALTER TABLE customer ADD COLUMN other_values TEXT NOT NULL DEFAULT '';"

  /* A random (version 4) UUID for every customer, old and new, unless the
   * insert gave one: books written by other tools get one too. */
  "UPDATE customer SET uid = 'urn:uuid:' || lower (hex (randomblob (4))) || '-' || lower (hex (randomblob (2))) || '-4'"
  "    || substr (lower (hex (randomblob (2))), 2) || '-' || substr ('89ab', 1 + abs (random ()) % 4, 1)"
  "    || substr (lower (hex (randomblob (2))), 2) || '-' || lower (hex (randomblob (6)));"
  "CREATE UNIQUE INDEX customer_uid ON customer (uid);"
  "CREATE TRIGGER customer_uid_default AFTER INSERT ON customer WHEN new.uid IS NULL BEGIN"
  "  UPDATE customer SET uid = 'urn:uuid:' || lower (hex (randomblob (4))) || '-' || lower (hex (randomblob (2))) || '-4'"
  "    || substr (lower (hex (randomblob (2))), 2) || '-' || substr ('89ab', 1 + abs (random ()) % 4, 1)"
  "    || substr (lower (hex (randomblob (2))), 2) || '-' || lower (hex (randomblob (6))) WHERE id = new.id;"
  "END;"

  "CREATE TABLE customer_value ("
  "  id INTEGER PRIMARY KEY,"
  "  customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL CHECK (kind IN ('email', 'phone', 'address', 'url')),"
  "  value TEXT NOT NULL CHECK (length (value) > 0),"
  "  types TEXT NOT NULL DEFAULT '',"        /* lower case, ','-separated: "work,cell" */
  "  pref INTEGER NOT NULL DEFAULT 0 CHECK (pref BETWEEN 0 AND 100),"  /* 0: none; 1 most */
  "  vcard_group TEXT NOT NULL DEFAULT '',"  /* "item1" of Apple's item1.EMAIL */
  "  vcard_params TEXT NOT NULL DEFAULT '',"  /* other parameters, verbatim */
  "  position INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX customer_value_customer ON customer_value (customer_id, kind, position);"
  "CREATE INDEX customer_value_email ON customer_value (lower (value)) WHERE kind = 'email';"
  "INSERT INTO customer_value (customer_id, kind, value, pref, position)"
  "  SELECT id, 'email', email, 1, 0 FROM customer WHERE email <> '';"
  "INSERT INTO customer_value (customer_id, kind, value, pref, position)"
  "  SELECT id, 'phone', phone, 1, 0 FROM customer WHERE phone <> '';"
  "UPDATE customer SET other_values = phone || ' ' || replace (replace (replace (replace (replace ("
  "  phone, ' ', ''), '-', ''), '(', ''), ')', ''), '.', '') WHERE phone <> '';"

  /* "item1.X-ABLabel;TYPE=pref:Colleague", unfolded, as it was read. */
  "CREATE TABLE customer_vcard_property ("
  "  id INTEGER PRIMARY KEY,"
  "  customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  content TEXT NOT NULL"
  ");"
  "CREATE INDEX customer_vcard_property_customer ON customer_vcard_property (customer_id, position);"

  "CREATE TABLE customer_photo ("
  "  customer_id INTEGER PRIMARY KEY REFERENCES customer (id) ON DELETE CASCADE,"
  "  media_type TEXT NOT NULL,"
  "  data BLOB NOT NULL"
  ");"

  /* Search covers every email and phone. */
  "DROP TRIGGER customer_fts_insert;"
  "DROP TRIGGER customer_fts_delete;"
  "DROP TRIGGER customer_fts_update;"
  "DROP TABLE customer_fts;"
  "CREATE VIRTUAL TABLE customer_fts USING fts5 ("
  "  name, company, email, notes, tags, other_values,"
  "  content = 'customer', content_rowid = 'id',"
  "  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'"
  ");"
  "CREATE TRIGGER customer_fts_insert AFTER INSERT ON customer BEGIN"
  "  INSERT INTO customer_fts (rowid, name, company, email, notes, tags, other_values)"
  "  VALUES (new.id, new.name, new.company, new.email, new.notes, new.tags, new.other_values);"
  "END;"
  "CREATE TRIGGER customer_fts_delete AFTER DELETE ON customer BEGIN"
  "  INSERT INTO customer_fts (customer_fts, rowid, name, company, email, notes, tags, other_values)"
  "  VALUES ('delete', old.id, old.name, old.company, old.email, old.notes, old.tags, old.other_values);"
  "END;"
  "CREATE TRIGGER customer_fts_update AFTER UPDATE OF name, company, email, notes, tags, other_values"
  "  ON customer BEGIN"
  "  INSERT INTO customer_fts (customer_fts, rowid, name, company, email, notes, tags, other_values)"
  "  VALUES ('delete', old.id, old.name, old.company, old.email, old.notes, old.tags, old.other_values);"
  "  INSERT INTO customer_fts (rowid, name, company, email, notes, tags, other_values)"
  "  VALUES (new.id, new.name, new.company, new.email, new.notes, new.tags, new.other_values);"
  "END;"
  "INSERT INTO customer_fts (customer_fts) VALUES ('rebuild');";

/* Version 4: the book syncs over CardDAV and CalDAV (src/sync).
 *
 * Follow-ups and interactions get the UID their VTODO and VJOURNAL carry.
 * A playbook item whose rule key names no local row (keep in touch,
 * testimonial ask) gets a UID derived from the customer's UID and the key,
 * so two laptops deriving the same check-in write the same VTODO instead of
 * two; rapport-follow-ups.c derives new ones the same way.  Other items get
 * a random UID.
 *
 * The sync tables stay empty in a book without an account, and the triggers
 * that queue changes for the server (rapport_schema_sync_triggers below) are
 * only created when an account is set up: a book that never syncs, and an
 * import into it, pay nothing for sync. */
static const char migration_4[] =
  "ALTER TABLE follow_up ADD COLUMN uid TEXT;"
  "UPDATE follow_up SET uid = CASE"
  "   WHEN created_by = 'playbook' AND (rule_key GLOB 'keep-in-touch:*' OR rule_key = 'testimonial-ask')"
  "   THEN (SELECT customer.uid FROM customer WHERE customer.id = follow_up.customer_id) || '#' || rule_key"
  "   ELSE 'urn:uuid:' || lower (hex (randomblob (4))) || '-' || lower (hex (randomblob (2))) || '-4'"
  "    || substr (lower (hex (randomblob (2))), 2) || '-' || substr ('89ab', 1 + abs (random ()) % 4, 1)"
  "    || substr (lower (hex (randomblob (2))), 2) || '-' || lower (hex (randomblob (6))) END;"
  "CREATE UNIQUE INDEX follow_up_uid ON follow_up (uid);"
  "CREATE TRIGGER follow_up_uid_default AFTER INSERT ON follow_up WHEN new.uid IS NULL BEGIN"
  "  UPDATE follow_up SET uid = 'urn:uuid:' || lower (hex (randomblob (4))) || '-' || lower (hex (randomblob (2))) || '-4'"
  "    || substr (lower (hex (randomblob (2))), 2) || '-' || substr ('89ab', 1 + abs (random ()) % 4, 1)"
  "    || substr (lower (hex (randomblob (2))), 2) || '-' || lower (hex (randomblob (6))) WHERE id = new.id;"
  "END;"

  "ALTER TABLE interaction ADD COLUMN uid TEXT;"
  /* NULL: logged here, by the user; else the name of the teammate who
   * logged it on another laptop (the VJOURNAL's ORGANIZER). */
  "ALTER TABLE interaction ADD COLUMN logged_by TEXT;"
  "UPDATE interaction SET uid = 'urn:uuid:' || lower (hex (randomblob (4))) || '-' || lower (hex (randomblob (2))) || '-4'"
  "    || substr (lower (hex (randomblob (2))), 2) || '-' || substr ('89ab', 1 + abs (random ()) % 4, 1)"
  "    || substr (lower (hex (randomblob (2))), 2) || '-' || lower (hex (randomblob (6)));"
  "CREATE UNIQUE INDEX interaction_uid ON interaction (uid);"
  "CREATE TRIGGER interaction_uid_default AFTER INSERT ON interaction WHEN new.uid IS NULL BEGIN"
  "  UPDATE interaction SET uid = 'urn:uuid:' || lower (hex (randomblob (4))) || '-' || lower (hex (randomblob (2))) || '-4'"
  "    || substr (lower (hex (randomblob (2))), 2) || '-' || substr ('89ab', 1 + abs (random ()) % 4, 1)"
  "    || substr (lower (hex (randomblob (2))), 2) || '-' || lower (hex (randomblob (6))) WHERE id = new.id;"
  "END;"

  /* One account (the password is in the keyring, never here). */
  "CREATE TABLE sync_account ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  server_url TEXT NOT NULL,"
  "  user_name TEXT NOT NULL,"
  "  addressbook_url TEXT NOT NULL,"
  "  tasks_url TEXT NOT NULL,"
  "  addressbook_token TEXT,"  /* RFC 6578 sync tokens */
  "  tasks_token TEXT,"
  "  addressbook_ctag TEXT,"   /* for servers without sync-collection */
  "  tasks_ctag TEXT,"
  "  insecure_accepted INTEGER NOT NULL DEFAULT 0 CHECK (insecure_accepted IN (0, 1)),"
  "  last_sync_at TEXT,"
  "  last_error TEXT,"
  "  author TEXT"  /* "logged by" on what this book sends; NULL: the user name */
  ");"

  /* What the server holds, as last agreed: base is the body both sides had
   * then, for the three-way merge. */
  "CREATE TABLE sync_resource ("
  "  id INTEGER PRIMARY KEY,"
  "  collection TEXT NOT NULL CHECK (collection IN ('addressbook', 'tasks')),"
  "  href TEXT NOT NULL,"
  "  uid TEXT,"
  "  etag TEXT,"
  "  kind TEXT NOT NULL CHECK (kind IN ('customer', 'follow_up', 'interaction', 'other')),"
  "  local_id INTEGER,"
  "  base TEXT,"
  "  UNIQUE (collection, href)"
  ");"
  "CREATE INDEX sync_resource_local ON sync_resource (kind, local_id);"
  "CREATE INDEX sync_resource_uid ON sync_resource (kind, uid);"

  /* Changes waiting for the server, one row per item (by UID, so a
   * deleted customer's number reused by a new one queues both); queued_seq
   * grows with every change, so the engine can tell its own writes from
   * the user's. */
  "CREATE TABLE sync_outbox ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL CHECK (kind IN ('customer', 'follow_up', 'interaction')),"
  "  uid TEXT NOT NULL,"
  "  local_id INTEGER,"
  "  op TEXT NOT NULL CHECK (op IN ('put', 'delete')),"
  "  queued_seq INTEGER NOT NULL,"
  "  UNIQUE (kind, uid)"
  ");"
  "CREATE INDEX sync_outbox_seq ON sync_outbox (queued_seq);"

  /* Both sides changed one field differently: both values stay until the
   * user chooses. */
  "CREATE TABLE sync_conflict ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL CHECK (kind IN ('customer', 'follow_up', 'interaction')),"
  "  local_id INTEGER NOT NULL,"
  "  uid TEXT,"
  "  field TEXT NOT NULL,"
  "  local_value TEXT,"
  "  remote_value TEXT,"
  "  created_at TEXT NOT NULL,"
  "  resolved_at TEXT"
  ");"
  "CREATE INDEX sync_conflict_open ON sync_conflict (kind, local_id) WHERE resolved_at IS NULL;";

/* Version 5: a statement that moves many follow-ups numbers them itself.
 * The moved_seq triggers wrote every row they numbered a second time, row
 * by row; for the tens of thousands of items Done on a summary moves
 * (rapport-follow-ups.c), that second write was a sixth of Done's work.
 * They now leave alone a row whose statement set moved_seq: an insert
 * that gave one, an update that changed it.  Every other writer is
 * numbered by them as before. */
static const char migration_5[] =
  "DROP TRIGGER follow_up_moved_insert;"
  "CREATE TRIGGER follow_up_moved_insert AFTER INSERT ON follow_up"
  "  WHEN new.state IN ('due', 'snoozed') AND new.moved_seq = 0"
  " BEGIN"
  "  UPDATE follow_up SET moved_seq = 1 + (SELECT max (moved_seq) FROM follow_up)"
  "   WHERE id = new.id;"
  " END;"
  "DROP TRIGGER follow_up_moved_update;"
  "CREATE TRIGGER follow_up_moved_update"
  "  AFTER UPDATE OF due_at, snoozed_until, state ON follow_up"
  "  WHEN new.moved_seq = old.moved_seq"
  "   AND new.state IN ('due', 'snoozed')"
  "   AND (old.state NOT IN ('due', 'snoozed')"
  "        OR coalesce (new.snoozed_until, new.due_at)"
  "           IS NOT coalesce (old.snoozed_until, old.due_at))"
  " BEGIN"
  "  UPDATE follow_up SET moved_seq = 1 + (SELECT max (moved_seq) FROM follow_up)"
  "   WHERE id = new.id;"
  " END;";

const char * const rapport_schema_migrations[] = {
  migration_1,
  migration_2,
  migration_3,
  migration_4,
  migration_5,
};

const guint rapport_schema_n_migrations = G_N_ELEMENTS (rapport_schema_migrations);

/* The triggers that queue every change for the server, created when a sync
 * account is set up and dropped when it is removed, so a book that never
 * syncs pays nothing for them.  rapport-schema-check.c accepts them in a
 * book of version 4 or later, exactly as written here.  A follow-up's
 * reason alone changing (the playbook rewords "No contact for 92 days"
 * daily) is not queued: it goes up with the item's next real change. */
const char rapport_schema_sync_triggers[] =
  "CREATE TRIGGER sync_customer_insert AFTER INSERT ON customer WHEN new.uid IS NOT NULL BEGIN"
  "  INSERT INTO sync_outbox (kind, uid, local_id, op, queued_seq)"
  "  VALUES ('customer', new.uid, new.id, 'put', coalesce ((SELECT max (queued_seq) FROM sync_outbox), 0) + 1)"
  "  ON CONFLICT (kind, uid) DO UPDATE SET local_id = excluded.local_id, op = excluded.op,"
  "    queued_seq = excluded.queued_seq;"
  "END;"
  "CREATE TRIGGER sync_customer_update AFTER UPDATE ON customer WHEN new.uid IS NOT NULL BEGIN"
  "  INSERT INTO sync_outbox (kind, uid, local_id, op, queued_seq)"
  "  SELECT 'customer', old.uid, NULL, 'delete', coalesce ((SELECT max (queued_seq) FROM sync_outbox), 0) + 1"
  "    WHERE old.uid IS NOT NULL AND old.uid IS NOT new.uid"
  "  ON CONFLICT (kind, uid) DO UPDATE SET local_id = excluded.local_id, op = excluded.op,"
  "    queued_seq = excluded.queued_seq;"
  "  INSERT INTO sync_outbox (kind, uid, local_id, op, queued_seq)"
  "  VALUES ('customer', new.uid, new.id, 'put', coalesce ((SELECT max (queued_seq) FROM sync_outbox), 0) + 1)"
  "  ON CONFLICT (kind, uid) DO UPDATE SET local_id = excluded.local_id, op = excluded.op,"
  "    queued_seq = excluded.queued_seq;"
  "END;"
  "CREATE TRIGGER sync_customer_delete AFTER DELETE ON customer WHEN old.uid IS NOT NULL BEGIN"
  "  INSERT INTO sync_outbox (kind, uid, local_id, op, queued_seq)"
  "  VALUES ('customer', old.uid, NULL, 'delete', coalesce ((SELECT max (queued_seq) FROM sync_outbox), 0) + 1)"
  "  ON CONFLICT (kind, uid) DO UPDATE SET local_id = excluded.local_id, op = excluded.op,"
  "    queued_seq = excluded.queued_seq;"
  "END;"
  "CREATE TRIGGER sync_customer_value_insert AFTER INSERT ON customer_value BEGIN"
  "  INSERT INTO sync_outbox (kind, uid, local_id, op, queued_seq)"
  "  SELECT 'customer', uid, id, 'put', coalesce ((SELECT max (queued_seq) FROM sync_outbox), 0) + 1"
  "    FROM customer WHERE id = new.customer_id AND uid IS NOT NULL"
  "  ON CONFLICT (kind, uid) DO UPDATE SET local_id = excluded.local_id, op = excluded.op,"
  "    queued_seq = excluded.queued_seq;"
  "END;"
  "CREATE TRIGGER sync_customer_value_update AFTER UPDATE ON customer_value BEGIN"
  "  INSERT INTO sync_outbox (kind, uid, local_id, op, queued_seq)"
  "  SELECT 'customer', uid, id, 'put', coalesce ((SELECT max (queued_seq) FROM sync_outbox), 0) + 1"
  "    FROM customer WHERE id = new.customer_id AND uid IS NOT NULL"
  "  ON CONFLICT (kind, uid) DO UPDATE SET local_id = excluded.local_id, op = excluded.op,"
  "    queued_seq = excluded.queued_seq;"
  "END;"
  "CREATE TRIGGER sync_customer_value_delete AFTER DELETE ON customer_value BEGIN"
  "  INSERT INTO sync_outbox (kind, uid, local_id, op, queued_seq)"
  "  SELECT 'customer', uid, id, 'put', coalesce ((SELECT max (queued_seq) FROM sync_outbox), 0) + 1"
  "    FROM customer WHERE id = old.customer_id AND uid IS NOT NULL"
  "  ON CONFLICT (kind, uid) DO UPDATE SET local_id = excluded.local_id, op = excluded.op,"
  "    queued_seq = excluded.queued_seq;"
  "END;"
  "CREATE TRIGGER sync_customer_vcard_property_insert AFTER INSERT ON customer_vcard_property BEGIN"
  "  INSERT INTO sync_outbox (kind, uid, local_id, op, queued_seq)"
  "  SELECT 'customer', uid, id, 'put', coalesce ((SELECT max (queued_seq) FROM sync_outbox), 0) + 1"
  "    FROM customer WHERE id = new.customer_id AND uid IS NOT NULL"
  "  ON CONFLICT (kind, uid) DO UPDATE SET local_id = excluded.local_id, op = excluded.op,"
  "    queued_seq = excluded.queued_seq;"
  "END;"
  "CREATE TRIGGER sync_customer_vcard_property_update AFTER UPDATE ON customer_vcard_property BEGIN"
  "  INSERT INTO sync_outbox (kind, uid, local_id, op, queued_seq)"
  "  SELECT 'customer', uid, id, 'put', coalesce ((SELECT max (queued_seq) FROM sync_outbox), 0) + 1"
  "    FROM customer WHERE id = new.customer_id AND uid IS NOT NULL"
  "  ON CONFLICT (kind, uid) DO UPDATE SET local_id = excluded.local_id, op = excluded.op,"
  "    queued_seq = excluded.queued_seq;"
  "END;"
  "CREATE TRIGGER sync_customer_vcard_property_delete AFTER DELETE ON customer_vcard_property BEGIN"
  "  INSERT INTO sync_outbox (kind, uid, local_id, op, queued_seq)"
  "  SELECT 'customer', uid, id, 'put', coalesce ((SELECT max (queued_seq) FROM sync_outbox), 0) + 1"
  "    FROM customer WHERE id = old.customer_id AND uid IS NOT NULL"
  "  ON CONFLICT (kind, uid) DO UPDATE SET local_id = excluded.local_id, op = excluded.op,"
  "    queued_seq = excluded.queued_seq;"
  "END;"
  "CREATE TRIGGER sync_customer_photo_insert AFTER INSERT ON customer_photo BEGIN"
  "  INSERT INTO sync_outbox (kind, uid, local_id, op, queued_seq)"
  "  SELECT 'customer', uid, id, 'put', coalesce ((SELECT max (queued_seq) FROM sync_outbox), 0) + 1"
  "    FROM customer WHERE id = new.customer_id AND uid IS NOT NULL"
  "  ON CONFLICT (kind, uid) DO UPDATE SET local_id = excluded.local_id, op = excluded.op,"
  "    queued_seq = excluded.queued_seq;"
  "END;"
  "CREATE TRIGGER sync_customer_photo_update AFTER UPDATE ON customer_photo BEGIN"
  "  INSERT INTO sync_outbox (kind, uid, local_id, op, queued_seq)"
  "  SELECT 'customer', uid, id, 'put', coalesce ((SELECT max (queued_seq) FROM sync_outbox), 0) + 1"
  "    FROM customer WHERE id = new.customer_id AND uid IS NOT NULL"
  "  ON CONFLICT (kind, uid) DO UPDATE SET local_id = excluded.local_id, op = excluded.op,"
  "    queued_seq = excluded.queued_seq;"
  "END;"
  "CREATE TRIGGER sync_customer_photo_delete AFTER DELETE ON customer_photo BEGIN"
  "  INSERT INTO sync_outbox (kind, uid, local_id, op, queued_seq)"
  "  SELECT 'customer', uid, id, 'put', coalesce ((SELECT max (queued_seq) FROM sync_outbox), 0) + 1"
  "    FROM customer WHERE id = old.customer_id AND uid IS NOT NULL"
  "  ON CONFLICT (kind, uid) DO UPDATE SET local_id = excluded.local_id, op = excluded.op,"
  "    queued_seq = excluded.queued_seq;"
  "END;"
  "CREATE TRIGGER sync_follow_up_insert AFTER INSERT ON follow_up WHEN new.uid IS NOT NULL BEGIN"
  "  INSERT INTO sync_outbox (kind, uid, local_id, op, queued_seq)"
  "  VALUES ('follow_up', new.uid, new.id, 'put', coalesce ((SELECT max (queued_seq) FROM sync_outbox), 0) + 1)"
  "  ON CONFLICT (kind, uid) DO UPDATE SET local_id = excluded.local_id, op = excluded.op,"
  "    queued_seq = excluded.queued_seq;"
  "END;"
  "CREATE TRIGGER sync_follow_up_update AFTER UPDATE OF customer_id, kind, due_at, overdue_at, state, snoozed_until, completed_at, uid ON follow_up WHEN new.uid IS NOT NULL BEGIN"
  "  INSERT INTO sync_outbox (kind, uid, local_id, op, queued_seq)"
  "  SELECT 'follow_up', old.uid, NULL, 'delete', coalesce ((SELECT max (queued_seq) FROM sync_outbox), 0) + 1"
  "    WHERE old.uid IS NOT NULL AND old.uid IS NOT new.uid"
  "  ON CONFLICT (kind, uid) DO UPDATE SET local_id = excluded.local_id, op = excluded.op,"
  "    queued_seq = excluded.queued_seq;"
  "  INSERT INTO sync_outbox (kind, uid, local_id, op, queued_seq)"
  "  VALUES ('follow_up', new.uid, new.id, 'put', coalesce ((SELECT max (queued_seq) FROM sync_outbox), 0) + 1)"
  "  ON CONFLICT (kind, uid) DO UPDATE SET local_id = excluded.local_id, op = excluded.op,"
  "    queued_seq = excluded.queued_seq;"
  "END;"
  "CREATE TRIGGER sync_follow_up_delete AFTER DELETE ON follow_up WHEN old.uid IS NOT NULL BEGIN"
  "  INSERT INTO sync_outbox (kind, uid, local_id, op, queued_seq)"
  "  VALUES ('follow_up', old.uid, NULL, 'delete', coalesce ((SELECT max (queued_seq) FROM sync_outbox), 0) + 1)"
  "  ON CONFLICT (kind, uid) DO UPDATE SET local_id = excluded.local_id, op = excluded.op,"
  "    queued_seq = excluded.queued_seq;"
  "END;"
  "CREATE TRIGGER sync_interaction_insert AFTER INSERT ON interaction WHEN new.uid IS NOT NULL BEGIN"
  "  INSERT INTO sync_outbox (kind, uid, local_id, op, queued_seq)"
  "  VALUES ('interaction', new.uid, new.id, 'put', coalesce ((SELECT max (queued_seq) FROM sync_outbox), 0) + 1)"
  "  ON CONFLICT (kind, uid) DO UPDATE SET local_id = excluded.local_id, op = excluded.op,"
  "    queued_seq = excluded.queued_seq;"
  "END;"
  "CREATE TRIGGER sync_interaction_update AFTER UPDATE OF customer_id, happened_at, kind, summary, logged_by, uid ON interaction WHEN new.uid IS NOT NULL BEGIN"
  "  INSERT INTO sync_outbox (kind, uid, local_id, op, queued_seq)"
  "  SELECT 'interaction', old.uid, NULL, 'delete', coalesce ((SELECT max (queued_seq) FROM sync_outbox), 0) + 1"
  "    WHERE old.uid IS NOT NULL AND old.uid IS NOT new.uid"
  "  ON CONFLICT (kind, uid) DO UPDATE SET local_id = excluded.local_id, op = excluded.op,"
  "    queued_seq = excluded.queued_seq;"
  "  INSERT INTO sync_outbox (kind, uid, local_id, op, queued_seq)"
  "  VALUES ('interaction', new.uid, new.id, 'put', coalesce ((SELECT max (queued_seq) FROM sync_outbox), 0) + 1)"
  "  ON CONFLICT (kind, uid) DO UPDATE SET local_id = excluded.local_id, op = excluded.op,"
  "    queued_seq = excluded.queued_seq;"
  "END;"
  "CREATE TRIGGER sync_interaction_delete AFTER DELETE ON interaction WHEN old.uid IS NOT NULL BEGIN"
  "  INSERT INTO sync_outbox (kind, uid, local_id, op, queued_seq)"
  "  VALUES ('interaction', old.uid, NULL, 'delete', coalesce ((SELECT max (queued_seq) FROM sync_outbox), 0) + 1)"
  "  ON CONFLICT (kind, uid) DO UPDATE SET local_id = excluded.local_id, op = excluded.op,"
  "    queued_seq = excluded.queued_seq;"
  "END;";

const char rapport_schema_sync_triggers_drop[] =
  "DROP TRIGGER IF EXISTS sync_customer_insert;"
  "DROP TRIGGER IF EXISTS sync_customer_update;"
  "DROP TRIGGER IF EXISTS sync_customer_delete;"
  "DROP TRIGGER IF EXISTS sync_customer_value_insert;"
  "DROP TRIGGER IF EXISTS sync_customer_value_update;"
  "DROP TRIGGER IF EXISTS sync_customer_value_delete;"
  "DROP TRIGGER IF EXISTS sync_customer_vcard_property_insert;"
  "DROP TRIGGER IF EXISTS sync_customer_vcard_property_update;"
  "DROP TRIGGER IF EXISTS sync_customer_vcard_property_delete;"
  "DROP TRIGGER IF EXISTS sync_customer_photo_insert;"
  "DROP TRIGGER IF EXISTS sync_customer_photo_update;"
  "DROP TRIGGER IF EXISTS sync_customer_photo_delete;"
  "DROP TRIGGER IF EXISTS sync_follow_up_insert;"
  "DROP TRIGGER IF EXISTS sync_follow_up_update;"
  "DROP TRIGGER IF EXISTS sync_follow_up_delete;"
  "DROP TRIGGER IF EXISTS sync_interaction_insert;"
  "DROP TRIGGER IF EXISTS sync_interaction_update;"
  "DROP TRIGGER IF EXISTS sync_interaction_delete;";
