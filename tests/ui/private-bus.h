/* private-bus.h: a dbus-daemon of a test's own
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GSubprocess *private_bus_spawn (const char  *type,
                                char       **address,
                                GError     **error);
void         private_bus_stop  (GSubprocess *bus);

G_END_DECLS
