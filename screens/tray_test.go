package screens

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
)

func menuLabels(m *fyne.Menu) []string {
	var out []string
	for _, it := range m.Items {
		if !it.IsSeparator {
			out = append(out, it.Label)
		}
	}
	return out
}

func TestTrayMenu(t *testing.T) {
	h := newHarness(t)
	h.setup("VPN", "Mail")
	c := h.ui.codes
	c.setPinned(c.entries[1], true) // Mail
	got := strings.Join(menuLabels(h.ui.trayMenu()), "|")
	if got != "Copy the code of Mail|Lock|Show authdesk" {
		t.Fatalf("unlocked tray menu %q", got)
	}
	for _, it := range h.ui.trayMenu().Items {
		if strings.ContainsAny(it.Label, "0123456789") {
			t.Fatalf("a tray item shows digits: %q", it.Label)
		}
	}
	h.ui.trayMenu().Items[0].Action()
	if clip := h.app.Clipboard().Content(); clip != strings.ReplaceAll(wantCode(t, testKey, h.clock.t), " ", "") {
		t.Fatalf("tray copy put %q on the clipboard", clip)
	}
	h.shortcut(fyne.KeyL)
	if h.app.Clipboard().Content() != "" {
		t.Fatal("locking left the tray's code on the clipboard")
	}
	if got := strings.Join(menuLabels(h.ui.trayMenu()), "|"); got != "Show authdesk" {
		t.Fatalf("locked tray menu %q", got)
	}
}
