//go:build !linux

package harden

// Process does nothing on this system (see the package documentation for
// why) and returns nil.
func Process() error { return nil }
