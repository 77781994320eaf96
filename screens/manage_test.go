package screens

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"authdesk/app/scan"
	"authdesk/otpcore"
)

func (h *harness) setup(names ...string) {
	h.t.Helper()
	h.createProfile("bob", testPW)
	for _, n := range names {
		h.addByKey(n, testKey)
		h.tap("Save device")
	}
}

func (h *harness) wantNames(want ...string) {
	h.t.Helper()
	if got := h.names(); strings.Join(got, "|") != strings.Join(want, "|") {
		h.t.Fatalf("list shows %q, want %q", got, want)
	}
}

func (h *harness) entryID(name string) string {
	for _, e := range h.ui.codes.entries {
		if e.Name == name {
			return e.ID
		}
	}
	h.t.Fatalf("no entry %q", name)
	return ""
}

func TestSearchPinReorder(t *testing.T) {
	h := newHarness(t)
	h.setup("Bank token", "VPN", "webmail")
	h.wantNames("Bank token", "VPN", "webmail")

	// Typing on the list searches names (and issuers), case-insensitively.
	h.win.Canvas().Unfocus()
	test.TypeOnCanvas(h.win.Canvas(), "vp")
	h.wantNames("VPN")
	test.Type(h.ui.codes.search, "x")
	h.wantNames()
	h.ui.codes.search.SetText("")
	h.wantNames("Bank token", "VPN", "webmail")

	// Pin webmail: it goes on top; move VPN up.
	c := h.ui.codes
	c.setPinned(c.entries[2], true)
	h.wantNames("webmail", "Bank token", "VPN")
	c.move(c.entries[2], -1)
	h.wantNames("webmail", "VPN", "Bank token")
}

func TestRenameAndDelete(t *testing.T) {
	h := newHarness(t)
	h.setup("Bank token", "VPN")
	c := h.ui.codes
	c.rename(c.entries[1])
	name := h.win.Canvas().Focused().(*appEntry)
	name.SetText("bank token") // a duplicate, whatever the case
	h.tap("Rename")
	h.wantText("exists already")
	h.wantNames("Bank token", "VPN")
	name.SetText("Office VPN")
	h.tap("Rename")
	h.wantNames("Bank token", "Office VPN")
	h.wantText(`Renamed "VPN" to "Office VPN"`)

	c.confirmDelete(c.entries[0])
	h.wantText("Delete Bank token from this profile?")
	h.tap("No")
	h.wantNames("Bank token", "Office VPN")
	c.confirmDelete(c.entries[0])
	h.tap("Yes")
	h.wantNames("Office VPN")
	h.wantText(`Deleted "Bank token"`)
}

func TestHideCodesAndKeyboardCopy(t *testing.T) {
	h := newHarness(t)
	h.setup("VPN", "Mail")
	h.ui.showSettings()
	h.wantText("Settings")
	test.Tap(h.checkbox("Hide codes until clicked"))
	h.tap("Back to codes")
	code := wantCode(t, testKey, h.clock.t)
	if h.has(code) {
		t.Fatalf("a hidden code is shown: %s", h.text())
	}
	h.wantText("••• •••")
	// Arrow down then Enter copies (and reveals) the first code.
	h.win.Canvas().Unfocus()
	h.key(fyne.KeyDown)
	h.key(fyne.KeyReturn)
	if got := h.app.Clipboard().Content(); got != strings.ReplaceAll(code, " ", "") {
		t.Fatalf("clipboard %q after Enter", got)
	}
	if got := h.rows()[0].code.Text; got != code {
		t.Fatalf("the copied code is not revealed: %q", got)
	}
	if got := h.rows()[1].code.Text; got != "••• •••" {
		t.Fatalf("the other code is revealed: %q", got)
	}
	// Ctrl+L locks and clears the copied code from the clipboard.
	h.shortcut(fyne.KeyL)
	h.wantText("authdesk is locked")
	if h.app.Clipboard().Content() != "" {
		t.Fatal("locking left the code on the clipboard")
	}
}

func TestHOTPNextKeepsCounter(t *testing.T) {
	h := newHarness(t)
	h.createProfile("carol", testPW)
	h.tap("Add device")
	test.Type(h.entry("e.g. work PC"), "token")
	h.tap("Next")
	h.tap("Paste an otpauth link")
	test.Type(h.entry("otpauth://totp/…"), "otpauth://hotp/Corp:carol?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=5")
	h.tap("Next")
	h.wantText("254 676") // RFC 4226 counter 5
	h.tap("Save device")
	h.wantText("#5")
	test.Tap(h.rows()[0].hotpBtn)
	h.wantText("287 922") // counter 6
	h.wantText("#6")
	// The counter survives a lock.
	h.shortcut(fyne.KeyL)
	test.Type(h.entry("Password"), testPW)
	h.tap("Unlock")
	h.wantText("287 922")
}

func TestScanScreenChoices(t *testing.T) {
	h := newHarness(t)
	h.createProfile("dave", testPW)
	start := func() {
		h.tap("Add device")
		test.Type(h.entry("e.g. work PC"), "laptop")
		h.tap("Next")
		test.Tap(h.checkbox(fmt.Sprintf("Move this window out of the way for %d seconds first", int(scanDelay/time.Second))))
	}
	wait := func() {
		for i := 0; i < 400 && h.has("Searching every screen"); i++ {
			time.Sleep(5 * time.Millisecond)
		}
	}
	// Nothing found: the message counts the screens and says what to do.
	h.scan.report = scan.Report{Screens: 2}
	start()
	h.tap("Scan my screen")
	wait()
	h.wantText("No QR code found on 2 screens. Is the portal window visible")

	// A web link: its hint.
	_, kind, err := otpcore.ParsePayload("https://portal.example/help")
	h.scan.found = []scan.Found{{Text: "https://portal.example/help", Kind: kind, Err: err, Hint: kind.Hint()}}
	h.scan.calls = 0
	h.tap("Scan my screen")
	wait()
	h.wantText("web link, not an authenticator key")

	// Two keys on screen: choose one.
	a1, _ := otpcore.ParseURI("otpauth://totp/Bank:dave?secret=" + testKey)
	a2, _ := otpcore.ParseURI("otpauth://totp/Mail:dave?secret=JBSWY3DPEHPK3PXP")
	h.scan.found = []scan.Found{{Accounts: []otpcore.Account{a1}}, {Accounts: []otpcore.Account{a2}}}
	h.scan.calls = 0
	h.tap("Scan my screen")
	wait()
	h.wantText("2 keys were found")
	h.tap("Use this one")
	h.wantText("Device: laptop (key for Bank: dave)")
	h.wantText(wantCode(t, testKey, h.clock.t))
	h.tap("Save device")
	h.wantNames("laptop")
}

func TestDuplicateNameRefusedAtStepOne(t *testing.T) {
	h := newHarness(t)
	h.setup("VPN")
	h.tap("Add device")
	test.Type(h.entry("e.g. work PC"), "vpn")
	h.tap("Next")
	h.wantText(`You already have a device named "vpn"`)
	h.wantText("step 1 of 4")
}

func TestBadKeyMessage(t *testing.T) {
	h := newHarness(t)
	h.createProfile("erin", testPW)
	h.tap("Add device")
	test.Type(h.entry("e.g. work PC"), "x")
	h.tap("Next")
	h.tap("Enter the key")
	test.Type(h.entry("e.g. JBSW Y3DP EHPK 3PXP"), "JBSW Y3DP EHPK 3PX0")
	h.tap("Next")
	h.wantText("Bad secret key: character 16 is not Base32")
	for _, line := range strings.Split(h.text(), "\n") {
		if strings.Contains(line, "Bad secret key") && strings.Contains(line, "JBSW") {
			t.Fatalf("the message repeats the key: %q", line)
		}
	}
}

func TestKeyboardEscapeAndShortcutsFromSearch(t *testing.T) {
	h := newHarness(t)
	h.setup("VPN")
	// Ctrl+F focuses the search; Ctrl+N still opens the wizard from there.
	h.shortcut(fyne.KeyF)
	if h.win.Canvas().Focused() != h.ui.codes.search {
		t.Fatal("Ctrl+F did not focus the search")
	}
	h.ui.codes.search.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault})
	h.wantText("step 1 of 4")
	// Escape in the wizard (focus in the name entry) goes back to the list.
	h.win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	h.wantNames("VPN")
	// Escape closes a dialog.
	h.ui.codes.confirmDelete(h.ui.codes.entries[0])
	h.wantText("Delete VPN from this profile?")
	h.key(fyne.KeyEscape)
	if h.has("Delete VPN from this profile?") {
		t.Fatal("Escape left the dialog open")
	}
	h.wantNames("VPN")
	// Ctrl+, opens the settings, Escape comes back.
	h.shortcut(fyne.KeyComma)
	h.wantText("Clear copied codes after")
	h.key(fyne.KeyEscape)
	h.wantNames("VPN")
}

func TestRevealedCodeHidesAgain(t *testing.T) {
	h := newHarness(t)
	h.setup("VPN")
	st := h.ui.sess.Settings()
	st.HideCodes = true
	h.ui.sess.SetSettings(st)
	h.ui.codes.tick(h.clock.t)
	if got := h.rows()[0].code.Text; got != "••• •••" {
		t.Fatalf("hidden code shows %q", got)
	}
	test.Tap(h.rows()[0].copyBtn)
	if got := h.rows()[0].code.Text; got == "••• •••" {
		t.Fatal("a clicked code stays hidden")
	}
	h.clock.advance(st.ClipboardClear)
	h.ui.Tick()
	if got := h.rows()[0].code.Text; got != "••• •••" {
		t.Fatalf("the code is still shown after %v: %q", st.ClipboardClear, got)
	}
}
