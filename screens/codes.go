package screens

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"authdesk/app/session"
	"authdesk/app/vault"
	"authdesk/otpcore"
)

// warnSeconds: in its last seconds a code turns to the warning colour and
// the next code is shown beside it ("if the code is red, wait for the next
// one").
const warnSeconds = 5

// codesScreen is the list of accounts with their live codes.
type codesScreen struct {
	u        *UI
	entries  []vault.Entry // every account, in the vault's order
	shown    []int         // indexes into entries that match the search
	list     *widget.List
	search   *appEntry
	noticeLb *widget.Label
	empty    fyne.CanvasObject
	selected int                  // index into shown, -1 for none
	revealed map[string]time.Time // hidden codes shown since, by id
	noticeAt time.Time
	rows     []*codeRow // every row the list made (it recycles them)
	clockBox *fyne.Container
	// When every code shown has one period (uniform, in seconds), the
	// list shows one countdown for all of them (periodBar) and the rows
	// none: one text and one bar change each second, not one per row. A
	// list of mixed periods has a countdown in each row. uniformAt is an
	// entry of that period, whose time left the list shows.
	periodBar *countdown
	uniform   int
	uniformAt int
}

// showCodes is the main screen of an unlocked profile.
func (u *UI) showCodes() {
	c := &codesScreen{u: u, selected: -1, revealed: map[string]time.Time{}}
	search := newAppEntry(u)
	search.onDown = func() { u.win.Canvas().Unfocus(); c.moveSelection(1) }
	c.search = search
	c.search.SetPlaceHolder(tr("Search (Ctrl+F)"))
	c.search.OnChanged = func(string) { u.touch(); c.filter() }
	c.noticeLb = widget.NewLabel("")
	c.noticeLb.Wrapping = fyne.TextWrapWord

	c.list = widget.NewList(func() int { return len(c.shown) }, c.newRow, c.updateRow)
	c.list.OnSelected = func(id widget.ListItemID) {
		u.touch()
		c.selected = id
		c.copyAt(id)
		// Unselect so that a second click copies again; the row keeps
		// its highlight through c.selected.
		c.list.Unselect(id)
	}
	add := widget.NewButtonWithIcon(tr("Add device"), theme.ContentAddIcon(), u.showAddWizard)
	add.Importance = widget.HighImportance
	settingsBtn := widget.NewButtonWithIcon("", theme.SettingsIcon(), u.showSettings)
	lockBtn := widget.NewButtonWithIcon(tr("Lock"), theme.LoginIcon(), func() { u.lock(session.ByHand) })
	bar := container.NewBorder(nil, nil, nil, container.NewHBox(add, settingsBtn, lockBtn), search)

	emptyMsg := widget.NewLabel(tr("No devices yet.\nClick \"Add device\" to register this computer with a portal:\nname it, scan the portal's QR code, type the code."))
	emptyMsg.Alignment = fyne.TextAlignCenter
	c.empty = container.NewCenter(emptyMsg)
	body := container.NewStack(c.list, c.empty)
	c.clockBox = container.NewVBox()
	c.periodBar = newWideCountdown()
	c.periodBar.Hide()
	c.reload()
	u.setContent(container.NewBorder(container.NewVBox(bar, c.clockBox, c.periodBar), c.noticeLb, nil, nil, body), c.tick, nil)
	u.codes = c
	c.showClock()
	u.checkClockSoon()
	if l := u.pendingLink; l != nil {
		u.pendingLink = nil
		u.openLink(string(l))
		wipeBytes(l)
	}
}

// wipe zeroes the keys of the entries the list holds.
func (c *codesScreen) wipe() {
	for i := range c.entries {
		c.entries[i].Account.Wipe()
	}
}

// reload reads the entries again from the vault.
func (c *codesScreen) reload() {
	c.wipe()
	entries, err := c.u.vault.Entries()
	if err != nil {
		c.entries = nil
		c.setNotice(err.Error())
	} else {
		c.entries = entries
	}
	c.filter()
	c.u.updateTray()
}

// filter applies the search text to names and issuers.
func (c *codesScreen) filter() {
	q := strings.ToLower(strings.TrimSpace(c.search.Text))
	c.shown = c.shown[:0]
	for i, e := range c.entries {
		if q == "" || strings.Contains(strings.ToLower(e.Name), q) ||
			strings.Contains(strings.ToLower(e.Account.Issuer), q) ||
			strings.Contains(strings.ToLower(e.Account.Name), q) {
			c.shown = append(c.shown, i)
		}
	}
	c.selected = -1
	c.list.UnselectAll()
	if len(c.entries) == 0 {
		c.empty.Show()
	} else {
		c.empty.Hide()
	}
	c.findUniform()
	c.list.Refresh()
	c.showPeriod()
}

// findUniform finds whether every time-based code shown has one period.
func (c *codesScreen) findUniform() {
	c.uniform, c.uniformAt = 0, -1
	for _, i := range c.shown {
		e := &c.entries[i]
		if e.Err != nil || e.Account.Type == otpcore.HOTP {
			continue
		}
		if c.uniformAt >= 0 && e.Account.Period != c.uniform {
			c.uniform, c.uniformAt = 0, -1
			return
		}
		c.uniform, c.uniformAt = e.Account.Period, i
	}
}

// showPeriod shows the time left of the codes of the uniform period, or
// hides the shared countdown when there is none.
func (c *codesScreen) showPeriod() {
	if c.uniformAt < 0 {
		if c.periodBar.Visible() {
			c.periodBar.Hide()
		}
		return
	}
	secs := ceilSeconds(c.entries[c.uniformAt].Account.Remaining(c.u.codeNow()))
	c.periodBar.set(tr("New codes in %d s"), strconv.Itoa(secs), float64(secs), float64(c.uniform))
	if !c.periodBar.Visible() {
		c.periodBar.Show()
	}
}

// entryAt is the entry shown at list row id.
func (c *codesScreen) entryAt(id widget.ListItemID) (*vault.Entry, bool) {
	if id < 0 || id >= len(c.shown) {
		return nil, false
	}
	return &c.entries[c.shown[id]], true
}

// tick refreshes the visible rows once a second and expires the notice.
func (c *codesScreen) tick(now time.Time) {
	if !c.noticeAt.IsZero() && now.Sub(c.noticeAt) > 8*time.Second {
		c.noticeLb.SetText("")
		c.noticeAt = time.Time{}
	}
	c.showPeriod()
	for _, r := range c.rows {
		if e, ok := c.entryAt(r.id); ok && r.Visible() {
			c.updateCode(r, e)
		}
	}
}

func (c *codesScreen) setNotice(msg string) {
	c.noticeLb.SetText(msg)
	c.noticeAt = c.u.now()
}

// copyAt copies the code of row id and reveals it when codes are hidden.
func (c *codesScreen) copyAt(id widget.ListItemID) {
	e, ok := c.entryAt(id)
	if !ok {
		return
	}
	if e.Err != nil {
		c.setNotice(fmt.Sprintf(tr("%q cannot be read: %v"), e.Name, e.Err))
		return
	}
	now := c.u.now()
	code, err := e.Account.Code(c.u.codeNow())
	if err != nil {
		c.setNotice(err.Error())
		return
	}
	c.revealed[e.ID] = now
	clearAt := c.u.sess.Copy(code, now)
	c.setNotice(fmt.Sprintf(tr("Copied the code of %q. It clears from the clipboard in %d s."), e.Name, int(clearAt.Sub(now).Round(time.Second)/time.Second)))
	c.list.RefreshItem(id)
}

// copySelected copies the code of the selected row (Enter, Ctrl+C).
func (c *codesScreen) copySelected() {
	if c.selected < 0 && len(c.shown) == 1 {
		c.selected = 0
	}
	if c.selected >= 0 {
		c.copyAt(c.selected)
	}
}

// nextHOTP moves an HOTP account to its next code and keeps the counter.
func (c *codesScreen) nextHOTP(id widget.ListItemID) {
	e, ok := c.entryAt(id)
	if !ok || e.Account.Type != otpcore.HOTP {
		return
	}
	if err := c.u.vault.SetCounter(e.ID, e.Account.Counter+1); err != nil {
		c.setNotice(err.Error())
		return
	}
	e.Account.Counter++
	c.list.RefreshItem(id)
	c.copyAt(id)
}

// moveSelection moves the selection by delta rows (arrow keys).
func (c *codesScreen) moveSelection(delta int) {
	if len(c.shown) == 0 {
		return
	}
	n := c.selected + delta
	if c.selected < 0 {
		n = 0
	}
	if n < 0 {
		n = 0
	}
	if n >= len(c.shown) {
		n = len(c.shown) - 1
	}
	c.selected = n
	c.list.ScrollTo(n)
	c.list.Refresh()
}

// codeText is what a row shows for its code: grouped, or hidden dots.
func (c *codesScreen) codeText(e *vault.Entry, code string) string {
	st := c.u.sess.Settings()
	shown, ok := c.revealed[e.ID]
	// A clicked code stays shown as long as it stays on the clipboard.
	if st.HideCodes && (!ok || c.u.now().Sub(shown) >= st.ClipboardClear) {
		return strings.ReplaceAll(otpcore.GroupCode(strings.Repeat("0", len(code))), "0", "•")
	}
	return otpcore.GroupCode(code)
}
