package scan

import (
	"errors"

	"authdesk/otpcore/qr"
)

// Sentinel errors; each is wrapped with what to do. Match with errors.Is.
var (
	// ErrNoDisplay: neither DISPLAY nor WAYLAND_DISPLAY is set (a service,
	// an SSH session, a cron job).
	ErrNoDisplay = errors.New("no desktop to capture")
	// ErrDisplayUnreachable: a display is named but does not answer.
	ErrDisplayUnreachable = errors.New("cannot open the display")
	// ErrNoScreens: the display answers but reports no screen.
	ErrNoScreens = errors.New("the display reports no screen")
	// ErrCaptureRefused: the screen capture was refused or failed (a
	// Wayland portal that said no, a permission missing).
	ErrCaptureRefused = errors.New("screen capture refused")
	// ErrCaptureCancelled: the person cancelled the desktop's screenshot
	// dialog (a portal's Response 1).
	ErrCaptureCancelled = errors.New("screen capture cancelled")
	// ErrNoPortal: a Wayland session without a Screenshot portal (or
	// without a D-Bus session to reach it).
	ErrNoPortal = errors.New("screen capture unavailable")
	// ErrPortalTimeout: the desktop portal did not answer in time.
	ErrPortalTimeout = errors.New("the desktop portal did not answer")
	// ErrUnreadable: an image file cannot be opened or read.
	ErrUnreadable = errors.New("cannot read the file")

	// Errors of image files, from otpcore/qr.
	ErrNotImage      = qr.ErrNotImage
	ErrDamaged       = qr.ErrDamaged
	ErrTooManyPixels = qr.ErrTooManyPixels
	ErrTooManyBytes  = qr.ErrTooManyBytes
)
