package qr

import (
	"math"
	"slices"

	"github.com/makiuchi-d/gozxing"
	multidetector "github.com/makiuchi-d/gozxing/multi/qrcode/detector"
	"github.com/makiuchi-d/gozxing/qrcode/decoder"
	"github.com/makiuchi-d/gozxing/qrcode/detector"
)

// zxing's detector turns the distance between finder-pattern centres into
// a side length in modules by rounding, and gives up when the rounded
// value is not a QR size (17+4v): with modules of two or three pixels,
// uneven after a nearest-neighbour scale or a JPEG, large versions come
// out a module or two off and are never sampled. zxing-cpp (1.4,
// qrcode/QRDetector.cpp: EstimateDimension) measures the module on the
// finder pattern along the line between centres and keeps the closer of
// two estimates; here the finder patterns zxing found are sampled again at
// the QR sizes nearest the estimate, nearest first, until one decodes (the
// Reed-Solomon check and the version information reject wrong sizes).

// maxDimTries is how many sizes are tried per finder-pattern set.
const maxDimTries = 4

// redetect reads m again from its finder-pattern sets at the sizes near
// the estimated one.
func redetect(m *gozxing.BitMatrix) []*gozxing.Result {
	infos, err := multidetector.NewMultiFinderPatternFinder(m, nil).FindMulti(hints)
	if err != nil || len(infos) == 0 {
		info, err := detector.NewFinderPatternFinder(m, nil).Find(hints)
		if err != nil {
			return nil
		}
		infos = []*detector.FinderPatternInfo{info}
	}
	var out []*gozxing.Result
	for _, info := range infos {
		if r := decodeNearSizes(m, info); r != nil {
			out = append(out, r)
		}
	}
	return out
}

// decodeNearSizes samples the symbol of info at the QR sizes nearest its
// estimate and returns the first that decodes, or nil.
func decodeNearSizes(m *gozxing.BitMatrix, info *detector.FinderPatternInfo) *gozxing.Result {
	tl, tr, bl := info.GetTopLeft(), info.GetTopRight(), info.GetBottomLeft()
	ms := (tl.GetEstimatedModuleSize() + tr.GetEstimatedModuleSize() + bl.GetEstimatedModuleSize()) / 3
	if ms < 1 {
		return nil
	}
	span := (gozxing.ResultPoint_Distance(tl, tr) + gozxing.ResultPoint_Distance(tl, bl)) / 2
	est := span/ms + 7
	var dims []int
	for v := 1; v <= 40; v++ {
		dims = append(dims, 17+4*v)
	}
	slices.SortStableFunc(dims, func(a, b int) int {
		return cmpAbs(float64(a)-est, float64(b)-est)
	})
	for _, dim := range dims[:maxDimTries] {
		if r := sampleAt(m, tl, tr, bl, dim); r != nil {
			return r
		}
	}
	return nil
}

func cmpAbs(a, b float64) int {
	a, b = math.Abs(a), math.Abs(b)
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// sampleAt samples and decodes the symbol of the three finder patterns as
// dim modules a side, with its bottom-right alignment pattern when one is
// found near where that size puts it.
func sampleAt(m *gozxing.BitMatrix, tl, tr, bl *detector.FinderPattern, dim int) *gozxing.Result {
	ver, err := decoder.Version_GetProvisionalVersionForDimension(dim)
	if err != nil {
		return nil
	}
	var align *detector.AlignmentPattern
	if len(ver.GetAlignmentPatternCenters()) > 0 {
		// The bottom-right alignment pattern's centre sits 3 modules in
		// from where a fourth finder pattern's would be.
		k := 1 - 3/float64(dim-7)
		x := tl.GetX() + k*(tr.GetX()-tl.GetX()+bl.GetX()-tl.GetX())
		y := tl.GetY() + k*(tr.GetY()-tl.GetY()+bl.GetY()-tl.GetY())
		ms := gozxing.ResultPoint_Distance(tl, tr) / float64(dim-7)
		align = findAlignment(m, x, y, ms)
	}
	bits, err := detector.Detector_sampleGrid(m, detector.Detector_createTransform(tl, tr, bl, align, dim), dim)
	if err != nil {
		return nil
	}
	dr, err := decoder.NewDecoder().Decode(bits, hints)
	if err != nil {
		return nil
	}
	points := []gozxing.ResultPoint{bl, tl, tr}
	if meta, ok := dr.GetOther().(*decoder.QRCodeDecoderMetaData); ok {
		meta.ApplyMirroredCorrection(points)
	}
	r := gozxing.NewResult(dr.GetText(), dr.GetRawBytes(), points, gozxing.BarcodeFormat_QR_CODE)
	if segs := dr.GetByteSegments(); segs != nil {
		r.PutMetadata(gozxing.ResultMetadataType_BYTE_SEGMENTS, segs)
	}
	if ec := dr.GetECLevel(); ec != "" {
		r.PutMetadata(gozxing.ResultMetadataType_ERROR_CORRECTION_LEVEL, ec)
	}
	return r
}

// findAlignment looks for an alignment pattern around (x, y) in squares of
// 4, 8 and 16 modules' reach; nil when there is none.
func findAlignment(m *gozxing.BitMatrix, x, y, ms float64) *detector.AlignmentPattern {
	for reach := 4.0; reach <= 16; reach *= 2 {
		d := int(reach * ms)
		x0, x1 := max(0, int(x)-d), min(m.GetWidth()-1, int(x)+d)
		y0, y1 := max(0, int(y)-d), min(m.GetHeight()-1, int(y)+d)
		if float64(x1-x0) < 3*ms || float64(y1-y0) < 3*ms {
			return nil
		}
		if ap, err := detector.NewAlignmentPatternFinder(m, x0, y0, x1-x0, y1-y0, ms, nil).Find(); err == nil {
			return ap
		}
	}
	return nil
}
