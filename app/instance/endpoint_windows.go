//go:build windows

package instance

import (
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/sys/windows"
)

// claim takes NAME.lock in the user's local app data without waiting
// (ErrRunning when another process holds it), then listens on an AF_UNIX
// socket beside it (Windows 10 1803 and later). The folder is the user's
// own profile folder, closed to other users by its inherited ACL.
func claim(name string) (net.Listener, func(), error) {
	dir, err := runtimeDir()
	if err != nil {
		return nil, nil, err
	}
	f, err := os.OpenFile(filepath.Join(dir, name+".lock"), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot open the instance lock: %w", err)
	}
	ol := new(windows.Overlapped)
	err = windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, ol)
	if err != nil {
		f.Close()
		if errors.Is(err, windows.ERROR_LOCK_VIOLATION) || errors.Is(err, windows.ERROR_IO_PENDING) {
			return nil, nil, ErrRunning
		}
		return nil, nil, fmt.Errorf("cannot lock the instance: %w", err)
	}
	sock := filepath.Join(dir, name+".sock")
	if err := os.Remove(sock); err != nil && !errors.Is(err, fs.ErrNotExist) {
		f.Close()
		return nil, nil, fmt.Errorf("cannot replace the old instance socket: %w", err)
	}
	ln, err := net.Listen("unix", sock)
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("cannot listen for other starts: %w", err)
	}
	return ln, func() { f.Close() }, nil
}

// dial connects to the running instance; ErrNotRunning when nobody listens.
func dial(name string, timeout time.Duration) (net.Conn, error) {
	dir, err := runtimeDir()
	if err != nil {
		return nil, err
	}
	c, err := net.DialTimeout("unix", filepath.Join(dir, name+".sock"), timeout)
	if err != nil {
		return nil, fmt.Errorf("%w (%v)", ErrNotRunning, err)
	}
	return c, nil
}

func runtimeDir() (string, error) {
	base, err := os.UserCacheDir() // %LocalAppData%
	if err != nil {
		return "", fmt.Errorf("no local app data folder: %w", err)
	}
	d := filepath.Join(base, "authdesk", "run")
	if err := os.MkdirAll(d, 0o700); err != nil {
		return "", fmt.Errorf("cannot create the runtime folder: %w", err)
	}
	return d, nil
}
