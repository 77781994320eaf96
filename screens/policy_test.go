package screens

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"authdesk/app/policy"
)

// withPolicy gives the harness's UI the policy of a JSON file, as
// /etc/authdesk/policy.json would.
func (h *harness) withPolicy(js string) {
	h.t.Helper()
	path := filepath.Join(h.t.TempDir(), "policy.json")
	if err := os.WriteFile(path, []byte(js), 0o600); err != nil {
		h.t.Fatal(err)
	}
	p, err := policy.Load(path)
	if err != nil {
		h.t.Fatal(err)
	}
	h.ui.deps.Policy = &p
}

func (h *harness) selects() []*widget.Select {
	var out []*widget.Select
	for _, r := range h.roots() {
		walk(r, func(o fyne.CanvasObject) bool {
			if s, ok := o.(*widget.Select); ok {
				out = append(out, s)
			}
			return false
		})
	}
	return out
}

// A 60 s lock, hidden codes and no clear-text export or import enforced:
// Settings cannot raise the lock time (even through the kiosk preset),
// shows what is enforced as set by the organization, disabled, and the
// export screen offers only the encrypted backup.
func TestSettingsUnderPolicy(t *testing.T) {
	h := newHarness(t)
	h.withPolicy(`{"lock_after_seconds": 60, "clipboard_clear_seconds": 20, "hide_codes": true, "allow_cleartext_export": false, "allow_import": false}`)
	h.setup("VPN")
	if st := h.ui.sess.Settings(); st.AutoLock != time.Minute || st.ClipboardClear != 20*time.Second || !st.HideCodes {
		t.Fatalf("settings of a new profile under the policy: %+v", st)
	}
	h.ui.showSettings()
	h.wantText("Lock after, at most 1 minute (set by your organization)")
	h.wantText("Clear copied codes after, at most 20 seconds (set by your organization)")
	sel := h.selects()
	if len(sel) < 2 {
		t.Fatalf("%d selects on the settings screen", len(sel))
	}
	if got := sel[0].Options; len(got) != 1 || got[0] != "1 minute" || sel[0].Selected != "1 minute" {
		t.Errorf("lock choices %q (selected %q): only 1 minute may be offered", got, sel[0].Selected)
	}
	if got := sel[1].Options; len(got) != 3 || got[2] != "20 seconds" {
		t.Errorf("clipboard choices %q, want 10 s, 15 s and the policy's 20 s", got)
	}
	hide := h.checkbox("Hide codes until clicked (set by your organization)")
	if !hide.Checked || !hide.Disabled() {
		t.Errorf("hide codes: checked %v disabled %v, want both", hide.Checked, hide.Disabled())
	}
	if blur := h.checkbox("Lock when the window loses focus"); blur.Disabled() {
		t.Error("a setting the policy leaves alone is disabled")
	}
	if b := h.button("Import is off (set by your organization)"); !b.Disabled() {
		t.Error("the import button is enabled although the policy forbids imports")
	}
	// A stricter choice is kept; the kiosk preset cannot loosen anything.
	sel[1].SetSelected("10 seconds")
	if got := h.ui.sess.Settings().ClipboardClear; got != 10*time.Second {
		t.Errorf("a stricter clipboard time was not kept: %v", got)
	}
	h.tap("Use kiosk settings (shared PC)")
	if st := h.ui.sess.Settings(); st.AutoLock != time.Minute || st.ClipboardClear > 20*time.Second {
		t.Errorf("after the kiosk preset: %+v", st)
	}

	h.ui.showExport()
	h.wantText("does not allow exporting keys in the clear")
	for _, l := range []string{"Plain otpauth links (keys in the clear)…", "To a phone: Google Authenticator QR codes…"} {
		if !h.button(l).Disabled() {
			t.Errorf("%q is enabled under the policy", l)
		}
	}
	if h.button("Encrypted backup (to move to a new PC)…").Disabled() {
		t.Error("the encrypted backup is disabled")
	}
	h.tap("Back to codes")
	h.ui.importFile(filepath.Join(h.home, "any.txt"), nil)
	h.wantText("Your organization does not allow imports.")
}
