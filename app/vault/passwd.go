package vault

import (
	"errors"
	"fmt"
	"slices"

	"authdesk/app/vault/seal"
	"authdesk/app/vault/store"
)

// ChangePassword changes the password and rotates the vault key: a new
// random vault key seals every account again, under new item ids, and the
// new password wraps it (fresh salt, the current KDF parameters). An old
// vault.json put back afterwards opens only what it held then, and the
// generation check refuses it. The vault may be locked or unlocked; a wrong
// old password counts as a failed unlock.
//
// Crash safety: the new items are listed in the old index's Trash before
// they are written, the new vault.json (the commit point) lists the old
// items in its Trash, and they are deleted after. A kill at any instant
// leaves the old vault (old password) or the new one (new password) whole;
// the next unlock deletes the other's items.
func (v *Vault) ChangePassword(oldPw, newPw []byte) error {
	if len(newPw) == 0 {
		return fmt.Errorf("%w: choose a new password", ErrEmptyPassword)
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	o, err := v.openExclusive(oldPw, v.now())
	if err != nil {
		return err
	}
	defer o.wipe()
	h, oldS, idx := o.hdr, o.sealer, o.idx
	if err := v.generationsFor(h, idx); err != nil {
		return err
	}

	newKey, err := seal.NewKey()
	if err != nil {
		return err
	}
	newS, err := seal.NewSealer(newKey)
	if err != nil {
		seal.Wipe(newKey)
		return err
	}
	keep := false // the new key becomes the unlocked vault's
	defer func() {
		if !keep {
			newS.Wipe()
			seal.Wipe(newKey)
		}
	}()

	// 1. Seal every account again, in memory. A missing or damaged item
	// stays as it is (it opened with no key before either).
	type move struct {
		from, to string
		blob     []byte
	}
	var moves []move
	for _, e := range idx.Entries {
		blob, err := v.store.Get(e.ID)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return storeErr(err)
		}
		acc, err := openAccount(h, oldS, e.ID, blob)
		if err != nil {
			continue
		}
		rnd, err := seal.Random(16)
		if err != nil {
			acc.Wipe()
			return err
		}
		to := fmt.Sprintf("%x", rnd)
		nb, err := sealAccount(h, newS, to, e.Name, acc)
		acc.Wipe()
		if err != nil {
			return err
		}
		moves = append(moves, move{from: e.ID, to: to, blob: nb})
	}

	// 2. The old vault lists the new items as possibly existing.
	staged := idx.clone()
	defer staged.wipe()
	for _, m := range moves {
		staged.Trash = append(staged.Trash, m.to)
	}
	staged.Gen++
	h1 := *h
	if err := v.commit(&h1, oldS, staged); err != nil {
		return err
	}
	// 3. Store them.
	for _, m := range moves {
		if err := v.store.Put(m.to, m.blob); err != nil {
			return fmt.Errorf("the password was not changed: %w", storeErr(err))
		}
	}
	// 4. Commit: the new key under the new password, the accounts at their
	// new items, the old items in Trash.
	to := map[string]string{}
	for _, m := range moves {
		to[m.from] = m.to
	}
	next := staged.clone()
	for i, e := range next.Entries {
		if id, ok := to[e.ID]; ok {
			next.Entries[i].ID = id
		}
	}
	next.Trash = slices.DeleteFunc(next.Trash, func(id string) bool { return slices.ContainsFunc(moves, func(m move) bool { return m.to == id }) })
	for _, m := range moves {
		next.Trash = append(next.Trash, m.from)
	}
	next.Gen++
	nh := *h
	nh.Format = headerFormat
	if err := nh.wrapKey(newKey, newPw, v.kdf); err != nil {
		next.wipe()
		return err
	}
	if err := v.commit(&nh, newS, next); err != nil {
		next.wipe()
		return err
	}
	// 5. Delete the old items; what fails now the next unlock deletes.
	rest := next.Trash[:0:0]
	for _, id := range next.Trash {
		if err := v.store.Delete(id); err != nil && !errors.Is(err, store.ErrNotFound) {
			rest = append(rest, id)
		}
	}
	if len(rest) != len(next.Trash) {
		done := next.clone()
		done.Trash = rest
		done.Gen++
		if err := v.commit(&nh, newS, done); err == nil {
			next.wipe()
			next = done
		} else {
			done.wipe()
		}
	}
	// 6. An unlocked vault goes on with the new key.
	if v.key != nil {
		v.lockLocked()
		v.key, v.sealer, v.hdr, v.idx, v.accts = newKey, newS, &nh, next, map[string]loaded{}
		keep = true
		if err := v.loadMissing(); err != nil {
			v.lockLocked()
			return fmt.Errorf("the password was changed; unlock again with the new one: %w", err)
		}
		v.unlocked.Store(true)
		return nil
	}
	next.wipe()
	return nil
}

// generationsFor checks idx against the generation mirror
// before a change made without unlocking, and gives a format 1 index its
// generation key. The caller holds the profile lock.
func (v *Vault) generationsFor(h *header, idx *index) error {
	if len(idx.MirrorKey) == seal.KeySize {
		return v.checkGeneration(h, idx)
	}
	if _, found, err := v.readGeneration(h, idx); err != nil || found {
		if err == nil {
			err = errOldFormatBack
		}
		return err
	}
	mk, err := seal.NewKey()
	if err != nil {
		return err
	}
	idx.MirrorKey = mk
	return nil
}
