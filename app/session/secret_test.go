package session

import (
	"testing"
	"time"

	"authdesk/app/settings"
)

// hintedClip is a system clipboard that can copy with history hints.
type hintedClip struct {
	fakeClip
	secrets int
}

func (c *hintedClip) SetSecret(s string) { c.secrets++; c.s = s }

// A code goes through SetSecret when the clipboard has it (the system
// clipboard of app/clipboard); clearing it stays a plain write.
func TestCopyUsesSetSecret(t *testing.T) {
	clip := &hintedClip{}
	s := New(&fakeVault{}, clip, settings.Defaults())
	now := time.Unix(1_700_000_000, 0)
	s.Copy("287082", now)
	if clip.secrets != 1 || clip.s != "287082" {
		t.Fatalf("SetSecret calls %d, clipboard %q", clip.secrets, clip.s)
	}
	s.Tick(now.Add(settings.Defaults().ClipboardClear))
	if clip.s != "" || clip.secrets != 1 {
		t.Fatalf("after the clear: clipboard %q, SetSecret calls %d", clip.s, clip.secrets)
	}
}
