package winstate

import (
	"errors"
	"fmt"
	"sync"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// ErrNoDisplay: no X server answered.
var ErrNoDisplay = errors.New("no X display")

// iconicState is WM_STATE's value for a minimised window (ICCCM 4.1.3.1).
const iconicState = 3

// X11 reads windows' WM_STATE over one connection to the X server, opened
// on first use. The zero value is ready; it is safe for concurrent use.
type X11 struct {
	mu      sync.Mutex
	conn    *xgb.Conn
	wmState xproto.Atom
}

// Iconic reports whether window is minimised. A window without WM_STATE
// (no window manager) is not.
func (x *X11) Iconic(window uint32) (bool, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if err := x.open(); err != nil {
		return false, err
	}
	p, err := xproto.GetProperty(x.conn, false, xproto.Window(window), x.wmState, x.wmState, 0, 2).Reply()
	if err != nil {
		x.closeLocked() // open again next time
		return false, fmt.Errorf("read WM_STATE: %w", err)
	}
	if p.Format != 32 || len(p.Value) < 4 {
		return false, nil
	}
	return xgb.Get32(p.Value) == iconicState, nil
}

func (x *X11) open() error {
	if x.conn != nil {
		return nil
	}
	c, err := xgb.NewConn()
	if err != nil {
		return fmt.Errorf("%w: %w", ErrNoDisplay, err)
	}
	a, err := xproto.InternAtom(c, false, uint16(len("WM_STATE")), "WM_STATE").Reply()
	if err != nil {
		c.Close()
		return fmt.Errorf("WM_STATE atom: %w", err)
	}
	x.conn, x.wmState = c, a.Atom
	return nil
}

// Close ends the connection.
func (x *X11) Close() {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.closeLocked()
}

func (x *X11) closeLocked() {
	if x.conn != nil {
		x.conn.Close()
		x.conn = nil
	}
}
