// Package policy reads the settings an organization enforces on authdesk:
// on Linux and other Unix systems the JSON file /etc/authdesk/policy.json,
// on Windows the values under HKLM\Software\Policies\authdesk, then
// HKCU\Software\Policies\authdesk (Group Policy writes them; the machine's
// value wins). Both use the same names (docs/policies.md):
//
//	lock_after_seconds       the longest auto-lock a profile may use
//	clipboard_clear_seconds  the longest a copied code may stay
//	hide_codes               true: codes stay hidden until clicked
//	lock_on_focus_loss       true: lock when the window loses focus
//	allow_cleartext_export   false: no otpauth links or Google export (CLI
//	                         `vault export --format uris|google`, the GUI's
//	                         link and QR export); encrypted backups stay
//	allow_import             false: no import of other apps' exports or backups
//	home                     the folder that holds the profiles
//	time_server              the NTP server of the clock check
//	clock_check              the clock check at each unlock, on or off
//	password_min_length      the shortest vault password accepted
//
// Enforced values cannot be loosened: Clamp brings a profile's settings
// within the policy and leaves stricter choices alone. A policy that cannot
// be read whole (bad JSON, a value of the wrong type or out of range) is
// reported in one line, and the strictest reading of what is wrong applies
// (Strictest for a file that is not JSON at all). No policy file: nothing
// is enforced.
//
//	func Load(path string) (Policy, error)   // a JSON policy file (tests)
//	func System() (Policy, error)            // this machine's policy
//	func Active() Policy                     // System, read once per process
//	func (p Policy) Clamp(s settings.Settings) settings.Settings
package policy
