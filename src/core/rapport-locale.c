/* rapport-locale.c: the user's language, from the installed or the built catalogue
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-locale"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "rapport-locale.h"

/**
 * rapport_locale_init:
 *
 * Takes the locale from the environment and binds Rapport's messages.
 * RAPPORT_LOCALEDIR, when set, names the folder of the catalogues instead
 * of the installed one: `build-aux/dev run` and the tests point it at the
 * build's po/, where meson compiles each language's rapport.mo, so the
 * translations are seen before anything is installed.
 *
 * Returns: the folder the messages are read from
 */
const char *
rapport_locale_init (void)
{
  const char *dir = g_getenv ("RAPPORT_LOCALEDIR");

  if (dir == NULL || *dir == '\0')
    dir = LOCALEDIR;

  if (setlocale (LC_ALL, "") == NULL)
    g_debug ("The locale of the environment is not installed; messages stay in English");
  bindtextdomain (GETTEXT_PACKAGE, dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  return dir;
}
