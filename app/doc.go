// Package app is the application core of authdesk, below the Fyne screens
// and above otpcore. Its subpackages own one responsibility each: cli (the
// command line), and the vault, scanning, clock and clipboard policies that
// the screens use through small interfaces. Nothing under app imports Fyne
// widgets.
package app
