// Package screens holds authdesk's Fyne screens and widgets. Each screen is
// built by a constructor that takes what it needs from package app through
// small interfaces; there is no package-level state. Goroutines touch the UI
// only through fyne.Do and data bindings.
package screens
