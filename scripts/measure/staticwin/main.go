// Command staticwin is a static Fyne window of authdesk's size: the floor
// that scripts/measure-gui.sh compares authdesk's idle CPU and memory with.
package main

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := app.New()
	w := a.NewWindow("staticwin")
	w.SetContent(widget.NewLabel("A static Fyne window"))
	w.Resize(fyne.NewSize(560, 640))
	w.ShowAndRun()
}
