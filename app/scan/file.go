package scan

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"authdesk/otpcore/qr"
)

// limits are the size limits of image files: 100 megapixels and 64 MiB.
var limits = qr.DefaultLimits

// File decodes every QR code of an image file (PNG, JPEG, GIF, BMP or
// WebP, recognised by content). A file that is not an image, cannot be
// read or is too large gives an error wrapping ErrUnreadable, ErrNotImage,
// ErrDamaged, ErrTooManyPixels or ErrTooManyBytes, with the file name; no
// code found is not an error (an empty result).
func File(path string) ([]Found, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %v", path, ErrUnreadable, reason(err))
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %v", path, ErrUnreadable, reason(err))
	}
	if st.IsDir() {
		return nil, fmt.Errorf("%s: %w: it is a folder; give an image file", path, ErrUnreadable)
	}
	if st.Size() > limits.MaxBytes {
		return nil, fmt.Errorf("%s: %w: %.1f MiB, the limit is %d MiB; crop it to the QR code", path, ErrTooManyBytes,
			float64(st.Size())/(1<<20), limits.MaxBytes>>20)
	}
	if !st.Mode().IsRegular() { // a pipe, /dev/stdin: size unknown
		return Read(f, path)
	}
	data := make([]byte, st.Size())
	if _, err := io.ReadFull(f, data); err != nil {
		return nil, fmt.Errorf("%s: %w: %v", path, ErrUnreadable, reason(err))
	}
	return decodeFile(data, path)
}

// Read decodes every QR code of an image read from r (a pipe, standard
// input), named name in the results and errors; errors as File's.
func Read(r io.Reader, name string) ([]Found, error) {
	data, err := io.ReadAll(io.LimitReader(r, limits.MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %v", name, ErrUnreadable, reason(err))
	}
	return decodeFile(data, name)
}

// decodeFile decodes the bytes of an image file (fast paths for screenshot
// BMP and PNG).
func decodeFile(data []byte, name string) ([]Found, error) {
	img, _, err := qr.DecodeGray(data, limits)
	if err != nil {
		if errors.Is(err, ErrTooManyPixels) {
			return nil, fmt.Errorf("%s: %w; crop it to the QR code", name, err)
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return Image(img, Source{File: name}), nil
}

// reason is the part of an os error worth a person's reading: "no such
// file or directory", "permission denied" (the path is already said).
func reason(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
