/* rapport-nudger-private.h: shared by the files of RapportNudger
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-nudge-plan.h"
#include "rapport-nudger.h"

G_BEGIN_DECLS

typedef struct _RapportNudgerStale RapportNudgerStale;
typedef struct _RapportNudgerBook RapportNudgerBook;

struct _RapportNudger
{
  GObject             parent_instance;

  RapportStore       *store;
  GSettings          *settings;
  GActionGroup       *actions;
  RapportNudgerClock  clock;        /* NULL: the real wall clock */
  gpointer            clock_data;

  gint64              started_at;   /* what was due before this was missed */
  GHashTable         *shown;        /* rapport_nudge_item_key()s already shown */
  GPtrArray          *nudges;       /* the notifications on screen */

  /* What was planned: every item due by read.until, and every item added
   * or moved (by any process) up to read.last_move, was shown (or already
   * had been).  Each plan reads only what is new since, so an edit costs
   * the same whatever the backlog.  What quiet hours held or no server
   * took stays unread.  read.until 0: nothing yet, the first plan. */
  RapportAgendaMark   read;
  gboolean            unsent;       /* a plan no server took */
  guint               n_read;       /* follow-ups the last plan read */

  /* A notification on its way: the next plan waits for the server's
   * answer, so nothing is sent twice; a server that does not answer is
   * asked again after retry_source, not on every change. */
  gboolean            sending;
  gboolean            replan_after_send;
  guint               retry_source;
  guint               retry_seconds;

  /* Held while the book is written in many commits (the daily run, a
   * sync): plans asked for meanwhile wait, and run once at the last
   * release, or every hold_limit ms while a hold lasts (hold_source), so a
   * sync stalled on a silent server cannot keep reminders back for long. */
  guint               holds;
  gboolean            replan_held;
  guint               hold_limit;
  guint               hold_source;

  /* The plan's reads run on a connection of their own in a worker, so
   * the main loop never waits on the book.  A change while they are on
   * their way makes them outdated: they are read again when back, rather
   * than shown (a check-in just answered would be), a few times in a row
   * at most, so a stream of writes cannot hold reminders back for ever. */
  RapportNudgerBook  *book;         /* their connection */
  GCancellable       *planning;     /* the reads on their way, NULL if none */
  gboolean            read_outdated;
  guint               n_outdated;   /* reads thrown away in a row */

  int                 timer_fd;     /* CLOCK_REALTIME timerfd, -1 if none */
  guint               timer_source;
  guint               replan_source;
  gint64              wake_at;

  GPtrArray          *monitors;     /* the book's files, written by other processes too */
  GCancellable       *cancellable;
  GDBusConnection    *system_bus;
  guint               sleep_subscription;

  GDBusConnection    *session_bus;  /* from the server watch */
  guint               server_watch;
  gboolean            server_seen;  /* the watch reported at least once */
  gboolean            server_present;
  guint               action_subscription;
  guint               closed_subscription;
  gboolean            caps_known;   /* asked this server for its capabilities */
  gboolean            has_actions;
};

/* rapport-nudger.c: what the notification side reports back */
void     _rapport_nudger_sent         (RapportNudger           *self,
                                       GPtrArray               *keys,
                                       const RapportAgendaMark *mark,
                                       const GError            *error);
void     _rapport_nudger_clock_was_set (RapportNudger          *self);

/* rapport-nudger-plan.c: the reads of a plan, in a worker */
typedef struct _RapportNudgerRead RapportNudgerRead;

/* What a plan reads, in the worker, and what it read. */
struct _RapportNudgerRead
{
  RapportNudgerBook  *book;     /* let go of on the main thread */
  gint64              now;
  RapportAgendaMark   since;    /* the nudger's mark; until 0: the first plan */
  RapportNudgerStale *stale;    /* (nullable): the notifications on screen */

  RapportAgendaMark   mark;
  GPtrArray          *due;
  guint               n_unread;
  gint64              next_due;
};

RapportNudgerBook *
         _rapport_nudger_book_new     (RapportStore            *store);
void     _rapport_nudger_book_close   (RapportNudgerBook       *book);
void     _rapport_nudger_book_release (RapportNudgerBook       *book);
void     _rapport_nudger_read_free    (RapportNudgerRead       *read);
void     _rapport_nudger_read_in_thread (GTask                 *task,
                                       gpointer                 source_object,
                                       gpointer                 task_data,
                                       GCancellable            *cancellable);

/* rapport-nudger-notify.c: a plan on screen, and the user's answer */
void     _rapport_nudger_notify_init  (RapportNudger           *self);
void     _rapport_nudger_notify_watch (RapportNudger           *self,
                                       GDBusConnection         *session_bus);
void     _rapport_nudger_notify_unwatch (RapportNudger         *self);
gboolean _rapport_nudger_show         (RapportNudger           *self,
                                       const RapportNudgePlan  *plan,
                                       const RapportAgendaMark *mark,
                                       GError                 **error);
RapportNudgerStale *
         _rapport_nudger_stale_new    (RapportNudger           *self);
gboolean _rapport_nudger_stale_read   (RapportNudgerStale      *stale,
                                       RapportStore            *reader,
                                       GError                 **error);
void     _rapport_nudger_stale_free   (RapportNudgerStale      *stale);
void     _rapport_nudger_close_stale  (RapportNudger           *self,
                                       const RapportNudgerStale *stale);
void     _rapport_nudger_server_gone  (RapportNudger           *self);

G_END_DECLS
