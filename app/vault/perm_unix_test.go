//go:build unix

package vault

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"authdesk/app/vault/seal"
	"authdesk/app/vault/store"
)

func TestCheckPrivateDir(t *testing.T) {
	base := t.TempDir()
	mk := func(name string, mode os.FileMode) string {
		p := filepath.Join(base, name)
		if err := os.Mkdir(p, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, mode); err != nil { // not bent by the umask
			t.Fatal(err)
		}
		return p
	}
	file := filepath.Join(base, "file")
	os.WriteFile(file, nil, 0o600)
	for _, tt := range []struct {
		name string
		path string
		ok   bool
		says string
	}{
		{"t.TempDir", base, true, ""},
		{"0700", mk("private", 0o700), true, ""},
		{"0755: readable, not writable by others", mk("readable", 0o755), true, ""},
		{"not there yet", filepath.Join(base, "none"), true, ""},
		{"0770: group-writable", mk("group", 0o770), false, "(mode 0770); run: chmod go-w"},
		{"0777: world-writable", mk("world", 0o777), false, "(mode 0777); run: chmod go-w"},
		{"1777: world-writable with the sticky bit, like /tmp", mk("sticky", 0o777|os.ModeSticky), false, "other users can change"},
		{"a file", file, false, "is not a folder"},
	} {
		err := checkPrivateDir(tt.path)
		if (err == nil) != tt.ok || (!tt.ok && !errors.Is(err, ErrUnsafeDir)) {
			t.Errorf("%s: %v, want ok=%v", tt.name, err, tt.ok)
			continue
		}
		if err != nil && (!strings.Contains(err.Error(), tt.says) || strings.Contains(err.Error(), "\n")) {
			t.Errorf("%s: %q does not say %q on one line", tt.name, err, tt.says)
		}
	}
}

// A folder of another user is refused (needs root to make one).
func TestCheckPrivateDirOtherOwner(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("making a folder owned by another user needs root")
	}
	d := filepath.Join(t.TempDir(), "theirs")
	os.Mkdir(d, 0o700)
	if err := os.Chown(d, 65534, 65534); err != nil {
		t.Fatal(err)
	}
	err := checkPrivateDir(d)
	if !errors.Is(err, ErrUnsafeDir) || !strings.Contains(err.Error(), "belongs to another user (uid 65534)") {
		t.Fatalf("a folder of uid 65534: %v", err)
	}
}

// Open refuses a home, profiles or profile folder that others can write,
// before reading anything in it; a fresh t.TempDir home (0700) opens.
func TestOpenRefusesUnsafeDirs(t *testing.T) {
	for _, which := range []string{"home", "profiles", "profile"} {
		home := t.TempDir()
		dirs := map[string]string{"home": home, "profiles": filepath.Join(home, "profiles"), "profile": ProfileDir(home, "alice")}
		if err := os.MkdirAll(dirs["profile"], 0o700); err != nil {
			t.Fatal(err)
		}
		opts := Options{Home: home, Profile: "alice", KDF: seal.Cheap, Backend: store.NewMemory()}
		if _, err := Open(opts); err != nil {
			t.Fatalf("%s 0700: %v", which, err)
		}
		os.Chmod(dirs[which], 0o777)
		_, err := Open(opts)
		if !errors.Is(err, ErrUnsafeDir) || !strings.Contains(err.Error(), dirs[which]+" (mode 0777)") {
			t.Errorf("%s 0777: %v, want ErrUnsafeDir naming it", which, err)
		}
	}
}
