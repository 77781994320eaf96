//go:build windows

package scan

import (
	"fmt"
	"image"
	"sync"

	"github.com/kbinani/screenshot"
	"golang.org/x/sys/windows"
)

// GDI reads the screens of Windows, one capture per monitor at the
// monitor's native pixels: the process is made per-monitor DPI aware (V2)
// before the first look, so a monitor at 150% is read at its full
// resolution, not scaled down to 96 DPI, and monitors left of or above the
// primary keep their negative virtual-screen coordinates. The release exe's
// manifest declares the same awareness (packaging/windows); this covers a
// build without it and tests.
type GDI struct{}

// Default is the capturer of this system: GDI.
func Default(func(string) string) Capturer { return GDI{} }

// DPI_AWARENESS_CONTEXT_PER_MONITOR_AWARE_V2 is the pseudo-handle -4.
const dpiPerMonitorAwareV2 = ^uintptr(3)

var (
	dpiOnce sync.Once

	user32Scan                        = windows.NewLazySystemDLL("user32.dll")
	shcore                            = windows.NewLazySystemDLL("shcore.dll")
	procSetProcessDpiAwarenessContext = user32Scan.NewProc("SetProcessDpiAwarenessContext") // Windows 10 1703
	procSetProcessDpiAwareness        = shcore.NewProc("SetProcessDpiAwareness")            // Windows 8.1
	procSetProcessDPIAware            = user32Scan.NewProc("SetProcessDPIAware")            // Vista
)

// beDPIAware asks for the best awareness this Windows has, once. It
// changes nothing when the manifest already set one (the calls then fail
// with ERROR_ACCESS_DENIED, which is fine).
func beDPIAware() {
	dpiOnce.Do(func() {
		if procSetProcessDpiAwarenessContext.Find() == nil {
			if r, _, _ := procSetProcessDpiAwarenessContext.Call(dpiPerMonitorAwareV2); r != 0 {
				return
			}
		}
		if procSetProcessDpiAwareness.Find() == nil {
			const processPerMonitorDPIAware = 2
			if r, _, _ := procSetProcessDpiAwareness.Call(processPerMonitorDPIAware); r == 0 { // S_OK
				return
			}
		}
		if procSetProcessDPIAware.Find() == nil {
			_, _, _ = procSetProcessDPIAware.Call()
		}
	})
}

// Displays implements Capturer: each monitor's rectangle in physical
// pixels of the virtual screen.
func (GDI) Displays() ([]image.Rectangle, error) {
	beDPIAware()
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
func (GDI) Capture(r image.Rectangle) (image.Image, error) {
	beDPIAware()
	img, err := screenshot.CaptureRect(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCaptureRefused, err)
	}
	return img, nil
}
