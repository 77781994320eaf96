package screens

import (
	"image/color"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"authdesk/app/vault"
	"authdesk/otpcore"
)

// codeRow is one account in the list: name and issuer, the code grouped
// for reading, the next code in the last seconds, the time left, and its
// buttons. Rows are recycled by the list; update fills one for an entry.
type codeRow struct {
	widget.BaseWidget
	bg       *canvas.Rectangle
	pin      *widget.Icon
	name     *widget.Label
	issuer   *widget.Label
	code     *glyphText // the code, one text per character
	next     *glyphText // "next 123 456" in the last seconds, under the code
	timer    *countdown
	copyBtn  *widget.Button
	hotpBtn  *widget.Button
	menuBtn  *widget.Button
	content  fyne.CanvasObject
	onCopy   func()
	onNext   func()
	onMenu   func(*widget.Button)
	codeSize float32
	id       widget.ListItemID // the row it shows, -1 before the first update
	// right and border are the containers to lay out again when the
	// width of what the row shows changes; shape is that width's key.
	right, border *fyne.Container
	shape         rowShape
	// The codes shown, made again only when their time step (or HOTP
	// counter) or the entry changes: most ticks change only the timer.
	madeFor       codeKey
	now, upcoming string
}

// codeKey is what a row's codes were made for.
type codeKey struct {
	id   string
	step uint64
	ok   bool
}

// rowShape is what decides the widths of a row's parts.
type rowShape struct {
	code, next              int
	bar, timer, hotp, valid bool
}

func (c *codesScreen) newRow() fyne.CanvasObject {
	r := &codeRow{
		bg:     canvas.NewRectangle(color.Transparent),
		pin:    widget.NewIcon(nil),
		name:   widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		issuer: widget.NewLabel(""),
		timer:  newCountdown(),
		id:     -1,
	}
	r.name.Truncation = fyne.TextTruncateEllipsis
	r.issuer.Truncation = fyne.TextTruncateEllipsis
	r.issuer.SizeName = theme.SizeNameCaptionText
	// Bold, the names' style: Fyne parses a set of fonts (the theme's, the
	// emoji font, a system fallback; about 7 MB) for each style it meets,
	// and a bold monospace would be one more. The theme font's digits are
	// of one width, so a code keeps its width as its digits change.
	r.codeSize = theme.TextSize() * 1.8
	r.code = newGlyphText(r.codeSize, fyne.TextStyle{Bold: true}, 0)
	// The next code goes under the code, in small type, padded as a label:
	// it appears and goes without changing the row's width.
	r.next = newGlyphText(theme.Size(theme.SizeNameCaptionText), fyne.TextStyle{}, theme.InnerPadding())
	r.copyBtn = widget.NewButtonWithIcon("", theme.ContentCopyIcon(), func() { r.onCopy() })
	r.hotpBtn = widget.NewButtonWithIcon(tr("Next"), theme.MediaSkipNextIcon(), func() { r.onNext() })
	r.menuBtn = widget.NewButtonWithIcon("", theme.MoreVerticalIcon(), nil)
	r.menuBtn.OnTapped = func() { r.onMenu(r.menuBtn) }
	r.copyBtn.Importance = widget.LowImportance
	r.menuBtn.Importance = widget.LowImportance
	names := container.NewVBox(r.name, r.issuer)
	codes := container.NewVBox(container.NewCenter(r.code), r.next)
	right := container.NewHBox(codes, r.timer, container.NewCenter(r.hotpBtn), r.copyBtn, r.menuBtn)
	r.right = right
	r.border = container.NewBorder(nil, nil, container.NewCenter(r.pin), right, names)
	r.content = container.NewStack(r.bg, r.border)
	r.ExtendBaseWidget(r)
	c.rows = append(c.rows, r)
	return r
}

func (r *codeRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(r.content)
}

// updateRow fills a recycled row with the entry shown at id.
func (c *codesScreen) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	r := o.(*codeRow)
	r.id = id
	e, ok := c.entryAt(id)
	if !ok {
		return
	}
	r.onCopy = func() { c.u.touch(); c.selected = id; c.copyAt(id) }
	r.onNext = func() { c.u.touch(); c.nextHOTP(id) }
	r.onMenu = func(b *widget.Button) { c.u.touch(); c.showRowMenu(id, b) }
	bg := color.Color(color.Transparent)
	if id == c.selected {
		bg = theme.Color(theme.ColorNameSelection)
	}
	if r.bg.FillColor != bg {
		r.bg.FillColor = bg
		r.bg.Refresh()
	}
	var pin fyne.Resource
	if e.Pinned {
		pin = theme.RadioButtonCheckedIcon()
	}
	if r.pin.Resource != pin {
		r.pin.SetResource(pin)
	}
	setText(r.name, e.Name)
	issuer := e.Account.Issuer
	if e.Account.Name != "" && e.Account.Name != e.Name {
		if issuer != "" {
			issuer += " · "
		}
		issuer += e.Account.Name
	}
	setText(r.issuer, issuer)
	r.shape = rowShape{}  // a row bound to another entry is laid out again
	r.madeFor = codeKey{} // and its codes made afresh
	c.updateCode(r, e)
}

// fitLayout lays the row out again when the widths of its parts changed
// (a longer code, the next code appearing, the HOTP button): labels do not
// move their neighbours by themselves. Ticks that change only digits cost
// nothing more.
func (r *codeRow) fitLayout() {
	shape := rowShape{len(r.code.Text), len(r.next.Text), !r.timer.barHidden, r.timer.Visible(), r.hotpBtn.Visible(), true}
	if shape == r.shape {
		return
	}
	r.shape = shape
	// Lay out only: a container's Refresh would refresh (and free the
	// textures of) everything in the row. The parts that changed were
	// refreshed by their setters, which redraws the window.
	if r.right.Size().IsZero() {
		return // not laid out yet: the list does it
	}
	r.right.Layout.Layout(r.right.Objects, r.right.Size())
	r.border.Layout.Layout(r.border.Objects, r.border.Size())
}

// updateCode refreshes the parts of a row that change with time: the
// code, its colour, the next code and the timer. Unchanged parts are not
// redrawn, so an idle list costs one small redraw a second.
func (c *codesScreen) updateCode(r *codeRow, e *vault.Entry) {
	defer r.fitLayout()
	if e.Err != nil {
		r.code.set(tr("damaged"), "", "", theme.Color(theme.ColorNameError))
		r.next.set(tr("delete it and add it again"), "", "", theme.Color(theme.ColorNameForeground))
		r.showTimer()
		r.timer.hideBar("", "")
		r.hotpBtn.Hide()
		r.copyBtn.Disable()
		return
	}
	r.copyBtn.Enable()
	now := c.u.codeNow()
	code, next, err := r.codes(e, now)
	if err != nil {
		r.code.set(tr("error"), "", "", theme.Color(theme.ColorNameError))
		r.next.set(err.Error(), "", "", theme.Color(theme.ColorNameForeground))
		return
	}
	text := c.codeText(e, code)
	if e.Account.Type == otpcore.HOTP {
		r.setCode(text, theme.Color(theme.ColorNameForeground))
		r.setNext("", "")
		r.showTimer()
		r.timer.hideBar("#%d", strconv.FormatUint(e.Account.Counter, 10))
		r.hotpBtn.Show()
		return
	}
	r.hotpBtn.Hide()
	secs := ceilSeconds(e.Account.Remaining(now))
	if c.uniformAt >= 0 && e.Account.Period == c.uniform {
		// The list's one countdown tells the time left of this code.
		if r.timer.Visible() {
			r.timer.Hide()
		}
	} else {
		r.showTimer()
		// The seconds keep one width ("9 s" as wide as "30 s"): a tick
		// never lays the row out again.
		r.timer.set(tr("%d s"), strconv.Itoa(secs), float64(secs), float64(e.Account.Period))
	}
	if secs <= warnSeconds {
		r.setCode(text, theme.Color(colorNameWarning))
		r.setNext(tr("next %s"), c.codeText(e, next))
	} else {
		r.setCode(text, theme.Color(theme.ColorNameForeground))
		r.setNext("", "")
	}
}

// showTimer shows the row's own countdown (or HOTP counter).
func (r *codeRow) showTimer() {
	if !r.timer.Visible() {
		r.timer.Show()
	}
}

// ceilSeconds is d in whole seconds, rounded up: a code with 0.2 s left
// still shows "1 s".
func ceilSeconds(d time.Duration) int {
	return int((d + time.Second - 1) / time.Second)
}

// codes are the entry's code at now and the next one, made again only when
// the time step, the HOTP counter or the entry changed since the last tick.
func (r *codeRow) codes(e *vault.Entry, now time.Time) (code, next string, err error) {
	step := e.Account.Counter
	if e.Account.Type != otpcore.HOTP {
		if step, err = otpcore.TimeStep(now, e.Account.Period); err != nil {
			return "", "", err
		}
	}
	key := codeKey{e.ID, step, true}
	if key == r.madeFor {
		return r.now, r.upcoming, nil
	}
	if code, err = e.Account.Code(now); err != nil {
		return "", "", err
	}
	if next, err = e.Account.NextCode(now); err != nil {
		return "", "", err
	}
	r.madeFor, r.now, r.upcoming = key, code, next
	return code, next, nil
}

// setText changes a label only when its text changes.
func setText(l *widget.Label, s string) {
	if l.Text != s {
		l.SetText(s)
	}
}

// setCode changes the code text and colour, redrawing only the characters
// that changed.
func (r *codeRow) setCode(s string, col color.Color) {
	r.code.set("", s, "", col)
}

// setNext shows format (a message, or a translated "next %s") with the
// code in place of its %s, in the foreground colour.
func (r *codeRow) setNext(format, code string) {
	prefix, suffix, found := strings.Cut(format, "%s")
	if !found {
		prefix, suffix, code = format, "", ""
	}
	r.next.set(prefix, code, suffix, theme.Color(theme.ColorNameForeground))
}
