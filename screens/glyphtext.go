package screens

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"
)

// glyphText shows a code one character per text object, with words around
// it (a prefix and a suffix) each in one piece. Fyne draws each text into
// a texture of its own, shared by all texts of the same string, size and
// colour: a new code as one text is drawn (shaped, rasterised, uploaded)
// anew at every period and again in the warning colour, where its digits,
// drawn once, are reused from then on. A list of 20 codes rolls over with
// no text drawn and next to no garbage. The theme font's digits are of one
// width, so a code keeps its width as its digits change.
type glyphText struct {
	widget.BaseWidget
	// Text is what is shown, prefix, code and suffix together.
	Text                 string
	prefix, code, suffix string
	align                fyne.TextAlign // in the space it is given; centred by default
	color                color.Color
	size                 float32
	style                fyne.TextStyle
	inset                float32 // padding around the text, as a label has
	pieces               []*canvas.Text
	runs                 []string // what each piece shows
	minW                 float32
	lineH                float32
}

func newGlyphText(size float32, style fyne.TextStyle, inset float32) *glyphText {
	g := &glyphText{size: size, style: style, inset: inset}
	g.lineH = fyne.MeasureText("0", size, style).Height
	g.ExtendBaseWidget(g)
	return g
}

// set shows prefix, code and suffix in col, redrawing only the pieces that
// changed; a change in their number or widths lays the text out again.
func (g *glyphText) set(prefix, code, suffix string, col color.Color) {
	if g.runs != nil && prefix == g.prefix && code == g.code && suffix == g.suffix && col == g.color {
		return // most ticks: nothing to do, nothing allocated
	}
	runs := make([]string, 0, len(code)+2)
	if prefix != "" {
		runs = append(runs, prefix)
	}
	for _, r := range code {
		runs = append(runs, string(r))
	}
	if suffix != "" {
		runs = append(runs, suffix)
	}
	g.Text = prefix + code + suffix
	g.prefix, g.code, g.suffix = prefix, code, suffix
	relayout := len(runs) != len(g.pieces)
	for len(g.pieces) < len(runs) {
		t := canvas.NewText("", col)
		t.TextSize, t.TextStyle = g.size, g.style
		g.pieces = append(g.pieces, t)
	}
	g.pieces = g.pieces[:len(runs)]
	for i, s := range runs {
		t := g.pieces[i]
		if i >= len(g.runs) || g.runs[i] != s {
			relayout = relayout || i >= len(g.runs) || fyne.MeasureText(s, g.size, g.style).Width != fyne.MeasureText(g.runs[i], g.size, g.style).Width
		}
		if t.Text != s || t.Color != col {
			t.Text, t.Color = s, col
			if !relayout {
				t.Refresh()
			}
		}
	}
	g.runs, g.color = runs, col
	if relayout {
		g.minW = 0
		for _, s := range runs {
			g.minW += fyne.MeasureText(s, g.size, g.style).Width
		}
		g.Refresh() // new pieces, or pieces that moved
	}
}

// CreateRenderer also serves a text already set: Fyne makes a renderer
// again for a widget whose renderer it dropped from its cache.
func (g *glyphText) CreateRenderer() fyne.WidgetRenderer {
	r := &glyphTextRenderer{g: g}
	r.setObjects()
	r.Layout(g.Size())
	return r
}

type glyphTextRenderer struct {
	g       *glyphText
	objects []fyne.CanvasObject
}

func (r *glyphTextRenderer) Destroy() {}

func (r *glyphTextRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *glyphTextRenderer) MinSize() fyne.Size {
	g := r.g
	return fyne.NewSize(g.minW+2*g.inset, g.lineH+2*g.inset)
}

// Layout places the pieces side by side, aligned in size.
func (r *glyphTextRenderer) Layout(size fyne.Size) {
	g := r.g
	x := (size.Width - g.minW) / 2
	switch g.align {
	case fyne.TextAlignLeading:
		x = g.inset
	case fyne.TextAlignTrailing:
		x = size.Width - g.inset - g.minW
	}
	y := (size.Height - g.lineH) / 2
	for i, t := range g.pieces {
		w := fyne.MeasureText(g.runs[i], g.size, g.style).Width
		t.Move(fyne.NewPos(x, y))
		t.Resize(fyne.NewSize(w, g.lineH))
		x += w
	}
}

func (r *glyphTextRenderer) setObjects() {
	g := r.g
	if len(r.objects) != len(g.pieces) {
		r.objects = make([]fyne.CanvasObject, len(g.pieces))
	}
	for i, t := range g.pieces {
		r.objects[i] = t
	}
}

func (r *glyphTextRenderer) Refresh() {
	r.setObjects()
	r.Layout(r.g.Size())
	canvas.Refresh(r.g)
}
