package qr

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// pngHeader returns a PNG whose header announces w x h pixels but holds
// the data of a 1x1 image: what a decompression bomb looks like to
// DecodeConfig.
func pngHeader(t testing.TB, w, h uint32) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 1, 1))); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	// signature (8), IHDR length (4), "IHDR" (4), width, height...
	binary.BigEndian.PutUint32(b[16:], w)
	binary.BigEndian.PutUint32(b[20:], h)
	binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
	return b
}

func TestReadImage(t *testing.T) {
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	png1 := read("otpauth-dim13__example.png")
	cases := []struct {
		name    string
		data    []byte
		lim     Limits
		format  string
		wantErr error
		msg     string // a part of the message a user reads
	}{
		{"PNG", png1, DefaultLimits, "png", nil, ""},
		{"JPEG", read("otpauth-dim13__example.jpg"), DefaultLimits, "jpeg", nil, ""},
		{"GIF", read("otpauth-dim13__example.gif"), DefaultLimits, "gif", nil, ""},
		{"BMP", read("otpauth-dim13__example.bmp"), DefaultLimits, "bmp", nil, ""},
		{"WebP", read("otpauth-dim13__example.webp"), DefaultLimits, "webp", nil, ""},
		// 147x147 = 21609 pixels: exactly at the limit passes, one under refuses.
		{"at the pixel limit", png1, Limits{MaxPixels: 21609, MaxBytes: 1 << 20}, "png", nil, ""},
		{"over the pixel limit", png1, Limits{MaxPixels: 21608, MaxBytes: 1 << 20}, "png", ErrTooManyPixels, "147x147 pixels"},
		{"bomb header", pngHeader(t, 50000, 50000), DefaultLimits, "png", ErrTooManyPixels, "50000x50000 pixels (2500 megapixels); the limit is 100 megapixels"},
		{"over the byte limit", png1, Limits{MaxPixels: 1 << 30, MaxBytes: 578}, "", ErrTooManyBytes, "image file too large"},
		{"at the byte limit", png1, Limits{MaxPixels: 1 << 30, MaxBytes: 579}, "png", nil, ""},
		{"text", []byte("otpauth://totp/x?secret=JBSWY3DPEHPK3PXP"), DefaultLimits, "", ErrNotImage, "use a PNG, JPEG, GIF, BMP or WebP file"},
		{"empty", nil, DefaultLimits, "", ErrNotImage, "not an image"},
		{"truncated PNG", png1[:len(png1)/2], DefaultLimits, "png", ErrDamaged, "damaged image: png"},
		{"zero width", pngHeader(t, 0, 10), DefaultLimits, "png", ErrDamaged, "damaged"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			img, format, err := ReadImage(bytes.NewReader(c.data), c.lim)
			if !errors.Is(err, c.wantErr) {
				t.Fatalf("error %v, want %v", err, c.wantErr)
			}
			if format != c.format {
				t.Errorf("format %q, want %q", format, c.format)
			}
			if err != nil {
				if !strings.Contains(err.Error(), c.msg) {
					t.Errorf("message %q does not say %q", err, c.msg)
				}
				return
			}
			got := Decode(img)
			want := string(read("otpauth-dim13__example.txt"))
			if len(got) != 1 || got[0].Text != want {
				t.Errorf("decoded %v, want %q", got, want)
			}
		})
	}
}

// FuzzReadImage feeds arbitrary bytes to the guard. Whatever it accepts
// has the announced size within the limit, and its pixels survive a PNG
// round trip through the guard again.
func FuzzReadImage(f *testing.F) {
	for _, name := range []string{"otpauth-dim13__example.png", "otpauth-dim13__example.gif",
		"otpauth-dim13__example.bmp", "otpauth-dim13__example.webp", "zxing__qrcode-2_34.png"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add(pngHeader(f, 50000, 50000))
	f.Add(pngHeader(f, 1, 1<<30))
	f.Add([]byte("GIF89a\xff\xff\xff\xff"))
	f.Add([]byte("BM"))
	f.Add([]byte("RIFF\x00\x00\x00\x00WEBPVP8 "))
	lim := Limits{MaxPixels: 1 << 20, MaxBytes: 1 << 20}
	f.Fuzz(func(t *testing.T, data []byte) {
		img, _, err := ReadImage(bytes.NewReader(data), lim)
		if err != nil {
			if !errors.Is(err, ErrNotImage) && !errors.Is(err, ErrDamaged) &&
				!errors.Is(err, ErrTooManyPixels) && !errors.Is(err, ErrTooManyBytes) {
				t.Fatalf("error %v wraps no sentinel", err)
			}
			return
		}
		b := img.Bounds()
		if int64(b.Dx())*int64(b.Dy()) > lim.MaxPixels {
			t.Fatalf("accepted %v over the limit", b)
		}
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		again, format, err := ReadImage(&buf, lim)
		if err != nil || format != "png" || again.Bounds().Size() != b.Size() {
			t.Fatalf("round trip: %v %q %v, want %v", err, format, again.Bounds(), b)
		}
		Decode(img) // must not panic on whatever was accepted
	})
}
