//go:build linux || freebsd || netbsd || openbsd || dragonfly

package scan

import (
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"io"
	"os"
	"runtime"
	"sync"

	"github.com/gen2brain/shm"
	"github.com/jezek/xgb"
	mshm "github.com/jezek/xgb/shm"
	"github.com/jezek/xgb/xinerama"
	"github.com/jezek/xgb/xproto"
)

// X11 captures the screens of an X11 display: each Xinerama head (or the
// root window when there is none), in root-window coordinates. A capture
// is read through MIT-SHM and returned as its luminance (*image.Gray), all
// that decoding needs: a quarter of the memory of colour, converted on all
// cores. A Wayland session uses Portal instead (see Default).
type X11 struct{}

// quietXGB stops xgb's own logging ("Could not get authority info") on
// standard error: a missing ~/.Xauthority is normal under Xvfb and the
// errors that matter come back as values.
var quietXGB sync.Once

func connect() (*xgb.Conn, error) {
	quietXGB.Do(func() { xgb.Logger.SetOutput(io.Discard) })
	c, err := xgb.NewConn()
	if err == nil {
		return c, nil
	}
	if os.Getenv("DISPLAY") == "" {
		return nil, fmt.Errorf("%w: this Wayland desktop has no X11 compatibility (XWayland) to read the screens through; enable it, or save a screenshot of the portal and scan the file", ErrDisplayUnreachable)
	}
	return nil, fmt.Errorf("%w %q: %v; is the desktop session running and is authdesk allowed to use it (XAUTHORITY)?", ErrDisplayUnreachable, os.Getenv("DISPLAY"), err)
}

// Displays implements Capturer.
func (X11) Displays() ([]image.Rectangle, error) {
	c, err := connect()
	if err != nil {
		return nil, err
	}
	defer c.Close()
	if xinerama.Init(c) == nil {
		if reply, err := xinerama.QueryScreens(c).Reply(); err == nil && reply.Number > 0 {
			rects := make([]image.Rectangle, 0, reply.Number)
			for _, s := range reply.ScreenInfo {
				r := image.Rect(int(s.XOrg), int(s.YOrg), int(s.XOrg)+int(s.Width), int(s.YOrg)+int(s.Height))
				if !r.Empty() {
					rects = append(rects, r)
				}
			}
			return rects, nil
		}
	}
	s := xproto.Setup(c).DefaultScreen(c)
	if s.WidthInPixels == 0 || s.HeightInPixels == 0 {
		return nil, nil
	}
	return []image.Rectangle{image.Rect(0, 0, int(s.WidthInPixels), int(s.HeightInPixels))}, nil
}

// Capture implements Capturer.
func (X11) Capture(r image.Rectangle) (image.Image, error) {
	img, err := captureRoot(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %v; check that no security policy blocks screen capture, or save a screenshot and scan the file", ErrCaptureRefused, err)
	}
	return img, nil
}

// errFormat: the root window is not 32-bit little-endian xRGB.
var errFormat = errors.New("unsupported screen pixel format")

// captureRoot reads the rectangle r of the root window into a luminance
// image whose bounds are r.
func captureRoot(r image.Rectangle) (*image.Gray, error) {
	c, err := connect()
	if err != nil {
		return nil, err
	}
	defer c.Close()
	setup := xproto.Setup(c)
	screen := setup.DefaultScreen(c)
	if !xRGB32(setup, screen) {
		return nil, errFormat
	}
	r = r.Intersect(image.Rect(0, 0, int(screen.WidthInPixels), int(screen.HeightInPixels)))
	if r.Empty() {
		return nil, fmt.Errorf("the screen %v is outside the root window", r)
	}
	img := image.NewGray(r)
	if mshm.Init(c) == nil {
		err = captureSHM(c, screen.Root, r, img)
	} else {
		err = captureCore(c, screen.Root, r, img)
	}
	if err != nil {
		return nil, err
	}
	return img, nil
}

// captureBands is how many horizontal bands a capture is requested in:
// all requests go at once, and a band is converted while the X server
// copies the next.
const captureBands = 4

// bands splits the rows of r: the first row and the height of each band.
func bands(r image.Rectangle) [][2]int {
	h := r.Dy()
	step := (h + captureBands - 1) / captureBands
	var out [][2]int
	for y0 := 0; y0 < h; y0 += step {
		out = append(out, [2]int{y0, min(step, h-y0)})
	}
	return out
}

// captureSHM reads r through one shared-memory segment.
func captureSHM(c *xgb.Conn, root xproto.Window, r image.Rectangle, img *image.Gray) error {
	w := r.Dx()
	id, err := shm.Get(shm.IPC_PRIVATE, 4*w*r.Dy(), shm.IPC_CREAT|0o600)
	if err != nil {
		return err
	}
	defer shm.Rm(id) // freed once both sides detach
	data, err := shm.At(id, 0, 0)
	if err != nil {
		return err
	}
	defer shm.Dt(data)
	seg, err := mshm.NewSegId(c)
	if err != nil {
		return err
	}
	if err := mshm.AttachChecked(c, seg, uint32(id), false).Check(); err != nil {
		return err
	}
	defer mshm.Detach(c, seg)
	bs := bands(r)
	cookies := make([]mshm.GetImageCookie, len(bs))
	for i, b := range bs {
		cookies[i] = mshm.GetImage(c, xproto.Drawable(root), int16(r.Min.X), int16(r.Min.Y+b[0]),
			uint16(w), uint16(b[1]), 0xffffffff, xproto.ImageFormatZPixmap, seg, uint32(4*w*b[0]))
	}
	for i, b := range bs {
		if _, err := cookies[i].Reply(); err != nil {
			return err
		}
		bgrxToGray(img.Pix[b[0]*w:(b[0]+b[1])*w], data[4*w*b[0]:4*w*(b[0]+b[1])])
	}
	return nil
}

// captureCore reads r through the core protocol (no MIT-SHM: a remote
// display).
func captureCore(c *xgb.Conn, root xproto.Window, r image.Rectangle, img *image.Gray) error {
	w := r.Dx()
	bs := bands(r)
	cookies := make([]xproto.GetImageCookie, len(bs))
	for i, b := range bs {
		cookies[i] = xproto.GetImage(c, xproto.ImageFormatZPixmap, xproto.Drawable(root),
			int16(r.Min.X), int16(r.Min.Y+b[0]), uint16(w), uint16(b[1]), 0xffffffff)
	}
	for i, b := range bs {
		reply, err := cookies[i].Reply()
		if err != nil {
			return err
		}
		if len(reply.Data) < 4*w*b[1] {
			return fmt.Errorf("short image from the X server: %d bytes for %dx%d", len(reply.Data), w, b[1])
		}
		bgrxToGray(img.Pix[b[0]*w:(b[0]+b[1])*w], reply.Data)
	}
	return nil
}

// xRGB32 reports whether the root window's pixels are 32-bit little-endian
// words with red, green and blue in bits 16-23, 8-15 and 0-7.
func xRGB32(setup *xproto.SetupInfo, screen *xproto.ScreenInfo) bool {
	if setup.ImageByteOrder != xproto.ImageOrderLSBFirst {
		return false
	}
	bpp := 0
	for _, f := range setup.PixmapFormats {
		if f.Depth == screen.RootDepth {
			bpp = int(f.BitsPerPixel)
		}
	}
	if bpp != 32 {
		return false
	}
	for _, d := range screen.AllowedDepths {
		for _, v := range d.Visuals {
			if v.VisualId == screen.RootVisual {
				return v.RedMask == 0xff0000 && v.GreenMask == 0xff00 && v.BlueMask == 0xff
			}
		}
	}
	return false
}

// bgrxToGray converts len(dst) pixels to their BT.601 luma (the weights
// otpcore/qr uses), the cores sharing them.
func bgrxToGray(dst, src []byte) {
	n := len(dst)
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	step := (n + workers - 1) / workers
	for p0 := 0; p0 < n; p0 += step {
		p1 := min(p0+step, n)
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, d := src[4*p0:4*p1], dst[p0:p1]
			for i := range d {
				v := binary.LittleEndian.Uint32(s[4*i:])
				d[i] = byte((v>>16&0xff*19595 + v>>8&0xff*38470 + v&0xff*7471 + 1<<15) >> 16)
			}
		}()
	}
	wg.Wait()
}
