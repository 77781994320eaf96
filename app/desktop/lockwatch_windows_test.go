//go:build windows

package desktop

import (
	"os"
	"testing"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"
)

// The real watcher's window (run under Wine here): messages posted to it
// as Windows posts its notifications reach onLock through the message
// loop, those that do not lock do not, and Stop ends the thread.
func TestWatchWindowMessages(t *testing.T) {
	got := make(chan Event, 8)
	w, err := Watch(func(e Event) { got <- e })
	if err != nil {
		t.Fatalf("Watch: %v", err)
	}
	post := func(msg uint32, wparam uintptr) {
		t.Helper()
		if r, _, err := procPostMessageW.Call(w.hwnd, uintptr(msg), wparam, 0); r == 0 {
			t.Fatalf("PostMessageW: %v", err)
		}
	}
	expect := func(want Event) {
		t.Helper()
		select {
		case e := <-got:
			if e != want {
				t.Fatalf("event %q, want %q", e, want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("no %q event", want)
		}
	}
	post(wmWTSSessionChange, wtsSessionUnlock) // no event
	post(wmWTSSessionChange, wtsSessionLock)
	expect(ScreenLocked)
	post(wmPowerBroadcast, pbtAPMResumeAutomatic) // no event
	post(wmPowerBroadcast, pbtAPMSuspend)
	expect(Sleeping)
	post(wmWTSSessionChange, wtsConsoleDisconnect)
	expect(UserSwitched)
	post(wmWTSSessionChange, wtsSessionLogoff)
	expect(SessionEnded)
	done := make(chan struct{})
	go func() { w.Stop(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Stop did not end the watcher")
	}
	w.Stop() // a second Stop returns at once
	select {
	case e := <-got:
		t.Fatalf("unexpected event %q", e)
	default:
	}
}

// Two watchers at once (one class, two windows) each hear their own.
func TestTwoWatchers(t *testing.T) {
	a, b := make(chan Event, 2), make(chan Event, 2)
	wa, err := Watch(func(e Event) { a <- e })
	if err != nil {
		t.Fatal(err)
	}
	defer wa.Stop()
	wb, err := Watch(func(e Event) { b <- e })
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Stop()
	procPostMessageW.Call(wb.hwnd, wmWTSSessionChange, wtsSessionLock, 0)
	select {
	case e := <-b:
		if e != ScreenLocked {
			t.Fatalf("event %q", e)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the second watcher heard nothing")
	}
	select {
	case e := <-a:
		t.Fatalf("the first watcher heard %q", e)
	case <-time.After(200 * time.Millisecond):
	}
}

// postLockEnv, set by scripts/itest-windows.sh, makes TestPostLockToApp
// post a session lock to the running app's watcher window, as Windows does
// on Win+L.
const postLockEnv = "AUTHDESK_TEST_POST_LOCK"

var procFindWindowExW = user32.NewProc("FindWindowExW")

func TestPostLockToApp(t *testing.T) {
	if os.Getenv(postLockEnv) == "" {
		t.Skip("scripts/itest-windows.sh runs this beside the running app")
	}
	class, _ := windows.UTF16PtrFromString(watchClass)
	hwnd, _, err := procFindWindowExW.Call(hwndMessage, 0, uintptr(unsafe.Pointer(class)), 0)
	if hwnd == 0 {
		t.Fatalf("no watcher window of a running authdesk: %v", err)
	}
	if r, _, err := procPostMessageW.Call(hwnd, wmWTSSessionChange, wtsSessionLock, 0); r == 0 {
		t.Fatalf("PostMessageW: %v", err)
	}
}
