//go:build !windows

package desktop

import (
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		name string
		sig  dbus.Signal
		want Event
		ok   bool
	}{
		{"screensaver on", dbus.Signal{Name: "org.freedesktop.ScreenSaver.ActiveChanged", Body: []any{true}}, ScreenLocked, true},
		{"gnome screensaver on", dbus.Signal{Name: "org.gnome.ScreenSaver.ActiveChanged", Body: []any{true}}, ScreenLocked, true},
		{"screensaver off", dbus.Signal{Name: "org.freedesktop.ScreenSaver.ActiveChanged", Body: []any{false}}, "", false},
		{"sleep", dbus.Signal{Name: "org.freedesktop.login1.Manager.PrepareForSleep", Body: []any{true}}, Sleeping, true},
		{"resume", dbus.Signal{Name: "org.freedesktop.login1.Manager.PrepareForSleep", Body: []any{false}}, "", false},
		{"logind lock", dbus.Signal{Name: "org.freedesktop.login1.Session.Lock"}, ScreenLocked, true},
		{"other", dbus.Signal{Name: "org.example.Foo.ActiveChanged", Body: []any{true}}, "", false},
		{"malformed body", dbus.Signal{Name: "org.freedesktop.ScreenSaver.ActiveChanged", Body: []any{"yes"}}, "", false},
	}
	for _, tc := range tests {
		got, ok := classify(&tc.sig)
		if got != tc.want || ok != tc.ok {
			t.Errorf("%s: %q %v", tc.name, got, ok)
		}
	}
}

// A real session bus (make test runs inside dbus-run-session): a screen
// saver signal sent by another process reaches the watcher.
func TestWatchRealSessionBus(t *testing.T) {
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		t.Skip("no session bus; make test runs this inside dbus-run-session")
	}
	got := make(chan Event, 4)
	w, err := Watch(func(e Event) { got <- e })
	if len(w.conns) == 0 {
		t.Fatalf("no bus: %v", err)
	}
	defer w.Stop()
	send := exec.Command("dbus-send", "--session", "--type=signal", "/org/freedesktop/ScreenSaver",
		"org.freedesktop.ScreenSaver.ActiveChanged", "boolean:true")
	if out, err := send.CombinedOutput(); err != nil {
		t.Fatalf("dbus-send: %v %s", err, out)
	}
	select {
	case e := <-got:
		if e != ScreenLocked {
			t.Fatalf("event %q", e)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the lock signal did not arrive")
	}
}

// A bare session bus (make test's) has no tray host.
func TestHasTrayOnABareBus(t *testing.T) {
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		t.Skip("no session bus; make test runs this inside dbus-run-session")
	}
	if HasTray() {
		t.Fatal("a bare session bus reported a tray")
	}
}
