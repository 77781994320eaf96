package screens

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"authdesk/app/scan"
	"authdesk/otpcore"
)

type fakeScanner struct {
	found  []scan.Found
	report scan.Report
	err    error
	calls  int
}

func (f *fakeScanner) Screens(context.Context) ([]scan.Found, scan.Report, error) {
	f.calls++
	return f.found, f.report, f.err
}
func (f *fakeScanner) File(string) ([]scan.Found, error) { f.calls++; return f.found, f.err }

const (
	testPW  = "Horse-battery-9"
	testKey = "HIWNBLBBTMBV6H5HJTJHAEOSFPLEERR" // a portal's 31-character key
)

func wantCode(t *testing.T, key string, at time.Time) string {
	t.Helper()
	sec, err := otpcore.DecodeBase32(key)
	if err != nil {
		t.Fatal(err)
	}
	c, err := otpcore.NewAccount(otpcore.TOTP, "", "", sec).Code(at)
	if err != nil {
		t.Fatal(err)
	}
	return otpcore.GroupCode(c)
}

// addByKey goes through the wizard with a typed key.
func (h *harness) addByKey(name, key string) {
	h.t.Helper()
	h.tap("Add device")
	h.wantText("step 1 of 4")
	test.Type(h.entry("e.g. work PC"), name)
	h.tap("Next")
	h.wantText("step 2 of 4")
	h.tap("Enter the key")
	test.Type(h.entry("e.g. JBSW Y3DP EHPK 3PXP"), key)
	h.tap("Next")
	h.wantText("step 3 of 4")
}

func TestFirstRunAddCopyLockUnlock(t *testing.T) {
	h := newHarness(t)
	h.createProfile("alice", testPW)
	h.wantText("No devices yet.")

	h.addByKey("work PC", strings.ToLower("hiwn-blbb tmbv 6h5h jtjh aeos fple err"))
	code := wantCode(t, testKey, h.clock.t)
	h.wantText(code)
	h.wantText("Type this code into the portal's \"Authentication Code\" field")
	h.tap("Save device")
	h.wantText(`Saved "work PC"`)
	h.wantText("work PC")
	h.wantText(code)

	// The timer: 25 s left at 14:00:05; in the last 5 s the next code shows.
	h.wantText("25 s")
	h.clock.advance(21 * time.Second)
	h.ui.Tick()
	h.wantText("4 s")
	h.wantText("next " + wantCode(t, testKey, h.clock.t.Add(30*time.Second)))

	// Copy, then the clipboard clears after 30 s.
	h.clock.advance(5 * time.Second) // 14:00:31, a new period
	h.ui.Tick()
	test.Tap(h.rows()[0].copyBtn)
	clip := h.app.Clipboard()
	cur := strings.ReplaceAll(wantCode(t, testKey, h.clock.t), " ", "")
	if clip.Content() != cur {
		t.Fatalf("clipboard %q, want the current code %q", clip.Content(), cur)
	}
	h.wantText("It clears from the clipboard in 30 s")
	h.clock.advance(29 * time.Second)
	h.ui.Tick()
	if clip.Content() != cur {
		t.Fatal("clipboard cleared before 30 s")
	}
	h.clock.advance(time.Second)
	h.ui.Tick()
	if clip.Content() != "" {
		t.Fatalf("clipboard still holds %q after 30 s", clip.Content())
	}

	// Auto-lock after 5 idle minutes.
	h.clock.advance(4 * time.Minute)
	h.ui.Tick()
	h.wantText("work PC")
	h.clock.advance(time.Minute)
	h.ui.Tick()
	h.wantText("authdesk is locked")
	h.wantText("Locked after a time without use.")
	if !h.ui.vault.Locked() {
		t.Fatal("the vault is still unlocked behind the lock screen")
	}

	// A wrong password is refused, the right one opens.
	test.Type(h.entry("Password"), "wrong password")
	h.tap("Unlock")
	h.wantText("wrong password")
	test.Type(h.entry("Password"), testPW)
	h.tap("Unlock")
	h.wantText("work PC")
	h.wantText(wantCode(t, testKey, h.clock.t))
}

// Locking zeroes the keys the screens hold: the list's entries and the key
// of a wizard in progress.
func TestLockWipesScreenKeys(t *testing.T) {
	h := newHarness(t)
	h.setup("VPN")
	zeroed := func(k []byte) bool {
		for _, b := range k {
			if b != 0 {
				return false
			}
		}
		return len(k) > 0
	}
	listKey := h.ui.codes.entries[0].Account.Secret
	if zeroed(listKey) {
		t.Fatal("no key to watch")
	}
	h.shortcut(fyne.KeyL)
	h.wantText("authdesk is locked")
	if !zeroed(listKey) {
		t.Fatal("the list's key survived the lock")
	}
	test.Type(h.entry("Password"), testPW)
	h.tap("Unlock")
	h.addByKey("laptop", testKey) // step 3, not saved
	wizKey := h.ui.wizard.acc.Secret
	h.shortcut(fyne.KeyL)
	if !zeroed(wizKey) {
		t.Fatal("the wizard's key survived the lock")
	}
}
