package screens

import (
	"fmt"
	"os"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

// TestWizardScanLive clicks the wizard's "Scan my screen" with the real
// capture of the session it runs in (X11, or the desktop portal on
// Wayland) while a window shows a QR code, and prints the time from the
// click to the code on the wizard's next step. AUTHDESK_LIVE_SCAN names the
// account that code holds ("Issuer: name", no key); without it the test is
// skipped. scripts/itest-wayland.sh (sway, in `make test`) and
// scripts/wayland-desktops.sh (GNOME, KDE) run it.
func TestWizardScanLive(t *testing.T) {
	label := os.Getenv("AUTHDESK_LIVE_SCAN")
	if label == "" {
		t.Skip("AUTHDESK_LIVE_SCAN is not set (the desktop scripts set it while a QR code is shown)")
	}
	h := newHarness(t)
	h.ui.deps.Scanner = ScanFuncs{}
	h.createProfile("live", testPW)
	for i := 0; i < 3; i++ {
		h.tap("Add device")
		test.Type(h.entry("e.g. work PC"), "laptop")
		h.tap("Next")
		// The window is not on screen here; the delay of "Move this window
		// out of the way" (scanDelay) comes on top when it is checked.
		test.Tap(h.checkbox(fmt.Sprintf("Move this window out of the way for %d seconds first", int(scanDelay/time.Second))))
		// The harness runs the scan synchronously: the tap returns with the
		// next step drawn (or the error shown).
		t0 := time.Now()
		h.tap("Scan my screen")
		took := time.Since(t0)
		h.wantText("Device: laptop (key for " + label + ")")
		fmt.Printf("wizard: click on \"Scan my screen\" to the code on screen: %d ms\n", took.Milliseconds())
		h.tap("Cancel")
		h.tap("Yes") // "Discard this device?"
	}
}
