// Package scan finds enrollment QR codes on the screens and in image
// files, and says what each holds. The GUI and `authdesk scan` call it.
//
// # API
//
//	func Screens(ctx context.Context) ([]Found, Report, error)
//	func (s Scanner) Screens(ctx context.Context) ([]Found, Report, error)
//	func File(path string) ([]Found, error)
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
// [Screens] captures every display, each at its offset in the virtual
// desktop, through the [X11] capturer: pure Go over X11 (XWayland on a
// Wayland desktop), one capture per Xinerama head through MIT-SHM,
// converted to luminance on all cores (a 3840x2160 screen is captured and
// decoded in under 100 ms on an idle machine); on a Wayland session
// (XDG_SESSION_TYPE) the capture goes through kbinani/screenshot and the
// desktop portal, which asks the user, so the whole desktop is taken at
// once, as one screen. A
// [Scanner] takes any [Capturer]; tests use a fake one. Each
// failure has its own sentinel and a message that says what to do:
// [ErrNoDisplay] (neither DISPLAY nor WAYLAND_DISPLAY), [ErrDisplayUnreachable],
// [ErrNoScreens] (zero displays), [ErrCaptureRefused]. Finding no code is
// not an error: [Report.NoneFound] gives the sentence to show ("no QR code
// found on 2 screens: is the portal window visible, ...").
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
