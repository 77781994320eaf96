//go:build linux || freebsd || netbsd || openbsd || dragonfly

package scan

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"io"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/godbus/dbus/v5"

	"authdesk/otpcore/qr"
)

// The desktop portal's names (the Screenshot and Request interfaces of
// the XDG Desktop Portal specification).
const (
	portalBus        = "org.freedesktop.portal.Desktop"
	portalPath       = dbus.ObjectPath("/org/freedesktop/portal/desktop")
	portalScreenshot = "org.freedesktop.portal.Screenshot.Screenshot"
	portalRequest    = "org.freedesktop.portal.Request"
	portalRegistry   = "org.freedesktop.host.portal.Registry.Register"
	requestPrefix    = "/org/freedesktop/portal/desktop/request/"
)

// DefaultPortalTimeout bounds a portal capture when Portal.Timeout is 0:
// the portal's answer, a first-time permission dialog included, must come
// within it, so that `scan --screen` never waits more than 10 s.
const DefaultPortalTimeout = 8 * time.Second

// lateAnswer is how long a request closed on timeout or cancel is still
// listened to, in case the portal wrote its capture file just then: that
// file is deleted too.
const lateAnswer = 500 * time.Millisecond

// Portal captures the whole desktop of a Wayland session (every monitor,
// at its scale and place) through the XDG desktop portal's Screenshot
// interface, non-interactively. The portal writes the capture to a file
// (xdg-desktop-portal-wlr: /tmp/out.png; GNOME and KDE: ~/Pictures): it is
// read and deleted at once, in every case, and never copied. On KDE a
// missing Pictures folder is made for the capture (KDE's portal answers
// "cancelled" without it) and removed after.
type Portal struct {
	// Timeout bounds one capture; 0 is DefaultPortalTimeout.
	Timeout time.Duration
	// Address is the D-Bus address of the session bus; "" reads
	// DBUS_SESSION_BUS_ADDRESS.
	Address string
	// AppID is registered with portals that know host applications'
	// ids (xdg-desktop-portal 1.19 and later); "" registers none.
	AppID string
	// Getenv reads XDG_CURRENT_DESKTOP for the advice of errors; nil is
	// os.Getenv.
	Getenv func(string) string
}

// errWholeDesktop is Portal.Displays' answer.
var errWholeDesktop = errors.New("a Wayland desktop: every monitor is captured at once, through the desktop portal")

// Displays implements Capturer: a portal cannot list the monitors without
// capturing them, so it says so; Scanner uses CaptureDesktop.
func (Portal) Displays() ([]image.Rectangle, error) { return nil, errWholeDesktop }

// Capture implements Capturer with the whole desktop, whatever r.
func (p Portal) Capture(image.Rectangle) (image.Image, error) {
	return p.CaptureDesktop(context.Background())
}

// CaptureDesktop implements DesktopCapturer: one capture of every
// monitor, as the portal composes them. Errors wrap ErrNoPortal,
// ErrCaptureCancelled, ErrCaptureRefused or ErrPortalTimeout (or
// ctx.Err()), with what to do on this desktop.
func (p Portal) CaptureDesktop(ctx context.Context) (image.Image, error) {
	data, err := p.Screenshot(ctx)
	if err != nil {
		return nil, err
	}
	img, _, err := qr.DecodeGray(data, limits)
	clear(data)
	if err != nil {
		return nil, fmt.Errorf("%w: the desktop portal's capture cannot be read: %v", ErrCaptureRefused, err)
	}
	return img, nil
}

// Screenshot asks the portal for a screenshot and returns the bytes of
// the file it wrote, which is deleted before Screenshot returns.
func (p Portal) Screenshot(ctx context.Context) ([]byte, error) {
	timeout := p.Timeout
	if timeout <= 0 {
		timeout = DefaultPortalTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	desk := desktopOf(p.getenv())

	var conn *dbus.Conn
	var err error
	if p.Address != "" {
		conn, err = dbus.Connect(p.Address)
	} else {
		conn, err = dbus.ConnectSessionBus()
	}
	if err != nil {
		return nil, fmt.Errorf("%w: no D-Bus session to reach it (%v); %s", ErrNoPortal, err, desk.installAdvice())
	}
	defer conn.Close()

	token, err := newToken()
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCaptureRefused, err)
	}
	names := conn.Names()
	if len(names) == 0 {
		return nil, fmt.Errorf("%w: the D-Bus session gave no name", ErrNoPortal)
	}
	want := requestPath(names[0], token)

	// Listen before asking: the answer may come before the call returns.
	answers := make(chan *dbus.Signal, 8)
	conn.Signal(answers)
	defer conn.RemoveSignal(answers)
	match := []dbus.MatchOption{dbus.WithMatchInterface(portalRequest), dbus.WithMatchMember("Response"), dbus.WithMatchObjectPath(want)}
	if err := conn.AddMatchSignalContext(ctx, match...); err != nil {
		return nil, p.callError(ctx, desk, err, timeout)
	}

	if desk == kdeDesktop {
		defer ensureFolder(picturesDir(p.getenv()))()
	}
	restore := portalLookup()
	if p.AppID != "" { // portals before 1.19 have no registry: ignored
		_ = conn.Object(portalBus, portalPath).CallWithContext(ctx, portalRegistry, 0, p.AppID, map[string]dbus.Variant{}).Err
	}
	opts := map[string]dbus.Variant{
		"handle_token": dbus.MakeVariant(token),
		"interactive":  dbus.MakeVariant(false),
	}
	var handle dbus.ObjectPath
	call := conn.Object(portalBus, portalPath).CallWithContext(ctx, portalScreenshot, 0, "", opts)
	restore()
	if err := call.Store(&handle); err != nil {
		return nil, p.callError(ctx, desk, err, timeout)
	}
	if handle != want { // a portal older than handle_token (before 0.9)
		if err := conn.AddMatchSignalContext(ctx, dbus.WithMatchInterface(portalRequest), dbus.WithMatchMember("Response"), dbus.WithMatchObjectPath(handle)); err != nil {
			return nil, p.callError(ctx, desk, err, timeout)
		}
	}

	for {
		select {
		case sig := <-answers:
			code, uri, ok := response(sig, want, handle)
			if !ok {
				continue
			}
			data, ferr := takeFile(uri)
			switch code {
			case 0:
				if ferr != nil {
					return nil, fmt.Errorf("%w: %v", ErrCaptureRefused, ferr)
				}
				return data, nil
			case 1:
				clear(data)
				return nil, fmt.Errorf("%w: %s", ErrCaptureCancelled, desk.cancelledAdvice())
			default:
				clear(data)
				return nil, fmt.Errorf("%w: %s", ErrCaptureRefused, desk.refusedAdvice())
			}
		case <-ctx.Done():
			closeRequest(conn, handle, answers, want)
			if errors.Is(ctx.Err(), context.DeadlineExceeded) {
				return nil, fmt.Errorf("%w within %s: %s", ErrPortalTimeout, seconds(timeout), desk.timeoutAdvice())
			}
			return nil, ctx.Err()
		}
	}
}

func (p Portal) getenv() func(string) string {
	if p.Getenv != nil {
		return p.Getenv
	}
	return os.Getenv
}

// callError turns the error of a D-Bus call into what to do.
func (p Portal) callError(ctx context.Context, desk desktop, err error, timeout time.Duration) error {
	if ctx.Err() != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return fmt.Errorf("%w within %s: %s", ErrPortalTimeout, seconds(timeout), desk.timeoutAdvice())
		}
		return ctx.Err()
	}
	var de dbus.Error
	if errors.As(err, &de) {
		switch de.Name {
		case "org.freedesktop.DBus.Error.ServiceUnknown", "org.freedesktop.DBus.Error.UnknownMethod",
			"org.freedesktop.DBus.Error.UnknownInterface", "org.freedesktop.DBus.Error.UnknownObject",
			"org.freedesktop.DBus.Error.NameHasNoOwner":
			return fmt.Errorf("%w: %s", ErrNoPortal, desk.installAdvice())
		}
	}
	return fmt.Errorf("%w: the desktop portal failed (%v); %s", ErrCaptureRefused, err, desk.refusedAdvice())
}

// closeRequest closes the portal's request (its dialog goes away) and
// listens briefly for an answer that crossed the close, to delete its
// file.
func closeRequest(conn *dbus.Conn, handle dbus.ObjectPath, answers chan *dbus.Signal, want dbus.ObjectPath) {
	ctx, cancel := context.WithTimeout(context.Background(), lateAnswer)
	defer cancel()
	if handle != "" {
		_ = conn.Object(portalBus, handle).CallWithContext(ctx, portalRequest+".Close", 0).Err
	}
	for {
		select {
		case sig := <-answers:
			if _, uri, ok := response(sig, want, handle); ok {
				data, _ := takeFile(uri)
				clear(data)
				return
			}
		case <-ctx.Done():
			return
		}
	}
}

// response reads a Request.Response signal on one of the request's paths:
// its code and the capture's uri ("" when there is none).
func response(sig *dbus.Signal, paths ...dbus.ObjectPath) (code uint32, uri string, ok bool) {
	if sig == nil || sig.Name != portalRequest+".Response" || len(sig.Body) < 2 {
		return 0, "", false
	}
	mine := false
	for _, p := range paths {
		mine = mine || (p != "" && sig.Path == p)
	}
	if !mine {
		return 0, "", false
	}
	code, ok = sig.Body[0].(uint32)
	if !ok {
		return 0, "", false
	}
	if results, isMap := sig.Body[1].(map[string]dbus.Variant); isMap {
		if v, has := results["uri"]; has {
			uri, _ = v.Value().(string)
		}
	}
	return code, uri, true
}

// takeFile reads the capture file named by a file:// uri and deletes it,
// whatever happens; "" reads nothing.
func takeFile(uri string) ([]byte, error) {
	if uri == "" {
		return nil, errors.New("the desktop portal answered without a capture file")
	}
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" || u.Path == "" {
		return nil, fmt.Errorf("the desktop portal's capture is not a local file (%.60q)", uri)
	}
	path := u.Path
	defer os.Remove(path)
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("the desktop portal's capture file cannot be read: %v", reason(err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limits.MaxBytes+1))
	if err != nil {
		clear(data)
		return nil, fmt.Errorf("the desktop portal's capture file cannot be read: %v", err)
	}
	if int64(len(data)) > limits.MaxBytes {
		clear(data)
		return nil, fmt.Errorf("the desktop portal's capture is over %d MiB", limits.MaxBytes>>20)
	}
	return data, nil
}

// requestPath is the object path the portal gives the request of the
// connection named sender (":1.42") with handle_token token.
func requestPath(sender, token string) dbus.ObjectPath {
	s := strings.ReplaceAll(strings.TrimPrefix(sender, ":"), ".", "_")
	return dbus.ObjectPath(requestPrefix + s + "/" + token)
}

// newToken is a fresh handle_token: letters, digits and '_' only.
func newToken() (string, error) {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	return "authdesk_" + hex.EncodeToString(b[:]), nil
}

func seconds(d time.Duration) string {
	return fmt.Sprintf("%g s", d.Round(100*time.Millisecond).Seconds())
}
