package settings_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"authdesk/app/session"
	"authdesk/app/settings"
	"authdesk/app/vault"
	"authdesk/app/vault/seal"
	"authdesk/app/vault/store"
)

var t0 = time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)

func newVault(t *testing.T) (*vault.Vault, vault.Options) {
	t.Helper()
	opts := vault.Options{Home: t.TempDir(), Profile: "kiosk", KDF: seal.Cheap, Backend: store.NewMemory()}
	v, err := vault.Open(opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Init([]byte("pw"), t0); err != nil {
		t.Fatal(err)
	}
	return v, opts
}

type clip struct{ s string }

func (c *clip) Content() string     { return c.s }
func (c *clip) SetContent(s string) { c.s = s }

// A kiosk profile stays strict whatever is done to settings.json: deleted,
// or replaced by one with the loosest values.
func TestKioskSettingsSurviveTheirFile(t *testing.T) {
	loose := `{"auto_lock": 86400000000000, "clipboard_clear": 600000000000, "hide_codes": false, "lock_on_blur": false, "theme": "dark", "clock_check": false}`
	for name, tamper := range map[string]func(path string) error{
		"deleted":  os.Remove,
		"loosened": func(p string) error { return os.WriteFile(p, []byte(loose), 0o600) },
	} {
		t.Run(name, func(t *testing.T) {
			v, opts := newVault(t)
			if err := settings.SaveSealed(v, settings.Kiosk()); err != nil {
				t.Fatal(err)
			}
			v.Lock()
			if err := tamper(filepath.Join(v.Dir(), settings.FileName)); err != nil {
				t.Fatal(err)
			}
			// The app as it starts: the plain copy before the unlock, the
			// sealed one after.
			v2, err := vault.Open(opts)
			if err != nil {
				t.Fatal(err)
			}
			before, _ := settings.Load(v2.Dir())
			s := session.New(v2, &clip{}, before)
			if err := s.Unlock([]byte("pw"), t0); err != nil {
				t.Fatal(err)
			}
			if got := s.Settings(); got != settings.Kiosk() {
				t.Fatalf("after unlock the settings are %+v, want the kiosk ones", got)
			}
			// The plain copy is repaired for the next lock screen.
			if plain, err := settings.Load(v2.Dir()); err != nil || plain != settings.Kiosk() {
				t.Fatalf("plain copy after unlock: %+v, %v", plain, err)
			}
		})
	}
}

// A vault made before settings were sealed adopts its settings.json once;
// later edits of the file change nothing.
func TestPlainSettingsAreAdoptedOnce(t *testing.T) {
	v, _ := newVault(t)
	if err := settings.Save(v.Dir(), settings.Kiosk()); err != nil {
		t.Fatal(err)
	}
	got, err := settings.LoadSealed(v)
	if err != nil || got != settings.Kiosk() {
		t.Fatalf("first LoadSealed: %+v, %v", got, err)
	}
	if err := settings.Save(v.Dir(), settings.Defaults()); err != nil {
		t.Fatal(err)
	}
	if got, _ := settings.LoadSealed(v); got != settings.Kiosk() {
		t.Fatalf("an edited settings.json was taken: %+v", got)
	}
}

func TestClockCorrectionIsBounded(t *testing.T) {
	for _, d := range []time.Duration{24 * time.Hour, -2 * time.Hour, settings.MaxCorrection + time.Second} {
		s := settings.Defaults()
		s.ClockCorrection = d
		if err := s.Validate(); err == nil {
			t.Errorf("a correction of %v is accepted", d)
		}
	}
	s := settings.Defaults()
	s.ClockCorrection = -42 * time.Second
	if err := s.Validate(); err != nil {
		t.Errorf("a correction of -42 s is refused: %v", err)
	}
}
