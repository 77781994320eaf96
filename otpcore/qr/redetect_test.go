package qr

import (
	"bufio"
	"image"
	"os"
	"strings"
	"testing"
)

// The left code of generated__two-codes-v25-2.4px.jpg (117 modules, of 2
// or 3 pixels each) is estimated at 119 modules by zxing's detector, which
// then gives up; redetect samples it at the nearest QR sizes and reads it.
func TestRedetect(t *testing.T) {
	raw, err := os.ReadFile("testdata/generated__two-codes-v25-2.4px.txt")
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Split(string(raw), "\n")[0]
	f, err := os.Open("testdata/generated__two-codes-v25-2.4px.jpg")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, _, err := ReadImage(bufio.NewReader(f), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	left := img.(interface {
		SubImage(image.Rectangle) image.Image
	}).SubImage(image.Rect(b.Min.X, b.Min.Y, b.Dx()/2, b.Max.Y))
	m, err := binarize(toPlane(left))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(readMulti(m)) + len(readSingle(m)); n > 0 {
		t.Logf("zxing's readers now read it too (%d)", n)
	}
	got := redetect(m)
	if len(got) != 1 || got[0].GetText() != want {
		var texts []string
		for _, r := range got {
			texts = append(texts, r.GetText())
		}
		t.Fatalf("redetect read %d codes %.40q, want %.40q", len(got), texts, want)
	}
	if d := dimension(got[0]); d != 117 {
		t.Errorf("read as %d modules a side, want 117", d)
	}
}
