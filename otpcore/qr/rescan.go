package qr

import "image"

// maxRescan is the largest image (pixels) searched on for more codes after
// a pass has found some: on small images (a phone screenshot cut to the
// codes, a web page's code) two codes of one export can need different
// passes, and the later passes are cheap there. Larger images stop at the
// first pass that finds anything, as before, so screen scans keep their
// speed.
const maxRescan = 1 << 20

// roomForMore reports whether a w x h image holds, beside, above or below
// all the codes found so far, a strip wide enough for another code of the
// size of the smallest of them (codes of one export come in one size).
// An image that is one code and its margin is not searched again.
func roomForMore(codes []Code, origin image.Point, w, h int) bool {
	var all image.Rectangle
	side := w + h
	for _, c := range codes {
		r := c.Bounds.Sub(origin)
		if r.Empty() {
			continue
		}
		all = all.Union(r)
		side = min(side, r.Dx(), r.Dy())
	}
	if all.Empty() {
		return false
	}
	need := side * 3 / 4
	return all.Min.X >= need || w-all.Max.X >= need || all.Min.Y >= need || h-all.Max.Y >= need
}

// blankOut returns a copy of p with the symbols of codes (bounds in image
// coordinates, offset by origin) painted white, a little beyond their
// edges but inside their quiet zones, so that a later pass finds only the
// codes not read yet.
func blankOut(p plane, codes []Code, origin image.Point) plane {
	q := plane{pix: append([]byte(nil), p.pix...), w: p.w, h: p.h}
	for _, c := range codes {
		r := c.Bounds.Sub(origin)
		if r.Empty() {
			continue
		}
		// about a module and a half for versions up to 15
		r = r.Inset(-(r.Dx()/40 + 2)).Intersect(image.Rect(0, 0, p.w, p.h))
		for y := r.Min.Y; y < r.Max.Y; y++ {
			row := q.pix[y*q.w+r.Min.X : y*q.w+r.Max.X]
			for x := range row {
				row[x] = 255
			}
		}
	}
	return q
}
