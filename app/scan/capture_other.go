//go:build !(linux || freebsd || netbsd || openbsd || dragonfly || windows)

package scan

import (
	"fmt"
	"image"

	"github.com/kbinani/screenshot"
)

// Native reads the screens of macOS through kbinani/screenshot, one
// capture per display. It is the only platform-specific part of a screen
// scan there. (Windows has GDI, capture_windows.go.)
type Native struct{}

// Default is the capturer of this system: Native.
func Default(func(string) string) Capturer { return Native{} }

// Displays implements Capturer.
func (Native) Displays() ([]image.Rectangle, error) {
	n := screenshot.NumActiveDisplays()
	rects := make([]image.Rectangle, 0, n)
	for i := 0; i < n; i++ {
		if r := screenshot.GetDisplayBounds(i); !r.Empty() {
			rects = append(rects, r)
		}
	}
	return rects, nil
}

// Capture implements Capturer.
func (Native) Capture(r image.Rectangle) (image.Image, error) {
	img, err := screenshot.CaptureRect(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCaptureRefused, err)
	}
	return img, nil
}
