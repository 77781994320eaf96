//go:build windows

package clipboard

import (
	"encoding/binary"
	"fmt"
	"os"
	"testing"
	"time"
	"unicode/utf16"
	"unsafe"
)

var (
	procEnumClipboardFormats   = user32.NewProc("EnumClipboardFormats")
	procGetClipboardFormatName = user32.NewProc("GetClipboardFormatNameW")
	procGetClipboardData       = user32.NewProc("GetClipboardData")
	procGlobalSize             = kernel32.NewProc("GlobalSize")
)

// readClipboard returns every format on the clipboard, by name (the
// predefined ones as "#N"), with its bytes.
func readClipboard(t *testing.T) map[string][]byte {
	t.Helper()
	if err := open(); err != nil {
		t.Fatal(err)
	}
	defer procCloseClipboard.Call()
	got := map[string][]byte{}
	var f uintptr
	for {
		f, _, _ = procEnumClipboardFormats.Call(f)
		if f == 0 {
			break
		}
		name := make([]uint16, 256)
		n, _, _ := procGetClipboardFormatName.Call(f, uintptr(unsafe.Pointer(&name[0])), uintptr(len(name)))
		key := string(utf16.Decode(name[:n]))
		if n == 0 {
			key = fmt.Sprintf("#%d", f)
		}
		h, _, _ := procGetClipboardData.Call(f)
		if h == 0 {
			got[key] = nil
			continue
		}
		size, _, _ := procGlobalSize.Call(h)
		p, _, _ := procGlobalLock.Call(h)
		if p == 0 {
			got[key] = nil
			continue
		}
		got[key] = append([]byte(nil), unsafe.Slice((*byte)(ptr(p)), size)...)
		procGlobalUnlock.Call(h)
	}
	return got
}

// A copied code carries the three hints, each a DWORD 0, beside the text,
// in the clipboard of the real system (Wine here).
func TestSetSecretSetsHistoryHints(t *testing.T) {
	r := &recorder{}
	System{r}.SetSecret("287082")
	if len(r.got) != 0 {
		t.Fatalf("the hinted copy failed and fell back: %q", r.got)
	}
	// Wine syncs its clipboard with the X selection in the background: a
	// format can read empty for a moment (seen once in CI, 4 December),
	// so the hints get up to a second to read whole.
	got := readClipboard(t)
	for try := 0; try < 10 && !hintsWhole(got); try++ {
		time.Sleep(100 * time.Millisecond)
		got = readClipboard(t)
	}
	for _, name := range []string{formatExcludeMonitor, formatHistory, formatCloud} {
		b, ok := got[name]
		if !ok {
			t.Fatalf("no %s format on the clipboard; formats: %v", name, keys(got))
		}
		if len(b) < 4 || binary.LittleEndian.Uint32(b) != 0 {
			t.Fatalf("%s holds %v, want a DWORD 0", name, b)
		}
	}
	text, ok := got["#13"] // CF_UNICODETEXT
	if !ok {
		t.Fatalf("no CF_UNICODETEXT; formats: %v", keys(got))
	}
	u := unsafe.Slice((*uint16)(unsafe.Pointer(&text[0])), len(text)/2)
	for i, c := range u {
		if c == 0 {
			u = u[:i]
			break
		}
	}
	if s := string(utf16.Decode(u)); s != "287082" {
		t.Fatalf("CF_UNICODETEXT %q", s)
	}

	// A second copy replaces everything (one transaction, emptied first).
	System{r}.SetSecret("081804")
	got = readClipboard(t)
	if _, ok := got[formatHistory]; !ok {
		t.Fatalf("the second copy lost the history hint: %v", keys(got))
	}
}

func keys(m map[string][]byte) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

// expectHintsEnv, set by scripts/itest-windows.sh right after the running
// app copied a code, makes TestAppCopyHasHints check that copy.
const expectHintsEnv = "AUTHDESK_TEST_EXPECT_HINTS"

func TestAppCopyHasHints(t *testing.T) {
	if os.Getenv(expectHintsEnv) == "" {
		t.Skip("scripts/itest-windows.sh runs this after the app copied a code")
	}
	// Wine syncs its clipboard with the X selection in the background: a
	// format can read empty for a moment (seen once in CI, 4 December),
	// so the hints get up to a second to read whole.
	got := readClipboard(t)
	for try := 0; try < 10 && !hintsWhole(got); try++ {
		time.Sleep(100 * time.Millisecond)
		got = readClipboard(t)
	}
	for _, name := range []string{formatExcludeMonitor, formatHistory, formatCloud} {
		if _, ok := got[name]; !ok {
			t.Fatalf("the app's copy has no %s; formats: %v", name, keys(got))
		}
	}
	if _, ok := got["#13"]; !ok {
		t.Fatalf("the app's copy has no text; formats: %v", keys(got))
	}
}

// hintsWhole reports whether the three hints read as 4 bytes each.
func hintsWhole(got map[string][]byte) bool {
	for _, name := range []string{formatExcludeMonitor, formatHistory, formatCloud} {
		if len(got[name]) < 4 {
			return false
		}
	}
	return true
}
