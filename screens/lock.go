package screens

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"authdesk/app/session"
	"authdesk/app/vault"
)

// showLock is the lock screen of profile: a password, the profile to
// choose on a shared PC, and the wait after too many wrong passwords.
func (u *UI) showLock(profile string) {

	profiles, _ := u.deps.Profiles.List()
	v, err := u.deps.Profiles.Open(profile, "")
	if err == nil && (u.vault == nil || u.profile != profile) {
		u.openProfile(profile, v)
	}

	pw := widget.NewPasswordEntry()
	pw.SetPlaceHolder(tr("Password"))
	status := widget.NewLabel(u.lockNote)
	status.Wrapping = fyne.TextWrapWord
	if err != nil {
		status.SetText(err.Error())
	}
	var until time.Time
	btn := widget.NewButton(tr("Unlock"), nil)
	btn.Importance = widget.HighImportance

	unlock := func() {
		if u.vault == nil || btn.Disabled() {
			return
		}
		if pw.Text == "" { // an Enter by mistake: nothing to try, nothing counted
			status.SetText(tr("Type the password first."))
			return
		}
		secret := []byte(pw.Text)
		pw.SetText("")
		btn.Disable()
		status.SetText(tr("Unlocking…"))
		sess, now := u.sess, u.now()
		var err error
		// The key derivation takes about half a second: off the UI
		// goroutine, so that the window keeps drawing.
		u.background(func() { err = sess.Unlock(secret, now) }, func() {
			btn.Enable()
			var be *vault.BackoffError
			switch {
			case err == nil:
				u.lockNote = ""
				u.applyTheme(u.sess.Settings().Theme) // the sealed settings' theme
				u.showCodes()
				if m, ok := u.vault.(interface{ MergeNote() string }); ok && m.MergeNote() != "" {
					n := m.MergeNote() // a shared profile's copies from other PCs
					u.notice(strings.ToUpper(n[:1]) + n[1:])
				}
				return
			case errors.As(err, &be):
				until = be.Until
				u.keepTicking(until) // the countdown
			case errors.Is(err, vault.ErrWrongPassword):
				until = time.Time{}
			}
			status.SetText(err.Error())
			u.win.Canvas().Focus(pw)
		})
	}
	btn.OnTapped = unlock
	pw.OnSubmitted = func(string) { unlock() }

	title := widget.NewLabelWithStyle(tr("authdesk is locked"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	items := []fyne.CanvasObject{title}
	if len(profiles) > 1 {
		sel := widget.NewSelect(profiles, func(p string) {
			if p != u.profile {
				u.lockNote = ""
				u.showLock(p)
			}
		})
		sel.Selected = profile
		items = append(items, widget.NewForm(widget.NewFormItem(tr("Profile"), sel)))
	} else {
		items = append(items, widget.NewLabelWithStyle(fmt.Sprintf(tr("Profile: %s"), profile), fyne.TextAlignCenter, fyne.TextStyle{}))
	}
	newProfile := widget.NewButton(tr("New profile…"), func() { u.lockNote = ""; u.showSetup(nil) })
	newProfile.Importance = widget.LowImportance
	items = append(items, pw, btn, status, newProfile)
	box := container.NewVBox(items...)
	onTick := func(now time.Time) {
		if until.IsZero() {
			return
		}
		if left := until.Sub(now); left > 0 {
			btn.Disable()
			status.SetText(fmt.Sprintf(tr("Too many wrong passwords. Try again in %s."), roundWait(left)))
		} else {
			until = time.Time{}
			btn.Enable()
			status.SetText(tr("You can try again now."))
		}
	}
	u.setContent(container.NewCenter(container.NewGridWrap(fyne.NewSize(360, 320), box)), onTick, pw)
}

func roundWait(d time.Duration) string {
	return secondsText(ceilSeconds(d))
}

// secondsText formats a number of seconds as "12 s" or "3 min 05 s" (as
// clock.Seconds, in the UI's language).
func secondsText(s int) string {
	if s < 60 {
		return fmt.Sprintf(tr("%d s"), s)
	}
	return fmt.Sprintf(tr("%d min %02d s"), s/60, s%60)
}

// roundSeconds is d in whole seconds, rounded to the nearest.
func roundSeconds(d time.Duration) int { return int(math.Round(d.Seconds())) }

// lockReason is the sentence the lock screen shows for why it locked, in
// the UI's language (session.Reason.Message in English).
func lockReason(r session.Reason) string {
	switch r {
	case session.Idle:
		return tr("Locked after a time without use.")
	case session.Blur:
		return tr("Locked when the window was left.")
	case session.SystemLock:
		return tr("Locked with the computer's screen.")
	}
	return r.Message()
}
