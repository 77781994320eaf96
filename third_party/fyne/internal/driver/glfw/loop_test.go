//go:build !no_glfw && !mobile

package glfw

import (
	"image/color"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"github.com/stretchr/testify/assert"
)

// BenchmarkRunOnMain measures the cost of calling a function
// on the main thread.
func BenchmarkRunOnMain(b *testing.B) {
	f := func() {}

	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		runOnMain(f)
	}
}

// BenchmarkRunOnDraw measures the cost of calling a function
// on the draw thread.
func BenchmarkRunOnDraw(b *testing.B) {
	f := func() {}
	w := createWindow("Test")
	w.create()

	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		w.RunWithContext(f)
	}
}

// waitForIdle waits until the run loop sleeps in waitEvents.
func waitForIdle(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Second)
	for !waiter.waiting.Load() {
		if time.Now().After(deadline) {
			t.Fatal("the run loop did not go idle within 3 s")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestRunLoop_IdleWakesForQueuedFunctions(t *testing.T) {
	runOnMain(func() { idleWait = time.Minute })
	defer runOnMain(func() { idleWait = time.Second })

	waitForIdle(t)
	start := time.Now()
	runOnMain(func() {})
	assert.Less(t, time.Since(start), 500*time.Millisecond, "runOnMain waited for the idle timeout")

	waitForIdle(t)
	ran := make(chan time.Duration, 1)
	start = time.Now()
	runOnMainWithWait(func() { ran <- time.Since(start) }, false)
	select {
	case took := <-ran:
		assert.Less(t, took, 500*time.Millisecond)
	case <-time.After(5 * time.Second):
		t.Fatal("fyne.Do did not run while the loop was idle")
	}
}

func TestRunLoop_AnimationKeepsLoopAwake(t *testing.T) {
	runOnMain(func() { idleWait = time.Minute })
	defer runOnMain(func() { idleWait = time.Second })

	waitForIdle(t)
	var ticks atomic.Int32
	a := fyne.NewAnimation(time.Second, func(float32) { ticks.Add(1) })
	a.RepeatCount = fyne.AnimationRepeatForever
	d.StartAnimation(a) // from another goroutine: wakes the loop
	time.Sleep(300 * time.Millisecond)
	d.StopAnimation(a)
	// About 18 frames at 60 Hz; a loop waiting for events would give 1 or 2.
	assert.Greater(t, ticks.Load(), int32(8))
	waitForIdle(t) // and back to sleep once it stops
}

func TestRunLoop_PendingFunctionsCounted(t *testing.T) {
	block := make(chan struct{})
	runOnMainWithWait(func() { <-block }, false)
	runOnMainWithWait(func() {}, false)
	assert.Eventually(t, func() bool { return pendingFuncs.Load() == 1 }, time.Second, time.Millisecond)
	close(block)
	runOnMain(func() {})
	assert.Equal(t, int64(0), pendingFuncs.Load())
}

func TestRunLoop_MinimisedWindowIsNotDrawn(t *testing.T) {
	sw := createWindow("Minimised")
	sw.SetContent(canvas.NewRectangle(color.Black))
	// On the main thread: from the test's goroutine, Show would draw there,
	// without the window's GL context.
	runOnMain(func() { sw.window.Show() })
	defer sw.Close()
	w := sw.window
	assert.Eventually(t, func() bool {
		settled := false
		runOnMain(func() { settled = !w.waitsToDraw() })
		return settled
	}, 3*time.Second, 10*time.Millisecond, "the new window is never drawn")

	runOnMain(func() {
		w.iconified(nil, true)
		w.canvas.SetDirty()
		d.drawSingleFrame()
		assert.True(t, w.canvas.IsDirty(), "a minimised window was drawn")
		assert.False(t, w.waitsToDraw(), "a minimised window's changes keep the loop awake")

		w.iconified(nil, false)
		assert.True(t, w.waitsToDraw(), "a restored window is not redrawn")
	})
}
