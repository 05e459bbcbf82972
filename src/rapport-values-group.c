/* rapport-values-group.c: a customer's emails, phones, addresses or websites
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per value, with its type and a star on the preferred one, and a
 * last row to add another.  Edits replace the customer's values at once and
 * emit ::changed; the detail saves them as it saves every other field.
 * Addresses keep their vCard structure, so they are shown formatted and
 * added from separate fields rather than edited as one line of text.
 */

#define G_LOG_DOMAIN "rapport-values-group"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rapport-toast.h"
#include "rapport-value-format.h"
#include "rapport-values-group.h"


struct _RapportValuesGroup
{
  AdwPreferencesGroup  parent_instance;

  RapportValueKind     kind;
  RapportCustomer     *customer;

  GtkListBox          *list;
  GPtrArray           *rows;        /* the rows of values, in list order */
  AdwEntryRow         *add_row;     /* email, phone and website */
  GtkDropDown         *add_type;
  AdwExpanderRow      *address_row; /* address */
  AdwEntryRow         *address_fields[RAPPORT_ADDRESS_FIELDS];
  AdwComboRow         *address_type;
  GtkWidget           *address_add;
  AdwToast            *undo_toast;  /* offers the last removed value back */
};

G_DEFINE_FINAL_TYPE (RapportValuesGroup, rapport_values_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_KIND,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  const char *types;
  const char *label;
} TypeChoice;

/* What a new value can be, most likely first. */
static const TypeChoice email_choices[] = {
  { "work", NC_("contact value type", "Work") },
  { "home", NC_("contact value type", "Home") },
  { "", NC_("contact value type", "Other") },
};

static const TypeChoice phone_choices[] = {
  { "cell", NC_("contact value type", "Mobile") },
  { "work", NC_("contact value type", "Work") },
  { "home", NC_("contact value type", "Home") },
  { "work,fax", NC_("contact value type", "Work Fax") },
  { "", NC_("contact value type", "Other") },
};

static const char *
type_label (const char *label)
{
  return g_dpgettext2 (GETTEXT_PACKAGE, "contact value type", label);
}

static const TypeChoice *
choices_for (RapportValueKind  kind,
             guint            *n_choices)
{
  if (kind == RAPPORT_VALUE_PHONE)
    {
      *n_choices = G_N_ELEMENTS (phone_choices);
      return phone_choices;
    }
  /* Addresses and websites are work, home or other, like emails. */
  *n_choices = G_N_ELEMENTS (email_choices);
  return email_choices;
}

static gboolean
same_value (RapportValueKind  kind,
            const char       *a,
            const char       *b)
{
  g_autoptr(RapportContact) shape = rapport_contact_new ();

  /* The core's rule (phones by their digits, emails in any case). */
  rapport_contact_add_value (shape, kind, a, "", 0);
  return rapport_contact_has_value (shape, kind, b);
}

static GPtrArray *
copy_values (RapportValuesGroup *self)
{
  GPtrArray *values = rapport_customer_get_values (self->customer);
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_contact_value_free);

  for (guint i = 0; values != NULL && i < values->len; i++)
    g_ptr_array_add (copy, rapport_contact_value_copy (g_ptr_array_index (values, i)));
  return copy;
}

/* The value of our kind with the lowest PREF, else the first one. */
static const RapportContactValue *
find_preferred (GPtrArray        *values,
                RapportValueKind  kind)
{
  const RapportContactValue *best = NULL;

  for (guint i = 0; values != NULL && i < values->len; i++)
    {
      const RapportContactValue *v = g_ptr_array_index (values, i);

      if (v->kind == kind && (best == NULL || (v->pref > 0 && (best->pref == 0 || v->pref < best->pref))))
        best = v;
    }
  return best;
}

/* Why @text cannot be a value of ours, or NULL. */
static char *
check_new_value (RapportValuesGroup *self,
                 GPtrArray          *values,
                 const char         *text,
                 guint               except)
{
  if (self->kind == RAPPORT_VALUE_EMAIL && strchr (text, '@') == NULL)
    return g_strdup_printf (_("“%s” is not an email address."), text);

  for (guint i = 0; i < values->len; i++)
    {
      const RapportContactValue *v = g_ptr_array_index (values, i);

      if (i != except && v->kind == self->kind && same_value (self->kind, v->value, text))
        {
          g_autofree char *address = NULL;

          if (self->kind == RAPPORT_VALUE_ADDRESS)
            address = g_strdelimit (rapport_value_format_address (v->value), "\n", ' ');
          return g_strdup_printf (_("“%s” is already there."), address != NULL ? address : v->value);
        }
    }
  return NULL;
}

static void
commit (RapportValuesGroup *self,
        GPtrArray          *values)
{
  rapport_customer_set_values (self->customer, values);
  g_signal_emit (self, signals[CHANGED], 0);
  rapport_values_group_refresh (self);
}

static guint
row_index (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX_ROW);

  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "value-index"));
}

static void
on_make_preferred (RapportValuesGroup *self,
                   GtkButton          *button)
{
  g_autoptr(GPtrArray) values = copy_values (self);
  guint index = row_index (GTK_WIDGET (button));
  RapportContactValue *chosen;

  g_assert (RAPPORT_IS_VALUES_GROUP (self));
  g_return_if_fail (index < values->len);

  chosen = g_ptr_array_index (values, index);
  if (find_preferred (values, self->kind) == chosen)
    return;
  /* Keep the order of the others' preferences, below the chosen one. */
  for (guint i = 0; i < values->len; i++)
    {
      RapportContactValue *v = g_ptr_array_index (values, i);

      if (v != chosen && v->kind == self->kind && v->pref > 0)
        v->pref = MIN (v->pref + 1, 100);
    }
  chosen->pref = 1;
  commit (self, values);
}

static void
on_undo_remove (RapportValuesGroup *self,
                AdwToast           *toast)
{
  GPtrArray *before = g_object_get_data (G_OBJECT (toast), "values");

  g_assert (RAPPORT_IS_VALUES_GROUP (self));

  if (toast == self->undo_toast && self->customer != NULL)
    commit (self, before);
}

static void
on_undo_dismissed (RapportValuesGroup *self,
                   AdwToast           *toast)
{
  if (self->undo_toast == toast)
    g_clear_object (&self->undo_toast);
}

static void
forget_undo (RapportValuesGroup *self)
{
  g_autoptr(AdwToast) toast = g_steal_pointer (&self->undo_toast);

  if (toast != NULL)
    adw_toast_dismiss (toast);
}

static void
on_remove (RapportValuesGroup *self,
           GtkButton          *button)
{
  g_autoptr(GPtrArray) values = copy_values (self);
  guint index = row_index (GTK_WIDGET (button));
  g_autofree char *title = NULL;
  g_autofree char *shown = NULL;
  RapportContactValue *removed;
  AdwToast *toast;

  g_assert (RAPPORT_IS_VALUES_GROUP (self));
  g_return_if_fail (index < values->len);

  removed = g_ptr_array_index (values, index);
  if (self->kind == RAPPORT_VALUE_ADDRESS)
    shown = g_strdelimit (rapport_value_format_address (removed->value), "\n", ' ');
  /* Translators: a toast with an Undo button, "ada@example.com removed" */
  title = g_strdup_printf (_("%s removed"), shown != NULL ? shown : removed->value);

  forget_undo (self);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_object_set_data_full (G_OBJECT (toast), "values", copy_values (self), (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_remove), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_undo_dismissed), self, G_CONNECT_SWAPPED);
  self->undo_toast = g_object_ref (toast);

  g_ptr_array_remove_index (values, index);
  commit (self, values);
  rapport_toast_show (GTK_WIDGET (self), toast);
}

static void
on_value_applied (RapportValuesGroup *self,
                  AdwEntryRow        *row)
{
  g_autoptr(GPtrArray) values = copy_values (self);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autofree char *problem = NULL;
  guint index = row_index (GTK_WIDGET (row));
  RapportContactValue *value;

  g_assert (RAPPORT_IS_VALUES_GROUP (self));
  g_return_if_fail (index < values->len);

  value = g_ptr_array_index (values, index);
  if (*text == '\0')
    g_ptr_array_remove_index (values, index);
  else if ((problem = check_new_value (self, values, text, index)) != NULL)
    {
      rapport_toast_error (GTK_WIDGET (self), problem);
      gtk_editable_set_text (GTK_EDITABLE (row), value->value);
      return;
    }
  else
    {
      g_free (value->value);
      value->value = g_steal_pointer (&text);
    }
  commit (self, values);
}

static const char *
chosen_types (RapportValuesGroup *self,
              guint               selected)
{
  guint n_choices;
  const TypeChoice *choices = choices_for (self->kind, &n_choices);

  return choices[MIN (selected, n_choices - 1)].types;
}

static void
add_value (RapportValuesGroup *self,
           const char         *text,
           const char         *types)
{
  g_autoptr(GPtrArray) values = copy_values (self);

  g_ptr_array_add (values, rapport_contact_value_new (self->kind, text, types, 0));
  commit (self, values);
}

static void
on_add_applied (RapportValuesGroup *self)
{
  g_autoptr(GPtrArray) values = copy_values (self);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->add_row))));
  g_autofree char *problem = NULL;

  g_assert (RAPPORT_IS_VALUES_GROUP (self));

  if (*text == '\0' || self->customer == NULL)
    return;
  if ((problem = check_new_value (self, values, text, G_MAXUINT)) != NULL)
    {
      rapport_toast_error (GTK_WIDGET (self), problem);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->add_row), "");
  add_value (self, text, chosen_types (self, gtk_drop_down_get_selected (self->add_type)));
}

static void
on_address_field_changed (RapportValuesGroup *self)
{
  gboolean any = FALSE;

  for (guint i = 0; i < RAPPORT_ADDRESS_FIELDS; i++)
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (self->address_fields[i]));

      any |= text[strspn (text, " \t")] != '\0';
    }
  gtk_widget_set_sensitive (self->address_add, any);
}

static void
on_address_add (RapportValuesGroup *self)
{
  const char *fields[RAPPORT_ADDRESS_FIELDS];
  g_autofree char *adr = NULL;
  g_autoptr(GPtrArray) values = NULL;
  g_autofree char *problem = NULL;

  g_assert (RAPPORT_IS_VALUES_GROUP (self));

  if (self->customer == NULL)
    return;
  for (guint i = 0; i < RAPPORT_ADDRESS_FIELDS; i++)
    fields[i] = gtk_editable_get_text (GTK_EDITABLE (self->address_fields[i]));
  adr = rapport_value_build_address (fields);
  values = copy_values (self);
  if ((problem = check_new_value (self, values, adr, G_MAXUINT)) != NULL)
    {
      rapport_toast_error (GTK_WIDGET (self), problem);
      return;
    }
  for (guint i = 0; i < RAPPORT_ADDRESS_FIELDS; i++)
    gtk_editable_set_text (GTK_EDITABLE (self->address_fields[i]), "");
  adw_expander_row_set_expanded (self->address_row, FALSE);
  add_value (self, adr, chosen_types (self, adw_combo_row_get_selected (self->address_type)));
}

static GtkWidget *
icon_button (const char *icon_name,
             const char *tooltip,
             const char *accessible_label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  return button;
}

static GtkWidget *
create_star (RapportValuesGroup *self,
             const char         *shown,
             gboolean            preferred)
{
  g_autofree char *label = NULL;
  GtkWidget *star;

  if (preferred)
    {
      /* Translators: the accessible name of the star on the preferred value */
      label = g_strdup_printf (_("%s is preferred"), shown);
      star = icon_button ("starred-symbolic", _("Preferred"), label);
      gtk_widget_add_css_class (star, "preferred");
      return star;
    }
  /* Translators: the accessible name of the star that makes a value preferred */
  label = g_strdup_printf (_("Make %s preferred"), shown);
  star = icon_button ("non-starred-symbolic", _("Make Preferred"), label);
  g_signal_connect_object (star, "clicked", G_CALLBACK (on_make_preferred), self, G_CONNECT_SWAPPED);
  return star;
}

static GtkWidget *
create_remove (RapportValuesGroup *self,
               const char         *shown)
{
  /* Translators: the accessible name of a remove button, "Remove ada@example.com" */
  g_autofree char *label = g_strdup_printf (_("Remove %s"), shown);
  GtkWidget *remove = icon_button ("user-trash-symbolic", _("Remove"), label);

  g_signal_connect_object (remove, "clicked", G_CALLBACK (on_remove), self, G_CONNECT_SWAPPED);
  return remove;
}

static GtkInputPurpose
input_purpose (RapportValueKind kind)
{
  switch (kind)
    {
    case RAPPORT_VALUE_EMAIL:
      return GTK_INPUT_PURPOSE_EMAIL;
    case RAPPORT_VALUE_PHONE:
      return GTK_INPUT_PURPOSE_PHONE;
    case RAPPORT_VALUE_URL:
      return GTK_INPUT_PURPOSE_URL;
    case RAPPORT_VALUE_ADDRESS:
    default:
      return GTK_INPUT_PURPOSE_FREE_FORM;
    }
}

static GtkWidget *
create_row (RapportValuesGroup        *self,
            const RapportContactValue *value,
            guint                      index,
            gboolean                   preferred,
            gboolean                   several)
{
  g_autofree char *types = rapport_value_describe_types (self->kind, value->types);
  g_autofree char *address = NULL;
  g_autofree char *one_line = NULL;
  const char *shown = value->value;
  GtkWidget *row;

  if (self->kind == RAPPORT_VALUE_ADDRESS)
    {
      address = rapport_value_format_address (value->value);
      one_line = g_strdelimit (g_strdup (address), "\n", ' ');
      shown = one_line;
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), types);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), address);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_widget_add_css_class (row, "address");
    }
  else
    {
      row = adw_entry_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), types);
      gtk_editable_set_text (GTK_EDITABLE (row), value->value);
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), input_purpose (self->kind));
      g_signal_connect_object (row, "apply", G_CALLBACK (on_value_applied), self, G_CONNECT_SWAPPED);
    }
  g_object_set_data (G_OBJECT (row), "value-index", GUINT_TO_POINTER (index));

  /* With one value, the star would say nothing. */
  if (several)
    {
      GtkWidget *star = create_star (self, shown, preferred);

      if (ADW_IS_ENTRY_ROW (row))
        adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), star);
      else
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), star);
    }
  if (ADW_IS_ENTRY_ROW (row))
    adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), create_remove (self, shown));
  else
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), create_remove (self, shown));
  return row;
}

/**
 * rapport_values_group_refresh:
 *
 * Shows the customer's values of our kind again.
 */
void
rapport_values_group_refresh (RapportValuesGroup *self)
{
  GPtrArray *values;
  const RapportContactValue *preferred;
  guint count = 0;

  g_return_if_fail (RAPPORT_IS_VALUES_GROUP (self));

  for (guint i = 0; i < self->rows->len; i++)
    gtk_list_box_remove (self->list, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  if (self->customer == NULL)
    return;
  values = rapport_customer_get_values (self->customer);
  preferred = find_preferred (values, self->kind);
  for (guint i = 0; values != NULL && i < values->len; i++)
    count += ((RapportContactValue *) g_ptr_array_index (values, i))->kind == self->kind;

  for (guint i = 0; values != NULL && i < values->len; i++)
    {
      const RapportContactValue *value = g_ptr_array_index (values, i);
      GtkWidget *row;

      if (value->kind != self->kind)
        continue;
      row = create_row (self, value, i, value == preferred, count > 1);
      gtk_list_box_insert (self->list, row, self->rows->len);
      g_ptr_array_add (self->rows, row);
    }
}

void
rapport_values_group_set_customer (RapportValuesGroup *self,
                                   RapportCustomer    *customer)
{
  g_return_if_fail (RAPPORT_IS_VALUES_GROUP (self));
  g_return_if_fail (customer == NULL || RAPPORT_IS_CUSTOMER (customer));

  /* Undo would put one customer's values on another. */
  if (customer != self->customer)
    forget_undo (self);
  g_set_object (&self->customer, customer);
  rapport_values_group_refresh (self);
}

RapportValueKind
rapport_values_group_get_kind (RapportValuesGroup *self)
{
  g_return_val_if_fail (RAPPORT_IS_VALUES_GROUP (self), RAPPORT_VALUE_EMAIL);

  return self->kind;
}

static GtkWidget *
create_type_choice (RapportValuesGroup *self)
{
  guint n_choices;
  const TypeChoice *choices = choices_for (self->kind, &n_choices);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  for (guint i = 0; i < n_choices; i++)
    gtk_string_list_append (labels, type_label (choices[i].label));
  return gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), NULL);
}

static void
build_add_row (RapportValuesGroup *self)
{
  static const char *add_titles[] = {
    N_("Add Email"), N_("Add Phone"), NULL, N_("Add Website"),
  };

  self->add_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->add_row), _(add_titles[self->kind]));
  adw_entry_row_set_show_apply_button (self->add_row, TRUE);
  adw_entry_row_set_input_purpose (self->add_row, input_purpose (self->kind));
  gtk_widget_add_css_class (GTK_WIDGET (self->add_row), "add-value");
  g_signal_connect_object (self->add_row, "apply", G_CALLBACK (on_add_applied), self, G_CONNECT_SWAPPED);

  self->add_type = GTK_DROP_DOWN (create_type_choice (self));
  gtk_widget_set_valign (GTK_WIDGET (self->add_type), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->add_type), "flat");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->add_type), _("Type"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_type),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Type"), -1);
  adw_entry_row_add_suffix (self->add_row, GTK_WIDGET (self->add_type));
  gtk_list_box_append (self->list, GTK_WIDGET (self->add_row));
}

static void
build_address_row (RapportValuesGroup *self)
{
  static const char *field_titles[RAPPORT_ADDRESS_FIELDS] = {
    N_("Street"), N_("City"), N_("State or Region"), N_("Postal Code"), N_("Country"),
  };
  guint n_choices;
  const TypeChoice *choices = choices_for (self->kind, &n_choices);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  self->address_row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->address_row), _("Add Address"));
  gtk_widget_add_css_class (GTK_WIDGET (self->address_row), "add-value");

  for (guint i = 0; i < RAPPORT_ADDRESS_FIELDS; i++)
    {
      self->address_fields[i] = ADW_ENTRY_ROW (adw_entry_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->address_fields[i]), _(field_titles[i]));
      g_signal_connect_object (self->address_fields[i], "changed",
                               G_CALLBACK (on_address_field_changed), self, G_CONNECT_SWAPPED);
      adw_expander_row_add_row (self->address_row, GTK_WIDGET (self->address_fields[i]));
    }

  for (guint i = 0; i < n_choices; i++)
    gtk_string_list_append (labels, type_label (choices[i].label));
  self->address_type = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->address_type), _("Type"));
  adw_combo_row_set_model (self->address_type, G_LIST_MODEL (labels));
  adw_expander_row_add_row (self->address_row, GTK_WIDGET (self->address_type));

  self->address_add = gtk_button_new_with_mnemonic (_("_Add"));
  gtk_widget_set_valign (self->address_add, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (self->address_add, FALSE);
  gtk_widget_set_tooltip_text (self->address_add, _("Add this address"));
  g_signal_connect_object (self->address_add, "clicked", G_CALLBACK (on_address_add), self, G_CONNECT_SWAPPED);
  adw_expander_row_add_action (self->address_row, self->address_add);
  /* Only beside the fields it adds. */
  g_object_bind_property (self->address_row, "expanded", self->address_add, "visible",
                          G_BINDING_SYNC_CREATE);
  gtk_list_box_append (self->list, GTK_WIDGET (self->address_row));
}

static void
rapport_values_group_constructed (GObject *object)
{
  RapportValuesGroup *self = RAPPORT_VALUES_GROUP (object);
  static const char *titles[] = {
    N_("Email Addresses"), N_("Phone Numbers"), N_("Postal Addresses"), N_("Websites"),
  };

  G_OBJECT_CLASS (rapport_values_group_parent_class)->constructed (object);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _(titles[self->kind]));
  if (self->kind == RAPPORT_VALUE_ADDRESS)
    build_address_row (self);
  else
    build_add_row (self);
}

static void
rapport_values_group_dispose (GObject *object)
{
  RapportValuesGroup *self = (RapportValuesGroup *)object;

  forget_undo (self);
  g_clear_object (&self->customer);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (rapport_values_group_parent_class)->dispose (object);
}

static void
rapport_values_group_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  RapportValuesGroup *self = RAPPORT_VALUES_GROUP (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_string (value, rapport_value_kind_to_string (self->kind));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_values_group_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  RapportValuesGroup *self = RAPPORT_VALUES_GROUP (object);

  switch (prop_id)
    {
    case PROP_KIND:
      if (!rapport_value_kind_from_string (g_value_get_string (value), &self->kind))
        g_critical ("Unknown kind of contact value “%s”", g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_values_group_class_init (RapportValuesGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = rapport_values_group_constructed;
  object_class->dispose = rapport_values_group_dispose;
  object_class->get_property = rapport_values_group_get_property;
  object_class->set_property = rapport_values_group_set_property;

  /* "email", "phone", "address" or "url", as the book stores them. */
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, "email",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The customer's values were replaced: save the customer. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rapport_values_group_init (RapportValuesGroup *self)
{
  self->rows = g_ptr_array_new ();
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->list));
}
