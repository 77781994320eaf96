// Package session is the lock state machine of an open profile: it unlocks
// and locks the vault, locks after idle time, and owns the clipboard policy
// (a copied code is cleared after a delay, and on lock, if the clipboard
// still holds it). Listeners hear every change of state. The UI drives it
// with Touch on input and Tick once a second; time is always a parameter.
package session

import (
	"sync"
	"time"

	"authdesk/app/policy"
	"authdesk/app/settings"
)

// Locker is what the session needs of the vault.
type Locker interface {
	Unlock(password []byte, now time.Time) error
	Lock()
	Locked() bool
}

// Clipboard is the system clipboard (fyne.Clipboard satisfies it).
type Clipboard interface {
	Content() string
	SetContent(string)
}

// State of the session.
type State int

// States.
const (
	Locked State = iota
	Unlocked
)

// Reason says why the state changed; the lock screen shows it.
type Reason int

// Reasons for a change of state.
const (
	ByHand     Reason = iota // the person locked or unlocked
	Idle                     // no input for the auto-lock time
	Blur                     // the window lost focus (kiosk setting)
	SystemLock               // the desktop session locked or suspended
	Exit                     // the app is closing
)

// Message is the sentence the lock screen shows for a reason.
func (r Reason) Message() string {
	switch r {
	case Idle:
		return "Locked after a time without use."
	case Blur:
		return "Locked when the window was left."
	case SystemLock:
		return "Locked with the computer's screen."
	}
	return ""
}

// Session is safe for concurrent use.
type Session struct {
	mu         sync.Mutex
	vault      Locker
	clip       Clipboard
	settings   settings.Settings
	policy     policy.Policy // what the organization enforces
	lastActive time.Time
	copied     string
	clearAt    time.Time
	listeners  []func(State, Reason)
}

// New returns a locked session over v.
func New(v Locker, clip Clipboard, s settings.Settings) *Session {
	return &Session{vault: v, clip: clip, settings: s, policy: policy.Active()}
}

// SetPolicy replaces the enforced policy (default: policy.Active()).
func (s *Session) SetPolicy(p policy.Policy) {
	s.mu.Lock()
	s.policy = p
	s.mu.Unlock()
}

// OnChange registers a listener, called after each lock and unlock (outside
// the session's lock, on the caller's goroutine).
func (s *Session) OnChange(f func(State, Reason)) {
	s.mu.Lock()
	s.listeners = append(s.listeners, f)
	s.mu.Unlock()
}

// Settings returns the current settings.
func (s *Session) Settings() settings.Settings {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.settings
}

// SetSettings replaces the settings (the caller saves them).
func (s *Session) SetSettings(st settings.Settings) {
	s.mu.Lock()
	s.settings = st
	s.mu.Unlock()
}

// State is Locked or Unlocked.
func (s *Session) State() State {
	if s.vault.Locked() {
		return Locked
	}
	return Unlocked
}

// Unlock opens the vault; the password is zeroed whatever happens.
func (s *Session) Unlock(password []byte, now time.Time) error {
	err := s.vault.Unlock(password, now)
	for i := range password {
		password[i] = 0
	}
	if err != nil {
		return err
	}
	// The sealed settings are the ones that count (a deleted or edited
	// settings.json loosens nothing); unreadable ones give the strictest.
	if sv, ok := s.vault.(settings.Sealed); ok {
		st, _ := settings.LoadSealed(sv)
		s.mu.Lock()
		s.settings = s.policy.Clamp(st)
		s.mu.Unlock()
	}
	s.mu.Lock()
	s.lastActive = now
	s.mu.Unlock()
	s.notify(Unlocked, ByHand)
	return nil
}

// Lock drops the vault key and the decrypted secrets, clears a code this
// session put on the clipboard, and tells the listeners.
func (s *Session) Lock(r Reason) {
	wasLocked := s.vault.Locked()
	s.vault.Lock()
	s.mu.Lock()
	s.clearClipboardLocked()
	s.mu.Unlock()
	if !wasLocked {
		s.notify(Locked, r)
	}
}

// Touch records input (a key, a click) at now.
func (s *Session) Touch(now time.Time) {
	s.mu.Lock()
	if now.After(s.lastActive) {
		s.lastActive = now
	}
	s.mu.Unlock()
}

// Copy puts code on the clipboard and returns when it will be cleared.
func (s *Session) Copy(code string, now time.Time) time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	// The system clipboard (app/clipboard.System) copies a code with the
	// platform's hints that keep it out of clipboard history.
	if h, ok := s.clip.(interface{ SetSecret(string) }); ok {
		h.SetSecret(code)
	} else {
		s.clip.SetContent(code)
	}
	s.copied = code
	s.clearAt = now.Add(s.settings.ClipboardClear)
	s.lastActive = now
	return s.clearAt
}

// Tick runs the timers: it clears the clipboard when the clear time has
// come and locks when the session has been idle for the auto-lock time.
// It returns true when it locked.
func (s *Session) Tick(now time.Time) bool {
	s.mu.Lock()
	if s.copied != "" && !now.Before(s.clearAt) {
		s.clearClipboardLocked()
	}
	idle := !s.lastActive.IsZero() && now.Sub(s.lastActive) >= s.settings.AutoLock
	s.mu.Unlock()
	if idle && !s.vault.Locked() {
		s.Lock(Idle)
		return true
	}
	return false
}

// IdleFor is the time since the last input.
func (s *Session) IdleFor(now time.Time) time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return now.Sub(s.lastActive)
}

// clearClipboardLocked empties the clipboard if it still holds the code
// this session copied; a text the person copied since is left alone.
func (s *Session) clearClipboardLocked() {
	if s.copied == "" {
		return
	}
	if s.clip.Content() == s.copied {
		s.clip.SetContent("")
	}
	s.copied = ""
	s.clearAt = time.Time{}
}

func (s *Session) notify(st State, r Reason) {
	s.mu.Lock()
	ls := make([]func(State, Reason), len(s.listeners))
	copy(ls, s.listeners)
	s.mu.Unlock()
	for _, f := range ls {
		f(st, r)
	}
}
