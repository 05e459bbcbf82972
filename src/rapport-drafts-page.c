/* rapport-drafts-page.c: Preferences → Email Drafts, the user's wording of each script
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One expander row per script the core knows (rapport-drafts.c), built
 * from its table, so a new script appears here without touching this
 * file.  Each shows the words in effect, the default until the user
 * changes them; a text equal to the default (or empty) is not stored, so
 * a better default in a later version reaches everyone who kept it.
 */

#define G_LOG_DOMAIN "rapport-drafts-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-drafts.h"
#include "rapport-drafts-page.h"

struct _RapportDraftsPage
{
  AdwPreferencesPage  parent_instance;

  GSettings          *settings;
  gboolean            loading;
};

G_DEFINE_FINAL_TYPE (RapportDraftsPage, rapport_drafts_page, ADW_TYPE_PREFERENCES_PAGE)

typedef struct
{
  const RapportDraftScript *script;
  GtkEditable              *subject;
  GtkTextBuffer            *body;
} Editor;

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The setting with @editor's script as it now reads, or without it when
 * it reads as the default. */
static void
store_editor (RapportDraftsPage *self,
              Editor            *editor)
{
  g_autoptr(GVariant) old = g_settings_get_value (self->settings, "email-drafts");
  g_autoptr(GVariantBuilder) builder = g_variant_builder_new (G_VARIANT_TYPE (RAPPORT_DRAFTS_OVERRIDES_TYPE));
  g_autofree char *body = buffer_text (editor->body);
  const char *subject = gtk_editable_get_text (editor->subject);
  const char *id = editor->script->id;
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_variant_iter_init (&iter, old);
  while (g_variant_iter_loop (&iter, "{&s@(ss)}", &key, &value))
    if (g_strcmp0 (key, id) != 0)
      g_variant_builder_add (builder, "{s@(ss)}", key, value);

  if (g_strcmp0 (subject, _(editor->script->subject)) == 0)
    subject = "";
  if (g_strcmp0 (body, _(editor->script->body)) == 0)
    g_clear_pointer (&body, g_free);
  if (*subject != '\0' || body != NULL)
    g_variant_builder_add (builder, "{s(ss)}", id, subject, body != NULL ? body : "");

  g_settings_set_value (self->settings, "email-drafts", g_variant_builder_end (builder));
}

static void
on_changed (Editor *editor)
{
  RapportDraftsPage *self = g_object_get_data (G_OBJECT (editor->body), "page");

  if (!self->loading)
    store_editor (self, editor);
}

static void
load_editor (RapportDraftsPage *self,
             Editor            *editor)
{
  g_autoptr(GVariant) overrides = g_settings_get_value (self->settings, "email-drafts");
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;

  rapport_drafts_get_text (editor->script->id, overrides, &subject, &body);
  self->loading = TRUE;
  gtk_editable_set_text (editor->subject, subject);
  gtk_text_buffer_set_text (editor->body, body, -1);
  self->loading = FALSE;
}

static void
on_reset_clicked (GtkButton *button,
                  Editor    *editor)
{
  RapportDraftsPage *self = g_object_get_data (G_OBJECT (editor->body), "page");

  gtk_editable_set_text (editor->subject, _(editor->script->subject));
  gtk_text_buffer_set_text (editor->body, _(editor->script->body), -1);
  store_editor (self, editor);
}

static GtkWidget *
create_editor (RapportDraftsPage        *self,
               const RapportDraftScript *script)
{
  GtkWidget *expander = adw_expander_row_new ();
  GtkWidget *subject = adw_entry_row_new ();
  GtkWidget *view = gtk_text_view_new ();
  GtkWidget *reset = gtk_button_new_with_mnemonic (_("_Reset to Default"));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  Editor *editor = g_new0 (Editor, 1);

  editor->script = script;
  editor->subject = GTK_EDITABLE (subject);
  editor->body = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  g_object_set_data (G_OBJECT (editor->body), "page", self);
  g_object_set_data_full (G_OBJECT (expander), "editor", editor, g_free);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _(script->title));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (subject), _("Subject"));

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
  gtk_widget_set_size_request (view, -1, 160);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Message"), -1);
  gtk_widget_set_halign (reset, GTK_ALIGN_END);
  gtk_widget_set_margin_bottom (reset, 6);
  gtk_widget_set_margin_end (reset, 6);
  gtk_box_append (GTK_BOX (box), view);
  gtk_box_append (GTK_BOX (box), reset);

  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), subject);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), box);

  load_editor (self, editor);
  g_signal_connect_swapped (subject, "changed", G_CALLBACK (on_changed), editor);
  g_signal_connect_swapped (editor->body, "changed", G_CALLBACK (on_changed), editor);
  g_signal_connect (reset, "clicked", G_CALLBACK (on_reset_clicked), editor);
  return expander;
}

static void
rapport_drafts_page_dispose (GObject *object)
{
  RapportDraftsPage *self = (RapportDraftsPage *)object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rapport_drafts_page_parent_class)->dispose (object);
}

static void
rapport_drafts_page_class_init (RapportDraftsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rapport_drafts_page_dispose;
}

static void
rapport_drafts_page_init (RapportDraftsPage *self)
{
}

/**
 * rapport_drafts_page_new:
 * @settings: the application's settings, where email-drafts lives
 */
GtkWidget *
rapport_drafts_page_new (GSettings *settings)
{
  RapportDraftsPage *self;
  GtkWidget *group = adw_preferences_group_new ();
  const RapportDraftScript *scripts;
  guint n;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (RAPPORT_TYPE_DRAFTS_PAGE,
                       "title", _("Email Drafts"),
                       "icon-name", "mail-message-new-symbolic",
                       NULL);
  self->settings = g_object_ref (settings);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Your Wording"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
    _("Each Draft Email button opens your mail program with these words. "
      "{first_name}, {name}, {company}, {product} and {referral} are filled in for the customer."));
  scripts = rapport_drafts_get_all (&n);
  for (guint i = 0; i < n; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), create_editor (self, &scripts[i]));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (group));
  return GTK_WIDGET (self);
}
