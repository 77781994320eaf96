package screens

import (
	"errors"
	"fmt"
	"time"

	"authdesk/app/instance"
	"authdesk/app/session"
)

// claimInstance makes this process the window of home. When another window
// runs, it hands it link (or asks it to show itself) and reports handed:
// the caller exits. Two starts at the same moment can find the channel
// locked before it listens, so the hand-over is retried briefly. An error
// with no server means no channel could be made; the window runs without.
func claimInstance(home string, link []byte) (srv *instance.Server, handed bool, err error) {
	srv, err = instance.Claim(home)
	if !errors.Is(err, instance.ErrRunning) {
		return srv, false, err
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		err = instance.Send(home, instance.Message{Link: link}, 2*time.Second)
		if err == nil {
			return nil, true, nil
		}
		if time.Now().After(deadline) {
			return nil, false, fmt.Errorf("another authdesk window holds the channel but does not answer (%w); close it and try again", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// receive takes a message of a second start, on the UI goroutine: a link
// opens the wizard now when the profile is unlocked, or once it is; either
// way the window comes to the front.
func (u *UI) receive(m instance.Message) {
	if m.Link != nil {
		if u.sess != nil && u.sess.State() == session.Unlocked && u.codes != nil {
			u.openLink(string(m.Link))
			wipeBytes(m.Link)
		} else {
			wipeBytes(u.pendingLink)
			u.pendingLink = m.Link
		}
	}
	u.win.Show()
	u.win.RequestFocus()
}

// wipeBytes zeroes b.
func wipeBytes(b []byte) {
	for i := range b {
		b[i] = 0
	}
}

// dropOverlays closes every dialog and pop-up on the window: a dialog of
// an unlocked screen ("Discard this device?") must not stay on top of the
// lock screen.
func (u *UI) dropOverlays() {
	ov := u.win.Canvas().Overlays()
	for _, o := range ov.List() {
		ov.Remove(o)
	}
}
