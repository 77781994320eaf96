package screens

import (
	"image/color"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

// pieces are the texts a glyphText draws, with their left edges.
func pieces(g *glyphText) (texts []string, xs []float32) {
	for _, o := range test.WidgetRenderer(g).Objects() {
		t := o.(*canvas.Text)
		texts = append(texts, t.Text)
		xs = append(xs, t.Position().X)
	}
	return texts, xs
}

func TestGlyphText(t *testing.T) {
	test.NewTempApp(t)
	red := color.NRGBA{R: 255, A: 255}
	green := color.NRGBA{G: 255, A: 255}
	g := newGlyphText(24, fyne.TextStyle{Bold: true}, 4)
	w := test.NewTempWindow(t, g)
	w.Resize(fyne.NewSize(300, 100))

	g.set("next ", "123 456", "", red)
	texts, xs := pieces(g)
	if got := strings.Join(texts, "|"); got != "next |1|2|3| |4|5|6" {
		t.Fatalf("pieces %q: the words in one piece, the code a character each", got)
	}
	for i := 1; i < len(xs); i++ {
		if xs[i] <= xs[i-1] {
			t.Fatalf("piece %d at %v, left of piece %d at %v", i, xs[i], i-1, xs[i-1])
		}
	}
	whole := fyne.MeasureText("next 123 456", 24, fyne.TextStyle{Bold: true}).Width
	if got := g.MinSize().Width - 8; got < whole-2 || got > whole+2 {
		t.Errorf("width %v, the whole text's is %v", got, whole)
	}
	if g.Text != "next 123 456" {
		t.Errorf("Text %q", g.Text)
	}

	// A new code of the same digits' width: the same objects, in place.
	objs := test.WidgetRenderer(g).Objects()
	g.set("next ", "987 650", "", green)
	texts2, xs2 := pieces(g)
	if got := strings.Join(texts2, ""); got != "next 987 650" {
		t.Fatalf("shows %q", got)
	}
	for i, o := range test.WidgetRenderer(g).Objects() {
		if o != objs[i] || xs2[i] != xs[i] {
			t.Fatalf("piece %d replaced or moved from %v to %v", i, xs[i], xs2[i])
		}
		if c := o.(*canvas.Text).Color; c != green {
			t.Errorf("piece %d in %v, want the new colour", i, c)
		}
	}

	// A renderer made again (Fyne drops renderers from its cache) shows
	// the text already set, in place.
	r := g.CreateRenderer()
	r.Layout(g.Size())
	if n := len(r.Objects()); n != len(objs) {
		t.Errorf("a new renderer draws %d pieces, want %d", n, len(objs))
	}

	// A message in one piece, then nothing, keeping the height of a line.
	h := g.MinSize().Height
	g.set("damaged", "", "", red)
	if texts, _ := pieces(g); len(texts) != 1 || texts[0] != "damaged" {
		t.Errorf("message as %q", texts)
	}
	g.set("", "", "", red)
	if texts, _ := pieces(g); len(texts) != 0 || g.MinSize().Height != h || g.MinSize().Width != 8 {
		t.Errorf("empty: pieces %q, min size %v", texts, g.MinSize())
	}
}
