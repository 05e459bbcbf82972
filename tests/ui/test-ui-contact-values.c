/* test-ui-contact-values.c: every email, phone, address and website of a
 * customer, shown and edited in the real detail
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-customer-card.h"
#include "rapport-customer-detail.h"
#include "rapport-customer-row.h"
#include "rapport-import-dialog.h"
#include "rapport-photo-cache.h"
#include "rapport-ui-test.h"
#include "rapport-values-group.h"
#include "rapport-window.h"

static RapportWindow *window;
static gint64 ada_id;
static gint64 grace_id;

static void
add (GPtrArray        *values,
     RapportValueKind  kind,
     const char       *value,
     const char       *types,
     int               pref)
{
  g_ptr_array_add (values, rapport_contact_value_new (kind, value, types, pref));
}

static gint64
save_customer (RapportStore *store,
               const char   *name,
               GPtrArray    *values)
{
  g_autoptr(RapportCustomer) customer = rapport_customer_new ();
  g_autoptr(GError) error = NULL;

  rapport_customer_set_name (customer, name);
  if (values != NULL)
    rapport_customer_set_values (customer, values);
  g_assert_true (rapport_customer_save (customer, store, &error));
  g_assert_no_error (error);
  return rapport_customer_get_id (customer);
}

/* A 400×300 picture, as PNG: larger than any avatar. */
static GBytes *
photo_png (void)
{
  gsize size = 400 * 300 * 4;
  guint8 *pixels = g_malloc (size);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  for (gsize i = 0; i < size; i += 4)
    {
      pixels[i] = 200;
      pixels[i + 1] = (i / 4) % 400 < 200 ? 40 : 160;
      pixels[i + 2] = 40;
      pixels[i + 3] = 255;
    }
  bytes = g_bytes_new_take (pixels, size);
  texture = gdk_memory_texture_new (400, 300, GDK_MEMORY_R8G8B8A8, bytes, 400 * 4);
  return gdk_texture_save_to_png_bytes (texture);
}

static void
seed_book (RapportStore *store)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_contact_value_free);
  g_autoptr(GBytes) photo = NULL;

  add (values, RAPPORT_VALUE_EMAIL, "ada@engines.example", "work", 1);
  add (values, RAPPORT_VALUE_EMAIL, "ada@home.example", "home", 0);
  add (values, RAPPORT_VALUE_PHONE, "+44 20 7946 0001", "work,voice", 0);
  add (values, RAPPORT_VALUE_PHONE, "+44 7700 900001", "cell", 1);
  add (values, RAPPORT_VALUE_ADDRESS, ";;12 St James\\, Square;London;;SW1Y 4JH;United Kingdom", "work", 0);
  add (values, RAPPORT_VALUE_URL, "https://engines.example", "", 0);
  ada_id = save_customer (store, "Ada Lovelace", values);
  grace_id = save_customer (store, "Grace Hopper", NULL);

  /* Grace has a photo; Ada has none. */
  photo = photo_png ();
  g_assert_true (rapport_store_begin (store, NULL));
  g_assert_true (rapport_customer_card_write_photo (store, grace_id, photo, "image/png", NULL));
  g_assert_true (rapport_store_commit (store, NULL));
}

/* What an edit set off is over: the list has read the book again (in its
 * worker) and the detail shows what it brought back. */
static void
settle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
  if (window != NULL)
    rapport_ui_test_wait_loaded (rapport_customers_page_get_list (rapport_window_get_customers_page (window)));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static RapportCustomerDetail *
detail (void)
{
  return rapport_ui_test_find_nth (GTK_WIDGET (window), RAPPORT_TYPE_CUSTOMER_DETAIL, 0);
}

static RapportValuesGroup *
group (RapportValueKind kind)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();

  rapport_ui_test_collect (GTK_WIDGET (detail ()), RAPPORT_TYPE_VALUES_GROUP, groups);
  for (guint i = 0; i < groups->len; i++)
    if (rapport_values_group_get_kind (g_ptr_array_index (groups, i)) == kind)
      return g_ptr_array_index (groups, i);
  g_assert_not_reached ();
}

/* The texts of the value rows of @kind, in order, joined by "|". */
static char *
shown (RapportValueKind kind)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GString) text = g_string_new (NULL);

  rapport_ui_test_collect (GTK_WIDGET (group (kind)), GTK_TYPE_LIST_BOX_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      const char *value;

      if (gtk_widget_has_css_class (row, "add-value") || gtk_widget_get_ancestor (gtk_widget_get_parent (row),
                                                                                   ADW_TYPE_EXPANDER_ROW))
        continue;
      if (ADW_IS_ENTRY_ROW (row))
        value = gtk_editable_get_text (GTK_EDITABLE (row));
      else
        value = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
      g_string_append_printf (text, "%s%s", text->len ? "|" : "", value);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

typedef struct
{
  RapportValueKind  kind;
  const char       *value;
  GtkWidget        *row;
} RowSearch;

static gboolean
find_row (gpointer data)
{
  RowSearch *search = data;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  rapport_ui_test_collect (GTK_WIDGET (group (search->kind)), ADW_TYPE_ENTRY_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (g_ptr_array_index (rows, i))), search->value) == 0)
      {
        search->row = g_ptr_array_index (rows, i);
        return TRUE;
      }
  return FALSE;
}

/* After a change to the book the list reads its rows again in its worker
 * and the detail shows the customer it brings back: the row may be built
 * again a moment later, so it is waited for, not expected at once. */
static GtkWidget *
row_showing (RapportValueKind  kind,
             const char       *value)
{
  RowSearch search = { kind, value, NULL };
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!find_row (&search))
    {
      if (g_get_monotonic_time () > deadline)
        {
          g_autofree char *rows = shown (kind);

          g_error ("no row shows “%s”; the rows show “%s”", value, rows);
        }
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return search.row;
}

static GtkWidget *
row_titled (RapportValueKind  kind,
            const char       *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  rapport_ui_test_collect (GTK_WIDGET (group (kind)), ADW_TYPE_PREFERENCES_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return g_ptr_array_index (rows, i);
  g_error ("no row titled “%s”", title);
}

static GtkWidget *
button_with_tooltip (GtkWidget  *row,
                     const char *tooltip)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  rapport_ui_test_collect (row, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (buttons, i)), tooltip) == 0)
      return g_ptr_array_index (buttons, i);
  return NULL;
}

/* The book's values of @kind, "value/types/pref" joined by "|". */
static char *
in_book (RapportStore     *store,
         RapportValueKind  kind)
{
  g_autoptr(GPtrArray) values = rapport_customer_card_read_values (store, ada_id, NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_nonnull (values);
  for (guint i = 0; i < values->len; i++)
    {
      RapportContactValue *v = g_ptr_array_index (values, i);

      if (v->kind == kind)
        g_string_append_printf (text, "%s%s/%s/%d", text->len ? "|" : "", v->value, v->types, v->pref);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static const char *
book_email (RapportStore *store)
{
  static char email[64];
  g_autoptr(RapportCustomer) customer = rapport_customer_load (store, ada_id, NULL);

  g_strlcpy (email, rapport_customer_get_email (customer), sizeof email);
  return email;
}

static gboolean
list_row_shows (gpointer text)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  rapport_ui_test_collect (GTK_WIDGET (window), RAPPORT_TYPE_CUSTOMER_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (rapport_ui_test_has_label_with (g_ptr_array_index (rows, i), text))
      return TRUE;
  return FALSE;
}

static AdwAvatar *
list_avatar (const char *name)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  rapport_ui_test_collect (GTK_WIDGET (window), RAPPORT_TYPE_CUSTOMER_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (rapport_ui_test_has_label_with (g_ptr_array_index (rows, i), name))
      return rapport_ui_test_find_nth (g_ptr_array_index (rows, i), ADW_TYPE_AVATAR, 0);
  g_error ("no row for %s", name);
}

static gboolean
list_has (gpointer n)
{
  RapportCustomerList *list = rapport_customers_page_get_list (rapport_window_get_customers_page (window));

  return !rapport_customer_list_get_loading (list) &&
         g_list_model_get_n_items (G_LIST_MODEL (list)) == GPOINTER_TO_UINT (n);
}

static void
select_customer (gint64 id)
{
  rapport_ui_test_wait_until (list_has, GUINT_TO_POINTER (2));
  g_assert_true (rapport_customers_page_select_customer (rapport_window_get_customers_page (window), id));
  settle ();
  g_assert_cmpint (rapport_customer_get_id (rapport_customer_detail_get_customer (detail ())), ==, id);
}

/* The Undo button of the toast on screen. */
static GtkWidget *
undo_button (void)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  rapport_ui_test_collect (GTK_WIDGET (window), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), "_Undo") == 0 &&
        gtk_widget_get_ancestor (g_ptr_array_index (buttons, i), ADW_TYPE_TOAST_OVERLAY) != NULL)
      return g_ptr_array_index (buttons, i);
  g_error ("no Undo on screen");
}

static gboolean
no_undo_button (gpointer unused)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  rapport_ui_test_collect (GTK_WIDGET (window), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), "_Undo") == 0)
      return FALSE;
  return TRUE;
}

static void
check_shows_all (RapportStore *store)
{
  g_autofree char *emails = NULL;
  g_autofree char *phones = NULL;
  g_autofree char *addresses = NULL;
  g_autofree char *urls = NULL;
  GtkWidget *work;
  GtkWidget *home;
  GdkPaintable *photo;

  select_customer (ada_id);

  emails = shown (RAPPORT_VALUE_EMAIL);
  phones = shown (RAPPORT_VALUE_PHONE);
  addresses = shown (RAPPORT_VALUE_ADDRESS);
  urls = shown (RAPPORT_VALUE_URL);
  g_assert_cmpstr (emails, ==, "ada@engines.example|ada@home.example");
  g_assert_cmpstr (phones, ==, "+44 20 7946 0001|+44 7700 900001");
  /* The vCard structure reads as lines, its escapes undone. */
  g_assert_cmpstr (addresses, ==, "12 St James, Square\nSW1Y 4JH London\nUnited Kingdom");
  g_assert_cmpstr (urls, ==, "https://engines.example");

  /* Each row says its type; the star marks the preferred one. */
  work = row_showing (RAPPORT_VALUE_EMAIL, "ada@engines.example");
  home = row_showing (RAPPORT_VALUE_EMAIL, "ada@home.example");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (work)), ==, "Work");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (home)), ==, "Home");
  g_assert_nonnull (button_with_tooltip (work, "Preferred"));
  g_assert_nonnull (button_with_tooltip (home, "Make Preferred"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row_showing (RAPPORT_VALUE_PHONE, "+44 7700 900001"))),
                   ==, "Mobile");
  g_assert_nonnull (button_with_tooltip (row_showing (RAPPORT_VALUE_PHONE, "+44 7700 900001"), "Preferred"));
  /* "voice" says nothing a user needs. */
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row_showing (RAPPORT_VALUE_PHONE, "+44 20 7946 0001"))),
                   ==, "Work");
  /* A lone website needs no star, but can be removed. */
  g_assert_null (button_with_tooltip (row_showing (RAPPORT_VALUE_URL, "https://engines.example"), "Preferred"));
  g_assert_nonnull (button_with_tooltip (row_showing (RAPPORT_VALUE_URL, "https://engines.example"), "Remove"));

  /* In the list too: Grace's row shows her photo, Ada's her initials. */
  g_assert_nonnull (adw_avatar_get_custom_image (list_avatar ("Grace Hopper")));
  g_assert_null (adw_avatar_get_custom_image (list_avatar ("Ada Lovelace")));

  /* Ada has no photo: initials.  Grace's photo is her avatar. */
  g_assert_null (adw_avatar_get_custom_image (rapport_ui_test_find_nth (GTK_WIDGET (detail ()), ADW_TYPE_AVATAR, 0)));
  select_customer (grace_id);
  photo = adw_avatar_get_custom_image (rapport_ui_test_find_nth (GTK_WIDGET (detail ()), ADW_TYPE_AVATAR, 0));
  g_assert_true (GDK_IS_TEXTURE (photo));
  /* Decoded small: the shorter side as an avatar needs it, not 300 pixels. */
  g_assert_cmpint (gdk_texture_get_height (GDK_TEXTURE (photo)), ==, RAPPORT_PHOTO_SIZE);
  g_assert_cmpint (gdk_texture_get_width (GDK_TEXTURE (photo)), ==, 171);
  g_clear_pointer (&emails, g_free);
  emails = shown (RAPPORT_VALUE_EMAIL);
  g_assert_cmpstr (emails, ==, "");
}

static void
check_add_prefer_remove (RapportStore *store)
{
  AdwEntryRow *add_row;
  GtkDropDown *type;
  g_autofree char *emails = NULL;

  select_customer (ada_id);
  g_assert_true (list_row_shows ((gpointer) "ada@engines.example"));

  /* A third email, at home. */
  add_row = ADW_ENTRY_ROW (row_titled (RAPPORT_VALUE_EMAIL, "Add Email"));
  type = rapport_ui_test_find_nth (GTK_WIDGET (add_row), GTK_TYPE_DROP_DOWN, 0);
  gtk_drop_down_set_selected (type, 1);
  gtk_editable_set_text (GTK_EDITABLE (add_row), "  ada@analytical.example ");
  g_signal_emit_by_name (add_row, "apply");
  settle ();
  emails = in_book (store, RAPPORT_VALUE_EMAIL);
  g_assert_cmpstr (emails, ==, "ada@engines.example/work/1|ada@home.example/home/0|ada@analytical.example/home/0");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (add_row)), ==, "");
  g_clear_pointer (&emails, g_free);
  emails = shown (RAPPORT_VALUE_EMAIL);
  g_assert_cmpstr (emails, ==, "ada@engines.example|ada@home.example|ada@analytical.example");

  /* Its star makes it the preferred one: the book, the list and the star agree. */
  g_signal_emit_by_name (button_with_tooltip (row_showing (RAPPORT_VALUE_EMAIL, "ada@analytical.example"),
                                              "Make Preferred"), "clicked");
  settle ();
  g_assert_cmpstr (book_email (store), ==, "ada@analytical.example");
  g_clear_pointer (&emails, g_free);
  emails = in_book (store, RAPPORT_VALUE_EMAIL);
  g_assert_cmpstr (emails, ==, "ada@engines.example/work/2|ada@home.example/home/0|ada@analytical.example/home/1");
  rapport_ui_test_wait_until (list_row_shows, (gpointer) "ada@analytical.example");
  g_assert_false (list_row_shows ((gpointer) "ada@engines.example"));
  g_assert_nonnull (button_with_tooltip (row_showing (RAPPORT_VALUE_EMAIL, "ada@analytical.example"), "Preferred"));
  g_assert_nonnull (button_with_tooltip (row_showing (RAPPORT_VALUE_EMAIL, "ada@engines.example"), "Make Preferred"));

  /* Removing one removes it, and only it. */
  g_signal_emit_by_name (button_with_tooltip (row_showing (RAPPORT_VALUE_EMAIL, "ada@home.example"), "Remove"),
                         "clicked");
  settle ();
  g_clear_pointer (&emails, g_free);
  emails = in_book (store, RAPPORT_VALUE_EMAIL);
  g_assert_cmpstr (emails, ==, "ada@engines.example/work/2|ada@analytical.example/home/1");
  g_clear_pointer (&emails, g_free);
  emails = shown (RAPPORT_VALUE_EMAIL);
  g_assert_cmpstr (emails, ==, "ada@engines.example|ada@analytical.example");
  g_assert_cmpstr (book_email (store), ==, "ada@analytical.example");

  /* The toast's Undo brings it back, where it was. */
  g_signal_emit_by_name (undo_button (), "clicked");
  settle ();
  g_clear_pointer (&emails, g_free);
  emails = in_book (store, RAPPORT_VALUE_EMAIL);
  g_assert_cmpstr (emails, ==, "ada@engines.example/work/2|ada@home.example/home/0|ada@analytical.example/home/1");
  g_clear_pointer (&emails, g_free);
  emails = shown (RAPPORT_VALUE_EMAIL);
  g_assert_cmpstr (emails, ==, "ada@engines.example|ada@home.example|ada@analytical.example");

  /* libadwaita 1.2 may crash if the app quits while a toast slides out. */
  rapport_ui_test_wait_until (no_undo_button, NULL);
}

static void
check_edit_and_refuse (RapportStore *store)
{
  GtkWidget *row;
  AdwEntryRow *add_row;
  g_autofree char *phones = NULL;
  g_autofree char *emails = NULL;

  select_customer (ada_id);

  /* A phone is corrected in place and keeps its type. */
  row = row_showing (RAPPORT_VALUE_PHONE, "+44 20 7946 0001");
  gtk_editable_set_text (GTK_EDITABLE (row), "+44 20 7946 0999");
  g_signal_emit_by_name (row, "apply");
  settle ();
  phones = in_book (store, RAPPORT_VALUE_PHONE);
  g_assert_cmpstr (phones, ==, "+44 20 7946 0999/work,voice/0|+44 7700 900001/cell/1");

  /* Not an email, or one already there in another case: refused, book unchanged. */
  add_row = ADW_ENTRY_ROW (row_titled (RAPPORT_VALUE_EMAIL, "Add Email"));
  gtk_editable_set_text (GTK_EDITABLE (add_row), "ada.engines.example");
  g_signal_emit_by_name (add_row, "apply");
  gtk_editable_set_text (GTK_EDITABLE (add_row), "ADA@home.example");
  g_signal_emit_by_name (add_row, "apply");
  row = row_showing (RAPPORT_VALUE_EMAIL, "ada@home.example");
  gtk_editable_set_text (GTK_EDITABLE (row), "ada@engines.EXAMPLE");
  g_signal_emit_by_name (row, "apply");
  settle ();
  emails = in_book (store, RAPPORT_VALUE_EMAIL);
  g_assert_cmpstr (emails, ==, "ada@engines.example/work/1|ada@home.example/home/0");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "ada@home.example");

  /* Emptying a row removes its value. */
  row = row_showing (RAPPORT_VALUE_URL, "https://engines.example");
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  g_signal_emit_by_name (row, "apply");
  settle ();
  g_clear_pointer (&emails, g_free);
  emails = in_book (store, RAPPORT_VALUE_URL);
  g_assert_cmpstr (emails, ==, "");
}

static void
check_add_address (RapportStore *store)
{
  static const char *fields[][2] = {
    { "Street", "1600 Amphitheatre Pkwy; Bldg 4" }, { "City", "Mountain View" },
    { "State or Region", "CA" }, { "Postal Code", "94043" }, { "Country", "USA" },
  };
  GtkWidget *expander;
  g_autofree char *addresses = NULL;
  g_autofree char *readable = NULL;

  select_customer (ada_id);
  expander = row_titled (RAPPORT_VALUE_ADDRESS, "Add Address");
  /* Add shows with the fields, and only does something once one is filled. */
  g_assert_false (gtk_widget_get_visible (button_with_tooltip (expander, "Add this address")));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
  g_assert_true (gtk_widget_get_visible (button_with_tooltip (expander, "Add this address")));
  g_assert_false (gtk_widget_get_sensitive (button_with_tooltip (expander, "Add this address")));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    gtk_editable_set_text (GTK_EDITABLE (row_titled (RAPPORT_VALUE_ADDRESS, fields[i][0])), fields[i][1]);
  g_assert_true (gtk_widget_get_sensitive (button_with_tooltip (expander, "Add this address")));
  g_signal_emit_by_name (button_with_tooltip (expander, "Add this address"), "clicked");
  settle ();

  /* Stored as vCard ADR, its ';' escaped; shown as lines. */
  addresses = in_book (store, RAPPORT_VALUE_ADDRESS);
  g_assert_cmpstr (addresses, ==,
                   ";;12 St James\\, Square;London;;SW1Y 4JH;United Kingdom/work/0|"
                   ";;1600 Amphitheatre Pkwy\\; Bldg 4;Mountain View;CA;94043;USA/work/0");
  g_assert_false (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (expander)));
  readable = shown (RAPPORT_VALUE_ADDRESS);
  g_assert_true (g_str_has_suffix (readable, "|1600 Amphitheatre Pkwy; Bldg 4\nMountain View, CA 94043\nUSA"));
}

static gboolean
detail_shows_email (gpointer email)
{
  g_autofree char *emails = shown (RAPPORT_VALUE_EMAIL);

  return strstr (emails, email) != NULL;
}

static void
check_book_changed_behind (RapportStore *store)
{
  g_autoptr(GPtrArray) values = NULL;
  g_autofree char *emails = NULL;
  AdwEntryRow *name_row;

  select_customer (ada_id);

  /* An import merges an email into Ada while her detail is open … */
  values = rapport_customer_card_read_values (store, ada_id, NULL);
  add (values, RAPPORT_VALUE_EMAIL, "countess@lovelace.example", "", 0);
  g_assert_true (rapport_store_begin (store, NULL));
  g_assert_true (rapport_customer_card_write_values (store, ada_id, values, NULL));
  g_assert_true (rapport_store_commit (store, NULL));

  /* … the detail shows it, and a later edit does not lose it. */
  rapport_ui_test_wait_until (detail_shows_email, (gpointer) "countess@lovelace.example");
  name_row = ADW_ENTRY_ROW (rapport_ui_test_find_nth (GTK_WIDGET (detail ()), ADW_TYPE_ENTRY_ROW, 0));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (name_row)), ==, "Name");
  gtk_editable_set_text (GTK_EDITABLE (name_row), "Augusta Ada King");
  g_signal_emit_by_name (name_row, "apply");
  settle ();
  emails = in_book (store, RAPPORT_VALUE_EMAIL);
  g_assert_cmpstr (emails, ==,
                   "ada@engines.example/work/1|ada@home.example/home/0|countess@lovelace.example//0");
}

static gboolean
import_ready (gpointer dialog)
{
  return rapport_import_dialog_get_ready (dialog);
}

static gboolean
dialog_shows (gpointer text)
{
  GtkWindow *dialog = rapport_ui_test_find_dialog (RAPPORT_TYPE_IMPORT_DIALOG);

  return dialog != NULL && rapport_ui_test_has_label_with (GTK_WIDGET (dialog), text);
}

static void
check_import_preview_and_summary (RapportStore *store)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "contacts.vcf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GString) vcf = g_string_new (NULL);
  g_autofree char *emails = NULL;
  RapportImportDialog *dialog;

  /* Ada again, with an email the book lacks; Charles with 102 emails. */
  g_string_append (vcf, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nN:Lovelace;Ada;;;\r\n"
                        "EMAIL;TYPE=work:ada@engines.example\r\nEMAIL;TYPE=home:ada@difference.example\r\n"
                        "TEL;TYPE=cell:+44 7700 900001\r\nTEL;TYPE=work:+44 20 7946 0002\r\nEND:VCARD\r\n");
  g_string_append (vcf, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Charles Babbage\r\nTEL:+44 20 7946 0003\r\n"
                        "TEL;TYPE=home:+44 20 7946 0004\r\n");
  for (guint i = 0; i < 102; i++)
    g_string_append_printf (vcf, "EMAIL:charles%03u@engines.example\r\n", i);
  g_string_append (vcf, "END:VCARD\r\n");
  g_assert_true (g_file_set_contents (path, vcf->str, vcf->len, NULL));

  select_customer (ada_id);
  dialog = rapport_import_dialog_new (store, file);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (dialog));
  rapport_ui_test_wait_until (import_ready, dialog);

  /* The preview shows every email and phone, the preferred first, and
   * says before the import what will not be kept. */
  g_assert_true (dialog_shows ((gpointer) "ada@engines.example, ada@difference.example\n"
                                          "+44 7700 900001, +44 20 7946 0002"));
  g_assert_true (dialog_shows ((gpointer) "charles000@engines.example, charles001@engines.example, "
                                          "charles002@engines.example, charles003@engines.example and 96 more\n"));
  g_assert_true (dialog_shows ((gpointer) "+44 20 7946 0003, +44 20 7946 0004"));
  g_assert_true (dialog_shows ((gpointer) "Not kept: 2 × emails past the 100th of a card"));

  /* The summary stays up, with the counts and what was not kept. */
  rapport_import_dialog_start (dialog);
  rapport_ui_test_wait_until (dialog_shows, (gpointer) "Imported: 1 added, 1 merged, 0 skipped");
  g_assert_true (dialog_shows ((gpointer) "Not kept: 2 × emails past the 100th of a card"));
  g_assert_false (gtk_widget_get_visible (rapport_ui_test_find_nth (GTK_WIDGET (dialog), GTK_TYPE_PROGRESS_BAR, 0)));
  g_assert_true (dialog_shows ((gpointer) "2 emails, phones, addresses or websites added"));
  g_assert_cmpint (rapport_customer_count (store, NULL), ==, 3);

  /* Ada's open detail shows the merged email. */
  rapport_ui_test_wait_until (detail_shows_email, (gpointer) "ada@difference.example");
  emails = shown (RAPPORT_VALUE_EMAIL);
  g_assert_cmpstr (emails, ==, "ada@engines.example|ada@home.example|ada@difference.example");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
check_import_warnings (RapportStore *store)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "crm.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  RapportImportDialog *dialog;

  g_assert_true (g_file_set_contents (path, "name,status,email\r\nHedy Lamarr,VIP gold,hedy@example.com\r\n", -1, NULL));
  rapport_ui_test_wait_until (list_has, GUINT_TO_POINTER (2));
  dialog = rapport_import_dialog_new (store, file);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (dialog));
  rapport_ui_test_wait_until (import_ready, dialog);

  /* Another CRM's status word: imported, with a warning that says so. */
  g_assert_true (dialog_shows ((gpointer) "crm.csv:2:"));
  g_assert_true (dialog_shows ((gpointer) "kept as a tag"));
  rapport_import_dialog_start (dialog);
  rapport_ui_test_wait_until (dialog_shows, (gpointer) "Imported: 1 added, 0 merged, 0 skipped");
  g_assert_true (dialog_shows ((gpointer) "kept as a tag"));
  g_assert_cmpint (rapport_customer_count (store, NULL), ==, 3);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
run_app (RapportUiTestCheck check)
{
  rapport_ui_test_run_app (seed_book, check, &window);
}

static void
test_shows_all (void)
{
  run_app (check_shows_all);
}

static void
test_add_prefer_remove (void)
{
  run_app (check_add_prefer_remove);
}

static void
test_edit_and_refuse (void)
{
  run_app (check_edit_and_refuse);
}

static void
test_add_address (void)
{
  run_app (check_add_address);
}

static void
test_import_preview_and_summary (void)
{
  run_app (check_import_preview_and_summary);
}

static void
test_import_warnings (void)
{
  run_app (check_import_warnings);
}

static void
test_book_changed_behind (void)
{
  run_app (check_book_changed_behind);
}

int
main (int   argc,
      char *argv[])
{
  rapport_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/contact-values/shows-all", test_shows_all);
  g_test_add_func ("/ui/contact-values/add-prefer-remove", test_add_prefer_remove);
  g_test_add_func ("/ui/contact-values/edit-and-refuse", test_edit_and_refuse);
  g_test_add_func ("/ui/contact-values/add-address", test_add_address);
  g_test_add_func ("/ui/contact-values/book-changed-behind", test_book_changed_behind);
  g_test_add_func ("/ui/contact-values/import-preview-and-summary", test_import_preview_and_summary);
  g_test_add_func ("/ui/contact-values/import-warnings", test_import_warnings);

  return g_test_run ();
}
