package desktop

import "testing"

// Synthetic window messages as Windows sends them to the watcher's window.
func TestClassifyWindowMessage(t *testing.T) {
	tests := []struct {
		name   string
		msg    uint32
		wparam uintptr
		want   Event
		ok     bool
	}{
		{"Win+L", wmWTSSessionChange, wtsSessionLock, ScreenLocked, true},
		{"log off", wmWTSSessionChange, wtsSessionLogoff, SessionEnded, true},
		{"switch user: console disconnected", wmWTSSessionChange, wtsConsoleDisconnect, UserSwitched, true},
		{"remote desktop closed", wmWTSSessionChange, wtsRemoteDisconnect, UserSwitched, true},
		{"suspend", wmPowerBroadcast, pbtAPMSuspend, Sleeping, true},
		// Coming back never locks (and never unlocks).
		{"unlock", wmWTSSessionChange, wtsSessionUnlock, "", false},
		{"log on", wmWTSSessionChange, wtsSessionLogon, "", false},
		{"console connected", wmWTSSessionChange, wtsConsoleConnect, "", false},
		{"remote connected", wmWTSSessionChange, wtsRemoteConnect, "", false},
		{"resume", wmPowerBroadcast, pbtAPMResumeSuspend, "", false},
		{"resume automatic", wmPowerBroadcast, pbtAPMResumeAutomatic, "", false},
		// The lock code under another message is not a lock.
		{"WM_PAINT with the lock's wParam", 0x000F, wtsSessionLock, "", false},
		{"WM_POWERBROADCAST with the lock's wParam", wmPowerBroadcast, wtsSessionLock, "", false},
		{"unknown session change", wmWTSSessionChange, 0xFF, "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := classifyWindowMessage(tc.msg, tc.wparam)
			if got != tc.want || ok != tc.ok {
				t.Fatalf("(%#x, %#x) = %q %v, want %q %v", tc.msg, tc.wparam, got, ok, tc.want, tc.ok)
			}
		})
	}
}
