package winstate

import (
	"os"
	"testing"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// TestIconic reads the WM_STATE a window manager would set, on a real
// window of the test's X server (scripts/in-session.sh starts Xvfb).
func TestIconic(t *testing.T) {
	if os.Getenv("DISPLAY") == "" {
		t.Skip("no DISPLAY: run under scripts/in-session.sh")
	}
	c, err := xgb.NewConn()
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	screen := xproto.Setup(c).DefaultScreen(c)
	win, err := xproto.NewWindowId(c)
	if err != nil {
		t.Fatal(err)
	}
	if err := xproto.CreateWindowChecked(c, screen.RootDepth, win, screen.Root, 0, 0, 100, 100, 0,
		xproto.WindowClassInputOutput, screen.RootVisual, 0, nil).Check(); err != nil {
		t.Fatal(err)
	}
	atom, err := xproto.InternAtom(c, false, uint16(len("WM_STATE")), "WM_STATE").Reply()
	if err != nil {
		t.Fatal(err)
	}
	setState := func(state uint32) {
		data := make([]byte, 8)
		xgb.Put32(data, state)
		if err := xproto.ChangePropertyChecked(c, xproto.PropModeReplace, win, atom.Atom, atom.Atom, 32, 2, data).Check(); err != nil {
			t.Fatal(err)
		}
	}
	var x X11
	defer x.Close()
	for _, tc := range []struct {
		name  string
		state uint32 // 0: no WM_STATE
		want  bool
	}{
		{"no window manager", 0, false},
		{"normal", 1, false},
		{"minimised", iconicState, true},
		{"restored", 1, false},
	} {
		if tc.state != 0 {
			setState(tc.state)
		}
		got, err := x.Iconic(uint32(win))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got != tc.want {
			t.Errorf("%s: Iconic %v, want %v", tc.name, got, tc.want)
		}
	}
	if _, err := x.Iconic(0xdeadbeef); err == nil {
		t.Error("no error for a window that does not exist")
	}
	if got, err := x.Iconic(uint32(win)); err != nil || got {
		t.Errorf("after an error: %v, %v; want the connection opened again", got, err)
	}
}
