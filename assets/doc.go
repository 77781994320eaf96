// Package assets holds authdesk's artwork, embedded in the binary with
// go:embed and exposed as documented fyne.Resource values.
//
// # The icon
//
// The app icon is a blue shield with a light rim, a keyhole, and six code
// cells in two groups of three: the rim keeps it visible on dark panels, the
// body on light ones. icon.svg is the source; icon-small.svg is the same
// drawing simplified for 16 and 32 pixels and the tray: no code cells, no
// rim, a bolder keyhole. A test checks that most of every render stands out
// 3:1 (WCAG's ratio for graphics) on a light and on a dark panel. The PNG renders (icon-16.png ... icon-512.png, tray.png) and the
// Windows icon (icon.ico: 16 to 256 px, PNG-compressed) are committed so that
// building needs no SVG renderer; scripts/render-icons.sh makes them again
// after the SVGs change, and this package's tests fail when a render or the
// .ico no longer matches its size or its PNG.
//
// # Resources
//
//   - Icon: the app icon, a 256 px PNG, for the window and the app
//     (fyne.App.SetIcon).
//   - IconSVG: the scalable app icon, for places that draw it large (an
//     about box, the first-run screen).
//   - TrayIcon: a 64 px PNG of the small drawing, for the system tray, where
//     the code cells would blur.
//
// The packages (see docs/packaging.md) take the same files from this folder:
// the hicolor icons of the Linux tarball and the .ico of the Windows .exe.
package assets
