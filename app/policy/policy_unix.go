//go:build !windows

package policy

// DefaultPath is where the policy file is read on Linux and other Unix
// systems.
const DefaultPath = "/etc/authdesk/policy.json"

// System reads this machine's policy: DefaultPath.
func System() (Policy, error) { return Load(DefaultPath) }
