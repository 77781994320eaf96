//go:build linux || freebsd || netbsd || openbsd || dragonfly

package scan

// Default is the capturer of the session getenv describes: Portal on
// Wayland (WAYLAND_DISPLAY or XDG_SESSION_TYPE=wayland), with authdesk's
// application id; X11 otherwise.
func Default(getenv func(string) string) Capturer {
	if Wayland(getenv) {
		return Portal{AppID: AppID, Getenv: getenv}
	}
	return X11{}
}
