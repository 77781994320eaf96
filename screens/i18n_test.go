package screens

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
)

// languages are the translations authdesk ships; each must have every key.
var languages = []string{"en", "de", "fr", "es"}

// TestMain runs the tests in English, whatever the machine's locale: they
// find widgets by their English text. TestGermanScreen switches for itself.
func TestMain(m *testing.M) {
	os.Setenv("LANGUAGE", "en")
	os.Setenv("LC_ALL", "en_US.UTF-8")
	translationsOnce.Do(loadTranslations)
	os.Exit(m.Run())
}

// usedKeys parses the package's non-test files and returns every string
// passed to tr, with where it is used. A call with anything but a string
// literal (or literals joined with +) is an error: the check would miss it.
func usedKeys(t *testing.T) map[string]string {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]string{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
				if id, ok := sel.X.(*ast.Ident); ok && id.Name == "lang" && name != "i18n.go" {
					t.Errorf("%s: lang.%s called directly; use tr", fset.Position(call.Pos()), sel.Sel.Name)
				}
			}
			if id, ok := call.Fun.(*ast.Ident); !ok || id.Name != "tr" {
				return true
			}
			pos := fset.Position(call.Pos()).String()
			if len(call.Args) != 1 {
				t.Errorf("%s: tr with %d arguments", pos, len(call.Args))
				return true
			}
			s, ok := literal(call.Args[0])
			if !ok {
				t.Errorf("%s: tr needs a string literal, so that its key can be checked", pos)
				return true
			}
			keys[s] = pos
			return true
		})
	}
	if len(keys) == 0 {
		t.Fatal("no call of tr found")
	}
	return keys
}

// literal evaluates a string literal or a sum of them.
func literal(e ast.Expr) (string, bool) {
	switch x := e.(type) {
	case *ast.BasicLit:
		if x.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(x.Value)
		return s, err == nil
	case *ast.BinaryExpr:
		if x.Op != token.ADD {
			return "", false
		}
		a, ok1 := literal(x.X)
		b, ok2 := literal(x.Y)
		return a + b, ok1 && ok2
	case *ast.ParenExpr:
		return literal(x.X)
	}
	return "", false
}

func loadFile(t *testing.T, l string) map[string]string {
	t.Helper()
	b, err := translations.ReadFile("translations/" + l + ".json")
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%s.json: %v", l, err)
	}
	return m
}

// verbRE matches a fmt verb with its flags, width and precision.
var verbRE = regexp.MustCompile(`%[-+# 0]*(\[\d+\])?(\d+|\*)?(\.(\d+|\*)?)?[a-zA-Z%]`)

func verbs(s string) []string { return verbRE.FindAllString(s, -1) }

// go-i18n reads a file whose top level holds one of these keys (any case)
// as a single plural message, not as a file of messages.
var reservedKeys = []string{"id", "description", "hash", "leftdelim", "rightdelim", "zero", "one", "two", "few", "many", "other", "translation"}

func TestTranslationsComplete(t *testing.T) {
	used := usedKeys(t)
	files, err := translations.ReadDir("translations")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(languages) {
		t.Errorf("%d translation files, want %v", len(files), languages)
	}
	for _, l := range languages {
		m := loadFile(t, l)
		var missing []string
		for k, pos := range used {
			if _, ok := m[k]; !ok {
				missing = append(missing, strconv.Quote(k)+" (used at "+pos+")")
			}
		}
		sort.Strings(missing)
		for _, k := range missing {
			t.Errorf("%s.json has no translation of %s", l, k)
		}
		for k, v := range m {
			if _, ok := used[k]; !ok {
				t.Errorf("%s.json: %q is no longer used by the code", l, k)
				continue
			}
			switch {
			case strings.TrimSpace(v) == "":
				t.Errorf("%s.json: %q is empty", l, k)
			case l == "en" && v != k:
				t.Errorf("en.json: %q maps to %q; the English text is the key", k, v)
			case strings.Contains(v, "{{"):
				t.Errorf("%s.json: %q: go-i18n would read {{ as a template", l, k)
			}
			if got, want := strings.Join(verbs(v), " "), strings.Join(verbs(k), " "); got != want {
				t.Errorf("%s.json: %q has the verbs [%s], its key [%s]", l, v, got, want)
			}
		}
		if n := len(strings.Fields(m["zero one two three four five six seven eight nine"])); n != 10 {
			t.Errorf("%s.json: %d digit words, want 10", l, n)
		}
	}
	for k := range used {
		for _, r := range reservedKeys {
			if strings.EqualFold(k, r) {
				t.Errorf("key %q is reserved by go-i18n's file format", k)
			}
		}
	}
	if err := lang.AddTranslationsFS(translations, "translations"); err != nil {
		t.Errorf("lang does not load the translations: %v", err)
	}
}

// setLocale switches lang (and tr) to the locale l until the test ends.
func setLocale(t *testing.T, l string) {
	t.Helper()
	old := map[string]string{}
	for _, v := range []string{"LANGUAGE", "LC_ALL"} {
		old[v] = os.Getenv(v)
	}
	os.Setenv("LANGUAGE", l)
	os.Setenv("LC_ALL", l+".UTF-8")
	loadTranslations()
	t.Cleanup(func() {
		for k, v := range old {
			os.Setenv(k, v)
		}
		loadTranslations()
	})
}

func TestGermanScreen(t *testing.T) {
	setLocale(t, "de_DE")
	h := newHarness(t)
	h.wantText("Willkommen bei authdesk")
	test.Type(h.entry(tr("your name, e.g. alice (or leave empty)")), "anna")
	test.Type(h.entry(tr("at least 8 characters")), testPW)
	test.Type(h.entry(tr("the same again")), testPW)
	h.tap("Profil erstellen")
	h.wantText("Noch keine Geräte.")
	h.tap("Gerät hinzufügen")
	h.wantText("Gerät hinzufügen – Schritt 1 von 4")
	if got := ReadOut("482913"); got != "vier acht zwei, neun eins drei" {
		t.Errorf("ReadOut in German: %q", got)
	}
}

func TestUnknownLanguageFallsBackToEnglish(t *testing.T) {
	setLocale(t, "it_IT")
	if got := tr("Create profile"); got != "Create profile" {
		t.Errorf("in Italian (not translated) tr gives %q", got)
	}
}
