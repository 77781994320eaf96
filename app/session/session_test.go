package session

import (
	"errors"
	"testing"
	"time"

	"authdesk/app/settings"
)

type fakeVault struct {
	locked bool
	pw     string
}

var errWrong = errors.New("wrong password")

func (f *fakeVault) Unlock(pw []byte, _ time.Time) error {
	if string(pw) != f.pw {
		return errWrong
	}
	f.locked = false
	return nil
}
func (f *fakeVault) Lock()        { f.locked = true }
func (f *fakeVault) Locked() bool { return f.locked }

type fakeClip struct{ s string }

func (c *fakeClip) Content() string     { return c.s }
func (c *fakeClip) SetContent(s string) { c.s = s }

func TestSessionFlow(t *testing.T) {
	v := &fakeVault{locked: true, pw: "pw"}
	clip := &fakeClip{}
	s := New(v, clip, settings.Defaults())
	var events []string
	s.OnChange(func(st State, r Reason) {
		events = append(events, map[State]string{Locked: "locked", Unlocked: "unlocked"}[st]+"/"+r.Message())
	})
	t0 := time.Unix(1_800_000_000, 0)
	pw := []byte("bad")
	if err := s.Unlock(pw, t0); !errors.Is(err, errWrong) || s.State() != Locked {
		t.Fatalf("wrong password: %v %v", err, s.State())
	}
	if string(pw) != "\x00\x00\x00" {
		t.Fatal("password not zeroed after a failed unlock")
	}
	if err := s.Unlock([]byte("pw"), t0); err != nil || s.State() != Unlocked {
		t.Fatal(err)
	}
	// Copy: cleared after 30 s if still ours.
	clearAt := s.Copy("123456", t0.Add(time.Second))
	if clip.s != "123456" || !clearAt.Equal(t0.Add(31*time.Second)) {
		t.Fatalf("copy: %q %v", clip.s, clearAt)
	}
	s.Tick(t0.Add(30 * time.Second))
	if clip.s != "123456" {
		t.Fatal("cleared too early")
	}
	s.Tick(t0.Add(31 * time.Second))
	if clip.s != "" {
		t.Fatal("clipboard not cleared at 30 s")
	}
	// A text the person copied afterwards is not ours: left alone.
	s.Copy("654321", t0.Add(40*time.Second))
	clip.s = "my own text"
	s.Tick(t0.Add(80 * time.Second))
	if clip.s != "my own text" {
		t.Fatal("cleared someone else's clipboard text")
	}
	// Idle: locks after 5 minutes without input, and clears our code.
	s.Touch(t0.Add(100 * time.Second))
	s.Copy("111222", t0.Add(100*time.Second))
	if s.Tick(t0.Add(100*time.Second + 4*time.Minute)) {
		t.Fatal("locked before the auto-lock time")
	}
	s.SetSettings(settings.Settings{AutoLock: time.Hour, ClipboardClear: time.Hour, Theme: settings.ThemeSystem})
	if s.Tick(t0.Add(100*time.Second + 5*time.Minute)) {
		t.Fatal("locked although the setting was raised to an hour")
	}
	s.SetSettings(settings.Defaults())
	if !s.Tick(t0.Add(100*time.Second+5*time.Minute)) || s.State() != Locked || !v.locked {
		t.Fatal("not locked after 5 idle minutes")
	}
	if clip.s != "" {
		t.Fatal("locking left the copied code on the clipboard")
	}
	s.Lock(ByHand) // already locked: no second event
	want := []string{"unlocked/", "locked/Locked after a time without use."}
	if len(events) != len(want) || events[0] != want[0] || events[1] != want[1] {
		t.Fatalf("events %q, want %q", events, want)
	}
}
