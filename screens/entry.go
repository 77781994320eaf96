package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// appEntry is a text entry that keeps the window's keyboard working while
// it has the focus: Ctrl+N, Ctrl+L... reach the window (a plain Entry
// swallows them), Escape closes the dialog or leaves the step, and the
// arrow keys can leave a one-line entry for the list.
type appEntry struct {
	widget.Entry
	ui     *UI
	onDown func()
}

func newAppEntry(u *UI) *appEntry {
	e := &appEntry{ui: u}
	e.ExtendBaseWidget(e)
	return e
}

// TypedShortcut gives the window's own shortcuts priority.
func (e *appEntry) TypedShortcut(s fyne.Shortcut) {
	if cs, ok := s.(*desktop.CustomShortcut); ok && e.ui.windowShortcut(cs) {
		return
	}
	e.Entry.TypedShortcut(s)
}

// TypedKey handles Escape and Down before the entry does.
func (e *appEntry) TypedKey(k *fyne.KeyEvent) {
	switch {
	case k.Name == fyne.KeyEscape:
		e.ui.escape()
		return
	case k.Name == fyne.KeyDown && e.onDown != nil && !e.MultiLine:
		e.onDown()
		return
	}
	e.Entry.TypedKey(k)
}
