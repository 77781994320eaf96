package main

import (
	"image"
	"math/rand/v2"
	"os/exec"
	"strings"
	"testing"
)

// Payloads look like the links people scan and fit the version they are
// meant for at level M.
func TestPayload(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for v, capM := range byteCapM {
		for range 5 {
			n := capM * 9 / 10
			s := payload(r, n)
			if len(s) > n || len(s) < n*8/10 {
				t.Errorf("v%d: payload of %d bytes, want about %d", v, len(s), n)
			}
			if !strings.HasPrefix(s, "otpauth://totp/") && !strings.HasPrefix(s, "otpauth-migration://offline?data=") {
				t.Errorf("v%d: payload %.40q is not an otpauth or export link", v, s)
			}
			if strings.HasSuffix(s, "%") || (len(s) > 1 && s[len(s)-2] == '%') {
				t.Errorf("v%d: payload ends inside an escape: %q", v, s[len(s)-3:])
			}
		}
	}
}

// qrencode makes a symbol of exactly the version asked for, and the
// downscale gives the module size asked for.
func TestCodeAndScale(t *testing.T) {
	if _, err := exec.LookPath("qrencode"); err != nil {
		t.Skip("qrencode is not installed (scripts/deps.sh test)")
	}
	r := rand.New(rand.NewPCG(3, 4))
	for _, v := range []int{3, 10, 15} {
		mods, err := qrencodeModules(payload(r, byteCapM[v]*9/10), v)
		if err != nil {
			t.Fatal(err)
		}
		if len(mods) != 17+4*v {
			t.Fatalf("v%d: %d modules, want %d", v, len(mods), 17+4*v)
		}
		for _, mod := range []float64{1.3, 2.4} {
			img := downscale(render([][][]bool{mods}, false, r), mod/hiRes, "bilinear")
			want := float64(len(mods)+8) * mod
			if got := float64(img.Bounds().Dx()); got < want-1 || got > want+2 {
				t.Errorf("v%d at %.1f px/module: %v wide, want about %.0f", v, mod, img.Bounds().Dx(), want)
			}
			if img.Bounds().Min != (image.Point{}) {
				t.Errorf("image starts at %v", img.Bounds().Min)
			}
		}
	}
}
