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
