package screens

import (
	"context"
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"authdesk/app/scan"
	"authdesk/otpcore"
)

// pasteScanner is a fake scanner that also reads the clipboard's picture.
type pasteScanner struct {
	*fakeScanner
	pasted []scan.Found
	err    error
	pastes int
}

func (p *pasteScanner) Paste(context.Context) ([]scan.Found, error) {
	p.pastes++
	return p.pasted, p.err
}

// "Paste a screenshot" and Ctrl+V on step 2 scan the clipboard's picture;
// Ctrl+V does nothing on the other steps.
func TestPasteScreenshot(t *testing.T) {
	h := newHarness(t)
	ps := &pasteScanner{fakeScanner: h.scan}
	h.ui.deps.Scanner = ps
	h.createProfile("alice", testPW)
	h.tap("Add device")
	test.Type(h.entry("e.g. work PC"), "laptop")
	ctrlV := func() { h.win.Canvas().(fyne.Shortcutable).TypedShortcut(&fyne.ShortcutPaste{}) }
	ctrlV() // step 1: the name entry pastes text, no picture is read
	if ps.pastes != 0 {
		t.Fatalf("Ctrl+V on step 1 read the clipboard's picture")
	}
	h.tap("Next")
	h.wantText(`The first scan may ask "Allow Applications to Take Screenshots?" (GNOME): click "Allow"`)

	// The clipboard holds text: its error, as scan says it.
	ps.err = fmt.Errorf("%w: it holds text; copy the QR code's picture (or press PrtSc)", scan.ErrNoPicture)
	h.tap("Paste a screenshot")
	h.wantText("The clipboard holds no picture: it holds text")

	// A picture without a code.
	ps.err = nil
	h.tap("Paste a screenshot")
	h.wantText("No QR code found in the pasted picture.")

	// A screenshot with the portal's code, by Ctrl+V.
	a, err := otpcore.ParseURI("otpauth://totp/Bank:dave?secret=" + testKey)
	if err != nil {
		t.Fatal(err)
	}
	ps.pasted = []scan.Found{{Accounts: []otpcore.Account{a}, Source: scan.Source{File: "the pasted picture"}}}
	ctrlV()
	h.wantText("Device: laptop (key for Bank: dave)")
	h.wantText(wantCode(t, testKey, h.clock.t))
	if ps.pastes != 3 {
		t.Errorf("%d pastes, want 3", ps.pastes)
	}
	ctrlV() // step 3: nothing
	if ps.pastes != 3 {
		t.Errorf("Ctrl+V on step 3 read the clipboard's picture")
	}
}
