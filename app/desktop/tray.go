package desktop

import "github.com/godbus/dbus/v5"

// trayWatchers are the bus names of the StatusNotifier hosts that show
// tray icons on Linux desktops.
var trayWatchers = []string{"org.kde.StatusNotifierWatcher", "org.freedesktop.StatusNotifierWatcher"}

// HasTray reports whether the desktop session shows tray icons: a
// StatusNotifierWatcher owns its name on the session bus. Without one, the
// app sets no tray menu (Fyne's tray would fail to register, and its
// shutdown then panics).
func HasTray() bool {
	conn, err := dbus.ConnectSessionBus()
	if err != nil {
		return false
	}
	defer conn.Close()
	for _, name := range trayWatchers {
		var has bool
		if err := conn.BusObject().Call("org.freedesktop.DBus.NameHasOwner", 0, name).Store(&has); err == nil && has {
			return true
		}
	}
	return false
}
