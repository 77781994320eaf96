package vault

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// A profile in a folder that several PCs share (a network drive, or a
// folder kept in step by Syncthing, Nextcloud or OneDrive) is written by
// PCs that cannot lock each other out. Two rules keep every change:
//
//   - A save reads vault.json again just before writing it; when another PC
//     wrote it since this vault read it, the two indexes are merged.
//   - A sync tool that sees both PCs change vault.json keeps one and renames
//     the other (Syncthing: vault.sync-conflict-DATE-TIME-DEVICE.json,
//     Nextcloud: "vault (conflicted copy DATE TIME).json", OneDrive:
//     vault-PCNAME.json). The next unlock merges every such copy of this
//     vault and deletes it.
//
// The merge: accounts added on either side are kept; an account deleted on
// either side stays deleted (tombstones); a name or pin by the later
// change; the order by the later reorder; HOTP counters by the larger
// value (a used code is never offered again); settings by the later
// change; two new accounts with one name keep both, the later renamed.
// Account items never conflict: each has its own random id.

// mergeIndex merges theirs into ours and returns the result and what it
// changed of ours, for the person.
func mergeIndex(ours, theirs *index) (*index, mergeReport) {
	var rep mergeReport
	out := ours.clone()
	deleted := map[string]time.Time{}
	for _, t := range append(slices.Clone(ours.Deleted), theirs.Deleted...) {
		if at, ok := deleted[t.ID]; !ok || t.At.Before(at) {
			deleted[t.ID] = t.At
		}
	}
	out.Deleted = out.Deleted[:0]
	for id, at := range deleted {
		out.Deleted = append(out.Deleted, tombstone{ID: id, At: at})
	}
	slices.SortFunc(out.Deleted, func(a, b tombstone) int { return strings.Compare(a.ID, b.ID) })

	mine, their := map[string]indexEntry{}, map[string]indexEntry{}
	for _, e := range ours.Entries {
		mine[e.ID] = e
	}
	for _, e := range theirs.Entries {
		their[e.ID] = e
	}
	combine := func(id string) indexEntry {
		a, inA := mine[id]
		b, inB := their[id]
		switch {
		case !inA:
			return b
		case !inB:
			return a
		}
		e := a
		if b.Changed.After(a.Changed) {
			if b.Name != a.Name {
				rep.Renamed++
			}
			e.Name, e.Pinned, e.Changed = b.Name, b.Pinned, b.Changed
		}
		e.Counter = max(a.Counter, b.Counter)
		return e
	}
	first, second := ours.Entries, theirs.Entries
	if theirs.OrderChanged.After(ours.OrderChanged) {
		first, second = second, first
		out.OrderChanged = theirs.OrderChanged
	}
	out.Entries = out.Entries[:0]
	seen := map[string]bool{}
	for _, list := range [][]indexEntry{first, second} {
		for _, e := range list {
			if seen[e.ID] {
				continue
			}
			seen[e.ID] = true
			if _, gone := deleted[e.ID]; gone {
				if _, was := mine[e.ID]; was {
					rep.Removed++
				}
				continue
			}
			if _, was := mine[e.ID]; !was {
				rep.Added++
			}
			out.Entries = append(out.Entries, combine(e.ID))
		}
	}
	// Two accounts added with one name on two PCs: the later is renamed.
	for i := range out.Entries {
		for j := range i {
			if !strings.EqualFold(out.Entries[i].Name, out.Entries[j].Name) {
				continue
			}
			k, base := i, out.Entries[i].Name
			if out.Entries[j].Changed.After(out.Entries[i].Changed) {
				k, base = j, out.Entries[j].Name
			}
			for n := 2; ; n++ {
				name := fmt.Sprintf("%s (%d)", base, n)
				if !slices.ContainsFunc(out.Entries, func(e indexEntry) bool { return strings.EqualFold(e.Name, name) }) {
					out.Entries[k].Name = name
					rep.Renamed++
					break
				}
			}
		}
	}
	// Items that some side may still hold and no account names.
	for _, id := range theirs.Trash {
		if !slices.Contains(out.Trash, id) {
			out.Trash = append(out.Trash, id)
		}
	}
	for id := range deleted {
		if _, inTheirs := their[id]; inTheirs && !slices.Contains(out.Trash, id) {
			out.Trash = append(out.Trash, id)
		}
	}
	out.Trash = slices.DeleteFunc(out.Trash, func(id string) bool {
		return slices.ContainsFunc(out.Entries, func(e indexEntry) bool { return e.ID == id })
	})
	if theirs.PrefsChanged.After(ours.PrefsChanged) {
		out.Prefs, out.PrefsChanged = slices.Clone(theirs.Prefs), theirs.PrefsChanged
	}
	out.Gen = max(ours.Gen, theirs.Gen)
	return out, rep
}

// MergeNote says what the last unlock merged of the copies other PCs made
// of a shared profile ("" when there was nothing to merge): one line for
// the person.
func (v *Vault) MergeNote() string {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.mergeNote
}

// mergeReport says what a merge changed, for the person.
type mergeReport struct {
	Added, Removed, Renamed int
}

func (r mergeReport) String() string {
	return fmt.Sprintf("%d %s added, %d removed, %d renamed", r.Added, plural(r.Added, "account", "accounts"), r.Removed, r.Renamed)
}

// conflictCopy reports whether a file name in the profile folder is a sync
// tool's copy of vault.json.
func conflictCopy(name string) bool {
	stem, ok := strings.CutSuffix(name, ".json")
	if !ok || name == headerFile || strings.Contains(name, ".tmp-") {
		return false
	}
	switch {
	case strings.HasPrefix(stem, "vault.sync-conflict-"): // Syncthing
		return true
	case strings.HasPrefix(stem, "vault (") && strings.Contains(stem, "conflicted copy"): // Nextcloud, Dropbox
		return true
	case strings.HasPrefix(stem, "vault-") && len(stem) > len("vault-"): // OneDrive: vault-PCNAME
		return true
	}
	return false
}

// metaConflict reports whether a file name in the items folder is a sync
// tool's copy of the vault's own items (the generation and unlock-state
// mirrors), which the merge makes stale.
func metaConflict(name string) bool {
	return (strings.HasPrefix(name, "generation-") || strings.HasPrefix(name, "unlock-")) &&
		(strings.Contains(name, ".sync-conflict-") || strings.Contains(name, "conflicted copy"))
}

// mergeConflicts merges every sync tool's copy of this vault's vault.json
// into the open index, commits the result, and deletes the copies. A copy
// of another vault, or one sealed with another key (its password was
// changed on the other PC), is left in place and named in the notes. The
// caller holds the profile lock and the vault key (at unlock).
func (v *Vault) mergeConflicts() (string, error) {
	ents, err := os.ReadDir(v.dir)
	if err != nil {
		return "", nil
	}
	var total mergeReport
	var merged, skipped []string
	idx := v.idx.clone()
	for _, e := range ents {
		if e.IsDir() || !conflictCopy(e.Name()) {
			continue
		}
		path := filepath.Join(v.dir, e.Name())
		h, err := readHeaderFile(path)
		if err != nil || h.ID != v.hdr.ID {
			skipped = append(skipped, e.Name())
			continue
		}
		theirs, err := h.openIndex(v.sealer)
		if err != nil {
			skipped = append(skipped, e.Name())
			continue
		}
		var rep mergeReport
		next, rep := mergeIndex(idx, theirs)
		theirs.wipe()
		idx.wipe()
		idx = next
		total.Added += rep.Added
		total.Removed += rep.Removed
		total.Renamed += rep.Renamed
		merged = append(merged, path)
	}
	var note string
	if len(merged) > 0 {
		v.idx.Gen = max(v.idx.Gen, idx.Gen)
		if err := v.save(idx); err != nil {
			return "", err
		}
		for _, p := range merged {
			_ = os.Remove(p)
		}
		if items, err := os.ReadDir(filepath.Join(v.dir, itemsDir)); err == nil {
			for _, e := range items {
				if metaConflict(e.Name()) {
					_ = os.Remove(filepath.Join(v.dir, itemsDir, e.Name()))
				}
			}
		}
		note = fmt.Sprintf("merged the changes another PC made to this profile (%d %s): %s", len(merged), plural(len(merged), "copy", "copies"), total)
	} else {
		idx.wipe()
	}
	if len(skipped) > 0 {
		if note != "" {
			note += "; "
		}
		note += fmt.Sprintf("left %s in the profile folder: %s made with another password or for another vault; unlock it on the PC that made it, or delete it",
			strings.Join(skipped, ", "), plural(len(skipped), "it was", "they were"))
	}
	return note, nil
}
