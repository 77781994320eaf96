package qr

import (
	"encoding/binary"
	"fmt"
	"image"
)

// DecodeGray decodes an encoded image (PNG, JPEG, GIF, BMP or WebP, by
// content) straight to its luminance, the form Decode works on, after the
// same header checks as ReadImage. The byte limit is the caller's: data
// is already in memory. Uncompressed 24-bit BMP and 8-bit PNG (the forms
// of screenshots) take a fast path that never builds the colour image,
// the PNG one with inflating and unfiltering on two cores; other images
// are decoded in full and converted. The luminance is the one Decode
// computes for the decoded image, byte for byte.
func DecodeGray(data []byte, lim Limits) (*image.Gray, string, error) {
	if int64(len(data)) > lim.MaxBytes {
		return nil, "", fmt.Errorf("%w: more than %s", ErrTooManyBytes, mib(lim.MaxBytes))
	}
	cfg, format, err := CheckConfig(data, lim)
	if err != nil {
		return nil, format, err
	}
	var g *image.Gray
	switch format {
	case "bmp":
		g = bmpGray(data, cfg)
	case "png":
		g = pngGray(data, cfg)
	}
	if g != nil {
		return g, format, nil
	}
	img, err := decodeChecked(data, cfg, format)
	if err != nil {
		return nil, format, err
	}
	if g, ok := img.(*image.Gray); ok && g.Rect.Min == (image.Point{}) && g.Stride == g.Rect.Dx() {
		return g, format, nil
	}
	p := toPlane(img)
	return &image.Gray{Pix: p.pix, Stride: p.w, Rect: image.Rect(0, 0, p.w, p.h)}, format, nil
}

// bmpGray converts an uncompressed 24-bit BMP whose header DecodeConfig
// accepted, both cores sharing the rows; nil for any other BMP.
func bmpGray(data []byte, cfg image.Config) *image.Gray {
	if len(data) < 54 {
		return nil
	}
	offset := int(binary.LittleEndian.Uint32(data[10:]))
	bpp := binary.LittleEndian.Uint16(data[28:])
	compression := binary.LittleEndian.Uint32(data[30:])
	topDown := int32(binary.LittleEndian.Uint32(data[22:])) < 0
	w, h := cfg.Width, cfg.Height
	stride := (3*w + 3) &^ 3
	if bpp != 24 || compression != 0 || offset < 54 || w == 0 || len(data)-offset < h*stride {
		return nil
	}
	g := image.NewGray(image.Rect(0, 0, w, h))
	parallelRows(h, minRowsPerWorker, func(y0, y1 int) {
		for y := y0; y < y1; y++ {
			row := y
			if !topDown {
				row = h - 1 - y
			}
			src := data[offset+row*stride : offset+row*stride+3*w]
			dst := g.Pix[y*w : (y+1)*w]
			for x := range dst {
				s := src[3*x : 3*x+3 : 3*x+3]
				dst[x] = lumaRGB(uint32(s[2]), uint32(s[1]), uint32(s[0]))
			}
		}
	})
	return g
}
