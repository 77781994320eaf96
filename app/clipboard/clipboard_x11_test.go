//go:build linux

package clipboard

import (
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"
)

// xclipOut reads the CLIPBOARD selection as TARGET with xclip, a real
// requestor like Klipper.
func xclipOut(t *testing.T, target string) string {
	t.Helper()
	args := []string{"-o", "-selection", "clipboard"}
	if target != "" {
		args = append(args, "-t", target)
	}
	out, err := exec.Command("xclip", args...).Output()
	if err != nil {
		t.Fatalf("xclip %v: %v", args, err)
	}
	return string(out)
}

// On a real X server (make test's Xvfb) a copied code is on the app's
// clipboard and on the CLIPBOARD selection with KDE's password-manager
// hint; the next copy takes the selection over and the first owner ends.
func TestSetSecretOffersKDEHint(t *testing.T) {
	if os.Getenv("DISPLAY") == "" {
		t.Skip("no X display; make test runs this on Xvfb")
	}
	if _, err := exec.LookPath("xclip"); err != nil {
		t.Skip("xclip is missing (scripts/deps.sh test installs it)")
	}
	r := &recorder{}
	System{r}.SetSecret("287082")
	if len(r.got) != 1 || r.got[0] != "287082" {
		t.Fatalf("the app's clipboard got %q", r.got)
	}
	ownerMu.Lock()
	first := owner
	ownerMu.Unlock()
	if first == nil {
		t.Fatal("no owner of the X selection")
	}
	targets := strings.Fields(xclipOut(t, "TARGETS"))
	for _, want := range []string{kdeHint, "UTF8_STRING"} {
		if !slices.Contains(targets, want) {
			t.Fatalf("targets %v lack %s", targets, want)
		}
	}
	if got := xclipOut(t, kdeHint); got != "secret" {
		t.Fatalf("%s = %q", kdeHint, got)
	}
	if got := xclipOut(t, ""); got != "287082" {
		t.Fatalf("the selection holds %q", got)
	}

	System{r}.SetSecret("081804")
	select {
	case <-first.served:
	case <-time.After(5 * time.Second):
		t.Fatal("the first owner still serves after the second copy")
	}
	for _, b := range first.data {
		if b != 0 {
			t.Fatal("the first owner's text was not wiped")
		}
	}
	if got := xclipOut(t, ""); got != "081804" {
		t.Fatalf("after the second copy the selection holds %q", got)
	}
	ownerMu.Lock()
	last := owner
	ownerMu.Unlock()
	last.c.Close() // the test's end: the server drops the selection
	<-last.served
}
