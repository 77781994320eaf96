package vault

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestPortableHomeOf(t *testing.T) {
	stick := t.TempDir()
	exe := filepath.Join(stick, "authdesk")
	if err := os.WriteFile(exe, []byte("x"), 0o700); err != nil {
		t.Fatal(err)
	}
	elsewhere := filepath.Join(t.TempDir(), "authdesk")
	if err := os.Symlink(exe, elsewhere); err != nil {
		t.Fatal(err)
	}
	of := func(p string) func() (string, error) { return func() (string, error) { return p, nil } }
	if got := portableHomeOf(of(exe)); got != "" {
		t.Fatalf("no authdesk-data folder yet, got %q", got)
	}
	// A file of that name is not the folder.
	data := filepath.Join(stick, PortableDirName)
	if err := os.WriteFile(data, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if got := portableHomeOf(of(exe)); got != "" {
		t.Fatalf("a file named %s made authdesk portable: %q", PortableDirName, got)
	}
	if err := os.Remove(data); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(data, 0o700); err != nil {
		t.Fatal(err)
	}
	want, _ := filepath.EvalSymlinks(data)
	for _, p := range []string{exe, elsewhere} {
		got, _ := filepath.EvalSymlinks(portableHomeOf(of(p)))
		if got != want {
			t.Errorf("portableHomeOf(%s) = %q, want %q", p, got, want)
		}
	}
	if got := portableHomeOf(func() (string, error) { return "", errors.New("no executable") }); got != "" {
		t.Errorf("no executable path gave %q", got)
	}
}
