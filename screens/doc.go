// Package screens holds authdesk's Fyne screens and widgets. Each screen is
// built by a constructor that takes what it needs from package app through
// small interfaces; there is no package-level state beyond the one-time
// registration of the translations. Goroutines touch the UI only through
// fyne.Do and data bindings.
//
// # Languages
//
// Every user-facing string goes through tr (i18n.go), with its English text
// as the key; translations/{en,de,fr,es}.json are embedded and registered
// with Fyne's lang package, which picks the desktop's language. Formats are
// translated whole and keep their verbs: fmt.Sprintf(tr("Deleted %q."), n).
// Error texts made in app/ and otpcore stay English. i18n_test.go fails when
// a key the code uses is missing from a file, a file holds an unused key, or
// a translation's verbs differ from its key's.
package screens
