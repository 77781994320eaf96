package vault

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"authdesk/app/policy"
)

// PortableDirName is the folder that, beside the executable, makes authdesk
// portable: every profile, setting and the backoff live in it, the
// accounts in files (no keychain), and nothing of the host is touched.
const PortableDirName = "authdesk-data"

var (
	portableOnce sync.Once
	portableDir  string
)

// PortableHome is the authdesk-data folder beside the running executable
// (symbolic links resolved), or "" when there is none: authdesk is then
// installed, not portable.
func PortableHome() string {
	portableOnce.Do(func() { portableDir = portableHomeOf(os.Executable) })
	return portableDir
}

// portableHomeOf is PortableHome for the executable that exe names.
func portableHomeOf(exe func() (string, error)) string {
	p, err := exe()
	if err != nil {
		return ""
	}
	if r, err := filepath.EvalSymlinks(p); err == nil {
		p = r
	}
	d := filepath.Join(filepath.Dir(p), PortableDirName)
	if fi, err := os.Stat(d); err != nil || !fi.IsDir() {
		return ""
	}
	if abs, err := filepath.Abs(d); err == nil {
		d = abs
	}
	return d
}

// Portable reports whether authdesk runs in portable mode.
func Portable() bool { return PortableHome() != "" }

// imposedHome is the home that wins over AUTHDESK_HOME and the config
// folder: the organization's policy `home` first, then the portable
// folder; "" when neither applies.
func imposedHome() string {
	if h := policy.Active().Home; h != "" {
		return h
	}
	return PortableHome()
}

// newProfileStore is the store of a new profile when none is asked for:
// the keychain, but files in a home the organization's policy names (a
// network drive or a synced folder that several PCs share: the keychain
// belongs to one PC, and the profile must follow its owner).
func newProfileStore(home string) StoreKind {
	if ph := policy.Active().Home; ph != "" && filepath.Clean(ph) == filepath.Clean(home) {
		return StoreFile
	}
	return StoreKeyring
}

// portableStore is the store of a profile under home: in the portable
// folder always the file store (the keychain belongs to the host);
// elsewhere what was asked.
func portableStore(home string, asked StoreKind) (StoreKind, error) {
	ph := PortableHome()
	if ph == "" || filepath.Clean(home) != ph {
		return asked, nil
	}
	if asked == StoreKeyring {
		return "", fmt.Errorf("%w: a portable authdesk (%s beside the program) keeps its accounts in files, not in this computer's keychain; leave out --store keyring", ErrStoreMismatch, PortableDirName)
	}
	return StoreFile, nil
}
