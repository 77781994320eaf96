//go:build linux || freebsd || netbsd || openbsd || dragonfly

package scan

import (
	"bufio"
	"context"
	"errors"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

	"authdesk/otpcore/qr/qrtest"
)

// privateBus starts a dbus-daemon of its own for one test and returns its
// address; it stops with the test.
func privateBus(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("dbus-daemon"); err != nil {
		t.Skip("dbus-daemon is not installed (Debian: dbus-daemon)")
	}
	dir, err := os.MkdirTemp("", "bus") // short: a socket path has 108 bytes
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	// A bus of its own without service files: nothing is started on it
	// (not the machine's real portal).
	conf := filepath.Join(dir, "bus.conf")
	if err := os.WriteFile(conf, []byte(`<busconfig><type>session</type><listen>unix:dir=`+dir+`</listen>
<policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy></busconfig>`), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("dbus-daemon", "--config-file="+conf, "--nofork", "--nopidfile", "--print-address=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("dbus-daemon gave no address: %v", err)
	}
	return strings.TrimSpace(line)
}

// fakePortal is org.freedesktop.portal.Desktop's Screenshot on a private
// bus, answering as its mode says.
type fakePortal struct {
	conn *dbus.Conn
	mode string
	dir  string // where it writes captures, as portals do (0644)
	png  []byte

	mu          sync.Mutex
	tokenString bool // handle_token came as a string
	interactive bool
	closed      []dbus.ObjectPath
	written     []string
	wg          sync.WaitGroup
}

// The modes of the fake.
const (
	answerOK       = "ok"        // a capture, 50 ms after the call
	answerEarly    = "early"     // a capture, before the call returns
	answerCancel   = "cancelled" // Response 1
	answerRefuse   = "refused"   // Response 2
	answerRefuseF  = "refused-with-file"
	answerNever    = "never"        // no answer; a capture crosses the Close
	answerSilently = "never-at-all" // no answer, even on Close
)

func startFakePortal(t *testing.T, addr, mode string) *fakePortal {
	t.Helper()
	conn, err := dbus.Connect(addr)
	if err != nil {
		t.Fatal(err)
	}
	img, _, err := qrtest.Scene(1280, 720, 3, qrtest.Code{Text: testURI, Module: 4, At: image.Pt(900, 300)})
	if err != nil {
		t.Fatal(err)
	}
	var buf strings.Builder
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	f := &fakePortal{conn: conn, mode: mode, dir: t.TempDir(), png: []byte(buf.String())}
	if err := conn.Export(f, portalPath, "org.freedesktop.portal.Screenshot"); err != nil {
		t.Fatal(err)
	}
	reply, err := conn.RequestName(portalBus, dbus.NameFlagDoNotQueue)
	if err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("cannot own %s: %v %v", portalBus, reply, err)
	}
	t.Cleanup(func() { f.wg.Wait(); conn.Close() })
	return f
}

// Screenshot is the portal's method.
func (f *fakePortal) Screenshot(sender dbus.Sender, parent string, opts map[string]dbus.Variant) (dbus.ObjectPath, *dbus.Error) {
	token, isString := opts["handle_token"].Value().(string)
	interactive, _ := opts["interactive"].Value().(bool)
	f.mu.Lock()
	f.tokenString, f.interactive = isString, interactive
	f.mu.Unlock()
	if !isString { // the real portal ignores it and makes up a path
		token = "t42"
	}
	path := requestPath(string(sender), token)
	if err := f.conn.Export(&fakeRequest{f, path}, path, portalRequest); err != nil {
		return "", dbus.MakeFailedError(err)
	}
	switch f.mode {
	case answerEarly:
		f.answer(path, 0, true)
	case answerOK, answerCancel, answerRefuse, answerRefuseF:
		f.wg.Add(1)
		go func() {
			defer f.wg.Done()
			time.Sleep(50 * time.Millisecond)
			switch f.mode {
			case answerOK:
				f.answer(path, 0, true)
			case answerCancel:
				f.answer(path, 1, false)
			case answerRefuse:
				f.answer(path, 2, false)
			case answerRefuseF:
				f.answer(path, 2, true)
			}
		}()
	}
	return path, nil
}

// answer emits the Response, with a capture file when file is set.
func (f *fakePortal) answer(path dbus.ObjectPath, code uint32, file bool) {
	results := map[string]dbus.Variant{}
	if file {
		p := filepath.Join(f.dir, "out.png")
		if err := os.WriteFile(p, f.png, 0o644); err == nil {
			f.mu.Lock()
			f.written = append(f.written, p)
			f.mu.Unlock()
			results["uri"] = dbus.MakeVariant("file://" + p)
		}
	}
	f.conn.Emit(path, portalRequest+".Response", code, results)
}

type fakeRequest struct {
	f    *fakePortal
	path dbus.ObjectPath
}

// Close is org.freedesktop.portal.Request.Close. In the "never" mode a
// capture crosses it, as a slow portal's may.
func (r *fakeRequest) Close() *dbus.Error {
	r.f.mu.Lock()
	r.f.closed = append(r.f.closed, r.path)
	r.f.mu.Unlock()
	if r.f.mode == answerNever {
		r.f.answer(r.path, 0, true)
	}
	return nil
}

// settle waits for the goroutines of closed connections to end, and
// returns how many are left.
func settle(want int) int {
	n := runtime.NumGoroutine()
	for deadline := time.Now().Add(3 * time.Second); n > want && time.Now().Before(deadline); n = runtime.NumGoroutine() {
		time.Sleep(20 * time.Millisecond)
	}
	return n
}

func TestPortal(t *testing.T) {
	gnome := env(map[string]string{"XDG_CURRENT_DESKTOP": "ubuntu:GNOME"})
	sway := env(map[string]string{"XDG_CURRENT_DESKTOP": "sway"})
	cases := []struct {
		name    string
		mode    string // "" no portal on the bus
		getenv  func(string) string
		cancel  time.Duration // cancel the scan's context after this
		want    error
		message []string // parts of the error's one line
		closed  bool     // the request must be closed
	}{
		{name: "ok", mode: answerOK, getenv: sway},
		{name: "answer before the call returns", mode: answerEarly, getenv: sway},
		{name: "cancelled", mode: answerCancel, getenv: gnome, want: ErrCaptureCancelled,
			message: []string{"screen capture cancelled: ", `"Allow Applications to Take Screenshots?"`, `click "Allow"`, "Ctrl+V"}},
		{name: "refused on GNOME", mode: answerRefuse, getenv: gnome, want: ErrCaptureRefused,
			message: []string{"screen capture refused: GNOME said no", `"Deny"`, "flatpak permission-reset " + AppID, `"screenshot" table`}},
		{name: "refused on sway", mode: answerRefuse, getenv: sway, want: ErrCaptureRefused,
			message: []string{"xdg-desktop-portal-wlr", "install grim"}},
		{name: "refused with a file", mode: answerRefuseF, getenv: sway, want: ErrCaptureRefused},
		{name: "never answers", mode: answerNever, getenv: sway, want: ErrPortalTimeout, closed: true,
			message: []string{"the desktop portal did not answer within 1 s: restart the portal"}},
		{name: "never answers, even on close", mode: answerSilently, getenv: gnome, want: ErrPortalTimeout, closed: true,
			message: []string{`scan again and click "Allow" sooner`}},
		{name: "scan cancelled", mode: answerSilently, getenv: sway, cancel: 200 * time.Millisecond, want: context.Canceled, closed: true},
		{name: "no portal", getenv: sway, want: ErrNoPortal,
			message: []string{"no screenshot portal: install xdg-desktop-portal, xdg-desktop-portal-wlr, xdg-desktop-portal-gtk"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			addr := privateBus(t)
			var fake *fakePortal
			if tc.mode != "" {
				fake = startFakePortal(t, addr, tc.mode)
			}
			before := runtime.NumGoroutine()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if tc.cancel > 0 {
				time.AfterFunc(tc.cancel, cancel)
			}
			s := Scanner{Capturer: Portal{Address: addr, Timeout: time.Second, Getenv: tc.getenv},
				Getenv: env(map[string]string{"WAYLAND_DISPLAY": "wayland-1"})}
			start := time.Now()
			found, rep, err := s.Screens(ctx)
			took := time.Since(start)
			if took > 5*time.Second { // 1 s, and margin for a loaded machine
				t.Errorf("the scan took %v; the portal's timeout is 1 s", took)
			}
			if tc.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				if len(found) != 1 || found[0].Text != testURI || rep.Screens != 1 {
					t.Fatalf("found %d codes on %d screens, want the one code", len(found), rep.Screens)
				}
				// Positions in the portal's image: the code was drawn at 900,300.
				if b := found[0].Bounds; !b.Overlaps(image.Rect(900, 300, 1100, 500)) || b.Min.X < 880 {
					t.Errorf("the code's bounds %v, want near 900,300", b)
				}
			} else {
				if !errors.Is(err, tc.want) {
					t.Fatalf("error %v, want %v", err, tc.want)
				}
				msg := err.Error()
				if strings.Contains(msg, "\n") {
					t.Errorf("the error is not one line: %q", msg)
				}
				for _, part := range tc.message {
					if !strings.Contains(msg, part) {
						t.Errorf("the error %q does not say %q", msg, part)
					}
				}
			}
			if fake == nil {
				return
			}
			fake.wg.Wait()
			fake.mu.Lock()
			defer fake.mu.Unlock()
			if !fake.tokenString || fake.interactive {
				t.Errorf("options: handle_token a string %v, interactive %v; want a string and false", fake.tokenString, fake.interactive)
			}
			if tc.closed != (len(fake.closed) > 0) {
				t.Errorf("Request.Close called %d times; want it called: %v", len(fake.closed), tc.closed)
			}
			for _, p := range fake.written {
				if _, err := os.Stat(p); !errors.Is(err, os.ErrNotExist) {
					t.Errorf("the capture file %s is still there (%v)", p, err)
				}
			}
			if tc.mode == answerNever && len(fake.written) == 0 {
				t.Error("the capture that crossed the Close was not written: the case tests nothing")
			}
			if n := settle(before); n > before {
				buf := make([]byte, 1<<16)
				t.Errorf("%d goroutines before the scan, %d after:\n%s", before, n, buf[:runtime.Stack(buf, true)])
			}
		})
	}
}

func TestRequestPath(t *testing.T) {
	if got := requestPath(":1.42", "authdesk_0a"); got != "/org/freedesktop/portal/desktop/request/1_42/authdesk_0a" {
		t.Errorf("requestPath = %s", got)
	}
}

func TestDefault(t *testing.T) {
	if _, ok := Default(env(map[string]string{"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"})).(Portal); !ok {
		t.Error("a Wayland session (with XWayland) is not captured through the portal")
	}
	if p, _ := Default(env(map[string]string{"XDG_SESSION_TYPE": "wayland"})).(Portal); p.AppID != AppID {
		t.Errorf("the portal registers %q, want %q", p.AppID, AppID)
	}
	if _, ok := Default(env(map[string]string{"DISPLAY": ":0"})).(X11); !ok {
		t.Error("an X11 session is not captured through X11")
	}
}
