/* test-contrast.c: Rapport's own text colours are readable in both styles
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads ui/style.css (and ui/style-dark.css over it for the dark style),
 * resolves every foreground colour a rule sets against libadwaita 1.2's
 * named colours (tests/data/adwaita-1.2, copied from libadwaita 1.2.2's
 * own stylesheets) and the rule's background, or the background of the
 * rule it sits in, composited over each window, view and card background
 * of the style; fails when WCAG 2.1's contrast ratio is below 4.5:1 for
 * text, or 3:1 for the rules that paint an icon or a symbol (1.4.11).
 */

#include <glib.h>
#include <math.h>
#include <string.h>

typedef struct
{
  double r, g, b, a;
} Colour;

typedef struct
{
  char *selector;
  char *color;
  char *background;
  double opacity;
} Rule;

static void
rule_free (Rule *rule)
{
  g_free (rule->selector);
  g_free (rule->color);
  g_free (rule->background);
  g_free (rule);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Rule, rule_free)

/* The paths the build gives: style.css, style-dark.css, the data folder. */
static const char *style_path;
static const char *style_dark_path;
static const char *adwaita_dir;

static char *
strip_comments (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (p[0] == '/' && p[1] == '*')
        {
          const char *end = strstr (p + 2, "*/");

          if (end == NULL)
            break;
          p = end + 1;
          continue;
        }
      g_string_append_c (out, *p);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
read_css (const char *path)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents (path, &text, NULL, &error))
    g_error ("%s", error->message);
  return strip_comments (text);
}

/* @define-color lines into @defs (name → value text). */
static void
add_definitions (GHashTable *defs,
                 const char *css)
{
  g_auto(GStrv) statements = g_strsplit (css, ";", -1);

  for (guint i = 0; statements[i] != NULL; i++)
    {
      const char *s = strstr (statements[i], "@define-color");
      g_auto(GStrv) parts = NULL;

      if (s == NULL)
        continue;
      parts = g_strsplit_set (g_strstrip ((char *) s + strlen ("@define-color")), " \t\n", 2);
      g_assert_nonnull (parts[0]);
      g_assert_nonnull (parts[1]);
      g_hash_table_insert (defs, g_strdup (parts[0]), g_strstrip (g_strdup (parts[1])));
    }
}

static GHashTable *
load_definitions (const char *style,
                  const char *extra_path)
{
  GHashTable *defs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *files[] = { "palette.css", style };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (adwaita_dir, files[i], NULL);
      g_autofree char *css = read_css (path);

      add_definitions (defs, css);
    }
  if (extra_path != NULL)
    {
      g_autofree char *css = read_css (extra_path);

      add_definitions (defs, css);
    }
  return defs;
}

/* A colour expression, as GTK 4.8's CSS writes them: #rgb, #rrggbb,
 * rgb(), rgba(), white, black, transparent, @name, alpha(), mix(),
 * shade().  Returns FALSE on what it cannot read, which fails the test:
 * a colour the test cannot check is not a colour that passes. */
static gboolean parse_colour (GHashTable *defs, const char **p, Colour *out);

static void
skip_space (const char **p)
{
  while (g_ascii_isspace (**p))
    (*p)++;
}

static gboolean
expect (const char **p,
        char         c)
{
  skip_space (p);
  if (**p != c)
    return FALSE;
  (*p)++;
  return TRUE;
}

static gboolean
parse_number (const char **p,
              double      *out)
{
  char *end;

  skip_space (p);
  *out = g_ascii_strtod (*p, &end);
  if (end == *p)
    return FALSE;
  *p = end;
  return TRUE;
}

static gboolean
parse_colour (GHashTable  *defs,
              const char **p,
              Colour      *out)
{
  const char *start;
  g_autofree char *word = NULL;

  skip_space (p);
  if (**p == '#')
    {
      guint64 value;
      char *end;
      gsize len;

      value = g_ascii_strtoull (*p + 1, &end, 16);
      len = end - (*p + 1);
      *p = end;
      if (len == 3)
        *out = (Colour) { ((value >> 8) & 0xf) * 17 / 255.0, ((value >> 4) & 0xf) * 17 / 255.0,
                          (value & 0xf) * 17 / 255.0, 1 };
      else if (len == 6)
        *out = (Colour) { ((value >> 16) & 0xff) / 255.0, ((value >> 8) & 0xff) / 255.0,
                          (value & 0xff) / 255.0, 1 };
      else
        return FALSE;
      return TRUE;
    }

  start = *p;
  if (**p == '@')
    (*p)++;
  while (g_ascii_isalnum (**p) || **p == '_' || **p == '-')
    (*p)++;
  word = g_strndup (start, *p - start);

  if (word[0] == '@')
    {
      const char *value = g_hash_table_lookup (defs, word + 1);
      const char *q = value;

      return value != NULL && parse_colour (defs, &q, out);
    }
  if (g_str_equal (word, "white"))
    return (*out = (Colour) { 1, 1, 1, 1 }, TRUE);
  if (g_str_equal (word, "black"))
    return (*out = (Colour) { 0, 0, 0, 1 }, TRUE);
  if (g_str_equal (word, "transparent"))
    return (*out = (Colour) { 0, 0, 0, 0 }, TRUE);
  if (g_str_equal (word, "rgb") || g_str_equal (word, "rgba"))
    {
      double v[4] = { 0, 0, 0, 1 };
      guint n = g_str_equal (word, "rgb") ? 3 : 4;

      if (!expect (p, '('))
        return FALSE;
      for (guint i = 0; i < n; i++)
        if (!parse_number (p, &v[i]) || !expect (p, i + 1 < n ? ',' : ')'))
          return FALSE;
      *out = (Colour) { v[0] / 255, v[1] / 255, v[2] / 255, v[3] };
      return TRUE;
    }
  if (g_str_equal (word, "alpha") || g_str_equal (word, "shade"))
    {
      Colour c;
      double factor;

      if (!expect (p, '(') || !parse_colour (defs, p, &c) || !expect (p, ',') ||
          !parse_number (p, &factor) || !expect (p, ')'))
        return FALSE;
      if (g_str_equal (word, "alpha"))
        c.a = CLAMP (c.a * factor, 0, 1);
      else
        {
          /* shade() scales lightness; near enough for a check: scale
           * towards black or white. */
          double t = factor < 1 ? factor : 2 - factor;
          double target = factor < 1 ? 0 : 1;

          c.r = target + (c.r - target) * t;
          c.g = target + (c.g - target) * t;
          c.b = target + (c.b - target) * t;
        }
      *out = c;
      return TRUE;
    }
  if (g_str_equal (word, "mix"))
    {
      Colour a, b;
      double f;

      if (!expect (p, '(') || !parse_colour (defs, p, &a) || !expect (p, ',') ||
          !parse_colour (defs, p, &b) || !expect (p, ',') || !parse_number (p, &f) || !expect (p, ')'))
        return FALSE;
      *out = (Colour) { a.r + (b.r - a.r) * f, a.g + (b.g - a.g) * f, a.b + (b.b - a.b) * f,
                        a.a + (b.a - a.a) * f };
      return TRUE;
    }
  return FALSE;
}

static Colour
resolve (GHashTable *defs,
         const char *text)
{
  Colour c;
  const char *p = text;

  if (!parse_colour (defs, &p, &c))
    g_error ("Cannot read the colour “%s”", text);
  return c;
}

/* @top painted over the opaque @bottom. */
static Colour
over (Colour top,
      Colour bottom)
{
  return (Colour) { top.r * top.a + bottom.r * (1 - top.a), top.g * top.a + bottom.g * (1 - top.a),
                    top.b * top.a + bottom.b * (1 - top.a), 1 };
}

static double
channel (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
luminance (Colour c)
{
  return 0.2126 * channel (c.r) + 0.7152 * channel (c.g) + 0.0722 * channel (c.b);
}

/* WCAG 2.1's contrast ratio of two opaque colours. */
static double
contrast (Colour a,
          Colour b)
{
  double la = luminance (a), lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

/* "a  >\n b" as "a > b", to compare selectors. */
static char *
normalise_selector (const char *selector)
{
  g_auto(GStrv) words = g_strsplit_set (selector, " \t\n", -1);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_string_append_printf (out, "%s%s", out->len > 0 ? " " : "", words[i]);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Rules in order, one per selector of a selector list. */
static void
add_rules (GPtrArray  *rules,
           const char *css)
{
  const char *p = css;

  while (TRUE)
    {
      const char *open = strchr (p, '{');
      const char *close;
      g_autofree char *selectors = NULL;
      g_autofree char *body = NULL;
      g_auto(GStrv) list = NULL;
      g_auto(GStrv) decls = NULL;
      g_autofree char *color = NULL;
      g_autofree char *background = NULL;
      double opacity = 1;

      if (open == NULL)
        break;
      close = strchr (open, '}');
      g_assert_nonnull (close);
      selectors = g_strndup (p, open - p);
      /* @define-color statements before a rule are not its selector. */
      if (strrchr (selectors, ';') != NULL)
        memmove (selectors, strrchr (selectors, ';') + 1, strlen (strrchr (selectors, ';')));
      body = g_strndup (open + 1, close - open - 1);
      decls = g_strsplit (body, ";", -1);
      for (guint i = 0; decls[i] != NULL; i++)
        {
          g_auto(GStrv) kv = g_strsplit (decls[i], ":", 2);

          if (kv[0] == NULL || kv[1] == NULL)
            continue;
          g_strstrip (kv[0]);
          g_strstrip (kv[1]);
          if (g_str_equal (kv[0], "color"))
            { g_free (color); color = g_strdup (kv[1]); }
          else if ((g_str_equal (kv[0], "background-color") || g_str_equal (kv[0], "background")) &&
                   !g_str_equal (kv[1], "none"))
            { g_free (background); background = g_strdup (kv[1]); }
          else if (g_str_equal (kv[0], "opacity"))
            opacity = g_ascii_strtod (kv[1], NULL);
        }
      list = g_strsplit (selectors, ",", -1);
      for (guint i = 0; list[i] != NULL; i++)
        {
          Rule *rule = g_new0 (Rule, 1);

          rule->selector = normalise_selector (list[i]);
          rule->color = g_strdup (color);
          rule->background = g_strdup (background);
          rule->opacity = opacity;
          g_ptr_array_add (rules, rule);
        }
      p = close + 1;
    }
}

/* The backgrounds under @rule's text, bottom first: those of the rules
 * it is a descendant of (".day:checked" for ".day:checked .count-badge"),
 * then its own. */
static GPtrArray *
backgrounds_for (GPtrArray *rules,
                 Rule      *rule)
{
  GPtrArray *layers = g_ptr_array_new ();
  gsize covered = 0;

  while (TRUE)
    {
      Rule *best = NULL;

      /* The shortest ancestor rule longer than the last one taken. */
      for (guint i = 0; i < rules->len; i++)
        {
          Rule *other = g_ptr_array_index (rules, i);
          gsize len = strlen (other->selector);

          if (other->background != NULL && len > covered && g_str_has_prefix (rule->selector, other->selector) &&
              rule->selector[len] == ' ' && (best == NULL || len <= strlen (best->selector)))
            best = other;
        }
      if (best == NULL)
        break;
      g_ptr_array_add (layers, best->background);
      covered = strlen (best->selector);
    }
  if (rule->background != NULL)
    g_ptr_array_add (layers, rule->background);
  return layers;
}

/* Icons and symbols: WCAG 1.4.11 asks 3:1 of graphics, not 4.5:1.
 * The stars say their rating in words to a screen reader too. */
static gboolean
is_graphic (const char *selector)
{
  return strstr (selector, "testimonial-stars") != NULL || g_str_has_prefix (selector, "button.preferred");
}

typedef struct
{
  const char *style;
  const char *bases[4];
} Style;

static const Style styles[] = {
  /* Window, view and card backgrounds of each style. */
  { "light.css", { "@window_bg_color", "@view_bg_color", "@card_bg_color", NULL } },
  { "dark.css", { "@window_bg_color", "@view_bg_color", "@headerbar_bg_color", NULL } },
};

/* Every failure, for one message at the end; returns how many rules
 * with a colour were checked. */
static guint
check_style (const Style *style,
             GString     *failures)
{
  gboolean dark = g_str_equal (style->style, "dark.css");
  const char *extra = dark && g_file_test (style_dark_path, G_FILE_TEST_EXISTS) ? style_dark_path : NULL;
  g_autoptr(GHashTable) defs = load_definitions (style->style, NULL);
  g_autoptr(GPtrArray) rules = g_ptr_array_new_with_free_func ((GDestroyNotify) rule_free);
  g_autofree char *css = read_css (style_path);
  guint n_checked = 0;

  add_definitions (defs, css);
  add_rules (rules, css);
  if (extra != NULL)
    {
      g_autofree char *dark_css = read_css (extra);

      add_definitions (defs, dark_css);
      add_rules (rules, dark_css);
    }

  for (guint i = 0; i < rules->len; i++)
    {
      Rule *rule = g_ptr_array_index (rules, i);
      g_autoptr(GPtrArray) layers = backgrounds_for (rules, rule);
      g_autofree char *background = NULL;
      double minimum = is_graphic (rule->selector) ? 3.0 : 4.5;
      gboolean overridden = FALSE;
      Colour fg;

      if (rule->color == NULL || g_str_equal (rule->color, "inherit"))
        continue;
      /* A later rule for the same selector (style-dark.css's) wins. */
      for (guint j = i + 1; j < rules->len; j++)
        {
          Rule *later = g_ptr_array_index (rules, j);

          overridden |= later->color != NULL && g_str_equal (later->selector, rule->selector);
        }
      if (overridden)
        continue;
      n_checked++;
      g_ptr_array_add (layers, NULL);
      background = layers->len > 1 ? g_strjoinv (" over ", (char **) layers->pdata) : NULL;
      fg = resolve (defs, rule->color);
      fg.a *= rule->opacity;
      for (guint b = 0; style->bases[b] != NULL; b++)
        {
          /* A translucent card colour is painted on the window. */
          Colour base = over (resolve (defs, style->bases[b]), resolve (defs, "@window_bg_color"));
          Colour under = base;

          for (guint l = 0; l + 1 < layers->len; l++)
            under = over (resolve (defs, g_ptr_array_index (layers, l)), under);
          double ratio = contrast (over (fg, under), under);

          g_test_message ("%s, %s on %s%s%s: %.2f:1", style->style, rule->selector, style->bases[b],
                          background != NULL ? " under " : "", background != NULL ? background : "", ratio);
          if (ratio < minimum)
            g_string_append_printf (failures, "\n  %s style: “%s” (color: %s%s%s) on %s: %.2f:1, below %.1f:1",
                                    dark ? "dark" : "light", rule->selector, rule->color,
                                    background != NULL ? ", background: " : "",
                                    background != NULL ? background : "", style->bases[b], ratio, minimum);
        }
    }
  return n_checked;
}

static void
test_contrast_styles (void)
{
  g_autoptr(GString) failures = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    /* overdue, due-soon, due-today, the stars, the badges, the month grid. */
    g_assert_cmpuint (check_style (&styles[i], failures), >=, 8);
  if (failures->len > 0)
    g_error ("Text below WCAG 2.1's contrast:%s", failures->str);
}

/* The arithmetic itself, on values WCAG's own examples and libadwaita
 * give, so a pass above means the colours pass, not that nothing was
 * measured. */
static void
test_contrast_arithmetic (void)
{
  g_autoptr(GHashTable) light = load_definitions ("light.css", NULL);
  g_autoptr(GHashTable) dark = load_definitions ("dark.css", NULL);
  Colour white = resolve (light, "@view_bg_color");

  g_assert_cmpfloat_with_epsilon (contrast (resolve (light, "black"), white), 21.0, 0.01);
  g_assert_cmpfloat_with_epsilon (contrast (resolve (light, "#777777"), white), 4.48, 0.01);
  /* The amber the stars once had: 3:1 on a white card, not 4.5. */
  g_assert_cmpfloat (contrast (resolve (light, "#c88800"), white), <, 4.5);
  /* libadwaita's text on its own backgrounds. */
  g_assert_cmpfloat (contrast (over (resolve (light, "@window_fg_color"), white), white), >, 10);
  g_assert_cmpfloat_with_epsilon (contrast (resolve (light, "@error_color"), white), 6.11, 0.01);
  g_assert_cmpfloat (contrast (resolve (dark, "@error_color"), resolve (dark, "@view_bg_color")), >, 4.5);
  /* alpha() and mix() as GTK computes them. */
  g_assert_cmpfloat_with_epsilon (resolve (light, "alpha(@accent_bg_color, 0.18)").a, 0.18, 1e-9);
  g_assert_cmpfloat_with_epsilon (resolve (light, "mix(white, black, 0.25)").r, 0.75, 1e-9);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (argc < 4)
    g_error ("usage: %s STYLE.CSS STYLE-DARK.CSS ADWAITA-DIR", argv[0]);
  style_path = argv[1];
  style_dark_path = argv[2];
  adwaita_dir = argv[3];

  g_test_add_func ("/contrast/arithmetic", test_contrast_arithmetic);
  g_test_add_func ("/contrast/styles", test_contrast_styles);
  return g_test_run ();
}
