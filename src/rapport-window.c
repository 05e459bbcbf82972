/* rapport-window.c: the main window, a stack of the four views
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-window"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-calendar-page.h"
#include "rapport-customers-page.h"
#include "rapport-referrals-page.h"
#include "rapport-testimonials-page.h"
#include "rapport-window.h"

struct _RapportWindow
{
  AdwApplicationWindow     parent_instance;

  RapportStore            *store;
  GSettings               *settings;

  AdwToastOverlay         *toast_overlay;
  RapportSyncIndicator    *sync_indicator;
  AdwViewStack            *stack;
  RapportCustomersPage    *customers_page;
  /* Built when first shown; the slots hold them in the view stack. */
  AdwBin                  *calendar_slot;
  AdwBin                  *referrals_slot;
  AdwBin                  *testimonials_slot;
  RapportCalendarPage     *calendar_page;
  RapportReferralsPage    *referrals_page;
  RapportTestimonialsPage *testimonials_page;
};

G_DEFINE_FINAL_TYPE (RapportWindow, rapport_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void load_view (RapportWindow *self,
                       const char    *view);

static const char * const view_names[] = {
  "customers", "follow-ups", "referrals", "testimonials",
};

static gboolean
is_view_name (const char *view)
{
  for (guint i = 0; i < G_N_ELEMENTS (view_names); i++)
    if (g_strcmp0 (view, view_names[i]) == 0)
      return TRUE;
  return FALSE;
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  rapport_window_set_view (RAPPORT_WINDOW (widget), g_variant_get_string (param, NULL));
}

/* Customer commands work from every view: they bring the Customers view up. */
static void
customer_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);

  rapport_window_set_view (self, "customers");

  if (g_str_equal (action_name, "win.new-customer"))
    rapport_customers_page_new_customer (self->customers_page);
  else if (g_str_equal (action_name, "win.log-contact"))
    rapport_customers_page_log_contact (self->customers_page);
  else if (g_str_equal (action_name, "win.delete-customer"))
    rapport_customers_page_delete_selected (self->customers_page);
  else if (g_str_equal (action_name, "win.search"))
    rapport_customers_page_focus_search (self->customers_page);
}

/* Ctrl+R works from every view; the customer the Customers view shows
 * selected, if any, is taken as the referrer. */
static void
record_referral_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);
  RapportCustomer *referrer = NULL;

  if (g_strcmp0 (rapport_window_get_view (self), "customers") == 0)
    referrer = rapport_customers_page_get_selected (self->customers_page);
  load_view (self, "referrals");
  rapport_referrals_page_record_referral (self->referrals_page, referrer);
}

/* The agenda's customer names open the customer, wherever they are. */
static void
open_customer_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);

  rapport_window_set_view (self, "customers");
  rapport_customers_page_select_customer (self->customers_page, g_variant_get_int64 (param));
}

/* Calendar commands work from every view: they bring the Follow-ups up. */
static void
calendar_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);

  rapport_window_set_view (self, "follow-ups");
  load_view (self, "follow-ups");

  if (g_str_equal (action_name, "win.today"))
    rapport_calendar_page_show_today (self->calendar_page);
  else
    rapport_calendar_page_move_months (self->calendar_page,
                                       g_str_equal (action_name, "win.next-month") ? 1 : -1);
}

/* The shortcuts window is built when first asked for, not with every main
 * window as GTK does with a resource at gtk/help-overlay.ui. */
static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/io/github/rapportapp/Rapport/rapport-shortcuts-window.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (window, overlay);
    }
  gtk_window_present (GTK_WINDOW (overlay));
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);

  rapport_customers_page_undo_delete (self->customers_page, g_variant_get_int64 (param));
}

static void
on_visible_child_changed (RapportWindow *self)
{
  g_assert (RAPPORT_IS_WINDOW (self));

  load_view (self, rapport_window_get_view (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

/* The views other than Customers are built, and read the book, when first
 * shown: a big book and three views nobody looks at yet must not delay
 * the window's first frame. */
static void
load_view (RapportWindow *self,
           const char    *view)
{
  g_assert (RAPPORT_IS_WINDOW (self));

  if (self->store == NULL)
    return;

  if (g_strcmp0 (view, "follow-ups") == 0 && self->calendar_page == NULL)
    {
      self->calendar_page = g_object_new (RAPPORT_TYPE_CALENDAR_PAGE, NULL);
      adw_bin_set_child (self->calendar_slot, GTK_WIDGET (self->calendar_page));
      rapport_calendar_page_set_store (self->calendar_page, self->store);
    }
  else if (g_strcmp0 (view, "referrals") == 0 && self->referrals_page == NULL)
    {
      self->referrals_page = g_object_new (RAPPORT_TYPE_REFERRALS_PAGE, NULL);
      adw_bin_set_child (self->referrals_slot, GTK_WIDGET (self->referrals_page));
      rapport_referrals_page_set_store (self->referrals_page, self->store);
    }
  else if (g_strcmp0 (view, "testimonials") == 0 && self->testimonials_page == NULL)
    {
      self->testimonials_page = g_object_new (RAPPORT_TYPE_TESTIMONIALS_PAGE, NULL);
      adw_bin_set_child (self->testimonials_slot, GTK_WIDGET (self->testimonials_page));
      rapport_testimonials_page_set_store (self->testimonials_page, self->store);
    }
}

static void
rapport_window_set_store (RapportWindow *self,
                          RapportStore  *store)
{
  g_assert (RAPPORT_IS_WINDOW (self));

  if (!g_set_object (&self->store, store))
    return;

  /* The other views read the book when first shown, so a big book does
   * not delay the window's first frame with views nobody looks at yet. */
  rapport_customers_page_set_store (self->customers_page, store);
  load_view (self, rapport_window_get_view (self));
}

static void
rapport_window_constructed (GObject *object)
{
  RapportWindow *self = (RapportWindow *)object;

  G_OBJECT_CLASS (rapport_window_parent_class)->constructed (object);

  /* The size is saved when the window closes and restored here, the way
   * GNOME Text Editor and Calendar do it. */
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
}

static void
rapport_window_dispose (GObject *object)
{
  RapportWindow *self = (RapportWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_WINDOW);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rapport_window_parent_class)->dispose (object);
}

static void
rapport_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RapportWindow *self = RAPPORT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_VIEW:
      g_value_set_string (value, rapport_window_get_view (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RapportWindow *self = RAPPORT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      rapport_window_set_store (self, g_value_get_object (value));
      break;
    case PROP_VIEW:
      rapport_window_set_view (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_window_class_init (RapportWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rapport_window_constructed;
  object_class->dispose = rapport_window_dispose;
  object_class->get_property = rapport_window_get_property;
  object_class->set_property = rapport_window_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         RAPPORT_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VIEW] =
    g_param_spec_string ("view", NULL, NULL,
                         "customers",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (RAPPORT_TYPE_CUSTOMERS_PAGE);
  g_type_ensure (RAPPORT_TYPE_SYNC_INDICATOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportapp/Rapport/rapport-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, sync_indicator);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, customers_page);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, calendar_slot);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, referrals_slot);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, testimonials_slot);

  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.new-customer", NULL, customer_action);
  gtk_widget_class_install_action (widget_class, "win.log-contact", NULL, customer_action);
  gtk_widget_class_install_action (widget_class, "win.delete-customer", NULL, customer_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, customer_action);
  gtk_widget_class_install_action (widget_class, "win.undo-delete", "x", undo_delete_action);
  gtk_widget_class_install_action (widget_class, "win.open-customer", "x", open_customer_action);
  gtk_widget_class_install_action (widget_class, "win.today", NULL, calendar_action);
  gtk_widget_class_install_action (widget_class, "win.previous-month", NULL, calendar_action);
  gtk_widget_class_install_action (widget_class, "win.next-month", NULL, calendar_action);
  gtk_widget_class_install_action (widget_class, "win.record-referral", NULL, record_referral_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_help_overlay_action);

  for (guint i = 0; i < G_N_ELEMENTS (view_names); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "win.show-view", "s", view_names[i]);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-customer", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK,
                                       "win.log-contact", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK,
                                       "win.today", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "win.previous-month", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK,
                                       "win.next-month", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK,
                                       "win.previous-month", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK,
                                       "win.next-month", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "win.record-referral", NULL);
}

static void
rapport_window_init (RapportWindow *self)
{
  self->settings = g_settings_new (APP_ID);

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->stack, "notify::visible-child-name",
                           G_CALLBACK (on_visible_child_changed), self, G_CONNECT_SWAPPED);
}

RapportWindow *
rapport_window_new (AdwApplication *application,
                    RapportStore   *store)
{
  g_return_val_if_fail (ADW_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);

  return g_object_new (RAPPORT_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       NULL);
}

RapportCustomersPage *
rapport_window_get_customers_page (RapportWindow *self)
{
  g_return_val_if_fail (RAPPORT_IS_WINDOW (self), NULL);

  return self->customers_page;
}

RapportStore *
rapport_window_get_store (RapportWindow *self)
{
  g_return_val_if_fail (RAPPORT_IS_WINDOW (self), NULL);

  return self->store;
}

const char *
rapport_window_get_view (RapportWindow *self)
{
  g_return_val_if_fail (RAPPORT_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->stack);
}

/**
 * rapport_window_set_view:
 * @view: "customers", "follow-ups", "referrals" or "testimonials"
 */
void
rapport_window_set_view (RapportWindow *self,
                         const char    *view)
{
  g_return_if_fail (RAPPORT_IS_WINDOW (self));

  if (!is_view_name (view))
    {
      g_warning ("No view named “%s”", view);
      return;
    }
  adw_view_stack_set_visible_child_name (self->stack, view);
}

void
rapport_window_add_toast (RapportWindow *self,
                          AdwToast      *toast)
{
  g_return_if_fail (RAPPORT_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * rapport_window_set_sync_scheduler:
 * @scheduler: (nullable): the book's sync, whose state the header shows
 */
void
rapport_window_set_sync_scheduler (RapportWindow        *self,
                                   RapportSyncScheduler *scheduler)
{
  g_return_if_fail (RAPPORT_IS_WINDOW (self));

  rapport_sync_indicator_set_scheduler (self->sync_indicator, scheduler);
}

RapportSyncIndicator *
rapport_window_get_sync_indicator (RapportWindow *self)
{
  g_return_val_if_fail (RAPPORT_IS_WINDOW (self), NULL);

  return self->sync_indicator;
}
