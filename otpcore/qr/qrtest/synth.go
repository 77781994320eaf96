// Package qrtest draws test scenes: a busy desktop-like background with QR
// codes of a chosen module size at chosen places. Tests and the scan
// benchmark use it to make captures of any size without shipping them.
package qrtest

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math/rand/v2"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
)

// Code is one QR code to draw.
type Code struct {
	Text   string
	Module int         // pixels per module
	At     image.Point // top-left corner of the quiet zone
	Invert bool        // light modules on a dark background
	UTF8   bool        // encode with an ECI UTF-8 header
}

// QuietZone is the width of the light margin drawn around each symbol, in
// modules.
const QuietZone = 4

// Modules returns the module matrix of text (no quiet zone): true is dark.
func Modules(text string, utf8 bool) ([][]bool, error) {
	hints := map[gozxing.EncodeHintType]interface{}{gozxing.EncodeHintType_MARGIN: 0}
	if utf8 {
		hints[gozxing.EncodeHintType_CHARACTER_SET] = "UTF-8"
	}
	m, err := qrcode.NewQRCodeWriter().Encode(text, gozxing.BarcodeFormat_QR_CODE, 0, 0, hints)
	if err != nil {
		return nil, fmt.Errorf("qrtest: encode: %w", err)
	}
	out := make([][]bool, m.GetHeight())
	for y := range out {
		out[y] = make([]bool, m.GetWidth())
		for x := range out[y] {
			out[y][x] = m.Get(x, y)
		}
	}
	return out, nil
}

// Background paints a busy scene: a gradient, overlapping coloured
// windows, and rows of small dark marks like text.
func Background(w, h int, seed uint64) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	// A wallpaper: a gradient with photo-like grain.
	for y := 0; y < h; y++ {
		row := img.Pix[y*img.Stride:]
		for x := 0; x < w; x++ {
			grain := r.IntN(13)
			row[4*x] = uint8(40 + 120*x/w + grain)
			row[4*x+1] = uint8(60 + 100*y/h + grain)
			row[4*x+2] = uint8(150 + grain)
			row[4*x+3] = 255
		}
	}
	windows := w * h / 60000
	for i := 0; i < windows; i++ {
		x0, y0 := r.IntN(w), r.IntN(h)
		rect := image.Rect(x0, y0, x0+40+r.IntN(w/4), y0+30+r.IntN(h/4)).Intersect(img.Rect)
		c := color.RGBA{uint8(r.IntN(256)), uint8(r.IntN(256)), uint8(r.IntN(256)), 255}
		draw.Draw(img, rect, image.NewUniform(c), image.Point{}, draw.Src)
		// lines of "text": small dark dashes on the window
		for ty := rect.Min.Y + 6; ty+8 < rect.Max.Y; ty += 14 {
			for tx := rect.Min.X + 4; tx+6 < rect.Max.X; tx += 3 + r.IntN(9) {
				if r.IntN(5) == 0 {
					continue
				}
				mark := image.Rect(tx, ty, tx+1+r.IntN(4), ty+2+r.IntN(7))
				draw.Draw(img, mark, image.NewUniform(color.RGBA{20, 20, 30, 255}), image.Point{}, draw.Src)
			}
		}
	}
	return img
}

// Draw paints c on dst and returns the rectangle of the symbol itself
// (without its quiet zone).
func Draw(dst draw.Image, c Code) (image.Rectangle, error) {
	mods, err := Modules(c.Text, c.UTF8)
	if err != nil {
		return image.Rectangle{}, err
	}
	dark, light := color.Gray{0}, color.Gray{255}
	if c.Invert {
		dark, light = light, dark
	}
	n := len(mods)
	m := c.Module
	full := image.Rect(0, 0, (n+2*QuietZone)*m, (n+2*QuietZone)*m).Add(c.At)
	draw.Draw(dst, full, image.NewUniform(light), image.Point{}, draw.Src)
	origin := c.At.Add(image.Pt(QuietZone*m, QuietZone*m))
	for y := range mods {
		for x, on := range mods[y] {
			if on {
				px := image.Rect(x*m, y*m, (x+1)*m, (y+1)*m).Add(origin)
				draw.Draw(dst, px, image.NewUniform(dark), image.Point{}, draw.Src)
			}
		}
	}
	return image.Rect(0, 0, n*m, n*m).Add(origin), nil
}

// Scene paints a w x h background and draws every code on it; it returns
// the image and the symbol rectangles in the order of codes.
func Scene(w, h int, seed uint64, codes ...Code) (*image.RGBA, []image.Rectangle, error) {
	img := Background(w, h, seed)
	rects := make([]image.Rectangle, 0, len(codes))
	for _, c := range codes {
		r, err := Draw(img, c)
		if err != nil {
			return nil, nil, err
		}
		rects = append(rects, r)
	}
	return img, rects, nil
}
