package screens

import (
	"errors"
	"fmt"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"authdesk/app/vault"
)

// MinPasswordLength is the shortest app-lock password accepted.
const MinPasswordLength = 8

// showSetup is the first-run screen: create a profile and its password.
// listErr, when set, says why the profiles could not be listed.
func (u *UI) showSetup(listErr error) {

	name := widget.NewEntry()
	name.SetPlaceHolder(tr("your name, e.g. alice (or leave empty)"))
	pw1 := widget.NewPasswordEntry()
	pw1.SetPlaceHolder(tr("at least 8 characters"))
	pw2 := widget.NewPasswordEntry()
	pw2.SetPlaceHolder(tr("the same again"))
	strength := widget.NewLabel(passwordHint(""))
	pw1.OnChanged = func(s string) { strength.SetText(passwordHint(s)) }
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapWord
	if listErr != nil {
		status.SetText(fmt.Sprintf(tr("Could not read the existing profiles: %v"), listErr))
	}
	store := widget.NewLabel(tr("Your keys are sealed with this password, then kept in the system keychain.\n" +
		"Without the password nobody can read them, not even another program that can open the keychain."))
	store.Wrapping = fyne.TextWrapWord

	var create func()
	create = func() {
		profile := strings.TrimSpace(name.Text)
		if profile == "" {
			profile = vault.DefaultProfile
		}
		if err := u.checkNewPassword(pw1.Text, pw2.Text); err != nil {
			status.SetText(err.Error())
			return
		}
		if err := vault.ValidProfile(profile); err != nil {
			status.SetText(tr("Profile name: use letters, digits, '.', '_' or '-' (no spaces)."))
			return
		}
		if u.createProfile(profile, "", []byte(pw1.Text), status) {
			pw1.SetText("")
			pw2.SetText("")
		}
	}
	pw2.OnSubmitted = func(string) { create() }
	btn := widget.NewButton(tr("Create profile"), create)
	btn.Importance = widget.HighImportance

	form := widget.NewForm(
		widget.NewFormItem(tr("Profile"), name),
		widget.NewFormItem(tr("Password"), pw1),
		widget.NewFormItem(tr("Repeat"), pw2),
	)
	title := widget.NewLabelWithStyle(tr("Welcome to authdesk"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	intro := widget.NewLabel(tr("Create a profile for the codes of your accounts. On a shared PC, each person makes their own."))
	intro.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(title, intro, form, strength, store, btn, status)
	u.setContent(container.NewPadded(container.NewVScroll(body)), nil, name)
}

// createProfile creates the vault of profile in the given store. When no
// keychain answers, it asks whether to keep the sealed keys in files.
func (u *UI) createProfile(profile string, store vault.StoreKind, pw []byte, status *widget.Label) bool {
	defer wipe(pw)
	v, err := u.deps.Profiles.Open(profile, store)
	if err != nil {
		status.SetText(err.Error())
		return false
	}
	if v.Exists() {
		status.SetText(fmt.Sprintf(tr("A profile named %q exists already: choose another name, or unlock it."), profile))
		return false
	}
	err = v.Init(pw, u.now())
	if errors.Is(err, vault.ErrNoSecretService) || errors.Is(err, vault.ErrKeychainLocked) || errors.Is(err, vault.ErrAccessDenied) {
		keep := append([]byte(nil), pw...)
		msg := fmt.Sprintf(tr("The system keychain did not answer:\n%v\n\nKeep your sealed keys in files in the profile folder instead?\n"+
			"They stay sealed with your password."), err)
		dialog.ShowConfirm(tr("No keychain"), msg, func(ok bool) {
			defer wipe(keep)
			if ok {
				u.createProfile(profile, vault.StoreFile, keep, status)
			}
		}, u.win)
		return false
	}
	if err != nil {
		status.SetText(err.Error())
		return false
	}
	u.openProfile(profile, v)
	u.sess.Touch(u.now())
	u.showCodes()
	if v.StoreKind() == vault.StoreFile {
		u.notice(fmt.Sprintf(tr("Your sealed keys are kept in files in %s (no keychain)."), v.Dir()))
	}
	return true
}

func checkNewPassword(a, b string) error {
	switch {
	case len([]rune(a)) < MinPasswordLength:
		return fmt.Errorf(tr("The password needs at least %d characters."), MinPasswordLength)
	case a != b:
		return errors.New(tr("The two passwords differ: type the same password twice."))
	}
	return nil
}

// passwordHint rates a password by its length and kinds of characters.
func passwordHint(s string) string {
	n := len([]rune(s))
	if n == 0 {
		return tr("Choose a password you can remember; it cannot be recovered.")
	}
	kinds := 0
	for _, f := range []func(rune) bool{unicode.IsLower, unicode.IsUpper, unicode.IsDigit, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}} {
		if strings.IndexFunc(s, f) >= 0 {
			kinds++
		}
	}
	score := n + 2*kinds
	switch {
	case n < MinPasswordLength:
		return tr("Strength: too short")
	case score < 16:
		return tr("Strength: weak. A longer password, or a few words, is harder to guess.")
	case score < 22:
		return tr("Strength: fair")
	}
	return tr("Strength: strong")
}

func wipe(b []byte) {
	for i := range b {
		b[i] = 0
	}
}
