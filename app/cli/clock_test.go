package cli

import (
	"net"
	"strings"
	"testing"
	"time"

	"authdesk/app/clock/clocktest"
)

func TestClockCommand(t *testing.T) {
	slow := clocktest.NewServer(t, 12300*time.Millisecond) // this clock is 12 s slow
	fine := clocktest.NewServer(t, -2300*time.Millisecond)
	dead, _ := net.ListenPacket("udp", "127.0.0.1:0")
	deadAddr := dead.LocalAddr().String()
	dead.Close()
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"over the limit", []string{"clock", "--server", slow}, 1, "offset +12.", "this computer's clock is 12 s slow, enough to make codes fail"},
		{"within the limit", []string{"clock", "--server", fine}, 0, "offset -2.", ""},
		{"no answer", []string{"clock", "--server", deadAddr, "--timeout", "300ms"}, 2, "", "no time server answered"},
		{"stray argument", []string{"clock", "now"}, 2, "", "clock takes no argument besides its options"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := run(t, "", tc.args...)
			if code != tc.code || !strings.HasPrefix(out, tc.stdout) || !strings.Contains(errs, tc.stderr) {
				t.Fatalf("exit %d stdout %q stderr %q", code, out, errs)
			}
			if tc.stdout != "" && !strings.HasSuffix(out, " s\n") {
				t.Errorf("stdout %q is not 'offset +N.NNN s'", out)
			}
		})
	}
}
