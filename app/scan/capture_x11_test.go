//go:build linux || freebsd || netbsd || openbsd || dragonfly

package scan

import (
	"bytes"
	"context"
	"image"
	"os"
	"testing"
	"time"

	"github.com/jezek/xgb"
	mshm "github.com/jezek/xgb/shm"
	"github.com/jezek/xgb/xproto"

	"authdesk/otpcore/qr/qrtest"
)

// showQR maps a borderless window at (x, y) of the real display that shows
// text as a QR code (module pixels, 4-module quiet zone), and returns a
// function that raises and paints it again (other tests share the display
// and may cover it).
func showQR(t *testing.T, c *xgb.Conn, x, y int16, text string, module int) func() {
	t.Helper()
	mods, err := qrtest.Modules(text, false)
	if err != nil {
		t.Fatal(err)
	}
	n := (len(mods) + 8) * module
	screen := xproto.Setup(c).DefaultScreen(c)
	wid, err := xproto.NewWindowId(c)
	if err != nil {
		t.Fatal(err)
	}
	// Override-redirect: no window manager moves or frames it.
	err = xproto.CreateWindowChecked(c, screen.RootDepth, wid, screen.Root, x, y, uint16(n), uint16(n), 0,
		xproto.WindowClassInputOutput, screen.RootVisual,
		xproto.CwBackPixel|xproto.CwOverrideRedirect, []uint32{screen.WhitePixel, 1}).Check()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { xproto.DestroyWindow(c, wid); xproto.GetInputFocus(c).Reply() })
	if err := xproto.MapWindowChecked(c, wid).Check(); err != nil {
		t.Fatal(err)
	}
	gc, _ := xproto.NewGcontextId(c)
	xproto.CreateGC(c, gc, xproto.Drawable(wid), 0, nil)
	paint := func() {
		xproto.ConfigureWindow(c, wid, xproto.ConfigWindowStackMode, []uint32{xproto.StackModeAbove})
		putQR(t, c, wid, gc, screen.RootDepth, mods, module, n)
	}
	paint()
	return paint
}

// putQR draws the code into the window.
func putQR(t *testing.T, c *xgb.Conn, wid xproto.Window, gc xproto.Gcontext, depth byte, mods [][]bool, module, n int) {
	// 32-bit xRGB pixels (what X11.Capture accepts), sent in strips under
	// the core request size limit.
	const strip = 32
	for y0 := 0; y0 < n; y0 += strip {
		h := min(strip, n-y0)
		data := make([]byte, 4*n*h)
		for i := range data {
			data[i] = 0xff
		}
		for yy := 0; yy < h; yy++ {
			my := (y0+yy)/module - 4
			for xx := 0; xx < n; xx++ {
				mx := xx/module - 4
				if my >= 0 && my < len(mods) && mx >= 0 && mx < len(mods) && mods[my][mx] {
					copy(data[4*(yy*n+xx):], []byte{0, 0, 0, 0xff})
				}
			}
		}
		err := xproto.PutImageChecked(c, xproto.ImageFormatZPixmap, xproto.Drawable(wid), gc,
			uint16(n), uint16(h), 0, int16(y0), 0, depth, data).Check()
		if err != nil {
			t.Fatal(err)
		}
	}
	xproto.GetInputFocus(c).Reply() // round trip: everything is drawn
}

// TestX11RealDisplay captures the real display that scripts/in-session.sh
// starts (Xvfb 3840x2160) with a QR code shown in a window of its own.
func TestX11RealDisplay(t *testing.T) {
	if os.Getenv("AUTHDESK_TEST_DISPLAY") != "1" {
		t.Skip("needs a real X display: run through scripts/in-session.sh (as make test does), which starts Xvfb and sets AUTHDESK_TEST_DISPLAY=1")
	}
	c, err := xgb.NewConn()
	if err != nil {
		t.Fatalf("AUTHDESK_TEST_DISPLAY=1 but no display: %v", err)
	}
	defer c.Close()
	rects, err := X11{}.Displays()
	if err != nil || len(rects) == 0 {
		t.Fatalf("displays %v, %v", rects, err)
	}
	// Bottom-right of the first screen, away from other tests' windows.
	r := rects[0]
	const module = 3
	x, y := int16(r.Max.X-400), int16(r.Max.Y-300)
	paint := showQR(t, c, x, y, testURI, module)

	var f *Found
	var rep Report
	var took time.Duration
	for try := 0; f == nil && try < 5; try++ {
		if try > 0 { // covered by another test's window: raise, paint, retry
			paint()
			time.Sleep(200 * time.Millisecond)
		}
		start := time.Now()
		found, r, err := Scanner{Capturer: X11{}, Getenv: os.Getenv}.Screens(context.Background())
		took, rep = time.Since(start), r
		if err != nil {
			t.Fatal(err)
		}
		for i := range found {
			if found[i].Text == testURI {
				f = &found[i]
			}
		}
	}
	if f == nil {
		t.Fatalf("code not found on %d screens", rep.Screens)
	}
	want := image.Pt(int(x)+4*module, int(y)+4*module)
	if d := f.Bounds.Min.Sub(want); d.X*d.X+d.Y*d.Y > 8 {
		t.Errorf("code at %v, want %v", f.Bounds.Min, want)
	}
	if f.Source.Screen != 1 || len(f.Accounts) != 1 {
		t.Errorf("found %+v", f)
	}
	t.Logf("%d screen(s) %v captured and decoded in %v", rep.Screens, rects, took)
}

// The core-protocol path (a display without MIT-SHM) reads the same pixels
// as the shared-memory one, band by band.
func TestX11CoreMatchesSHM(t *testing.T) {
	if os.Getenv("AUTHDESK_TEST_DISPLAY") != "1" {
		t.Skip("needs a real X display: run through scripts/in-session.sh (as make test does)")
	}
	c, err := connect()
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	screen := xproto.Setup(c).DefaultScreen(c)
	if err := mshm.Init(c); err != nil {
		t.Skipf("no MIT-SHM on this display: %v", err)
	}
	// Near the bottom-right corner, away from other tests' windows.
	x, y := int(screen.WidthInPixels)-800, int(screen.HeightInPixels)-700
	showQR(t, c, int16(x), int16(y), testURI, 2)
	r := image.Rect(x-7, y-5, x-7+333, y-5+257) // odd sizes: uneven bands
	a, b := image.NewGray(r), image.NewGray(r)
	if err := captureSHM(c, screen.Root, r, a); err != nil {
		t.Fatal(err)
	}
	if err := captureCore(c, screen.Root, r, b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Pix, b.Pix) {
		t.Fatal("the two capture paths differ")
	}
	// The symbol starts after a quiet zone of 4 modules of 2 pixels.
	if corner, quiet := a.GrayAt(x+8, y+8).Y, a.GrayAt(x+2, y+2).Y; corner != 0 || quiet != 255 {
		t.Errorf("the finder corner is not black on white: %d, %d", corner, quiet)
	}
}
