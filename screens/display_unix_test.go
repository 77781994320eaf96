//go:build linux || freebsd || netbsd || openbsd || dragonfly

package screens

import (
	"strings"
	"testing"
)

func TestNoDisplay(t *testing.T) {
	cases := []struct {
		vars map[string]string
		want string // a part of the message; "" for none
	}{
		{map[string]string{"DISPLAY": ":0"}, ""},
		{map[string]string{"DISPLAY": ":1", "WAYLAND_DISPLAY": "wayland-0"}, ""}, // XWayland
		{map[string]string{"WAYLAND_DISPLAY": "wayland-0"}, "turn XWayland on"},
		{map[string]string{}, "start authdesk from a desktop session"},
	}
	for _, tc := range cases {
		got := noDisplay(func(k string) string { return tc.vars[k] })
		if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) || strings.Contains(got, "\n") {
			t.Errorf("noDisplay(%v) = %q, want one line with %q", tc.vars, got, tc.want)
		}
	}
}
