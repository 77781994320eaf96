package common

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// damageMargin is how far, in canvas units, an object may draw outside its bounds
// (glyph overhang, anti-aliased edges), besides its stroke.
const damageMargin = 4

// Rect is an area of a canvas in canvas units, from Min (inclusive) to Max (exclusive).
// The zero Rect is empty.
type Rect struct {
	Min, Max fyne.Position
}

// NewRect returns the area of the given position and size.
func NewRect(pos fyne.Position, size fyne.Size) Rect {
	return Rect{Min: pos, Max: pos.Add(size)}
}

// Empty reports whether the area holds no point.
func (r Rect) Empty() bool {
	return r.Min.X >= r.Max.X || r.Min.Y >= r.Max.Y
}

// Union returns the smallest area that holds both.
func (r Rect) Union(o Rect) Rect {
	if o.Empty() {
		return r
	}
	if r.Empty() {
		return o
	}
	return Rect{
		Min: fyne.NewPos(fmin(r.Min.X, o.Min.X), fmin(r.Min.Y, o.Min.Y)),
		Max: fyne.NewPos(fmax(r.Max.X, o.Max.X), fmax(r.Max.Y, o.Max.Y)),
	}
}

// Intersect returns the area common to both; it is empty if they do not overlap.
func (r Rect) Intersect(o Rect) Rect {
	i := Rect{
		Min: fyne.NewPos(fmax(r.Min.X, o.Min.X), fmax(r.Min.Y, o.Min.Y)),
		Max: fyne.NewPos(fmin(r.Max.X, o.Max.X), fmin(r.Max.Y, o.Max.Y)),
	}
	if i.Empty() {
		return Rect{}
	}
	return i
}

// Overlaps reports whether the two areas share a point.
func (r Rect) Overlaps(o Rect) bool {
	return !r.Intersect(o).Empty()
}

// Outset returns the area grown by d on each side.
func (r Rect) Outset(d float32) Rect {
	return Rect{Min: r.Min.SubtractXY(d, d), Max: r.Max.AddXY(d, d)}
}

// Snap returns the area grown to whole canvas units.
func (r Rect) Snap() Rect {
	return Rect{
		Min: fyne.NewPos(float32(math.Floor(float64(r.Min.X))), float32(math.Floor(float64(r.Min.Y)))),
		Max: fyne.NewPos(float32(math.Ceil(float64(r.Max.X))), float32(math.Ceil(float64(r.Max.Y)))),
	}
}

// Pos returns the top left corner.
func (r Rect) Pos() fyne.Position {
	return r.Min
}

// Size returns the width and height.
func (r Rect) Size() fyne.Size {
	return fyne.NewSize(r.Max.X-r.Min.X, r.Max.Y-r.Min.Y)
}

// PaintBounds returns the area an object at pos may draw into.
func PaintBounds(obj fyne.CanvasObject, pos fyne.Position) Rect {
	margin := float32(damageMargin)
	switch o := obj.(type) {
	case *canvas.Line:
		margin += o.StrokeWidth
	case *canvas.Rectangle:
		margin += o.StrokeWidth
	case *canvas.Circle:
		margin += o.StrokeWidth
	case *canvas.Polygon:
		margin += o.StrokeWidth
	case *canvas.Arc:
		margin += o.StrokeWidth
	}
	return NewRect(pos, obj.Size()).Outset(margin)
}

// PaintBounds returns where the node's object may have drawn in the last frame that Damage
// was called for.
func (r *RenderCacheNode) PaintBounds() Rect {
	return r.paintBounds
}

// Damage walks the trees and returns the area whose pixels may differ from the frame drawn
// at the previous call: the bounds, before and after, of the objects refreshed since then
// (with all they contain) and of the objects that moved, changed size, appeared or
// disappeared. The first call returns the bounds of everything.
//
// It must be called once per frame drawn, after FreeDirtyTextures.
func (c *Canvas) Damage() Rect {
	c.damageFrame++
	frame := c.damageFrame
	refreshed := c.refreshed
	visited := c.damageVisited[:0]
	var damage Rect
	inRefreshed := 0

	c.WalkTrees(func(node *RenderCacheNode, pos fyne.Position) {
		obj := node.obj
		if len(refreshed) > 0 {
			if _, ok := refreshed[obj]; ok {
				inRefreshed++
				node.refreshedRoot = true
			}
		}
		bounds := PaintBounds(obj, pos)
		if node.paintFrame == 0 {
			if c.nodeOf == nil {
				c.nodeOf = make(map[fyne.CanvasObject]*RenderCacheNode)
			}
			c.nodeOf[obj] = node
		}
		if node.paintFrame == 0 || inRefreshed > 0 || bounds != node.paintBounds {
			damage = damage.Union(node.paintBounds).Union(bounds)
		}
		node.paintBounds = bounds
		node.paintFrame = frame
		visited = append(visited, node)
	}, func(node *RenderCacheNode, _ fyne.Position) {
		if node.refreshedRoot {
			inRefreshed--
			node.refreshedRoot = false
		}
	})

	for _, node := range c.damagePrevious {
		if node.paintFrame != frame { // hidden or removed since the last frame
			damage = damage.Union(node.paintBounds)
			if c.nodeOf[node.obj] == node {
				delete(c.nodeOf, node.obj)
			}
		}
	}
	for i := range c.damagePrevious {
		c.damagePrevious[i] = nil
	}
	c.damagePrevious, c.damageVisited = visited, c.damagePrevious
	for obj := range refreshed {
		delete(refreshed, obj)
	}
	return damage
}

func fmin(a, b float32) float32 {
	if a < b {
		return a
	}
	return b
}

func fmax(a, b float32) float32 {
	if a > b {
		return a
	}
	return b
}

// TrackDamage makes the canvas remember the objects it refreshes, for Damage.
func (c *Canvas) TrackDamage() {
	c.trackDamage = true
}

// noteRefreshed records an object taken from the refresh queue for the next Damage.
func (c *Canvas) noteRefreshed(obj fyne.CanvasObject) {
	if !c.trackDamage {
		return
	}
	if c.refreshed == nil {
		c.refreshed = make(map[fyne.CanvasObject]struct{})
	}
	c.refreshed[obj] = struct{}{}
}
