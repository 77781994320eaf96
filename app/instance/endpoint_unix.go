//go:build unix

package instance

import (
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// claim takes dir/NAME.lock without waiting (ErrRunning when another
// process holds it), then listens on dir/NAME.sock, replacing a socket left
// by a process that died.
func claim(name string) (net.Listener, func(), error) {
	dir, err := runtimeDir()
	if err != nil {
		return nil, nil, err
	}
	f, err := os.OpenFile(filepath.Join(dir, name+".lock"), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot open the instance lock: %w", err)
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err != syscall.EINTR {
			break
		}
	}
	if errors.Is(err, syscall.EWOULDBLOCK) {
		f.Close()
		return nil, nil, ErrRunning
	}
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("cannot lock the instance: %w", err)
	}
	sock := filepath.Join(dir, name+".sock")
	// We hold the lock: a socket file there belongs to a process that died.
	if err := os.Remove(sock); err != nil && !errors.Is(err, fs.ErrNotExist) {
		f.Close()
		return nil, nil, fmt.Errorf("cannot replace the old instance socket: %w", err)
	}
	ln, err := net.Listen("unix", sock)
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("cannot listen for other starts: %w", err)
	}
	ln.(*net.UnixListener).SetUnlinkOnClose(true)
	_ = os.Chmod(sock, 0o600)
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

// runtimeDir is the user's private runtime folder: $XDG_RUNTIME_DIR when it
// is the user's own and closed to others, otherwise authdesk-UID in the
// temp dir, created 0700 and checked the same way (another user could have
// made it first to read what passes through it).
func runtimeDir() (string, error) {
	if d := os.Getenv("XDG_RUNTIME_DIR"); d != "" && private(d) == nil {
		return d, nil
	}
	d := filepath.Join(os.TempDir(), fmt.Sprintf("authdesk-%d", os.Getuid()))
	if err := os.Mkdir(d, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		return "", fmt.Errorf("cannot create the runtime folder: %w", err)
	}
	if err := private(d); err != nil {
		return "", err
	}
	return d, nil
}

// private checks that d is a real directory of this user that no one else
// can enter or write.
func private(d string) error {
	fi, err := os.Lstat(d)
	if err != nil {
		return fmt.Errorf("cannot use the runtime folder: %w", err)
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	switch {
	case !fi.IsDir():
		return fmt.Errorf("the runtime folder %s is not a folder; remove it", d)
	case !ok || int(st.Uid) != os.Getuid():
		return fmt.Errorf("the runtime folder %s belongs to another user; remove it", d)
	case fi.Mode().Perm()&0o077 != 0:
		return fmt.Errorf("the runtime folder %s is open to other users (mode %o); run chmod 700 on it", d, fi.Mode().Perm())
	}
	return nil
}
