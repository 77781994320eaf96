//go:build !(linux || freebsd || netbsd || openbsd || dragonfly)

package screens

// noDisplay is "": Windows and macOS always have a desktop for the window.
func noDisplay(func(string) string) string { return "" }
