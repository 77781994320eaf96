//go:build windows

package desktop

import (
	"testing"
	"time"
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
