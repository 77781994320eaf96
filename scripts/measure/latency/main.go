// Command latency measures the input latency of an X11 window after it has
// been idle: it waits, sends a key through XTEST, and polls the window's
// pixels until they change; then it sends a second key that undoes the
// first (Escape by default) and waits for that change too. It prints the
// median and the worst of the first changes in milliseconds, one line:
// "latency_ms median worst". Used by scripts/measure-gui.sh.
//
// With -minimise or -restore it does what a window manager does when a
// window is minimised or restored (Xvfb has none): unmap the window and set
// its WM_STATE to Iconic, or map it and set Normal.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"slices"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
	"github.com/jezek/xgb/xtest"
)

// Keysyms of the keys the tool types.
const (
	keysymX      = 0x78
	keysymEscape = 0xff1b
)

func main() {
	name := flag.String("name", "authdesk", "the window's title")
	n := flag.Int("n", 5, "how many keys")
	idle := flag.Duration("idle", 3*time.Second, "idle time before each key")
	minimise := flag.Bool("minimise", false, "minimise the window, as a window manager does")
	restore := flag.Bool("restore", false, "restore a window minimised with -minimise")
	flag.Parse()
	var err error
	switch {
	case *minimise || *restore:
		err = setIconic(*name, *minimise)
	default:
		err = run(*name, *n, *idle)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "latency:", err)
		os.Exit(1)
	}
}

func run(name string, n int, idle time.Duration) error {
	c, err := xgb.NewConn()
	if err != nil {
		return fmt.Errorf("connect to the X server: %w", err)
	}
	defer c.Close()
	if err := xtest.Init(c); err != nil {
		return fmt.Errorf("XTEST: %w", err)
	}
	root := xproto.Setup(c).DefaultScreen(c).Root
	win, err := findWindow(c, root, name)
	if err != nil {
		return err
	}
	geo, err := xproto.GetGeometry(c, xproto.Drawable(win)).Reply()
	if err != nil {
		return fmt.Errorf("window geometry: %w", err)
	}
	keyX, err := keycode(c, keysymX)
	if err != nil {
		return err
	}
	keyEsc, err := keycode(c, keysymEscape)
	if err != nil {
		return err
	}
	grab := func() ([]byte, error) {
		img, err := xproto.GetImage(c, xproto.ImageFormatZPixmap, xproto.Drawable(win), 0, 0, geo.Width, geo.Height, 0xffffffff).Reply()
		if err != nil {
			return nil, fmt.Errorf("read the window's pixels: %w", err)
		}
		return img.Data, nil
	}
	// change sends key and returns the time until the window's pixels differ.
	change := func(key xproto.Keycode) (time.Duration, error) {
		before, err := grab()
		if err != nil {
			return 0, err
		}
		start := time.Now()
		xtest.FakeInput(c, xproto.KeyPress, byte(key), 0, root, 0, 0, 0)
		xtest.FakeInput(c, xproto.KeyRelease, byte(key), 0, root, 0, 0, 0)
		for time.Since(start) < 2*time.Second {
			now, err := grab()
			if err != nil {
				return 0, err
			}
			if !bytes.Equal(before, now) {
				return time.Since(start), nil
			}
		}
		return 0, errors.New("the window did not change within 2 s of a key")
	}
	var took []time.Duration
	for i := 0; i < n; i++ {
		time.Sleep(idle)
		d, err := change(keyX)
		if err != nil {
			return err
		}
		took = append(took, d)
		time.Sleep(300 * time.Millisecond)
		if _, err := change(keyEsc); err != nil {
			return err
		}
	}
	slices.Sort(took)
	fmt.Printf("%.0f %.0f\n", ms(took[len(took)/2]), ms(took[len(took)-1]))
	return nil
}

// WM_STATE values (ICCCM 4.1.3.1).
const (
	normalState = 1
	iconicState = 3
)

// setIconic minimises or restores the window titled name.
func setIconic(name string, iconic bool) error {
	c, err := xgb.NewConn()
	if err != nil {
		return fmt.Errorf("connect to the X server: %w", err)
	}
	defer c.Close()
	root := xproto.Setup(c).DefaultScreen(c).Root
	win, err := findWindowState(c, root, name, iconic) // mapped while not yet minimised
	if err != nil {
		return err
	}
	atom, err := xproto.InternAtom(c, false, uint16(len("WM_STATE")), "WM_STATE").Reply()
	if err != nil {
		return fmt.Errorf("WM_STATE atom: %w", err)
	}
	state := uint32(normalState)
	if iconic {
		state = iconicState
		if err := xproto.UnmapWindowChecked(c, win).Check(); err != nil {
			return fmt.Errorf("unmap: %w", err)
		}
	} else if err := xproto.MapWindowChecked(c, win).Check(); err != nil {
		return fmt.Errorf("map: %w", err)
	}
	data := make([]byte, 8)
	xgb.Put32(data, state)
	return xproto.ChangePropertyChecked(c, xproto.PropModeReplace, win, atom.Atom, atom.Atom, 32, 2, data).Check()
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// findWindow is the first mapped window under root titled name.
func findWindow(c *xgb.Conn, root xproto.Window, name string) (xproto.Window, error) {
	return findWindowState(c, root, name, true)
}

// findWindowState is the first window under root titled name, mapped or not.
func findWindowState(c *xgb.Conn, root xproto.Window, name string, mapped bool) (xproto.Window, error) {
	tree, err := xproto.QueryTree(c, root).Reply()
	if err != nil {
		return 0, fmt.Errorf("list windows: %w", err)
	}
	for _, w := range tree.Children {
		p, err := xproto.GetProperty(c, false, w, xproto.AtomWmName, xproto.GetPropertyTypeAny, 0, 256).Reply()
		if err == nil && string(p.Value) == name {
			if a, err := xproto.GetWindowAttributes(c, w).Reply(); err == nil && (a.MapState == xproto.MapStateViewable) == mapped {
				return w, nil
			}
		}
		if found, err := findWindowState(c, w, name, mapped); err == nil {
			return found, nil
		}
	}
	return 0, fmt.Errorf("no window titled %q (mapped: %v)", name, mapped)
}

// keycode is the key that types keysym.
func keycode(c *xgb.Conn, keysym xproto.Keysym) (xproto.Keycode, error) {
	setup := xproto.Setup(c)
	count := byte(setup.MaxKeycode - setup.MinKeycode + 1)
	m, err := xproto.GetKeyboardMapping(c, setup.MinKeycode, count).Reply()
	if err != nil {
		return 0, fmt.Errorf("keyboard mapping: %w", err)
	}
	per := int(m.KeysymsPerKeycode)
	for i, s := range m.Keysyms {
		if s == keysym {
			return setup.MinKeycode + xproto.Keycode(i/per), nil
		}
	}
	return 0, fmt.Errorf("no key types keysym %#x", keysym)
}
