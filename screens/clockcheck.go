package screens

import (
	"fmt"
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"authdesk/app/clock"
)

// clockCheck is the last comparison of this computer's clock with a time
// server, made at unlock (at most once an hour).
type clockCheck struct {
	at      time.Time
	res     clock.Result
	err     error
	running bool
}

// checkClockSoon starts a clock check in the background when the settings
// ask for one and the last is older than an hour.
func (u *UI) checkClockSoon() {
	if u.deps.CheckClock == nil || u.sess == nil {
		return
	}
	st := u.sess.Settings()
	if !st.ClockCheck || u.clock.running || (!u.clock.at.IsZero() && u.now().Sub(u.clock.at) < time.Hour) {
		return
	}
	u.clock.running = true
	check, server := u.deps.CheckClock, st.ClockServer
	var res clock.Result
	var err error
	u.background(func() { res, err = check(server) }, func() {
		u.clock = clockCheck{at: u.now(), res: res, err: err}
		if u.codes != nil {
			u.codes.showClock()
		}
	})
}

// setCorrection stores the clock correction of the codes (0 to stop).
func (u *UI) setCorrection(d time.Duration) error {
	st := u.sess.Settings()
	st.ClockCorrection = d.Round(time.Millisecond)
	if err := saveSettings(u, st); err != nil {
		return err
	}
	if u.codes != nil {
		u.codes.showClock()
		u.codes.tick(u.now())
	}
	return nil
}

// showClock fills the banner above the list: a clock that breaks codes,
// or the correction in force with a way back.
func (c *codesScreen) showClock() {
	u := c.u
	corr := u.correction()
	var items []fyne.CanvasObject
	switch {
	case corr != 0:
		msg := widget.NewLabel(fmt.Sprintf(tr("Codes are corrected by %+.0f s for this computer's clock."), corr.Seconds()))
		msg.Wrapping = fyne.TextWrapWord
		stop := widget.NewButton(tr("Stop correcting"), func() {
			if err := u.setCorrection(0); err != nil {
				c.setNotice(err.Error())
			}
		})
		items = append(items, container.NewBorder(nil, nil, nil, stop, msg))
	case u.clock.err == nil && !u.clock.at.IsZero() && u.clock.res.Over():
		res := u.clock.res
		msg := widget.NewLabel(fmt.Sprintf(tr("Warning: %s. Portals will refuse the codes. "+
			"Set the clock (turn on automatic time), or correct the codes here."), describeClock(res)))
		msg.Wrapping = fyne.TextWrapWord
		msg.Importance = widget.DangerImportance
		fix := widget.NewButton(fmt.Sprintf(tr("Correct codes by %+.0f s"), res.Offset.Seconds()), func() {
			if err := u.setCorrection(res.Offset); err != nil {
				c.setNotice(err.Error())
			}
		})
		fix.Importance = widget.WarningImportance
		items = append(items, msg, fix)
	}
	c.clockBox.Objects = items
	c.clockBox.Refresh()
}

// describeClock says what a clock check found, in the UI's language and
// to go inside a sentence: "this computer's clock is 12 s slow" (as
// clock.Result.Describe in English).
func describeClock(r clock.Result) string {
	s := r.Offset.Seconds()
	switch {
	case math.Abs(s) < 0.5:
		return tr("this computer's clock is right")
	case s > 0:
		return fmt.Sprintf(tr("this computer's clock is %s slow"), secondsText(roundSeconds(r.Offset)))
	}
	return fmt.Sprintf(tr("this computer's clock is %s fast"), secondsText(roundSeconds(-r.Offset)))
}
