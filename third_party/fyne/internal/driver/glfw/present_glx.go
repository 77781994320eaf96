//go:build !wayland && (linux || freebsd || openbsd || netbsd) && !gles && !arm && !arm64 && !wasm && !test_web_driver

package glfw

/*
#cgo LDFLAGS: -lGL
#include <string.h>
#include <GL/glx.h>

#ifndef GLX_BACK_BUFFER_AGE_EXT
#define GLX_BACK_BUFFER_AGE_EXT 0x20F4
#endif

typedef void (*copySubBufferFunc)(Display *, GLXDrawable, int, int, int, int);

static int hasExtension(Display *dpy, const char *name) {
	const char *ext = glXQueryExtensionsString(dpy, DefaultScreen(dpy));
	size_t n = strlen(name);
	for (const char *p = ext; p != NULL && (p = strstr(p, name)) != NULL; p += n) {
		if ((p == ext || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0')) {
			return 1;
		}
	}
	return 0;
}

static int hasBufferAge(Display *dpy) {
	return hasExtension(dpy, "GLX_EXT_buffer_age");
}

static int hasCopySubBuffer(Display *dpy) {
	return hasExtension(dpy, "GLX_MESA_copy_sub_buffer");
}

static copySubBufferFunc copySubBuffer(void) {
	return (copySubBufferFunc)glXGetProcAddress((const GLubyte *)"glXCopySubBufferMESA");
}

static void callCopySubBuffer(copySubBufferFunc f, Display *dpy, GLXDrawable d, int x, int y, int w, int h) {
	f(dpy, d, x, y, w, h);
}

static unsigned int bufferAge(Display *dpy, GLXDrawable d) {
	unsigned int age = 0;
	glXQueryDrawable(dpy, d, GLX_BACK_BUFFER_AGE_EXT, &age);
	return age;
}
*/
import "C"

import (
	"math"
	"unsafe"

	"github.com/go-gl/glfw/v3.3/glfw"

	"fyne.io/fyne/v2/internal/driver/common"
)

// glx holds what the display's GLX offers to keep a window's back buffer between frames,
// looked up on first use.
var glx struct {
	looked    bool
	bufferAge bool                // GLX_EXT_buffer_age
	copySub   C.copySubBufferFunc // GLX_MESA_copy_sub_buffer, or nil
}

func glxDisplay() *C.Display {
	dpy := (*C.Display)(unsafe.Pointer(glfw.GetX11Display()))
	if dpy != nil && !glx.looked {
		glx.looked = true
		glx.bufferAge = C.hasBufferAge(dpy) != 0
		if C.hasCopySubBuffer(dpy) != 0 {
			glx.copySub = C.copySubBuffer()
		}
	}
	return dpy
}

// probeFrames is how many frames a window is shown by swapping buffers while GLX_EXT_buffer_age
// is asked whether it knows the back buffer's age, before copying is tried instead.
const probeFrames = 3

// presentState is how a window's frames are shown, so that the next one can be drawn into
// a back buffer that still holds an earlier frame.
//
// Frames are shown by swapping buffers, and GLX_EXT_buffer_age tells how old the back buffer's
// content is. Some drivers have the extension but always answer 0 (unknown), such as Mesa's
// software rasteriser under Xvfb or a remote desktop; there, after probeFrames frames, frames
// are shown by copying from the back buffer to the window (GLX_MESA_copy_sub_buffer), which
// leaves the back buffer as it was: its content is then always the last frame.
type presentState struct {
	frames  int  // frames shown by swapping while probing
	knowAge bool // GLX_EXT_buffer_age has answered: keep swapping
	copying bool // frames are shown by copying
	copied  bool // a whole frame has been copied since copying began
}

// bufferAge returns how many frames old the content of the window's back buffer is before the
// next frame is drawn: 1 if it holds the last frame, 0 if unknown (draw everything).
// It is called on the main thread.
func (s *presentState) bufferAge(v *glfw.Window) int {
	if v == nil {
		return 0
	}
	dpy := glxDisplay()
	if dpy == nil {
		return 0
	}
	if s.copying {
		if s.copied {
			return 1
		}
		return 0
	}
	if !glx.bufferAge {
		return 0
	}
	d := C.GLXDrawable(v.GetGLXWindow())
	if d == 0 {
		return 0
	}
	age := int(C.bufferAge(dpy, d))
	if age > 0 {
		s.knowAge = true
	}
	return age
}

// present shows the frame just drawn: only the area given (in canvas units, scale pixels per
// unit) when copying and partial, the whole of it otherwise.
func (s *presentState) present(v *glfw.Window, area common.Rect, partial bool, scale float32) {
	dpy := glxDisplay()
	d := C.GLXDrawable(v.GetGLXWindow())
	if !s.copying {
		v.SwapBuffers()
		if s.knowAge || dpy == nil || d == 0 || glx.copySub == nil {
			return
		}
		s.frames++
		s.copying = s.frames >= probeFrames
		return
	}
	fbWidth, fbHeight := v.GetFramebufferSize()
	x0, y0, x1, y1 := 0, 0, fbWidth, fbHeight
	if partial {
		x0 = clampInt(int(math.Floor(float64(area.Min.X*scale))), 0, fbWidth)
		y0 = clampInt(int(math.Floor(float64(area.Min.Y*scale))), 0, fbHeight)
		x1 = clampInt(int(math.Ceil(float64(area.Max.X*scale))), 0, fbWidth)
		y1 = clampInt(int(math.Ceil(float64(area.Max.Y*scale))), 0, fbHeight)
	} else {
		s.copied = true
	}
	// GL's origin is the bottom left corner
	C.callCopySubBuffer(glx.copySub, dpy, d, C.int(x0), C.int(fbHeight-y1), C.int(x1-x0), C.int(y1-y0))
}

func clampInt(v, lo, hi int) int {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}
