//go:build freebsd || netbsd || openbsd || dragonfly

package scan

// portalLookup: nothing to do outside Linux (see portal_lookup_linux.go).
func portalLookup() (restore func()) { return func() {} }
