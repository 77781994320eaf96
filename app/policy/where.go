package policy

import "strings"

// joinWhere names the places a policy came from ("HKLM\... and HKCU\...").
func joinWhere(where []string) string { return strings.Join(where, " and ") }
