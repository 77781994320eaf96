// Package desktop listens to the desktop session for the moments authdesk
// must lock: the screen saver or lock screen turning on, and the machine
// going to sleep. It speaks D-Bus (the session bus's ScreenSaver
// interfaces, logind on the system bus) where they are present and does
// nothing where they are not.
package desktop
