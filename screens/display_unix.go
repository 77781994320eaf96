//go:build linux || freebsd || netbsd || openbsd || dragonfly

package screens

// noDisplay says, in one line, why the window cannot open here, or ""
// when it can. The window is an X11 client (GLFW's X11 backend): on
// Wayland it runs through XWayland, which sets DISPLAY. Without this check
// GLFW fails deep inside Fyne with a panic and a stack trace.
func noDisplay(getenv func(string) string) string {
	if getenv("DISPLAY") != "" {
		return ""
	}
	if getenv("WAYLAND_DISPLAY") != "" {
		return "the window needs XWayland, and this Wayland session has none (DISPLAY is not set): turn XWayland on in your desktop's settings, or use the command line (authdesk --help)"
	}
	return "no desktop to open the window on (DISPLAY is not set): start authdesk from a desktop session, or use the command line (authdesk --help)"
}
