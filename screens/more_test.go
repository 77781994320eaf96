package screens

import (
	"fmt"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"authdesk/app/scan"
	"authdesk/app/vault"
	"authdesk/app/vault/seal"
	"authdesk/app/vault/store"
	"authdesk/otpcore"
)

// noKeychain opens profiles whose keychain does not answer, unless the
// file store is asked for: then a real file store under home.
type noKeychain struct{ home string }

func (p noKeychain) List() ([]string, error) { return vault.Profiles(p.home) }
func (p noKeychain) Open(name string, kind vault.StoreKind) (Vault, error) {
	o := vault.Options{Home: p.home, Profile: name, Store: kind, KDF: seal.Cheap}
	if kind != vault.StoreFile {
		m := store.NewMemory()
		m.Fail = func(string, string) error {
			return fmt.Errorf("%w: no Secret Service on the session bus", store.ErrNoService)
		}
		o.Backend = m
	}
	return vault.Open(o)
}

func TestNoKeychainOffersTheFileStore(t *testing.T) {
	h := newHarness(t)
	h.ui.deps.Profiles = noKeychain{home: h.home}
	test.Type(h.entry("your name, e.g. alice (or leave empty)"), "kiosk1")
	test.Type(h.entry("at least 8 characters"), testPW)
	test.Type(h.entry("the same again"), testPW)
	h.tap("Create profile")
	h.wantText("The system keychain did not answer")
	h.wantText("Keep your sealed keys in files in the profile folder instead?")
	h.tap("Yes")
	h.wantText("No devices yet.")
	h.wantText("Your sealed keys are kept in files in")
	if h.ui.vault.StoreKind() != vault.StoreFile {
		t.Fatalf("store %s, want file", h.ui.vault.StoreKind())
	}
}

func TestBackoffCountdownAndProfiles(t *testing.T) {
	h := newHarness(t)
	h.createProfile("ann", testPW)
	h.shortcut(fyne.KeyL)
	// A second profile, made from the lock screen.
	h.tap("New profile…")
	h.createProfile("ben", "another-password-2")
	h.shortcut(fyne.KeyL)
	h.wantText("authdesk is locked")
	if h.ui.profile != "ben" {
		t.Fatalf("profile %q after creating ben", h.ui.profile)
	}
	// Five wrong passwords, then a wait shown as a countdown.
	for i := 0; i < 6; i++ {
		test.Type(h.entry("Password"), "nope-nope")
		h.tap("Unlock")
	}
	h.wantText("wait")
	h.ui.Tick()
	h.wantText("Too many wrong passwords. Try again in")
	if !h.button("Unlock").Disabled() {
		t.Fatal("Unlock is enabled during the wait")
	}
	h.clock.advance(16 * time.Minute)
	h.ui.Tick()
	h.wantText("You can try again now.")
	test.Type(h.entry("Password"), "another-password-2")
	h.tap("Unlock")
	h.wantText("No devices yet.")
}

func TestDetailsNeedThePasswordAgain(t *testing.T) {
	h := newHarness(t)
	h.setup("VPN")
	c := h.ui.codes
	c.details(c.entries[0])
	h.wantText("SHA1")
	h.wantText("30 s")
	h.tap("Show the key and a QR code for a phone…")
	h.wantText("Enter your password to show it.")
	test.Type(h.entry(""), "wrong-password")
	h.tap("Show")
	h.wantText("Wrong password; check it and try again")
	if h.has("HIWN BLBB") {
		t.Fatal("the key is shown after a wrong password")
	}
	for top := h.win.Canvas().Overlays().Top(); top != nil; top = h.win.Canvas().Overlays().Top() {
		h.win.Canvas().Overlays().Remove(top)
	}
	c.revealKey(c.entries[0])
	test.Type(h.entry(""), testPW)
	h.tap("Show")
	// The portal's 31-character key holds 19 bytes and 3 spare bits; the
	// canonical Base32 of those bytes ends in Q (the same key, same codes).
	h.wantText("HIWN BLBB TMBV 6H5H JTJH AEOS FPLE ERQ")
	h.wantText("Scan it with the phone's authenticator app:")
}

func TestDroppedImageAndGoogleExport(t *testing.T) {
	h := newHarness(t)
	h.setup("VPN")
	b, err := otpcore.ParseMigration("otpauth-migration://offline?data=CjMKCkhlbGxvId6tvu8SGFRlc3QxOnRlc3QxQGV4YW1wbGUxLmNvbRoFVGVzdDEgASgBMAIKMwoKSGVsbG8h3q2%2B8BIYVGVzdDI6dGVzdDJAZXhhbXBsZTIuY29tGgVUZXN0MiABKAEwAgozCgpIZWxsbyHerb7xEhhUZXN0Mzp0ZXN0M0BleGFtcGxlMy5jb20aBVRlc3QzIAEoATACEAEYASAAKI3orYEE")
	if err != nil {
		t.Fatal(err)
	}
	h.scan.found = []scan.Found{{Kind: otpcore.KindMigration, Accounts: b.Accounts}}
	// Dropping a picture on the list starts the wizard with it.
	h.ui.onDropped(fyne.NewPos(1, 1), []fyne.URI{storage.NewFileURI("/tmp/export.png")})
	h.wantText("step 1 of 4")
	test.Type(h.entry("e.g. work PC"), "phone export")
	h.tap("Next")
	h.wantText("3 keys were found")
	h.selectTab("Import several")
	for _, l := range []string{"1. Test1: test1@example1.com", "3. Test3: test3@example3.com"} {
		h.checkGroupSelect(l)
	}
	h.tap("Import the checked accounts")
	h.wantText("Imported 2 accounts.")
	h.wantNames("VPN", "Test1: test1@example1.com", "Test3: test3@example3.com")
}

func TestNameTakenAtSaveAsksAnother(t *testing.T) {
	h := newHarness(t)
	h.setup("VPN")
	h.addByKey("laptop", testKey)
	// Meanwhile another window (or the CLI) saved a device named "laptop".
	acc, _ := otpcore.ParseURI("otpauth://totp/x?secret=JBSWY3DPEHPK3PXP")
	if _, err := h.ui.vault.Add("Laptop", acc); err != nil {
		t.Fatal(err)
	}
	h.tap("Save device")
	h.wantText(`You already have a device named "laptop". Choose another name:`)
	name := h.win.Canvas().Focused().(*appEntry)
	name.SetText("laptop 2")
	h.tap("Save")
	h.wantText(`Saved "laptop 2"`)
	h.wantNames("VPN", "Laptop", "laptop 2")
}
