//go:build linux || freebsd || netbsd || openbsd || dragonfly

package scan

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"authdesk/otpcore/qr/qrtest"
)

// ownClipboard makes xclip, a real X client, own the CLIPBOARD with data
// of type target until the test ends.
func ownClipboard(t *testing.T, target string, data []byte) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "clip")
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("xclip", "-quiet", "-selection", "clipboard", "-t", target, "-i", p)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	for range 50 { // until it owns the selection
		out, err := exec.Command("xclip", "-selection", "clipboard", "-o", "-t", "TARGETS").Output()
		if err == nil && bytes.Contains(out, []byte(target)) {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("xclip did not take the clipboard")
}

func pngOf(t *testing.T, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestPaste(t *testing.T) {
	if os.Getenv("DISPLAY") == "" {
		t.Skip("no X display (run inside scripts/in-session.sh)")
	}
	if _, err := exec.LookPath("xclip"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("xclip is missing: scripts/deps.sh test installs it")
		}
		t.Skip("xclip is not installed")
	}
	small, _, err := qrtest.Scene(800, 600, 5, qrtest.Code{Text: testURI, Module: 4, At: image.Pt(300, 200)})
	if err != nil {
		t.Fatal(err)
	}
	// A busy 4K screenshot is several MiB: the owner sends it in
	// increments (INCR).
	big, _, err := qrtest.Scene(3840, 2160, 6, qrtest.Code{Text: testURI, Module: 3, At: image.Pt(3000, 1500)})
	if err != nil {
		t.Fatal(err)
	}
	bigPNG := pngOf(t, big)
	if len(bigPNG) < 1<<20 {
		t.Fatalf("the big picture is %d bytes: too small to need INCR", len(bigPNG))
	}
	cases := []struct {
		name   string
		target string
		data   []byte
		want   error
		says   string
	}{
		{name: "a screenshot", target: "image/png", data: pngOf(t, small)},
		{name: "a 4K screenshot, in increments", target: "image/png", data: bigPNG},
		{name: "text", target: "UTF8_STRING", data: []byte("hello"), want: ErrNoPicture, says: "it holds text"},
		{name: "not a picture", target: "image/png", data: []byte("not a png"), want: ErrNotImage, says: pastedName},
		{name: "nothing", want: ErrNoPicture, says: "copy the QR code's picture (or press PrtSc), then paste again"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.target != "" {
				ownClipboard(t, tc.target, tc.data)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			found, err := Paste(ctx)
			if tc.want != nil {
				if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.says) {
					t.Fatalf("error %v, want %v saying %q", err, tc.want, tc.says)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(found) != 1 || found[0].Text != testURI || found[0].Source.File != pastedName {
				t.Fatalf("found %d codes; want the one code of %s", len(found), pastedName)
			}
		})
	}
}
