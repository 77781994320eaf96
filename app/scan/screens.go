package scan

import (
	"context"
	"fmt"
	"image"
	"os"
	"sync"
)

// Capturer reads the screens of a desktop: X11 on an X11 session, Portal
// on a Wayland one, GDI on Windows, Native on macOS (see Default); tests use a
// fake.
type Capturer interface {
	// Displays lists each screen's rectangle in the virtual desktop.
	Displays() ([]image.Rectangle, error)
	// Capture returns the pixels of the rectangle r of the desktop (any
	// image type; its bounds may be r or start at 0,0).
	Capture(r image.Rectangle) (image.Image, error)
}

// DesktopCapturer is a Capturer that takes the whole desktop at once,
// every monitor as the compositor arranges and scales them (Portal): the
// Scanner then searches that one image, and reports positions in it.
type DesktopCapturer interface {
	CaptureDesktop(ctx context.Context) (image.Image, error)
}

// Scanner captures and decodes the screens.
type Scanner struct {
	Capturer Capturer
	// Getenv reads DISPLAY and WAYLAND_DISPLAY; tests replace it.
	Getenv func(string) string
}

// Report says what a scan searched and found.
type Report struct {
	Screens  int // screens captured
	Files    int // image files read
	Codes    int // QR codes found
	Accounts int // accounts in them
}

// Screens captures and decodes every screen of the desktop with this
// session's capturer (Default). See Scanner.Screens.
func Screens(ctx context.Context) ([]Found, Report, error) {
	return Scanner{Capturer: Default(os.Getenv), Getenv: os.Getenv}.Screens(ctx)
}

// Screens captures every screen and returns the QR codes on them, screen
// by screen, each top-left first, with positions in the virtual desktop
// (in the portal's image for a DesktopCapturer). Errors wrap ErrNoDisplay,
// ErrDisplayUnreachable, ErrNoScreens, ErrCaptureRefused, or a portal's
// ErrCaptureCancelled, ErrNoPortal or ErrPortalTimeout (or ctx.Err()),
// each with what to do. Finding nothing is not an error: see
// Report.NoneFound.
func (s Scanner) Screens(ctx context.Context) ([]Found, Report, error) {
	var rep Report
	if s.Getenv("DISPLAY") == "" && s.Getenv("WAYLAND_DISPLAY") == "" {
		return nil, rep, fmt.Errorf("%w: DISPLAY and WAYLAND_DISPLAY are not set; run authdesk inside your desktop session, or save a screenshot of the portal and scan the file", ErrNoDisplay)
	}
	if d, ok := s.Capturer.(DesktopCapturer); ok {
		return s.desktop(ctx, d)
	}
	rects, err := s.Capturer.Displays()
	if err != nil {
		return nil, rep, err
	}
	if len(rects) == 0 {
		return nil, rep, fmt.Errorf("%w: turn a monitor on or wake the screen, then scan again", ErrNoScreens)
	}
	// Capture one screen while the previous one is being decoded.
	type shot struct {
		img image.Image
		err error
	}
	shots := make([]chan shot, len(rects))
	for i := range shots {
		shots[i] = make(chan shot, 1)
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i, r := range rects {
			if ctx.Err() != nil {
				shots[i] <- shot{err: ctx.Err()}
				continue
			}
			img, err := s.Capturer.Capture(r)
			shots[i] <- shot{img, err}
		}
	}()
	defer wg.Wait()
	var out []Found
	for i, r := range rects {
		sh := <-shots[i]
		if sh.err != nil {
			if ctx.Err() != nil {
				return nil, rep, ctx.Err()
			}
			return nil, rep, fmt.Errorf("screen %d: %w", i+1, sh.err)
		}
		rep.Screens++
		// The capture's own origin may be (0,0) or r.Min: place it at r.Min.
		found, err := decodeImage(ctx, sh.img, Source{Screen: i + 1}, r.Min.Sub(sh.img.Bounds().Min))
		if err != nil {
			return nil, rep, err
		}
		out = append(out, found...)
	}
	JoinParts(out)
	rep.count(out)
	return out, rep, nil
}

// desktop searches one capture of the whole desktop.
func (s Scanner) desktop(ctx context.Context, d DesktopCapturer) ([]Found, Report, error) {
	var rep Report
	img, err := d.CaptureDesktop(ctx)
	if err != nil {
		return nil, rep, err
	}
	rep.Screens = 1
	found, err := decodeImage(ctx, img, Source{Screen: 1}, image.Point{}.Sub(img.Bounds().Min))
	if err != nil {
		return nil, rep, err
	}
	JoinParts(found)
	rep.count(found)
	return found, rep, nil
}

func (r *Report) count(found []Found) {
	r.Codes = len(found)
	r.Accounts = 0
	for _, f := range found {
		r.Accounts += len(f.Accounts)
	}
}

// NoneFound is the sentence for a scan that found no account: how much was
// searched, and what to do.
func (r Report) NoneFound() string {
	where := ""
	switch {
	case r.Screens > 0:
		where = fmt.Sprintf("on %d %s", r.Screens, plural(r.Screens, "screen", "screens"))
	case r.Files > 0:
		where = fmt.Sprintf("in %d %s", r.Files, plural(r.Files, "file", "files"))
	}
	if r.Codes > 0 {
		return fmt.Sprintf("found %d QR %s %s but no authenticator key: scan the code the portal shows under \"Register device\"",
			r.Codes, plural(r.Codes, "code", "codes"), where)
	}
	if r.Screens > 0 {
		return "no QR code found " + where + ": is the portal window visible, not covered and not minimised? Scroll the QR code into view, or zoom in if it is very small"
	}
	return "no QR code found " + where + ": is the QR code whole and sharp in the picture? Crop the image around it, or take a new screenshot"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
