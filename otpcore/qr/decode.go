package qr

import (
	"context"
	"image"

	"github.com/makiuchi-d/gozxing"
	multiqr "github.com/makiuchi-d/gozxing/multi/qrcode"
	"github.com/makiuchi-d/gozxing/qrcode"
)

// Decode returns every QR code found in img, top-left first. It returns
// nil when there is none.
func Decode(img image.Image) []Code {
	codes, _ := DecodeContext(context.Background(), img)
	return codes
}

// DecodeContext is Decode that gives up between passes when ctx is done;
// the error is then ctx.Err().
func DecodeContext(ctx context.Context, img image.Image) ([]Code, error) {
	b := img.Bounds()
	if b.Empty() {
		return nil, nil
	}
	full := toPlane(img)
	for _, ps := range plan(full) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if codes := ps.run(b.Min); len(codes) > 0 {
			order(codes)
			return codes, nil
		}
	}
	return nil, nil
}

// pass is one attempt at a scale with a binarization method.
type pass struct {
	p      plane
	scale  float64 // image pixels per plane pixel
	global bool    // global histogram instead of block thresholds
	prep   func(plane) plane
}

// plan lists the passes in order; each later one runs only when all before
// it found nothing: block thresholds at full size; then halved and
// quartered (modules too large for 8-pixel blocks); then doubled for small
// images (modules of about a pixel); then a global threshold (photos with
// smooth lighting).
func plan(full plane) []pass {
	ps := []pass{{p: full, scale: 1}}
	side := min(full.w, full.h)
	if side >= 4*minBlockSide {
		ps = append(ps, pass{p: full, scale: 2, prep: func(p plane) plane { return shrink(p, 2) }})
	}
	if side >= 8*minBlockSide {
		ps = append(ps, pass{p: full, scale: 4, prep: func(p plane) plane { return shrink(p, 4) }})
	}
	if full.w*full.h <= 1<<20 {
		ps = append(ps, pass{p: full, scale: 0.5, prep: func(p plane) plane { return enlarge(p, 2) }})
	}
	return append(ps, pass{p: full, scale: 1, global: true})
}

func (ps pass) run(origin image.Point) []Code {
	p := ps.p
	if ps.prep != nil {
		p = ps.prep(p)
	}
	src := newPlaneSource(p)
	var bin gozxing.Binarizer = newBlockBinarizer(src)
	if ps.global {
		bin = gozxing.NewGlobalHistgramBinarizer(src)
	}
	m, err := bin.GetBlackMatrix()
	if err != nil {
		return nil
	}
	var codes []Code
	for _, r := range readMatrix(m) {
		codes = merge(codes, []Code{fromResult(r, ps.scale, origin)})
	}
	if len(codes) > 0 {
		return codes
	}
	// Light modules on a dark background.
	for _, r := range readMatrix(inverted(m)) {
		codes = merge(codes, []Code{fromResult(r, ps.scale, origin)})
	}
	return codes
}

var hints = map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_TRY_HARDER: true}

// readMatrix finds every code of a thresholded image with zxing's multi
// reader, then, if it found none, with the single-code reader (its finder
// accepts patterns the multi finder leaves out).
func readMatrix(m *gozxing.BitMatrix) []*gozxing.Result {
	bmp, err := gozxing.NewBinaryBitmap(fixedBinarizer{m})
	if err != nil {
		return nil
	}
	rs, _ := multiqr.NewQRCodeMultiReader().DecodeMultiple(bmp, hints)
	if len(rs) > 0 {
		return rs
	}
	r, err := qrcode.NewQRCodeReader().Decode(bmp, hints)
	if err != nil {
		return nil
	}
	return []*gozxing.Result{r}
}

// inverted returns a copy of m with every bit flipped.
func inverted(m *gozxing.BitMatrix) *gozxing.BitMatrix {
	inv, _ := gozxing.NewBitMatrix(m.GetWidth(), m.GetHeight())
	var row *gozxing.BitArray
	for y := 0; y < m.GetHeight(); y++ {
		row = m.GetRow(y, row)
		inv.SetRow(y, row)
	}
	inv.FlipAll()
	return inv
}

// fixedBinarizer hands an already thresholded matrix to zxing's readers.
type fixedBinarizer struct{ m *gozxing.BitMatrix }

func (f fixedBinarizer) GetLuminanceSource() gozxing.LuminanceSource { return nil }
func (f fixedBinarizer) GetBlackRow(y int, row *gozxing.BitArray) (*gozxing.BitArray, error) {
	return f.m.GetRow(y, row), nil
}
func (f fixedBinarizer) GetBlackMatrix() (*gozxing.BitMatrix, error)               { return f.m, nil }
func (f fixedBinarizer) CreateBinarizer(gozxing.LuminanceSource) gozxing.Binarizer { return f }
func (f fixedBinarizer) GetWidth() int                                             { return f.m.GetWidth() }
func (f fixedBinarizer) GetHeight() int                                            { return f.m.GetHeight() }
