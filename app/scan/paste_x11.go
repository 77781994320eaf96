//go:build linux || freebsd || netbsd || openbsd || dragonfly

package scan

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// pictureTypes are the clipboard targets read as a picture, best first.
var pictureTypes = []string{"image/png", "image/bmp", "image/x-bmp", "image/jpeg", "image/gif", "image/webp"}

// textTypes say that the clipboard holds text.
var textTypes = []string{"UTF8_STRING", "text/plain", "text/plain;charset=utf-8", "STRING"}

// clipboardPicture reads the picture on the X11 CLIPBOARD selection (on a
// Wayland desktop, XWayland's copy of it): the bytes of its image/png
// target, or another image type's. It asks the selection's owner through a
// window of its own, reading a large picture in increments (INCR).
func clipboardPicture(ctx context.Context) ([]byte, error) {
	if os.Getenv("DISPLAY") == "" {
		return nil, fmt.Errorf("%w: reading a pasted picture needs X11 or XWayland, which this session lacks; save the screenshot to a file and open it (\"Open an image…\")", ErrNoPicture)
	}
	c, err := connect()
	if err != nil {
		return nil, err
	}
	defer c.Close()
	screen := xproto.Setup(c).DefaultScreen(c)
	win, err := xproto.NewWindowId(c)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDisplayUnreachable, err)
	}
	if err := xproto.CreateWindowChecked(c, 0, win, screen.Root, 0, 0, 1, 1, 0, xproto.WindowClassInputOnly,
		0, xproto.CwEventMask, []uint32{xproto.EventMaskPropertyChange}).Check(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDisplayUnreachable, err)
	}
	defer xproto.DestroyWindow(c, win)

	events := make(chan xgb.Event, 16)
	done := make(chan struct{})
	defer close(done)
	go func() { // ends when the connection closes
		for {
			ev, xerr := c.WaitForEvent()
			if ev == nil && xerr == nil {
				close(events)
				return
			}
			if ev != nil {
				select {
				case events <- ev:
				case <-done:
				}
			}
		}
	}()
	s := selection{c: c, win: win, events: events, ctx: ctx}
	if s.clipboard, err = s.atom("CLIPBOARD"); err != nil {
		return nil, err
	}
	if s.prop, err = s.atom("AUTHDESK_PASTE"); err != nil {
		return nil, err
	}
	if s.incr, err = s.atom("INCR"); err != nil {
		return nil, err
	}
	targets, err := s.targets()
	if err != nil {
		return nil, err
	}
	for _, want := range pictureTypes {
		if a, ok := targets[want]; ok {
			return s.read(a)
		}
	}
	for _, t := range textTypes {
		if _, ok := targets[t]; ok {
			return nil, fmt.Errorf("%w: it holds text; copy the QR code's picture (or press PrtSc), or use \"Paste an otpauth link\" for a link", ErrNoPicture)
		}
	}
	return nil, fmt.Errorf("%w: copy the QR code's picture (or press PrtSc), then paste again", ErrNoPicture)
}

// selection is one conversation with the CLIPBOARD's owner.
type selection struct {
	c                     *xgb.Conn
	win                   xproto.Window
	events                chan xgb.Event
	ctx                   context.Context
	clipboard, prop, incr xproto.Atom
}

func (s selection) atom(name string) (xproto.Atom, error) {
	r, err := xproto.InternAtom(s.c, false, uint16(len(name)), name).Reply()
	if err != nil {
		return 0, fmt.Errorf("%w: %v", ErrDisplayUnreachable, err)
	}
	return r.Atom, nil
}

// targets lists the types the owner offers, by name; none when nothing
// owns the clipboard.
func (s selection) targets() (map[string]xproto.Atom, error) {
	ta, err := s.atom("TARGETS")
	if err != nil {
		return nil, err
	}
	data, err := s.convert(ta, 1<<16)
	if err != nil || len(data) == 0 {
		return map[string]xproto.Atom{}, err
	}
	out := map[string]xproto.Atom{}
	for i := 0; i+4 <= len(data); i += 4 {
		a := xproto.Atom(xgb.Get32(data[i:]))
		if r, err := xproto.GetAtomName(s.c, a).Reply(); err == nil {
			out[strings.ToLower(r.Name)] = a
			out[r.Name] = a
		}
	}
	return out, nil
}

// read converts the clipboard to target and returns its bytes.
func (s selection) read(target xproto.Atom) ([]byte, error) {
	data, err := s.convert(target, limits.MaxBytes)
	if err != nil {
		return nil, err
	}
	if len(data) == 0 {
		return nil, fmt.Errorf("%w: the application that copied it gave nothing; copy the picture again", ErrNoPicture)
	}
	return data, nil
}

// convert asks the owner for target and reads the answer (at most max
// bytes), following INCR transfers; nil when the owner has none.
func (s selection) convert(target xproto.Atom, max int64) ([]byte, error) {
	xproto.ConvertSelection(s.c, s.win, s.clipboard, target, s.prop, xproto.TimeCurrentTime)
	ev, err := s.wait(func(ev xgb.Event) bool {
		n, ok := ev.(xproto.SelectionNotifyEvent)
		return ok && n.Requestor == s.win && n.Selection == s.clipboard
	})
	if err != nil {
		return nil, err
	}
	if ev.(xproto.SelectionNotifyEvent).Property == xproto.AtomNone {
		return nil, nil
	}
	r, err := xproto.GetProperty(s.c, true, s.win, s.prop, xproto.GetPropertyTypeAny, 0, uint32(max/4+1)).Reply()
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDisplayUnreachable, err)
	}
	if r.Type != s.incr {
		if int64(len(r.Value)) > max || r.BytesAfter > 0 {
			return nil, fmt.Errorf("%w: the picture is over %d MiB; crop it to the QR code", ErrTooManyBytes, max>>20)
		}
		return r.Value, nil
	}
	// INCR: deleting the property (done above) asks for the first chunk;
	// each new value is one, an empty one ends.
	var data []byte
	for {
		_, err := s.wait(func(ev xgb.Event) bool {
			p, ok := ev.(xproto.PropertyNotifyEvent)
			return ok && p.Window == s.win && p.Atom == s.prop && p.State == xproto.PropertyNewValue
		})
		if err != nil {
			clear(data)
			return nil, err
		}
		r, err := xproto.GetProperty(s.c, true, s.win, s.prop, xproto.GetPropertyTypeAny, 0, uint32(max/4+1)).Reply()
		if err != nil {
			clear(data)
			return nil, fmt.Errorf("%w: %v", ErrDisplayUnreachable, err)
		}
		if len(r.Value) == 0 {
			return data, nil
		}
		if int64(len(data)+len(r.Value)) > max {
			clear(data)
			return nil, fmt.Errorf("%w: the picture is over %d MiB; crop it to the QR code", ErrTooManyBytes, max>>20)
		}
		data = append(data, r.Value...)
	}
}

// wait returns the first event that match accepts.
func (s selection) wait(match func(xgb.Event) bool) (xgb.Event, error) {
	for {
		select {
		case ev, ok := <-s.events:
			if !ok {
				return nil, fmt.Errorf("%w: the X connection closed", ErrDisplayUnreachable)
			}
			if match(ev) {
				return ev, nil
			}
		case <-s.ctx.Done():
			return nil, fmt.Errorf("%w: the application that copied it did not answer; copy the picture again", ErrNoPicture)
		}
	}
}
