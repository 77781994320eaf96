package clipboard

import "errors"

// Clipboard is the app's ordinary clipboard (fyne.Clipboard satisfies it).
type Clipboard interface {
	Content() string
	SetContent(string)
}

// ErrUnavailable: the system clipboard could not be opened or written.
var ErrUnavailable = errors.New("the clipboard is not available")

// System is the app's clipboard with SetSecret, which the session uses for
// codes: it copies with the platform's "do not keep" hints when the
// platform has them, else through the app's clipboard. Reading and other
// writes go to the app's clipboard.
type System struct {
	Clipboard
}

// SetSecret puts text on the clipboard, with the hints where there are some.
func (s System) SetSecret(text string) { copySecret(s.Clipboard, text) }

// Native is a window that runs code with its native handle
// (fyne.io/fyne/v2/driver.NativeWindow satisfies it).
type Native interface {
	RunNative(func(context any))
}

// Attach makes the app's window the owner of the copies SetSecret makes,
// where the platform wants one (Windows: SetClipboardData is documented to
// fail for a clipboard opened without an owner window, and Wine then shows
// other programs only part of the formats). Call it once the window exists;
// until then copies have no owner.
func Attach(w Native) { attach(w) }
