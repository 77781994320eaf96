//go:build unix

package instance

import (
	"os/exec"
	"syscall"
)

// detach puts the new GUI in its own session, so that it outlives the
// process the desktop started for the link (and its terminal, if any).
func detach(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
}
