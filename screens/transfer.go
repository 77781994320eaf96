package screens

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"authdesk/app/exchange"
	"authdesk/app/vault"
	"authdesk/otpcore/backup"
	"authdesk/otpcore/importer"
	"authdesk/otpcore/transfer"
)

// vaultOf is the concrete vault the exchange package works on.
func (u *UI) vaultOf() (*vault.Vault, error) {
	v, ok := u.vault.(*vault.Vault)
	if !ok || v.Locked() {
		return nil, errors.New(tr("Unlock the vault first."))
	}
	return v, nil
}

// chooseImport asks for the file to import.
func (u *UI) chooseImport() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		_ = r.Close()
		u.importFile(path, nil)
	}, u.win)
	d.Show()
}

// transferState is the import in progress: the file being opened in the
// background and the preview's decrypted accounts. The lock hook drops it
// (dropTransfer), so that no decrypted account outlives the lock.
type transferState struct {
	res     *importer.Result // the preview's accounts, decrypted
	running bool             // the accounts are being added: the worker wipes them
}

// dropTransfer wipes the import preview, if any, and forgets the import in
// progress: a file still being opened is thrown away when it is.
func (u *UI) dropTransfer() {
	t := u.transfer
	u.transfer = nil
	if t != nil && t.res != nil && !t.running {
		t.res.Wipe()
	}
}

// readExport opens an export (the key derivation of an encrypted one takes
// up to seconds); tests replace it.
var readExport = exchange.ReadFile

// importFile reads another app's export or backup (asking for its
// password when it has one) and shows the preview. The file is read and
// its key derived off the UI goroutine, under a progress bar and a Cancel
// button; a Cancel or a lock in the meantime throws the result away.
func (u *UI) importFile(path string, password []byte) {
	if !u.importAllowed() {
		wipe(password)
		u.notice(tr("Your organization does not allow imports."))
		return
	}
	if _, err := u.vaultOf(); err != nil {
		wipe(password)
		return // locked while a dialog was open
	}
	u.dropTransfer()
	t := &transferState{}
	u.transfer = t
	progress := widget.NewProgressBarInfinite()
	cancel := widget.NewButton(tr("Cancel"), func() { u.dropTransfer(); u.showCodes() })
	u.setContent(container.NewCenter(container.NewVBox(widget.NewLabel(tr("Opening the export…")), progress, cancel)), nil, nil)
	u.onEscape = cancel.OnTapped
	var need bool
	var res importer.Result
	var err error
	u.background(func() {
		defer wipe(password)
		if need, err = exchange.FileNeedsPassword(path, ""); err != nil || (need && password == nil) {
			return
		}
		res, err = readExport(path, "", password)
	}, func() {
		progress.Stop()
		if u.transfer != t { // cancelled, or the app locked
			res.Wipe()
			return
		}
		again := func(msg string) {
			u.dropTransfer()
			u.showCodes()
			u.askPassword(tr("The export is encrypted"), msg, func(pw []byte) { u.importFile(path, pw) })
		}
		switch {
		case err == nil && need && password == nil:
			again(tr("Type the password of this export (the one set in the other app):"))
		case errors.Is(err, importer.ErrWrongPassword):
			again(tr("Wrong password for this export. Try again:"))
		case err != nil:
			u.dropTransfer()
			u.showCodes()
			u.notice(err.Error())
		default:
			u.showImportPreview(res)
		}
	})
}

// askPassword asks for a password in a dialog; ok gets it (the callee
// wipes it). Enter and OK submit what was typed; an empty password is
// refused in the dialog before anything is tried (a wrong try may count
// toward the wait after wrong passwords).
func (u *UI) askPassword(title, msg string, ok func([]byte)) {
	pw := widget.NewPasswordEntry()
	note := widget.NewLabel("")
	note.Hide()
	var d dialog.Dialog
	submit := func() {
		if pw.Text == "" {
			note.SetText(tr("Type the password first."))
			note.Show()
			u.win.Canvas().Focus(pw)
			return
		}
		secret := []byte(pw.Text)
		pw.SetText("")
		d.Hide()
		ok(secret)
	}
	okBtn := widget.NewButton(tr("OK"), submit)
	okBtn.Importance = widget.HighImportance
	cancel := widget.NewButton(tr("Cancel"), func() { pw.SetText(""); d.Hide() })
	pw.OnSubmitted = func(string) { submit() }
	d = dialog.NewCustomWithoutButtons(title, container.NewVBox(widget.NewLabel(msg), pw, note,
		container.NewHBox(layoutSpacer(), cancel, okBtn)), u.win)
	d.Show()
	u.win.Canvas().Focus(pw)
}

// showImportPreview lists what the import will do: accounts to add (with
// their names, renamed when taken), accounts already in the vault, and
// entries the format marks as unusable. The person unticks what to leave
// out and chooses what happens to names in use.
func (u *UI) showImportPreview(res importer.Result) {
	v, err := u.vaultOf()
	if err != nil {
		res.Wipe()
		u.notice(err.Error())
		return
	}
	plan, err := exchange.Plan(v, res.Accounts)
	if err != nil {
		res.Wipe()
		u.notice(err.Error())
		return
	}
	t := &transferState{res: &res}
	u.transfer = t
	checks := make([]*widget.Check, len(plan))
	rows := container.NewVBox()
	renamed := 0
	for i, p := range plan {
		label := p.Name
		switch {
		case p.Existing != "":
			label = fmt.Sprintf(tr("%s: already in the vault as %q, not added again"), p.Entry.Name, p.Existing)
		case p.Renamed:
			label = fmt.Sprintf(tr("%s: the name is in use, added as %q"), p.Entry.Name, p.Name)
			renamed++
		}
		c := widget.NewCheck(label, nil)
		c.Checked = p.Existing == ""
		if p.Existing != "" {
			c.Disable()
		}
		checks[i] = c
		rows.Add(c)
	}
	for _, s := range res.Skipped {
		l := widget.NewLabel(fmt.Sprintf(tr("%s: cannot be imported (%s)"), s.Name, s.Reason))
		l.Wrapping = fyne.TextWrapWord
		rows.Add(l)
	}
	clash := widget.NewRadioGroup([]string{tr("Add them with a new name"), tr("Leave them out")}, nil)
	clash.SetSelected(tr("Add them with a new name"))
	if renamed == 0 {
		clash.Hide()
	}
	progress := widget.NewProgressBar()
	progress.Hide()
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapWord
	var run *widget.Button
	run = widget.NewButton(tr("Import the ticked accounts"), func() {
		var chosen []importer.Entry
		for i, p := range plan {
			if checks[i].Checked && p.Existing == "" && !(p.Renamed && clash.Selected == tr("Leave them out")) {
				chosen = append(chosen, p.Entry)
			}
		}
		if len(chosen) == 0 {
			status.SetText(tr("Tick the accounts to import first."))
			return
		}
		run.Disable()
		progress.Show()
		t.running = true // the worker wipes the accounts when done
		var rep exchange.Report
		var err error
		u.background(func() {
			rep, err = exchange.AddToVaultProgress(v, chosen, func(done, total int) {
				fyne.Do(func() { progress.SetValue(float64(done) / float64(total)) })
			})
			res.Wipe()
		}, func() {
			if u.transfer == t {
				u.transfer = nil
			}
			u.importDone(rep, err)
		})
	})
	run.Importance = widget.HighImportance
	title := widget.NewLabelWithStyle(fmt.Sprintf(tr("Import from %s: %d accounts"), formatTitle(res.Format), len(res.Accounts)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	cancel := widget.NewButton(tr("Cancel"), func() { u.dropTransfer(); u.showCodes() })
	bottom := container.NewVBox(clash, progress, status, container.NewHBox(cancel, layoutSpacer(), run))
	u.setContent(container.NewBorder(title, bottom, nil, nil, container.NewVScroll(rows)), nil, nil)
	u.onEscape = cancel.OnTapped
}

// formatTitle is the format's name for people ("Aegis vault").
func formatTitle(f importer.Format) string {
	for _, i := range importer.Formats() {
		if i.Format == f {
			return i.Title
		}
	}
	return string(f)
}

// importDone shows the list and what the import did.
func (u *UI) importDone(rep exchange.Report, err error) {
	u.showCodes()
	msg := fmt.Sprintf(tr("Imported %d accounts (%d renamed, %d already there, %d failed)."), len(rep.Added), len(rep.Renamed), len(rep.Existing), len(rep.Failed))
	if err != nil {
		msg += " " + err.Error()
	}
	u.notice(msg)
}

// showExport offers the three exports; each asks for the password again.
func (u *UI) showExport() {
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapWord
	backupBtn := widget.NewButton(tr("Encrypted backup (to move to a new PC)…"), func() {
		u.confirmPassword(func(pw []byte) {
			u.chooseSave("authdesk-backup.authdesk", func(path string) { u.exportBackup(path, pw, status) })
		})
	})
	backupBtn.Importance = widget.HighImportance
	linksBtn := widget.NewButton(tr("Plain otpauth links (keys in the clear)…"), func() {
		u.confirmPassword(func(pw []byte) {
			wipe(pw)
			u.chooseSave("authdesk-links.txt", func(path string) { u.exportLinks(path, status) })
		})
	})
	phoneBtn := widget.NewButton(tr("To a phone: Google Authenticator QR codes…"), func() {
		u.confirmPassword(func(pw []byte) { wipe(pw); u.showPhoneQR(0) })
	})
	intro := widget.NewLabel(tr("A backup is sealed with your password and opens in authdesk on another PC (docs/backup-format.md tells how to open it without authdesk). Links and QR codes hold your keys in the clear: keep them from other eyes."))
	intro.Wrapping = fyne.TextWrapWord
	if !u.cleartextExportAllowed() {
		linksBtn.Disable()
		phoneBtn.Disable()
		status.SetText(tr("Your organization does not allow exporting keys in the clear (links, QR codes); an encrypted backup is allowed."))
	}
	back := widget.NewButton(tr("Back to codes"), u.showCodes)
	body := container.NewVBox(widget.NewLabelWithStyle(tr("Export"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), intro, backupBtn, linksBtn, phoneBtn, status)
	u.setContent(container.NewBorder(nil, container.NewHBox(back), nil, nil, container.NewVScroll(container.NewPadded(body))), nil, nil)
	u.onEscape = u.showCodes
}

// confirmPassword asks for the vault password again before an export.
func (u *UI) confirmPassword(then func([]byte)) {
	u.askPassword(tr("Confirm it is you"), tr("Type your password to export your keys:"), func(pw []byte) {
		v, now := u.vault, u.now()
		var err error
		// The key derivation takes about half a second: off the UI goroutine.
		u.background(func() { err = v.VerifyPassword(pw, now) }, func() {
			if err != nil {
				wipe(pw)
				dialog.ShowError(err, u.win)
				return
			}
			then(pw)
		})
	})
}

func (u *UI) chooseSave(name string, then func(path string)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		_ = w.Close()
		then(path)
	}, u.win)
	d.SetFileName(name)
	d.Show()
}

// exportBackup writes an authdesk backup sealed with pw (wiped).
func (u *UI) exportBackup(path string, pw []byte, status *widget.Label) {
	defer wipe(pw)
	v, err := u.vaultOf()
	if err == nil {
		var data []byte
		if data, err = exchange.Backup(v, pw, backup.Default, u.now()); err == nil {
			err = exchange.WriteFile(path, data)
		}
	}
	if err != nil {
		status.SetText(err.Error())
		return
	}
	status.SetText(fmt.Sprintf(tr("Backup written to %s. Import it on the other PC with its password."), path))
}

// exportLinks writes one otpauth link a line.
func (u *UI) exportLinks(path string, status *widget.Label) {
	if !u.cleartextExportAllowed() {
		status.SetText(tr("Your organization does not allow exporting keys in the clear (links, QR codes); an encrypted backup is allowed."))
		return
	}
	v, err := u.vaultOf()
	if err != nil {
		status.SetText(err.Error())
		return
	}
	es, skipped, err := exchange.VaultEntries(v)
	if err != nil {
		status.SetText(err.Error())
		return
	}
	var b strings.Builder
	for i := range es {
		b.WriteString(es[i].Account.ExportURI() + "\n")
		es[i].Account.Wipe()
	}
	if err := exchange.WriteFile(path, []byte(b.String())); err != nil {
		status.SetText(err.Error())
		return
	}
	msg := fmt.Sprintf(tr("%d links written to %s."), len(es), path)
	if len(skipped) > 0 {
		msg += " " + fmt.Sprintf(tr("%d accounts could not be read and were left out."), len(skipped))
	}
	status.SetText(msg)
}

// showPhoneQR shows the Google Authenticator export codes one batch at a
// time, to scan with the phone's authenticator app.
func (u *UI) showPhoneQR(batch int) {
	if !u.cleartextExportAllowed() {
		u.notice(tr("Your organization does not allow exporting keys in the clear (links, QR codes); an encrypted backup is allowed."))
		return
	}
	v, err := u.vaultOf()
	if err != nil {
		u.notice(err.Error())
		return
	}
	links, skipped, err := exchange.GoogleLinks(v)
	if err != nil || len(links) == 0 {
		msg := tr("No account can be moved to a phone this way.")
		if err != nil {
			msg = err.Error()
		}
		dialog.ShowInformation(tr("Export"), msg, u.win)
		return
	}
	if batch >= len(links) {
		batch = len(links) - 1
	}
	img, err := transfer.QRCode(links[batch], 4)
	if err != nil {
		dialog.ShowError(err, u.win)
		return
	}
	q := canvas.NewImageFromImage(img)
	q.FillMode = canvas.ImageFillOriginal
	q.ScaleMode = canvas.ImageScalePixels
	items := []fyne.CanvasObject{
		widget.NewLabel(fmt.Sprintf(tr("Code %d of %d. On the phone: Google Authenticator, Transfer accounts, Import accounts, then scan."), batch+1, len(links))),
		container.NewCenter(q),
	}
	if len(skipped) > 0 {
		names := make([]string, len(skipped))
		for i, s := range skipped {
			names[i] = s.Name
		}
		l := widget.NewLabel(fmt.Sprintf(tr("Not in these codes (the format cannot carry them): %s"), strings.Join(names, ", ")))
		l.Wrapping = fyne.TextWrapWord
		items = append(items, l)
	}
	var d dialog.Dialog
	next := widget.NewButton(tr("Next code"), func() { d.Hide(); u.showPhoneQR(batch + 1) })
	if batch+1 >= len(links) {
		next.Disable()
	}
	closeBtn := widget.NewButton(tr("Close"), func() { d.Hide() })
	items = append(items, container.NewHBox(layoutSpacer(), closeBtn, next))
	d = dialog.NewCustomWithoutButtons(tr("Move to a phone"), container.NewVBox(items...), u.win)
	d.Show()
}
