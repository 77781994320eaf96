//go:build unix

package scan

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"authdesk/otpcore"
)

// A named pipe has no size: 'authdesk scan <(curl ...)'.
func TestFilePipe(t *testing.T) {
	data := must(os.ReadFile("testdata/otpauth-dim13__example.png"))
	p := filepath.Join(t.TempDir(), "pipe")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	go func() {
		f, err := os.OpenFile(p, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		defer f.Close()
		f.Write(data)
	}()
	found, err := File(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(found) != 1 || found[0].Kind != otpcore.KindOTPAuth || found[0].Source.File != p ||
		len(found[0].Accounts) != 1 || found[0].Accounts[0].DisplayName() != "Example: alice@google.com" {
		t.Errorf("found %+v", found)
	}
}
