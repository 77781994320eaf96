//go:build windows

package instance

import (
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/sys/windows"
)

// claim takes NAME.lock in the user's local app data without waiting
// (ErrRunning when another process holds it), then listens on a named pipe
// that only the current user can open: its security descriptor grants the
// user's SID alone, and the SID is part of its name, so no other user's
// pipe can stand in for it (pipe names are machine-wide). A named pipe and
// not an AF_UNIX socket: Wine, where the Windows build is tested, has no
// AF_UNIX sockets (WSAEAFNOSUPPORT).
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
	path, sid, err := pipePath(name)
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	// D:P: a protected DACL; (A;;GA;;;SID): all access, for the user only.
	ln, err := listenPipe(path, "D:P(A;;GA;;;"+sid+")")
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("cannot listen for other starts: %w", err)
	}
	return ln, func() { f.Close() }, nil
}

// dial connects to the running instance; ErrNotRunning when nobody listens.
func dial(name string, timeout time.Duration) (net.Conn, error) {
	path, _, err := pipePath(name)
	if err != nil {
		return nil, err
	}
	c, err := dialPipe(path, timeout)
	if err != nil {
		return nil, fmt.Errorf("%w (%v)", ErrNotRunning, err)
	}
	return c, nil
}

// pipePath is \\.\pipe\NAME-SID for the current user, and the SID.
func pipePath(name string) (string, string, error) {
	u, err := windows.GetCurrentProcessToken().GetTokenUser()
	if err != nil {
		return "", "", fmt.Errorf("cannot read the current user: %w", err)
	}
	sid := u.User.Sid.String()
	return `\\.\pipe\` + name + "-" + sid, sid, nil
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
