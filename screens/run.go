package screens

import (
	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// AppID is the application id, as in FyneApp.toml.
const AppID = "io.github.authdesk"

// Run starts the GUI and returns the exit code when its window closes.
func Run() int {
	a := fyneapp.NewWithID(AppID)
	w := a.NewWindow("authdesk")
	w.SetContent(Placeholder())
	w.Resize(fyne.NewSize(480, 360))
	w.ShowAndRun()
	return 0
}

// Placeholder is the window shown until the real screens land.
func Placeholder() fyne.CanvasObject {
	title := widget.NewLabelWithStyle("authdesk", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	body := widget.NewLabel("Your authenticator codes will appear here.\n\nComing next: a locked vault, live codes with timers,\nand \"Add a device\" by scanning the portal's QR code.\n\nFor now, use the command line: authdesk --help")
	body.Alignment = fyne.TextAlignCenter
	return container.NewCenter(container.NewVBox(title, body))
}
