//go:build unix

package vault

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// checkPrivateDir refuses a folder that exists and is owned by another
// user, or writable by the group or by everyone. A folder that does not
// exist yet is fine: the vault creates its folders 0700.
func checkPrivateDir(path string) error {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("cannot check the folder %s: %w", path, err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("%w: %s is not a folder; set AUTHDESK_HOME to a folder of your own", ErrUnsafeDir, path)
	}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok && int(st.Uid) != os.Getuid() {
		return fmt.Errorf("%w: %s belongs to another user (uid %d); use a folder of your own (set AUTHDESK_HOME)", ErrUnsafeDir, path, st.Uid)
	}
	if perm := fi.Mode().Perm(); perm&0o022 != 0 {
		return fmt.Errorf("%w: other users can change %s (mode %04o); run: chmod go-w %q", ErrUnsafeDir, path, perm, path)
	}
	return nil
}
