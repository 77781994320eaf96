package qr

// halve returns p reduced to half its size in each direction, each pixel
// the rounded mean of a 2x2 box: for modules too large for block
// thresholding. Halving twice gives the quarter size.
func halve(p plane) plane {
	w, h := p.w/2, p.h/2
	q := plane{pix: make([]byte, w*h), w: w, h: h}
	parallelRows(h, minRowsPerWorker/2, func(y0, y1 int) {
		for y := y0; y < y1; y++ {
			a := p.pix[2*y*p.w : 2*y*p.w+2*w]
			b := p.pix[(2*y+1)*p.w : (2*y+1)*p.w+2*w]
			dst := q.pix[y*w : (y+1)*w]
			for x := range dst {
				dst[x] = byte((uint(a[2*x]) + uint(a[2*x+1]) + uint(b[2*x]) + uint(b[2*x+1]) + 2) >> 2)
			}
		}
	})
	return q
}

// enlarge returns p magnified k times by bilinear interpolation: for
// modules of a pixel or less, which the finder-pattern scan cannot measure.
func enlarge(p plane, k int) plane {
	w, h := p.w*k, p.h*k
	q := plane{pix: make([]byte, w*h), w: w, h: h}
	at := func(x, y int) int {
		x = min(max(x, 0), p.w-1)
		y = min(max(y, 0), p.h-1)
		return int(p.pix[y*p.w+x])
	}
	parallelRows(h, minRowsPerWorker, func(y0, y1 int) {
		for y := y0; y < y1; y++ {
			// sample centres: source coordinate (y+0.5)/k - 0.5, in 1/(2k) units
			sy := 2*y + 1 - k
			iy, fy := floorDiv(sy, 2*k), mod(sy, 2*k)
			dst := q.pix[y*w : (y+1)*w]
			for x := range dst {
				sx := 2*x + 1 - k
				ix, fx := floorDiv(sx, 2*k), mod(sx, 2*k)
				d := 2 * k
				top := at(ix, iy)*(d-fx) + at(ix+1, iy)*fx
				bot := at(ix, iy+1)*(d-fx) + at(ix+1, iy+1)*fx
				dst[x] = byte((top*(d-fy) + bot*fy + d*d/2) / (d * d))
			}
		}
	})
	return q
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func mod(a, b int) int { return a - floorDiv(a, b)*b }
