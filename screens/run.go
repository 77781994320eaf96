package screens

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"authdesk/app/clock"
	"authdesk/app/desktop"
	"authdesk/app/instance"
	_ "authdesk/app/posixlocale" // before Fyne reads the locale
	"authdesk/app/scan"
	"authdesk/app/session"
	"authdesk/app/support"
	"authdesk/app/vault"
	"authdesk/app/vault/store"
	"authdesk/assets"
	"authdesk/otpcore"
)

// AppID is the application id, as in FyneApp.toml: reverse DNS with two
// dots, the name of the desktop entry, the id the desktop portal knows.
const AppID = scan.AppID

// IsLink reports whether a command-line argument is an otpauth:// or
// otpauth-migration:// link (the desktop opens authdesk with the link when
// a portal's link is clicked).
func IsLink(arg string) bool {
	k := otpcore.Classify(arg)
	return k == otpcore.KindOTPAuth || k == otpcore.KindMigration
}

// HandOff passes a clicked link to the running authdesk window, or starts
// a new window that reads it from its standard input (instance.Relaunch),
// and returns the exit code of this short-lived process. The link is wiped.
func HandOff(link []byte) int {
	defer wipeBytes(link)
	home, err := vault.DefaultHome(os.Getenv)
	if err != nil {
		fmt.Fprintln(os.Stderr, "authdesk:", err)
		return 1
	}
	err = instance.Send(home, instance.Message{Link: link}, 3*time.Second)
	if errors.Is(err, instance.ErrNotRunning) {
		err = instance.Relaunch(link)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "authdesk:", err)
		return 1
	}
	return 0
}

// RunWithLinkFrom starts the GUI with the link a HandOff wrote to r.
func RunWithLinkFrom(r io.Reader) int {
	link, err := instance.ReadLink(r)
	if err != nil {
		fmt.Fprintln(os.Stderr, "authdesk:", err)
		return 2
	}
	if len(link) == 0 {
		link = nil
	}
	return Run(link)
}

// Run starts the GUI and returns the exit code when its window closes.
// link, when not nil, is an otpauth link to add once the profile is
// unlocked; Run wipes it. When a window of this home already runs, Run
// hands it the link (or asks it to show itself) and returns 0.
func Run(link []byte) int {
	translationsOnce.Do(loadTranslations)
	home, err := vault.DefaultHome(os.Getenv)
	if err != nil {
		wipeBytes(link)
		fmt.Fprintln(os.Stderr, "authdesk:", err)
		return 1
	}
	srv, handed, err := claimInstance(home, link)
	switch {
	case handed:
		wipeBytes(link)
		return 0
	case err != nil:
		// No channel (an unusable runtime folder): the window still
		// starts; a second start would open a second window.
		fmt.Fprintln(os.Stderr, "authdesk: this window cannot take links from other starts:", err)
	default:
		defer srv.Close()
	}
	if msg := noDisplay(os.Getenv); msg != "" {
		wipeBytes(link)
		fmt.Fprintln(os.Stderr, "authdesk:", msg)
		return 1
	}
	keepHostUntouched(portableData()) // portable: the toolkit's files on the stick too
	declareMetadata()
	a := fyneapp.NewWithID(AppID)
	a.SetIcon(assets.Icon)
	w := a.NewWindow(windowTitle(portableData() != ""))
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
		Portable:      portableData() != "",
	}
	if sup.Portable {
		sup.ProbeKeychain = nil // a portable authdesk asks nothing of the host's keychain
	}
	tray := desktop.HasTray() // asked once: a tray host rarely comes and goes
	u := NewUI(a, w, Deps{Profiles: VaultProfiles{Home: home}, Scanner: ScanFuncs{}, CheckClock: check, Support: sup,
		HasTray: func() bool { return tray }, Minimised: nativeMinimised(w)})
	u.pendingLink = link
	if srv != nil {
		go srv.Serve(func(m instance.Message) { fyne.Do(func() { u.receive(m) }) })
	}
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
	lc.SetOnEnteredForeground(func() { u.setForeground(true) })
	lc.SetOnExitedForeground(func() {
		u.setForeground(false)
		if u.sess != nil && u.sess.Settings().LockOnBlur {
			u.lock(session.Blur)
		}
	})
	lc.SetOnStopped(func() { u.lock(session.Exit) })
}
