//go:build unix

package instance

import (
	"os"
	"testing"
)

func TestRuntimeDirOpenToOthersIsNotUsed(t *testing.T) {
	open := t.TempDir()
	if err := os.Chmod(open, 0o777); err != nil {
		t.Fatal(err)
	}
	t.Setenv("XDG_RUNTIME_DIR", open)
	d, err := runtimeDir()
	if err != nil {
		t.Fatal(err)
	}
	if d == open {
		t.Fatal("a world-writable XDG_RUNTIME_DIR was used")
	}
	if err := private(d); err != nil {
		t.Fatalf("the fallback folder is not private: %v", err)
	}
}
