package screens

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"authdesk/app/exchange"
	"authdesk/otpcore/importer"
)

// An encrypted Aegis export: the password is asked, the preview lists the
// 7 accounts, one unticked stays out, the rest land in the list.
func TestImportEncryptedAegisExport(t *testing.T) {
	h := newHarness(t)
	h.setup("VPN")
	h.ui.importFile("testdata/Aegis__aegis_encrypted.json", nil)
	h.wantText("Type the password of this export")
	test.Type(h.win.Canvas().Focused().(*widgetEntry), "wrong")
	h.tap("OK")
	h.wantText("Wrong password for this export. Try again:")
	test.Type(h.win.Canvas().Focused().(*widgetEntry), "test") // the fixture's password (expected.json)
	h.tap("OK")
	h.wantText("Import from Aegis vault (JSON, plain or encrypted): 7 accounts")
	test.Tap(h.checkbox("Deno: Mason"))
	h.tap("Import the ticked accounts")
	for i := 0; i < 400 && !h.has("Imported "); i++ {
		time.Sleep(5 * time.Millisecond)
	}
	h.wantText("Imported 6 accounts (0 renamed, 0 already there, 0 failed).")
	names := strings.Join(h.ui.codes.entryNames(), "|")
	if strings.Contains(names, "Deno") || !strings.Contains(names, "Boeing") {
		t.Fatalf("vault after import: %s", names)
	}
	// The same file again: everything is already there.
	h.ui.importFile("testdata/Aegis__plain.txt", nil)
	h.wantText("already in the vault as")
}

// Export: the password is asked again; the backup opens with it and holds
// the accounts.
func TestExportBackup(t *testing.T) {
	h := newHarness(t)
	h.setup("VPN", "Mail")
	h.ui.showExport()
	h.wantText("Encrypted backup (to move to a new PC)…")
	path := filepath.Join(t.TempDir(), "b.authdesk")
	pw := []byte(testPW)
	h.ui.exportBackup(path, pw, h.labelWithText(""))
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	res, err := exchange.ReadFile(path, "", []byte(testPW))
	if err != nil {
		t.Fatalf("the backup does not open: %v", err)
	}
	defer res.Wipe()
	if len(res.Accounts) != 2 || res.Accounts[0].Name != "VPN" || res.Accounts[1].Name != "Mail" {
		t.Fatalf("backup holds %d accounts", len(res.Accounts))
	}
	if strings.Contains(string(raw), "HIWNBLBB") || strings.Contains(string(raw), "VPN") {
		t.Fatal("the backup holds a key or a name in the clear")
	}
	// The phone codes: one batch for two accounts.
	h.ui.showPhoneQR(0)
	h.wantText("Code 1 of 1. On the phone: Google Authenticator")
}

// focusedEntry is the entry that has the keyboard focus (a dialog's).
func (h *harness) focusedEntry() *widget.Entry {
	h.t.Helper()
	e, ok := h.win.Canvas().Focused().(*widget.Entry)
	if !ok {
		h.t.Fatalf("no entry has the focus; screen says: %s", h.text())
	}
	return e
}

func pressEnter(e *widget.Entry) { e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) }

// "Confirm it is you": Enter submits the password that was typed (the
// dialog used to clear the entry before reading it, and so submitted an
// empty password).
func TestConfirmPasswordEnterSubmitsTyped(t *testing.T) {
	h := newHarness(t)
	h.setup("VPN")
	var got []string
	h.ui.confirmPassword(func(pw []byte) { got = append(got, string(pw)); wipe(pw) })
	h.wantText("Type your password to export your keys:")
	e := h.focusedEntry()
	test.Type(e, testPW)
	pressEnter(e)
	if len(got) != 1 || got[0] != testPW {
		t.Fatalf("the export got %d passwords, want the typed one once", len(got))
	}
	if h.has("Type your password to export") || h.has("wrong password") {
		t.Fatalf("the dialog is still up or an error shows: %s", h.text())
	}
}

// An empty password (Enter or OK with nothing typed) is refused in the
// dialog and tried nowhere: after more empty tries than the vault allows
// wrong ones, the right password still opens at once, with no wait.
func TestConfirmPasswordRefusesEmpty(t *testing.T) {
	h := newHarness(t)
	h.setup("VPN")
	var got []string
	h.ui.confirmPassword(func(pw []byte) { got = append(got, string(pw)); wipe(pw) })
	for i := 0; i < 7; i++ {
		pressEnter(h.focusedEntry())
	}
	h.tap("OK")
	h.wantText("Type the password first.")
	h.wantText("Type your password to export your keys:")
	if len(got) != 0 || h.has("wrong password") || h.has("too many") {
		t.Fatalf("an empty password went through (%d) or counted: %s", len(got), h.text())
	}
	e := h.focusedEntry()
	test.Type(e, testPW)
	pressEnter(e)
	if len(got) != 1 || got[0] != testPW {
		t.Fatalf("after empty tries the right password did not go through: %s", h.text())
	}
}

// Opening an encrypted export shows "Opening the export…" with a Cancel
// button while its key is derived (off the UI goroutine in the app); a
// Cancel pressed meanwhile throws the result away, its keys wiped, and no
// preview shows.
func TestImportCancelWhileOpening(t *testing.T) {
	h := newHarness(t)
	h.setup("VPN")
	orig := readExport
	t.Cleanup(func() { readExport = orig })
	var keys [][]byte
	readExport = func(path string, f importer.Format, pw []byte) (importer.Result, error) {
		h.wantText("Opening the export…")
		res, err := orig(path, f, pw)
		keys = secretsOf(res)
		h.tap("Cancel") // the person gives up while the key is derived
		return res, err
	}
	h.ui.importFile("testdata/Aegis__aegis_encrypted.json", []byte("test"))
	if len(keys) != 7 {
		t.Fatalf("the export opened with %d keys, want 7", len(keys))
	}
	if h.has("Import from") || h.has("Opening the export") || h.ui.transfer != nil {
		t.Fatalf("a cancelled import goes on: %s", h.text())
	}
	for i, k := range keys {
		if !allZero(k) {
			t.Fatalf("key %d of a cancelled import is still in memory", i)
		}
	}
}

// The import preview holds decrypted accounts: the idle lock wipes them
// and shows the lock screen.
func TestIdleLockWipesImportPreview(t *testing.T) {
	h := newHarness(t)
	h.setup("VPN")
	h.ui.importFile("testdata/Aegis__aegis_encrypted.json", []byte("test"))
	h.wantText("Import from Aegis vault")
	if h.ui.transfer == nil || h.ui.transfer.res == nil {
		t.Fatal("the preview keeps no state to wipe")
	}
	keys := secretsOf(*h.ui.transfer.res)
	if len(keys) != 7 || allZero(keys[0]) {
		t.Fatalf("the preview holds %d keys", len(keys))
	}
	h.clock.advance(time.Hour)
	if !h.ui.sess.Tick(h.clock.now()) {
		t.Fatal("an hour without input did not lock")
	}
	h.wantText("authdesk is locked")
	for i, k := range keys {
		if !allZero(k) {
			t.Fatalf("key %d of the preview outlived the idle lock", i)
		}
	}
	if h.ui.transfer != nil {
		t.Fatal("the import state outlived the lock")
	}
}

// secretsOf keeps the key bytes of every account (Wipe zeroes them, then
// lets go of them).
func secretsOf(r importer.Result) [][]byte {
	var out [][]byte
	for _, e := range r.Accounts {
		out = append(out, e.Account.Secret)
	}
	return out
}

// allZero: b holds bytes, all zero.
func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return len(b) > 0
}
