// Package instance keeps one authdesk window per home folder and lets a
// second start hand over what it was started for.
//
// The desktop starts `authdesk otpauth://...` when a portal's link is
// clicked. A link holds the account's key, and a process's arguments are
// readable by every local user (/proc/PID/cmdline, Task Manager) for as long
// as the process runs. So the process started with the link never becomes
// the long-lived GUI: it hands the link to the running window over a local
// channel and exits at once, or, when no window runs, starts a new GUI
// process without the link in its arguments and passes the link through
// that process's standard input.
//
// # The channel
//
// One endpoint per home folder (AUTHDESK_HOME, or the default home): on
// Unix a socket in the user's private runtime folder ($XDG_RUNTIME_DIR, or
// a 0700 folder of the user's under the temp dir), taken under an
// exclusive lock file so that two starts at once cannot both listen; on
// Windows the same in the user's local app data folder. Only the user's own
// processes can reach it. A message is one frame: a kind byte ('S' show
// the window, 'L' a link), a 4-byte big-endian length, and at most
// MaxPayload bytes; the server answers one byte 'k' once it has taken it.
//
//	srv, err := instance.Claim(home)
//	if errors.Is(err, instance.ErrRunning) {
//		err = instance.Send(home, instance.Message{Link: link}, 3*time.Second)
//	}
//	go srv.Serve(func(m instance.Message) { ... })
//	defer srv.Close()
//
// # Errors
//
// ErrRunning: another instance holds the channel. ErrNotRunning: nobody
// listens. ErrTooLarge: a payload over MaxPayload. Nothing of a payload is
// ever quoted in an error.
package instance
