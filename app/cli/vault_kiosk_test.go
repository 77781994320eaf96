package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"authdesk/app/settings"
)

func TestVaultInitKiosk(t *testing.T) {
	home := t.TempDir()
	code, out, errs := vrun(t, home, vaultPw+"\n", "vault", "init", "--kiosk", "--store", "file", "--profile", "desk1", "--password-file", "-")
	if code != 0 || !strings.Contains(out, "with kiosk settings: locks after 60 s") {
		t.Fatalf("exit %d stdout %q stderr %q", code, out, errs)
	}
	st, err := settings.Load(filepath.Join(home, "profiles", "desk1"))
	if err != nil || st != settings.Kiosk() {
		t.Fatalf("settings %+v %v, want the kiosk preset", st, err)
	}
	// Without --kiosk: the defaults.
	if code, _, errs := vrun(t, home, vaultPw+"\n", "vault", "init", "--store", "file", "--profile", "desk2", "--password-file", "-"); code != 0 {
		t.Fatal(errs)
	}
	if st, _ := settings.Load(filepath.Join(home, "profiles", "desk2")); st != settings.Defaults() {
		t.Fatalf("desk2 settings %+v, want the defaults", st)
	}
}
