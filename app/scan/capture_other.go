//go:build !(linux || freebsd || netbsd || openbsd || dragonfly)

package scan

import (
	"fmt"
	"image"

	"github.com/kbinani/screenshot"
)

// X11 on this system reads the screens through kbinani/screenshot.
type X11 struct{}

// Displays implements Capturer.
func (X11) Displays() ([]image.Rectangle, error) {
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
func (X11) Capture(r image.Rectangle) (image.Image, error) {
	img, err := screenshot.CaptureRect(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCaptureRefused, err)
	}
	return img, nil
}
