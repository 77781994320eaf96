package qr

import "math"

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

// enlarge returns p magnified k times (2 to 4) by Catmull-Rom cubic
// interpolation, for modules of about one to two pixels: the finder scan
// then sees runs it can measure, and the grid sampler reads each module
// from a threshold of interpolated values rather than from the nearest
// whole pixel. Cubic rather than bilinear keeps the contrast of a lone
// module between two of the other colour, which the linear kernel of a
// browser's or a phone's downscale has already halved.
func enlarge(p plane, k int) plane {
	w, h := p.w*k, p.h*k
	first, weights := cubicTaps(k)
	// Horizontal pass into tmp, cubicBits/2 fractional bits kept; then the
	// vertical pass, rounded and clamped to a byte.
	tmp := make([]int32, w*p.h)
	parallelRows(p.h, minRowsPerWorker/k, func(y0, y1 int) {
		for y := y0; y < y1; y++ {
			src := p.pix[y*p.w : (y+1)*p.w]
			dst := tmp[y*w : (y+1)*w]
			for x := range dst {
				i, ph := x/k, x%k
				wt := &weights[ph]
				x0 := i + first[ph]
				var acc int32
				if x0 >= 0 && x0+3 < p.w {
					acc = wt[0]*int32(src[x0]) + wt[1]*int32(src[x0+1]) + wt[2]*int32(src[x0+2]) + wt[3]*int32(src[x0+3])
				} else {
					for t := range 4 {
						acc += wt[t] * int32(src[min(max(x0+t, 0), p.w-1)])
					}
				}
				dst[x] = (acc + 1<<(cubicBits/2-1)) >> (cubicBits / 2)
			}
		}
	})
	q := plane{pix: make([]byte, w*h), w: w, h: h}
	parallelRows(h, minRowsPerWorker, func(y0, y1 int) {
		for y := y0; y < y1; y++ {
			i, ph := y/k, y%k
			wt := &weights[ph]
			var rows [4][]int32
			for t := range rows {
				r := min(max(i+first[ph]+t, 0), p.h-1)
				rows[t] = tmp[r*w : (r+1)*w]
			}
			dst := q.pix[y*w : (y+1)*w]
			for x := range dst {
				v := (wt[0]*rows[0][x] + wt[1]*rows[1][x] + wt[2]*rows[2][x] + wt[3]*rows[3][x] + 1<<(cubicBits*3/2-1)) >> (cubicBits * 3 / 2)
				dst[x] = byte(min(max(v, 0), 255))
			}
		}
	})
	return q
}

// cubicBits is the fixed-point precision of the interpolation weights.
const cubicBits = 10

// cubicTaps returns, for each of the k phases of an output pixel, the
// offset of the first of its four source pixels from the source pixel
// that contains it, and their Catmull-Rom weights (summing to
// 1<<cubicBits). Output pixel k*i+ph samples the source at
// i + (2*ph+1-k)/(2*k), centres aligned.
func cubicTaps(k int) ([]int, [][4]int32) {
	first := make([]int, k)
	weights := make([][4]int32, k)
	for ph := range k {
		d := float64(2*ph+1-k) / float64(2*k)
		base := 0
		if d < 0 {
			base, d = -1, d+1
		}
		first[ph] = base - 1
		sum, big := int32(0), 0
		for t := range 4 {
			w := int32(math.Round(catmullRom(d-float64(t-1)) * (1 << cubicBits)))
			weights[ph][t] = w
			sum += w
			if w > weights[ph][big] {
				big = t
			}
		}
		weights[ph][big] += 1<<cubicBits - sum
	}
	return first, weights
}

// catmullRom is the Catmull-Rom kernel (the cubic convolution of Keys with
// a = -0.5).
func catmullRom(x float64) float64 {
	x = math.Abs(x)
	switch {
	case x < 1:
		return (1.5*x-2.5)*x*x + 1
	case x < 2:
		return ((-0.5*x+2.5)*x-4)*x + 2
	}
	return 0
}
