/* rapport-sync-indicator.c: the header's quiet word on the sync
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small flat button: an icon (a spinner while syncing), and the status
 * as its tooltip and accessible name ("Synced 2 minutes ago", "Offline —
 * changes will be sent later", "2 conflicts need your choice").  It never
 * interrupts; a click opens the Sync page, where the details, the
 * conflicts and Sync Now are.  Hidden without an account.  While shown,
 * the "minutes ago" is brought up to date once a minute.
 */

#define G_LOG_DOMAIN "rapport-sync-indicator"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-sync-indicator.h"
#include "rapport-sync-state.h"
#include "rapport-sync-words.h"
#include "rapport-time.h"

struct _RapportSyncIndicator
{
  AdwBin                parent_instance;

  RapportSyncScheduler *scheduler;
  char                 *status;
  guint                 minute_source;

  GtkButton            *button;
  GtkStack             *stack;
  GtkSpinner           *spinner;
};

G_DEFINE_FINAL_TYPE (RapportSyncIndicator, rapport_sync_indicator, ADW_TYPE_BIN)

static const char * const page_names[] = {
  [RAPPORT_SYNC_STATE_DISABLED] = "idle",
  [RAPPORT_SYNC_STATE_IDLE] = "idle",
  [RAPPORT_SYNC_STATE_SYNCING] = "syncing",
  [RAPPORT_SYNC_STATE_OFFLINE] = "offline",
  [RAPPORT_SYNC_STATE_FAILED] = "failed",
};

/* Conflicts left after a sync that went through, as a sentence; NULL
 * when none wait. */
static char *
describe_conflicts (RapportSyncIndicator *self)
{
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  g_object_get (self->scheduler, "store", &store, NULL);
  n = rapport_sync_state_conflict_count (store, &error);
  if (error != NULL)
    g_debug ("Could not count the sync conflicts: %s", error->message);
  if (n == 0)
    return NULL;
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u conflict needs your choice",
                                       "%u conflicts need your choice", n), n);
}

static void
update (RapportSyncIndicator *self)
{
  g_autofree char *conflicts = NULL;
  const char *page;
  RapportSyncState state;

  g_assert (RAPPORT_IS_SYNC_INDICATOR (self));

  if (self->scheduler == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }

  state = rapport_sync_scheduler_get_state (self->scheduler);
  page = page_names[state];
  g_free (self->status);
  if (state == RAPPORT_SYNC_STATE_IDLE && (conflicts = describe_conflicts (self)) != NULL)
    {
      /* What the user has to do comes before when the book synced. */
      self->status = g_steal_pointer (&conflicts);
      page = "failed";
    }
  else
    self->status = rapport_sync_describe_status (self->scheduler, rapport_time_now ());

  gtk_widget_set_visible (GTK_WIDGET (self), state != RAPPORT_SYNC_STATE_DISABLED);
  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_spinner_set_spinning (self->spinner, state == RAPPORT_SYNC_STATE_SYNCING);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), self->status);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->status,
                                  -1);
}

static gboolean
on_minute (gpointer data)
{
  update (data);
  return G_SOURCE_CONTINUE;
}

static void
rapport_sync_indicator_map (GtkWidget *widget)
{
  RapportSyncIndicator *self = RAPPORT_SYNC_INDICATOR (widget);

  GTK_WIDGET_CLASS (rapport_sync_indicator_parent_class)->map (widget);

  update (self);
  if (self->minute_source == 0)
    self->minute_source = g_timeout_add_seconds (60, on_minute, self);
}

static void
rapport_sync_indicator_unmap (GtkWidget *widget)
{
  RapportSyncIndicator *self = RAPPORT_SYNC_INDICATOR (widget);

  g_clear_handle_id (&self->minute_source, g_source_remove);

  GTK_WIDGET_CLASS (rapport_sync_indicator_parent_class)->unmap (widget);
}

static void
rapport_sync_indicator_dispose (GObject *object)
{
  RapportSyncIndicator *self = (RapportSyncIndicator *)object;

  /* No gtk_widget_dispose_template (): the button is AdwBin's child,
   * and AdwBin's dispose lets go of it; doing it here too unparents it
   * twice. */
  g_clear_handle_id (&self->minute_source, g_source_remove);
  g_clear_object (&self->scheduler);

  G_OBJECT_CLASS (rapport_sync_indicator_parent_class)->dispose (object);
}

static void
rapport_sync_indicator_finalize (GObject *object)
{
  RapportSyncIndicator *self = (RapportSyncIndicator *)object;

  g_free (self->status);

  G_OBJECT_CLASS (rapport_sync_indicator_parent_class)->finalize (object);
}

static void
rapport_sync_indicator_class_init (RapportSyncIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_sync_indicator_dispose;
  object_class->finalize = rapport_sync_indicator_finalize;
  widget_class->map = rapport_sync_indicator_map;
  widget_class->unmap = rapport_sync_indicator_unmap;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportapp/Rapport/rapport-sync-indicator.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportSyncIndicator, button);
  gtk_widget_class_bind_template_child (widget_class, RapportSyncIndicator, stack);
  gtk_widget_class_bind_template_child (widget_class, RapportSyncIndicator, spinner);
}

static void
rapport_sync_indicator_init (RapportSyncIndicator *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * rapport_sync_indicator_set_scheduler:
 * @scheduler: (nullable): whose state to show
 */
void
rapport_sync_indicator_set_scheduler (RapportSyncIndicator *self,
                                      RapportSyncScheduler *scheduler)
{
  g_return_if_fail (RAPPORT_IS_SYNC_INDICATOR (self));
  g_return_if_fail (scheduler == NULL || RAPPORT_IS_SYNC_SCHEDULER (scheduler));

  if (self->scheduler == scheduler)
    return;
  if (self->scheduler != NULL)
    g_signal_handlers_disconnect_by_data (self->scheduler, self);
  g_set_object (&self->scheduler, scheduler);

  if (scheduler != NULL)
    {
      g_signal_connect_object (scheduler, "notify::state", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (scheduler, "notify::last-sync", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (scheduler, "notify::error", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
    }
  update (self);
}

/* What the tooltip and the accessible name say now; NULL when hidden. */
const char *
rapport_sync_indicator_get_status (RapportSyncIndicator *self)
{
  g_return_val_if_fail (RAPPORT_IS_SYNC_INDICATOR (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self)) ? self->status : NULL;
}
