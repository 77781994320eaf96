package qr

import (
	"image"
	"math"
	"sort"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode/decoder"
)

// Code is one decoded QR code.
type Code struct {
	// Text is the content as UTF-8: byte mode without ECI as its bytes are
	// read by zxing's charset rules (ASCII and UTF-8 unchanged), and ECI
	// segments converted from their declared charset.
	Text string
	// Bounds is the symbol's rectangle (without its quiet zone) in the
	// coordinates of the decoded image; empty for a structured-append
	// message joined from several symbols.
	Bounds image.Rectangle
}

// fromResult converts a gozxing result found at scale (image pixels per
// plane pixel) into a Code in image coordinates offset by origin.
func fromResult(r *gozxing.Result, scale float64, origin image.Point) Code {
	c := Code{Text: r.GetText()}
	pts := r.GetResultPoints()
	if len(pts) < 3 {
		return c
	}
	// zxing orders the finder centres bottom-left, top-left, top-right.
	bl := vec{pts[0].GetX(), pts[0].GetY()}
	tl := vec{pts[1].GetX(), pts[1].GetY()}
	tr := vec{pts[2].GetX(), pts[2].GetY()}
	// Finder centres sit 3.5 modules inside the symbol's edges.
	span := float64(dimension(r) - 7)
	ux := tr.sub(tl).scale(1 / span)
	uy := bl.sub(tl).scale(1 / span)
	half := ux.add(uy).scale(3.5)
	corners := []vec{
		tl.sub(half),
		tr.add(ux.scale(3.5)).sub(uy.scale(3.5)),
		bl.add(uy.scale(3.5)).sub(ux.scale(3.5)),
		tr.add(bl).sub(tl).add(half),
	}
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	for _, v := range corners {
		minX, maxX = math.Min(minX, v.x), math.Max(maxX, v.x)
		minY, maxY = math.Min(minY, v.y), math.Max(maxY, v.y)
	}
	c.Bounds = image.Rect(
		int(math.Round(minX*scale)), int(math.Round(minY*scale)),
		int(math.Round(maxX*scale)), int(math.Round(maxY*scale)),
	).Add(origin)
	return c
}

// dimension is the symbol's side in modules, found from the number of data
// codewords and the error-correction level of the result (the version
// whose capacity matches); 21 (version 1) when unknown.
func dimension(r *gozxing.Result) int {
	level, _ := r.GetResultMetadata()[gozxing.ResultMetadataType_ERROR_CORRECTION_LEVEL].(string)
	ec, err := decoder.ErrorCorrectionLevel_ValueOf(level)
	if err != nil {
		return 21
	}
	n := len(r.GetRawBytes())
	for v := 1; v <= 40; v++ {
		ver, err := decoder.Version_GetVersionForNumber(v)
		if err != nil {
			break
		}
		if ver.GetTotalCodewords()-ver.GetECBlocksForLevel(ec).GetTotalECCodewords() == n {
			return ver.GetDimensionForVersion()
		}
	}
	return 21
}

type vec struct{ x, y float64 }

func (a vec) add(b vec) vec       { return vec{a.x + b.x, a.y + b.y} }
func (a vec) sub(b vec) vec       { return vec{a.x - b.x, a.y - b.y} }
func (a vec) scale(k float64) vec { return vec{a.x * k, a.y * k} }

// merge appends the codes of more to codes, leaving out a code whose text
// was already found at an overlapping place (the same symbol seen twice).
func merge(codes, more []Code) []Code {
next:
	for _, c := range more {
		for _, o := range codes {
			if o.Text == c.Text && (o.Bounds.Overlaps(c.Bounds) || o.Bounds.Empty() || c.Bounds.Empty()) {
				continue next
			}
		}
		codes = append(codes, c)
	}
	return codes
}

// order sorts codes top-left first, in reading order: codes whose rows
// overlap are ordered left to right, others top to bottom.
func order(codes []Code) {
	sort.SliceStable(codes, func(i, j int) bool {
		a, b := codes[i].Bounds, codes[j].Bounds
		if a.Min.Y < b.Max.Y && b.Min.Y < a.Max.Y { // same row
			if a.Min.X != b.Min.X {
				return a.Min.X < b.Min.X
			}
		}
		if a.Min.Y != b.Min.Y {
			return a.Min.Y < b.Min.Y
		}
		return a.Min.X < b.Min.X
	})
}
