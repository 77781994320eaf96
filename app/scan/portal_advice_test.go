package scan

import (
	"strings"
	"testing"
)

func TestWayland(t *testing.T) {
	cases := []struct {
		vars map[string]string
		want bool
	}{
		{map[string]string{"WAYLAND_DISPLAY": "wayland-0"}, true},
		{map[string]string{"XDG_SESSION_TYPE": "wayland", "DISPLAY": ":0"}, true},
		{map[string]string{"WAYLAND_DISPLAY": "wayland-1", "DISPLAY": ":0", "XDG_SESSION_TYPE": "tty"}, true}, // sway started from a console
		{map[string]string{"DISPLAY": ":0", "XDG_SESSION_TYPE": "x11"}, false},
		{map[string]string{}, false},
	}
	for _, tc := range cases {
		if got := Wayland(env(tc.vars)); got != tc.want {
			t.Errorf("Wayland(%v) = %v", tc.vars, got)
		}
	}
}

// Each desktop's advice names what to click or install there.
func TestPortalAdvice(t *testing.T) {
	cases := []struct {
		current string
		want    desktop
		refused string
		install string
	}{
		{"ubuntu:GNOME", gnomeDesktop, "flatpak permission-reset " + AppID, "xdg-desktop-portal-gnome"},
		{"GNOME-Classic:GNOME", gnomeDesktop, `"Allow Applications to Take Screenshots?"`, "xdg-desktop-portal-gnome"},
		{"KDE", kdeDesktop, "xdg-desktop-portal-kde", "xdg-desktop-portal-kde"},
		{"sway", wlrootsDesktop, "install grim", "xdg-desktop-portal-gtk"},
		{"Hyprland", wlrootsDesktop, "xdg-desktop-portal-wlr", "grim"},
		{"", otherDesktop, "screenshot permission", "xdg-desktop-portal-gnome, -kde or -wlr"},
	}
	for _, tc := range cases {
		d := desktopOf(env(map[string]string{"XDG_CURRENT_DESKTOP": tc.current}))
		if d != tc.want {
			t.Errorf("%q: desktop %d, want %d", tc.current, d, tc.want)
		}
		for _, msg := range []string{d.refusedAdvice(), d.cancelledAdvice(), d.timeoutAdvice(), d.installAdvice()} {
			if strings.Contains(msg, "\n") || msg == "" {
				t.Errorf("%q: advice not one line: %q", tc.current, msg)
			}
		}
		if !strings.Contains(d.refusedAdvice(), tc.refused) || !strings.Contains(d.installAdvice(), tc.install) {
			t.Errorf("%q: refused %q / install %q; want %q / %q", tc.current, d.refusedAdvice(), d.installAdvice(), tc.refused, tc.install)
		}
	}
}
