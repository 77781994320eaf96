package qr

import "github.com/makiuchi-d/gozxing"

// Block thresholding, the method of zxing's HybridBinarizer, laid out so
// that both cores share the pixel passes: (1) every 8x8 block's mean and
// range, in parallel; (2) a raster pass that gives flat blocks the black
// point of their neighbours (each depends on the previous ones: cheap and
// sequential); (3) thresholding of each pixel against the mean black point
// of the 5x5 blocks around its block, in parallel, written a row at a time.
const (
	blockShift = 3
	blockSize  = 1 << blockShift
	// minRange is the contrast under which a block is taken as flat.
	minRange = 24
	// smallest image side for block thresholding; smaller ones use zxing's
	// global histogram.
	minBlockSide = blockSize * 5
)

// blockBinarizer is a gozxing.Binarizer over a plane.
type blockBinarizer struct {
	*gozxing.GlobalHistogramBinarizer // GetBlackRow, sizes, the small-image fallback
	src                               *planeSource
	matrix                            *gozxing.BitMatrix
}

func newBlockBinarizer(src *planeSource) *blockBinarizer {
	g := gozxing.NewGlobalHistgramBinarizer(src).(*gozxing.GlobalHistogramBinarizer)
	return &blockBinarizer{GlobalHistogramBinarizer: g, src: src}
}

// CreateBinarizer implements gozxing.Binarizer.
func (b *blockBinarizer) CreateBinarizer(source gozxing.LuminanceSource) gozxing.Binarizer {
	if s, ok := source.(*planeSource); ok {
		return newBlockBinarizer(s)
	}
	return gozxing.NewHybridBinarizer(source)
}

// GetBlackMatrix implements gozxing.Binarizer; the result is cached.
func (b *blockBinarizer) GetBlackMatrix() (*gozxing.BitMatrix, error) {
	if b.matrix != nil {
		return b.matrix, nil
	}
	p := b.src.p
	if p.w < minBlockSide || p.h < minBlockSide {
		m, err := b.GlobalHistogramBinarizer.GetBlackMatrix()
		if err != nil {
			return nil, err
		}
		b.matrix = m
		return m, nil
	}
	m, err := binarize(p)
	if err != nil {
		return nil, err
	}
	b.matrix = m
	return m, nil
}

// binarize thresholds p into a new matrix (true is black).
func binarize(p plane) (*gozxing.BitMatrix, error) {
	bw := (p.w + blockSize - 1) >> blockShift
	bh := (p.h + blockSize - 1) >> blockShift
	black := make([]int32, bw*bh) // black point of each block
	flatMin := make([]int16, bw*bh)
	parallelRows(bh, 8, func(by0, by1 int) { blockStats(p, bw, by0, by1, black, flatMin) })
	spreadFlat(bw, bh, black, flatMin)

	m, err := gozxing.NewBitMatrix(p.w, p.h)
	if err != nil {
		return nil, err
	}
	parallelRows(bh, 8, func(by0, by1 int) { threshold(p, bw, bh, by0, by1, black, m) })
	return m, nil
}

// blockStats fills black (the block mean) and flatMin (the block minimum
// when the block is flat, else -1) for block rows [by0, by1). The last row
// and column of blocks are moved inwards to stay whole.
func blockStats(p plane, bw, by0, by1 int, black []int32, flatMin []int16) {
	maxY, maxX := p.h-blockSize, p.w-blockSize
	for by := by0; by < by1; by++ {
		y0 := min(by<<blockShift, maxY)
		for bx := 0; bx < bw; bx++ {
			x0 := min(bx<<blockShift, maxX)
			sum, lo, hi := 0, 255, 0
			for y := y0; y < y0+blockSize; y++ {
				row := p.pix[y*p.w+x0 : y*p.w+x0+blockSize : y*p.w+x0+blockSize]
				for _, v := range row {
					sum += int(v)
					lo = min(lo, int(v))
					hi = max(hi, int(v))
				}
			}
			i := by*bw + bx
			black[i] = int32(sum >> (2 * blockShift))
			flatMin[i] = -1
			if hi-lo <= minRange {
				flatMin[i] = int16(lo)
			}
		}
	}
}

// spreadFlat gives each flat block a black point: half its minimum (a
// light block), or its upper and left neighbours' when the block is
// darker than them (the inside of a dark area).
func spreadFlat(bw, bh int, black []int32, flatMin []int16) {
	for by := 0; by < bh; by++ {
		for bx := 0; bx < bw; bx++ {
			i := by*bw + bx
			lo := int32(flatMin[i])
			if lo < 0 {
				continue
			}
			v := lo / 2
			if by > 0 && bx > 0 {
				nb := (black[i-bw] + 2*black[i-1] + black[i-bw-1]) / 4
				if lo < nb {
					v = nb
				}
			}
			black[i] = v
		}
	}
}

// threshold writes the pixel rows of block rows [by0, by1) into m: a pixel
// is black when it is at or under the mean black point of the 5x5 blocks
// centred on its block (clamped to the image).
func threshold(p plane, bw, bh, by0, by1 int, black []int32, m *gozxing.BitMatrix) {
	limit := make([]int32, bw)
	row := gozxing.NewBitArray(p.w)
	for by := by0; by < by1; by++ {
		cy := min(max(by, 2), bh-3)
		for bx := range limit {
			cx := min(max(bx, 2), bw-3)
			var sum int32
			for y := cy - 2; y <= cy+2; y++ {
				r := black[y*bw+cx-2 : y*bw+cx+3]
				sum += r[0] + r[1] + r[2] + r[3] + r[4]
			}
			limit[bx] = sum / 25
		}
		for y := by << blockShift; y < min((by+1)<<blockShift, p.h); y++ {
			thresholdRow(p.pix[y*p.w:(y+1)*p.w], limit, row)
			m.SetRow(y, row)
		}
	}
}

// thresholdRow sets the bits of the pixels of pix at or under the limit of
// their block, four blocks to a 32-bit word, without branches.
func thresholdRow(pix []byte, limit []int32, row *gozxing.BitArray) {
	w := len(pix)
	full := w / 32
	for wi := 0; wi < full; wi++ {
		var word uint32
		for k := 0; k < 4; k++ {
			t := limit[wi*4+k]
			s := pix[wi*32+k*8 : wi*32+k*8+8 : wi*32+k*8+8]
			// the sign bit of ^(t-v) is set when v <= t
			b := uint32(^(t-int32(s[0])))>>31 |
				uint32(^(t-int32(s[1])))>>31<<1 |
				uint32(^(t-int32(s[2])))>>31<<2 |
				uint32(^(t-int32(s[3])))>>31<<3 |
				uint32(^(t-int32(s[4])))>>31<<4 |
				uint32(^(t-int32(s[5])))>>31<<5 |
				uint32(^(t-int32(s[6])))>>31<<6 |
				uint32(^(t-int32(s[7])))>>31<<7
			word |= b << (8 * k)
		}
		row.SetBulk(wi*32, word)
	}
	if full*32 < w {
		var word uint32
		for x := full * 32; x < w; x++ {
			if int32(pix[x]) <= limit[x>>blockShift] {
				word |= 1 << uint(x-full*32)
			}
		}
		row.SetBulk(full*32, word)
	}
}
