package vault

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
)

// maxPrefs bounds the sealed settings.
const maxPrefs = 16 << 10

// Prefs returns the profile's settings sealed in the index (a JSON object
// of package settings), or nil when none were saved yet. Changes made by
// another process are picked up.
func (v *Vault) Prefs() ([]byte, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if err := v.refresh(); err != nil {
		return nil, err
	}
	return slices.Clone(v.idx.Prefs), nil
}

// SetPrefs seals the profile's settings in the index (one atomic write),
// so that nobody without the password can change them.
func (v *Vault) SetPrefs(raw []byte) error {
	if len(raw) > maxPrefs || !json.Valid(raw) {
		return fmt.Errorf("%w: the settings are not a JSON object of at most %d bytes", ErrCorrupt, maxPrefs)
	}
	return v.change(func(idx *index) error {
		if bytes.Equal(idx.Prefs, raw) {
			return errUnchanged
		}
		idx.Prefs = slices.Clone(raw)
		idx.PrefsChanged = v.now().UTC()
		return nil
	})
}
