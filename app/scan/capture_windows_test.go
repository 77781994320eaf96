//go:build windows

package scan

import (
	"os"
	"strconv"
	"testing"
)

// monitorsEnv, set by scripts/itest-windows.sh on a display with that many
// monitors, is how many the capturer must find.
const monitorsEnv = "AUTHDESK_TEST_MONITORS"

// Each monitor is captured whole at its own pixels: the image has the size
// of the monitor's rectangle, wherever the rectangle sits.
func TestGDICapturesEachMonitor(t *testing.T) {
	rects, err := GDI{}.Displays()
	if err != nil {
		t.Fatal(err)
	}
	if want, err := strconv.Atoi(os.Getenv(monitorsEnv)); err == nil && len(rects) != want {
		t.Fatalf("%d monitors %v, want %d", len(rects), rects, want)
	}
	if len(rects) == 0 {
		t.Fatal("no monitor")
	}
	for _, r := range rects {
		img, err := GDI{}.Capture(r)
		if err != nil {
			t.Fatalf("capture of %v: %v", r, err)
		}
		if img.Bounds().Dx() != r.Dx() || img.Bounds().Dy() != r.Dy() {
			t.Fatalf("monitor %v captured as %v", r, img.Bounds())
		}
		t.Logf("monitor %v captured at %dx%d", r, img.Bounds().Dx(), img.Bounds().Dy())
	}
}
