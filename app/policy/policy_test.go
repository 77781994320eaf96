package policy

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"authdesk/app/settings"
)

func boolp(b bool) *bool { return &b }

func TestLoad(t *testing.T) {
	strict := Strictest()
	tests := []struct {
		file    string
		want    Policy
		wantErr string // part of the one-line error; "" for none
	}{
		{"missing.json", Policy{}, ""},
		{"kiosk.json", Policy{
			LockAfter: time.Minute, ClipboardClear: 15 * time.Second, HideCodes: true, LockOnFocusLoss: true,
			NoCleartextExport: true, NoImport: true, Home: "/srv/authdesk/profiles", TimeServer: "ntp.example.org",
			ClockCheck: boolp(true), PasswordMinLength: 12,
		}, ""},
		{"truncated.json", strict, "is not a JSON object; the strictest settings apply"},
		{"badvalues.json", Policy{
			LockAfter: strict.LockAfter, ClipboardClear: strict.ClipboardClear, NoImport: true, PasswordMinLength: 8,
		}, "allow_import must be true or false (1 or 0); clipboard_clear_seconds must be a whole number of seconds from 5 to 600; lock_after_seconds must be"},
		{"unknown.json", Policy{LockAfter: 2 * time.Minute}, "disable_everything is not a policy authdesk knows"},
		{"allowing.json", Policy{ClockCheck: boolp(false)}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("testdata", tt.file)
			got, err := Load(path)
			if tt.wantErr == "" && err != nil {
				t.Fatalf("Load: %v", err)
			}
			if tt.wantErr != "" {
				if err == nil || !errors.Is(err, ErrBadPolicy) || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Load error = %v, want ErrBadPolicy with %q", err, tt.wantErr)
				}
				if strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), path) {
					t.Errorf("error is not one line naming the file: %q", err)
				}
			}
			if tt.file != "missing.json" {
				tt.want.Source = path
			}
			if !samePolicy(got, tt.want) {
				t.Errorf("Load = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func samePolicy(a, b Policy) bool {
	if (a.ClockCheck == nil) != (b.ClockCheck == nil) || a.ClockCheck != nil && *a.ClockCheck != *b.ClockCheck {
		return false
	}
	a.ClockCheck, b.ClockCheck = nil, nil
	return a == b
}

func TestLoadUnreadableIsStrictest(t *testing.T) {
	if runtime.GOOS == "windows" || os.Geteuid() == 0 {
		t.Skip("root reads any file")
	}
	path := filepath.Join(t.TempDir(), "policy.json")
	if err := os.WriteFile(path, []byte(`{}`), 0o000); err != nil {
		t.Fatal(err)
	}
	got, err := Load(path)
	if !errors.Is(err, ErrBadPolicy) {
		t.Fatalf("Load of an unreadable file: %v", err)
	}
	if !got.NoCleartextExport || got.LockAfter != minLock || got.PasswordMinLength != strictPwLen {
		t.Errorf("unreadable policy gave %+v, want the strictest", got)
	}
}

// Registry values as x/sys/windows/registry returns them (DWORDs as
// uint64, strings): the same names and readings as the JSON file.
func TestFromRegistryValues(t *testing.T) {
	got, err := fromValues(map[string]any{
		"lock_after_seconds":     uint64(60),
		"allow_cleartext_export": uint64(0),
		"hide_codes":             uint64(1),
		"home":                   `/srv/profiles`,
	}, `HKLM\Software\Policies\authdesk`)
	if err != nil {
		t.Fatal(err)
	}
	want := Policy{LockAfter: time.Minute, NoCleartextExport: true, HideCodes: true, Home: "/srv/profiles", Source: `HKLM\Software\Policies\authdesk`}
	if !samePolicy(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
	// A DWORD of 2 for a switch, a string for a number, a binary value:
	// each read strictly, all reported in one line.
	got, err = fromValues(map[string]any{
		"allow_import":        uint64(2),
		"lock_after_seconds":  "60",
		"password_min_length": "registry value of type 3",
	}, `HKCU\Software\Policies\authdesk`)
	if !errors.Is(err, ErrBadPolicy) || strings.Count(err.Error(), "must be") != 3 {
		t.Fatalf("err = %v", err)
	}
	if !got.NoImport || got.LockAfter != minLock || got.PasswordMinLength != strictPwLen {
		t.Errorf("bad registry values read as %+v, want the strictest", got)
	}
}

func TestClamp(t *testing.T) {
	p, err := Load(filepath.Join("testdata", "kiosk.json"))
	if err != nil {
		t.Fatal(err)
	}
	loose := settings.Defaults() // 5 min lock, 30 s clipboard, nothing hidden
	loose.ClockCheck = false
	got := p.Clamp(loose)
	if got.AutoLock != time.Minute || got.ClipboardClear != 15*time.Second || !got.HideCodes || !got.LockOnBlur ||
		!got.ClockCheck || got.ClockServer != "ntp.example.org" {
		t.Errorf("Clamp(defaults) = %+v", got)
	}
	if err := got.Validate(); err != nil {
		t.Errorf("clamped settings do not validate: %v", err)
	}
	// Stricter choices stay.
	strict := settings.Kiosk()
	strict.AutoLock, strict.ClipboardClear = 30*time.Second, 5*time.Second
	if got := p.Clamp(strict); got.AutoLock != 30*time.Second || got.ClipboardClear != 5*time.Second {
		t.Errorf("Clamp loosened stricter choices: %+v", got)
	}
	// No policy: nothing changes.
	if got := (Policy{}).Clamp(loose); got != loose {
		t.Errorf("the zero policy changed the settings: %+v", got)
	}
	// The strictest policy keeps settings valid.
	if err := Strictest().Clamp(settings.Defaults()).Validate(); err != nil {
		t.Errorf("Strictest().Clamp gives invalid settings: %v", err)
	}
}

func TestChecks(t *testing.T) {
	p, _ := Load(filepath.Join("testdata", "kiosk.json"))
	for _, f := range []string{"uris", "google", "URIS"} {
		err := p.CheckExport(f)
		if !errors.Is(err, ErrForbidden) || !strings.Contains(err.Error(), "allow_cleartext_export") {
			t.Errorf("CheckExport(%s) = %v", f, err)
		}
	}
	if err := p.CheckExport("authdesk"); err != nil {
		t.Errorf("encrypted backup refused: %v", err)
	}
	if err := p.CheckImport(); !errors.Is(err, ErrForbidden) || !strings.Contains(err.Error(), "allow_import") {
		t.Errorf("CheckImport = %v", err)
	}
	if err := p.CheckPassword([]byte("elevenchars")); !errors.Is(err, ErrForbidden) || !strings.Contains(err.Error(), "12 characters") {
		t.Errorf("CheckPassword(11) = %v", err)
	}
	if err := p.CheckPassword([]byte("twelve chars")); err != nil {
		t.Errorf("CheckPassword(12) = %v", err)
	}
	var none Policy
	if none.CheckExport("uris") != nil || none.CheckImport() != nil || none.CheckPassword([]byte("x")) != nil || none.Enforces() {
		t.Error("the zero policy forbids something")
	}
}
