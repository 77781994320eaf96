//go:build linux || darwin || freebsd || openbsd || netbsd || dragonfly

package vault

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// lockProfile takes the profile's inter-process lock (another authdesk, the
// GUI and the CLI at once) and returns its release.
func lockProfile(dir string) (func(), error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("cannot create the profile directory: %w", err)
	}
	f, err := os.OpenFile(filepath.Join(dir, lockFile), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("cannot open the profile lock: %w", err)
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("cannot lock the profile: %w", err)
	}
	return func() { f.Close() }, nil
}
