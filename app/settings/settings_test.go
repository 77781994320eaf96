package settings

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestLoadSave(t *testing.T) {
	dir := t.TempDir()
	s, err := Load(dir)
	if err != nil || s != Defaults() {
		t.Fatalf("missing file: %+v %v", s, err)
	}
	k := Kiosk()
	if err := Save(dir, k); err != nil {
		t.Fatal(err)
	}
	got, err := Load(dir)
	if err != nil || got != k {
		t.Fatalf("round trip: %+v %v", got, err)
	}
	bad := k
	bad.AutoLock = time.Second
	if err := Save(dir, bad); !errors.Is(err, ErrBadSettings) {
		t.Fatalf("1 s auto-lock saved: %v", err)
	}
	if got, _ := Load(dir); got != k {
		t.Fatal("a refused save changed the file")
	}
	_ = os.WriteFile(filepath.Join(dir, FileName), []byte("{not json"), 0o600)
	if got, err := Load(dir); !errors.Is(err, ErrBadSettings) || got != Defaults() {
		t.Fatalf("damaged file: %+v %v", got, err)
	}
}
