//go:build linux || freebsd || netbsd || openbsd || dragonfly

package scan

import (
	"os"
	"path/filepath"
	"testing"
)

func TestPicturesDir(t *testing.T) {
	home := t.TempDir()
	cases := []struct {
		name     string
		userDirs string // "" for no user-dirs.dirs
		config   string // XDG_CONFIG_HOME, "" for ~/.config
		want     string
	}{
		{"no user-dirs file", "", "", filepath.Join(home, "Pictures")},
		{"xdg-user-dirs' own form", "# comment\nXDG_DESKTOP_DIR=\"$HOME/Desktop\"\nXDG_PICTURES_DIR=\"$HOME/Bilder\"\n", "", filepath.Join(home, "Bilder")},
		{"an absolute path", "XDG_PICTURES_DIR=\"/srv/pics\"\n", "", "/srv/pics"},
		{"disabled ($HOME)", "XDG_PICTURES_DIR=\"$HOME/\"\n", "", filepath.Join(home, "Pictures")},
		{"another form", "XDG_PICTURES_DIR=\"${HOME}/x\"\n", "", filepath.Join(home, "Pictures")},
		{"XDG_CONFIG_HOME", "XDG_PICTURES_DIR=\"$HOME/Images\"\n", filepath.Join(home, "cfg"), filepath.Join(home, "Images")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			config := tc.config
			if config == "" {
				config = filepath.Join(home, ".config")
			}
			file := filepath.Join(config, "user-dirs.dirs")
			_ = os.Remove(file)
			if tc.userDirs != "" {
				if err := os.MkdirAll(config, 0o700); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(file, []byte(tc.userDirs), 0o600); err != nil {
					t.Fatal(err)
				}
				defer os.Remove(file)
			}
			got := picturesDir(env(map[string]string{"HOME": home, "XDG_CONFIG_HOME": tc.config}))
			if got != tc.want {
				t.Errorf("picturesDir = %q, want %q", got, tc.want)
			}
		})
	}
	if got := picturesDir(env(map[string]string{})); got != "" {
		t.Errorf("no HOME: %q", got)
	}
}

// A missing folder is made for the portal and removed after, when empty;
// a folder that was there, or that the user filled meanwhile, stays.
func TestEnsureFolder(t *testing.T) {
	home := t.TempDir()
	dir := filepath.Join(home, "Pictures")

	done := ensureFolder(dir)
	st, err := os.Stat(dir)
	if err != nil || !st.IsDir() || st.Mode().Perm() != 0o700 {
		t.Fatalf("folder not made 0700: %v %v", st, err)
	}
	done()
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatalf("the folder made for the scan is left: %v", err)
	}

	done = ensureFolder(dir)
	keep := filepath.Join(dir, "holiday.png")
	if err := os.WriteFile(keep, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	done()
	if _, err := os.Stat(keep); err != nil {
		t.Fatalf("a file saved meanwhile is gone: %v", err)
	}

	done = ensureFolder(dir) // there already: untouched
	done()
	if _, err := os.Stat(keep); err != nil {
		t.Fatalf("an existing folder was touched: %v", err)
	}

	ensureFolder(filepath.Join(home, "no", "such", "parent"))()
	if _, err := os.Stat(filepath.Join(home, "no")); !os.IsNotExist(err) {
		t.Fatal("parents were made")
	}
}
