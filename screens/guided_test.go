package screens

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestReadOut(t *testing.T) {
	tests := map[string]string{
		"482913":   "four eight two, nine one three",
		"00123456": "zero zero one two, three four five six",
		"FR8RV":    "F R eight R V",
	}
	for in, want := range tests {
		if got := ReadOut(in); got != want {
			t.Errorf("ReadOut(%s) = %q, want %q", in, got, want)
		}
	}
}

func TestGuidedModeAndRefusedCodeCheck(t *testing.T) {
	h := newHarness(t)
	h.createProfile("helpdesk", testPW)
	h.tap("Add device")
	test.Tap(h.checkbox("Guided mode: large text and the portal's words (for help desks)"))
	h.wantText("Step 1: Register Multi-Factor Device: Name")
	test.Type(h.entry("e.g. work PC"), "front desk PC")
	h.tap("Next")
	h.wantText("Step 2: Scan the QR Code or use the key")
	h.tap("Enter the key")
	test.Type(h.entry("e.g. JBSW Y3DP EHPK 3PXP"), testKey)
	h.tap("Next")
	h.wantText("Step 3: Authentication Code")
	cur := strings.ReplaceAll(wantCode(t, testKey, h.clock.t), " ", "")
	h.wantText("Read out: " + ReadOut(cur))

	h.tap("The portal says the code is wrong…")
	h.wantText("Step 4: Check the code")
	typed := h.entry("the code you typed, e.g. 123 456")
	check := func(code, want string) {
		t.Helper()
		typed.SetText(code)
		h.tap("Check")
		h.wantText(want)
	}
	check(wantCode(t, testKey, h.clock.t.Add(-30*time.Second)), "it changed while it was being typed")
	check(wantCode(t, testKey, h.clock.t.Add(-2*time.Minute)), "That code is the one from 2 min 00 s ago: the clock is off")
	check(wantCode(t, testKey, h.clock.t), "That is the right code for now.")
	check("999 999 9", "No code of this key matches.")
	h.tap("Save device")
	h.wantText(`Saved "front desk PC"`)
}

// A clicked otpauth:// link opens the wizard with the key filled in, once
// the profile is unlocked: only the name is left.
func TestOpenedWithALink(t *testing.T) {
	h := newHarness(t)
	h.createProfile("alice", testPW)
	h.shortcut(fyne.KeyL)
	h.ui.pendingLink = []byte("otpauth://totp/Contoso:alice?secret=" + testKey + "&issuer=Contoso")
	test.Type(h.entry("Password"), testPW)
	h.tap("Unlock")
	h.wantText("step 1 of 4")
	if got := h.entry("e.g. work PC").Text; got != "Contoso" {
		t.Fatalf("name prefilled with %q, want the issuer", got)
	}
	h.tap("Next")
	h.wantText("step 3 of 4")
	h.wantText(wantCode(t, testKey, h.clock.t))
	h.tap("Save device")
	h.wantNames("Contoso")
}
