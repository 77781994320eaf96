//go:build !unix

package instance

import "os/exec"

// detach: on Windows a started process already outlives its parent.
func detach(cmd *exec.Cmd) {}
