package qr

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"io"
)

// PNG colour types.
const (
	pngGrayType      = 0
	pngRGBType       = 2
	pngPaletteType   = 3
	pngGrayAlphaType = 4
	pngRGBAType      = 6
)

// pngChunks are the parts of a PNG the fast path reads.
type pngChunks struct {
	w, h, colorType, bpp int
	plte, trns           []byte
	idat                 []io.Reader
}

// parsePNG walks the chunks of a PNG, checking every CRC and the order of
// the critical chunks. It returns false for anything unusual (interlaced,
// not 8 bits deep, a transparent colour key...): image/png then decodes
// the file, and reports the errors.
func parsePNG(data []byte) (pngChunks, bool) {
	var c pngChunks
	const sig = "\x89PNG\r\n\x1a\n"
	if len(data) < len(sig) || string(data[:len(sig)]) != sig {
		return c, false
	}
	seen := map[string]bool{}
	last := ""
	for pos := len(sig); ; {
		if len(data)-pos < 12 {
			return c, false
		}
		n := int(binary.BigEndian.Uint32(data[pos:]))
		if n < 0 || n > len(data)-pos-12 {
			return c, false
		}
		typ := string(data[pos+4 : pos+8])
		body := data[pos+8 : pos+8+n]
		if crc32.ChecksumIEEE(data[pos+4:pos+8+n]) != binary.BigEndian.Uint32(data[pos+8+n:]) {
			return c, false
		}
		pos += 12 + n
		switch {
		case typ == "IHDR":
			if last != "" || n != 13 || body[8] != 8 || body[10] != 0 || body[11] != 0 || body[12] != 0 {
				return c, false
			}
			c.w = int(binary.BigEndian.Uint32(body))
			c.h = int(binary.BigEndian.Uint32(body[4:]))
			c.colorType = int(body[9])
			c.bpp = map[int]int{pngGrayType: 1, pngRGBType: 3, pngPaletteType: 1, pngGrayAlphaType: 2, pngRGBAType: 4}[c.colorType]
			if c.bpp == 0 || c.w <= 0 || c.h <= 0 {
				return c, false
			}
		case last == "":
			return c, false // IHDR first
		case typ == "PLTE":
			if seen["PLTE"] || seen["IDAT"] || seen["tRNS"] || n%3 != 0 || n == 0 || n > 3*256 {
				return c, false
			}
			c.plte = body
		case typ == "tRNS":
			if c.colorType != pngPaletteType || c.plte == nil || seen["tRNS"] || seen["IDAT"] || n > len(c.plte)/3 {
				return c, false
			}
			c.trns = body
		case typ == "IDAT":
			if seen["IDAT"] && last != "IDAT" {
				return c, false
			}
			c.idat = append(c.idat, bytes.NewReader(body))
		case typ == "IEND":
			if !seen["IDAT"] || pos != len(data) {
				return c, false
			}
			if c.colorType == pngPaletteType && c.plte == nil {
				return c, false
			}
			return c, true
		case typ[0]&0x20 == 0:
			return c, false // an unknown critical chunk
		}
		seen[typ] = true
		last = typ
	}
}

// pngRows is how many rows travel together between the stages.
const pngRows = 16

// pngBatch is a run of rows on its way through the stages.
type pngBatch struct {
	buf []byte // rows of 1 filter byte + pixels
	y   int    // the image row of the first
}

// pngGray decodes an 8-bit non-interlaced PNG to luminance in three
// stages that overlap: one goroutine inflates, the caller's unfilters
// (each row needs the row above: serial), a third converts to luminance.
// It returns nil for any other PNG or any irregularity.
func pngGray(data []byte, cfg image.Config) *image.Gray {
	c, ok := parsePNG(data)
	if !ok || c.w != cfg.Width || c.h != cfg.Height {
		return nil
	}
	zr, err := zlib.NewReader(io.MultiReader(c.idat...))
	if err != nil {
		return nil
	}
	rowLen := 1 + c.w*c.bpp
	const buffers = 4
	free := make(chan []byte, buffers)
	for range buffers {
		free <- make([]byte, pngRows*rowLen)
	}
	inflated := make(chan pngBatch, buffers)
	unfiltered := make(chan pngBatch, buffers)
	done := make(chan struct{})
	defer close(done)

	inflateErr := make(chan error, 1)
	go func() {
		defer close(inflated)
		for y := 0; y < c.h; y += pngRows {
			var buf []byte
			select {
			case buf = <-free:
			case <-done:
				return
			}
			buf = buf[:min(pngRows, c.h-y)*rowLen]
			if _, err := io.ReadFull(zr, buf); err != nil {
				inflateErr <- err
				return
			}
			inflated <- pngBatch{buf, y} // buffered: never blocks
		}
		// No pixel data may follow, and the checksum must hold.
		if n, err := zr.Read(make([]byte, 1)); n != 0 || err != io.EOF {
			inflateErr <- io.ErrUnexpectedEOF
			return
		}
		inflateErr <- nil
	}()

	g := image.NewGray(image.Rect(0, 0, c.w, c.h))
	lut := paletteLuma(c)
	lumaOK := make(chan bool, 1)
	go func() {
		ok := true
		for b := range unfiltered {
			for r := 0; ok && r < len(b.buf)/rowLen; r++ {
				y := b.y + r
				ok = lumaRow(g.Pix[y*c.w:(y+1)*c.w], b.buf[r*rowLen+1:(r+1)*rowLen], c.colorType, lut)
			}
			free <- b.buf // buffered: never blocks
		}
		lumaOK <- ok
	}()

	// prev is the row above, unfiltered (zero above the first); the last row
	// of a batch is kept in saved[k] while its buffer moves on.
	prev := make([]byte, c.w*c.bpp)
	saved := [2][]byte{make([]byte, c.w*c.bpp), make([]byte, c.w*c.bpp)}
	k, rows := 0, 0
	unfilterOK := true
	for b := range inflated {
		for r := 0; unfilterOK && r < len(b.buf)/rowLen; r++ {
			cur := b.buf[r*rowLen+1 : (r+1)*rowLen]
			unfilterOK = unfilter(b.buf[r*rowLen], cur, prev, c.bpp)
			prev = cur
			rows++
		}
		copy(saved[k], prev)
		prev, k = saved[k], k^1
		unfiltered <- b // buffered: never blocks
		if !unfilterOK {
			break
		}
	}
	close(unfiltered)
	if !<-lumaOK || !unfilterOK {
		return nil // done closes: the inflater stops
	}
	if err := <-inflateErr; err != nil || rows != c.h {
		return nil
	}
	return g
}

// paletteLuma is the luminance of each palette entry (over white when
// translucent); entries past the palette are -1.
func paletteLuma(c pngChunks) *[256]int16 {
	if c.colorType != pngPaletteType {
		return nil
	}
	var lut [256]int16
	for i := range lut {
		lut[i] = -1
	}
	for i := 0; i < len(c.plte)/3; i++ {
		p := c.plte[3*i : 3*i+3]
		var col color.Color = color.RGBA{p[0], p[1], p[2], 0xff}
		if i < len(c.trns) {
			col = color.NRGBA{p[0], p[1], p[2], c.trns[i]}
		}
		lut[i] = int16(lumaColor(col))
	}
	return &lut
}

// unfilter reverses a PNG row filter in place (bpp bytes per pixel).
func unfilter(filter byte, cur, prev []byte, bpp int) bool {
	prev = prev[:len(cur)]
	switch filter {
	case 0:
	case 1: // Sub
		for i := bpp; i < len(cur); i++ {
			cur[i] += cur[i-bpp]
		}
	case 2: // Up
		for i, p := range prev {
			cur[i] += p
		}
	case 3: // Average
		for i := 0; i < bpp; i++ {
			cur[i] += prev[i] / 2
		}
		for i := bpp; i < len(cur); i++ {
			cur[i] += byte((int(cur[i-bpp]) + int(prev[i])) / 2)
		}
	case 4: // Paeth
		paeth(cur, prev, bpp)
	default:
		return false
	}
	return true
}

// paeth reverses the Paeth filter one channel at a time, so that the left
// (a) and upper-left (c) bytes stay in registers; a is the result. (The
// channels side by side, or without branches, measured slower here.)
func paeth(cur, prev []byte, bpp int) {
	for ch := 0; ch < bpp; ch++ {
		a, c := 0, 0
		for i := ch; i < len(cur); i += bpp {
			b := int(prev[i])
			pa, pb := b-c, a-c // |p-a| and |p-b| with p = a+b-c
			pc := abs(pa + pb)
			pa, pb = abs(pa), abs(pb)
			switch {
			case pa <= pb && pa <= pc:
			case pb <= pc:
				a = b
			default:
				a = c
			}
			a = (a + int(cur[i])) & 0xff
			cur[i] = byte(a)
			c = b
		}
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// lumaRow converts one unfiltered row; false for a palette index past the
// palette.
func lumaRow(dst, src []byte, colorType int, lut *[256]int16) bool {
	switch colorType {
	case pngGrayType:
		copy(dst, src)
	case pngRGBType:
		for x := range dst {
			s := src[3*x : 3*x+3 : 3*x+3]
			dst[x] = lumaRGB(uint32(s[0]), uint32(s[1]), uint32(s[2]))
		}
	case pngRGBAType: // non-premultiplied, like image.NRGBA
		rgbaPixels(dst, src, false)
	case pngGrayAlphaType:
		for x := range dst {
			l, a := src[2*x], src[2*x+1]
			if a != 0xff {
				l = overWhite(uint32(l), uint32(a), false)
			}
			dst[x] = l
		}
	case pngPaletteType:
		for x, i := range src[:len(dst)] {
			v := lut[i]
			if v < 0 {
				return false
			}
			dst[x] = byte(v)
		}
	}
	return true
}
