package screens

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"authdesk/app/scan"
	"authdesk/app/vault"
	"authdesk/otpcore"
)

// scanDelay is how long the window stays out of the way before a screen
// scan, so that the portal's QR code is visible.
const scanDelay = 3 * time.Second

// wizard is "Add a device", in the words portals use: 1) name it, 2) get
// the key, 3) type the code shown into the portal, 4) save.
type wizard struct {
	u      *UI
	name   string
	acc    otpcore.Account
	status *widget.Label
	busy   bool
	// guided is the help-desk mode: large type and the portal's own words
	// for each step, read aloud over the phone.
	guided bool
	// linked are the accounts of an otpauth-migration:// link the app was
	// opened with.
	linked []otpcore.Account
}

// portalWords is the title of a step in the guided mode, in the words
// enrollment portals use (in their translations, for the others).
func portalWords(step int) string {
	switch step {
	case 1:
		return tr("Register Multi-Factor Device: Name")
	case 2:
		return tr("Scan the QR Code or use the key")
	case 3:
		return tr("Authentication Code")
	}
	return tr("Check the code")
}

// showAddWizard starts the wizard at its first step.
func (u *UI) showAddWizard() {
	if u.vault == nil || u.vault.Locked() {
		return
	}
	w := u.newWizard()
	w.stepName()
}

// frame lays out one step: its number and title, the body, the buttons.
func (w *wizard) frame(step int, title string, body fyne.CanvasObject, buttons ...fyne.CanvasObject) fyne.CanvasObject {
	head := widget.NewLabelWithStyle(fmt.Sprintf(tr("Add a device — step %d of 4: %s"), step, title), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.Wrapping = fyne.TextWrapWord // long in some languages
	if w.guided {
		head.SetText(fmt.Sprintf(tr("Step %d: %s"), step, portalWords(step)))
		head.SizeName = theme.SizeNameHeadingText
	}
	cancel := widget.NewButton(tr("Cancel"), w.cancel)
	w.status = widget.NewLabel("")
	w.status.Wrapping = fyne.TextWrapWord
	bar := container.NewHBox(append([]fyne.CanvasObject{cancel, layoutSpacer()}, buttons...)...)
	return container.NewBorder(head, container.NewVBox(w.status, bar), nil, nil, container.NewPadded(container.NewVScroll(body)))
}

// text is a paragraph of instructions, larger in the guided mode.
func (w *wizard) text(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	if w.guided {
		l.SizeName = theme.SizeNameSubHeadingText
	}
	return l
}

// openLink starts the wizard with the account of an otpauth:// link (the
// app is the desktop's handler of such links), or the accounts of an
// otpauth-migration:// link, so that only the name is left to type.
func (u *UI) openLink(link string) {
	accs, _, err := otpcore.ParsePayload(link)
	if err != nil {
		u.notice(fmt.Sprintf(tr("The link could not be used: %v"), err))
		return
	}
	w := u.newWizard()
	if len(accs) == 1 {
		w.acc = accs[0]
		w.name = accs[0].Issuer
	} else {
		w.linked = accs
	}
	w.stepName()
}

// newWizard starts a wizard; the UI keeps it so that locking wipes the key
// it holds.
func (u *UI) newWizard() *wizard {
	u.dropWizard()
	u.wizard = &wizard{u: u}
	return u.wizard
}

// dropWizard wipes the keys of the wizard in progress, if any.
func (u *UI) dropWizard() {
	if w := u.wizard; w != nil {
		w.acc.Wipe()
		for i := range w.linked {
			w.linked[i].Wipe()
		}
		w.linked = nil
		u.wizard = nil
	}
}

// show puts a step on screen; Escape cancels the wizard.
func (w *wizard) show(o fyne.CanvasObject, onTick func(time.Time), focus fyne.Focusable) {
	w.u.setContent(o, onTick, focus)
	w.u.onEscape = w.cancel
}

func (w *wizard) cancel() {
	if w.acc.Secret != nil {
		dialog.ShowConfirm(tr("Discard this device?"),
			tr("The key is not saved yet. If the portal already accepted the code,\nsave it, or you will not be able to make codes for it again."),
			func(discard bool) {
				if discard {
					w.u.dropWizard()
					w.u.showCodes()
				}
			}, w.u.win)
		return
	}
	w.u.dropWizard()
	w.u.showCodes()
}

// stepName: 1) the name the portal asks for.
func (w *wizard) stepName() {
	name := newAppEntry(w.u)
	name.SetText(w.name)
	name.SetPlaceHolder(tr("e.g. work PC"))
	next := widget.NewButton(tr("Next"), nil)
	next.Importance = widget.HighImportance
	next.OnTapped = func() {
		n := strings.TrimSpace(name.Text)
		if n == "" {
			w.status.SetText(tr("Type a name first: the same name you type in the portal's \"Name\" field."))
			return
		}
		if w.nameTaken(n) {
			w.status.SetText(fmt.Sprintf(tr("You already have a device named %q: choose another name."), n))
			return
		}
		w.name = n
		switch {
		case w.acc.Secret != nil: // opened from an otpauth:// link
			w.stepCode()
		case len(w.linked) > 0:
			w.stepChoose(w.linked)
		default:
			w.stepKey()
		}
	}
	name.OnSubmitted = func(string) { next.OnTapped() }
	intro := w.text(tr("The portal asks you to \"Register a multi-factor device\" and to give it a Name.\nType the same name here, so that you can tell your devices apart later."))
	guided := widget.NewCheck(tr("Guided mode: large text and the portal's words (for help desks)"), func(b bool) {
		w.guided = b
		w.name = name.Text
		w.stepName()
	})
	guided.Checked = w.guided
	body := container.NewVBox(intro, widget.NewForm(widget.NewFormItem(tr("Name"), name)), guided)
	w.show(w.frame(1, tr("Name it"), body, next), nil, name)
}

func (w *wizard) nameTaken(n string) bool {
	entries, err := w.u.vault.Entries()
	if err != nil {
		return false // Add will say
	}
	taken := false
	for i := range entries {
		taken = taken || strings.EqualFold(entries[i].Name, n)
		entries[i].Account.Wipe()
	}
	return taken
}

// stepKey: 2) scan the screen, open or drop an image, type the key or
// paste a link.
func (w *wizard) stepKey() {
	hide := widget.NewCheck(fmt.Sprintf(tr("Move this window out of the way for %d seconds first"), int(scanDelay/time.Second)), nil)
	hide.SetChecked(true)
	scanBtn := widget.NewButtonWithIcon(tr("Scan my screen"), theme.ViewFullScreenIcon(), func() { w.scanScreens(hide.Checked) })
	scanBtn.Importance = widget.HighImportance
	openBtn := widget.NewButtonWithIcon(tr("Open an image…"), theme.FolderOpenIcon(), w.openImage)
	keyBtn := widget.NewButtonWithIcon(tr("Enter the key"), theme.DocumentCreateIcon(), w.stepEnterKey)
	linkBtn := widget.NewButtonWithIcon(tr("Paste an otpauth link"), theme.ContentPasteIcon(), w.stepPasteLink)
	back := widget.NewButton(tr("Back"), w.stepName)
	pasteBtn := widget.NewButtonWithIcon(tr("Paste a screenshot"), theme.ContentPasteIcon(), w.pastePicture)
	intro := w.text(tr("The portal shows a QR code, and usually a key under it.\n" +
		"Keep the portal visible and click \"Scan my screen\": every screen is searched.\n" +
		"You can also drop a picture of the QR code on this window."))
	intro.Wrapping = fyne.TextWrapWord
	allow := w.text(tr("The first scan may ask \"Allow Applications to Take Screenshots?\" (GNOME): click \"Allow\". " +
		"If \"Deny\" was clicked, the README says how to undo it. " +
		"Or take a screenshot (PrtSc), then paste it here (Ctrl+V)."))
	body := container.NewVBox(intro, scanBtn, hide, allow, widget.NewSeparator(), pasteBtn, openBtn, keyBtn, linkBtn)
	content := w.frame(2, tr("Scan the QR code or use the key"), body, back)
	w.show(content, nil, nil)
	// Ctrl+V pastes a picture while this step is on screen.
	w.u.win.Canvas().AddShortcut(&fyne.ShortcutPaste{}, func(fyne.Shortcut) {
		if w.u.wizard == w && w.u.win.Content() == content {
			w.u.touch()
			w.pastePicture()
		}
	})
	w.u.dropTarget = w.fromFile
	if p := w.u.pendingDrop; p != "" {
		w.u.pendingDrop = ""
		w.fromFile(p)
	}
}

// scanScreens captures every screen (after hiding the window when asked)
// and goes on with what it found. The capture runs off the UI goroutine.
func (w *wizard) scanScreens(hideFirst bool) {
	if w.busy {
		return
	}
	w.busy = true
	w.status.SetText(tr("Searching every screen for a QR code…"))
	if hideFirst {
		w.u.win.Hide()
	}
	var found []scan.Found
	var report scan.Report
	var err error
	w.u.background(func() {
		if hideFirst {
			time.Sleep(scanDelay)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		found, report, err = w.u.deps.Scanner.Screens(ctx)
		cancel()
	}, func() {
		w.busy = false
		if hideFirst {
			w.u.win.Show()
			w.u.win.RequestFocus()
		}
		w.u.touch()
		if err != nil {
			w.status.SetText(err.Error())
			return
		}
		w.useFound(found, fmt.Sprintf(tr("No QR code found on %s. Is the portal window visible, with its QR code not covered? Try again, or open a picture of it."),
			plural(report.Screens, tr("%d screen"), tr("%d screens"))))
	})
}

// picturePaster is a Scanner that reads the picture on the clipboard
// (ScanFuncs: scan.Paste).
type picturePaster interface {
	Paste(ctx context.Context) ([]scan.Found, error)
}

// pastePicture decodes the QR codes of the picture on the clipboard (a
// screenshot taken with PrtSc), off the UI goroutine.
func (w *wizard) pastePicture() {
	p, ok := w.u.deps.Scanner.(picturePaster)
	if !ok || w.busy {
		return
	}
	w.busy = true
	w.status.SetText(tr("Reading the picture on the clipboard…"))
	var found []scan.Found
	var err error
	w.u.background(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		found, err = p.Paste(ctx)
		cancel()
	}, func() {
		w.busy = false
		if err != nil {
			w.status.SetText(capitalize(err.Error()))
			return
		}
		w.useFound(found, tr("No QR code found in the pasted picture. Take the screenshot while the portal shows its QR code, then paste again."))
	})
}

func (w *wizard) openImage() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			w.status.SetText(err.Error())
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		_ = r.Close()
		w.fromFile(path)
	}, w.u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp", ".PNG", ".JPG", ".JPEG"}))
	d.Show()
}

// fromFile decodes the QR codes of an image file (opened or dropped).
func (w *wizard) fromFile(path string) {
	found, err := w.u.deps.Scanner.File(path)
	if err != nil {
		w.status.SetText(err.Error())
		return
	}
	w.useFound(found, tr("No QR code found in this picture. Try a sharper or larger picture, or enter the key."))
}

// useFound goes on with the accounts found: one is used at once, several
// are offered to choose from; codes without a key are explained.
func (w *wizard) useFound(found []scan.Found, none string) {
	var accs []otpcore.Account
	var problems []string
	for _, f := range found {
		if f.Err != nil || len(f.Accounts) == 0 {
			msg := f.Hint
			if f.Err != nil {
				msg = f.Err.Error()
			}
			if msg != "" {
				problems = append(problems, msg)
			}
			continue
		}
		for _, a := range f.Accounts {
			accs = append(accs, a.Clone())
		}
	}
	for i := range found {
		found[i].Wipe() // the wizard keeps its own copies, wiped on lock
	}
	for i := range w.linked { // an earlier scan's choices
		w.linked[i].Wipe()
	}
	w.linked = nil
	switch {
	case len(accs) == 0 && len(problems) > 0:
		w.status.SetText(capitalize(problems[0]))
	case len(accs) == 0:
		w.status.SetText(none)
	case len(accs) == 1:
		w.setAccount(accs[0])
		accs[0].Wipe()
	default:
		w.linked = accs // kept to be wiped on lock or when the wizard ends
		w.stepChoose(accs)
	}
}

// stepChoose lets the person pick among several accounts found: one for
// this device, or several of a Google Authenticator export to import.
func (w *wizard) stepChoose(accs []otpcore.Account) {
	labels := make([]string, len(accs))
	for i, a := range accs {
		labels[i] = fmt.Sprintf("%d. %s", i+1, a.DisplayName())
	}
	one := widget.NewRadioGroup(labels, nil)
	one.SetSelected(labels[0])
	use := widget.NewButton(tr("Use this one"), func() {
		for i, l := range labels {
			if l == one.Selected {
				w.setAccount(accs[i])
				return
			}
		}
	})
	use.Importance = widget.HighImportance
	many := widget.NewCheckGroup(labels, nil)
	importBtn := widget.NewButton(tr("Import the checked accounts"), func() { w.importMany(accs, labels, many.Selected) })
	intro := w.text(fmt.Sprintf(tr("%d keys were found. Choose the one the portal just showed for %q,\nor import several accounts (from a Google Authenticator export) under their own names."), len(accs), w.name))
	intro.Wrapping = fyne.TextWrapWord
	tabs := container.NewAppTabs(
		container.NewTabItem(tr("This device"), container.NewVBox(one, use)),
		container.NewTabItem(tr("Import several"), container.NewVBox(many, importBtn)),
	)
	back := widget.NewButton(tr("Back"), w.stepKey)
	w.show(w.frame(2, tr("Choose the key"), container.NewVBox(intro, tabs), back), nil, nil)
}

// importMany saves the checked accounts of an export, each under its own
// name, made unique when needed.
func (w *wizard) importMany(accs []otpcore.Account, labels, checked []string) {
	if len(checked) == 0 {
		w.status.SetText(tr("Check the accounts to import first."))
		return
	}
	want := map[string]bool{}
	for _, c := range checked {
		want[c] = true
	}
	saved := 0
	for i, a := range accs {
		if !want[labels[i]] {
			continue
		}
		name := w.uniqueName(a.DisplayName())
		if _, err := w.u.vault.Add(name, a); err != nil {
			w.status.SetText(fmt.Sprintf(tr("Saved %d; %q failed: %v"), saved, name, err))
			return
		}
		saved++
	}
	w.u.dropWizard()
	w.u.showCodes()
	w.u.notice(fmt.Sprintf(tr("Imported %s."), plural(saved, tr("%d account"), tr("%d accounts"))))
}

func (w *wizard) uniqueName(base string) string {
	if base == "" {
		base = tr("account")
	}
	entries, _ := w.u.vault.Entries()
	taken := map[string]bool{}
	for i := range entries {
		taken[strings.ToLower(entries[i].Name)] = true
		entries[i].Account.Wipe()
	}
	name := base
	for i := 2; taken[strings.ToLower(name)]; i++ {
		name = fmt.Sprintf("%s (%d)", base, i)
	}
	return name
}

// stepEnterKey: type the key printed under the QR code, Base32 or hex,
// with the advanced parameters folded away.
func (w *wizard) stepEnterKey() {
	key := newAppEntry(w.u)
	key.SetPlaceHolder(tr("e.g. JBSW Y3DP EHPK 3PXP"))
	issuer := newAppEntry(w.u)
	issuer.SetPlaceHolder(tr("optional, e.g. the portal's name"))
	enc := widget.NewSelect([]string{tr("Base32 (letters and digits 2-7)"), tr("Hex (0-9, A-F)")}, nil)
	enc.SetSelectedIndex(0)
	typ := widget.NewSelect([]string{tr("TOTP (time-based)"), tr("HOTP (counter-based)"), "Steam Guard"}, nil)
	typ.SetSelectedIndex(0)
	alg := widget.NewSelect([]string{"SHA1", "SHA256", "SHA512"}, nil)
	alg.SetSelectedIndex(0)
	digits := widget.NewSelect([]string{"6", "7", "8", "9", "10"}, nil)
	digits.SetSelectedIndex(0)
	period := widget.NewEntry()
	period.SetText("30")
	counter := widget.NewEntry()
	counter.SetText("0")
	adv := widget.NewAccordion(widget.NewAccordionItem(tr("Advanced (only if the portal says so)"), widget.NewForm(
		widget.NewFormItem(tr("Type"), typ), widget.NewFormItem(tr("Algorithm"), alg), widget.NewFormItem(tr("Digits"), digits),
		widget.NewFormItem(tr("Period (s)"), period), widget.NewFormItem(tr("Counter"), counter),
	)))
	next := widget.NewButton(tr("Next"), nil)
	next.Importance = widget.HighImportance
	next.OnTapped = func() {
		acc, err := accountFromForm(keyForm{
			key: key.Text, hex: enc.SelectedIndex() == 1, issuer: issuer.Text, typ: typ.SelectedIndex(),
			alg: alg.Selected, digits: digits.Selected, period: period.Text, counter: counter.Text,
		})
		if err != nil {
			w.status.SetText(capitalize(err.Error()))
			return
		}
		key.SetText("")
		w.setAccount(acc)
	}
	key.OnSubmitted = func(string) { next.OnTapped() }
	intro := w.text(tr("Type the key exactly as the portal shows it; spaces and dashes do not matter."))
	intro.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(widget.NewFormItem(tr("Key"), key), widget.NewFormItem(tr("Written as"), enc), widget.NewFormItem(tr("Issuer"), issuer))
	back := widget.NewButton(tr("Back"), w.stepKey)
	w.show(w.frame(2, tr("Enter the key"), container.NewVBox(intro, form, adv), back, next), nil, key)
}

// stepPasteLink: paste an otpauth:// or otpauth-migration:// link.
func (w *wizard) stepPasteLink() {
	link := widget.NewMultiLineEntry()
	link.SetPlaceHolder("otpauth://totp/…")
	link.Wrapping = fyne.TextWrapBreak
	next := widget.NewButton(tr("Next"), nil)
	next.Importance = widget.HighImportance
	next.OnTapped = func() {
		accs, _, err := otpcore.ParsePayload(link.Text)
		if err != nil {
			w.status.SetText(capitalize(err.Error()))
			return
		}
		link.SetText("")
		if len(accs) == 1 {
			w.setAccount(accs[0])
			return
		}
		w.stepChoose(accs)
	}
	back := widget.NewButton(tr("Back"), w.stepKey)
	w.show(w.frame(2, tr("Paste the link"), container.NewVBox(widget.NewLabel(tr("Paste the otpauth:// link (Ctrl+V):")), link), back, next), nil, link)
}

// setAccount keeps the key found and shows the live code.
func (w *wizard) setAccount(a otpcore.Account) {
	w.acc.Wipe()
	w.acc = a.Clone()
	w.u.dropTarget = nil
	w.stepCode()
}

// stepCode: 3) the live code to type into the portal, and 4) save.
func (w *wizard) stepCode() {
	code := canvas.NewText("", theme.Color(theme.ColorNameForeground))
	code.TextSize = theme.TextSize() * 3
	code.TextStyle = fyne.TextStyle{Monospace: true, Bold: true}
	next := widget.NewLabel("")
	left := widget.NewLabel("")
	bar := widget.NewProgressBar()
	bar.TextFormatter = func() string { return "" }
	what := widget.NewLabel(fmt.Sprintf(tr("Device: %s"), w.name))
	if d := w.acc.DisplayName(); d != "" {
		what.SetText(fmt.Sprintf(tr("Device: %s (key for %s)"), w.name, d))
	}
	copyBtn := widget.NewButtonWithIcon(tr("Copy code"), theme.ContentCopyIcon(), func() {
		if c, err := w.acc.Code(w.u.codeNow()); err == nil {
			clearAt := w.u.sess.Copy(c, w.u.now())
			w.status.SetText(fmt.Sprintf(tr("Copied. It clears from the clipboard in %d s."), int(clearAt.Sub(w.u.now())/time.Second)))
		}
	})
	readOut := widget.NewLabel("")
	instr := widget.NewLabel(tr("Type this code into the portal's \"Authentication Code\" field, then click \"Save device\".\n" +
		"If the code is red, wait for the next one. If the portal says the code is wrong, check the computer's clock."))
	instr.Wrapping = fyne.TextWrapWord
	save := widget.NewButtonWithIcon(tr("Save device"), theme.DocumentSaveIcon(), w.save)
	save.Importance = widget.HighImportance
	back := widget.NewButton(tr("Back"), func() { w.acc.Wipe(); w.stepKey() })
	refresh := func(now time.Time) {
		now = now.Add(w.u.correction())
		c, err := w.acc.Code(now)
		if err != nil {
			code.Text = "—"
			next.SetText(err.Error())
			code.Refresh()
			return
		}
		col := theme.Color(theme.ColorNameForeground)
		if w.acc.Type == otpcore.HOTP {
			left.SetText(fmt.Sprintf(tr("counter %d"), w.acc.Counter))
			bar.Hide()
		} else {
			secs := ceilSeconds(w.acc.Remaining(now))
			left.SetText(fmt.Sprintf(tr("%d s left"), secs))
			bar.Max = float64(w.acc.Period)
			bar.SetValue(float64(secs))
			if secs <= warnSeconds {
				col = theme.Color(colorNameWarning)
				n, _ := w.acc.NextCode(now)
				next.SetText(fmt.Sprintf(tr("next: %s"), otpcore.GroupCode(n)))
			} else {
				next.SetText("")
			}
		}
		if g := otpcore.GroupCode(c); code.Text != g || code.Color != col {
			code.Text, code.Color = g, col
			code.Refresh()
			setText(readOut, fmt.Sprintf(tr("Read out: %s"), ReadOut(c)))
		}
	}
	refused := widget.NewButton(tr("The portal says the code is wrong…"), w.stepCheck)
	if w.guided {
		code.TextSize = theme.TextSize() * 4.5
		instr.SizeName = theme.SizeNameSubHeadingText
		readOut.SizeName = theme.SizeNameSubHeadingText
	} else {
		readOut.Hide()
	}
	refresh(w.u.now())
	body := container.NewVBox(what, instr, container.NewCenter(code), container.NewCenter(readOut), container.NewCenter(next), left, bar, copyBtn, refused)
	w.show(w.frame(3, tr("Type this code into the portal"), body, back, save), refresh, nil)
}

// stepCheck: the person types the code the portal refused; the app says
// whether the clock, the key or the timing is the likely cause.
func (w *wizard) stepCheck() {
	typed := newAppEntry(w.u)
	typed.SetPlaceHolder(tr("the code you typed, e.g. 123 456"))
	verdict := w.text("")
	check := widget.NewButton(tr("Check"), func() {
		verdict.SetText(w.diagnose(typed.Text))
	})
	check.Importance = widget.HighImportance
	typed.OnSubmitted = func(string) { check.OnTapped() }
	intro := w.text(tr("Type the code exactly as you typed it into the portal's \"Authentication Code\" field."))
	back := widget.NewButton(tr("Back to the code"), w.stepCode)
	save := widget.NewButtonWithIcon(tr("Save device"), theme.DocumentSaveIcon(), w.save)
	body := container.NewVBox(intro, typed, check, verdict)
	w.show(w.frame(4, tr("Check the code the portal refused"), body, back, save), nil, typed)
}

// diagnose explains a refused code with otpcore.Diagnose and, when known,
// the measured clock offset.
func (w *wizard) diagnose(typed string) string {
	now := w.u.codeNow()
	d := otpcore.Diagnose(w.acc, typed, now)
	var msg string
	switch d.Cause {
	case otpcore.CauseNone:
		msg = tr("That is the right code for now. If the portal refused it, the portal's clock may be wrong, " +
			"or it holds another key: some portals make a new QR code each time the page opens. Scan the code the portal shows now.")
	case otpcore.CauseTiming:
		msg = tr("That code was right, but it changed while it was being typed. Type the code shown now, " +
			"and if it is red, wait for the next one.")
	case otpcore.CauseClock:
		if d.Offset > 0 {
			msg = fmt.Sprintf(tr("That code is the one for %s from now: the clock is off by about that much (this computer's or the portal's). "+
				"Set this computer's clock (turn on automatic time), then type the code shown now."), secondsText(roundSeconds(d.Offset)))
		} else {
			msg = fmt.Sprintf(tr("That code is the one from %s ago: the clock is off by about that much (this computer's or the portal's). "+
				"Set this computer's clock (turn on automatic time), then type the code shown now."), secondsText(roundSeconds(-d.Offset)))
		}
	default:
		msg = tr("No code of this key matches. Either the code was mistyped, or the key is not the one the portal has: " +
			"scan the portal's QR code again, or check the key letter by letter.")
	}
	if c := w.u.clock; c.err == nil && !c.at.IsZero() && c.res.Over() {
		msg += " " + fmt.Sprintf(tr("authdesk measured: %s."), describeClock(c.res))
	}
	return msg
}

// save: 4) store the device under its name.
func (w *wizard) save() {
	_, err := w.u.vault.Add(w.name, w.acc)
	if errors.Is(err, vault.ErrDuplicateName) {
		w.askNewName()
		return
	}
	if err != nil {
		w.status.SetText(err.Error())
		return
	}
	name := w.name
	w.u.dropWizard()
	w.u.showCodes()
	w.u.notice(fmt.Sprintf(tr("Saved %q. Its codes are in the list."), name))
}

// askNewName asks for another name when the chosen one was taken
// meanwhile; the key stays in the wizard.
func (w *wizard) askNewName() {
	name := newAppEntry(w.u)
	name.SetText(w.name)
	msg := widget.NewLabel(fmt.Sprintf(tr("You already have a device named %q. Choose another name:"), w.name))
	var d dialog.Dialog
	ok := widget.NewButton(tr("Save"), func() {
		n := strings.TrimSpace(name.Text)
		if n == "" || w.nameTaken(n) {
			msg.SetText(fmt.Sprintf(tr("%q is empty or taken. Choose another name:"), n))
			return
		}
		d.Hide()
		w.name = n
		w.save()
	})
	ok.Importance = widget.HighImportance
	d = dialog.NewCustomWithoutButtons(tr("Name taken"), container.NewVBox(msg, name,
		container.NewHBox(layoutSpacer(), widget.NewButton(tr("Cancel"), func() { d.Hide() }), ok)), w.u.win)
	d.Show()
	w.u.win.Canvas().Focus(name)
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// plural formats n with the translated format of its singular or plural
// form: plural(n, tr("%d screen"), tr("%d screens")).
func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf(one, n)
	}
	return fmt.Sprintf(many, n)
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
