// Package scan finds enrollment QR codes on the screens and in image
// files, and says what each holds. The GUI and `authdesk scan` call it.
//
// # API
//
//	func Screens(ctx context.Context) ([]Found, Report, error)
//	func (s Scanner) Screens(ctx context.Context) ([]Found, Report, error)
//	func File(path string) ([]Found, error)
//	func Paste(ctx context.Context) ([]Found, error)
//	func Default(getenv func(string) string) Capturer
//	func Read(r io.Reader, name string) ([]Found, error)
//	func Image(img image.Image, src Source) []Found
//	func JoinParts(found []Found)
//	func (r Report) NoneFound() string
//
// Each [Found] is one QR code: its Text (byte for byte), its Kind (an
// otpauth link, a Google Authenticator export, a web link, plain text),
// the Accounts it holds (a Google export expanded into all of its), a Hint
// for a person when it holds none or is one part of a split export whose
// other parts were not found (Part, Parts), its Source ("screen 2", or
// the file) and its Bounds (in the virtual desktop for screens, in the
// image for files). Codes come screen by screen, each screen's top-left
// first. [JoinParts] drops the hints of an export whose parts were all
// found across several calls (several files).
//
// # Screens
//
// [Screens] captures every display with the capturer of the session
// ([Default]):
//
//   - [X11] on an X11 session: pure Go over X11, one capture per Xinerama
//     head through MIT-SHM, each at its offset in the virtual desktop,
//     converted to luminance on all cores (a 3840x2160 screen is captured
//     and decoded in under 100 ms on an idle machine);
//   - [Portal] on a Wayland session (WAYLAND_DISPLAY, or
//     XDG_SESSION_TYPE=wayland; see [Wayland]): one non-interactive call
//     of the desktop portal's Screenshot, listened for on the request path
//     predicted from the connection's name and the handle_token before the
//     call is made; the Response code read (0 a capture, 1 cancelled, 2
//     refused or failed), the scan's context and a timeout honoured
//     (Request.Close then), the capture file the portal wrote read and
//     deleted in every case. The picture is the whole desktop as the
//     compositor composes it (every monitor, any scale, any arrangement);
//     it is searched as one screen, positions in its pixels. No XWayland
//     is needed;
//   - [Native] on Windows and macOS (kbinani/screenshot).
//
// A [Scanner] takes any [Capturer] (a [DesktopCapturer] is captured at
// once); tests use a fake one, and a private D-Bus bus with a fake portal.
// Each failure has its own sentinel and a message that says what to do,
// on that desktop for a portal: [ErrNoDisplay] (neither DISPLAY nor
// WAYLAND_DISPLAY), [ErrDisplayUnreachable], [ErrNoScreens] (zero
// displays), [ErrCaptureRefused], [ErrCaptureCancelled], [ErrNoPortal],
// [ErrPortalTimeout]. Finding no code is not an error: [Report.NoneFound]
// gives the sentence to show ("no QR code found on 2 screens: is the
// portal window visible, ...").
//
// # The clipboard
//
// [Paste] decodes the picture on the clipboard (a screenshot taken with
// PrtSc): its image/png (or other image) target of the X11 CLIPBOARD
// selection, XWayland's copy of it on a Wayland desktop, read in
// increments when large; on Windows its "PNG" format or its bitmap
// (CF_DIB, what PrtSc puts there). Not available on macOS yet.
//
// # Files
//
// [File] reads PNG, JPEG, GIF, BMP and WebP by content (otpcore/qr's
// DecodeGray: screenshot BMP and PNG straight to luminance). Before
// decoding it refuses a file over 64 MiB ([ErrTooManyBytes]) and, from the
// header alone, an image over 100 megapixels ([ErrTooManyPixels]); other errors
// wrap [ErrUnreadable], [ErrNotImage] or [ErrDamaged]. Messages start with
// the file name and never quote the file's content.
//
// # Secrets
//
// Found.Text and the accounts hold authenticator keys: show or store them,
// never log them. Found.Err and Found.Hint quote no secret. Call
// [Found.Wipe] when done.
package scan
