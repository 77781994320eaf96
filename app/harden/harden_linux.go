//go:build linux

package harden

import (
	"errors"
	"fmt"

	"golang.org/x/sys/unix"
)

// Process marks the process not dumpable and sets its core-file limit to
// zero. Both are best effort: an error says which failed, and the process
// may run on without them.
func Process() error {
	var errs []error
	if err := unix.Prctl(unix.PR_SET_DUMPABLE, 0, 0, 0, 0); err != nil {
		errs = append(errs, fmt.Errorf("prctl(PR_SET_DUMPABLE, 0): %w", err))
	}
	if err := unix.Setrlimit(unix.RLIMIT_CORE, &unix.Rlimit{Cur: 0, Max: 0}); err != nil {
		errs = append(errs, fmt.Errorf("setrlimit(RLIMIT_CORE, 0): %w", err))
	}
	return errors.Join(errs...)
}
