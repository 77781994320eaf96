//go:build linux

package clipboard

import (
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// KDE's Klipper (and clipboard managers that follow it) keep no history of
// a clipboard that offers the type x-kde-passwordManagerHint with the
// value "secret". The app's clipboard (GLFW's) offers only text, so after
// it has the text, an owner of our own takes the X11 CLIPBOARD selection
// (XWayland's on a Wayland desktop) and offers the text and the hint. It
// serves until another owner takes the selection (the app clearing the
// code, or the person copying something else).

const kdeHint = "x-kde-passwordManagerHint"

var (
	quietXGB sync.Once

	ownerMu sync.Mutex
	owner   *x11Owner // the current one, if any
)

// copySecret gives the app's clipboard the text, then adds the hint where
// an X server answers. Without one the app's copy stands alone.
func copySecret(app Clipboard, text string) {
	app.SetContent(text)
	if os.Getenv("DISPLAY") == "" {
		return
	}
	if o, err := own(text); err == nil {
		ownerMu.Lock()
		owner = o
		ownerMu.Unlock()
	}
}

// x11Owner serves one copy until it loses the selection.
type x11Owner struct {
	c      *xgb.Conn
	win    xproto.Window
	data   []byte
	atoms  map[string]xproto.Atom
	served chan struct{} // closed when the owner has ended
}

func own(text string) (*x11Owner, error) {
	quietXGB.Do(func() { xgb.Logger.SetOutput(io.Discard) })
	c, err := xgb.NewConn()
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	o := &x11Owner{c: c, data: []byte(text), atoms: map[string]xproto.Atom{}, served: make(chan struct{})}
	if err := o.start(); err != nil {
		o.end()
		close(o.served)
		return nil, err
	}
	go o.serve()
	return o, nil
}

var ownerAtoms = []string{"CLIPBOARD", "TARGETS", "ATOM", "UTF8_STRING", "STRING", "TEXT", "text/plain", "text/plain;charset=utf-8", kdeHint}

func (o *x11Owner) start() error {
	for _, name := range ownerAtoms {
		r, err := xproto.InternAtom(o.c, false, uint16(len(name)), name).Reply()
		if err != nil {
			return fmt.Errorf("%w: %v", ErrUnavailable, err)
		}
		o.atoms[name] = r.Atom
	}
	screen := xproto.Setup(o.c).DefaultScreen(o.c)
	win, err := xproto.NewWindowId(o.c)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	if err := xproto.CreateWindowChecked(o.c, 0, win, screen.Root, 0, 0, 1, 1, 0, xproto.WindowClassInputOnly,
		0, 0, nil).Check(); err != nil {
		return fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	o.win = win
	clip := o.atoms["CLIPBOARD"]
	if err := xproto.SetSelectionOwnerChecked(o.c, win, clip, xproto.TimeCurrentTime).Check(); err != nil {
		return fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	r, err := xproto.GetSelectionOwner(o.c, clip).Reply()
	if err != nil || r.Owner != win {
		return fmt.Errorf("%w: the clipboard went to another owner", ErrUnavailable)
	}
	return nil
}

// serve answers requests for the selection until it is taken away or the
// connection breaks, then wipes the text.
func (o *x11Owner) serve() {
	defer close(o.served)
	defer o.end()
	for {
		ev, err := o.c.WaitForEvent()
		if ev == nil && err == nil {
			return // the connection closed
		}
		switch e := ev.(type) {
		case xproto.SelectionRequestEvent:
			o.answer(e)
		case xproto.SelectionClearEvent:
			return
		}
	}
}

func (o *x11Owner) answer(e xproto.SelectionRequestEvent) {
	prop := e.Property
	if prop == xproto.AtomNone {
		prop = e.Target // an obsolete requestor
	}
	a := o.atoms
	switch e.Target {
	case a["TARGETS"]:
		list := []string{"TARGETS", "UTF8_STRING", "text/plain;charset=utf-8", "text/plain", "STRING", "TEXT", kdeHint}
		buf := make([]byte, 4*len(list))
		for i, name := range list {
			xgb.Put32(buf[4*i:], uint32(a[name]))
		}
		xproto.ChangeProperty(o.c, xproto.PropModeReplace, e.Requestor, prop, a["ATOM"], 32, uint32(len(list)), buf)
	case a["UTF8_STRING"], a["text/plain;charset=utf-8"], a["text/plain"], a["STRING"], a["TEXT"]:
		typ := a["UTF8_STRING"]
		if e.Target == a["STRING"] {
			typ = a["STRING"] // codes are ASCII: the same bytes in Latin-1
		}
		xproto.ChangeProperty(o.c, xproto.PropModeReplace, e.Requestor, prop, typ, 8, uint32(len(o.data)), o.data)
	case a[kdeHint]:
		v := []byte("secret")
		xproto.ChangeProperty(o.c, xproto.PropModeReplace, e.Requestor, prop, a[kdeHint], 8, uint32(len(v)), v)
	default:
		prop = xproto.AtomNone // refused
	}
	ev := xproto.SelectionNotifyEvent{Time: e.Time, Requestor: e.Requestor, Selection: e.Selection, Target: e.Target, Property: prop}
	xproto.SendEvent(o.c, false, e.Requestor, 0, string(ev.Bytes()))
}

// end wipes the text and closes the connection (the server then drops the
// selection if this owner still held it).
func (o *x11Owner) end() {
	for i := range o.data {
		o.data[i] = 0
	}
	o.c.Close()
}

// attach: no owner window is needed here.
func attach(Native) {}
