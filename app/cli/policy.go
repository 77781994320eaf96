package cli

import "authdesk/app/policy"

// policy is what the organization enforces on this run: Env.Policy in
// tests, otherwise this machine's (read once).
func (e *Env) policy() policy.Policy {
	if e.Policy != nil {
		return *e.Policy
	}
	return policy.Active()
}
