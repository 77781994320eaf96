//go:build !(windows || linux)

package clipboard

// copySecret: this platform's clipboard takes no history hints here.
func copySecret(app Clipboard, text string) { app.SetContent(text) }

// attach: no owner window is needed here.
func attach(Native) {}
