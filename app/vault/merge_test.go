package vault

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"authdesk/app/vault/seal"
)

func at(min int) time.Time { return t0.Add(time.Duration(min) * time.Minute) }

func TestMergeIndex(t *testing.T) {
	e := func(id, name string, changed int, counter uint64) indexEntry {
		return indexEntry{ID: id, Name: name, Changed: at(changed), Counter: counter}
	}
	tests := []struct {
		name         string
		ours, theirs index
		want         []string // names in order
		counters     map[string]uint64
		rep          mergeReport
	}{
		{
			name:   "added on both sides",
			ours:   index{Entries: []indexEntry{e("a", "Bank", 0, 0), e("b", "VPN", 1, 0)}},
			theirs: index{Entries: []indexEntry{e("a", "Bank", 0, 0), e("c", "Mail", 2, 0)}},
			want:   []string{"Bank", "VPN", "Mail"},
			rep:    mergeReport{Added: 1},
		},
		{
			name:   "deleted there, renamed here: stays deleted",
			ours:   index{Entries: []indexEntry{e("a", "Bank 2", 5, 0), e("b", "VPN", 1, 0)}},
			theirs: index{Entries: []indexEntry{e("b", "VPN", 1, 0)}, Deleted: []tombstone{{"a", at(3)}}},
			want:   []string{"VPN"},
			rep:    mergeReport{Removed: 1},
		},
		{
			name:   "the later rename wins, either side",
			ours:   index{Entries: []indexEntry{e("a", "Bank here", 2, 0), e("b", "VPN", 1, 0)}},
			theirs: index{Entries: []indexEntry{e("a", "Bank there", 4, 0), e("b", "VPN old", 0, 0)}},
			want:   []string{"Bank there", "VPN"},
			rep:    mergeReport{Renamed: 1},
		},
		{
			name:     "HOTP counters by the larger",
			ours:     index{Entries: []indexEntry{e("a", "Token", 0, 7)}},
			theirs:   index{Entries: []indexEntry{e("a", "Token", 0, 12)}},
			want:     []string{"Token"},
			counters: map[string]uint64{"Token": 12},
		},
		{
			name:   "the later reorder gives the order",
			ours:   index{Entries: []indexEntry{e("a", "A", 0, 0), e("b", "B", 0, 0), e("c", "C", 0, 0)}, OrderChanged: at(1)},
			theirs: index{Entries: []indexEntry{e("c", "C", 0, 0), e("a", "A", 0, 0), e("b", "B", 0, 0)}, OrderChanged: at(2)},
			want:   []string{"C", "A", "B"},
		},
		{
			name:   "one name added on both: the later renamed",
			ours:   index{Entries: []indexEntry{e("a", "Bank", 1, 0)}},
			theirs: index{Entries: []indexEntry{e("b", "bank", 2, 0)}},
			want:   []string{"Bank", "bank (2)"},
			rep:    mergeReport{Added: 1, Renamed: 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, rep := mergeIndex(&tt.ours, &tt.theirs)
			var names []string
			for _, x := range got.Entries {
				names = append(names, x.Name)
				if c, ok := tt.counters[x.Name]; ok && x.Counter != c {
					t.Errorf("%s: counter %d, want %d", x.Name, x.Counter, c)
				}
			}
			if !slices.Equal(names, tt.want) || rep != tt.rep {
				t.Fatalf("merged %q (%+v), want %q (%+v)", names, rep, tt.want, tt.rep)
			}
			// Merging is symmetric in what survives.
			back, _ := mergeIndex(&tt.theirs, &tt.ours)
			if len(back.Entries) != len(got.Entries) {
				t.Fatalf("the other way round keeps %d accounts, not %d", len(back.Entries), len(got.Entries))
			}
		})
	}
}

func TestConflictCopyNames(t *testing.T) {
	for name, want := range map[string]bool{
		"vault.sync-conflict-20261203-101010-ABCDEFG.json": true, // Syncthing
		"vault (conflicted copy 2026-12-03 101010).json":   true, // Nextcloud
		"vault (alice's conflicted copy 2026-12-03).json":  true, // Dropbox
		"vault-DESKTOP-7Q2.json":                           true, // OneDrive
		"vault.json":                                       false,
		"vault.json.tmp-123":                               false,
		"unlock.json":                                      false,
		"settings.json":                                    false,
	} {
		if got := conflictCopy(name); got != want {
			t.Errorf("conflictCopy(%q) = %v, want %v", name, got, want)
		}
	}
}

// copyDir copies a profile folder, as a sync tool would bring it to
// another PC.
func copyDir(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.Walk(from, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if fi.IsDir() {
			return os.MkdirAll(dst, 0o700)
		}
		if fi.Name() == lockFile {
			return nil
		}
		in, err := os.Open(p)
		if err != nil {
			return err
		}
		defer in.Close()
		out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
		if err != nil {
			return err
		}
		defer out.Close()
		_, err = io.Copy(out, in)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Two PCs with a synced copy of one profile change it at the same time;
// the sync tool keeps one vault.json and renames the other. Each unlock
// merges: nothing added is lost, the delete and the rename hold.
func TestTwoPCsMergeThroughConflictCopies(t *testing.T) {
	optsFor := func(home string, clock *time.Time) Options {
		return Options{Home: home, Profile: "shared", Store: StoreFile, KDF: seal.Cheap, Now: func() time.Time { return *clock }}
	}
	clockA, clockB := at(0), at(0)
	homeA, homeB := t.TempDir(), t.TempDir()
	a, err := Open(optsFor(homeA, &clockA))
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Init(pw, t0); err != nil {
		t.Fatal(err)
	}
	bank := mustAdd(t, a, "Bank", totp("bank"))
	old := mustAdd(t, a, "Old", totp("old"))
	a.Lock()
	copyDir(t, ProfileDir(homeA, "shared"), ProfileDir(homeB, "shared"))

	// The same minutes on both PCs, no sync in between.
	clockA, clockB = at(1), at(2)
	a = reopen(t, optsFor(homeA, &clockA))
	if err := a.Unlock(pw, at(1)); err != nil {
		t.Fatal(err)
	}
	mustAdd(t, a, "VPN", totp("vpn"))
	if err := a.Rename(bank.ID, "My bank"); err != nil {
		t.Fatal(err)
	}
	a.Lock()
	b := reopen(t, optsFor(homeB, &clockB))
	if err := b.Unlock(pw, at(2)); err != nil {
		t.Fatal(err)
	}
	mustAdd(t, b, "Mail", totp("mail"))
	if err := b.Delete(old.ID); err != nil {
		t.Fatal(err)
	}
	b.Lock()

	// Syncthing brings B's changes to A: B's new items, and B's vault.json
	// as a conflict copy (A's was changed too).
	dirA, dirB := ProfileDir(homeA, "shared"), ProfileDir(homeB, "shared")
	items, _ := os.ReadDir(itemsDirOf(dirB))
	for _, it := range items {
		if _, err := os.Stat(filepath.Join(itemsDirOf(dirA), it.Name())); err != nil {
			raw, _ := os.ReadFile(filepath.Join(itemsDirOf(dirB), it.Name()))
			os.WriteFile(filepath.Join(itemsDirOf(dirA), it.Name()), raw, 0o600)
		}
	}
	raw, _ := os.ReadFile(filepath.Join(dirB, headerFile))
	conflict := filepath.Join(dirA, "vault.sync-conflict-20261203-101010-BBBBBBB.json")
	os.WriteFile(conflict, raw, 0o600)

	a = reopen(t, optsFor(homeA, &clockA))
	if err := a.Unlock(pw, at(3)); err != nil {
		t.Fatalf("unlock with a conflict copy: %v", err)
	}
	want := []string{"My bank", "VPN", "Mail"}
	if got := names(t, a); !slices.Equal(got, want) {
		t.Fatalf("after the merge A shows %q, want %q", got, want)
	}
	es, _ := a.Entries()
	for _, e := range es {
		if e.Err != nil {
			t.Fatalf("%s: %v", e.Name, e.Err)
		}
	}
	if note := a.MergeNote(); !strings.Contains(note, "1 account added, 1 removed") {
		t.Fatalf("the person is told %q", note)
	}
	if _, err := os.Stat(conflict); err == nil {
		t.Fatal("the conflict copy was left after the merge")
	}
	a.Lock()

	// And back to B: A's merged vault.json wins (B made no change since).
	copyDir(t, dirA, dirB)
	b = reopen(t, optsFor(homeB, &clockB))
	if err := b.Unlock(pw, at(4)); err != nil {
		t.Fatalf("B after the sync: %v", err)
	}
	if got := names(t, b); !slices.Equal(got, want) {
		t.Fatalf("B shows %q, want %q", got, want)
	}
}

// Two PCs writing one folder with no lock between them (a network drive):
// a save that finds vault.json changed since it was read merges.
func TestSaveMergesAChangeMadeMeanwhile(t *testing.T) {
	v, _, opts := memVault(t)
	mustAdd(t, v, "Bank", totp("bank"))
	other := reopen(t, opts)
	if err := other.Unlock(pw, t0); err != nil {
		t.Fatal(err)
	}
	mustAdd(t, other, "Mail", totp("mail"))
	// v has not read the change: add through the save alone, as a PC whose
	// lock does not reach the other would.
	v.mu.Lock()
	idx := v.idx.clone()
	idx.Entries = append(idx.Entries, indexEntry{ID: "0123456789abcdef0123456789abcdef", Name: "VPN", Changed: t0})
	err := v.save(idx)
	v.mu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	h, _ := readHeader(v.Dir())
	got, err := h.openIndex(v.sealer)
	if err != nil {
		t.Fatal(err)
	}
	var ns []string
	for _, e := range got.Entries {
		ns = append(ns, e.Name)
	}
	if !slices.Equal(ns, []string{"Bank", "VPN", "Mail"}) {
		t.Fatalf("vault.json holds %q, want the other PC's Mail kept", ns)
	}
}
