package screens

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2/widget"

	"authdesk/app/policy"
)

// policy is what the organization enforces: Deps.Policy in tests,
// otherwise this machine's (app/policy, read once).
func (u *UI) policy() policy.Policy {
	if u.deps.Policy != nil {
		return *u.deps.Policy
	}
	return policy.Active()
}

// byOrganization marks a setting the policy enforces.
func byOrganization(label string) string {
	return fmt.Sprintf(tr("%s (set by your organization)"), label)
}

// cleartextExportAllowed reports whether links and QR codes may be
// exported.
func (u *UI) cleartextExportAllowed() bool { return !u.policy().NoCleartextExport }

// importAllowed reports whether imports are allowed.
func (u *UI) importAllowed() bool { return !u.policy().NoImport }

// checkNewPassword is checkNewPassword with the organization's minimum.
func (u *UI) checkNewPassword(a, b string) error {
	if n := u.policy().PasswordMinLength; n > MinPasswordLength && len([]rune(a)) < n {
		return fmt.Errorf(tr("The password needs at least %d characters (set by your organization)."), n)
	}
	return checkNewPassword(a, b)
}

// atMost keeps the choices no longer than max (0: all), with max itself
// when it is not one of them.
func atMost(choices []time.Duration, max time.Duration) []time.Duration {
	if max <= 0 {
		return choices
	}
	var out []time.Duration
	for _, d := range choices {
		if d < max {
			out = append(out, d)
		}
	}
	return append(out, max)
}

// enforce shows a setting the organization forces as such: disabled, with
// its label saying so.
func enforce(c *widget.Check, forced bool) {
	if forced {
		c.Text = byOrganization(c.Text)
		c.Disable()
	}
}
