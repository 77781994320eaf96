package screens

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"authdesk/app/vault"
	"authdesk/otpcore"
)

// showRowMenu opens the manage menu of the account at row id.
func (c *codesScreen) showRowMenu(id widget.ListItemID, from fyne.CanvasObject) {
	e, ok := c.entryAt(id)
	if !ok {
		return
	}
	entry := *e
	pinLabel := tr("Pin to top")
	if entry.Pinned {
		pinLabel = tr("Unpin")
	}
	menu := fyne.NewMenu("",
		fyne.NewMenuItem(tr("Copy code"), func() { c.copyAt(id) }),
		fyne.NewMenuItem(pinLabel, func() { c.setPinned(entry, !entry.Pinned) }),
		fyne.NewMenuItem(tr("Rename…"), func() { c.rename(entry) }),
		fyne.NewMenuItem(tr("Move up"), func() { c.move(entry, -1) }),
		fyne.NewMenuItem(tr("Move down"), func() { c.move(entry, +1) }),
		fyne.NewMenuItem(tr("Details…"), func() { c.details(entry) }),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(tr("Delete…"), func() { c.confirmDelete(entry) }),
	)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(from)
	widget.ShowPopUpMenuAtPosition(menu, c.u.win.Canvas(), pos.Add(fyne.NewPos(0, from.Size().Height)))
}

func (c *codesScreen) setPinned(e vault.Entry, pinned bool) {
	if err := c.u.vault.SetPinned(e.ID, pinned); err != nil {
		c.setNotice(err.Error())
		return
	}
	c.reload()
}

// rename asks for a new name; a duplicate or empty name is refused with
// the vault's message and nothing changes.
func (c *codesScreen) rename(e vault.Entry) {
	name := newAppEntry(c.u)
	name.SetText(e.Name)
	msg := widget.NewLabel("")
	msg.Wrapping = fyne.TextWrapWord
	var d dialog.Dialog
	save := func() {
		newName := strings.TrimSpace(name.Text)
		if newName == e.Name {
			d.Hide()
			return
		}
		if err := c.u.vault.Rename(e.ID, newName); err != nil {
			msg.SetText(err.Error())
			return
		}
		d.Hide()
		c.reload()
		c.setNotice(fmt.Sprintf(tr("Renamed %q to %q."), e.Name, newName))
	}
	name.OnSubmitted = func(string) { save() }
	ok := widget.NewButton(tr("Rename"), save)
	ok.Importance = widget.HighImportance
	cancel := widget.NewButton(tr("Cancel"), func() { d.Hide() })
	// Without the dialog's own buttons, so that a refused name keeps it
	// open with the reason.
	d = dialog.NewCustomWithoutButtons(fmt.Sprintf(tr("Rename %s"), e.Name),
		container.NewVBox(widget.NewLabel(tr("New name:")), name, msg, container.NewHBox(layoutSpacer(), cancel, ok)), c.u.win)
	d.Resize(fyne.NewSize(380, 200))
	d.Show()
	c.u.win.Canvas().Focus(name)
}

// confirmDelete asks, naming the account, before deleting it.
func (c *codesScreen) confirmDelete(e vault.Entry) {
	what := e.Name
	if e.Account.Issuer != "" {
		what += " (" + e.Account.Issuer + ")"
	}
	dialog.ShowConfirm(fmt.Sprintf(tr("Delete %s?"), e.Name),
		fmt.Sprintf(tr("Delete %s from this profile?\nYou will not be able to sign in with its codes any more\nunless the portal lets you register a new device."), what),
		func(ok bool) {
			if !ok {
				return
			}
			if err := c.u.vault.Delete(e.ID); err != nil {
				c.setNotice(err.Error())
				return
			}
			c.reload()
			c.setNotice(fmt.Sprintf(tr("Deleted %q."), e.Name))
		}, c.u.win)
}

// move swaps the account with its neighbour in the person's order.
func (c *codesScreen) move(e vault.Entry, delta int) {
	ids := make([]string, len(c.entries))
	at := -1
	for i, x := range c.entries {
		ids[i] = x.ID
		if x.ID == e.ID {
			at = i
		}
	}
	to := at + delta
	if at < 0 || to < 0 || to >= len(ids) {
		return
	}
	ids[at], ids[to] = ids[to], ids[at]
	if err := c.u.vault.Reorder(ids); err != nil {
		c.setNotice(err.Error())
		return
	}
	c.reload()
}

// details shows the account's parameters; the key and its QR code only
// after the password is entered again.
func (c *codesScreen) details(e vault.Entry) {
	a := e.Account
	form := widget.NewForm(
		widget.NewFormItem(tr("Name"), widget.NewLabel(e.Name)),
		widget.NewFormItem(tr("Issuer"), widget.NewLabel(a.Issuer)),
		widget.NewFormItem(tr("Account"), widget.NewLabel(a.Name)),
		widget.NewFormItem(tr("Type"), widget.NewLabel(strings.ToUpper(a.Type.String()))),
		widget.NewFormItem(tr("Algorithm"), widget.NewLabel(a.Algorithm.String())),
		widget.NewFormItem(tr("Digits"), widget.NewLabel(strconv.Itoa(a.Digits))),
	)
	if a.Type == otpcore.HOTP {
		form.Append(tr("Counter"), widget.NewLabel(strconv.FormatUint(a.Counter, 10)))
	} else {
		form.Append(tr("Period"), widget.NewLabel(fmt.Sprintf(tr("%d s"), a.Period)))
	}
	reveal := widget.NewButton(tr("Show the key and a QR code for a phone…"), func() { c.revealKey(e) })
	dialog.ShowCustom(fmt.Sprintf(tr("Details of %s"), e.Name), tr("Close"), container.NewVBox(form, reveal), c.u.win)
}

// revealKey asks for the password again, then shows the key and its QR.
func (c *codesScreen) revealKey(e vault.Entry) {
	pw := widget.NewPasswordEntry()
	msg := widget.NewLabel(tr("Anyone who sees the key can make your codes.\nEnter your password to show it."))
	dialog.ShowCustomConfirm(fmt.Sprintf(tr("Show the key of %s"), e.Name), tr("Show"), tr("Cancel"), container.NewVBox(msg, pw), func(ok bool) {
		if !ok {
			return
		}
		secret := []byte(pw.Text)
		pw.SetText("")
		if err := c.u.checkPassword(secret); err != nil {
			dialog.ShowError(err, c.u.win)
			return
		}
		c.showKey(e)
	}, c.u.win)
	c.u.win.Canvas().Focus(pw)
}

func (c *codesScreen) showKey(e vault.Entry) {
	key := widget.NewLabel(groupKey(e.Account.Secret.Base32()))
	key.TextStyle = fyne.TextStyle{Monospace: true}
	key.Wrapping = fyne.TextWrapBreak
	items := []fyne.CanvasObject{widget.NewLabel(tr("Key (Base32):")), key}
	if img, err := qrImage(e.Account.ExportURI(), 240); err == nil {
		q := canvas.NewImageFromImage(img)
		q.FillMode = canvas.ImageFillOriginal
		q.ScaleMode = canvas.ImageScalePixels
		items = append(items, widget.NewLabel(tr("Scan it with the phone's authenticator app:")), q)
	}
	d := dialog.NewCustom(fmt.Sprintf(tr("Key of %s"), e.Name), tr("Close"), container.NewVBox(items...), c.u.win)
	d.Show()
}

// groupKey splits a Base32 key in groups of four for reading aloud.
func groupKey(k string) string {
	var b strings.Builder
	for i, r := range k {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}
