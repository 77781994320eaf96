package vault

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

// DefaultProfile is the profile used when none is named.
const DefaultProfile = "default"

// Names of the files of a profile directory.
const (
	headerFile = "vault.json"  // KDF params, salt, wrapped vault key, sealed index
	unlockFile = "unlock.json" // failed-unlock count and wait (not secret)
	lockFile   = "lock"        // inter-process lock
	itemsDir   = "items"       // the file store
)

// DefaultHome is the organization's policy home or the portable folder
// when one applies (portable.go), then AUTHDESK_HOME when set (through
// getenv, so tests relocate it), otherwise the authdesk folder of the
// user's config directory.
func DefaultHome(getenv func(string) string) (string, error) {
	if h := imposedHome(); h != "" { // policy home, then portable (portable.go)
		return h, nil
	}
	if h := getenv("AUTHDESK_HOME"); h != "" {
		return filepath.Abs(h)
	}
	d, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("no config directory to keep the vault in (%v); set AUTHDESK_HOME", err)
	}
	return filepath.Join(d, "authdesk"), nil
}

// ProfileDir is the directory of a profile's vault, unlock state and items
// (also the place for the profile's settings).
func ProfileDir(home, profile string) string {
	return filepath.Join(home, "profiles", profile)
}

// ValidProfile checks a profile name: 1-64 letters, digits, '.', '_' or
// '-', not starting with '.'.
func ValidProfile(name string) error {
	ok := name != "" && len(name) <= 64 && name[0] != '.'
	for i := 0; ok && i < len(name); i++ {
		c := name[i]
		ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-'
	}
	if !ok {
		return fmt.Errorf("%w %q: use 1-64 letters, digits, '.', '_' or '-'", ErrBadProfile, clip(name))
	}
	return nil
}

// Profiles lists the profiles under home that hold a vault, sorted.
func Profiles(home string) ([]string, error) {
	ents, err := os.ReadDir(filepath.Join(home, "profiles"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("cannot list the profiles: %w", err)
	}
	var out []string
	for _, e := range ents {
		if !e.IsDir() || ValidProfile(e.Name()) != nil {
			continue
		}
		if _, err := os.Stat(filepath.Join(home, "profiles", e.Name(), headerFile)); err == nil {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out, nil
}

// serviceName is the keychain service of a profile: one namespace per
// AUTHDESK_HOME (a hash of its absolute path), one service per profile.
func serviceName(home, profile string) string {
	abs, err := filepath.Abs(home)
	if err != nil {
		abs = home
	}
	sum := sha256.Sum256([]byte(filepath.Clean(abs)))
	return "authdesk/" + hex.EncodeToString(sum[:6]) + "/" + profile
}

// clip shortens a value quoted in an error message.
func clip(s string) string {
	r := []rune(s)
	if len(r) <= 32 {
		return s
	}
	return string(r[:32]) + "..."
}
