package screens

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// Enter on the lock screen with nothing typed tries nothing: no failed try
// is counted, however often it happens.
func TestLockScreenEmptyEnterCountsNothing(t *testing.T) {
	h := newHarness(t)
	h.createProfile("alice", testPW)
	h.shortcut(fyne.KeyL)
	pw := h.entry("Password")
	for range 8 {
		pw.OnSubmitted("")
		h.wantText("Type the password first.")
	}
	if _, err := os.Stat(filepath.Join(h.home, "profiles", "alice", "unlock.json")); err == nil {
		t.Fatal("empty Enters were counted as failed tries")
	}
	test.Type(pw, testPW)
	h.tap("Unlock")
	h.wantText("Add device")
}
