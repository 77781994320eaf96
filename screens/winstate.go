package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"

	"authdesk/app/winstate"
)

// setForeground records whether the window has the focus (Fyne's lifecycle
// foreground events, the only window state Fyne 2.7.1 reports). Coming
// back refreshes the screen at once if the ticker had stopped refreshing
// it while the window was minimised.
func (u *UI) setForeground(in bool) {
	u.unfocused = !in
	if in && u.hiddenTicks {
		u.Tick()
	}
}

// minimised reports whether the window is unfocused and minimised: then
// nothing of it is on screen and a tick has nothing to redraw. The
// platform is asked only while the window is unfocused.
func (u *UI) minimised() bool {
	return u.unfocused && u.deps.Minimised != nil && u.deps.Minimised()
}

// nativeMinimised asks the window system whether w is minimised: X11's
// WM_STATE through the native window handle Fyne gives; nil elsewhere
// (Wayland does not tell clients; Windows and macOS are not asked yet).
func nativeMinimised(w fyne.Window) func() bool {
	nw, ok := w.(driver.NativeWindow)
	if !ok {
		return nil
	}
	var x11 winstate.X11
	return func() bool {
		iconic := false
		nw.RunNative(func(ctx any) {
			if c, ok := ctx.(driver.X11WindowContext); ok && c.WindowHandle != 0 {
				iconic, _ = x11.Iconic(uint32(c.WindowHandle))
			}
		})
		return iconic
	}
}
