//go:build !windows

package clipboard

import "testing"

// Without hints the text goes through the app's clipboard, once.
func TestCopySecretFallsBack(t *testing.T) {
	r := &recorder{}
	CopySecret(r, "287082")
	if len(r.got) != 1 || r.got[0] != "287082" {
		t.Fatalf("the app's clipboard got %q", r.got)
	}
}
