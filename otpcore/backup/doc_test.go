package backup

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"authdesk/otpcore"
)

// docs/backup-format.md shows exactly what the code writes: the header's
// fields and the KDF parameters of a backup made now, the contents of its
// example account, and the bounds a reader applies.
func TestFormatDocMatchesCode(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "docs", "backup-format.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(raw)
	blocks := regexp.MustCompile("(?s)```json\n(.*?)```").FindAllStringSubmatch(doc, -1)
	if len(blocks) != 2 {
		t.Fatalf("docs/backup-format.md has %d json blocks, want 2 (the header and the contents)", len(blocks))
	}

	// The header: the same fields as a real backup, the KDF at Default.
	var shown map[string]any
	if err := json.Unmarshal([]byte(blocks[0][1]), &shown); err != nil {
		t.Fatalf("the header example is not JSON: %v", err)
	}
	var written map[string]any
	if err := json.Unmarshal(seal(t), &written); err != nil {
		t.Fatal(err)
	}
	if got, want := shape(shown), shape(written); got != want {
		t.Errorf("the header example has the fields\n%s\nthe code writes\n%s", got, want)
	}
	kdf := shown["kdf"].(map[string]any)
	if kdf["alg"] != KDFName || kdf["time"] != float64(Default.Time) ||
		kdf["memory_kib"] != float64(Default.MemoryKiB) || kdf["threads"] != float64(Default.Threads) {
		t.Errorf("the header example shows kdf %v; authdesk writes %s time %d, memory_kib %d, threads %d",
			kdf, KDFName, Default.Time, Default.MemoryKiB, Default.Threads)
	}
	if c := shown["cipher"].(map[string]any); c["alg"] != CipherName || shown["format"] != FormatName || shown["version"] != float64(Version) {
		t.Errorf("the header example's format, version or cipher differ from the code's")
	}

	// The contents: encoding the example's account gives the example.
	var example struct {
		Created  string `json:"created"`
		Accounts []struct {
			Name   string `json:"name"`
			Pinned bool   `json:"pinned"`
			URI    string `json:"uri"`
		} `json:"accounts"`
	}
	if err := json.Unmarshal([]byte(blocks[1][1]), &example); err != nil || len(example.Accounts) != 1 {
		t.Fatalf("the contents example is not JSON with one account: %v", err)
	}
	ex := example.Accounts[0]
	acc, err := otpcore.ParseURI(ex.URI)
	if err != nil {
		t.Fatal(err)
	}
	enc, err := encodeContents([]Entry{{Name: ex.Name, Pinned: ex.Pinned, Account: acc}}, created)
	if err != nil {
		t.Fatal(err)
	}
	var got, want any
	_ = json.Unmarshal(enc, &got)
	_ = json.Unmarshal([]byte(blocks[1][1]), &want)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("the contents example differs from what the code writes for its account:\nshown %v\ncode  %v", want, got)
	}

	// The bounds a reader applies.
	for _, s := range []string{
		fmt.Sprintf("%d passes", maxTime),
		fmt.Sprintf("%d MiB", maxMemory>>10),
		fmt.Sprintf("%d GiB-passes", maxWork>>20),
		fmt.Sprintf("%d passes, %d MiB, %d lanes", Default.Time, Default.MemoryKiB>>10, Default.Threads),
	} {
		if !strings.Contains(doc, s) {
			t.Errorf("docs/backup-format.md does not say %q", s)
		}
	}
}

// shape lists the JSON object's field paths, sorted, one a line.
func shape(v any) string {
	var paths []string
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		m, ok := v.(map[string]any)
		if !ok {
			paths = append(paths, prefix)
			return
		}
		for k, x := range m {
			walk(prefix+"."+k, x)
		}
	}
	walk("", v)
	slices.Sort(paths)
	return strings.Join(paths, "\n")
}
