package screens

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"authdesk/otpcore"
)

// addURI saves an account from a link straight into the vault and shows
// the list again, as an import does.
func (h *harness) addURI(name, uri string) {
	h.t.Helper()
	acc, err := otpcore.ParseURI(uri)
	if err != nil {
		h.t.Fatal(err)
	}
	if _, err := h.ui.vault.Add(name, acc); err != nil {
		h.t.Fatal(err)
	}
	h.ui.codes.reload()
}

// timersShown are the rows' own countdowns on screen, by row name.
func (h *harness) timersShown() map[string]string {
	out := map[string]string{}
	for _, r := range h.rows() {
		if r.timer.Visible() {
			out[r.name.Text] = r.timer.text.Text
		}
	}
	return out
}

func TestOneCountdownForCodesOfOnePeriod(t *testing.T) {
	h := newHarness(t)
	h.createProfile("alice", testPW)
	if h.ui.codes.periodBar.Visible() {
		t.Fatal("an empty list shows a countdown")
	}
	h.addByKey("work PC", strings.ToLower(testKey))
	h.tap("Save device")
	h.addURI("VPN", "otpauth://totp/Fabrikam:alice?secret=JBSWY3DPEHPK3PXP&issuer=Fabrikam")
	h.addURI("Tax portal", "otpauth://hotp/Tax:AL-2231?secret=JBSWY3DPEHPK3PXP&counter=4")

	// 14:00:05: every time-based code has 30 s, so one countdown tells
	// them all, and no row has its own; the HOTP row keeps its counter.
	bar := h.ui.codes.periodBar
	h.wantText("New codes in 25 s")
	if got := bar.text.color; got != theme.Color(theme.ColorNameForeground) {
		t.Errorf("the countdown in %v with 25 s left, want the foreground colour", got)
	}
	if got := h.timersShown(); len(got) != 1 || got["Tax portal"] != "#4" {
		t.Fatalf("rows' own countdowns %v, want only the HOTP counter", got)
	}
	if r := bar.fill.Size().Width / bar.track.Size().Width; r < 0.83 || r > 0.84 {
		t.Errorf("bar at %v of its track, want 25/30", r)
	}
	h.clock.advance(21 * time.Second)
	h.ui.Tick()
	h.wantText("New codes in 4 s")
	// In the last seconds it turns to the warning colour, as the codes do.
	if got, want := bar.text.color, theme.Color(colorNameWarning); got != want || h.rows()[0].code.color != want {
		t.Errorf("the countdown in %v and the code in %v in the last seconds, want both %v", got, h.rows()[0].code.color, want)
	}
	h.wantText("next " + wantCode(t, testKey, h.clock.t.Add(30*time.Second)))

	// A code of another period: each row tells its own time again.
	h.addURI("Bank token", "otpauth://totp/Woodgrove:alice?secret=JBSWY3DPEHPK3PXP&period=60&digits=8")
	if bar.Visible() {
		t.Fatal("the list's countdown stays with codes of two periods")
	}
	got := h.timersShown()
	if got["work PC"] != "4 s" || got["VPN"] != "4 s" || got["Bank token"] != "34 s" {
		t.Fatalf("rows' own countdowns %v, want 4 s, 4 s and 34 s", got)
	}

	// A search that shows only the 60 s code: the list's countdown is its.
	search := h.ui.codes.search
	search.SetText("bank")
	h.wantText("New codes in 34 s")
	if got := h.timersShown(); len(got) != 0 {
		t.Fatalf("rows' own countdowns %v beside the list's", got)
	}
	search.SetText("")
	if bar.Visible() {
		t.Fatal("the list's countdown stays after the search is cleared")
	}
}

// A second that changes nothing (the same seconds, as the ticker may wake
// twice in one) costs the list's countdown no allocation: no measuring, no
// strings built.
func TestListCountdownSameSecondAllocatesNothing(t *testing.T) {
	test.NewTempApp(t)
	c := newWideCountdown()
	c.Resize(fyne.NewSize(400, 40))
	c.set("New codes in %d s", "12", 12, 30)
	if allocs := testing.AllocsPerRun(100, func() { c.set("New codes in %d s", "12", 12, 30) }); allocs != 0 {
		t.Errorf("%v allocations for a second that changes nothing, want 0", allocs)
	}
	before := c.textW
	c.set("New codes in %d s", "120", 120, 180) // a three-digit period
	if c.textW <= before {
		t.Errorf("the text's box %v for three digits, not wider than %v for two", c.textW, before)
	}
}
