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

type sizedCanvas struct {
	fyne.Canvas
	content fyne.CanvasObject
	size    fyne.Size
}

func (s *sizedCanvas) Content() fyne.CanvasObject { return s.content }
func (s *sizedCanvas) Size() fyne.Size            { return s.size }
func (s *sizedCanvas) MinSize() fyne.Size         { return s.content.MinSize() }
func (s *sizedCanvas) Resize(size fyne.Size)      { s.size = size }

func TestCanvas_EnsureMinSizeLooksAtRefreshedObjects(t *testing.T) {
	test.NewTempApp(t)
	label := canvas.NewText("17 s", color.White)
	other := canvas.NewRectangle(color.Black)
	box := container.NewVBox(label, other)
	impl := &sizedCanvas{content: box, size: fyne.NewSize(200, 300)}
	box.Resize(impl.size)

	c := &Canvas{}
	c.Initialize(impl, func() {})
	c.SetPainter(gl.NewPainter(&dummyCanvas{}, struct{ driver.WithContext }{}))
	c.TrackDamage()
	c.SetContentTreeAndFocusMgr(box)
	frame := func() {
		c.EnsureMinSize()
		c.FreeDirtyTextures()
		c.Damage()
	}
	frame()
	frame()

	label.TextSize = 40
	c.Refresh(label)
	frame()
	assert.Equal(t, label.MinSize().Height, label.Size().Height, "a refreshed object that grew is laid out again")

	// Nobody is told that other grew: only the whole walk sees it.
	before := other.Size().Height
	other.SetMinSize(fyne.NewSize(10, 50))
	label.Text = "16 s"
	c.Refresh(label)
	frame()
	assert.Equal(t, before, other.Size().Height, "looked at the refreshed label only")

	c.minSizeWalked = c.minSizeWalked.Add(-minSizeFullEvery)
	c.Refresh(label)
	frame()
	assert.Equal(t, float32(50), other.Size().Height, "the whole walk, at least every %v", minSizeFullEvery)

	other.SetMinSize(fyne.NewSize(10, 60))
	c.SetDirty() // as a move, resize, show or hide does
	frame()
	assert.Equal(t, float32(60), other.Size().Height, "the whole walk after SetDirty")
}
