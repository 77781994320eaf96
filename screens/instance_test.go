package screens

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"authdesk/app/instance"
)

// A link handed over by a second start while the app is locked waits for
// the unlock; while unlocked it opens the wizard at once. Either way the
// link's bytes are wiped once used.
func TestLinkFromASecondStart(t *testing.T) {
	h := newHarness(t)
	h.createProfile("alice", testPW)
	h.shortcut(fyne.KeyL)

	first := []byte("otpauth://totp/Contoso:alice?secret=" + testKey + "&issuer=Contoso")
	h.ui.receive(instance.Message{Link: first})
	h.wantText("Unlock") // still locked: nothing shown before the password
	test.Type(h.entry("Password"), testPW)
	h.tap("Unlock")
	h.wantText("step 1 of 4")
	if got := h.entry("e.g. work PC").Text; got != "Contoso" {
		t.Fatalf("name prefilled with %q, want the issuer", got)
	}
	for _, b := range first {
		if b != 0 {
			t.Fatal("the link's bytes were not wiped once the wizard took it")
		}
	}
	h.tap("Next")
	h.tap("Save device")
	h.wantNames("Contoso")

	second := []byte("otpauth://totp/Fabrikam:bob?secret=" + testKey + "&issuer=Fabrikam")
	h.ui.receive(instance.Message{Link: second})
	h.wantText("step 1 of 4")
	if got := h.entry("e.g. work PC").Text; got != "Fabrikam" {
		t.Fatalf("unlocked: name prefilled with %q, want the issuer", got)
	}
	if second[0] != 0 {
		t.Fatal("the second link's bytes were not wiped")
	}
	// A show message changes nothing on screen.
	h.ui.receive(instance.Message{})
	h.wantText("step 1 of 4")
}
