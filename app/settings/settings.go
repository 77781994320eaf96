// Package settings holds a profile's preferences (auto-lock, clipboard
// clearing, hidden codes, theme, kiosk mode). They are not secret (no
// account, code or password), but they are a security policy: the copy
// that counts is sealed in the vault's index (LoadSealed, SaveSealed), and
// settings.json in the profile's directory is a plain copy read only
// before the unlock (for the theme of the lock screen).
package settings

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

// FileName is the settings file inside a profile directory.
const FileName = "settings.json"

// Themes.
const (
	ThemeSystem = "system"
	ThemeLight  = "light"
	ThemeDark   = "dark"
)

// ErrBadSettings: a value is out of range.
var ErrBadSettings = errors.New("bad setting")

// Settings of one profile.
type Settings struct {
	// AutoLock locks the vault after this long without input.
	AutoLock time.Duration `json:"auto_lock"`
	// ClipboardClear clears a copied code from the clipboard after this long
	// if the clipboard still holds it.
	ClipboardClear time.Duration `json:"clipboard_clear"`
	// HideCodes shows "••• •••" until the person clicks the account.
	HideCodes bool `json:"hide_codes"`
	// LockOnBlur locks when the window loses focus (kiosks).
	LockOnBlur bool `json:"lock_on_blur"`
	// Theme is system, light or dark.
	Theme string `json:"theme"`
	// ClockCheck compares the clock with ClockServer at each unlock.
	ClockCheck bool `json:"clock_check"`
	// ClockServer is the NTP server ("" is pool.ntp.org).
	ClockServer string `json:"clock_server,omitempty"`
	// ClockCorrection is added to this computer's clock for the codes,
	// when the person chose to correct a clock they cannot set.
	ClockCorrection time.Duration `json:"clock_correction,omitempty"`
}

// MaxCorrection bounds the clock correction: a clock off by more than that
// is set, not worked around.
const MaxCorrection = time.Hour

// Defaults: auto-lock after 5 minutes, clipboard cleared after 30 s.
func Defaults() Settings {
	return Settings{AutoLock: 5 * time.Minute, ClipboardClear: 30 * time.Second, Theme: ThemeSystem, ClockCheck: true}
}

// Kiosk is the preset for shared PCs: lock after 60 s, clear the clipboard
// after 15 s, hide codes, lock when the window loses focus.
func Kiosk() Settings {
	return Settings{AutoLock: time.Minute, ClipboardClear: 15 * time.Second, HideCodes: true, LockOnBlur: true, Theme: ThemeSystem, ClockCheck: true}
}

// Validate checks the ranges: auto-lock 30 s to 24 h, clipboard 5 s to 10 min.
func (s Settings) Validate() error {
	if s.AutoLock < 30*time.Second || s.AutoLock > 24*time.Hour {
		return fmt.Errorf("%w: auto-lock must be between 30 seconds and 24 hours", ErrBadSettings)
	}
	if s.ClipboardClear < 5*time.Second || s.ClipboardClear > 10*time.Minute {
		return fmt.Errorf("%w: clipboard clearing must be between 5 seconds and 10 minutes", ErrBadSettings)
	}
	if s.ClockCorrection > MaxCorrection || s.ClockCorrection < -MaxCorrection {
		return fmt.Errorf("%w: a clock off by more than an hour must be set itself (the codes are not corrected by more)", ErrBadSettings)
	}
	switch s.Theme {
	case ThemeSystem, ThemeLight, ThemeDark:
	default:
		return fmt.Errorf("%w: theme must be system, light or dark", ErrBadSettings)
	}
	return nil
}

// Load reads the settings of a profile directory; a missing file gives the
// defaults, a damaged one the defaults and an error to show.
func Load(dir string) (Settings, error) {
	raw, err := os.ReadFile(filepath.Join(dir, FileName))
	if errors.Is(err, fs.ErrNotExist) {
		return Defaults(), nil
	}
	if err != nil {
		return Defaults(), fmt.Errorf("cannot read the settings, using the defaults: %w", err)
	}
	s := Defaults()
	if err := json.Unmarshal(raw, &s); err != nil {
		return Defaults(), fmt.Errorf("%w: the settings file is damaged, using the defaults", ErrBadSettings)
	}
	if err := s.Validate(); err != nil {
		return Defaults(), err
	}
	return s, nil
}

// Save validates and writes the settings atomically.
func Save(dir string, s Settings) error {
	if err := s.Validate(); err != nil {
		return err
	}
	raw := indent(s)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("cannot create the profile folder: %w", err)
	}
	return store.WriteAtomic(filepath.Join(dir, FileName), raw, 0o600)
}
