package session

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"authdesk/app/policy"
	"authdesk/app/settings"
)

// sealedVault keeps sealed settings like the real vault's index.
type sealedVault struct {
	fakeVault
	prefs []byte
	dir   string
}

func (v *sealedVault) Prefs() ([]byte, error)    { return v.prefs, nil }
func (v *sealedVault) SetPrefs(raw []byte) error { v.prefs = raw; return nil }
func (v *sealedVault) Dir() string               { return v.dir }

// A 60 s lock and a 15 s clipboard enforced by the policy file win over
// the looser sealed settings at unlock, and the session locks at 60 s.
func TestUnlockClampsToPolicy(t *testing.T) {
	dir := t.TempDir()
	pfile := filepath.Join(dir, "policy.json")
	if err := os.WriteFile(pfile, []byte(`{"lock_after_seconds": 60, "clipboard_clear_seconds": 15, "hide_codes": true}`), 0o600); err != nil {
		t.Fatal(err)
	}
	pol, err := policy.Load(pfile)
	if err != nil {
		t.Fatal(err)
	}
	loose := settings.Defaults()
	loose.AutoLock = time.Hour
	raw, _ := json.Marshal(loose)
	v := &sealedVault{fakeVault: fakeVault{locked: true, pw: "pw"}, prefs: raw, dir: dir}
	s := New(v, &fakeClip{}, settings.Defaults())
	s.SetPolicy(pol)
	t0 := time.Unix(1_800_000_000, 0)
	if err := s.Unlock([]byte("pw"), t0); err != nil {
		t.Fatal(err)
	}
	got := s.Settings()
	if got.AutoLock != time.Minute || got.ClipboardClear != 15*time.Second || !got.HideCodes {
		t.Fatalf("settings after unlock = %+v, want the policy's 60 s / 15 s / hidden", got)
	}
	s.Tick(t0.Add(59 * time.Second))
	if s.State() != Unlocked {
		t.Fatal("locked before the enforced 60 s")
	}
	s.Tick(t0.Add(60 * time.Second))
	if s.State() != Locked {
		t.Fatal("not locked after the enforced 60 s although the profile says an hour")
	}
}
