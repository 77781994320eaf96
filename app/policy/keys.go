package policy

// Keys are the names of the policy's values, the same in the JSON file,
// the registry and the ADMX template.
var Keys = []string{
	"lock_after_seconds", "clipboard_clear_seconds", "hide_codes", "lock_on_focus_loss",
	"allow_cleartext_export", "allow_import", "home", "time_server", "clock_check",
	"password_min_length",
}
