package screens

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"authdesk/app/clock"
	"authdesk/app/clock/clocktest"
)

// A clock 42 s fast (the NTP server on 127.0.0.1 is 42 s behind): the list
// says so, the person corrects the codes, and can stop correcting.
func TestClockWarningAndCorrection(t *testing.T) {
	h := newHarness(t)
	addr := clocktest.NewServer(t, -42*time.Second)
	h.ui.deps.CheckClock = func(string) (clock.Result, error) { return clock.Check(addr, 2*time.Second) }
	h.setup("VPN")
	for i := 0; i < 400 && !h.has("Portals will refuse the codes"); i++ {
		time.Sleep(5 * time.Millisecond)
	}
	h.wantText("Warning: this computer's clock is 42 s fast. Portals will refuse the codes.")
	before := h.rows()[0].code.Text
	h.tap("Correct codes by -42 s")
	h.wantText("Codes are corrected by -42 s for this computer's clock.")
	if got, want := h.rows()[0].code.Text, wantCode(t, testKey, h.clock.t.Add(-42*time.Second)); got != want {
		t.Fatalf("corrected code %q, want %q (uncorrected %q)", got, want, before)
	}
	if c := h.ui.sess.Settings().ClockCorrection; c > -41500*time.Millisecond || c < -42500*time.Millisecond {
		t.Fatalf("correction %v not kept in the settings", h.ui.sess.Settings().ClockCorrection)
	}
	h.tap("Stop correcting")
	if got := h.rows()[0].code.Text; got != wantCode(t, testKey, h.clock.t) {
		t.Fatalf("code %q after stopping the correction", got)
	}
	if h.has("Codes are corrected") {
		t.Fatal("the correction notice stayed")
	}
}

func TestClockCheckFromSettings(t *testing.T) {
	h := newHarness(t)
	addr := clocktest.NewServer(t, 3*time.Second)
	h.ui.deps.CheckClock = func(string) (clock.Result, error) { return clock.Check(addr, 2*time.Second) }
	h.setup()
	h.ui.showSettings()
	test.Tap(h.button("Check the clock now"))
	for i := 0; i < 400 && !h.has("offset +3"); i++ {
		time.Sleep(5 * time.Millisecond)
	}
	h.wantText("This computer's clock is 3 s slow (offset +")
}

func TestCopySupportInfo(t *testing.T) {
	h := newHarness(t)
	h.setup("Secret bank")
	h.ui.showSettings()
	h.tap("Copy support info")
	info := h.app.Clipboard().Content()
	for _, want := range []string{"authdesk:", "Profiles:          1", "Clock offset:      not checked"} {
		if !strings.Contains(info, want) {
			t.Errorf("support info lacks %q:\n%s", want, info)
		}
	}
	code := strings.ReplaceAll(wantCode(t, testKey, h.clock.t), " ", "")
	for _, leak := range []string{"bob", "Secret bank", testPW, testKey[:8], code} {
		if strings.Contains(info, leak) {
			t.Errorf("support info leaks %q", leak)
		}
	}
	h.wantText("Support info (copied)")
}
