//go:build !(linux || freebsd || netbsd || openbsd || dragonfly || windows)

package scan

import (
	"context"
	"fmt"
)

// clipboardPicture: not written yet for macOS.
func clipboardPicture(context.Context) ([]byte, error) {
	return nil, fmt.Errorf("%w: pasting a picture is not available on this system yet; save the screenshot to a file and open it (\"Open an image…\")", ErrNoPicture)
}
