package settings

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Sealed is a vault that keeps the settings sealed with its key, in its
// index (package vault): nobody without the password can loosen them, and
// they are rolled back only with the index, which the vault refuses.
type Sealed interface {
	// Prefs returns the sealed settings, nil when none were saved yet.
	Prefs() ([]byte, error)
	// SetPrefs seals new settings.
	SetPrefs(raw []byte) error
	// Dir is the profile directory (for the plain copy).
	Dir() string
}

// LoadSealed reads the settings of an unlocked vault. The sealed copy is
// the one that counts; settings.json is only a plain copy for what shows
// before the unlock (the theme). A vault made before settings were sealed
// adopts its settings.json once. When the sealed copy cannot be read, the
// strictest settings (Kiosk) apply and the error says why.
func LoadSealed(v Sealed) (Settings, error) {
	raw, err := v.Prefs()
	if err != nil {
		return Kiosk(), fmt.Errorf("cannot read the sealed settings, using the strictest: %w", err)
	}
	if raw == nil {
		s, lerr := Load(v.Dir())
		if err := SaveSealed(v, s); err != nil {
			return s, err
		}
		return s, lerr
	}
	s := Defaults()
	if err := json.Unmarshal(raw, &s); err != nil {
		return Kiosk(), fmt.Errorf("%w: the sealed settings are not readable (made by a newer authdesk?), using the strictest", ErrBadSettings)
	}
	if err := s.Validate(); err != nil {
		return Kiosk(), fmt.Errorf("%w, using the strictest", err)
	}
	// Keep the plain copy in step (someone may have edited or deleted it).
	if plain, err := os.ReadFile(filepath.Join(v.Dir(), FileName)); err != nil || string(plain) != string(indent(s)) {
		if err == nil || errors.Is(err, fs.ErrNotExist) {
			_ = Save(v.Dir(), s)
		}
	}
	return s, nil
}

// SaveSealed validates s, seals it in the vault, then writes the plain copy.
func SaveSealed(v Sealed, s Settings) error {
	if err := s.Validate(); err != nil {
		return err
	}
	raw, err := json.Marshal(s)
	if err != nil {
		return fmt.Errorf("cannot encode the settings: %w", err)
	}
	if err := v.SetPrefs(raw); err != nil {
		return fmt.Errorf("cannot save the settings: %w", err)
	}
	if err := Save(v.Dir(), s); err != nil {
		return fmt.Errorf("the settings were saved, but their plain copy was not (the lock screen may show the old theme): %w", err)
	}
	return nil
}

func indent(s Settings) []byte {
	b, _ := json.MarshalIndent(s, "", "  ")
	return b
}
