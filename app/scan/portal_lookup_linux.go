package scan

import "golang.org/x/sys/unix"

// portalLookup lets the desktop portal identify the caller: it opens
// /proc/PID/root of the process behind a D-Bus call (to tell a Flatpak or
// Snap app from a host one) and refuses the call ("Portal operation not
// allowed: Unable to open /proc/PID/root") when the process is not
// dumpable, as app/harden makes authdesk. The process is made dumpable
// only until the portal has taken the call (a few milliseconds), then
// restored; RLIMIT_CORE, which harden sets to 0, still forbids core dumps.
func portalLookup() (restore func()) {
	was, err := unix.PrctlRetInt(unix.PR_GET_DUMPABLE, 0, 0, 0, 0)
	if err != nil || was != 0 {
		return func() {}
	}
	if unix.Prctl(unix.PR_SET_DUMPABLE, 1, 0, 0, 0) != nil {
		return func() {}
	}
	return func() { _ = unix.Prctl(unix.PR_SET_DUMPABLE, 0, 0, 0, 0) }
}
