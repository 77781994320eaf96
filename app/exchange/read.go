package exchange

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"authdesk/app/scan"
	"authdesk/otpcore"
	"authdesk/otpcore/importer"
)

// Image is the format of a picture of QR codes: Google Authenticator's
// export codes or otpauth:// codes (read through app/scan).
const Image importer.Format = "image"

// ParseFormat is importer.ParseFormat that also knows Image.
func ParseFormat(s string) (importer.Format, error) {
	if strings.EqualFold(strings.TrimSpace(s), string(Image)) {
		return Image, nil
	}
	f, err := importer.ParseFormat(s)
	if err != nil {
		return f, fmt.Errorf("%w, or image", err)
	}
	return f, nil
}

// ErrRead: the file cannot be read.
var ErrRead = errors.New("cannot read the file")

// ReadFile reads the accounts of an export, backup or QR image. On error
// nothing is returned; the error wraps an importer sentinel, a scan
// sentinel or ErrRead.
func ReadFile(path string, format importer.Format, password []byte) (importer.Result, error) {
	data, err := readLimited(path)
	if err != nil {
		return importer.Result{}, err
	}
	defer wipe(data)
	if format == Image || format == importer.Auto && isImage(data) {
		return readImage(path)
	}
	r, err := importer.Import(data, format, password)
	if err != nil {
		return r, fmt.Errorf("%s: %w", path, err)
	}
	return r, nil
}

// DetectFile tells the format of a file (format, when it is not Auto).
func DetectFile(path string, format importer.Format) (importer.Format, error) {
	if format != importer.Auto {
		return format, nil
	}
	data, err := readLimited(path)
	if err != nil {
		return importer.Auto, err
	}
	defer wipe(data)
	if isImage(data) {
		return Image, nil
	}
	f, ok := importer.Detect(data)
	if !ok {
		return importer.Auto, fmt.Errorf("%s: %w", path, importer.ErrUnknownFormat)
	}
	return f, nil
}

// FileNeedsPassword reports whether ReadFile of path needs a password.
func FileNeedsPassword(path string, format importer.Format) (bool, error) {
	if format == Image {
		return false, nil
	}
	data, err := readLimited(path)
	if err != nil {
		return false, err
	}
	defer wipe(data)
	return !isImage(data) && importer.NeedsPassword(data, format), nil
}

func readLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %v", path, ErrRead, reason(err))
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, fmt.Errorf("%s: %w: it is a folder; give an export file", path, ErrRead)
	}
	data, err := io.ReadAll(io.LimitReader(f, importer.MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %v", path, ErrRead, reason(err))
	}
	if len(data) > importer.MaxSize {
		wipe(data)
		return nil, fmt.Errorf("%s: %w: %d MiB at most", path, importer.ErrTooLarge, importer.MaxSize>>20)
	}
	return data, nil
}

// reason is an os error without the path (already in the message).
func reason(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

func isImage(b []byte) bool {
	switch {
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")),
		bytes.HasPrefix(b, []byte{0xff, 0xd8, 0xff}),
		bytes.HasPrefix(b, []byte("GIF87a")), bytes.HasPrefix(b, []byte("GIF89a")),
		bytes.HasPrefix(b, []byte("BM")) && len(b) > 26,
		len(b) > 12 && bytes.HasPrefix(b, []byte("RIFF")) && string(b[8:12]) == "WEBP":
		return true
	}
	return false
}

// readImage scans an image and imports its codes' texts as a text export:
// Google export codes keep their skipped entries, codes without a key are
// listed as skipped with scan's hint.
func readImage(path string) (importer.Result, error) {
	found, err := scan.File(path)
	if err != nil {
		return importer.Result{}, err
	}
	defer func() {
		for i := range found {
			found[i].Wipe()
		}
	}()
	var text strings.Builder
	var skipped []importer.Skipped
	for i, f := range found {
		switch f.Kind {
		case otpcore.KindOTPAuth, otpcore.KindMigration:
			text.WriteString(f.Text)
			text.WriteByte('\n')
		default:
			skipped = append(skipped, importer.Skipped{Name: fmt.Sprintf("QR code %d", i+1), Reason: f.Hint})
		}
	}
	if text.Len() == 0 {
		if len(skipped) > 0 {
			return importer.Result{}, fmt.Errorf("%s: %w: %s", path, otpcore.ErrNotOTP, skipped[0].Reason)
		}
		return importer.Result{}, fmt.Errorf("%s: %w: no QR code found in the image", path, importer.ErrEmpty)
	}
	r, err := importer.Import([]byte(text.String()), importer.URIs, nil)
	if err != nil {
		return importer.Result{}, fmt.Errorf("%s: %w", path, err)
	}
	r.Format = Image
	r.Skipped = append(r.Skipped, skipped...)
	for i := range r.Notes {
		r.Notes[i] = strings.Replace(r.Notes[i], "are not here", "are not in this image", 1)
	}
	return r, nil
}

func wipe(b []byte) {
	for i := range b {
		b[i] = 0
	}
}
