package common

import (
	"image/color"
	"testing"

	"github.com/stretchr/testify/assert"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/internal/driver"
	"fyne.io/fyne/v2/internal/painter/gl"
	"fyne.io/fyne/v2/test"
)

func rect(x, y, w, h float32) Rect {
	return NewRect(fyne.NewPos(x, y), fyne.NewSize(w, h))
}

func TestRect(t *testing.T) {
	a, b := rect(0, 0, 10, 10), rect(5, 5, 10, 10)
	assert.Equal(t, rect(0, 0, 15, 15), a.Union(b))
	assert.Equal(t, a, a.Union(Rect{}))
	assert.Equal(t, a, Rect{}.Union(a))
	assert.Equal(t, rect(5, 5, 5, 5), a.Intersect(b))
	assert.True(t, a.Overlaps(b))
	assert.False(t, a.Overlaps(rect(10, 0, 5, 5)), "touching edges share no point")
	assert.True(t, a.Intersect(rect(20, 20, 1, 1)).Empty())
	assert.Equal(t, rect(-2, -2, 14, 14), a.Outset(2))
	assert.Equal(t, rect(1, 2, 3, 4), NewRect(fyne.NewPos(1.5, 2.2), fyne.NewSize(2, 3.5)).Snap())
	assert.True(t, rect(3, 3, 0, 10).Empty())
}

func TestCanvas_Damage(t *testing.T) {
	test.NewTempApp(t)
	const m = damageMargin

	stay := canvas.NewRectangle(color.Black)
	stay.Move(fyne.NewPos(0, 0))
	stay.Resize(fyne.NewSize(100, 20))
	text := canvas.NewText("17 s", color.White)
	text.Move(fyne.NewPos(200, 10))
	text.Resize(fyne.NewSize(30, 20))
	bar := canvas.NewRectangle(color.White) // no stroke: Resize notifies nobody
	bar.Move(fyne.NewPos(5, 5))
	bar.Resize(fyne.NewSize(10, 5))
	box := container.NewWithoutLayout(bar)
	box.Move(fyne.NewPos(300, 100))
	box.Resize(fyne.NewSize(50, 20))
	content := container.NewWithoutLayout(stay, text, box)
	content.Resize(fyne.NewSize(400, 300))

	c := &Canvas{}
	c.Initialize(nil, func() {})
	c.SetPainter(gl.NewPainter(&dummyCanvas{}, struct{ driver.WithContext }{}))
	c.TrackDamage()
	c.SetContentTreeAndFocusMgr(content)

	frame := func() Rect {
		c.FreeDirtyTextures()
		return c.Damage()
	}

	assert.Equal(t, rect(0, 0, 400, 300).Outset(m), frame(), "the first frame is everything")
	assert.True(t, frame().Empty(), "nothing changed")

	text.Text = "16 s"
	c.Refresh(text)
	assert.Equal(t, rect(200, 10, 30, 20).Outset(m), frame(), "a refreshed object")

	text.Move(fyne.NewPos(210, 10))
	assert.Equal(t, rect(200, 10, 40, 20).Outset(m), frame(), "a moved object: where it was and where it is")

	bar.Resize(fyne.NewSize(20, 5))
	assert.Equal(t, rect(305, 105, 20, 5).Outset(m), frame(), "a resize nobody was told of")
	bar.FillColor = color.Black
	assert.True(t, frame().Empty(), "a change nobody was told of is not seen")
	c.Refresh(box)
	assert.Equal(t, rect(300, 100, 50, 20).Outset(m), frame(), "a refreshed container: all it holds")

	// Hiding or showing an object makes the walk build new nodes for the siblings after it,
	// which count as new: they are drawn again too.
	text.Hide()
	assert.Equal(t, rect(210, 10, 140, 110).Outset(m), frame(), "a hidden object: where it was, and the box after it")
	assert.True(t, frame().Empty())
	text.Show()
	assert.Equal(t, rect(210, 10, 140, 110).Outset(m), frame(), "shown again")

	content.Remove(stay)
	assert.Equal(t, rect(0, 0, 100, 20).Outset(m), frame().Intersect(rect(0, 0, 100, 20).Outset(m)), "a removed object: where it was")
	assert.True(t, frame().Empty())

	line := canvas.NewLine(color.White)
	line.StrokeWidth = 6
	line.Position1, line.Position2 = fyne.NewPos(50, 200), fyne.NewPos(50, 250)
	content.Add(line)
	assert.Equal(t, rect(50, 200, 0, 50).Outset(m+6), frame(), "an added line, with its stroke")
}

func TestCanvas_DamageUntracked(t *testing.T) {
	c := &Canvas{}
	c.Initialize(nil, func() {})
	c.SetPainter(gl.NewPainter(&dummyCanvas{}, struct{ driver.WithContext }{}))
	c.Refresh(canvas.NewRectangle(color.Black))
	c.FreeDirtyTextures()
	assert.Empty(t, c.refreshed, "a canvas that does not track damage keeps nothing")
}
