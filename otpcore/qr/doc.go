// Package qr finds and decodes every QR code in an image.Image: a screen
// capture, a photo, a scanned page. It is pure (no I/O beyond an
// io.Reader, no cgo) and built on gozxing's QR readers.
//
// # Decoding
//
// [Decode] returns every code found, top-left first in reading order, each
// with its text and its place in the image ([Code.Bounds], in the image's
// own coordinates, so a capture of a second monitor keeps its offset).
//
// The image is first turned into an 8-bit luminance plane straight from
// the pixel slices of *image.RGBA, *image.NRGBA, *image.YCbCr, *image.Gray
// (shared, not copied) and *image.Paletted (any other type goes through
// At), translucent pixels over white. The plane is thresholded in 8x8
// blocks (zxing's hybrid method); conversion and thresholding share the
// rows among the cores (GOMAXPROCS). The thresholded image and its inverse
// (light modules on dark) are then read side by side on two cores with
// zxing's multi-code reader with TryHarder, and, when neither finds
// anything, with its single-code reader.
//
// When a pass finds nothing, the next one runs: the image halved and
// quartered (modules too large for the blocks); for images up to about a
// megapixel, enlarged 2, 3 and 4 times with a Catmull-Rom kernel (modules
// of one to two pixels, whose contrast a bilinear downscale has already
// halved); finally a global threshold. A capture without any code pays for
// all passes, a capture with one pays for the first.
//
// Small images get two more tries. When zxing's readers find nothing in a
// pass, the finder patterns they saw are sampled again at the QR sizes
// nearest the estimate (zxing gives up when its rounded size is not a QR
// size, which dense codes of two or three pixels a module often are). And
// when a pass finds codes and the image has room beside them for another
// of their size (two export screens side by side), the later passes run on
// the image with the codes found blanked out.
//
// # Text
//
// [Code.Text] is UTF-8. Byte segments without an ECI header are read as
// zxing does (ASCII and UTF-8 unchanged, Shift_JIS recognised); segments
// with an ECI designator are converted from their declared character set.
// An otpauth URI comes out byte for byte as encoded.
//
// # Reading image files
//
// [ReadImage] decodes PNG, JPEG, GIF, BMP and WebP by content, after a
// look at the header alone: an image over [Limits.MaxPixels] or a file
// over [Limits.MaxBytes] is refused before any pixel memory is taken.
// [DecodeGray] does the same checks and returns the luminance only (what
// Decode needs): uncompressed 24-bit BMP and 8-bit PNG, the forms of
// screenshots, never become a colour image, and a PNG is inflated on one
// core while the other unfilters and converts. Errors of both wrap
// [ErrNotImage], [ErrDamaged], [ErrTooManyPixels] or [ErrTooManyBytes];
// test them with errors.Is.
//
// # Test scenes
//
// Package qrtest draws busy desktop-like scenes with codes of any module
// size, for tests and the scan benchmark (scripts/bench-scan.sh).
package qr
