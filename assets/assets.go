package assets

import (
	_ "embed" // go:embed below

	"fyne.io/fyne/v2"
)

// The file names below are the names the resources carry (fyne.Resource.Name).

//go:embed icon-256.png
var iconPNG []byte

//go:embed icon.svg
var iconSVG []byte

//go:embed tray.png
var trayPNG []byte

// Icon is the app icon, a 256x256 PNG: the window and app icon
// (fyne.App.SetIcon, fyne.Window.SetIcon).
var Icon fyne.Resource = fyne.NewStaticResource("icon-256.png", iconPNG)

// IconSVG is the app icon as SVG (512x512 viewBox), for drawing it large.
var IconSVG fyne.Resource = fyne.NewStaticResource("icon.svg", iconSVG)

// TrayIcon is the system tray icon, a 64x64 PNG of the simplified drawing
// (icon-small.svg) that stays readable at tray sizes (16 to 24 px).
var TrayIcon fyne.Resource = fyne.NewStaticResource("tray.png", trayPNG)
