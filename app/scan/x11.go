package scan

import (
	"fmt"
	"image"
	"io"
	"os"
	"sync"

	"github.com/jezek/xgb"
	"github.com/kbinani/screenshot"
)

// X11 captures the screens of an X11 display (XWayland on a Wayland
// desktop; kbinani/screenshot goes through the desktop portal when
// XDG_SESSION_TYPE is wayland). Rectangles are in the virtual desktop,
// the first screen's top-left at 0,0.
type X11 struct{}

// quietXGB stops xgb's own logging ("Could not get authority info") on
// standard error: a missing ~/.Xauthority is normal under Xvfb and the
// errors that matter come back as values.
var quietXGB sync.Once

// Displays implements Capturer.
func (X11) Displays() ([]image.Rectangle, error) {
	quietXGB.Do(func() { xgb.Logger.SetOutput(io.Discard) })
	// screenshot hides why it found no display: connect once to tell.
	c, err := xgb.NewConn()
	if err != nil {
		if os.Getenv("DISPLAY") == "" {
			return nil, fmt.Errorf("%w: this Wayland desktop has no X11 compatibility (XWayland) to read the screens through; enable it, or save a screenshot of the portal and scan the file", ErrDisplayUnreachable)
		}
		return nil, fmt.Errorf("%w %q: %v; is the desktop session running and is authdesk allowed to use it (XAUTHORITY)?", ErrDisplayUnreachable, os.Getenv("DISPLAY"), err)
	}
	c.Close()
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
		return nil, fmt.Errorf("%w: %v; on Wayland allow authdesk in the screen-sharing dialog, on X11 check that no policy blocks screen capture", ErrCaptureRefused, err)
	}
	return img, nil
}
