/* rapport-referral-row.c: one referral in the pipeline, with what to do next
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The row's own actions (row.advance, row.set-stage, row.informed,
 * row.thanked) name its referral and hand over to the referrals page's
 * actions, which own the store.
 */

#define G_LOG_DOMAIN "rapport-referral-row"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-drafts.h"
#include "rapport-referral-row.h"

struct _RapportReferralRow
{
  AdwActionRow     parent_instance;

  RapportReferral *referral;

  GtkButton       *advance_button;
  GtkMenuButton   *stage_button;
  GtkMenuButton   *referrer_button;
  GMenuModel      *stage_menu;
  GMenuModel      *referrer_menu;
};

G_DEFINE_FINAL_TYPE (RapportReferralRow, rapport_referral_row, ADW_TYPE_ACTION_ROW)

static void
forward (RapportReferralRow *self,
         const char         *action,
         const char         *argument)
{
  gint64 id = rapport_referral_get_id (self->referral);

  if (argument != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), action, "(xs)", id, argument);
  else
    gtk_widget_activate_action (GTK_WIDGET (self), action, "x", id);
}

static void
advance_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  RapportReferralRow *self = RAPPORT_REFERRAL_ROW (widget);
  const char *next = rapport_referral_next_stage (rapport_referral_get_stage (self->referral));

  if (next != NULL)
    forward (self, "referrals.set-stage", next);
}

static void
set_stage_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  forward (RAPPORT_REFERRAL_ROW (widget), "referrals.set-stage", g_variant_get_string (param, NULL));
}

static void
informed_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  forward (RAPPORT_REFERRAL_ROW (widget), "referrals.informed", NULL);
}

static void
thanked_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  forward (RAPPORT_REFERRAL_ROW (widget), "referrals.thanked", g_variant_get_string (param, NULL));
}

static void
draft_update_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  forward (RAPPORT_REFERRAL_ROW (widget), "referrals.draft-referral", "");
}

static void
draft_thanks_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  forward (RAPPORT_REFERRAL_ROW (widget), "referrals.draft-referral", "thank_referral");
}

static int
days_between (gint64 then,
              gint64 now)
{
  g_autoptr(GDateTime) a = g_date_time_new_from_unix_local (then);
  g_autoptr(GDateTime) b = g_date_time_new_from_unix_local (now);

  if (a == NULL || b == NULL)
    return 0;
  return MAX (0, (int) (g_date_time_difference (b, a) / G_TIME_SPAN_DAY));
}

/* "In this stage for 3 days · Referrer informed · Thanked: Gift" */
static char *
describe_state (RapportReferral *referral,
                gint64           now)
{
  gint64 moved = rapport_referral_get_stage_changed_at (referral);
  gint64 informed = rapport_referral_get_informed_at (referral);
  const char *how = rapport_referral_get_thanked_how (referral);
  int days = days_between (moved, now);
  g_autofree char *stage_time = NULL;
  g_autofree char *thanks = NULL;
  const char *told;

  if (days == 0)
    stage_time = g_strdup (_("Moved to this stage today"));
  else
    stage_time = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "In this stage for %d day",
                                               "In this stage for %d days", days),
                                  days);

  /* Keeping the source informed is about stage changes; a referral still
   * in the stage it arrived in has none to tell. */
  if (moved <= rapport_referral_get_created_at (referral))
    told = NULL;
  else if (informed == 0)
    told = _("Referrer not informed yet");
  else if (informed < moved)
    told = _("Referrer not told of the last change");
  else
    told = _("Referrer informed");

  if (how == NULL || rapport_referral_get_thanked_at (referral) == 0)
    thanks = g_strdup (_("Not thanked yet"));
  else
    /* Translators: how the referrer was thanked: "Thanked: Gift" */
    thanks = g_strdup_printf (_("Thanked: %s"), rapport_referral_thanks_label (how));

  if (told == NULL)
    return g_strdup_printf ("%s · %s", stage_time, thanks);
  return g_strdup_printf ("%s · %s · %s", stage_time, told, thanks);
}

static void
update (RapportReferralRow *self,
        gint64              now)
{
  RapportReferral *referral = self->referral;
  const char *type = rapport_referral_get_type_word (referral);
  const char *next = rapport_referral_next_stage (rapport_referral_get_stage (referral));
  g_autofree char *title = NULL;
  g_autofree char *state = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *tooltip = NULL;

  /* Each name is a bidi isolate (FSI … PDI), so an Arabic or Hebrew name
   * cannot turn the arrow around.
   * Translators: a referral: "Ada Lovelace → Carol Díaz" */
  title = g_strdup_printf (_("\u2068%s\u2069 → \u2068%s\u2069"), rapport_referral_get_referrer_name (referral),
                           rapport_referral_get_prospect_name (referral));
  state = describe_state (referral, now);
  /* Translators: the referral type, its explanation, then its state */
  subtitle = g_strdup_printf (_("%s — %s\n%s"), rapport_referral_type_label (type),
                              rapport_referral_type_explanation (type), state);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  gtk_menu_button_set_label (self->stage_button,
                             rapport_referral_stage_label (rapport_referral_get_stage (referral)));

  /* A referral still promised or asked for has no news for its referrer. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "row.draft-update",
                                 rapport_drafts_for_stage (rapport_referral_get_stage (referral)) != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->advance_button), next != NULL);
  if (next != NULL)
    {
      /* Translators: the button that moves a referral on to the next stage */
      tooltip = g_strdup_printf (_("Advance to “%s”"), rapport_referral_stage_label (next));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->advance_button), tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->advance_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
    }
}

static void
rapport_referral_row_dispose (GObject *object)
{
  RapportReferralRow *self = (RapportReferralRow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_REFERRAL_ROW);
  g_clear_object (&self->referral);

  G_OBJECT_CLASS (rapport_referral_row_parent_class)->dispose (object);
}

static void
rapport_referral_row_class_init (RapportReferralRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_referral_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportapp/Rapport/rapport-referral-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportReferralRow, advance_button);
  gtk_widget_class_bind_template_child (widget_class, RapportReferralRow, stage_button);
  gtk_widget_class_bind_template_child (widget_class, RapportReferralRow, referrer_button);
  gtk_widget_class_bind_template_child (widget_class, RapportReferralRow, stage_menu);
  gtk_widget_class_bind_template_child (widget_class, RapportReferralRow, referrer_menu);

  gtk_widget_class_install_action (widget_class, "row.advance", NULL, advance_action);
  gtk_widget_class_install_action (widget_class, "row.set-stage", "s", set_stage_action);
  gtk_widget_class_install_action (widget_class, "row.informed", NULL, informed_action);
  gtk_widget_class_install_action (widget_class, "row.thanked", "s", thanked_action);
  gtk_widget_class_install_action (widget_class, "row.draft-update", NULL, draft_update_action);
  gtk_widget_class_install_action (widget_class, "row.draft-thanks", NULL, draft_thanks_action);
}

/* A popover per menu button is most of what a row costs to build, and
 * few rows are ever opened: make it on the first click. */
static void
create_popup (GtkMenuButton *button,
              gpointer       user_data)
{
  RapportReferralRow *self = user_data;

  gtk_menu_button_set_menu_model (button, button == self->stage_button ? self->stage_menu
                                                                       : self->referrer_menu);
}

static void
rapport_referral_row_init (RapportReferralRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_menu_button_set_create_popup_func (self->stage_button, create_popup, self, NULL);
  gtk_menu_button_set_create_popup_func (self->referrer_button, create_popup, self, NULL);
}

GtkWidget *
rapport_referral_row_new (RapportReferral *referral,
                          gint64           now)
{
  RapportReferralRow *self;

  g_return_val_if_fail (RAPPORT_IS_REFERRAL (referral), NULL);

  self = g_object_new (RAPPORT_TYPE_REFERRAL_ROW, NULL);
  self->referral = g_object_ref (referral);
  update (self, now);
  return GTK_WIDGET (self);
}

RapportReferral *
rapport_referral_row_get_referral (RapportReferralRow *self)
{
  g_return_val_if_fail (RAPPORT_IS_REFERRAL_ROW (self), NULL);

  return self->referral;
}
