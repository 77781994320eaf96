// Command staticwin is a static Fyne window of authdesk's size: the floor
// that scripts/measure-gui.sh compares authdesk's idle CPU and memory with.
//
// With -tick it changes one label once a second (a 30 s countdown, like a
// TOTP row's), the least any window showing a live countdown must repaint:
// the floor for authdesk's list, whose countdowns move once a second.
package main

import (
	"flag"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

func main() {
	tick := flag.Bool("tick", false, "change one label once a second")
	flag.Parse()
	a := app.New()
	w := a.NewWindow("staticwin")
	label := widget.NewLabel("A static Fyne window")
	w.SetContent(label)
	w.Resize(fyne.NewSize(560, 640))
	if *tick {
		go func() {
			for {
				now := time.Now()
				time.Sleep(now.Truncate(time.Second).Add(time.Second).Sub(now))
				text := fmt.Sprintf("%d s", 30-time.Now().Second()%30)
				fyne.Do(func() { label.SetText(text) })
			}
		}()
	}
	w.ShowAndRun()
}
