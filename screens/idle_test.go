package screens

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestUntilNextSecond(t *testing.T) {
	base := time.Date(2026, 11, 22, 14, 0, 5, 0, time.UTC)
	for _, tc := range []struct {
		name  string
		now   time.Time
		phase time.Duration
		want  time.Duration
	}{
		{"on the second", base, 0, time.Second + 2*time.Millisecond},
		{"just after", base.Add(time.Millisecond), 0, 999*time.Millisecond + 2*time.Millisecond},
		{"just before", base.Add(999 * time.Millisecond), 0, 3 * time.Millisecond},
		{"a correction of +0.25 s", base, 250 * time.Millisecond, 750*time.Millisecond + 2*time.Millisecond},
		{"a correction of -0.25 s", base, -250 * time.Millisecond, 250*time.Millisecond + 2*time.Millisecond},
	} {
		if got := untilNextSecond(tc.now, tc.phase); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestTickerSleepsWhileLocked(t *testing.T) {
	h := newHarness(t)
	h.ui.Tick() // the first-run screen: its name entry blinks for a while
	h.clock.advance(cursorBlinkFor)
	h.ui.Tick()
	if h.ui.ticking.Load() {
		t.Error("the ticker wakes the UI on the first-run screen with nothing to show")
	}
	h.createProfile("alice", testPW)
	if !h.ui.ticking.Load() {
		t.Fatal("the ticker does not run while unlocked")
	}
	h.shortcut(fyne.KeyL)
	h.wantText("authdesk is locked")
	// The password entry has the focus: ticks until its cursor stops.
	h.ui.Tick()
	if !h.ui.ticking.Load() {
		t.Error("the ticker sleeps while the password entry blinks")
	}
	h.clock.advance(cursorBlinkFor)
	h.ui.Tick()
	if h.ui.ticking.Load() {
		t.Error("the ticker still wakes the UI on the lock screen after the cursor stopped")
	}
	// A countdown after wrong passwords ticks until it ends.
	h.ui.keepTicking(h.clock.t.Add(3 * time.Second))
	if !h.ui.ticking.Load() {
		t.Fatal("the lock screen's countdown does not tick")
	}
	h.clock.advance(3 * time.Second)
	h.ui.Tick()
	if h.ui.ticking.Load() {
		t.Error("the ticker still runs after the countdown ended")
	}
}

func TestIdleEntryStopsBlinkingAndTypingGoesOn(t *testing.T) {
	h := newHarness(t)
	h.createProfile("alice", testPW)
	h.shortcut(fyne.KeyL)
	h.wantText("authdesk is locked")
	pw := h.entry("Password")
	c := h.win.Canvas()
	if c.Focused() != pw {
		t.Fatal("the password entry does not have the focus on the lock screen")
	}
	test.Type(pw, "ab")
	h.ui.Tick() // the ticker sees the text change
	h.clock.advance(cursorBlinkFor - time.Second)
	h.ui.Tick()
	if c.Focused() != pw {
		t.Fatal("the entry lost the focus before the blink timeout")
	}
	h.clock.advance(time.Second)
	h.ui.Tick()
	if c.Focused() != nil {
		t.Fatal("the entry keeps the focus (and its cursor blinks) after the timeout")
	}
	// Typing on the window goes on in the entry, which has the focus again.
	wc := c.(test.WindowlessCanvas)
	wc.OnTypedRune()('c')
	if pw.Text != "abc" || c.Focused() != pw {
		t.Fatalf("typed after the timeout: text %q, focused %v; want \"abc\" in the focused entry", pw.Text, c.Focused() == pw)
	}
	// Enter submits as before: the rest of the password, then Return.
	pw.SetText("")
	h.ui.Tick()
	h.clock.advance(cursorBlinkFor)
	h.ui.Tick()
	if c.Focused() != nil {
		t.Fatal("the entry kept the focus the second time")
	}
	// The first key reaches the window (nothing focused), the next ones the
	// focused entry, as the driver routes them.
	wc.OnTypedRune()(rune(testPW[0]))
	for _, r := range testPW[1:] {
		c.Focused().TypedRune(r)
	}
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.wantText("Add device")
}

func TestRowKeepsItsLayoutAcrossTicks(t *testing.T) {
	h := newHarness(t)
	h.createProfile("alice", testPW)
	h.addByKey("work PC", strings.ToLower("hiwn-blbb tmbv 6h5h jtjh aeos fple err"))
	h.tap("Save device")
	r := h.rows()[0]
	h.wantText("New codes in 25 s")
	secs, bar := h.ui.codes.periodBar.text, h.ui.codes.periodBar.track
	pos, size, barPos := secs.Position(), secs.Size(), bar.Position()
	codePos := r.code.Position()
	code := r.code.Text
	h.clock.advance(16 * time.Second) // "9 s": one digit fewer
	h.ui.Tick()
	h.wantText("New codes in 9 s")
	if secs.Position() != pos || secs.Size() != size || bar.Position() != barPos {
		t.Errorf("the seconds moved from %v %v (bar at %v) to %v %v (bar at %v)",
			pos, size, barPos, secs.Position(), secs.Size(), bar.Position())
	}
	if r.code.Position() != codePos {
		t.Errorf("the code moved from %v to %v", codePos, r.code.Position())
	}
	if r.code.Text != code {
		t.Errorf("the code changed within its period: %q -> %q", code, r.code.Text)
	}
	h.clock.advance(9 * time.Second) // the next period, on the second
	h.ui.Tick()
	if want := wantCode(t, testKey, h.clock.t); r.code.Text != want {
		t.Errorf("code %q at the new period, want %q", r.code.Text, want)
	}
}

func TestMinimisedWindowSkipsTheScreenButNotTheTimers(t *testing.T) {
	h := newHarness(t)
	minimised := false
	h.ui.deps.Minimised = func() bool { return minimised }
	h.createProfile("alice", testPW)
	h.addByKey("work PC", strings.ToLower("hiwn-blbb tmbv 6h5h jtjh aeos fple err"))
	h.tap("Save device")
	h.wantText("25 s")
	test.Tap(h.rows()[0].copyBtn)
	clip := h.app.Clipboard()
	if clip.Content() == "" {
		t.Fatal("nothing copied")
	}

	// Unfocused but on screen: the codes go on (the person types them elsewhere).
	h.ui.setForeground(false)
	h.clock.advance(time.Second)
	h.ui.Tick()
	h.wantText("24 s")

	// Minimised: the screen is left alone, the clipboard still clears.
	minimised = true
	h.clock.advance(29 * time.Second)
	h.ui.Tick()
	h.wantText("24 s")
	if clip.Content() != "" {
		t.Error("the clipboard was not cleared while the window was minimised")
	}

	// Back in front: the screen is current at once.
	minimised = false
	h.ui.setForeground(true)
	h.wantText("25 s")
	if want := wantCode(t, testKey, h.clock.t); h.rows()[0].code.Text != want {
		t.Errorf("code %q after coming back, want %q", h.rows()[0].code.Text, want)
	}
}
