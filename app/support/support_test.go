package support_test

import (
	"errors"
	"fmt"
	"image"
	"os"
	"os/user"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"authdesk/app/support"
	"authdesk/app/vault"
	"authdesk/app/vault/seal"
	"authdesk/app/vault/store"
	"authdesk/otpcore"
)

// The support info of a real vault with known names, keys and password
// holds none of them.
func TestSupportInfoHoldsNoSecret(t *testing.T) {
	home := t.TempDir()
	const pw = "Sup3r-secret-pass"
	mem := store.NewMemory()
	v, err := vault.Open(vault.Options{Home: home, Profile: "alice-profile", KDF: seal.Cheap, Backend: mem})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Unix(1_800_000_000, 0)
	if err := v.Init([]byte(pw), now); err != nil {
		t.Fatal(err)
	}
	acc, _ := otpcore.ParseURI("otpauth://totp/Secretbank:alice.smith?secret=JBSWY3DPEHPK3PXP&issuer=Secretbank")
	code, _ := acc.Code(now)
	if _, err := v.Add("Bank token of Alice", acc); err != nil {
		t.Fatal(err)
	}
	off := -12034 * time.Millisecond
	info := support.Collect(support.Sources{
		Displays: func() ([]image.Rectangle, error) {
			return []image.Rectangle{image.Rect(0, 0, 1920, 1080), image.Rect(1920, 0, 3840, 1080)}, nil
		},
		ProbeKeychain: func() error { return errors.New("no Secret Service on the session bus") },
		Profiles:      func() ([]string, error) { return vault.Profiles(home) },
		ClockOffset:   &off,
		StoreKind:     string(v.StoreKind()),
		Getenv:        func(k string) string { return map[string]string{"DISPLAY": ":0", "XDG_SESSION_TYPE": "x11"}[k] },
	})
	for _, want := range []string{"authdesk:", "OS:", "Displays:          2 (1920x1080 at 0,0; 1920x1080 at 1920,0)",
		"did not answer: no Secret Service", "Clock offset:      -12.034 s", "Profiles:          1", "Session:           x11"} {
		if !strings.Contains(info, want) {
			t.Errorf("support info lacks %q:\n%s", want, info)
		}
	}
	for _, secret := range []string{pw, "JBSWY3DPEHPK3PXP", "48656c6c6f21", string(acc.Secret.Bytes()), code,
		"alice", "Alice", "Secretbank", "Bank token"} {
		if strings.Contains(info, secret) {
			t.Errorf("support info leaks %q:\n%s", secret, info)
		}
	}
}

// Errors that name folders (the home, under the user's home folder) or the
// login name reach the info only as [path] and [user]: where a person's
// files are, and their name, are theirs.
func TestSupportInfoHoldsNoPath(t *testing.T) {
	home := filepath.Join(t.TempDir(), "Jane Doe", "authdesk")
	userHome, _ := os.UserHomeDir()
	login := ""
	if u, err := user.Current(); err == nil {
		login = u.Username
	}
	info := support.Collect(support.Sources{
		Home: home,
		ProbeKeychain: func() error {
			return fmt.Errorf("open %s: permission denied (owner %s)", filepath.Join(userHome, ".local", "share", "keyrings", "login.keyring"), login)
		},
		Profiles: func() ([]string, error) {
			return nil, fmt.Errorf("cannot list the profiles: open %s: permission denied", filepath.Join(home, "profiles"))
		},
		ClockErr: errors.New(`cannot read "C:\Users\jdoe\AppData\Roaming\authdesk\clock.json" or \\fileserver\homes\jdoe\x`),
	})
	for _, want := range []string{"did not answer: open [path]: permission denied", "Profiles:          error: cannot list the profiles: open [path]: permission denied",
		`cannot read "[path]" or [path]`, "OS:                " + runtime.GOOS + "/" + runtime.GOARCH} {
		if !strings.Contains(info, want) {
			t.Errorf("support info lacks %q:\n%s", want, info)
		}
	}
	leaks := []string{home, "Jane", "Doe", "jdoe", "AppData", "fileserver", ".local"}
	if len(userHome) > 1 {
		leaks = append(leaks, userHome)
	}
	if len(login) > 1 {
		leaks = append(leaks, login)
	}
	for _, s := range leaks {
		if strings.Contains(info, s) {
			t.Errorf("support info leaks %q:\n%s", s, info)
		}
	}
}
