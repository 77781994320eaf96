//go:build wasm || test_web_driver

package glfw

import (
	"time"

	"fyne.io/fyne/v2"

	"github.com/fyne-io/gl-js"
	"github.com/fyne-io/glfw-js"
)

func (d *gLDriver) initGLFW() {
	err := glfw.Init(gl.ContextWatcher)
	if err != nil {
		fyne.LogError("failed to initialise GLFW", err)
		return
	}
}

func (d *gLDriver) pollEvents() {
	glfw.PollEvents() // This call blocks while window is being resized, which prevents freeDirtyTextures from being called
}

// canWaitEvents: the browser drives the loop, which keeps polling.
const canWaitEvents = false

func (d *gLDriver) waitEvents(time.Duration) {}

func postEmptyEvent() {}

func (d *gLDriver) Terminate() {
	glfw.Terminate()
}
