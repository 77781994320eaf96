package qr

import (
	"context"
	"image"
	"sync"

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
	ps := plan(full)
	var found []Code
	for i := 0; i < len(ps); i++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		codes := ps[i].run(b.Min)
		if len(codes) == 0 {
			continue
		}
		found = merge(found, codes)
		if full.w*full.h > maxRescan || !roomForMore(found, b.Min, full.w, full.h) {
			break
		}
		// A small image: the passes after this one look for more codes
		// on the image with those found blanked out.
		full = blankOut(full, codes, b.Min)
		ps = append(ps[:i+1], plan(full)[i+1:]...)
	}
	order(found)
	return found, nil
}

// pass is one attempt at a scale with a binarization method.
type pass struct {
	plane  func() plane
	scale  float64 // image pixels per plane pixel
	global bool    // global histogram instead of block thresholds
	again  bool    // when the readers find nothing, redetect at near sizes
}

// maxEnlarged is the most pixels an enlarged pass makes: images up to
// about a megapixel are doubled, up to half a megapixel tripled, up to
// 0.28 megapixel (a phone screenshot cut to the codes) quadrupled. Screens
// of 1920x1080 and more are never enlarged.
const maxEnlarged = 4_500_000

// plan lists the passes in order; each later one runs only when all before
// it found nothing: block thresholds at full size; then halved and
// quartered (modules too large for 8-pixel blocks); then, for images small
// enough, enlarged 2, 3 and 4 times (modules of one to two pixels, see
// enlarge); then a global threshold (photos with smooth lighting), on the
// halved image when it is over 4 megapixels. Images small enough to be
// enlarged also have each pass that finds nothing redetected (redetect).
func plan(full plane) []pass {
	same := func() plane { return full }
	ps := []pass{{plane: same, scale: 1}}
	side := min(full.w, full.h)
	var half plane
	halfOnce := func() plane {
		if half.pix == nil {
			half = halve(full)
		}
		return half
	}
	if side >= 4*minBlockSide {
		ps = append(ps, pass{plane: halfOnce, scale: 2})
	}
	if side >= 8*minBlockSide {
		ps = append(ps, pass{plane: func() plane { return halve(halfOnce()) }, scale: 4})
	}
	for _, k := range []int{2, 3, 4} {
		if full.w*full.h <= maxEnlarged/(k*k) {
			ps = append(ps, pass{plane: func() plane { return enlarge(full, k) }, scale: 1 / float64(k)})
		}
	}
	if full.w*full.h > 4<<20 && side >= 4*minBlockSide {
		// Large: a screen or a phone photo, whose codes survive halving.
		return append(ps, pass{plane: halfOnce, scale: 2, global: true})
	}
	ps = append(ps, pass{plane: same, scale: 1, global: true})
	if full.w*full.h <= maxEnlarged/4 {
		// Small modules: the passes at full size and enlarged.
		for i := range ps {
			ps[i].again = ps[i].scale <= 1 && !ps[i].global
		}
	}
	return ps
}

func (ps pass) run(origin image.Point) []Code {
	src := newPlaneSource(ps.plane())
	var bin gozxing.Binarizer = newBlockBinarizer(src)
	if ps.global {
		bin = gozxing.NewGlobalHistgramBinarizer(src)
	}
	m, err := bin.GetBlackMatrix()
	if err != nil {
		return nil
	}
	var codes []Code
	for _, r := range readBoth(m, ps.again) {
		codes = merge(codes, []Code{fromResult(r, ps.scale, origin)})
	}
	return codes
}

var hints = map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_TRY_HARDER: true}

// readBoth reads m and its inverse (light modules on a dark background)
// side by side on two cores: first with zxing's multi-code reader, then,
// if neither found anything, with its single-code reader (whose finder
// accepts patterns the multi finder leaves out), then, if again is set,
// by sampling the finder patterns found at the sizes near their estimate
// (redetect).
func readBoth(m *gozxing.BitMatrix, again bool) []*gozxing.Result {
	inv := inverted(m)
	var a, b []*gozxing.Result
	both(func() { a = readMulti(m) }, func() { b = readMulti(inv) })
	if len(a)+len(b) == 0 {
		both(func() { a = readSingle(m) }, func() { b = readSingle(inv) })
	}
	if len(a)+len(b) == 0 && again {
		both(func() { a = redetect(m) }, func() { b = redetect(inv) })
	}
	return append(a, b...)
}

// both runs f and g at the same time and waits for both.
func both(f, g func()) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		g()
	}()
	f()
	wg.Wait()
}

func bitmap(m *gozxing.BitMatrix) *gozxing.BinaryBitmap {
	bmp, _ := gozxing.NewBinaryBitmap(fixedBinarizer{m}) // errors only on a nil binarizer
	return bmp
}

func readMulti(m *gozxing.BitMatrix) []*gozxing.Result {
	rs, _ := multiqr.NewQRCodeMultiReader().DecodeMultiple(bitmap(m), hints)
	return rs
}

func readSingle(m *gozxing.BitMatrix) []*gozxing.Result {
	r, err := qrcode.NewQRCodeReader().Decode(bitmap(m), hints)
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
