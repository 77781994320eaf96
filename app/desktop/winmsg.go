package desktop

// The window messages the Windows watcher reads, and what they mean. They
// live in a file without build tags so that their meaning is tested on
// every platform; lockwatch_windows.go only delivers the messages.

// Window messages (WinUser.h).
const (
	wmWTSSessionChange = 0x02B1 // WM_WTSSESSION_CHANGE
	wmPowerBroadcast   = 0x0218 // WM_POWERBROADCAST
)

// WM_WTSSESSION_CHANGE's wParam (WinUser.h, WTS_*).
const (
	wtsConsoleConnect    = 0x1
	wtsConsoleDisconnect = 0x2
	wtsRemoteConnect     = 0x3
	wtsRemoteDisconnect  = 0x4
	wtsSessionLogon      = 0x5
	wtsSessionLogoff     = 0x6
	wtsSessionLock       = 0x7
	wtsSessionUnlock     = 0x8
)

// WM_POWERBROADCAST's wParam (WinUser.h, PBT_*).
const (
	pbtAPMSuspend         = 0x4
	pbtAPMResumeSuspend   = 0x7
	pbtAPMResumeAutomatic = 0x12
)

// classifyWindowMessage says whether a window message asks the app to
// lock: the session locking (Win+L), logging off, its console or remote
// connection going away (switching user, closing a remote desktop), and
// the machine suspending. Connecting, unlocking and resuming do not.
func classifyWindowMessage(msg uint32, wparam uintptr) (Event, bool) {
	switch msg {
	case wmWTSSessionChange:
		switch wparam {
		case wtsSessionLock:
			return ScreenLocked, true
		case wtsSessionLogoff:
			return SessionEnded, true
		case wtsConsoleDisconnect, wtsRemoteDisconnect:
			return UserSwitched, true
		}
	case wmPowerBroadcast:
		if wparam == pbtAPMSuspend {
			return Sleeping, true
		}
	}
	return "", false
}
