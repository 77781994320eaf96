//go:build !windows

package clipboard

// errNoHints: this platform's clipboard takes no history hints here.
var errNoHints = ErrUnavailable

func setSecret(string) error { return errNoHints }
