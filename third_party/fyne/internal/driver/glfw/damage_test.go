//go:build !no_glfw && !mobile && !wayland && linux && !gles && !arm && !arm64 && !test_web_driver

package glfw

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os/exec"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// windowPixels reads what the X server shows of the window (GL cannot read the front buffer
// under Mesa's software rasteriser).
func windowPixels(t *testing.T, w *safeWindow) image.Image {
	var id uint64
	runOnMain(func() { id = uint64(w.window.viewport.GetX11Window()) })
	out, err := exec.Command("import", "-window", fmt.Sprint(id), "png:-").Output()
	if err != nil {
		t.Skip("ImageMagick's import reads the window's pixels:", err)
	}
	img, err := png.Decode(bytes.NewReader(out))
	require.NoError(t, err)
	return img
}

// differentPixels counts the pixels that differ between two captures of one size.
func differentPixels(t *testing.T, a, b image.Image) int {
	require.Equal(t, a.Bounds(), b.Bounds())
	n := 0
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if a.At(x, y) != b.At(x, y) {
				n++
			}
		}
	}
	return n
}

// A frame drawn in part, where the back buffer is kept (Xvfb), shows what a frame drawn whole
// shows; and where it is not, every frame is drawn whole.
func TestGlCanvas_PartialFrameMatchesWhole(t *testing.T) {
	w := createWindow("Damage")
	w.SetPadded(false)
	seconds := widget.NewLabel("17 s")
	bar := widget.NewProgressBar()
	bar.SetValue(0.5)
	moving := canvas.NewRectangle(color.NRGBA{R: 200, A: 255})
	moving.SetMinSize(fyne.NewSize(20, 20))
	hiding := canvas.NewText("hide me", color.White)
	content := container.NewVBox(
		container.NewHBox(widget.NewLabel("account 000"), seconds),
		bar,
		container.NewWithoutLayout(moving),
		hiding,
		widget.NewLabel("a line that stays"),
	)
	w.SetContent(content)
	w.Resize(fyne.NewSize(240, 220))
	runOnMain(func() { w.window.Show() })
	for i := 0; i < probeFrames+2; i++ {
		w.Canvas().Refresh(content)
		repaintWindow(w)
	}
	before := windowPixels(t, w)

	runOnMain(func() {
		seconds.SetText("16 s")
		bar.SetValue(0.7)
		moving.Move(fyne.NewPos(40, 0))
		hiding.Hide()
		// what canvas.Refresh does in an app (this test runs without one)
		w.window.canvas.Refresh(seconds)
		w.window.canvas.Refresh(bar)
	})
	repaintWindow(w)
	var partial bool
	runOnMain(func() { partial = w.window.canvas.damage.lastPartial })
	drawnInPart := windowPixels(t, w)

	runOnMain(func() { w.window.canvas.damageAll() })
	repaintWindow(w)
	drawnWhole := windowPixels(t, w)

	assert.NotZero(t, differentPixels(t, before, drawnWhole), "the changes show")
	assert.Zero(t, differentPixels(t, drawnInPart, drawnWhole), "drawn in part (%v) as drawn whole", partial)
	glxDisplay()
	if glx.copySub != nil || glx.bufferAge {
		assert.True(t, partial, "the frame after a small change was drawn in part")
	}
	w.Close()
}
