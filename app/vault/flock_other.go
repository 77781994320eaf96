//go:build !(linux || darwin || freebsd || openbsd || netbsd || dragonfly || windows)

package vault

import (
	"fmt"
	"os"
)

// lockProfile only creates the profile directory on this platform: two
// authdesk processes changing one profile at once are not serialised.
func lockProfile(dir string) (func(), error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("cannot create the profile directory: %w", err)
	}
	return func() {}, nil
}
