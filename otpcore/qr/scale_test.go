package qr

import (
	"math/rand/v2"
	"testing"
)

func randomPlane(w, h int, seed uint64) plane {
	r := rand.New(rand.NewPCG(seed, 1))
	p := plane{pix: make([]byte, w*h), w: w, h: h}
	for i := range p.pix {
		p.pix[i] = byte(r.IntN(256))
	}
	return p
}

// Enlarging keeps what the source says: a flat image stays flat, an odd
// factor puts the source pixel itself at the centre of its block, and a
// module between two of the other colour keeps its full contrast at its
// centre (what the bilinear kernel of a browser's downscale loses).
func TestEnlarge(t *testing.T) {
	for _, k := range []int{2, 3, 4} {
		flat := plane{pix: make([]byte, 13*7), w: 13, h: 7}
		for i := range flat.pix {
			flat.pix[i] = 200
		}
		q := enlarge(flat, k)
		if q.w != 13*k || q.h != 7*k {
			t.Fatalf("k=%d: size %dx%d, want %dx%d", k, q.w, q.h, 13*k, 7*k)
		}
		for i, v := range q.pix {
			if v != 200 {
				t.Fatalf("k=%d: flat image has %d at %d", k, v, i)
			}
		}
	}
	p := randomPlane(17, 11, 5)
	q := enlarge(p, 3)
	for y := 0; y < p.h; y++ {
		for x := 0; x < p.w; x++ {
			if got, want := q.pix[(3*y+1)*q.w+3*x+1], p.pix[y*p.w+x]; got != want {
				t.Fatalf("k=3: centre of source pixel (%d,%d) is %d, want %d", x, y, got, want)
			}
		}
	}
	// one dark column between light ones
	line := plane{pix: []byte{255, 255, 255, 0, 255, 255, 255}, w: 7, h: 1}
	q = enlarge(line, 4)
	centre := (int(q.pix[3*4+1]) + int(q.pix[3*4+2])) / 2
	if centre > 20 {
		t.Errorf("a lone dark pixel enlarged 4 times is %d at its centre, want under 20 (row %v)", centre, q.pix)
	}
}

func TestCubicTaps(t *testing.T) {
	for _, k := range []int{2, 3, 4} {
		first, weights := cubicTaps(k)
		for ph, w := range weights {
			if sum := w[0] + w[1] + w[2] + w[3]; sum != 1<<cubicBits {
				t.Errorf("k=%d phase %d: weights %v sum to %d", k, ph, w, sum)
			}
			if first[ph] != -1 && first[ph] != -2 {
				t.Errorf("k=%d phase %d: first tap at %d", k, ph, first[ph])
			}
		}
	}
}
