package vault

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"authdesk/app/vault/seal"
	"authdesk/app/vault/store"
)

// The generation mirror: every commit of the index raises idx.Gen, and the
// store (the keychain, or the file store's folder) keeps an item holding
// the latest generation, sealed with idx.MirrorKey. An unlock refuses an
// index older than the mirror: vault.json put back from an old copy would
// otherwise bring back deleted accounts, old HOTP counters, loosened
// settings, or an old password.
//
// With the file store, a PC that finds no mirror of its own takes the index
// as it is (a profile folder shared with other PCs, met for the first
// time): there the check stops a vault.json put back alone, not one put
// back with the folder's other files.
//
// Order: vault.json first, the mirror after it. A crash in between leaves
// the mirror one behind, which the next unlock raises. The mirror is
// written first for nothing, so it can never be ahead of a valid index
// except by a rollback. An index of generation 1 (a new vault, or one just
// upgraded from format 1) may find no mirror yet: the crash window of its
// first save.
//
// What it cannot stop: a person who can write both vault.json and the
// mirror item (the same OS user, with the keychain unlocked) and puts back
// both from the same old copy. See docs/security.md.

// generationItem is the mirror's item id: one per vault, as a store may
// be shared (account items are 32 hex digits, never with a dash). In the
// file store, whose folder may be shared by several PCs (a synced or
// network folder), each PC keeps its own mirror of what it last saw: a
// mirror raised by another PC whose vault.json has not arrived yet must
// not look like a rollback.
func (v *Vault) generationItem(vaultID string) string {
	if v.kind == StoreFile {
		return "generation-" + vaultID + "-" + hostTag()
	}
	return "generation-" + vaultID
}

// hostTag is a short stable tag of this computer (a hash of its host name,
// which it does not reveal).
func hostTag() string {
	h, err := os.Hostname()
	if err != nil {
		h = "unknown"
	}
	sum := sha256.Sum256([]byte("authdesk/host/" + h))
	return hex.EncodeToString(sum[:6])
}

// isMetaItem tells the vault's own items from accounts'.
func isMetaItem(id string) bool { return strings.Contains(id, "-") }

func generationAD(vaultID string) []byte { return []byte("authdesk/generation/v2/" + vaultID) }

// writeGeneration seals gen into the mirror item.
func (v *Vault) writeGeneration(h *header, idx *index) error {
	if len(idx.MirrorKey) != seal.KeySize {
		return fmt.Errorf("%w: the account list has no generation key", ErrCorrupt)
	}
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], idx.Gen)
	blob, err := seal.Seal(idx.MirrorKey, b[:], generationAD(h.ID))
	if err != nil {
		return err
	}
	if err := v.store.Put(v.generationItem(h.ID), blob); err != nil {
		return storeErr(err)
	}
	return nil
}

// readGeneration reads the mirror; found is false when there is none.
func (v *Vault) readGeneration(h *header, idx *index) (gen uint64, found bool, err error) {
	blob, err := v.store.Get(v.generationItem(h.ID))
	if errors.Is(err, store.ErrNotFound) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, storeErr(err)
	}
	if len(idx.MirrorKey) != seal.KeySize {
		// A format 1 index (no generations yet) beside a mirror: a
		// format 2 vault was here, and an older vault.json was put back.
		return 0, true, errOldFormatBack
	}
	pt, err := seal.Open(idx.MirrorKey, blob, generationAD(h.ID))
	if err != nil || len(pt) != 8 {
		return 0, true, fmt.Errorf("%w: the generation record in the %s store does not belong to this vault file; if you restored your own copy of the profile folder, run 'authdesk vault accept-restored'",
			ErrRollback, v.kind)
	}
	return binary.BigEndian.Uint64(pt), true, nil
}

// checkGeneration refuses an index older than the mirror, and raises a
// mirror left behind by a crash. The caller holds the profile lock.
func (v *Vault) checkGeneration(h *header, idx *index) error {
	gen, found, err := v.readGeneration(h, idx)
	if err != nil {
		return err
	}
	switch {
	// In the file store each PC keeps its own mirror in the profile folder
	// (see generationItem): a PC that meets a shared profile for the first
	// time has none yet. (Deleting a file of that folder was never out of
	// reach of whoever could put back vault.json there.)
	case !found && idx.Gen > 1 && v.kind != StoreFile:
		return fmt.Errorf("%w: the generation record is missing from the %s store; if you restored your own copy of the profile folder, run 'authdesk vault accept-restored'",
			ErrRollback, v.kind)
	case found && gen > idx.Gen:
		return rollbackErr(idx.Gen, gen)
	case !found || gen < idx.Gen:
		return v.writeGeneration(h, idx)
	}
	return nil
}

// errOldFormatBack: a vault.json of authdesk 0.1 put back over the vault
// this computer has since rewritten.
var errOldFormatBack = fmt.Errorf("%w: the vault file was written by authdesk 0.1, before this computer upgraded the vault (an older copy of vault.json was put back); if you restored your own copy of the profile folder, run 'authdesk vault accept-restored'", ErrRollback)

func rollbackErr(have, want uint64) error {
	return fmt.Errorf("%w: the vault file holds generation %d of the account list, this computer last saw %d (an older copy of vault.json was put back); if you restored your own copy of the profile folder, run 'authdesk vault accept-restored'",
		ErrRollback, have, want)
}

// openGenerations runs at unlock, after the index opened: a format 1 vault
// (just rewrapped as format 2 by unwrapKey) gets its generation key and
// counter and is saved as format 2; a format 2 vault is checked against
// its mirror. The caller holds the profile lock, v.key and v.hdr/v.idx.
func (v *Vault) openGenerations() error {
	had := len(v.idx.MirrorKey) == seal.KeySize
	if err := v.generationsFor(v.hdr, v.idx); err != nil {
		return err
	}
	if had {
		return nil
	}
	idx := v.idx.clone()
	v.idx.Gen = 0 // save makes it 1
	return v.save(idx)
}

// AcceptRestored is the way out for a person who put back their own copy
// of the profile folder (or of vault.json alone) and meets ErrRollback: it
// checks the password of the copy (a wrong one counts) and makes the
// generation mirror follow the copy. The vault stays locked.
func (v *Vault) AcceptRestored(password []byte, now time.Time) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.lockLocked()
	o, err := v.openExclusive(password, now)
	if err != nil {
		return err
	}
	defer o.wipe()
	h, s, idx := o.hdr, o.sealer, o.idx
	if len(idx.MirrorKey) != seal.KeySize {
		if idx.MirrorKey, err = seal.NewKey(); err != nil {
			return err
		}
		if idx.Gen == 0 {
			idx.Gen = 1
		}
		if err := v.commit(h, s, idx); err != nil {
			return err
		}
	}
	return v.writeGeneration(h, idx)
}
