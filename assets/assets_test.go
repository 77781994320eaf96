package assets

import (
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "write icon.ico again from the PNG renders")

// sizes are the rendered PNGs, icon-N.png, that the packages install.
var sizes = []int{16, 32, 48, 64, 128, 256, 512}

// icoSizes are the sizes that icon.ico holds (Windows uses up to 256).
var icoSizes = []int{16, 32, 48, 64, 128, 256}

func decodePNG(t *testing.T, name string, data []byte, size int) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if b := img.Bounds(); b.Dx() != size || b.Dy() != size {
		t.Fatalf("%s is %dx%d, want %dx%d", name, b.Dx(), b.Dy(), size, size)
	}
	return img
}

func TestResources(t *testing.T) {
	for _, tc := range []struct {
		name string
		data []byte
		size int
	}{
		{"Icon", Icon.Content(), 256},
		{"TrayIcon", TrayIcon.Content(), 64},
	} {
		t.Run(tc.name, func(t *testing.T) {
			img := decodePNG(t, tc.name, tc.data, tc.size)
			// The shield leaves the corners transparent: a render without
			// alpha would show a square on every panel.
			if _, _, _, a := img.At(0, 0).RGBA(); a != 0 {
				t.Errorf("%s: corner pixel is not transparent (alpha %d)", tc.name, a)
			}
			if _, _, _, a := img.At(tc.size/2, tc.size/2).RGBA(); a != 0xffff {
				t.Errorf("%s: centre pixel is not opaque (alpha %d)", tc.name, a)
			}
		})
	}
	if Icon.Name() == "" || IconSVG.Name() == "" || TrayIcon.Name() == "" {
		t.Error("a resource has no name")
	}
}

func TestIconSVG(t *testing.T) {
	var root struct {
		XMLName xml.Name
		ViewBox string `xml:"viewBox,attr"`
	}
	if err := xml.Unmarshal(IconSVG.Content(), &root); err != nil {
		t.Fatalf("icon.svg: %v", err)
	}
	if root.XMLName.Local != "svg" || root.ViewBox != "0 0 512 512" {
		t.Errorf("icon.svg: root %q viewBox %q, want svg with viewBox 0 0 512 512", root.XMLName.Local, root.ViewBox)
	}
}

// TestRenders checks every committed PNG render against its size.
func TestRenders(t *testing.T) {
	for _, s := range sizes {
		name := fmt.Sprintf("icon-%d.png", s)
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		decodePNG(t, name, data, s)
	}
}

// luminance is the WCAG relative luminance of c laid over bg.
func luminance(c color.Color, bg color.RGBA) float64 {
	r, g, b, a := c.RGBA()
	lin := func(v uint32, back uint8) float64 {
		// Premultiplied v over the opaque background.
		x := (float64(v) + float64(back)*257*(1-float64(a)/0xffff)) / 0xffff
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r, bg.R) + 0.7152*lin(g, bg.G) + 0.0722*lin(b, bg.B)
}

func contrast(l1, l2 float64) float64 {
	if l1 < l2 {
		l1, l2 = l2, l1
	}
	return (l1 + 0.05) / (l2 + 0.05)
}

// TestPanelContrast: on a light and on a dark panel, at every size, most of
// the icon stands out from the panel by at least 3:1 (WCAG's ratio for
// graphics), so its shape reads on both.
func TestPanelContrast(t *testing.T) {
	panels := map[string]color.RGBA{
		"light": {0xf2, 0xf2, 0xf2, 0xff},
		"dark":  {0x20, 0x21, 0x24, 0xff},
	}
	for _, s := range sizes {
		data, err := os.ReadFile(fmt.Sprintf("icon-%d.png", s))
		if err != nil {
			t.Fatal(err)
		}
		img := decodePNG(t, "render", data, s)
		for name, bg := range panels {
			lbg := luminance(bg, bg)
			var opaque, distinct int
			for y := 0; y < s; y++ {
				for x := 0; x < s; x++ {
					c := img.At(x, y)
					if _, _, _, a := c.RGBA(); a < 0x8000 {
						continue
					}
					opaque++
					if contrast(luminance(c, bg), lbg) >= 3 {
						distinct++
					}
				}
			}
			if share := float64(distinct) / float64(opaque); share < 0.6 {
				t.Errorf("icon-%d.png on the %s panel: %.0f%% of the icon contrasts 3:1 with it, want at least 60%%", s, name, 100*share)
			} else {
				t.Logf("icon-%d.png on the %s panel: %.0f%% at 3:1 or more", s, name, 100*share)
			}
		}
	}
}

// buildICO makes an icon file whose entries are the PNG renders as they
// are (PNG entries, read by Windows Vista and later).
func buildICO(t *testing.T) []byte {
	t.Helper()
	var head, body bytes.Buffer
	le := binary.LittleEndian
	_ = binary.Write(&head, le, [3]uint16{0, 1, uint16(len(icoSizes))})
	offset := 6 + 16*len(icoSizes)
	for _, s := range icoSizes {
		data, err := os.ReadFile(fmt.Sprintf("icon-%d.png", s))
		if err != nil {
			t.Fatal(err)
		}
		dim := uint8(s % 256) // 0 stands for 256
		_ = binary.Write(&head, le, struct {
			W, H, Colors, Reserved uint8
			Planes, Bits           uint16
			Size, Offset           uint32
		}{dim, dim, 0, 0, 1, 32, uint32(len(data)), uint32(offset + body.Len())})
		body.Write(data)
	}
	return append(head.Bytes(), body.Bytes()...)
}

// TestICO checks that icon.ico holds the current PNG renders; run
// `go test ./assets -run TestICO -update` to write it again.
func TestICO(t *testing.T) {
	want := buildICO(t)
	if *update {
		if err := os.WriteFile("icon.ico", want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile("icon.ico")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("icon.ico does not hold the current icon-N.png renders; run: go test ./assets -run TestICO -update")
	}
	// Read it back as Windows would: the directory, then each image.
	var dir [3]uint16
	if err := binary.Read(bytes.NewReader(got), binary.LittleEndian, &dir); err != nil || dir[1] != 1 || int(dir[2]) != len(icoSizes) {
		t.Fatalf("icon.ico header %v, %v", dir, err)
	}
	for i, s := range icoSizes {
		e := got[6+16*i:]
		w, size, off := int(e[0]), binary.LittleEndian.Uint32(e[8:]), binary.LittleEndian.Uint32(e[12:])
		if w == 0 {
			w = 256
		}
		if w != s {
			t.Errorf("entry %d is %d px, want %d", i, w, s)
		}
		decodePNG(t, fmt.Sprintf("icon.ico entry %d", i), got[off:off+size], s)
	}
}
