/* rapport-address-book-dialog.c: choose one of the desktop's address books to import
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The books are listed in a worker thread: evolution-data-server may have
 * to start first, or may not be there at all, and the window waits for
 * neither.  Choosing one hands it to the import dialog, whose preview,
 * merge and summary are a file's.
 */

#define G_LOG_DOMAIN "rapport-address-book-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-address-book.h"
#include "rapport-address-book-dialog.h"
#include "rapport-import-dialog.h"

struct _RapportAddressBookDialog
{
  AdwWindow     parent_instance;

  RapportStore *store;
  GPtrArray    *books;        /* of RapportAddressBook, as the rows show them */
  GCancellable *cancellable;
  gboolean      loading;

  GtkSpinner   *spinner;
  GtkLabel     *status_label;
  GtkLabel     *error_label;
  GtkWidget    *books_group;
  GtkListBox   *books_list;
};

G_DEFINE_FINAL_TYPE (RapportAddressBookDialog, rapport_address_book_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *books = rapport_address_book_list (RAPPORT_ADDRESS_BOOK_TIMEOUT, cancellable, &error);

  if (books == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, books, (GDestroyNotify) g_ptr_array_unref);
}

static GtkWidget *
create_row (RapportAddressBook *book)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), book->name);
  /* "local", "carddav", "google", "ldap": where its contacts live. */
  if (book->backend != NULL && g_strcmp0 (book->backend, "local") != 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), book->backend);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

static void
list_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  RapportAddressBookDialog *self = RAPPORT_ADDRESS_BOOK_DIALOG (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) books = g_task_propagate_pointer (G_TASK (result), &error);

  if (self->store == NULL)
    return;  /* closed meanwhile */

  self->loading = FALSE;
  gtk_spinner_set_spinning (self->spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  if (books == NULL)
    {
      gtk_label_set_label (self->status_label, _("No address book can be imported"));
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }
  else
    {
      self->books = g_ptr_array_ref (books);
      gtk_label_set_label (self->status_label, books->len > 0
                                               ? _("Choose the address book to import")
                                               : _("The desktop has no address book"));
      for (guint i = 0; i < books->len; i++)
        gtk_list_box_append (self->books_list, create_row (g_ptr_array_index (books, i)));
      gtk_widget_set_visible (self->books_group, books->len > 0);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
on_row_activated (RapportAddressBookDialog *self,
                  GtkListBoxRow            *row)
{
  int index = gtk_list_box_row_get_index (row);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  RapportImportDialog *dialog;

  g_assert (RAPPORT_IS_ADDRESS_BOOK_DIALOG (self));
  g_return_if_fail (self->books != NULL && index >= 0 && (guint) index < self->books->len);

  dialog = rapport_import_dialog_new_for_address_book (self->store,
                                                       g_ptr_array_index (self->books, index));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), parent);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
rapport_address_book_dialog_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  RapportAddressBookDialog *self = RAPPORT_ADDRESS_BOOK_DIALOG (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_address_book_dialog_dispose (GObject *object)
{
  RapportAddressBookDialog *self = (RapportAddressBookDialog *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_ADDRESS_BOOK_DIALOG);
  g_clear_pointer (&self->books, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rapport_address_book_dialog_parent_class)->dispose (object);
}

static void
rapport_address_book_dialog_class_init (RapportAddressBookDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_address_book_dialog_dispose;
  object_class->get_property = rapport_address_book_dialog_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportapp/Rapport/rapport-address-book-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportAddressBookDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, RapportAddressBookDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, RapportAddressBookDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, RapportAddressBookDialog, books_group);
  gtk_widget_class_bind_template_child (widget_class, RapportAddressBookDialog, books_list);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rapport_address_book_dialog_init (RapportAddressBookDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;
}

/**
 * rapport_address_book_dialog_new:
 *
 * Lists the desktop's address books; the one chosen opens in the import
 * dialog.  When evolution-data-server is missing the dialog says so.
 */
RapportAddressBookDialog *
rapport_address_book_dialog_new (RapportStore *store)
{
  RapportAddressBookDialog *self;
  g_autoptr(GTask) task = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);

  self = g_object_new (RAPPORT_TYPE_ADDRESS_BOOK_DIALOG, NULL);
  self->store = g_object_ref (store);

  task = g_task_new (self, self->cancellable, list_done, NULL);
  g_task_set_source_tag (task, rapport_address_book_dialog_new);
  g_task_run_in_thread (task, list_thread);
  return self;
}

gboolean
rapport_address_book_dialog_get_loading (RapportAddressBookDialog *self)
{
  g_return_val_if_fail (RAPPORT_IS_ADDRESS_BOOK_DIALOG (self), FALSE);

  return self->loading;
}
