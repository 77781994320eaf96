package qr

import (
	"bufio"
	"image"
	_ "image/jpeg"
	_ "image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// missed lists the fixture photos this decoder does not read (zbarimg and
// ZXingReader fail on them too); a change that reads one should move it out.
var missed = map[string]string{
	"zxing__qrcode-2_13.png": "low-contrast photographic texture",
	"zxing__qrcode-4_06.png": "wrinkled t-shirt",
}

// fixtures reads testdata/index.tsv and the migration photos: image and
// expected-text file names.
func fixtures(t *testing.T) [][2]string {
	t.Helper()
	f, err := os.Open("testdata/index.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out [][2]string
	sc := bufio.NewScanner(f)
	sc.Scan() // header
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 2 {
			t.Fatalf("index.tsv: bad line %q", sc.Text())
		}
		out = append(out, [2]string{cols[0], cols[1]})
	}
	out = append(out,
		[2]string{"extract_otp_secrets__example_export.png", "extract_otp_secrets__example_export.txt"},
		[2]string{"extract_otp_secrets__qr_but_without_otp.png", "extract_otp_secrets__qr_but_without_otp.txt"})
	return out
}

// TestFixtures decodes every third-party QR image and compares the text
// byte for byte with the expectation shipped beside it.
func TestFixtures(t *testing.T) {
	found := 0
	all := fixtures(t)
	for _, fx := range all {
		t.Run(fx[0], func(t *testing.T) {
			want, err := os.ReadFile(filepath.Join("testdata", fx[1]))
			if err != nil {
				t.Fatal(err)
			}
			f, err := os.Open(filepath.Join("testdata", fx[0]))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			img, _, err := image.Decode(f)
			if err != nil {
				t.Fatal(err)
			}
			codes := Decode(img)
			for _, c := range codes {
				if c.Text != string(want) {
					t.Errorf("read %q, want %q", c.Text, want)
				}
				if !c.Bounds.In(img.Bounds().Inset(-8)) || c.Bounds.Empty() {
					t.Errorf("bounds %v outside the image %v", c.Bounds, img.Bounds())
				}
			}
			why, known := missed[fx[0]]
			switch {
			case len(codes) == 0 && !known:
				t.Errorf("no code found")
			case len(codes) > 0 && known:
				t.Errorf("read %q, listed as missed (%s): update the list", codes[0].Text, why)
			case len(codes) > 1:
				t.Errorf("found %d codes, want 1", len(codes))
			}
			if len(codes) == 1 && codes[0].Text == string(want) {
				found++
			}
		})
	}
	t.Logf("find rate: %d of %d fixture images", found, len(all))
}
