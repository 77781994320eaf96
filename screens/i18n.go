package screens

import (
	"embed"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// translations holds one JSON file per language (en, de, fr, es). The key
// of each message is its English text, so en.json maps every key to
// itself; i18n_test.go checks that every file has exactly the keys the
// code passes to tr, with the same fmt verbs in the same order.
//
//go:embed translations
var translations embed.FS

var (
	translationsOnce sync.Once
	// translating is set when the desktop's language is one of the
	// embedded ones other than English; otherwise tr returns its key (the
	// English text) without asking lang, which would log a "Translation
	// failure" for each string in a language authdesk does not have.
	translating bool
)

// tr translates s, the English text of a user-facing string, into the
// desktop's language through Fyne's lang package. Pass it a string
// literal (the test that checks the translations collects them); for a
// format, translate the format and keep its verbs:
// fmt.Sprintf(tr("Deleted %q."), name).
func tr(s string) string {
	translationsOnce.Do(loadTranslations)
	if !translating {
		return s
	}
	return lang.L(s)
}

// loadTranslations registers the embedded translations with lang (which
// then picks the closest to the desktop's locale) and notes whether the
// locale is one of them. Run and the first tr call it once; the tests call
// it again after changing the locale.
func loadTranslations() {
	if err := lang.AddTranslationsFS(translations, "translations"); err != nil {
		fyne.LogError("authdesk: loading the translations", err)
		translating = false
		return
	}
	base, _, _ := strings.Cut(lang.SystemLocale().String(), "-")
	translating = base != "en" && hasTranslation(base)
}

// hasTranslation reports whether an embedded file is for language base.
func hasTranslation(base string) bool {
	files, err := translations.ReadDir("translations")
	if err != nil {
		return false
	}
	for _, f := range files {
		if strings.TrimSuffix(f.Name(), ".json") == base {
			return true
		}
	}
	return false
}
