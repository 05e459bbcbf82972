/* fuzz-common.c: what the libFuzzer targets share
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A finding must stop the fuzzer, so criticals and warnings abort (as
 * G_DEBUG=fatal-criticals stops the unit tests), and so does a broken
 * invariant, reported with g_error ().
 */

#define G_LOG_DOMAIN "rapport-fuzz"

#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "fuzz-common.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

/* GLib stops on a fatal message with a breakpoint trap, which libFuzzer
 * does not catch; abort () it does, and then it saves the input. */
static GLogWriterOutput
abort_on_warnings (GLogLevelFlags   level,
                   const GLogField *fields,
                   gsize            n_fields,
                   gpointer         user_data)
{
  g_log_writer_standard_streams (level, fields, n_fields, user_data);
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();
  return G_LOG_WRITER_HANDLED;
}

void
fuzz_init (void)
{
  setlocale (LC_ALL, "C.UTF-8");
  /* Dates are read as local time; fix the zone so runs reproduce. */
  g_setenv ("TZ", "Europe/Paris", TRUE);
  g_log_set_writer_func (abort_on_warnings, NULL, NULL);
}

static void
check_text (const char *what,
            const char *text)
{
  if (text == NULL)
    g_error ("contact field %s is NULL", what);
  if (!g_utf8_validate (text, -1, NULL))
    g_error ("contact field %s is not valid UTF-8", what);
}

/* What the importer relies on: every field is text, never NULL. */
void
fuzz_check_contacts (GPtrArray *contacts)
{
  for (guint i = 0; i < contacts->len; i++)
    {
      RapportContact *contact = g_ptr_array_index (contacts, i);

      check_text ("name", contact->name);
      check_text ("company", contact->company);
      check_text ("email", contact->email);
      check_text ("phone", contact->phone);
      check_text ("status", contact->status);
      check_text ("satisfaction", contact->satisfaction);
      check_text ("notes", contact->notes);
      if (contact->tags == NULL)
        g_error ("contact tags are NULL");
      for (guint j = 0; contact->tags[j] != NULL; j++)
        check_text ("tag", contact->tags[j]);
      if (contact->next_check_in != NULL)
        check_text ("next_check_in", contact->next_check_in);
      if (contact->line == 0)
        g_error ("contact line is 0");
    }
}

static void
assert_same_text (guint       index,
                  const char *what,
                  const char *first,
                  const char *second,
                  const char *how)
{
  if (g_strcmp0 (first, second) != 0)
    {
      g_autofree char *escaped_first = g_strescape (first != NULL ? first : "(null)", NULL);
      g_autofree char *escaped_second = g_strescape (second != NULL ? second : "(null)", NULL);

      g_error ("%s changed contact %u's %s: “%s” became “%s”",
               how, index, what, escaped_first, escaped_second);
    }
}

/* Line numbers may differ (a writer lays records out its own way); every
 * value must not. */
void
fuzz_assert_same_contacts (GPtrArray  *first,
                           GPtrArray  *second,
                           const char *how)
{
  if (first->len != second->len)
    g_error ("%s changed the number of contacts: %u became %u", how, first->len, second->len);

  for (guint i = 0; i < first->len; i++)
    {
      RapportContact *a = g_ptr_array_index (first, i);
      RapportContact *b = g_ptr_array_index (second, i);
      g_autofree char *tags_a = g_strjoinv ("|", a->tags);
      g_autofree char *tags_b = g_strjoinv ("|", b->tags);

      assert_same_text (i, "name", a->name, b->name, how);
      assert_same_text (i, "company", a->company, b->company, how);
      assert_same_text (i, "email", a->email, b->email, how);
      assert_same_text (i, "phone", a->phone, b->phone, how);
      assert_same_text (i, "status", a->status, b->status, how);
      assert_same_text (i, "satisfaction", a->satisfaction, b->satisfaction, how);
      assert_same_text (i, "notes", a->notes, b->notes, how);
      assert_same_text (i, "next_check_in", a->next_check_in, b->next_check_in, how);
      if (g_strv_length (a->tags) != g_strv_length (b->tags))
        g_error ("%s changed contact %u's tags: “%s” became “%s”", how, i, tags_a, tags_b);
      assert_same_text (i, "tags", tags_a, tags_b, how);
    }
}

/* For vCards, everything else a card keeps must come back too: UID, N as
 * given, every value with its types, preference, group and parameters,
 * the unknown properties in order, the photo. */
void
fuzz_assert_same_cards (GPtrArray  *first,
                        GPtrArray  *second,
                        const char *how)
{
  fuzz_assert_same_contacts (first, second, how);

  for (guint i = 0; i < first->len; i++)
    {
      RapportContact *a = g_ptr_array_index (first, i);
      RapportContact *b = g_ptr_array_index (second, i);

      assert_same_text (i, "uid", a->uid, b->uid, how);
      assert_same_text (i, "N", a->structured_name, b->structured_name, how);
      assert_same_text (i, "title", a->title, b->title, how);
      assert_same_text (i, "role", a->role, b->role, how);
      assert_same_text (i, "birthday", a->birthday, b->birthday, how);
      assert_same_text (i, "anniversary", a->anniversary, b->anniversary, how);
      if (a->is_org != b->is_org)
        g_error ("%s changed whether contact %u is an organisation", how, i);
      if (a->values->len != b->values->len)
        g_error ("%s changed contact %u's number of values: %u became %u",
                 how, i, a->values->len, b->values->len);
      for (guint j = 0; j < a->values->len; j++)
        {
          const RapportContactValue *va = g_ptr_array_index (a->values, j);
          const RapportContactValue *vb = g_ptr_array_index (b->values, j);

          if (va->kind != vb->kind || va->pref != vb->pref)
            g_error ("%s changed the kind or preference of contact %u's value %u", how, i, j);
          assert_same_text (i, "value", va->value, vb->value, how);
          assert_same_text (i, "value types", va->types, vb->types, how);
          assert_same_text (i, "value group", va->group, vb->group, how);
          assert_same_text (i, "value parameters", va->params, vb->params, how);
        }
      if (a->extra->len != b->extra->len)
        g_error ("%s changed contact %u's number of unknown properties: %u became %u",
                 how, i, a->extra->len, b->extra->len);
      for (guint j = 0; j < a->extra->len; j++)
        assert_same_text (i, "unknown property", g_ptr_array_index (a->extra, j),
                          g_ptr_array_index (b->extra, j), how);
      if ((a->photo == NULL) != (b->photo == NULL) ||
          (a->photo != NULL && !g_bytes_equal (a->photo, b->photo)))
        g_error ("%s changed contact %u's photo", how, i);
    }
}
