package vault

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"authdesk/app/vault/store"
)

// Failed-unlock policy: FreeTries wrong passwords in a row cost nothing;
// each one after that makes the next try wait, doubling from FirstWait up
// to MaxWait. The count and the wait are kept in the profile's unlock.json
// so that restarting the app does not reset them; a right password resets
// them.
const (
	FreeTries = 5
	FirstWait = 15 * time.Second
	MaxWait   = 15 * time.Minute
)

// unlockState is unlock.json. It holds no secret.
type unlockState struct {
	Failures int       `json:"failures"`
	Until    time.Time `json:"until,omitempty"`
}

// waitAfter is the wait imposed after n failures in a row.
func waitAfter(n int) time.Duration {
	if n < FreeTries {
		return 0
	}
	d := FirstWait
	for i := FreeTries; i < n && d < MaxWait; i++ {
		d *= 2
	}
	return min(d, MaxWait)
}

// unlockMirror is the store item that mirrors unlock.json (plain JSON, no
// secret: it must be readable before the password is known). With the
// keychain store it lives outside the profile folder, so deleting
// unlock.json does not reset the count; with the file store it is a second
// file in the items folder. The larger of the two counts wins.
func unlockMirror(vaultID string) string { return "unlock-" + vaultID }

// damagedFailures is the count assumed for a damaged or negative state: it
// earns the longest wait.
const damagedFailures = FreeTries + 10

// parseUnlockState reads a saved state; ok is false when it is damaged
// (not JSON, a negative count, a count beyond any real one).
func parseUnlockState(b []byte) (s unlockState, ok bool) {
	if json.Unmarshal(b, &s) != nil || s.Failures < 0 || s.Failures > 1<<20 {
		return unlockState{}, false
	}
	return s, true
}

func readUnlockFile(dir string) (s unlockState, ok bool, err error) {
	b, err := os.ReadFile(filepath.Join(dir, unlockFile))
	if errors.Is(err, fs.ErrNotExist) {
		return s, true, nil
	}
	if err != nil {
		return s, false, fmt.Errorf("cannot read the unlock state: %w", err)
	}
	s, ok = parseUnlockState(b)
	return s, ok, nil
}

// loadUnlockState reads unlock.json and its mirror and keeps the stricter.
// A damaged or negative state becomes the longest wait, saved at once (so
// that the wait runs from now once, not from every read).
func (v *Vault) loadUnlockState(vaultID string, now time.Time) (unlockState, error) {
	s, ok, err := readUnlockFile(v.dir)
	if err != nil {
		return s, err
	}
	if b, merr := v.store.Get(unlockMirror(vaultID)); merr == nil {
		m, mok := parseUnlockState(b)
		ok = ok && mok
		if m.Failures > s.Failures {
			s.Failures = m.Failures
		}
		if m.Until.After(s.Until) {
			s.Until = m.Until
		}
	}
	if !ok {
		s = unlockState{Failures: damagedFailures, Until: now.Add(MaxWait)}
		if err := v.saveUnlockState(vaultID, s); err != nil {
			return s, err
		}
	}
	return s, nil
}

// saveUnlockState writes unlock.json, then its mirror (best effort: a
// keychain that does not answer must not stop the count in the file).
func (v *Vault) saveUnlockState(vaultID string, s unlockState) error {
	b, _ := json.Marshal(s)
	if err := store.WriteAtomic(filepath.Join(v.dir, unlockFile), b, 0o600); err != nil {
		return fmt.Errorf("cannot save the count of failed tries, so the password was not tried: %w", err)
	}
	_ = v.store.Put(unlockMirror(vaultID), b)
	return nil
}

// resetUnlockState forgets the failed tries (a right password).
func (v *Vault) resetUnlockState(vaultID string) error {
	err := os.Remove(filepath.Join(v.dir, unlockFile))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("cannot reset the unlock state: %w", err)
	}
	if err := v.store.Delete(unlockMirror(vaultID)); err != nil && !errors.Is(err, store.ErrNotFound) {
		return storeErr(err)
	}
	return nil
}

// checkWait returns a *BackoffError when a try at now must wait. A wait
// longer than MaxWait (the clock was set back) is cut to MaxWait.
func (s unlockState) checkWait(now time.Time) error {
	if s.Until.IsZero() || !now.Before(s.Until) {
		return nil
	}
	until := s.Until
	if until.Sub(now) > MaxWait {
		until = now.Add(MaxWait)
	}
	return &BackoffError{Until: until, Wait: until.Sub(now)}
}

// fail records one more wrong password at now and returns the error for it.
func (s *unlockState) fail(now time.Time) error {
	s.Failures++
	if w := waitAfter(s.Failures); w > 0 {
		s.Until = now.Add(w)
		return &BackoffError{Until: s.Until, Wait: w, Wrong: true}
	}
	s.Until = time.Time{}
	left := FreeTries - s.Failures
	return fmt.Errorf("%w; check it and try again (%d more %s before authdesk makes you wait)", ErrWrongPassword, left, plural(left, "try", "tries"))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
