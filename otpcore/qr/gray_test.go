package qr

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/image/bmp"

	"authdesk/otpcore/qr/qrtest"
)

// grayRef is the reference DecodeGray must equal: the full decode by the
// standard decoders, converted by Decode's own luminance.
func grayRef(data []byte, lim Limits) ([]byte, error) {
	img, _, err := ReadImage(bytes.NewReader(data), lim)
	if err != nil {
		return nil, err
	}
	return toPlane(img).pix, nil
}

// encodings returns the same small scene in every form the fast paths
// take, and some they leave to the standard decoders.
func encodings(t testing.TB) map[string][]byte {
	t.Helper()
	scene, _, err := qrtest.Scene(97, 61, 5, qrtest.Code{Text: "otpauth://totp/x?secret=JBSWY3DP", Module: 1, At: image.Pt(20, 5)})
	if err != nil {
		t.Fatal(err)
	}
	b := scene.Bounds()
	out := map[string][]byte{}
	enc := func(name string, img image.Image) {
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		out[name] = buf.Bytes()
	}
	enc("png RGB", scene)
	nrgba := image.NewNRGBA(b)
	for i := range nrgba.Pix {
		nrgba.Pix[i] = scene.Pix[i]
		if i%4 == 3 {
			nrgba.Pix[i] = byte(i * 13) // every alpha
		}
	}
	enc("png RGBA", nrgba)
	gray := image.NewGray(b)
	for i := range gray.Pix {
		gray.Pix[i] = scene.Pix[4*i+1]
	}
	enc("png gray", gray)
	var pal color.Palette
	for i := 0; i < 40; i++ {
		pal = append(pal, color.NRGBA{byte(i * 6), byte(255 - i*5), byte(i * 3), byte(255 - i)})
	}
	paletted := image.NewPaletted(b, pal)
	for i := range paletted.Pix {
		paletted.Pix[i] = byte(scene.Pix[4*i] % 40)
	}
	enc("png palette with tRNS", paletted)
	enc("png 1-bit", image.NewPaletted(b, color.Palette{color.Black, color.White}))
	gray16 := image.NewGray16(b)
	enc("png 16-bit", gray16)
	var buf bytes.Buffer
	if err := bmp.Encode(&buf, scene); err != nil {
		t.Fatal(err)
	}
	out["bmp bottom-up"] = buf.Bytes()
	// The same pixels top-down: negative height, rows reversed.
	bu := buf.Bytes()
	td := append([]byte(nil), bu...)
	binary.LittleEndian.PutUint32(td[22:], uint32(-int32(b.Dy())))
	stride := (3*b.Dx() + 3) &^ 3
	off := int(binary.LittleEndian.Uint32(bu[10:]))
	for y := 0; y < b.Dy(); y++ {
		copy(td[off+y*stride:off+(y+1)*stride], bu[off+(b.Dy()-1-y)*stride:])
	}
	out["bmp top-down"] = td
	for _, name := range []string{"zxing-cpp__qr-inv-1.jpg", "otpauth-dim13__example.gif",
		"otpauth-dim13__example.webp", "Aegis__qr_camera_frame.png", "zxing__qrcode-2_15.png"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		out[name] = data
	}
	return out
}

func TestDecodeGrayMatchesReference(t *testing.T) {
	for name, data := range encodings(t) {
		t.Run(name, func(t *testing.T) {
			want, err := grayRef(data, DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			g, _, err := DecodeGray(data, DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(g.Pix, want) {
				t.Errorf("luminance differs from the reference decode")
			}
			cfg, format, _ := CheckConfig(data, DefaultLimits)
			var fast *image.Gray
			switch format {
			case "png":
				fast = pngGray(data, cfg)
			case "bmp":
				fast = bmpGray(data, cfg)
			}
			if took, want := fast != nil, fastPath[name]; took != want {
				t.Errorf("fast path taken: %v, want %v", took, want)
			}
		})
	}
}

// fastPath lists the encodings that must not go through image.Decode.
var fastPath = map[string]bool{
	"png RGB": true, "png RGBA": true, "png gray": true, "png palette with tRNS": true,
	"bmp bottom-up": true, "bmp top-down": true,
	"Aegis__qr_camera_frame.png": true, "zxing__qrcode-2_15.png": true,
}

func TestDecodeGrayRefuses(t *testing.T) {
	data := encodings(t)["png RGB"]
	bad := append([]byte(nil), data...)
	bad[len(bad)/2] ^= 0xff // a CRC mismatch: the fast path steps back, image/png reports
	for _, c := range []struct {
		name string
		data []byte
		lim  Limits
		want error
	}{
		{"damaged", bad, DefaultLimits, ErrDamaged},
		{"pixels", data, Limits{MaxPixels: 96 * 61, MaxBytes: 1 << 20}, ErrTooManyPixels},
		{"bytes", data, Limits{MaxPixels: 1 << 20, MaxBytes: int64(len(data) - 1)}, ErrTooManyBytes},
		{"text", []byte("hello"), DefaultLimits, ErrNotImage},
	} {
		if _, _, err := DecodeGray(c.data, c.lim); !errors.Is(err, c.want) {
			t.Errorf("%s: error %v, want %v", c.name, err, c.want)
		}
	}
}

// FuzzDecodeGray checks the fast paths against the standard decoders on
// mutated files: the same error class, or the same luminance.
func FuzzDecodeGray(f *testing.F) {
	for _, data := range encodings(f) {
		if len(data) < 1<<16 {
			f.Add(data)
		}
	}
	lim := Limits{MaxPixels: 1 << 20, MaxBytes: 1 << 20}
	sentinels := []error{ErrNotImage, ErrDamaged, ErrTooManyPixels, ErrTooManyBytes}
	f.Fuzz(func(t *testing.T, data []byte) {
		want, werr := grayRef(data, lim)
		g, _, err := DecodeGray(data, lim)
		for _, s := range sentinels {
			if errors.Is(err, s) != errors.Is(werr, s) {
				t.Fatalf("error %v, reference %v", err, werr)
			}
		}
		if err == nil && !bytes.Equal(g.Pix, want) {
			t.Fatalf("luminance differs from the reference decode")
		}
	})
}
