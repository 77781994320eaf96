package qr

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/gif"  // GIF by content
	_ "image/jpeg" // JPEG by content
	_ "image/png"  // PNG by content
	"io"

	_ "golang.org/x/image/bmp"  // BMP by content
	_ "golang.org/x/image/webp" // WebP by content
)

// Limits bound what an image may cost before its pixels are decoded.
type Limits struct {
	MaxPixels int64 // width x height
	MaxBytes  int64 // encoded size
}

// DefaultLimits: 100 megapixels (a 3x 4K desktop is 25) and 64 MiB.
var DefaultLimits = Limits{MaxPixels: 100_000_000, MaxBytes: 64 << 20}

// Sentinel errors of ReadImage; match them with errors.Is.
var (
	// ErrNotImage: the bytes are in no supported image format.
	ErrNotImage = errors.New("not an image: use a PNG, JPEG, GIF, BMP or WebP file")
	// ErrDamaged: the format is known but the image cannot be decoded.
	ErrDamaged = errors.New("damaged image")
	// ErrTooManyPixels: the header announces more pixels than allowed.
	ErrTooManyPixels = errors.New("image too large")
	// ErrTooManyBytes: the encoded image is bigger than allowed.
	ErrTooManyBytes = errors.New("image file too large")
)

// ReadImage decodes a PNG, JPEG, GIF, BMP or WebP image from r, recognised
// by its content. It reads at most lim.MaxBytes+1 bytes, then reads the
// header alone (image.DecodeConfig) and refuses an image of more than
// lim.MaxPixels before any pixel memory is taken: a small file announcing
// a huge image (a decompression bomb) costs nothing. It returns the image
// and the format name ("png", "jpeg", "gif", "bmp", "webp").
func ReadImage(r io.Reader, lim Limits) (image.Image, string, error) {
	data, err := io.ReadAll(io.LimitReader(r, lim.MaxBytes+1))
	if err != nil {
		return nil, "", fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	if int64(len(data)) > lim.MaxBytes {
		return nil, "", fmt.Errorf("%w: more than %s", ErrTooManyBytes, mib(lim.MaxBytes))
	}
	cfg, format, err := CheckConfig(data, lim)
	if err != nil {
		return nil, format, err
	}
	img, err := decodeChecked(data, cfg, format)
	return img, format, err
}

// decodeChecked decodes the pixels of an image whose header gave cfg and
// format, and checks that they are the size the header said.
func decodeChecked(data []byte, cfg image.Config, format string) (image.Image, error) {
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrDamaged, format, err)
	}
	if b := img.Bounds(); b.Dx() != cfg.Width || b.Dy() != cfg.Height {
		return nil, fmt.Errorf("%w: %s: header says %dx%d, pixels are %dx%d", ErrDamaged, format, cfg.Width, cfg.Height, b.Dx(), b.Dy())
	}
	return img, nil
}

// CheckConfig reads the header of an encoded image and checks it against
// lim (the byte size is the caller's business); it returns the header and
// the format name.
func CheckConfig(data []byte, lim Limits) (image.Config, string, error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if errors.Is(err, image.ErrFormat) {
		return cfg, "", ErrNotImage
	}
	if err != nil {
		return cfg, format, fmt.Errorf("%w: %s: %v", ErrDamaged, format, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return cfg, format, fmt.Errorf("%w: %s: %dx%d pixels", ErrDamaged, format, cfg.Width, cfg.Height)
	}
	px := int64(cfg.Width) * int64(cfg.Height) // both < 2^31: no overflow
	if px > lim.MaxPixels {
		return cfg, format, fmt.Errorf("%w: %dx%d pixels (%s); the limit is %s", ErrTooManyPixels, cfg.Width, cfg.Height, megapixels(px), megapixels(lim.MaxPixels))
	}
	return cfg, format, nil
}

func megapixels(n int64) string {
	if n%1_000_000 == 0 {
		return fmt.Sprintf("%d megapixels", n/1_000_000)
	}
	return fmt.Sprintf("%.1f megapixels", float64(n)/1e6)
}

func mib(n int64) string {
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}
