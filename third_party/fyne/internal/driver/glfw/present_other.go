//go:build wayland || !(linux || freebsd || openbsd || netbsd) || gles || arm || arm64 || wasm || test_web_driver

package glfw

import "fyne.io/fyne/v2/internal/driver/common"

// presentState shows frames by swapping buffers; the back buffer's age is not asked, so every
// frame is drawn whole.
type presentState struct{}

// bufferAge returns 0: unknown.
func (*presentState) bufferAge(_ any) int {
	return 0
}

// present shows the frame just drawn by swapping buffers.
func (*presentState) present(v any, _ common.Rect, _ bool, _ float32) {
	switch view := v.(type) {
	case interface{ SwapBuffers() }:
		view.SwapBuffers()
	case interface{ SwapBuffers() error }: // the browser's
		_ = view.SwapBuffers()
	}
}
