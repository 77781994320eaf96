//go:build linux

package store

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
)

// TestKeyringLocked locks the keychain for real and checks that reads and
// writes say so. Locking the shared test session's keyring would break the
// tests running beside this one, so the test starts its own D-Bus session
// and gnome-keyring-daemon with a keyring in a temporary directory.
func TestKeyringLocked(t *testing.T) {
	if os.Getenv("AUTHDESK_STORE_CHILD") == "locked" {
		lockedChild()
		return
	}
	needKeyring(t)
	for _, tool := range []string{"dbus-run-session", "gnome-keyring-daemon", "dbus-send"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("needs %s", tool)
		}
	}
	dir := t.TempDir()
	script := `eval "$(printf 'throwaway\n' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
for i in $(seq 1 100); do
	dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
		org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true" && break
	sleep 0.1
done
exec "$0" -test.run='^TestKeyringLocked$'`
	cmd := exec.Command("dbus-run-session", "--", "sh", "-c", script, os.Args[0])
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "DISPLAY=") && !strings.HasPrefix(kv, "DBUS_SESSION_BUS_ADDRESS=") &&
			!strings.HasPrefix(kv, "GNOME_KEYRING_CONTROL=") && !strings.HasPrefix(kv, "XDG_") && !strings.HasPrefix(kv, "HOME=") {
			env = append(env, kv)
		}
	}
	cmd.Env = append(env, "AUTHDESK_STORE_CHILD=locked", "HOME="+dir,
		"XDG_DATA_HOME="+filepath.Join(dir, "data"), "XDG_RUNTIME_DIR="+dir, "XDG_CONFIG_HOME="+filepath.Join(dir, "config"))
	done := make(chan struct{})
	var out []byte
	var err error
	go func() { out, err = cmd.CombinedOutput(); close(done) }()
	select {
	case <-done:
	case <-time.After(90 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatal("the child session did not end in 90 s")
	}
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "put=ok get=locked getmany=locked putlocked=locked") {
		t.Fatalf("child output %q; want reads and writes of a locked keychain to be ErrLocked", out)
	}
}

func lockedChild() {
	k := NewKeyring("authdesk-test/locked")
	k.Timeout = 20 * time.Second
	res := func(err error) string {
		switch {
		case err == nil:
			return "ok"
		case errors.Is(err, ErrLocked):
			return "locked"
		}
		return fmt.Sprintf("%q", err.Error())
	}
	put := k.Put("a", []byte("x"))
	if err := lockDefaultCollection(); err != nil {
		fmt.Printf("lock failed: %v\n", err)
		return
	}
	_, get := k.Get("a")
	_, errs := k.GetMany([]string{"a", "b"})
	put2 := k.Put("b", []byte("y"))
	fmt.Printf("put=%s get=%s getmany=%s putlocked=%s\n", res(put), res(get), res(errs[0]), res(put2))
}

// lockDefaultCollection locks the default keyring through the Secret
// Service, as a screen lock would.
func lockDefaultCollection() error {
	conn, err := dbus.SessionBus()
	if err != nil {
		return err
	}
	var locked []dbus.ObjectPath
	var prompt dbus.ObjectPath
	return conn.Object(ssName, ssPath).Call(ssService+".Lock", 0,
		[]dbus.ObjectPath{"/org/freedesktop/secrets/aliases/default"}).Store(&locked, &prompt)
}
