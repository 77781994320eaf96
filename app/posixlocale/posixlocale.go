// Package posixlocale keeps Fyne from logging "Error parsing user locale C"
// on every start under the C/POSIX locale (CI machines, kiosks, cron).
//
// Import it for its side effect from package main. Its import path sorts
// before fyne.io, and it depends only on the standard library, so Go's
// package initialisation order (by import path since Go 1.21) runs it before
// Fyne's lang package reads the locale. When the effective locale variable
// is C or POSIX it is set to en_US.UTF-8 for this process only; any real
// locale is left alone.
package posixlocale

import (
	"os"
	"strings"
)

func init() {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(name)
		if v == "" {
			continue
		}
		base, _, _ := strings.Cut(v, ".")
		if base == "C" || base == "POSIX" {
			_ = os.Setenv(name, "en_US.UTF-8")
		}
		return
	}
}
