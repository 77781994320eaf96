package qr

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"testing"

	"github.com/makiuchi-d/gozxing"
	multiqr "github.com/makiuchi-d/gozxing/multi/qrcode"
	"golang.org/x/image/bmp"

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

// BenchmarkDecode measures Decode on busy desktop-sized captures; cpu-ms/op
// is the processor time of all threads, steadier than ns/op when other
// jobs share the machine.
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
			c0 := cpuTime()
			for range b.N {
				if got := len(Decode(img)); got != want {
					b.Fatalf("found %d codes, want %d", got, want)
				}
			}
			b.ReportMetric(float64((cpuTime()-c0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
		})
	}
}

// BenchmarkDecodeFile measures a 3840x2160 screenshot file from its bytes
// in memory to the codes: DecodeGray (the fast paths) then Decode.
func BenchmarkDecodeFile(b *testing.B) {
	img := benchScene(b, 3840, 2160, 3, false)
	var pngData, bmpData bytes.Buffer
	if err := png.Encode(&pngData, img); err != nil {
		b.Fatal(err)
	}
	if err := bmp.Encode(&bmpData, img); err != nil {
		b.Fatal(err)
	}
	for _, f := range []struct {
		name string
		data []byte
	}{{"png", pngData.Bytes()}, {"bmp", bmpData.Bytes()}} {
		b.Run(f.name, func(b *testing.B) {
			for range b.N {
				g, _, err := DecodeGray(f.data, DefaultLimits)
				if err != nil {
					b.Fatal(err)
				}
				if len(Decode(g)) != 1 {
					b.Fatal("code not found")
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

// BenchmarkStages times each stage of a 3840x2160 decode; cpu-ms/op is
// the processor time of all threads (steady when other jobs share the
// machine, unlike ns/op).
func BenchmarkStages(b *testing.B) {
	img := benchScene(b, 3840, 2160, 3, false)
	p := toPlane(img)
	m, _ := binarize(p)
	empty := qrtest.Background(3840, 2160, 9)
	for _, st := range []struct {
		name string
		fn   func()
	}{
		{"plane", func() { toPlane(img) }},
		{"binarize", func() { binarize(p) }},
		{"read", func() { readBoth(m, false) }},
		{"all", func() { Decode(img) }},
		{"none found", func() { Decode(empty) }},
	} {
		b.Run(st.name, func(b *testing.B) {
			c0 := cpuTime()
			for range b.N {
				st.fn()
			}
			b.ReportMetric(float64((cpuTime()-c0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
		})
	}
}
