package screens

import (
	"os"
	"path/filepath"
	"runtime"

	"authdesk/app/vault"
)

// windowTitle is the window's title: it says when authdesk is portable.
func windowTitle(portable bool) string {
	if portable {
		return tr("authdesk (portable)")
	}
	return "authdesk"
}

// keepHostUntouched, in portable mode, points the folders where the
// toolkit and the graphics driver keep their own files (Fyne's
// preferences, the font and shader caches) into the authdesk-data folder,
// before any of them is opened: a portable authdesk writes nothing under
// the host's home or AppData. Elsewhere it does nothing.
func keepHostUntouched(data string) {
	if data == "" {
		return
	}
	host := filepath.Join(data, "host")
	set := func(name, sub string) {
		p := filepath.Join(host, sub)
		if os.MkdirAll(p, 0o700) == nil {
			_ = os.Setenv(name, p) // a folder of the stick: no secret
		}
	}
	if runtime.GOOS == "windows" {
		set("APPDATA", filepath.Join("AppData", "Roaming"))
		set("LOCALAPPDATA", filepath.Join("AppData", "Local"))
		return
	}
	set("XDG_CONFIG_HOME", "config")
	set("XDG_CACHE_HOME", "cache")
	set("XDG_DATA_HOME", "data")
}

// portableData is the authdesk-data folder when authdesk is portable.
func portableData() string { return vault.PortableHome() }
