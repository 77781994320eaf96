package screens

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"authdesk/app/clock"
	"authdesk/app/desktop"
	_ "authdesk/app/posixlocale" // before Fyne reads the locale
	"authdesk/app/scan"
	"authdesk/app/session"
	"authdesk/app/support"
	"authdesk/app/vault"
	"authdesk/app/vault/store"
	"authdesk/assets"
	"authdesk/otpcore"
)

// AppID is the application id, as in FyneApp.toml.
const AppID = "io.github.authdesk"

// IsLink reports whether a command-line argument is an otpauth:// or
// otpauth-migration:// link (the desktop opens authdesk with the link when
// a portal's link is clicked).
func IsLink(arg string) bool {
	k := otpcore.Classify(arg)
	return k == otpcore.KindOTPAuth || k == otpcore.KindMigration
}

// Run starts the GUI and returns the exit code when its window closes.
// link, when not empty, is an otpauth link to add once the profile is
// unlocked.
func Run(link string) int {
	translationsOnce.Do(loadTranslations)
	home, err := vault.DefaultHome(os.Getenv)
	if err != nil {
		fmt.Fprintln(os.Stderr, "authdesk:", err)
		return 1
	}
	a := fyneapp.NewWithID(AppID)
	a.SetIcon(assets.Icon)
	w := a.NewWindow("authdesk")
	w.Resize(fyne.NewSize(560, 640))
	check := func(server string) (clock.Result, error) {
		if strings.HasPrefix(server, "https://") { // where NTP is blocked
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			return clock.CheckHTTPS(ctx, nil, server, time.Now)
		}
		return clock.Check(server, 5*time.Second)
	}
	sup := support.Sources{
		Displays:      scan.Default(os.Getenv).Displays,
		ProbeKeychain: store.NewKeyring("authdesk/probe").Probe,
		Getenv:        os.Getenv,
	}
	tray := desktop.HasTray() // asked once: a tray host rarely comes and goes
	u := NewUI(a, w, Deps{Profiles: VaultProfiles{Home: home}, Scanner: ScanFuncs{}, CheckClock: check, Support: sup,
		HasTray: func() bool { return tray }})
	u.pendingLink = link
	u.WatchLifecycle()
	if watch, err := desktop.Watch(func(desktop.Event) { fyne.Do(func() { u.lock(session.SystemLock) }) }); err == nil {
		defer watch.Stop()
	}
	u.Start()
	u.StartTicker()
	w.ShowAndRun()
	u.StopTicker()
	u.lock(session.Exit)
	return 0
}

// WatchLifecycle locks when the window loses focus (if the profile's
// settings say so) and when the app stops.
func (u *UI) WatchLifecycle() {
	lc := u.app.Lifecycle()
	lc.SetOnExitedForeground(func() {
		if u.sess != nil && u.sess.Settings().LockOnBlur {
			u.lock(session.Blur)
		}
	})
	lc.SetOnStopped(func() { u.lock(session.Exit) })
}
