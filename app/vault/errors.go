package vault

import (
	"errors"
	"fmt"
	"time"

	"authdesk/app/vault/store"
)

// Sentinel errors. Every error of this package wraps one of them with
// context that says what to do next; match them with errors.Is.
var (
	// ErrNoVault: the profile has no vault yet (create one with Init).
	ErrNoVault = errors.New("no vault in this profile")
	// ErrExists: Init on a profile that has a vault already.
	ErrExists = errors.New("this profile has a vault already")
	// ErrLocked: the operation needs an unlocked vault.
	ErrLocked = errors.New("the vault is locked")
	// ErrWrongPassword: the password does not open the vault. Nothing changed
	// but the count of failed tries.
	ErrWrongPassword = errors.New("wrong password")
	// ErrBackoff: too many wrong passwords in a row; see *BackoffError.
	ErrBackoff = errors.New("too many wrong passwords")
	// ErrEmptyPassword: a vault password cannot be empty.
	ErrEmptyPassword = errors.New("the password is empty")
	// ErrDuplicateName: another account has this name (names are compared
	// without regard to case).
	ErrDuplicateName = errors.New("an account with this name exists already")
	// ErrUnknownAccount: no account has this id or name.
	ErrUnknownAccount = errors.New("no such account")
	// ErrBadName: an account name is empty, too long or holds a tab or a
	// line break.
	ErrBadName = errors.New("bad account name")
	// ErrBadOrder: Reorder was given an account twice.
	ErrBadOrder = errors.New("bad account order")
	// ErrBadProfile: a profile name is not 1-64 letters, digits, '.', '_'
	// or '-' (not starting with '.').
	ErrBadProfile = errors.New("bad profile name")
	// ErrStoreMismatch: the profile keeps its accounts in another store than
	// the one asked for.
	ErrStoreMismatch = errors.New("this profile uses another store")
	// ErrRollback: the vault file is older than the generation record the
	// store keeps: an old vault.json was put back. AcceptRestored is the
	// way out for a person who restored their own copy.
	ErrRollback = errors.New("the vault file is older than the last one saved")
	// ErrCorrupt: the vault file (header and index) is damaged.
	ErrCorrupt = errors.New("the vault file is damaged")
	// ErrItemMissing: an account's sealed item is gone from the store. The
	// rest of the vault opens; the account is named in Entry.Err.
	ErrItemMissing = errors.New("the account's sealed item is missing")
	// ErrItemCorrupted: an account's sealed item does not open with the vault
	// key (damaged or replaced). The rest of the vault opens.
	ErrItemCorrupted = errors.New("the account's sealed item is damaged")

	// Keychain trouble: the same values as the store's sentinels.

	// ErrNoSecretService: no keychain answers; the file store is the way out.
	ErrNoSecretService = store.ErrNoService
	// ErrKeychainLocked: the OS keychain is locked and was not unlocked.
	ErrKeychainLocked = store.ErrLocked
	// ErrAccessDenied: the keychain or the file system refused access.
	ErrAccessDenied = store.ErrAccessDenied
	// ErrItemTooLarge: an account does not fit in one keychain item
	// (2,560 bytes); its name or issuer is too long.
	ErrItemTooLarge = store.ErrTooLarge
)

// BackoffError reports that the next unlock must wait. It wraps ErrBackoff,
// and also ErrWrongPassword when the attempt that returned it had a wrong
// password (the wait starts with it).
type BackoffError struct {
	Until time.Time     // the first instant a try is accepted
	Wait  time.Duration // Until minus the time of the attempt
	Wrong bool          // this attempt's password was wrong
}

func (e *BackoffError) Error() string {
	if e.Wrong {
		return fmt.Sprintf("wrong password; too many wrong tries in a row: wait %s before the next try", fmtWait(e.Wait))
	}
	return fmt.Sprintf("too many wrong passwords in a row: wait %s before the next try (nothing was checked)", fmtWait(e.Wait))
}

// Unwrap makes errors.Is match ErrBackoff and, for a wrong password,
// ErrWrongPassword.
func (e *BackoffError) Unwrap() []error {
	if e.Wrong {
		return []error{ErrBackoff, ErrWrongPassword}
	}
	return []error{ErrBackoff}
}

// fmtWait prints a wait rounded up to the second: "15 s", "2 min",
// "1 min 30 s".
func fmtWait(d time.Duration) string {
	s := int64((d + time.Second - 1) / time.Second)
	if s < 1 {
		s = 1
	}
	m, s := s/60, s%60
	switch {
	case m == 0:
		return fmt.Sprintf("%d s", s)
	case s == 0:
		return fmt.Sprintf("%d min", m)
	}
	return fmt.Sprintf("%d min %d s", m, s)
}

// storeErr adds what to do next to a store error.
func storeErr(err error) error {
	switch {
	case errors.Is(err, store.ErrNoService):
		return fmt.Errorf("%w (is a Secret Service such as gnome-keyring running and unlocked?); to keep the sealed accounts in files instead, use the file store (--store file) when creating the vault", err)
	case errors.Is(err, store.ErrLocked):
		return fmt.Errorf("%w: unlock the system keychain (login keyring) and try again", err)
	case errors.Is(err, store.ErrAccessDenied):
		return fmt.Errorf("%w: allow authdesk to use the keychain, or check the permissions of the files", err)
	}
	return err
}
