package desktop

// Event says why the desktop asks to lock.
type Event string

// Events. Every platform's watcher reports these, each where it can hear
// them: ScreenLocked and Sleeping everywhere, SessionEnded and
// UserSwitched on Windows.
const (
	ScreenLocked Event = "screen locked"
	Sleeping     Event = "going to sleep"
	SessionEnded Event = "session ended"
	UserSwitched Event = "user switched"
)

// LockWatcher is a running watcher of one platform (D-Bus on Linux, the
// session and power notifications on Windows); Stop ends it and waits for
// its listener. Watch returns one on every platform.
type LockWatcher interface {
	Stop()
}

var _ LockWatcher = (*Watcher)(nil)
