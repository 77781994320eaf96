package qr

// shrink returns p reduced k times in each direction, each pixel the mean
// of a k x k box (k >= 2): for modules too large for block thresholding.
func shrink(p plane, k int) plane {
	w, h := p.w/k, p.h/k
	q := plane{pix: make([]byte, w*h), w: w, h: h}
	area := k * k
	parallelRows(h, minRowsPerWorker/k+1, func(y0, y1 int) {
		sums := make([]int, w)
		for y := y0; y < y1; y++ {
			clear(sums)
			for yy := y * k; yy < y*k+k; yy++ {
				src := p.pix[yy*p.w : yy*p.w+w*k]
				for x := range sums {
					for _, v := range src[x*k : x*k+k] {
						sums[x] += int(v)
					}
				}
			}
			dst := q.pix[y*w : (y+1)*w]
			for x, s := range sums {
				dst[x] = byte(s / area)
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
