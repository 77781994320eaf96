//go:build linux || freebsd || netbsd || openbsd || dragonfly

package scan

import (
	"bufio"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// picturesDir is the folder KDE's portal saves a screenshot in: the XDG
// user directory XDG_PICTURES_DIR from user-dirs.dirs, else ~/Pictures (Qt's
// QStandardPaths::PicturesLocation, which xdg-desktop-portal-kde 5.27 uses).
// "" when HOME is unknown.
func picturesDir(getenv func(string) string) string {
	home := getenv("HOME")
	if home == "" {
		return ""
	}
	config := getenv("XDG_CONFIG_HOME")
	if config == "" {
		config = filepath.Join(home, ".config")
	}
	if dir := userDir(filepath.Join(config, "user-dirs.dirs"), "XDG_PICTURES_DIR", home); dir != "" {
		return dir
	}
	return filepath.Join(home, "Pictures")
}

// userDir reads one entry of an xdg-user-dirs file: NAME="$HOME/Folder" or
// NAME="/absolute/folder". Anything else (a missing file, another form)
// is "".
func userDir(file, name, home string) string {
	f, err := os.Open(file)
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		value, ok := strings.CutPrefix(line, name+"=")
		if !ok {
			continue
		}
		value = strings.Trim(value, `"`)
		switch {
		case value == "$HOME" || value == "$HOME/":
			return "" // "disabled" in xdg-user-dirs' terms: Qt falls back
		case strings.HasPrefix(value, "$HOME/"):
			return filepath.Join(home, strings.TrimPrefix(value, "$HOME/"))
		case filepath.IsAbs(value):
			return filepath.Clean(value)
		}
		return ""
	}
	return ""
}

// ensureFolder makes dir (and only dir: its parent must exist) when it is
// missing, for a portal that saves its capture there without making it
// (xdg-desktop-portal-kde 5.27 answers "cancelled" when ~/Pictures does not
// exist). The returned func removes dir again if it was made here and is
// still empty, so a scan leaves no trace; it does nothing otherwise.
func ensureFolder(dir string) func() {
	if dir == "" {
		return func() {}
	}
	if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
		return func() {}
	}
	// 0700: the portal writes the screenshot (the QR code, i.e. the key)
	// here until it is read and deleted.
	if err := os.Mkdir(dir, 0o700); err != nil {
		return func() {}
	}
	return func() { _ = os.Remove(dir) } // fails, harmlessly, when not empty
}
