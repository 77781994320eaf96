//go:build !windows

package desktop

import (
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/godbus/dbus/v5"
)

// ErrNoBus: neither the session bus nor the system bus answered, so the
// app cannot hear the desktop lock (it still locks on idle and by hand).
var ErrNoBus = errors.New("no D-Bus to watch the desktop lock")

// screenSaverInterfaces emit ActiveChanged(bool) when the screen locks.
var screenSaverInterfaces = []string{
	"org.freedesktop.ScreenSaver",
	"org.gnome.ScreenSaver",
	"org.cinnamon.ScreenSaver",
	"org.mate.ScreenSaver",
	"org.xfce.ScreenSaver",
}

// Watcher delivers lock events until Stop.
type Watcher struct {
	conns []*dbus.Conn
	wg    sync.WaitGroup
}

// Watch starts listening; onLock is called on a background goroutine for
// each event (the caller moves it to the UI goroutine). It returns
// ErrNoBus, with a watcher that does nothing, when no bus answers.
func Watch(onLock func(Event)) (*Watcher, error) {
	w := &Watcher{}
	var errs []error
	if c, err := dbus.ConnectSessionBus(); err == nil {
		for _, iface := range screenSaverInterfaces {
			_ = c.AddMatchSignal(dbus.WithMatchInterface(iface), dbus.WithMatchMember("ActiveChanged"))
		}
		w.listen(c, onLock)
	} else {
		errs = append(errs, fmt.Errorf("session bus: %w", err))
	}
	if c, err := dbus.ConnectSystemBus(); err == nil {
		_ = c.AddMatchSignal(dbus.WithMatchInterface("org.freedesktop.login1.Manager"), dbus.WithMatchMember("PrepareForSleep"))
		_ = c.AddMatchSignal(dbus.WithMatchInterface("org.freedesktop.login1.Session"), dbus.WithMatchMember("Lock"))
		w.listen(c, onLock)
	} else {
		errs = append(errs, fmt.Errorf("system bus: %w", err))
	}
	if len(w.conns) == 0 {
		return w, fmt.Errorf("%w: %w", ErrNoBus, errors.Join(errs...))
	}
	return w, nil
}

func (w *Watcher) listen(c *dbus.Conn, onLock func(Event)) {
	w.conns = append(w.conns, c)
	ch := make(chan *dbus.Signal, 16)
	c.Signal(ch)
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		for sig := range ch {
			if ev, ok := classify(sig); ok {
				onLock(ev)
			}
		}
	}()
}

// classify turns a signal into a lock event: ActiveChanged(true),
// PrepareForSleep(true) or logind's Lock.
func classify(sig *dbus.Signal) (Event, bool) {
	iface, member, _ := cutLast(sig.Name)
	switch {
	case member == "ActiveChanged" && isScreenSaver(iface):
		if on, ok := firstBool(sig.Body); ok && on {
			return ScreenLocked, true
		}
	case member == "PrepareForSleep" && iface == "org.freedesktop.login1.Manager":
		if on, ok := firstBool(sig.Body); ok && on {
			return Sleeping, true
		}
	case member == "Lock" && iface == "org.freedesktop.login1.Session":
		return ScreenLocked, true
	}
	return "", false
}

func isScreenSaver(iface string) bool {
	for _, s := range screenSaverInterfaces {
		if s == iface {
			return true
		}
	}
	return false
}

func firstBool(body []any) (bool, bool) {
	if len(body) == 0 {
		return false, false
	}
	b, ok := body[0].(bool)
	return b, ok
}

func cutLast(name string) (string, string, bool) {
	i := strings.LastIndexByte(name, '.')
	if i < 0 {
		return "", name, false
	}
	return name[:i], name[i+1:], true
}

// Stop closes the connections and waits for the listeners to end.
func (w *Watcher) Stop() {
	for _, c := range w.conns {
		_ = c.Close()
	}
	w.wg.Wait()
	w.conns = nil
}
