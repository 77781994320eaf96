package qr

import (
	"image"
	"testing"
)

func TestRoomForMore(t *testing.T) {
	code := func(x0, y0, side int) Code {
		return Code{Text: "x", Bounds: image.Rect(x0, y0, x0+side, y0+side)}
	}
	for _, c := range []struct {
		name   string
		w, h   int
		codes  []Code
		origin image.Point
		want   bool
	}{
		{"one code and its margin", 300, 300, []Code{code(30, 30, 240)}, image.Point{}, false},
		{"a phone screen: text above and below", 400, 700, []Code{code(40, 200, 320)}, image.Point{}, false},
		{"left of two screens side by side", 700, 400, []Code{code(30, 80, 280)}, image.Point{}, true},
		{"right of two", 700, 400, []Code{code(380, 80, 280)}, image.Point{}, true},
		{"both of two found", 700, 400, []Code{code(30, 80, 280), code(380, 80, 280)}, image.Point{}, false},
		{"upper of two stacked", 300, 640, []Code{code(20, 20, 260)}, image.Point{}, true},
		{"offset image", 300, 300, []Code{code(1030, 30, 240)}, image.Pt(1000, 0), false},
		{"structured append (no bounds)", 300, 300, []Code{{Text: "x"}}, image.Point{}, false},
	} {
		if got := roomForMore(c.codes, c.origin, c.w, c.h); got != c.want {
			t.Errorf("%s: roomForMore = %v, want %v", c.name, got, c.want)
		}
	}
}

// blankOut paints the found symbols white, a little beyond their edges,
// on a copy: the plane handed in (shared with the caller's image) is left
// as it was.
func TestBlankOut(t *testing.T) {
	p := plane{pix: make([]byte, 100*60), w: 100, h: 60}
	q := blankOut(p, []Code{{Text: "x", Bounds: image.Rect(1010, 20, 1050, 60)}}, image.Pt(1000, 10))
	for i, v := range p.pix {
		if v != 0 {
			t.Fatalf("the original plane was changed at %d", i)
		}
	}
	at := func(x, y int) byte { return q.pix[y*q.w+x] }
	if at(10, 10) != 255 || at(49, 49) != 255 || at(8, 8) != 255 {
		t.Errorf("the symbol (10,10)-(50,50) and its edge are not blank")
	}
	if at(5, 5) != 0 || at(60, 30) != 0 {
		t.Errorf("pixels away from the symbol were changed")
	}
}
