package glfw

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/internal/driver/common"
	"fyne.io/fyne/v2/theme"
)

// damageHistory is how many frames back a back buffer's content can be brought up to date
// from; an older buffer is drawn whole.
const damageHistory = 3

// frameDamage remembers what the last frames drawn changed, to draw a frame into a back buffer
// that still holds an earlier one (buffer age) by drawing only the area changed since then.
type frameDamage struct {
	history [damageHistory]common.Rect // the area each of the last frames changed, newest first
	frames  int                        // how many entries of history are known

	all bool // the next frame is drawn whole (exposed, shown again)

	lastPartial bool // the last frame drawn was drawn in part (for tests)

	// what the last frame was drawn for: any change draws the next one whole
	size            fyne.Size
	scale, texScale float32
	background      color.Color
}

// damageAll makes the next frame draw the whole window.
func (c *glCanvas) damageAll() {
	c.damage.all = true
}

// frameDamage returns the area of the next frame to draw into a back buffer whose content is
// age frames old (0: unknown): partial is false to draw everything, and draw is false when
// nothing at all changed since that content, so no frame need be drawn or shown.
func (c *glCanvas) frameDamage(age int) (area common.Rect, partial, draw bool) {
	changed := c.Damage() // walked every frame, so the next one can tell what moved
	d := &c.damage
	background := theme.Color(theme.ColorNameBackground)
	bounds := common.NewRect(fyne.Position{}, c.size)

	whole := d.all || age <= 0 || age-1 > d.frames ||
		c.size != d.size || c.scale != d.scale || c.texScale != d.texScale || background != d.background
	if !whole {
		area = changed
		for i := 0; i < age-1; i++ {
			area = area.Union(d.history[i])
		}
		area = area.Snap().Intersect(bounds)
		if area.Empty() {
			return common.Rect{}, false, false
		}
		partial = area != bounds
	}
	if !partial {
		changed = bounds
	}

	copy(d.history[1:], d.history[:damageHistory-1])
	d.history[0] = changed
	if d.frames < damageHistory {
		d.frames++
	}
	d.all = false
	d.lastPartial = partial
	d.size, d.scale, d.texScale, d.background = c.size, c.scale, c.texScale, background
	return area, partial, true
}
