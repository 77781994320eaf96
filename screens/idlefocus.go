package screens

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// cursorBlinkFor is how long a focused entry may blink its cursor after its
// text last changed. Fyne's cursor blink is an animation that redraws the
// window at 60 Hz for as long as the entry has the focus; GTK stops its
// blink after 10 s without typing (gtk-cursor-blink-timeout) for the same
// reason, and so do we.
const cursorBlinkFor = 10 * time.Second

// focusSeen is the focused entry and its text when the ticker last looked.
type focusSeen struct {
	obj  fyne.Focusable
	text string
}

// parkIdleFocus takes the focus from an entry whose text has not changed
// for cursorBlinkFor: its cursor stops blinking. The entry is remembered;
// the next key or rune typed in the window gives it the focus back and goes
// to it, as if it had never lost it.
func (u *UI) parkIdleFocus(now time.Time) {
	c := u.win.Canvas()
	f := c.Focused()
	text, ok := entryText(f)
	if !ok {
		u.focusSeen = focusSeen{}
		return
	}
	if seen := (focusSeen{f, text}); seen != u.focusSeen {
		u.focusSeen, u.focusSince = seen, now
		return
	}
	if now.Sub(u.focusSince) < cursorBlinkFor {
		return
	}
	u.parked, u.focusSeen = f, focusSeen{}
	c.Unfocus()
}

// entryText is the text of an entry (the objects that blink a cursor).
func entryText(f fyne.Focusable) (string, bool) {
	switch e := f.(type) {
	case *widget.Entry:
		return e.Text, true
	case *appEntry:
		return e.Text, true
	}
	return "", false
}

// unpark gives the focus back to a parked entry when nothing else has it,
// and returns it (nil when there is none).
func (u *UI) unpark() fyne.Focusable {
	p := u.parked
	u.parked = nil
	c := u.win.Canvas()
	if p == nil || c.Focused() != nil {
		return nil
	}
	c.Focus(p)
	u.updateTicking()
	return p
}

// typedToParked sends a key typed with nothing focused to the parked entry;
// it reports whether there was one.
func (u *UI) typedToParked(ev *fyne.KeyEvent, r rune) bool {
	p := u.unpark()
	if p == nil {
		return false
	}
	if ev != nil {
		p.TypedKey(ev)
	} else {
		p.TypedRune(r)
	}
	return true
}
