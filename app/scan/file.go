package scan

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"authdesk/otpcore/qr"
)

// Limits are the size limits of image files: 100 megapixels and 64 MiB.
var Limits = qr.DefaultLimits

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
	if st.Size() > Limits.MaxBytes {
		return nil, fmt.Errorf("%s: %w: %.1f MiB, the limit is %d MiB; crop it to the QR code", path, ErrTooManyBytes,
			float64(st.Size())/(1<<20), Limits.MaxBytes>>20)
	}
	// One read of the known size, then the luminance straight from the
	// encoded bytes (fast paths for screenshot BMP and PNG).
	var data []byte
	if st.Mode().IsRegular() {
		data = make([]byte, st.Size())
		_, err = io.ReadFull(f, data)
	} else { // a pipe, /dev/stdin: size unknown
		data, err = io.ReadAll(io.LimitReader(f, Limits.MaxBytes+1))
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %v", path, ErrUnreadable, reason(err))
	}
	img, _, err := qr.DecodeGray(data, Limits)
	if err != nil {
		if errors.Is(err, ErrTooManyPixels) {
			return nil, fmt.Errorf("%s: %w; crop it to the QR code", path, err)
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return Image(img, Source{File: path}), nil
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
