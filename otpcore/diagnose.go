package otpcore

import (
	"strings"
	"time"
)

// Cause is the likely reason a portal refused a code.
type Cause int

// Causes, as Diagnose reports them.
const (
	// CauseNone: the code is the current one; if the portal refused it,
	// the portal's own clock or its copy of the key is at fault.
	CauseNone Cause = iota
	// CauseTiming: the code was right a period ago (it expired while being
	// typed) or is the next one while the period was about to end.
	CauseTiming
	// CauseClock: the code belongs to a time further off: this computer's
	// clock (or the portal's) is wrong by about Offset.
	CauseClock
	// CauseKey: no code of this key near now matches: the key is not the
	// one the portal has, or the code was mistyped.
	CauseKey
)

// Diagnosis is what Diagnose found.
type Diagnosis struct {
	Cause Cause
	// Offset is how far from t the typed code belongs (a multiple of the
	// period): negative when the code is from the past.
	Offset time.Duration
}

// DiagnoseWindow is how far Diagnose looks for a matching code on each
// side of now: clocks off by more than this are reported as a key problem.
const DiagnoseWindow = 15 * time.Minute

// Diagnose tells why a portal may have refused the code typed (spaces
// ignored), comparing it with the account's codes around t: the current,
// previous and next ones, then up to DiagnoseWindow away. HOTP accounts
// compare with the codes of the counters around the current one.
func Diagnose(a Account, typed string, t time.Time) Diagnosis {
	typed = strings.ToUpper(strings.Join(strings.Fields(typed), ""))
	if a.Validate() != nil || typed == "" {
		return Diagnosis{Cause: CauseKey}
	}
	if a.Type == HOTP {
		for d := uint64(0); d <= 20; d++ {
			if HOTPCode(a.Secret, a.Counter+d, a.Digits, a.Algorithm) == typed {
				if d == 0 {
					return Diagnosis{Cause: CauseNone}
				}
				return Diagnosis{Cause: CauseTiming}
			}
		}
		return Diagnosis{Cause: CauseKey}
	}
	step, err := TimeStep(t, a.Period)
	if err != nil {
		return Diagnosis{Cause: CauseClock}
	}
	period := time.Duration(a.Period) * time.Second
	max := int64(DiagnoseWindow / period)
	for d := int64(0); d <= max; d++ {
		sides := []int64{-d, d} // the past first: a slow typist is likelier
		if d == 0 {
			sides = sides[:1]
		}
		for _, s := range sides {
			n := int64(step) + s
			if n < 0 || a.codeAtStep(uint64(n)) != typed {
				continue
			}
			off := time.Duration(s) * period
			switch {
			case s == 0:
				return Diagnosis{Cause: CauseNone}
			case s == -1 || (s == 1 && a.Remaining(t) <= 5*time.Second):
				return Diagnosis{Cause: CauseTiming, Offset: off}
			}
			return Diagnosis{Cause: CauseClock, Offset: off}
		}
	}
	return Diagnosis{Cause: CauseKey}
}
