package screens

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"authdesk/app/vault"
	"authdesk/app/vault/seal"
	"authdesk/app/vault/store"
)

// testClock is a clock the test moves by hand.
type testClock struct{ t time.Time }

func (c *testClock) now() time.Time          { return c.t }
func (c *testClock) advance(d time.Duration) { c.t = c.t.Add(d) }

// harness is a UI in a test window over a real vault (memory store, cheap
// KDF) and a fake scanner.
type harness struct {
	t     *testing.T
	app   fyne.App
	win   fyne.Window
	ui    *UI
	clock *testClock
	scan  *fakeScanner
	home  string
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	w.Resize(fyne.NewSize(560, 640))
	h := &harness{t: t, app: a, win: w, clock: &testClock{t: time.Date(2026, 11, 22, 14, 0, 5, 0, time.UTC)},
		scan: &fakeScanner{}, home: t.TempDir()}
	profiles := VaultProfiles{Home: h.home, Options: vault.Options{KDF: seal.Cheap, Backend: store.NewMemory()}}
	h.ui = NewUI(a, w, Deps{Profiles: profiles, Scanner: h.scan, Now: h.clock.now})
	h.ui.sync = true
	h.ui.Start()
	return h
}

// walk visits every object under o, widgets through their renderers.
func walk(o fyne.CanvasObject, visit func(fyne.CanvasObject) bool) bool {
	if o == nil {
		return false
	}
	if visit(o) {
		return true
	}
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			if walk(c, visit) {
				return true
			}
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			if walk(c, visit) {
				return true
			}
		}
	}
	return false
}

// roots are the window content and the overlays (dialogs, pop-ups), top
// first.
func (h *harness) roots() []fyne.CanvasObject {
	var out []fyne.CanvasObject
	ov := h.win.Canvas().Overlays().List()
	for i := len(ov) - 1; i >= 0; i-- {
		out = append(out, ov[i])
	}
	return append(out, h.win.Content())
}

func (h *harness) button(label string) *widget.Button {
	h.t.Helper()
	var found *widget.Button
	for _, r := range h.roots() {
		if walk(r, func(o fyne.CanvasObject) bool {
			b, ok := o.(*widget.Button)
			if ok && b.Text == label && b.Visible() {
				found = b
			}
			return found != nil
		}) {
			return found
		}
	}
	h.t.Fatalf("no button %q on screen; screen says: %s", label, h.text())
	return nil
}

func (h *harness) tap(label string) { h.t.Helper(); test.Tap(h.button(label)) }

// entry finds an entry by its placeholder.
func (h *harness) entry(placeholder string) *widget.Entry {
	h.t.Helper()
	var found *widget.Entry
	for _, r := range h.roots() {
		if walk(r, func(o fyne.CanvasObject) bool {
			if e, ok := o.(*widget.Entry); ok && e.PlaceHolder == placeholder {
				found = e
			}
			if e, ok := o.(*appEntry); ok && e.PlaceHolder == placeholder {
				found = &e.Entry
			}
			return found != nil
		}) {
			return found
		}
	}
	h.t.Fatalf("no entry %q on screen; screen says: %s", placeholder, h.text())
	return nil
}

// text is all the visible text of the screen, for assertions.
func (h *harness) text() string {
	var b strings.Builder
	for _, r := range h.roots() {
		walk(r, func(o fyne.CanvasObject) bool {
			if !o.Visible() {
				return false
			}
			switch x := o.(type) {
			case *widget.Label:
				b.WriteString(x.Text + "\n")
			case *widget.Button:
				b.WriteString("[" + x.Text + "]\n")
			case *glyphText: // what its pieces show, side by side
				for _, c := range test.WidgetRenderer(x).Objects() {
					b.WriteString(c.(*canvas.Text).Text)
				}
				b.WriteString("\n")
			}
			if t, ok := o.(*canvas.Text); ok {
				b.WriteString(t.Text + "\n")
			}
			return false
		})
	}
	return b.String()
}

func (h *harness) has(s string) bool { return strings.Contains(h.text(), s) }

func (h *harness) wantText(s string) {
	h.t.Helper()
	if !h.has(s) {
		h.t.Fatalf("screen does not say %q; it says:\n%s", s, h.text())
	}
}

// createProfile goes through the first-run screen.
func (h *harness) createProfile(name, pw string) {
	h.t.Helper()
	h.wantText("Welcome to authdesk")
	test.Type(h.entry("your name, e.g. alice (or leave empty)"), name)
	test.Type(h.entry("at least 8 characters"), pw)
	test.Type(h.entry("the same again"), pw)
	h.tap("Create profile")
	if h.ui.codes == nil {
		h.t.Fatalf("not on the code list after creating the profile: %s", h.text())
	}
}

// rows are the visible rows of the code list, top first.
func (h *harness) rows() []*codeRow {
	h.t.Helper()
	var out []*codeRow
	walk(h.win.Content(), func(o fyne.CanvasObject) bool {
		if r, ok := o.(*codeRow); ok && r.Visible() && r.name.Text != "" {
			out = append(out, r)
		}
		return false
	})
	return out
}

// names are the names in the list's visible rows, in order.
func (h *harness) names() []string {
	var out []string
	for _, r := range h.rows() {
		out = append(out, r.name.Text)
	}
	return out
}

type widgetEntry = widget.Entry

func (h *harness) checkbox(label string) *widget.Check {
	h.t.Helper()
	var found *widget.Check
	for _, r := range h.roots() {
		walk(r, func(o fyne.CanvasObject) bool {
			if c, ok := o.(*widget.Check); ok && c.Text == label {
				found = c
			}
			return found != nil
		})
		if found != nil {
			return found
		}
	}
	h.t.Fatalf("no check box %q", label)
	return nil
}

// key types a key on the window canvas (nothing focused).
func (h *harness) key(k fyne.KeyName) {
	c := h.win.Canvas().(test.WindowlessCanvas)
	if f := c.OnTypedKey(); f != nil {
		f(&fyne.KeyEvent{Name: k})
	}
}

// shortcut sends Ctrl+key to the window.
func (h *harness) shortcut(k fyne.KeyName) {
	h.win.Canvas().(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault})
}

// checkGroupSelect ticks one option of the visible check group.
func (h *harness) checkGroupSelect(label string) {
	h.t.Helper()
	var found *widget.CheckGroup
	walk(h.win.Content(), func(o fyne.CanvasObject) bool {
		if g, ok := o.(*widget.CheckGroup); ok {
			found = g
		}
		return found != nil
	})
	if found == nil {
		h.t.Fatal("no check group on screen")
	}
	found.SetSelected(append(append([]string(nil), found.Selected...), label))
}

// selectTab opens the tab with this title.
func (h *harness) selectTab(title string) {
	h.t.Helper()
	done := false
	walk(h.win.Content(), func(o fyne.CanvasObject) bool {
		if tabs, ok := o.(*container.AppTabs); ok {
			for i, it := range tabs.Items {
				if it.Text == title {
					tabs.SelectIndex(i)
					done = true
				}
			}
		}
		return done
	})
	if !done {
		h.t.Fatalf("no tab %q", title)
	}
}

// labelWithText returns a fresh label (a status line for the code under
// test).
func (h *harness) labelWithText(s string) *widget.Label { return widget.NewLabel(s) }

// entryNames are the names of the accounts, in the vault's order.
func (c *codesScreen) entryNames() []string {
	out := make([]string, len(c.entries))
	for i, e := range c.entries {
		out[i] = e.Name
	}
	return out
}
