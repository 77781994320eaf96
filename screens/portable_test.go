package screens

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestWindowTitle(t *testing.T) {
	if got := windowTitle(true); got != "authdesk (portable)" {
		t.Errorf("portable title %q", got)
	}
	if got := windowTitle(false); got != "authdesk" {
		t.Errorf("installed title %q", got)
	}
}

func TestKeepHostUntouched(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the Windows folders are checked under Wine")
	}
	for _, k := range []string{"XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"} {
		t.Setenv(k, "/host/"+k)
	}
	keepHostUntouched("") // installed: nothing changes
	if os.Getenv("XDG_CONFIG_HOME") != "/host/XDG_CONFIG_HOME" {
		t.Fatal("an installed authdesk moved the config folder")
	}
	data := t.TempDir()
	keepHostUntouched(data)
	cfg, err := os.UserConfigDir()
	if err != nil || cfg != filepath.Join(data, "host", "config") {
		t.Errorf("config folder %q (%v), want it in authdesk-data", cfg, err)
	}
	cache, err := os.UserCacheDir()
	if err != nil || cache != filepath.Join(data, "host", "cache") {
		t.Errorf("cache folder %q (%v), want it in authdesk-data", cache, err)
	}
	if fi, err := os.Stat(cache); err != nil || !fi.IsDir() {
		t.Errorf("the cache folder was not made: %v", err)
	}
}
