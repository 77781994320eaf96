package screens

import (
	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"authdesk/app/support"
)

// declareMetadata gives Fyne the app's metadata before the app is made, as
// `fyne build` would from FyneApp.toml, so that a plain `go build` behaves
// the same. Its one setting that matters at run time is the "fyneDo"
// migration: every change to the window from another goroutine goes through
// fyne.Do (the tick, the scans, the instance channel), so Fyne's per-call
// thread check is not needed. Without the declaration Fyne 2.7 checks the
// calling goroutine on every Refresh by formatting a stack trace
// (runtime.Stack), which was a third of authdesk's own CPU time per tick.
func declareMetadata() {
	fyneapp.SetMetadata(fyne.AppMetadata{
		ID:         AppID,
		Name:       "authdesk",
		Version:    support.Version,
		Build:      1,
		Release:    true,
		Migrations: map[string]bool{"fyneDo": true},
	})
}
