package qr

import (
	"image"
	"image/color"
)

// plane is an 8-bit luminance image, row-major, stride == w. 0 is black.
type plane struct {
	pix  []byte
	w, h int
}

// minRowsPerWorker keeps goroutines for images big enough to pay for them.
const minRowsPerWorker = 64

// lumaRGB is the BT.601 luma of 8-bit R, G, B in fixed point.
func lumaRGB(r, g, b uint32) byte {
	return byte((r*19595 + g*38470 + b*7471 + 1<<15) >> 16)
}

// toPlane converts img to luminance. The common in-memory layouts
// (*image.RGBA, *image.NRGBA, *image.YCbCr, *image.Gray, *image.Paletted)
// are read straight from their pixel slices, both cores sharing the rows;
// anything else goes through At. Transparent pixels are composited over
// white, as a viewer shows them.
func toPlane(img image.Image) plane {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if g, ok := img.(*image.Gray); ok && g.Stride == w && g.PixOffset(b.Min.X, b.Min.Y) == 0 {
		return plane{pix: g.Pix[:w*h], w: w, h: h} // read only: shared, not copied
	}
	p := plane{pix: make([]byte, w*h), w: w, h: h}
	var conv func(y0, y1 int)
	switch m := img.(type) {
	case *image.RGBA:
		conv = func(y0, y1 int) { rgbaRows(p, m.Pix[m.PixOffset(b.Min.X, b.Min.Y):], m.Stride, y0, y1, true) }
	case *image.NRGBA:
		conv = func(y0, y1 int) { rgbaRows(p, m.Pix[m.PixOffset(b.Min.X, b.Min.Y):], m.Stride, y0, y1, false) }
	case *image.Gray:
		conv = func(y0, y1 int) {
			for y := y0; y < y1; y++ {
				o := m.PixOffset(b.Min.X, b.Min.Y+y)
				copy(p.pix[y*w:(y+1)*w], m.Pix[o:o+w])
			}
		}
	case *image.YCbCr:
		// The luma plane is the luminance already.
		conv = func(y0, y1 int) {
			for y := y0; y < y1; y++ {
				o := m.YOffset(b.Min.X, b.Min.Y+y)
				copy(p.pix[y*w:(y+1)*w], m.Y[o:o+w])
			}
		}
	case *image.Paletted:
		var lut [256]byte
		for i := range lut {
			lut[i] = 255
		}
		for i, c := range m.Palette {
			lut[i] = lumaColor(c)
		}
		conv = func(y0, y1 int) {
			for y := y0; y < y1; y++ {
				o := m.PixOffset(b.Min.X, b.Min.Y+y)
				row, dst := m.Pix[o:o+w], p.pix[y*w:(y+1)*w]
				for x, c := range row {
					dst[x] = lut[c]
				}
			}
		}
	default:
		conv = func(y0, y1 int) {
			for y := y0; y < y1; y++ {
				dst := p.pix[y*w : (y+1)*w]
				for x := range dst {
					dst[x] = lumaColor(img.At(b.Min.X+x, b.Min.Y+y))
				}
			}
		}
	}
	parallelRows(h, minRowsPerWorker, conv)
	return p
}

// rgbaRows converts rows [y0, y1) of 4-byte pixels starting at pix.
// premul tells whether colours are alpha-premultiplied (image.RGBA).
func rgbaRows(p plane, pix []byte, stride, y0, y1 int, premul bool) {
	for y := y0; y < y1; y++ {
		src := pix[y*stride : y*stride+4*p.w]
		dst := p.pix[y*p.w : (y+1)*p.w]
		// Eight pixels at a time (one bounds check), redone one by one when
		// one of them is not opaque.
		n := len(dst) &^ 7
		for x := 0; x < n; x += 8 {
			s := src[4*x : 4*x+32 : 4*x+32]
			d := dst[x : x+8 : x+8]
			alpha := byte(0xff)
			for k := 0; k < 8; k++ {
				d[k] = lumaRGB(uint32(s[4*k]), uint32(s[4*k+1]), uint32(s[4*k+2]))
				alpha &= s[4*k+3]
			}
			if alpha != 0xff {
				rgbaPixels(d, s, premul)
			}
		}
		rgbaPixels(dst[n:], src[4*n:], premul)
	}
}

// rgbaPixels converts len(dst) 4-byte pixels one by one.
func rgbaPixels(dst, src []byte, premul bool) {
	for x := range dst {
		s := src[4*x : 4*x+4 : 4*x+4]
		l := lumaRGB(uint32(s[0]), uint32(s[1]), uint32(s[2]))
		if s[3] != 0xff {
			l = overWhite(uint32(l), uint32(s[3]), premul)
		}
		dst[x] = l
	}
}

// overWhite composites luminance l with alpha a over a white background.
func overWhite(l, a uint32, premul bool) byte {
	if !premul {
		l = l * a / 255
	}
	v := l + 255 - a
	if v > 255 {
		v = 255
	}
	return byte(v)
}

// lumaColor is the luminance of any colour, over white when translucent.
func lumaColor(c color.Color) byte {
	r, g, b, a := c.RGBA() // premultiplied, 16 bits
	l := lumaRGB(r>>8, g>>8, b>>8)
	if a>>8 != 255 {
		return overWhite(uint32(l), a>>8, true)
	}
	return l
}
