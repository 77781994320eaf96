package screens

import (
	"runtime/debug"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"

	"authdesk/app/clipboard"
	"authdesk/app/session"
	"authdesk/app/settings"
)

// UI is the one window of authdesk and the navigation between its screens:
// first run, lock, codes, add device, settings. It owns the session of the
// open profile and one ticker that refreshes what changed once a second.
type UI struct {
	app  fyne.App
	win  fyne.Window
	deps Deps

	profile string
	vault   Vault
	sess    *session.Session

	codes  *codesScreen // while unlocked
	wizard *wizard      // "Add a device" in progress

	// transfer is the import in progress (its preview holds decrypted
	// accounts): the lock hook wipes it.
	transfer *transferState

	clock  clockCheck
	onTick func(now time.Time)
	stop   chan struct{}
	// The ticker: resume wakes it from its sleep, ticking says whether it
	// calls Tick, tickPhase is the sub-second part of the codes' clock;
	// tickUntil keeps it running for a screen's countdown.
	resume    chan struct{}
	ticking   atomic.Bool
	tickPhase atomic.Int64
	tickUntil time.Time
	// parked is the entry whose focus was taken back after a time without
	// input (its cursor blink is an animation); typing gives it back.
	parked fyne.Focusable
	// themeName is the theme applied (themeSet: one was).
	themeName string
	themeSet  bool
	// trimAt is when to hand the garbage of a screen change back to the OS.
	trimAt     time.Time
	focusSeen  focusSeen
	focusSince time.Time
	// unfocused: the window does not have the focus; hiddenTicks: ticks
	// skipped the screen while the window was minimised.
	unfocused   bool
	hiddenTicks bool
	// lockNote is shown on the lock screen (why it locked).
	lockNote string
	// dropTarget takes image files dropped on the window (the wizard's
	// key step); pendingDrop is a file dropped on the list, used once the
	// wizard reaches that step.
	dropTarget  func(path string)
	pendingDrop string
	// pendingLink is an otpauth:// link to add once the profile is open.
	// It is bytes, wiped once used: it holds the account's key.
	pendingLink []byte
	// onEscape leaves the current screen (wizard, settings) on Escape.
	onEscape  func()
	shortcuts map[fyne.KeyName]func()
	// sync makes background work synchronous (tests).
	sync bool
}

// NewUI builds the UI in w; call Start to show the first screen.
func NewUI(a fyne.App, w fyne.Window, deps Deps) *UI {
	if deps.Now == nil {
		deps.Now = time.Now
	}
	translationsOnce.Do(loadTranslations)
	u := &UI{app: a, win: w, deps: deps}
	w.SetOnDropped(u.onDropped)
	w.SetCloseIntercept(func() {
		u.lock(session.Exit)
		w.Close()
	})
	u.installShortcuts()
	return u
}

func (u *UI) now() time.Time { return u.deps.Now() }

// correction is the clock correction the person chose for the codes.
func (u *UI) correction() time.Duration {
	if u.sess == nil {
		return 0
	}
	return u.sess.Settings().ClockCorrection
}

// codeNow is the time the codes are made for: the clock, corrected when
// the person chose so.
func (u *UI) codeNow() time.Time { return u.now().Add(u.correction()) }

// Start shows the lock screen, or the first-run screen when no profile
// exists yet.
func (u *UI) Start() {
	profiles, err := u.deps.Profiles.List()
	if err != nil || len(profiles) == 0 {
		u.showSetup(err)
		return
	}
	u.showLock(profiles[0])
}

// background runs work off the UI goroutine, then done on it (through
// fyne.Do). Tests replace it with a synchronous call, so that they never
// read the screen while a goroutine changes it.
func (u *UI) background(work, done func()) {
	if u.sync {
		work()
		done()
		return
	}
	go func() {
		work()
		fyne.Do(done)
	}()
}

// StartTicker refreshes the screens once a second, on the second, until
// StopTicker. The goroutine touches the UI only through fyne.Do, and only
// while ticking is wanted (see updateTicking): while the profile is locked
// and no countdown shows, it sleeps without waking the UI at all.
func (u *UI) StartTicker() {
	if u.stop != nil {
		return
	}
	debug.SetGCPercent(idleGCPercent)
	u.stop = make(chan struct{})
	u.resume = make(chan struct{}, 1)
	stop, resume := u.stop, u.resume
	u.updateTicking()
	go func() {
		t := time.NewTimer(untilNextSecond(time.Now(), time.Duration(u.tickPhase.Load())))
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-resume:
			case <-t.C:
				if u.ticking.Load() {
					fyne.Do(u.Tick)
				} else {
					fyne.Do(u.idleCheck)
				}
			}
			if u.ticking.Load() {
				t.Reset(untilNextSecond(time.Now(), time.Duration(u.tickPhase.Load())))
			} else {
				t.Reset(idleCheckEvery)
			}
		}
	}()
}

// idleCheckEvery is how often the ticker looks, while it sleeps, for an
// entry focused by a click (its blinking cursor to stop after a while).
const idleCheckEvery = 5 * time.Second

// idleCheck is the sleeping ticker's look at the window.
func (u *UI) idleCheck() {
	u.parkIdleFocus(u.now())
	u.updateTicking()
}

// idleGCPercent is the garbage collector's target while the window runs
// (StartTicker sets it): collect when the heap grew by a quarter, not when
// it doubled (Go's default), so that an app left open all day stays close
// to its live heap (Fyne's fonts, mostly). An idle tick allocates little:
// a collection every few tens of seconds.
const idleGCPercent = 25

// untilNextSecond is the wait from now to just after the next whole second
// of the codes' clock (the real clock plus phase, the sub-second part of the
// person's clock correction): codes roll over on that boundary.
func untilNextSecond(now time.Time, phase time.Duration) time.Duration {
	const slack = 2 * time.Millisecond // land after the boundary, not on it
	at := now.Add(phase)
	return at.Truncate(time.Second).Add(time.Second).Sub(at) + slack
}

// StopTicker ends the ticker goroutine.
func (u *UI) StopTicker() {
	if u.stop != nil {
		close(u.stop)
		u.stop = nil
	}
}

// updateTicking decides, on the UI goroutine, whether the ticker should
// wake the UI each second: while a profile is unlocked (codes, idle lock,
// clipboard clearing), while a screen asked for ticks until a time (the
// lock screen's countdown after wrong passwords), and while an entry has
// the focus (to stop its blink). Otherwise it looks every idleCheckEvery.
// Call it after anything that changes those.
func (u *UI) updateTicking() {
	on := u.sess != nil && u.sess.State() == session.Unlocked
	if !on && u.tickUntil.After(u.now()) {
		on = true
	}
	if _, entry := entryText(u.win.Canvas().Focused()); entry {
		on = true
	}
	u.tickPhase.Store(int64(u.correction() % time.Second))
	if u.ticking.Swap(on) == on || !on || u.resume == nil {
		return
	}
	select {
	case u.resume <- struct{}{}:
	default:
	}
}

// keepTicking makes the ticker run at least until t (a countdown on a
// screen that otherwise needs none).
func (u *UI) keepTicking(t time.Time) {
	u.tickUntil = t
	u.updateTicking()
}

// Tick runs the session's timers (idle lock, clipboard clearing) and
// refreshes the current screen. The ticker calls it on the UI goroutine;
// tests call it with their clock.
func (u *UI) Tick() {
	now := u.now()
	if u.sess != nil {
		u.sess.Tick(now)
	}
	// Minimised: the session's timers (idle lock, clipboard clearing) run,
	// the screen waits until the window comes back.
	if u.hiddenTicks = u.minimised(); u.hiddenTicks {
		u.updateTicking()
		return
	}
	if u.onTick != nil {
		u.onTick(now)
	}
	u.parkIdleFocus(now)
	u.trimMemory(now)
	u.updateTicking()
}

// trimAfter is how long after a screen change its garbage (an unlock's
// decrypted index and key derivation, the old screen's objects and
// textures) is collected and returned to the OS.
const trimAfter = 3 * time.Second

// trimMemory returns the heap's free pages to the OS once a screen has
// settled: the Go runtime otherwise keeps them for minutes, and up to twice
// the live heap before it collects at all.
func (u *UI) trimMemory(now time.Time) {
	if u.trimAt.IsZero() || now.Before(u.trimAt) {
		return
	}
	u.trimAt = time.Time{}
	go debug.FreeOSMemory()
}

// touch records input for the idle timer.
func (u *UI) touch() {
	if u.sess != nil {
		u.sess.Touch(u.now())
	}
}

// openProfile makes v the current profile and builds its session.
func (u *UI) openProfile(name string, v Vault) {
	if u.vault != nil && u.vault != v {
		u.vault.Lock()
	}
	u.profile, u.vault = name, v
	st, err := settings.Load(v.Dir())
	if err != nil {
		st = settings.Defaults()
	}
	st = u.policy().Clamp(st) // nothing looser than the organization allows
	if nw, ok := u.win.(clipboard.Native); ok {
		clipboard.Attach(nw) // the window owns the copies (Windows)
	}
	u.sess = session.New(v, clipboard.System{Clipboard: u.app.Clipboard()}, st)
	u.sess.SetPolicy(u.policy())
	u.sess.OnChange(func(s session.State, r session.Reason) {
		if s == session.Locked {
			u.dropWizard()
			u.dropTransfer()
			u.dropOverlays()
			u.lockNote = lockReason(r)
			u.showLock(u.profile)
			u.updateTray()
		}
	})
	u.applyTheme(st.Theme)
}

// applyTheme sets the theme named name, unless it is already set: setting
// a theme makes Fyne drop its font cache and parse every font again (and
// draw every text again), about 10 MB of garbage at each unlock.
func (u *UI) applyTheme(name string) {
	if u.themeSet && u.themeName == name {
		return
	}
	u.themeSet, u.themeName = true, name
	u.app.Settings().SetTheme(newTheme(name))
}

// lock locks the open profile (if any) for reason r.
func (u *UI) lock(r session.Reason) {
	if u.sess != nil {
		u.sess.Lock(r)
	}
}

// setContent replaces the window's content and the per-second refresher.
func (u *UI) setContent(o fyne.CanvasObject, onTick func(time.Time), focus fyne.Focusable) {
	u.onTick = onTick
	u.dropTarget = nil
	u.onEscape = nil
	if u.codes != nil {
		u.codes.wipe() // the list's decrypted keys go with it
	}
	u.codes = nil
	u.parked, u.focusSeen = nil, focusSeen{}
	// Unfocus first: a focused entry of the old screen would go on
	// blinking its cursor (an animation) after it is gone.
	u.win.Canvas().Unfocus()
	u.win.SetContent(o)
	u.trimAt = u.now().Add(trimAfter)
	// A second layout: wrapped labels know their height only once the
	// first layout gave them a width, and the widgets under them must move.
	o.Refresh()
	if focus != nil {
		u.win.Canvas().Focus(focus)
	}
	u.updateTicking()
}

// notice shows a short message at the bottom of the window for a while.
func (u *UI) notice(msg string) {
	if u.codes != nil {
		u.codes.setNotice(msg)
	}
}
