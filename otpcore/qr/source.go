package qr

import "github.com/makiuchi-d/gozxing"

// planeSource is a gozxing.LuminanceSource over a luminance plane: GetMatrix
// hands the plane itself to the binarizer, without a copy or a per-pixel
// call.
type planeSource struct {
	gozxing.LuminanceSourceBase
	p plane
}

func newPlaneSource(p plane) *planeSource {
	return &planeSource{gozxing.LuminanceSourceBase{Width: p.w, Height: p.h}, p}
}

// GetRow implements gozxing.LuminanceSource.
func (s *planeSource) GetRow(y int, row []byte) ([]byte, error) {
	if y < 0 || y >= s.p.h {
		return nil, gozxing.NewFormatException("row %d out of range", y)
	}
	if len(row) < s.p.w {
		row = make([]byte, s.p.w)
	}
	copy(row, s.p.pix[y*s.p.w:(y+1)*s.p.w])
	return row, nil
}

// GetMatrix implements gozxing.LuminanceSource; callers must not modify it.
func (s *planeSource) GetMatrix() []byte { return s.p.pix }

// Invert implements gozxing.LuminanceSource.
func (s *planeSource) Invert() gozxing.LuminanceSource { return gozxing.NewInvertedLuminanceSource(s) }

// String implements gozxing.LuminanceSource.
func (s *planeSource) String() string { return gozxing.LuminanceSourceString(s) }
