package screens

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"authdesk/app/exchange"
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
