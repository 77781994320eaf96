package clipboard

import "errors"

// Setter is the app's ordinary clipboard (fyne.Clipboard satisfies it).
type Setter interface {
	SetContent(string)
}

// ErrUnavailable: the system clipboard could not be opened or written.
var ErrUnavailable = errors.New("the clipboard is not available")

// CopySecret puts text on the clipboard with the platform's "do not keep"
// hints when it has them, else through fallback.
func CopySecret(fallback Setter, text string) {
	if err := setSecret(text); err != nil {
		fallback.SetContent(text)
	}
}
