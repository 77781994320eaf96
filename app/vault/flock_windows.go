//go:build windows

package vault

import (
	"fmt"
	"os"
	"path/filepath"

	"golang.org/x/sys/windows"
)

// lockProfile takes the profile's inter-process lock (another authdesk, the
// GUI and the CLI at once) with LockFileEx: an exclusive lock on the lock
// file's first byte, waited for like flock(LOCK_EX) on unix. Closing the
// handle releases it, and Windows releases it when the process ends.
func lockProfile(dir string) (func(), error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("cannot create the profile directory: %w", err)
	}
	f, err := os.OpenFile(filepath.Join(dir, lockFile), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("cannot open the profile lock: %w", err)
	}
	// The handle is synchronous (os.OpenFile), so LockFileEx returns only
	// once the lock is held; the OVERLAPPED carries the offset (0).
	var ol windows.Overlapped
	if err := windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK, 0, 1, 0, &ol); err != nil {
		f.Close()
		return nil, fmt.Errorf("cannot lock the profile: %w", err)
	}
	return func() { f.Close() }, nil
}
