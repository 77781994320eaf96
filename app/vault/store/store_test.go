package store

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// stores returns the stores every contract test runs against; the real
// keychain only inside the project's test session.
func stores(t *testing.T) map[string]Store {
	t.Helper()
	m := map[string]Store{
		"memory": NewMemory(),
		"file":   NewFile(filepath.Join(t.TempDir(), "items")),
	}
	if os.Getenv("AUTHDESK_TEST_KEYRING") == "1" {
		k := NewKeyring("authdesk-test/" + strings.ToLower(strings.ReplaceAll(t.Name(), "/", "-")))
		t.Cleanup(func() { _ = k.Clear() })
		m["keyring"] = k
	}
	return m
}

func TestStoreContract(t *testing.T) {
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			if err := s.Probe(); err != nil {
				t.Fatalf("Probe: %v", err)
			}
			if _, err := s.Get("a1"); !errors.Is(err, ErrNotFound) {
				t.Fatalf("Get of a missing item = %v, want ErrNotFound", err)
			}
			blob := []byte{0, 1, 2, 255, 'x', 0}
			if err := s.Put("a1", blob); err != nil {
				t.Fatalf("Put: %v", err)
			}
			got, err := s.Get("a1")
			if err != nil || !bytes.Equal(got, blob) {
				t.Fatalf("Get = %v, %v; want the bytes put", got, err)
			}
			if err := s.Put("a1", []byte("second")); err != nil {
				t.Fatalf("Put over an item: %v", err)
			}
			if got, _ := s.Get("a1"); string(got) != "second" {
				t.Fatalf("Put did not replace the item: %q", got)
			}
			if err := s.Put("b2", []byte("other")); err != nil {
				t.Fatal(err)
			}
			if err := s.Delete("a1"); err != nil {
				t.Fatalf("Delete: %v", err)
			}
			if err := s.Delete("a1"); !errors.Is(err, ErrNotFound) {
				t.Fatalf("second Delete = %v, want ErrNotFound", err)
			}
			if got, _ := s.Get("b2"); string(got) != "other" {
				t.Fatal("Delete removed another item")
			}
			if err := s.Put("big", make([]byte, MaxRaw+1)); !errors.Is(err, ErrTooLarge) {
				t.Fatalf("Put of %d bytes = %v, want ErrTooLarge", MaxRaw+1, err)
			}
			if err := s.Put("fits", make([]byte, MaxRaw)); err != nil {
				t.Fatalf("Put of %d bytes (the limit): %v", MaxRaw, err)
			}
			if err := s.Put("../escape", []byte("x")); err == nil {
				t.Fatal("Put accepted an id with a path in it")
			}
			if err := s.Clear(); err != nil {
				t.Fatalf("Clear: %v", err)
			}
			if _, err := s.Get("b2"); !errors.Is(err, ErrNotFound) {
				t.Fatalf("Get after Clear = %v, want ErrNotFound", err)
			}
		})
	}
}

func TestWriteAtomic(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "vault.json")
	for _, content := range []string{"one", "two, longer"} {
		if err := WriteAtomic(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(p); string(b) != content {
			t.Fatalf("file holds %q, want %q", b, content)
		}
	}
	if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, want 0600", fi.Mode().Perm())
	}
	// A crash between create and rename leaves a temporary file.
	if err := os.WriteFile(filepath.Join(dir, ".vault.json"+tempMark+"123"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := RemoveTemps(dir); err != nil {
		t.Fatal(err)
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 || ents[0].Name() != "vault.json" {
		t.Fatalf("after RemoveTemps the directory holds %v, want only vault.json", ents)
	}
	if err := WriteAtomic(filepath.Join(dir, "missing", "x"), nil, 0o600); err == nil {
		t.Fatal("WriteAtomic into a missing directory succeeded")
	}
}

func TestFileAccessDenied(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root ignores file permissions")
	}
	dir := t.TempDir()
	f := NewFile(filepath.Join(dir, "items"))
	if err := f.Put("a", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(f.Dir(), 0o500); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(f.Dir(), 0o700)
	if err := f.Put("b", []byte("x")); !errors.Is(err, ErrAccessDenied) {
		t.Fatalf("Put in a read-only directory = %v, want ErrAccessDenied", err)
	}
}

func TestMemoryFail(t *testing.T) {
	m := NewMemory()
	m.Fail = func(op, id string) error {
		if op == "put" {
			return ErrLocked
		}
		return nil
	}
	if err := m.Put("a", []byte("x")); !errors.Is(err, ErrLocked) {
		t.Fatalf("Put = %v, want the injected ErrLocked", err)
	}
	if ids := m.IDs(); len(ids) != 0 {
		t.Fatalf("a failed Put stored %v", ids)
	}
}
