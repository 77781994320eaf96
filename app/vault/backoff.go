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

func readUnlockState(dir string) (unlockState, error) {
	var s unlockState
	b, err := os.ReadFile(filepath.Join(dir, unlockFile))
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return s, fmt.Errorf("cannot read the unlock state: %w", err)
	}
	if json.Unmarshal(b, &s) != nil {
		// A damaged state file must not become a way around the wait:
		// treat it as the longest wait already earned.
		s = unlockState{Failures: FreeTries}
	}
	return s, nil
}

func writeUnlockState(dir string, s unlockState) error {
	if s.Failures == 0 {
		err := os.Remove(filepath.Join(dir, unlockFile))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("cannot reset the unlock state: %w", err)
		}
		return nil
	}
	b, _ := json.Marshal(s)
	if err := store.WriteAtomic(filepath.Join(dir, unlockFile), b, 0o600); err != nil {
		return fmt.Errorf("cannot save the unlock state: %w", err)
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
