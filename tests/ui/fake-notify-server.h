/* fake-notify-server.h: a notification server on a private bus, in-process
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _FakeNotifyServer FakeNotifyServer;

FakeNotifyServer *fake_notify_server_start       (void);
void              fake_notify_server_stop        (FakeNotifyServer *self);
guint             fake_notify_server_count       (FakeNotifyServer *self);
guint             fake_notify_server_count_closed (FakeNotifyServer *self);
char             *fake_notify_server_dup_summary (FakeNotifyServer *self,
                                                  guint             index);
char             *fake_notify_server_dup_body    (FakeNotifyServer *self,
                                                  guint             index);
gboolean          fake_notify_server_wait        (FakeNotifyServer *self,
                                                  guint             count,
                                                  guint             timeout_ms);
void              fake_notify_server_invoke      (FakeNotifyServer *self,
                                                  guint             index,
                                                  const char       *action);
void              fake_notify_server_set_hung    (FakeNotifyServer *self,
                                                  gboolean          hung);
guint             fake_notify_server_count_unanswered (FakeNotifyServer *self);

G_END_DECLS
