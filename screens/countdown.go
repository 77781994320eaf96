package screens

import (
	"image/color"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// countdownBarSize is the size of a row's time bar.
var countdownBarSize = fyne.NewSize(64, 18)

// wideBarHeight is the height of the list's shared bar, beside its text.
const wideBarHeight = 8

// countdown is a code's time left: the seconds as text above a bar that
// empties over the period (a row's, in a list of mixed periods), or beside
// it (the list's one countdown, newWideCountdown). It looks like a label over a widget.ProgressBar
// but costs less each second: its minimum size never changes (the seconds
// keep one width), and a tick changes one text and resizes one rectangle,
// where a progress bar looks its theme up, measures its text and refreshes
// three objects.
type countdown struct {
	widget.BaseWidget
	text        *glyphText // the seconds, a character per text
	track, fill *canvas.Rectangle
	value, max  float64
	barHidden   bool
	inset       float32 // the text's padding, from the theme
	// wide lays the text out on the leading side, as wide as its widest
	// seconds (textW), and the bar beside it over the rest of the width:
	// the list's one countdown for all its codes.
	wide  bool
	textW float32
	// The format and period textW was measured for.
	measured    string
	measuredMax float64
	warn        bool // the wide text in the warning colour, as the codes it tells of
}

func (c *countdown) textColor() color.Color {
	if c.warn {
		return theme.Color(colorNameWarning)
	}
	return theme.Color(theme.ColorNameForeground)
}

func newCountdown() *countdown {
	c := &countdown{
		text:  newGlyphText(theme.TextSize(), fyne.TextStyle{}, 0),
		track: canvas.NewRectangle(color.Transparent),
		fill:  canvas.NewRectangle(color.Transparent),
		max:   1,
	}
	c.text.align = fyne.TextAlignTrailing
	c.applyTheme()
	c.ExtendBaseWidget(c)
	return c
}

// applyTheme takes the colours, corner radius and sizes of the theme, as a
// progress bar does: the bar in the primary colour, its track half as opaque.
func (c *countdown) applyTheme() {
	primary := theme.Color(theme.ColorNamePrimary)
	track := color.NRGBAModel.Convert(primary).(color.NRGBA)
	track.A /= 2
	c.fill.FillColor, c.track.FillColor = primary, track
	radius := theme.Size(theme.SizeNameInputRadius)
	c.track.CornerRadius, c.fill.CornerRadius = radius, radius
	c.inset = theme.InnerPadding()
}

// newWideCountdown is the list's countdown shared by codes of one period:
// "New codes in 12 s" and a bar across the rest of the width.
func newWideCountdown() *countdown {
	c := newCountdown()
	c.wide = true
	c.text.align = fyne.TextAlignLeading
	return c
}

// set shows format (a translated "%d s") with number in place of its %d,
// and the bar at value of max; it redraws only what changed.
func (c *countdown) set(format, number string, value, max float64) {
	c.warn = c.wide && value <= warnSeconds
	c.setText(format, number, c.textColor())
	if c.wide {
		c.fitText(format, max)
	}
	if value == c.value && max == c.max && !c.barHidden {
		return
	}
	c.value, c.max, c.barHidden = value, max, false
	c.layoutBar(c.Size())
	c.track.Show()
	c.fill.Show()
}

// setText shows format with number in place of its %d, in col: the digits
// a text each, drawn once for all seconds, the words one text each.
func (c *countdown) setText(format, number string, col color.Color) {
	prefix, suffix, found := strings.Cut(format, "%d")
	if !found {
		prefix, suffix, number = format, "", ""
	}
	c.text.set(prefix, number, suffix, col)
}

// fitText gives the wide text a box as wide as its widest seconds (the
// period's digits, each as wide as a 0), so that the bar beside it stays
// where it is as the digits change.
func (c *countdown) fitText(format string, max float64) {
	if format == c.measured && max == c.measuredMax {
		return // every tick but the first: nothing measured, nothing allocated
	}
	c.measured, c.measuredMax = format, max
	widest := strings.Replace(format, "%d", strings.Repeat("0", len(strconv.Itoa(int(max)))), 1)
	if w := fyne.MeasureText(widest, c.text.size, c.text.style).Width; w != c.textW {
		c.textW = w
		c.Refresh()
	}
}

// hideBar shows format with number (an HOTP counter; nothing for a
// damaged entry) and hides the bar.
func (c *countdown) hideBar(format, number string) {
	c.warn = false
	c.setText(format, number, c.textColor())
	if !c.barHidden {
		c.barHidden = true
		c.track.Hide()
		c.fill.Hide()
	}
}

func (c *countdown) ratio() float32 {
	if c.max <= 0 {
		return 0
	}
	r := float32(c.value / c.max)
	if r < 0 {
		return 0
	}
	if r > 1 {
		return 1
	}
	return r
}

// layoutBar places the bar in the lower part of size and sizes its fill;
// a rectangle's move or resize redraws it.
func (c *countdown) layoutBar(size fyne.Size) {
	if c.wide {
		x := c.inset + c.textW + 2*theme.Padding()
		y := c.inset + (c.text.lineH-wideBarHeight)/2
		w := size.Width - x - c.inset
		if w < 0 {
			w = 0
		}
		c.track.Move(fyne.NewPos(x, y))
		c.track.Resize(fyne.NewSize(w, wideBarHeight))
		c.fill.Move(fyne.NewPos(x, y))
		c.fill.Resize(fyne.NewSize(w*c.ratio(), wideBarHeight))
		return
	}
	top := c.text.lineH + 2*c.inset + theme.Padding()
	c.track.Move(fyne.NewPos(0, top))
	c.track.Resize(fyne.NewSize(size.Width, countdownBarSize.Height))
	c.fill.Move(fyne.NewPos(0, top))
	c.fill.Resize(fyne.NewSize(size.Width*c.ratio(), countdownBarSize.Height))
}

func (c *countdown) CreateRenderer() fyne.WidgetRenderer {
	return &countdownRenderer{c: c, objects: []fyne.CanvasObject{c.text, c.track, c.fill}}
}

type countdownRenderer struct {
	c       *countdown
	objects []fyne.CanvasObject
}

func (r *countdownRenderer) Destroy() {}

func (r *countdownRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *countdownRenderer) MinSize() fyne.Size {
	c := r.c
	if c.wide {
		return fyne.NewSize(2*c.inset+c.textW+2*theme.Padding()+countdownBarSize.Width, c.text.lineH+2*c.inset)
	}
	return fyne.NewSize(countdownBarSize.Width, c.text.lineH+2*c.inset+theme.Padding()+countdownBarSize.Height)
}

func (r *countdownRenderer) Layout(size fyne.Size) {
	c := r.c
	c.text.Move(fyne.NewPos(c.inset, c.inset))
	w := size.Width - 2*c.inset
	if c.wide {
		w = c.textW
	}
	c.text.Resize(fyne.NewSize(w, c.text.lineH))
	c.layoutBar(size)
}

// Refresh follows a change of theme.
func (r *countdownRenderer) Refresh() {
	r.c.applyTheme()
	r.Layout(r.c.Size())
	r.c.track.Refresh()
	r.c.fill.Refresh()
	g := r.c.text
	g.set(g.prefix, g.code, g.suffix, r.c.textColor())
}
