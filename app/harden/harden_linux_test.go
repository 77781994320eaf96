//go:build linux

package harden

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

const childEnv = "AUTHDESK_HARDEN_TEST_CHILD"

// state is what the process reports about itself: whether it is dumpable
// and its core-file limit.
func state() string {
	d, err := unix.PrctlRetInt(unix.PR_GET_DUMPABLE, 0, 0, 0, 0)
	if err != nil {
		return "prctl: " + err.Error()
	}
	var lim unix.Rlimit
	if err := unix.Getrlimit(unix.RLIMIT_CORE, &lim); err != nil {
		return "getrlimit: " + err.Error()
	}
	return fmt.Sprintf("dumpable=%d core=%d/%d", d, lim.Cur, lim.Max)
}

// TestProcess runs this test binary again as a child that reports its
// state, calls Process, and reports again: a fresh process is dumpable,
// a hardened one is not and may write no core file.
func TestProcess(t *testing.T) {
	if os.Getenv(childEnv) == "1" {
		fmt.Println("before", state())
		if err := Process(); err != nil {
			fmt.Println("error", err)
		}
		fmt.Println("after", state())
		// The process can still read its own /proc files (the app reads
		// none, but Go's runtime and tests do).
		if _, err := os.ReadFile("/proc/self/status"); err != nil {
			fmt.Println("error /proc/self/status:", err)
		}
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), childEnv+"=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	text := string(out)
	if strings.Contains(text, "error") {
		t.Fatalf("child reports an error:\n%s", text)
	}
	if !strings.Contains(text, "before dumpable=1 ") {
		t.Errorf("a fresh process should be dumpable (else this test proves nothing):\n%s", text)
	}
	if !strings.Contains(text, "after dumpable=0 core=0/0") {
		t.Errorf("after Process the child is still dumpable or may write a core file:\n%s", text)
	}
}
