package screens

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"authdesk/app/clock"
	"authdesk/app/settings"
	"authdesk/app/support"
	"authdesk/app/vault"
)

var (
	autoLockChoices  = []time.Duration{time.Minute, 2 * time.Minute, 5 * time.Minute, 10 * time.Minute, 15 * time.Minute, 30 * time.Minute, time.Hour}
	clipboardChoices = []time.Duration{10 * time.Second, 15 * time.Second, 30 * time.Second, time.Minute, 2 * time.Minute}
	themeChoices     = []string{settings.ThemeSystem, settings.ThemeLight, settings.ThemeDark}
)

// themeLabels are the names of themeChoices shown in the settings.
func themeLabels() []string { return []string{tr("System"), tr("Light"), tr("Dark")} }

func durationLabel(d time.Duration) string {
	switch {
	case d >= time.Hour && d%time.Hour == 0:
		return plural(int(d/time.Hour), tr("%d hour"), tr("%d hours"))
	case d >= time.Minute && d%time.Minute == 0:
		return plural(int(d/time.Minute), tr("%d minute"), tr("%d minutes"))
	}
	return plural(int(d/time.Second), tr("%d second"), tr("%d seconds"))
}

func durationSelect(choices []time.Duration, cur time.Duration, set func(time.Duration)) *widget.Select {
	labels := make([]string, len(choices))
	for i, d := range choices {
		labels[i] = durationLabel(d)
	}
	s := widget.NewSelect(labels, nil)
	s.Selected = durationLabel(cur)
	s.OnChanged = func(l string) {
		for i, x := range labels {
			if x == l {
				set(choices[i])
			}
		}
	}
	return s
}

// saveSettings writes the profile's settings and applies them.
func saveSettings(u *UI, n settings.Settings) error {
	save := func() error { return settings.Save(u.vault.Dir(), n) }
	if sv, ok := u.vault.(settings.Sealed); ok {
		save = func() error { return settings.SaveSealed(sv, n) } // the copy that counts
	}
	if err := save(); err != nil {
		return err
	}
	u.sess.SetSettings(n)
	u.applyTheme(n.Theme)
	return nil
}

// copySupportInfo puts the support info on the clipboard and shows it.
func (u *UI) copySupportInfo() {
	s := u.deps.Support
	s.Profiles = u.deps.Profiles.List
	if u.vault != nil {
		s.StoreKind = string(u.vault.StoreKind())
	}
	if !u.clock.at.IsZero() {
		if u.clock.err != nil {
			s.ClockErr = u.clock.err
		} else {
			off := u.clock.res.Offset
			s.ClockOffset = &off
		}
	}
	info := support.Collect(s)
	u.app.Clipboard().SetContent(info)
	text := widget.NewLabel(info)
	text.TextStyle = fyne.TextStyle{Monospace: true}
	dialog.ShowCustom(tr("Support info (copied)"), tr("Close"), text, u.win)
}

// showSettings: auto-lock, clipboard, hidden codes, theme, kiosk preset,
// and the password.
func (u *UI) showSettings() {

	st := u.sess.Settings()
	pol := u.policy()
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapWord
	apply := func(n settings.Settings) {
		n = pol.Clamp(n) // nothing looser than the organization allows
		if err := saveSettings(u, n); err != nil {
			status.SetText(err.Error())
			return
		}
		st = n
		status.SetText(tr("Saved."))
	}
	autoLock := durationSelect(atMost(autoLockChoices, pol.LockAfter), st.AutoLock, func(d time.Duration) { n := st; n.AutoLock = d; apply(n) })
	clip := durationSelect(atMost(clipboardChoices, pol.ClipboardClear), st.ClipboardClear, func(d time.Duration) { n := st; n.ClipboardClear = d; apply(n) })
	hide := widget.NewCheck(tr("Hide codes until clicked"), func(b bool) { n := st; n.HideCodes = b; apply(n) })
	hide.Checked = st.HideCodes
	blur := widget.NewCheck(tr("Lock when the window loses focus"), func(b bool) { n := st; n.LockOnBlur = b; apply(n) })
	blur.Checked = st.LockOnBlur
	enforce(hide, pol.HideCodes)
	enforce(blur, pol.LockOnFocusLoss)
	labels := themeLabels()
	th := widget.NewRadioGroup(labels, nil)
	for i, t := range themeChoices {
		if t == st.Theme {
			th.Selected = labels[i]
		}
	}
	th.Horizontal = true
	th.OnChanged = func(l string) {
		for i, x := range labels {
			if x == l {
				n := st
				n.Theme = themeChoices[i]
				apply(n)
			}
		}
	}
	kiosk := widget.NewButton(tr("Use kiosk settings (shared PC)"), func() {
		n := settings.Kiosk()
		n.Theme = st.Theme
		apply(n)
		u.showSettings()
	})
	clockOn := widget.NewCheck(tr("Check the clock when unlocking"), func(b bool) { n := st; n.ClockCheck = b; apply(n) })
	clockOn.Checked = st.ClockCheck
	enforce(clockOn, pol.ClockCheck != nil)
	server := newAppEntry(u)
	server.SetPlaceHolder(fmt.Sprintf(tr("%s (or https://… where NTP is blocked)"), clock.DefaultServer))
	server.SetText(st.ClockServer)
	if pol.TimeServer != "" {
		server.Disable()
	}
	server.OnSubmitted = func(s string) { n := st; n.ClockServer = strings.TrimSpace(s); apply(n) }
	clockMsg := widget.NewLabel("")
	clockMsg.Wrapping = fyne.TextWrapWord
	checkNow := widget.NewButton(tr("Check the clock now"), func() {
		if u.deps.CheckClock == nil {
			return
		}
		n := st
		n.ClockServer = strings.TrimSpace(server.Text)
		apply(n)
		clockMsg.SetText(fmt.Sprintf(tr("Asking %s…"), orDefault(n.ClockServer, clock.DefaultServer)))
		check := u.deps.CheckClock
		var res clock.Result
		var err error
		u.background(func() { res, err = check(n.ClockServer) }, func() {
			if err != nil {
				clockMsg.SetText(err.Error())
				return
			}
			u.clock = clockCheck{at: u.now(), res: res}
			msg := fmt.Sprintf(tr("%s (offset %+.3f s)."), capitalize(describeClock(res)), res.Offset.Seconds())
			if res.Over() {
				msg += " " + tr("Codes will fail: set the clock, or correct the codes from the list.")
			}
			clockMsg.SetText(msg)
		})
	})
	lockLabel, clipLabel, serverLabel := tr("Lock after"), tr("Clear copied codes after"), tr("Time server")
	if pol.LockAfter > 0 {
		lockLabel = byOrganization(fmt.Sprintf(tr("%s, at most %s"), lockLabel, durationLabel(pol.LockAfter)))
	}
	if pol.ClipboardClear > 0 {
		clipLabel = byOrganization(fmt.Sprintf(tr("%s, at most %s"), clipLabel, durationLabel(pol.ClipboardClear)))
	}
	if pol.TimeServer != "" {
		serverLabel = byOrganization(serverLabel)
	}
	form := widget.NewForm(
		widget.NewFormItem(lockLabel, autoLock),
		widget.NewFormItem(clipLabel, clip),
		widget.NewFormItem("", hide),
		widget.NewFormItem("", blur),
		widget.NewFormItem(tr("Theme"), th),
		widget.NewFormItem("", clockOn),
		widget.NewFormItem(serverLabel, server),
	)
	oldPw, newPw, newPw2 := widget.NewPasswordEntry(), widget.NewPasswordEntry(), widget.NewPasswordEntry()
	pwStatus := widget.NewLabel("")
	pwStatus.Wrapping = fyne.TextWrapWord
	var change *widget.Button
	change = widget.NewButton(tr("Change password"), func() {
		if err := u.checkNewPassword(newPw.Text, newPw2.Text); err != nil {
			pwStatus.SetText(err.Error())
			return
		}
		o, n := []byte(oldPw.Text), []byte(newPw.Text)
		oldPw.SetText("")
		newPw.SetText("")
		newPw2.SetText("")
		// Two key derivations and every account sealed again under a new
		// vault key: off the UI goroutine.
		change.Disable()
		pwStatus.SetText("")
		v := u.vault
		var err error
		u.background(func() {
			err = v.ChangePassword(o, n)
			wipe(o)
			wipe(n)
		}, func() {
			change.Enable()
			if err != nil {
				pwStatus.SetText(err.Error())
				return
			}
			pwStatus.SetText(tr("Password changed. Use the new one from now on."))
		})
	})
	pwForm := widget.NewForm(
		widget.NewFormItem(tr("Current password"), oldPw),
		widget.NewFormItem(tr("New password"), newPw),
		widget.NewFormItem(tr("Repeat"), newPw2),
	)
	supportBtn := widget.NewButton(tr("Copy support info"), u.copySupportInfo)
	importBtn := widget.NewButton(tr("Import from another app or a backup…"), u.chooseImport)
	if !u.importAllowed() {
		importBtn.SetText(byOrganization(tr("Import is off")))
		importBtn.Disable()
	}
	exportBtn := widget.NewButton(tr("Export or move to a phone…"), u.showExport)
	back := widget.NewButton(tr("Back to codes"), u.showCodes)
	back.Importance = widget.HighImportance
	where := widget.NewLabel(fmt.Sprintf(tr("Profile %q, keys kept in the %s store."), u.profile, storeName(u.vault.StoreKind())))
	where.Wrapping = fyne.TextWrapWord
	// Wrapped, so that a long translation does not widen the window.
	help := widget.NewLabel(tr("For a help desk: the system, versions, displays, keychain and clock; no account, code or password."))
	help.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(
		widget.NewLabelWithStyle(tr("Settings"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		where, form, checkNow, clockMsg, kiosk, status, widget.NewSeparator(),
		widget.NewLabelWithStyle(tr("Password"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		pwForm, change, pwStatus, widget.NewSeparator(),
		widget.NewLabelWithStyle(tr("Move accounts"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		importBtn, exportBtn, widget.NewSeparator(),
		help, supportBtn,
	)
	u.setContent(container.NewBorder(nil, container.NewHBox(back), nil, nil, container.NewVScroll(container.NewPadded(body))), nil, nil)
	u.onEscape = u.showCodes
}

// storeName names where a profile keeps its sealed keys.
func storeName(k vault.StoreKind) string {
	switch k {
	case vault.StoreKeyring:
		return tr("keyring")
	case vault.StoreFile:
		return tr("file")
	}
	return string(k)
}
