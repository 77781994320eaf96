package vault

import "errors"

// ErrUnsafeDir: the home, profiles or profile folder belongs to another
// user or can be written by others (group or world), who could then
// replace the vault's files (an old vault.json, a settings file) or
// watch them. The message names the folder and the fix.
var ErrUnsafeDir = errors.New("unsafe folder")
