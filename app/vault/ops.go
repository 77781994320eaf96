package vault

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"authdesk/app/vault/seal"
	"authdesk/app/vault/store"
	"authdesk/otpcore"
)

// Every change follows one rule: vault.json (header + sealed index) is the
// commit point and is replaced atomically; a sealed item exists before the
// index names it and is deleted only after the index stopped naming it; an
// item in between is listed in the index's Trash first, so that an
// interrupted change leaves no item that nothing points to (they are
// deleted at the next unlock).

// MaxNameLen is the longest account name, in characters.
const MaxNameLen = 100

// begin takes the profile lock and picks up other processes' changes. The
// caller holds v.mu and defers the returned release.
func (v *Vault) begin() (func(), error) {
	if v.key == nil {
		return nil, fmt.Errorf("%w: unlock it with its password first", ErrLocked)
	}
	release, err := lockProfile(v.dir)
	if err != nil {
		return nil, err
	}
	if err := v.refresh(); err != nil {
		release()
		return nil, err
	}
	return release, nil
}

// save commits idx: it seals it into the current header and replaces
// vault.json atomically.
func (v *Vault) save(idx *index) error {
	h := *v.hdr
	gen := v.idx.Gen
	// Another PC sharing the folder (no lock reaches across PCs) may have
	// written vault.json since this vault read it: merge, never overwrite.
	if cur, err := readHeader(v.dir); err == nil && cur.ID == h.ID && !bytes.Equal(cur.Index, h.Index) && bytes.Equal(cur.Key, h.Key) {
		if theirs, err := cur.openIndex(v.sealer); err == nil {
			merged, _ := mergeIndex(idx, theirs)
			theirs.wipe()
			idx.wipe()
			idx, h, gen = merged, *cur, max(gen, theirs.Gen)
		}
	}
	idx.Gen = gen + 1
	if err := v.commit(&h, v.sealer, idx); err != nil {
		return err
	}
	v.idx.wipe()
	v.hdr, v.idx = &h, idx
	return nil
}

// commit seals idx into h with s, replaces vault.json atomically, then
// raises the generation mirror. A mirror that fails to follow is raised by
// the next save or unlock (see generation.go).
func (v *Vault) commit(h *header, s *seal.Sealer, idx *index) error {
	if err := h.sealIndex(s, idx); err != nil {
		return err
	}
	if err := writeHeader(v.dir, h); err != nil {
		return err
	}
	_ = v.writeGeneration(h, idx)
	return nil
}

func (idx *index) clone() *index {
	return &index{Entries: slices.Clone(idx.Entries), Trash: slices.Clone(idx.Trash),
		Gen: idx.Gen, MirrorKey: slices.Clone(idx.MirrorKey), Prefs: slices.Clone(idx.Prefs),
		OrderChanged: idx.OrderChanged, PrefsChanged: idx.PrefsChanged, Deleted: slices.Clone(idx.Deleted)}
}

// wipe zeroes the index's key.
func (idx *index) wipe() {
	if idx != nil {
		seal.Wipe(idx.MirrorKey)
	}
}

func (idx *index) byID(id string) int {
	return slices.IndexFunc(idx.Entries, func(e indexEntry) bool { return e.ID == id })
}

func (idx *index) byName(name string) int {
	name = strings.TrimSpace(name)
	return slices.IndexFunc(idx.Entries, func(e indexEntry) bool { return strings.EqualFold(e.Name, name) })
}

func (v *Vault) find(id string) (int, error) {
	i := v.idx.byID(id)
	if i < 0 {
		return -1, fmt.Errorf("%w with id %q", ErrUnknownAccount, clip(id))
	}
	return i, nil
}

// cleanName trims a name and checks it.
func cleanName(name string) (string, error) {
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return "", fmt.Errorf("%w: the name is empty", ErrBadName)
	case !utf8.ValidString(name):
		return "", fmt.Errorf("%w: the name is not valid UTF-8", ErrBadName)
	case utf8.RuneCountInString(name) > MaxNameLen:
		return "", fmt.Errorf("%w: at most %d characters", ErrBadName, MaxNameLen)
	case strings.IndexFunc(name, unicode.IsControl) >= 0:
		return "", fmt.Errorf("%w: no tabs or line breaks", ErrBadName)
	}
	return name, nil
}

func (v *Vault) checkFree(name, exceptID string) error {
	if i := v.idx.byName(name); i >= 0 && v.idx.Entries[i].ID != exceptID {
		return fmt.Errorf("%w: %q; choose another name", ErrDuplicateName, clip(v.idx.Entries[i].Name))
	}
	return nil
}

// Add seals acc under a new name and stores it. A name in use (compared
// without regard to case) is ErrDuplicateName.
func (v *Vault) Add(name string, acc otpcore.Account) (Entry, error) {
	name, err := cleanName(name)
	if err != nil {
		return Entry{}, err
	}
	if err := acc.Validate(); err != nil {
		return Entry{}, err
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	release, err := v.begin()
	if err != nil {
		return Entry{}, err
	}
	defer release()
	if err := v.checkFree(name, ""); err != nil {
		return Entry{}, err
	}
	rnd, err := seal.Random(16)
	if err != nil {
		return Entry{}, err
	}
	id := fmt.Sprintf("%x", rnd)
	blob, err := sealAccount(v.hdr, v.sealer, id, name, acc)
	if err != nil {
		return Entry{}, err
	}
	// 1. Record the item as possibly existing.
	idx := v.idx.clone()
	idx.Trash = append(idx.Trash, id)
	if err := v.save(idx); err != nil {
		return Entry{}, err
	}
	// 2. Store it.
	if err := v.store.Put(id, blob); err != nil {
		v.dropTrash(id)
		return Entry{}, storeErr(err)
	}
	// 3. Commit: the account is in the list, the item no longer in Trash.
	idx = v.idx.clone()
	idx.Trash = slices.DeleteFunc(idx.Trash, func(t string) bool { return t == id })
	e := indexEntry{ID: id, Name: name, Counter: acc.Counter, Changed: v.now().UTC()}
	idx.Entries = append(idx.Entries, e)
	if err := v.save(idx); err != nil {
		v.dropTrash(id)
		return Entry{}, err
	}
	v.accts[id] = loaded{acc: acc.Clone()}
	return v.entry(e), nil
}

// dropTrash deletes an item in Trash now and takes it out of Trash; on
// failure it stays there for the next unlock.
func (v *Vault) dropTrash(id string) {
	if err := v.store.Delete(id); err != nil && !errors.Is(err, store.ErrNotFound) {
		return
	}
	idx := v.idx.clone()
	idx.Trash = slices.DeleteFunc(idx.Trash, func(t string) bool { return t == id })
	_ = v.save(idx)
}

// Rename gives account id a new name.
func (v *Vault) Rename(id, newName string) error {
	newName, err := cleanName(newName)
	if err != nil {
		return err
	}
	return v.edit(id, func(idx *index, i int) error {
		if err := v.checkFree(newName, id); err != nil {
			return err
		}
		idx.Entries[i].Name = newName
		idx.Entries[i].Changed = v.now().UTC()
		return nil
	})
}

// SetCounter sets the next counter of an HOTP account.
func (v *Vault) SetCounter(id string, counter uint64) error {
	return v.edit(id, func(idx *index, i int) error {
		idx.Entries[i].Counter = counter
		return nil
	})
}

// SetPinned pins an account to the top of the list, or unpins it.
func (v *Vault) SetPinned(id string, pinned bool) error {
	return v.edit(id, func(idx *index, i int) error {
		idx.Entries[i].Pinned = pinned
		idx.Entries[i].Changed = v.now().UTC()
		return nil
	})
}

// edit applies f to the entry of account id and commits it (one atomic
// write of the index).
func (v *Vault) edit(id string, f func(idx *index, i int) error) error {
	return v.change(func(idx *index) error {
		i, err := v.find(id)
		if err != nil {
			return err
		}
		return f(idx, i)
	})
}

// errUnchanged tells change that f changed nothing: no write.
var errUnchanged = errors.New("unchanged")

// change applies f to a copy of the index under the profile lock and
// commits it (one atomic write), unless f returns errUnchanged.
func (v *Vault) change(f func(idx *index) error) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	release, err := v.begin()
	if err != nil {
		return err
	}
	defer release()
	idx := v.idx.clone()
	if err := f(idx); err != nil {
		idx.wipe()
		if errors.Is(err, errUnchanged) {
			return nil
		}
		return err
	}
	return v.save(idx)
}

// Delete removes account id and its sealed item.
func (v *Vault) Delete(id string) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	release, err := v.begin()
	if err != nil {
		return err
	}
	defer release()
	i, err := v.find(id)
	if err != nil {
		return err
	}
	// 1. Commit: the account leaves the list, its item goes to Trash.
	idx := v.idx.clone()
	idx.Entries = slices.Delete(idx.Entries, i, i+1)
	idx.Trash = append(idx.Trash, id)
	idx.Deleted = append(idx.Deleted, tombstone{ID: id, At: v.now().UTC()})
	if err := v.save(idx); err != nil {
		return err
	}
	if l, ok := v.accts[id]; ok {
		l.acc.Wipe()
		delete(v.accts, id)
	}
	// 2. Delete the item; if the store fails now, the next unlock does it.
	v.dropTrash(id)
	return nil
}

// Reorder sets the person's order: the accounts in ids first, in that
// order, then the others in their current order (so a list that missed an
// account added meanwhile loses nothing). Pinned accounts still show first.
func (v *Vault) Reorder(ids []string) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	release, err := v.begin()
	if err != nil {
		return err
	}
	defer release()
	idx := v.idx.clone()
	idx.Entries = idx.Entries[:0]
	seen := map[string]bool{}
	for _, id := range ids {
		i, err := v.find(id)
		if err != nil {
			return err
		}
		if seen[id] {
			return fmt.Errorf("%w: account %q is listed twice", ErrBadOrder, clip(v.idx.Entries[i].Name))
		}
		seen[id] = true
		idx.Entries = append(idx.Entries, v.idx.Entries[i])
	}
	for _, e := range v.idx.Entries {
		if !seen[e.ID] {
			idx.Entries = append(idx.Entries, e)
		}
	}
	idx.OrderChanged = v.now().UTC()
	return v.save(idx)
}

// cleanup finishes interrupted changes: it deletes the items in Trash and
// the temporary files of interrupted writes. The caller holds the profile
// lock and v.key.
func (v *Vault) cleanup() error {
	_ = store.RemoveTemps(v.dir)
	if f, ok := v.store.(*store.File); ok {
		_ = store.RemoveTemps(f.Dir())
	}
	if len(v.idx.Trash) == 0 {
		return nil
	}
	for _, id := range v.idx.Trash {
		if err := v.store.Delete(id); err != nil && !errors.Is(err, store.ErrNotFound) {
			return storeErr(err)
		}
	}
	idx := v.idx.clone()
	idx.Trash = nil
	return v.save(idx)
}

// itemsDirOf is the file store's directory of a profile (for tests).
func itemsDirOf(dir string) string { return filepath.Join(dir, itemsDir) }
