//go:build !((dragonfly && cgo) || (freebsd && cgo) || linux || netbsd || openbsd)

package store

import "strings"

// classify maps a macOS Keychain or Windows Credential Manager error to a
// sentinel, as far as their texts allow.
func classify(err error) error {
	s := strings.ToLower(err.Error())
	switch {
	case strings.Contains(s, "locked") || strings.Contains(s, "interaction not allowed"):
		return ErrLocked
	case strings.Contains(s, "denied") || strings.Contains(s, "auth") || strings.Contains(s, "cancel"):
		return ErrAccessDenied
	case strings.Contains(s, "executable file not found"):
		return ErrNoService
	}
	return ErrFailed
}

// getMany reads the items one by one.
func (k *Keyring) getMany(ids []string) ([][]byte, []error) {
	out, errs := make([][]byte, len(ids)), make([]error, len(ids))
	for i, id := range ids {
		out[i], errs[i] = k.Get(id)
	}
	return out, errs
}
