/* rapport-eds-address-book.c: the desktop's address books, read through evolution-data-server
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each contact goes to the project's vCard reader as the vCard 3.0 text
 * evolution-data-server keeps, so a book is read exactly as the same cards
 * in a file would be: UID, N, every email and phone with its types, and
 * the properties Rapport has no field for.
 *
 * The calls block their worker thread, never longer than the timeout a
 * step: each runs libebook's asynchronous call on a main context of its
 * own, with a timer and the caller's cancellable beside it, and gives up
 * without waiting for a service that does not answer.
 *
 * This is the rapport-eds module: the core loads it (and libebook with it)
 * only when the user imports from an address book; see
 * src/core/rapport-address-book.c.
 */

#define G_LOG_DOMAIN "rapport-address-book"

#include "config.h"

#include <glib/gi18n.h>
#include <libebook/libebook.h>
#include <string.h>

#include "rapport-eds-address-book.h"
#include "rapport-vcard.h"

/* Long enough for a remote book (CardDAV, Google) to go online, short
 * enough not to keep the user waiting when it cannot: its cached contacts
 * are read then.  A local book is read at once; waiting for it to be
 * "connected" would only wait out the time. */
#define WAIT_FOR_CONNECTED_SECONDS 5

/* ---- Waiting for one asynchronous call -------------------------------- */

/* Shared with the pending call, which may finish after it was given up. */
typedef struct
{
  gatomicrefcount  ref_count;
  GMainContext    *context;
  GCancellable    *cancellable;  /* cancelled by the caller's or by the timer */
  GAsyncResult    *result;
  gboolean         timed_out;
} Waiter;

static Waiter *
waiter_new (void)
{
  Waiter *waiter = g_new0 (Waiter, 1);

  g_atomic_ref_count_init (&waiter->ref_count);
  waiter->context = g_main_context_new ();
  waiter->cancellable = g_cancellable_new ();
  return waiter;
}

static Waiter *
waiter_ref (Waiter *waiter)
{
  g_atomic_ref_count_inc (&waiter->ref_count);
  return waiter;
}

static void
waiter_unref (Waiter *waiter)
{
  if (!g_atomic_ref_count_dec (&waiter->ref_count))
    return;
  g_clear_object (&waiter->result);
  g_clear_object (&waiter->cancellable);
  g_main_context_unref (waiter->context);
  g_free (waiter);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Waiter, waiter_unref)

static void
waiter_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Waiter *waiter = user_data;

  g_set_object (&waiter->result, result);
  waiter_unref (waiter);
}

static gboolean
on_timeout (gpointer user_data)
{
  Waiter *waiter = user_data;

  waiter->timed_out = TRUE;
  g_cancellable_cancel (waiter->cancellable);
  return G_SOURCE_REMOVE;
}

static gboolean
on_caller_cancelled (GCancellable *caller,
                     gpointer      user_data)
{
  Waiter *waiter = user_data;

  g_cancellable_cancel (waiter->cancellable);
  return G_SOURCE_REMOVE;
}

/* Runs @waiter's context until the call started with waiter_done finishes,
 * @timeout_seconds pass, or @caller is cancelled: the call's result, or
 * NULL with G_IO_ERROR_CANCELLED or G_IO_ERROR_TIMED_OUT in @error. */
static GAsyncResult *
waiter_wait (Waiter        *waiter,
             guint          timeout_seconds,
             GCancellable  *caller,
             GError       **error)
{
  GSource *timer = g_timeout_source_new_seconds (timeout_seconds);
  GSource *cancelled = NULL;

  g_source_set_callback (timer, on_timeout, waiter, NULL);
  g_source_attach (timer, waiter->context);
  if (caller != NULL)
    {
      cancelled = g_cancellable_source_new (caller);
      g_source_set_callback (cancelled, G_SOURCE_FUNC (on_caller_cancelled), waiter, NULL);
      g_source_attach (cancelled, waiter->context);
    }

  while (waiter->result == NULL && !g_cancellable_is_cancelled (waiter->cancellable))
    g_main_context_iteration (waiter->context, TRUE);

  g_source_destroy (timer);
  g_source_unref (timer);
  if (cancelled != NULL)
    {
      g_source_destroy (cancelled);
      g_source_unref (cancelled);
    }

  if (waiter->result != NULL)
    return g_steal_pointer (&waiter->result);
  if (waiter->timed_out)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "timed out");
  else
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
  return NULL;
}

/* A caller's cancel stays a cancel; a timeout or a failure becomes
 * @code with a sentence the user can act on. */
static void
propagate (GError     **error,
           GError      *cause,
           int          code,
           guint        timeout_seconds,
           const char  *book_name)
{
  g_autoptr(GError) local = cause;

  if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return;
    }
  if (g_dbus_error_is_remote_error (local))
    g_dbus_error_strip_remote_error (local);

  if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      if (book_name == NULL)
        g_set_error (error, RAPPORT_ADDRESS_BOOK_ERROR, RAPPORT_ADDRESS_BOOK_ERROR_TIMED_OUT,
                     _("The desktop’s address books did not answer within %u seconds"),
                     timeout_seconds);
      else
        g_set_error (error, RAPPORT_ADDRESS_BOOK_ERROR, RAPPORT_ADDRESS_BOOK_ERROR_TIMED_OUT,
                     _("The address book “%s” did not answer within %u seconds"),
                     book_name, timeout_seconds);
      return;
    }

  switch (code)
    {
    case RAPPORT_ADDRESS_BOOK_ERROR_UNAVAILABLE:
      g_set_error (error, RAPPORT_ADDRESS_BOOK_ERROR, code,
                   _("The desktop’s address books cannot be reached; "
                     "is evolution-data-server installed? (%s)"), local->message);
      break;
    case RAPPORT_ADDRESS_BOOK_ERROR_OPEN:
      g_set_error (error, RAPPORT_ADDRESS_BOOK_ERROR, code,
                   _("The address book “%s” cannot be opened: %s"), book_name, local->message);
      break;
    default:
      g_set_error (error, RAPPORT_ADDRESS_BOOK_ERROR, code,
                   _("The contacts of “%s” cannot be read: %s"), book_name, local->message);
      break;
    }
}

/* ---- The books ---------------------------------------------------------- */

#define SOURCES_SERVICE "org.gnome.evolution.dataserver.Sources5"

/* The source registry is started (on demand, as a desktop's bus does), or
 * it is not there: ESourceRegistry alone would list no books without an
 * error when the service is missing, waiting for it to appear. */
static gboolean
start_sources_service (Waiter        *waiter,
                       guint          timeout_seconds,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GVariant) reply = NULL;
  gboolean running = FALSE;

  g_bus_get (G_BUS_TYPE_SESSION, waiter->cancellable, waiter_done, waiter_ref (waiter));
  if ((result = waiter_wait (waiter, timeout_seconds, cancellable, error)) == NULL ||
      (connection = g_bus_get_finish (result, error)) == NULL)
    return FALSE;
  g_clear_object (&result);

  /* Running already: dbus-daemon would refuse to start it without a
   * service file, as when it was started by hand. */
  g_dbus_connection_call (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                          "org.freedesktop.DBus", "NameHasOwner",
                          g_variant_new ("(s)", SOURCES_SERVICE), G_VARIANT_TYPE ("(b)"),
                          G_DBUS_CALL_FLAGS_NONE, -1, waiter->cancellable,
                          waiter_done, waiter_ref (waiter));
  if ((result = waiter_wait (waiter, timeout_seconds, cancellable, error)) == NULL ||
      (reply = g_dbus_connection_call_finish (connection, result, error)) == NULL)
    return FALSE;
  g_variant_get (reply, "(b)", &running);
  if (running)
    return TRUE;
  g_clear_object (&result);
  g_clear_pointer (&reply, g_variant_unref);

  g_dbus_connection_call (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                          "org.freedesktop.DBus", "StartServiceByName",
                          g_variant_new ("(su)", SOURCES_SERVICE, 0), G_VARIANT_TYPE ("(u)"),
                          G_DBUS_CALL_FLAGS_NONE, -1, waiter->cancellable,
                          waiter_done, waiter_ref (waiter));
  if ((result = waiter_wait (waiter, timeout_seconds, cancellable, error)) == NULL ||
      (reply = g_dbus_connection_call_finish (connection, result, error)) == NULL)
    return FALSE;
  return TRUE;
}

static int
compare_books (gconstpointer a,
               gconstpointer b)
{
  const RapportAddressBook *book_a = *(RapportAddressBook * const *) a;
  const RapportAddressBook *book_b = *(RapportAddressBook * const *) b;

  return g_utf8_collate (book_a->name, book_b->name);
}

/**
 * rapport_eds_address_book_list:
 * @timeout_seconds: how long evolution-data-server may take to answer
 *
 * The enabled address books evolution-data-server knows: its own
 * "Personal" book, GNOME Contacts', those of online accounts.
 *
 * Returns: (transfer full) (element-type RapportAddressBook): the books
 *   by name, or %NULL with @error set
 */
GPtrArray *
rapport_eds_address_book_list (guint          timeout_seconds,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autoptr(Waiter) waiter = waiter_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ESourceRegistry) registry = NULL;
  g_autoptr(GPtrArray) books = NULL;
  GError *local_error = NULL;
  GList *sources;

  g_return_val_if_fail (timeout_seconds > 0, NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);

  g_main_context_push_thread_default (waiter->context);
  if (start_sources_service (waiter, timeout_seconds, cancellable, &local_error))
    {
      e_source_registry_new (waiter->cancellable, waiter_done, waiter_ref (waiter));
      if ((result = waiter_wait (waiter, timeout_seconds, cancellable, &local_error)) != NULL)
        registry = e_source_registry_new_finish (result, &local_error);
    }
  g_main_context_pop_thread_default (waiter->context);

  if (registry == NULL)
    {
      propagate (error, local_error, RAPPORT_ADDRESS_BOOK_ERROR_UNAVAILABLE, timeout_seconds, NULL);
      return NULL;
    }

  books = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_address_book_free);
  sources = e_source_registry_list_enabled (registry, E_SOURCE_EXTENSION_ADDRESS_BOOK);
  for (GList *l = sources; l != NULL; l = l->next)
    {
      RapportAddressBook *book = g_new0 (RapportAddressBook, 1);

      book->source = g_object_ref (l->data);
      book->name = e_source_registry_dup_unique_display_name (registry, l->data,
                                                               E_SOURCE_EXTENSION_ADDRESS_BOOK);
      book->backend = g_strdup (e_source_backend_get_backend_name (
        e_source_get_extension (l->data, E_SOURCE_EXTENSION_ADDRESS_BOOK)));
      g_ptr_array_add (books, book);
    }
  g_list_free_full (sources, g_object_unref);
  g_ptr_array_sort (books, compare_books);
  return g_steal_pointer (&books);
}

/* ---- One book's contacts -------------------------------------------------- */

static EClient *
connect_book (Waiter                    *waiter,
              const RapportAddressBook  *book,
              guint                      timeout_seconds,
              GCancellable              *cancellable,
              GError                   **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GError *local_error = NULL;
  EClient *client = NULL;
  guint32 wait = MIN (timeout_seconds, WAIT_FOR_CONNECTED_SECONDS);

  if (g_strcmp0 (book->backend, "local") == 0)
    wait = (guint32) -1;  /* not at all; 0 would wait for ever */
  e_book_client_connect (E_SOURCE (book->source), wait,
                         waiter->cancellable, waiter_done, waiter_ref (waiter));
  if ((result = waiter_wait (waiter, timeout_seconds, cancellable, &local_error)) != NULL)
    client = e_book_client_connect_finish (result, &local_error);
  if (client == NULL)
    propagate (error, local_error, RAPPORT_ADDRESS_BOOK_ERROR_OPEN, timeout_seconds, book->name);
  return client;
}

static GSList *
get_contacts (Waiter                    *waiter,
              EBookClient               *client,
              const RapportAddressBook  *book,
              guint                      timeout_seconds,
              GCancellable              *cancellable,
              GError                   **error)
{
  EBookQuery *query = e_book_query_any_field_contains ("");
  g_autofree char *sexp = e_book_query_to_string (query);
  g_autoptr(GAsyncResult) result = NULL;
  GError *local_error = NULL;
  GSList *contacts = NULL;
  gboolean ok = FALSE;

  e_book_query_unref (query);
  e_book_client_get_contacts (client, sexp, waiter->cancellable, waiter_done, waiter_ref (waiter));
  if ((result = waiter_wait (waiter, timeout_seconds, cancellable, &local_error)) != NULL)
    ok = e_book_client_get_contacts_finish (client, result, &contacts, &local_error);
  if (!ok)
    propagate (error, local_error, RAPPORT_ADDRESS_BOOK_ERROR_READ, timeout_seconds, book->name);
  return contacts;
}

/* One contact through the vCard reader; a card it refuses is told in
 * @notes, and the others are read on. */
static void
read_contact (const RapportAddressBook *book,
              EContact                 *contact,
              RapportImportNotes       *notes,
              GPtrArray                *into)
{
  g_autoptr(GPtrArray) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *card = NULL;
  g_autofree char *where = NULL;
  const char *name = e_contact_get_const (contact, E_CONTACT_FULL_NAME);

  /* A local book keeps photos as files beside it: the card takes them in,
   * as a file's card would carry them.  One that cannot be read stays a
   * link, which the reader notes as not kept. */
  e_contact_inline_local_photos (contact, NULL);
  card = e_vcard_to_string (E_VCARD (contact), EVC_FORMAT_VCARD_30);
  where = g_strdup_printf ("%s, %s", book->name,
                           name != NULL && *name != '\0' ? name : (const char *) e_contact_get_const (contact, E_CONTACT_UID));

  if ((read = rapport_vcard_read (where, card, strlen (card), notes, &error)) == NULL)
    {
      rapport_import_notes_warn (notes, "%s", error->message);
      return;
    }
  for (guint i = 0; i < read->len; i++)
    ((RapportContact *) g_ptr_array_index (read, i))->line = into->len + i + 1;
  g_ptr_array_extend_and_steal (into, g_steal_pointer (&read));
}

/**
 * rapport_eds_address_book_read:
 * @book: one of rapport_address_book_list ()'s
 * @timeout_seconds: how long opening the book, and reading it, may each take
 * @notes: (nullable): where to count what was not kept, and the cards refused
 *
 * Every contact of @book as the vCard reader reads it; ready for
 * rapport_importer_import ().  A card the reader refuses (a value over its
 * limit, say) is left out with a warning in @notes.
 *
 * Returns: (transfer full) (element-type RapportContact): the contacts, or
 *   %NULL with @error set
 */
GPtrArray *
rapport_eds_address_book_read (const RapportAddressBook  *book,
                               guint                      timeout_seconds,
                               RapportImportNotes        *notes,
                               GCancellable              *cancellable,
                               GError                   **error)
{
  g_autoptr(Waiter) waiter = waiter_new ();
  g_autoptr(EClient) client = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  GError *local_error = NULL;
  GSList *list = NULL;

  g_return_val_if_fail (book != NULL && E_IS_SOURCE (book->source), NULL);
  g_return_val_if_fail (timeout_seconds > 0, NULL);

  g_main_context_push_thread_default (waiter->context);
  if ((client = connect_book (waiter, book, timeout_seconds, cancellable, &local_error)) != NULL)
    list = get_contacts (waiter, E_BOOK_CLIENT (client), book, timeout_seconds, cancellable,
                         &local_error);
  /* The client's last signals go to this context: it is dropped while current. */
  g_clear_object (&client);
  g_main_context_pop_thread_default (waiter->context);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_contact_free);
  for (GSList *l = list; l != NULL; l = l->next)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          g_slist_free_full (list, g_object_unref);
          return NULL;
        }
      read_contact (book, l->data, notes, contacts);
    }
  g_slist_free_full (list, g_object_unref);
  return g_steal_pointer (&contacts);
}
