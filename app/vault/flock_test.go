package vault

import (
	"bufio"
	"io"
	"os"
	"os/exec"
	"testing"
	"time"
)

// The profile lock's semantics on every platform that has one (flock on
// unix, LockFileEx on Windows, run under Wine there): a second taker waits
// while another process holds it, gets it when that process lets go or
// dies, and two takers in one process exclude each other too.

// lockHelperEnv names the profile folder a helper process locks.
const lockHelperEnv = "AUTHDESK_TEST_LOCK_DIR"

// TestLockHelper is not a test of its own: started by the tests below with
// lockHelperEnv set, it takes the lock, says "held", and keeps it until its
// standard input has a line or ends.
func TestLockHelper(t *testing.T) {
	dir := os.Getenv(lockHelperEnv)
	if dir == "" {
		t.Skip("helper process of TestProfileLockAcrossProcesses")
	}
	release, err := lockProfile(dir)
	if err != nil {
		t.Fatal(err)
	}
	os.Stdout.WriteString("held\n")
	_, _ = bufio.NewReader(os.Stdin).ReadString('\n')
	release()
}

// startHolder starts a helper process that holds dir's lock.
func startHolder(t *testing.T, dir string) (*exec.Cmd, io.WriteCloser) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestLockHelper$")
	cmd.Env = append(os.Environ(), lockHelperEnv+"="+dir)
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || line != "held\n" {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		t.Fatalf("the helper did not take the lock: %q %v", line, err)
	}
	go func() { _, _ = io.Copy(io.Discard, out) }()
	return cmd, in
}

// takeLock calls lockProfile on a goroutine; the channel yields the release.
func takeLock(t *testing.T, dir string) <-chan func() {
	got := make(chan func(), 1)
	go func() {
		release, err := lockProfile(dir)
		if err != nil {
			t.Errorf("lockProfile: %v", err)
			release = func() {}
		}
		got <- release
	}()
	return got
}

// mustWait checks that the lock is not granted while another holds it.
func mustWait(t *testing.T, got <-chan func(), holder string) {
	t.Helper()
	select {
	case release := <-got:
		release()
		t.Fatalf("the lock was granted while %s held it", holder)
	case <-time.After(300 * time.Millisecond):
	}
}

// mustGet checks that the lock is granted once it is free.
func mustGet(t *testing.T, got <-chan func(), after string) {
	t.Helper()
	select {
	case release := <-got:
		release()
	case <-time.After(20 * time.Second):
		t.Fatalf("the lock was not granted after %s", after)
	}
}

func TestProfileLockAcrossProcesses(t *testing.T) {
	dir := t.TempDir()
	cmd, in := startHolder(t, dir)
	got := takeLock(t, dir)
	mustWait(t, got, "another process")
	in.Write([]byte("go\n"))
	mustGet(t, got, "the other process released it")
	in.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("helper: %v", err)
	}
}

func TestProfileLockFreedWhenHolderDies(t *testing.T) {
	dir := t.TempDir()
	cmd, in := startHolder(t, dir)
	defer in.Close()
	got := takeLock(t, dir)
	mustWait(t, got, "another process")
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	mustGet(t, got, "the holding process was killed")
}

func TestProfileLockInOneProcess(t *testing.T) {
	dir := t.TempDir()
	release, err := lockProfile(dir)
	if err != nil {
		t.Fatal(err)
	}
	got := takeLock(t, dir)
	mustWait(t, got, "this process")
	release()
	mustGet(t, got, "this process released it")
}
