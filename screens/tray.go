package screens

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"authdesk/app/session"
	"authdesk/assets"
)

// trayMenu is the system tray's menu: while unlocked, a copy action for
// each pinned account, then Lock; always Show. Nothing in it shows a code,
// and nothing copies one while locked.
func (u *UI) trayMenu() *fyne.Menu {
	var items []*fyne.MenuItem
	if u.vault != nil && !u.vault.Locked() {
		entries, err := u.vault.Entries()
		if err == nil {
			for i := range entries {
				e := entries[i]
				if e.Pinned && e.Err == nil {
					id := e.ID
					items = append(items, fyne.NewMenuItem(fmt.Sprintf(tr("Copy the code of %s"), e.Name), func() { u.copyFromTray(id) }))
				}
				entries[i].Account.Wipe()
			}
		}
		if len(items) > 0 {
			items = append(items, fyne.NewMenuItemSeparator())
		}
		items = append(items, fyne.NewMenuItem(tr("Lock"), func() { u.lock(session.ByHand) }))
	}
	items = append(items, fyne.NewMenuItem(tr("Show authdesk"), func() {
		u.win.Show()
		u.win.RequestFocus()
	}))
	return fyne.NewMenu("authdesk", items...)
}

// copyFromTray copies the current code of an account, if still unlocked.
func (u *UI) copyFromTray(id string) {
	if u.vault == nil || u.vault.Locked() {
		return
	}
	entries, err := u.vault.Entries()
	if err != nil {
		return
	}
	for i := range entries {
		if entries[i].ID == id && entries[i].Err == nil {
			if code, err := entries[i].Account.Code(u.codeNow()); err == nil {
				u.sess.Copy(code, u.now())
			}
		}
		entries[i].Account.Wipe()
	}
}

// updateTray refreshes the tray menu where the desktop has a tray.
func (u *UI) updateTray() {
	if u.deps.HasTray == nil || !u.deps.HasTray() {
		return
	}
	if d, ok := u.app.(desktop.App); ok {
		d.SetSystemTrayMenu(u.trayMenu())
		d.SetSystemTrayIcon(assets.TrayIcon)
	}
}
