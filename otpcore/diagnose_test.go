package otpcore

import (
	"testing"
	"time"
)

func TestDiagnose(t *testing.T) {
	sec, _ := DecodeBase32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
	acc := NewAccount(TOTP, "x", "", sec)
	now := time.Unix(1111111100, 0) // 20 s into its period
	code := func(at time.Time) string { c, _ := acc.Code(at); return c }
	tests := []struct {
		name  string
		typed string
		cause Cause
		off   time.Duration
	}{
		{"current, typed with a space", code(now)[:3] + " " + code(now)[3:], CauseNone, 0},
		{"previous: expired while typing", code(now.Add(-30 * time.Second)), CauseTiming, -30 * time.Second},
		{"next, 10 s before the change: clock", code(now.Add(30 * time.Second)), CauseClock, 30 * time.Second},
		{"two minutes slow", code(now.Add(-2 * time.Minute)), CauseClock, -2 * time.Minute},
		{"ten minutes fast", code(now.Add(10 * time.Minute)), CauseClock, 10 * time.Minute},
		{"wrong key or typo", "000000", CauseKey, 0},
		{"empty", "", CauseKey, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.typed == "000000" && code(now) == "000000" {
				t.Skip("collision")
			}
			d := Diagnose(acc, tc.typed, now)
			if d.Cause != tc.cause || d.Offset != tc.off {
				t.Fatalf("got %+v, want cause %d offset %v", d, tc.cause, tc.off)
			}
		})
	}
	// The next code in the last seconds of a period: timing, not clock.
	late := time.Unix(1111111109, 0)
	if d := Diagnose(acc, code(late.Add(30*time.Second)), late); d.Cause != CauseTiming {
		t.Fatalf("next code 1 s before the change: %+v", d)
	}
	h := NewAccount(HOTP, "h", "", sec)
	h.Counter = 3
	if d := Diagnose(h, HOTPCode(sec, 5, 6, SHA1), now); d.Cause != CauseTiming {
		t.Fatalf("HOTP code ahead: %+v", d)
	}
}
