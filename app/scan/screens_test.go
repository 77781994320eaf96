package scan

import (
	"context"
	"errors"
	"hash/crc32"
	"image"
	"strings"
	"testing"

	"authdesk/otpcore"
	"authdesk/otpcore/qr/qrtest"
)

func crc32IEEE(b []byte) uint32 { return crc32.ChecksumIEEE(b) }

// fakeDesktop is a Capturer over in-memory screens.
type fakeDesktop struct {
	rects      []image.Rectangle
	shots      []image.Image
	listErr    error
	captureErr error
}

func (d fakeDesktop) Displays() ([]image.Rectangle, error) { return d.rects, d.listErr }

func (d fakeDesktop) Capture(r image.Rectangle) (image.Image, error) {
	if d.captureErr != nil {
		return nil, d.captureErr
	}
	for i, dr := range d.rects {
		if dr == r {
			return d.shots[i], nil
		}
	}
	return nil, errors.New("no such screen")
}

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

var x11Env = env(map[string]string{"DISPLAY": ":0"})

func TestScreens(t *testing.T) {
	empty := qrtest.Background(1920, 1080, 2)
	withCode, rects, err := qrtest.Scene(1920, 1080, 3, qrtest.Code{Text: testURI, Module: 3, At: image.Pt(700, 420)})
	if err != nil {
		t.Fatal(err)
	}
	left, right := image.Rect(0, 0, 1920, 1080), image.Rect(1920, 0, 3840, 1080)
	s := Scanner{Capturer: fakeDesktop{rects: []image.Rectangle{left, right}, shots: []image.Image{empty, withCode}}, Getenv: x11Env}
	found, rep, err := s.Screens(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(found) != 1 {
		t.Fatalf("found %d codes, want 1", len(found))
	}
	f := found[0]
	if f.Text != testURI || f.Kind != otpcore.KindOTPAuth || len(f.Accounts) != 1 || f.Accounts[0].Issuer != "Example" {
		t.Errorf("found %+v", f)
	}
	if f.Source.String() != "screen 2" {
		t.Errorf("source %q, want screen 2", f.Source)
	}
	// On the second screen, in desktop coordinates.
	want := rects[0].Add(right.Min)
	if d := f.Bounds.Min.Sub(want.Min); d.X*d.X+d.Y*d.Y > 16 || f.Bounds.Dx()-want.Dx() > 4 || want.Dx()-f.Bounds.Dx() > 4 {
		t.Errorf("bounds %v, want about %v", f.Bounds, want)
	}
	if rep != (Report{Screens: 2, Codes: 1, Accounts: 1}) {
		t.Errorf("report %+v", rep)
	}
}

func TestScreensErrors(t *testing.T) {
	one := []image.Rectangle{image.Rect(0, 0, 800, 600)}
	shot := []image.Image{qrtest.Background(800, 600, 4)}
	cases := []struct {
		name    string
		s       Scanner
		wantErr error
		msg     string
	}{
		{"no display", Scanner{Capturer: fakeDesktop{}, Getenv: env(nil)}, ErrNoDisplay,
			"no desktop to capture: DISPLAY and WAYLAND_DISPLAY are not set; run authdesk inside your desktop session, or save a screenshot"},
		{"unreachable", Scanner{Capturer: fakeDesktop{listErr: ErrDisplayUnreachable}, Getenv: x11Env}, ErrDisplayUnreachable, "cannot open the display"},
		{"zero screens", Scanner{Capturer: fakeDesktop{}, Getenv: env(map[string]string{"WAYLAND_DISPLAY": "wayland-0"})}, ErrNoScreens,
			"the display reports no screen: turn a monitor on"},
		{"capture refused", Scanner{Capturer: fakeDesktop{rects: one, shots: shot, captureErr: ErrCaptureRefused}, Getenv: x11Env}, ErrCaptureRefused,
			"screen 1: screen capture refused"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := c.s.Screens(context.Background())
			if !errors.Is(err, c.wantErr) {
				t.Fatalf("error %v, want %v", err, c.wantErr)
			}
			if !strings.Contains(err.Error(), c.msg) {
				t.Errorf("message %q does not say %q", err, c.msg)
			}
		})
	}
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		s := Scanner{Capturer: fakeDesktop{rects: one, shots: shot}, Getenv: x11Env}
		if _, _, err := s.Screens(ctx); !errors.Is(err, context.Canceled) {
			t.Errorf("error %v, want context.Canceled", err)
		}
	})
}

func TestNoneFound(t *testing.T) {
	cases := []struct {
		rep  Report
		want string
	}{
		{Report{Screens: 2}, "no QR code found on 2 screens: is the portal window visible, not covered and not minimised?"},
		{Report{Screens: 1}, "no QR code found on 1 screen: is the portal window visible"},
		{Report{Files: 3}, "no QR code found in 3 files: is the QR code whole and sharp in the picture?"},
		{Report{Files: 1, Codes: 1}, "found 1 QR code in 1 file but no authenticator key"},
		{Report{Screens: 2, Codes: 2}, "found 2 QR codes on 2 screens but no authenticator key"},
	}
	for _, c := range cases {
		if got := c.rep.NoneFound(); !strings.HasPrefix(got, c.want) {
			t.Errorf("%+v: %q, want it to start with %q", c.rep, got, c.want)
		}
	}
}
