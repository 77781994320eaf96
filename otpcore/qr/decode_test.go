package qr

import (
	"image"
	"image/color"
	"image/draw"
	"testing"

	"authdesk/otpcore/qr/qrtest"
)

const uri = "otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example"

// near reports whether got is within tol pixels of want on every side.
func near(got, want image.Rectangle, tol int) bool {
	d := func(a, b int) bool { return a-b <= tol && b-a <= tol }
	return d(got.Min.X, want.Min.X) && d(got.Min.Y, want.Min.Y) && d(got.Max.X, want.Max.X) && d(got.Max.Y, want.Max.Y)
}

func TestDecodeScenes(t *testing.T) {
	two := uri + "&n=2"
	cases := []struct {
		name  string
		w, h  int
		codes []qrtest.Code
		want  []string // texts, in the order Decode must return them
	}{
		{"4K module 4", 3840, 2160, []qrtest.Code{{Text: uri, Module: 4, At: image.Pt(1500, 700)}}, []string{uri}},
		{"4K module 3", 3840, 2160, []qrtest.Code{{Text: uri, Module: 3, At: image.Pt(2900, 1500)}}, []string{uri}},
		{"4K module 2", 3840, 2160, []qrtest.Code{{Text: uri, Module: 2, At: image.Pt(333, 1777)}}, []string{uri}},
		// Two codes; the lower-right one is given first: the result is in reading order.
		{"4K two codes", 3840, 2160, []qrtest.Code{
			{Text: two, Module: 3, At: image.Pt(2600, 1200)},
			{Text: uri, Module: 3, At: image.Pt(900, 400)},
		}, []string{uri, two}},
		// Side by side on one row: left first even when it sits a little lower.
		{"same row", 1920, 1080, []qrtest.Code{
			{Text: two, Module: 4, At: image.Pt(1100, 300)},
			{Text: uri, Module: 4, At: image.Pt(200, 340)},
		}, []string{uri, two}},
		{"inverted", 1280, 720, []qrtest.Code{{Text: uri, Module: 4, At: image.Pt(400, 200), Invert: true}}, []string{uri}},
		{"UTF-8 with ECI", 1280, 720, []qrtest.Code{{Text: "otpauth://totp/Bäckerei:jörg?secret=JBSWY3DPEHPK3PXP&issuer=Bäckerei Müller €", Module: 4, At: image.Pt(100, 100), UTF8: true}},
			[]string{"otpauth://totp/Bäckerei:jörg?secret=JBSWY3DPEHPK3PXP&issuer=Bäckerei Müller €"}},
		// The quiet zone is cut by the image edge (a window partly off screen).
		{"at the edge", 1280, 720, []qrtest.Code{{Text: uri, Module: 4, At: image.Pt(-16+4, -16+4)}}, []string{uri}},
		{"huge modules", 1920, 1080, []qrtest.Code{{Text: "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP", Module: 30, At: image.Pt(100, 10)}}, []string{"otpauth://totp/x?secret=JBSWY3DPEHPK3PXP"}},
		{"one-pixel modules", 400, 300, []qrtest.Code{{Text: uri, Module: 1, At: image.Pt(100, 100)}}, []string{uri}},
		{"nothing", 1920, 1080, nil, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			img, rects, err := qrtest.Scene(c.w, c.h, 7, c.codes...)
			if err != nil {
				t.Fatal(err)
			}
			got := Decode(img)
			if len(got) != len(c.want) {
				t.Fatalf("found %d codes %v, want %d", len(got), got, len(c.want))
			}
			for i, want := range c.want {
				if got[i].Text != want {
					t.Errorf("code %d: text %q, want %q", i, got[i].Text, want)
				}
				for j, sc := range c.codes {
					if sc.Text == want {
						r := rects[j].Intersect(img.Bounds())
						if !near(got[i].Bounds, r, 2*sc.Module+1) {
							t.Errorf("code %d: bounds %v, want about %v", i, got[i].Bounds, r)
						}
					}
				}
			}
		})
	}
}

// Every pixel layout the decoder reads directly must give the same result
// as the generic At() path, including a sub-image whose bounds do not
// start at the origin.
func TestDecodeLayouts(t *testing.T) {
	base, rects, err := qrtest.Scene(900, 700, 3, qrtest.Code{Text: uri, Module: 3, At: image.Pt(300, 250)})
	if err != nil {
		t.Fatal(err)
	}
	b := base.Bounds()
	gray := image.NewGray(b)
	draw.Draw(gray, b, base, b.Min, draw.Src)
	nrgba := image.NewNRGBA(b)
	draw.Draw(nrgba, b, base, b.Min, draw.Src)
	ycc := image.NewYCbCr(b, image.YCbCrSubsampleRatio420)
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			ycc.Y[ycc.YOffset(x, y)] = gray.GrayAt(x, y).Y
		}
	}
	pal := image.NewPaletted(b, []color.Color{color.White, color.Black, color.Gray{128}})
	draw.Draw(pal, b, base, b.Min, draw.Src)
	rgba64 := image.NewRGBA64(b) // no fast path: At()
	draw.Draw(rgba64, b, base, b.Min, draw.Src)
	sub := base.SubImage(image.Rect(200, 150, 800, 650))

	for _, c := range []struct {
		name string
		img  image.Image
	}{
		{"RGBA", base}, {"Gray", gray}, {"NRGBA", nrgba}, {"YCbCr", ycc},
		{"Paletted", pal}, {"RGBA64", rgba64}, {"RGBA sub-image", sub},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := Decode(c.img)
			if len(got) != 1 || got[0].Text != uri {
				t.Fatalf("got %v, want one code %q", got, uri)
			}
			if !near(got[0].Bounds, rects[0], 4) {
				t.Errorf("bounds %v, want about %v (image coordinates)", got[0].Bounds, rects[0])
			}
		})
	}
}

// A QR code with a transparent background (black modules only) is read as
// a viewer shows it, over white.
func TestDecodeTransparent(t *testing.T) {
	mods, err := qrtest.Modules(uri, false)
	if err != nil {
		t.Fatal(err)
	}
	const m = 4
	n := (len(mods) + 8) * m
	img := image.NewNRGBA(image.Rect(0, 0, n, n)) // all transparent black
	for y := range mods {
		for x, on := range mods[y] {
			if on {
				draw.Draw(img, image.Rect(x*m, y*m, x*m+m, y*m+m).Add(image.Pt(4*m, 4*m)), image.Black, image.Point{}, draw.Src)
			}
		}
	}
	if got := Decode(img); len(got) != 1 || got[0].Text != uri {
		t.Fatalf("got %v, want %q", got, uri)
	}
}

func TestDecodeEmpty(t *testing.T) {
	if got := Decode(image.NewRGBA(image.Rectangle{})); got != nil {
		t.Errorf("empty image: got %v", got)
	}
	if got := Decode(image.NewGray(image.Rect(0, 0, 3, 2))); got != nil {
		t.Errorf("3x2 image: got %v", got)
	}
}
