package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"

	"authdesk/app/session"
)

// installShortcuts binds the keyboard: Ctrl+F search, Ctrl+N add a device,
// Ctrl+L lock, Ctrl+, settings, Ctrl+C and Enter copy the selected code, arrows move, and
// typing on the list searches.
func (u *UI) installShortcuts() {
	c := u.win.Canvas()
	u.shortcuts = map[fyne.KeyName]func(){}
	add := func(key fyne.KeyName, f func()) {
		u.shortcuts[key] = f
		c.AddShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) {
			u.touch()
			f()
		})
	}
	add(fyne.KeyF, func() {
		if u.codes != nil {
			c.Focus(u.codes.search)
		}
	})
	add(fyne.KeyN, func() {
		if u.codes != nil {
			u.showAddWizard()
		}
	})
	add(fyne.KeyL, func() { u.lock(session.ByHand) })
	add(fyne.KeyComma, func() {
		if u.codes != nil {
			u.showSettings()
		}
	})
	c.AddShortcut(&fyne.ShortcutCopy{}, func(fyne.Shortcut) {
		if u.codes != nil {
			u.codes.copySelected()
		}
	})
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		u.touch()
		if u.typedToParked(ev, 0) {
			return
		}
		if ev.Name == fyne.KeyEscape {
			u.escape()
			return
		}
		if u.codes == nil {
			return
		}
		switch ev.Name {
		case fyne.KeyDown:
			u.codes.moveSelection(1)
		case fyne.KeyUp:
			u.codes.moveSelection(-1)
		case fyne.KeyReturn, fyne.KeyEnter:
			u.codes.copySelected()
		}
	})
	c.SetOnTypedRune(func(r rune) {
		u.touch()
		if u.typedToParked(nil, r) {
			return
		}
		if u.codes != nil {
			u.codes.search.SetText(u.codes.search.Text + string(r))
			c.Focus(u.codes.search)
		}
	})
}

// onDropped takes an image file dropped on the window: in the wizard's
// key step it is decoded there; on the list it starts the wizard with it.
func (u *UI) onDropped(_ fyne.Position, uris []fyne.URI) {
	if len(uris) == 0 || u.vault == nil || u.vault.Locked() {
		return
	}
	u.touch()
	path := uris[0].Path()
	if u.dropTarget != nil {
		u.dropTarget(path)
		return
	}
	if u.codes != nil {
		w := u.newWizard()
		w.stepName()
		u.pendingDrop = path
	}
}

func layoutSpacer() fyne.CanvasObject { return layout.NewSpacer() }

// windowShortcut runs one of the window's Ctrl shortcuts for a focused
// entry; it reports whether s was one.
func (u *UI) windowShortcut(s *desktop.CustomShortcut) bool {
	if s.Modifier != fyne.KeyModifierShortcutDefault {
		return false
	}
	f, ok := u.shortcuts[s.KeyName]
	if ok {
		u.touch()
		f()
	}
	return ok
}

// escape closes the top dialog, else leaves the current step (wizard,
// settings), else clears the search.
func (u *UI) escape() {
	u.touch()
	if top := u.win.Canvas().Overlays().Top(); top != nil {
		top.Hide()
		u.win.Canvas().Overlays().Remove(top)
		return
	}
	if u.onEscape != nil {
		u.onEscape()
		return
	}
	if u.codes != nil {
		u.codes.search.SetText("")
		u.win.Canvas().Unfocus()
	}
}
