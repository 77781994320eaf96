//go:build windows

package policy

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/windows/registry"
)

// setValues writes the policy key under root with the given DWORDs and
// strings, and removes the key when the test ends.
func setValues(t *testing.T, root registry.Key, dwords map[string]uint32, strs map[string]string) {
	t.Helper()
	k, _, err := registry.CreateKey(root, KeyPath, registry.SET_VALUE)
	if err != nil {
		t.Fatalf("create %s: %v", KeyPath, err)
	}
	defer k.Close()
	t.Cleanup(func() { _ = registry.DeleteKey(root, KeyPath) })
	for n, v := range dwords {
		if err := k.SetDWordValue(n, v); err != nil {
			t.Fatal(err)
		}
	}
	for n, v := range strs {
		if err := k.SetExpandStringValue(n, v); err != nil {
			t.Fatal(err)
		}
	}
}

// System on the real registry: HKLM's values win, HKCU adds what HKLM does
// not set, REG_EXPAND_SZ is expanded, a bad value reads strictly. It
// writes HKLM and HKCU, so it runs only where asked (under Wine, by
// scripts/itest-winpolicy.sh).
func TestSystemReadsTheRegistry(t *testing.T) {
	if os.Getenv("AUTHDESK_TEST_REGISTRY") != "1" {
		t.Skip("writes Software\\Policies\\authdesk in HKLM and HKCU: run by scripts/itest-winpolicy.sh under Wine")
	}
	if p, err := System(); err != nil || p.Enforces() {
		t.Fatalf("no keys yet: %+v %v", p, err)
	}
	setValues(t, registry.LOCAL_MACHINE, map[string]uint32{"lock_after_seconds": 60, "allow_cleartext_export": 0}, nil)
	setValues(t, registry.CURRENT_USER, map[string]uint32{"lock_after_seconds": 3600, "allow_import": 0},
		map[string]string{"home": `%SystemRoot%\authdesk-profiles`})
	p, err := System()
	if err != nil {
		t.Fatal(err)
	}
	root := os.Getenv("SystemRoot")
	if p.LockAfter != time.Minute || !p.NoCleartextExport || !p.NoImport || !strings.EqualFold(p.Home, root+`\authdesk-profiles`) {
		t.Errorf("System() = %+v", p)
	}
	if p.Source != `HKLM\Software\Policies\authdesk and HKCU\Software\Policies\authdesk` {
		t.Errorf("source %q", p.Source)
	}
	if err := p.CheckExport("uris"); err == nil || !strings.Contains(err.Error(), `allow_cleartext_export is false in HKLM\Software\Policies\authdesk`) {
		t.Errorf("CheckExport: %v", err)
	}
	// A switch of 7: read strictly, reported in one line.
	setValues(t, registry.CURRENT_USER, map[string]uint32{"hide_codes": 7}, nil)
	p, err = System()
	if !errors.Is(err, ErrBadPolicy) || strings.Contains(err.Error(), "\n") || !p.HideCodes {
		t.Errorf("a DWORD of 7 for hide_codes: %+v %v", p, err)
	}
}
