package qr

import (
	"fmt"
	"image"
	"testing"

	"github.com/makiuchi-d/gozxing"
	multiqr "github.com/makiuchi-d/gozxing/multi/qrcode"

	"authdesk/otpcore/qr/qrtest"
)

const benchURI = "otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Example&period=30"

func benchScene(b *testing.B, w, h, module int, two bool) *image.RGBA {
	b.Helper()
	codes := []qrtest.Code{{Text: benchURI, Module: module, At: image.Pt(w/3, h/4)}}
	if two {
		codes = append(codes, qrtest.Code{Text: benchURI + "&n=2", Module: module, At: image.Pt(w*2/3, h/2)})
	}
	img, _, err := qrtest.Scene(w, h, 1, codes...)
	if err != nil {
		b.Fatal(err)
	}
	return img
}

// BenchmarkDecode measures Decode on busy desktop-sized captures.
func BenchmarkDecode(b *testing.B) {
	for _, c := range []struct {
		w, h, module int
		two          bool
	}{
		{1920, 1080, 3, false}, {3840, 2160, 4, false}, {3840, 2160, 3, false},
		{3840, 2160, 2, false}, {3840, 2160, 3, true},
	} {
		name := fmt.Sprintf("%dx%d/module%d", c.w, c.h, c.module)
		if c.two {
			name += "/two"
		}
		b.Run(name, func(b *testing.B) {
			img := benchScene(b, c.w, c.h, c.module, c.two)
			want := 1
			if c.two {
				want = 2
			}
			b.ResetTimer()
			for range b.N {
				if got := len(Decode(img)); got != want {
					b.Fatalf("found %d codes, want %d", got, want)
				}
			}
		})
	}
}

// BenchmarkGozxingDefault is the baseline: gozxing's own At()-based
// luminance source and hybrid binarizer with the multi reader.
func BenchmarkGozxingDefault(b *testing.B) {
	img := benchScene(b, 3840, 2160, 3, false)
	b.ResetTimer()
	for range b.N {
		bmp, err := gozxing.NewBinaryBitmapFromImage(img)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := multiqr.NewQRCodeMultiReader().DecodeMultiple(bmp, hints); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkStages(b *testing.B) {
	img := benchScene(b, 3840, 2160, 3, false)
	b.Run("plane", func(b *testing.B) {
		for range b.N {
			toPlane(img)
		}
	})
	p := toPlane(img)
	b.Run("binarize", func(b *testing.B) {
		for range b.N {
			binarize(p)
		}
	})
	m, _ := binarize(p)
	b.Run("read", func(b *testing.B) {
		for range b.N {
			readMatrix(m)
		}
	})
}
