package vault

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"authdesk/app/vault/seal"
	"authdesk/app/vault/store"
)

// header is vault.json: everything of the vault but the accounts' sealed
// items. It is replaced atomically as a whole, so it is the commit point of
// every change. Nothing in it is readable without the password.
type header struct {
	Format  int         `json:"format"`
	ID      string      `json:"id"` // random vault id, bound into every associated data
	Store   StoreKind   `json:"store"`
	Created time.Time   `json:"created"`
	KDF     seal.Params `json:"kdf"`
	Salt    []byte      `json:"salt"`
	Key     []byte      `json:"key"`   // the vault key sealed with the KEK
	Index   []byte      `json:"index"` // the index sealed with the vault key
}

// Header formats. Format 2 binds every header field (format, vault id,
// store, creation time, KDF parameters, salt) into the key wrap's
// associated data, so that editing any of them (sending new items to the
// file store, say) makes the vault refuse to open; its index carries a
// generation counter mirrored in the store. Format 1 vaults open and are
// rewritten as format 2 at their first unlock.
const (
	headerFormat1 = 1
	headerFormat  = 2
)

// index is the sealed list of accounts. go-keyring cannot list items, so the
// index is the only record of which items belong to the vault.
type index struct {
	Entries []indexEntry `json:"entries"` // in the person's order
	// Gen counts the commits of the index; the store holds a sealed copy
	// (see generation.go), so that an older vault.json put back is refused.
	Gen uint64 `json:"gen,omitempty"`
	// MirrorKey seals that copy. It stays the same for the vault's life,
	// across password changes, so that an old index can read (and refuse
	// against) a newer mirror.
	MirrorKey []byte `json:"mirror_key,omitempty"`
	// Prefs are the profile's settings (package settings), sealed here so
	// that nobody without the password can loosen them.
	Prefs json.RawMessage `json:"prefs,omitempty"`
	// For merging the copies two PCs made of a shared profile (merge.go):
	// when the order and the settings last changed, and the accounts
	// deleted (kept so that a merge does not bring them back).
	OrderChanged time.Time   `json:"order_changed,omitzero"`
	PrefsChanged time.Time   `json:"prefs_changed,omitzero"`
	Deleted      []tombstone `json:"deleted,omitempty"`
	// Trash holds ids of items that may exist in the store but belong to no
	// account: an add in flight, a delete not finished. They are deleted at
	// the next unlock (or at the end of the change that put them there).
	Trash []string `json:"trash,omitempty"`
}

type indexEntry struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Pinned  bool   `json:"pinned,omitempty"`
	Counter uint64 `json:"counter,omitempty"` // HOTP: the next counter
	// Changed is when the name or the pin last changed (merge.go).
	Changed time.Time `json:"changed,omitzero"`
}

// tombstone records a deleted account.
type tombstone struct {
	ID string    `json:"id"`
	At time.Time `json:"at"`
}

func (h *header) keyAD() []byte {
	if h.Format == headerFormat1 {
		return fmt.Appendf(nil, "authdesk/vault-key/v1/%s/%d/%d/%d", h.ID, h.KDF.Time, h.KDF.Memory, h.KDF.Threads)
	}
	return fmt.Appendf(nil, "authdesk/vault-key/v2/%d/%s/%s/%d/%d/%d/%d/%x",
		h.Format, h.ID, h.Store, h.Created.Unix(), h.KDF.Time, h.KDF.Memory, h.KDF.Threads, h.Salt)
}

func (h *header) indexAD() []byte { return []byte("authdesk/index/v1/" + h.ID) }

func (h *header) itemAD(id string) []byte { return []byte("authdesk/account/v1/" + h.ID + "/" + id) }

// readHeader reads vault.json; a missing file is ErrNoVault.
func readHeader(dir string) (*header, error) {
	return readHeaderFile(filepath.Join(dir, headerFile))
}

// readHeaderFile reads a vault file (vault.json, or a sync tool's copy).
func readHeaderFile(path string) (*header, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNoVault
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read the vault file: %w", err)
	}
	var h header
	if err := json.Unmarshal(b, &h); err != nil {
		return nil, fmt.Errorf("%w: %s is not valid (%v)", ErrCorrupt, path, err)
	}
	if h.Format != headerFormat && h.Format != headerFormat1 {
		return nil, fmt.Errorf("%w: format %d, this authdesk reads formats 1 and %d (a newer authdesk made it?)", ErrCorrupt, h.Format, headerFormat)
	}
	if err := h.KDF.Validate(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	if !store.ValidID(h.ID) || len(h.Salt) < seal.SaltSize || len(h.Key) == 0 || len(h.Index) == 0 {
		return nil, fmt.Errorf("%w: fields are missing", ErrCorrupt)
	}
	return &h, nil
}

// writeHeader replaces vault.json atomically.
func writeHeader(dir string, h *header) error {
	b, err := json.MarshalIndent(h, "", "  ")
	if err != nil {
		return fmt.Errorf("cannot encode the vault file: %w", err)
	}
	if err := store.WriteAtomic(filepath.Join(dir, headerFile), b, 0o600); err != nil {
		return fmt.Errorf("cannot save the vault: %w", err)
	}
	return nil
}

// sealIndex seals idx into h.Index with the vault key.
func (h *header) sealIndex(s *seal.Sealer, idx *index) error {
	pt, err := json.Marshal(idx)
	if err != nil {
		return fmt.Errorf("cannot encode the index: %w", err)
	}
	defer seal.Wipe(pt)
	blob, err := s.Seal(pt, h.indexAD())
	if err != nil {
		return err
	}
	h.Index = blob
	return nil
}

// openIndex opens h.Index with the vault key.
func (h *header) openIndex(s *seal.Sealer) (*index, error) {
	pt, err := s.Open(h.Index, h.indexAD())
	if err != nil {
		return nil, fmt.Errorf("%w: the account list does not open with the vault key", ErrCorrupt)
	}
	defer seal.Wipe(pt)
	var idx index
	if err := json.Unmarshal(pt, &idx); err != nil {
		return nil, fmt.Errorf("%w: the account list is not valid", ErrCorrupt)
	}
	for _, e := range idx.Entries {
		if !store.ValidID(e.ID) {
			return nil, fmt.Errorf("%w: bad account id in the list", ErrCorrupt)
		}
	}
	return &idx, nil
}

// unwrapKey derives the KEK from password and opens the vault key; a wrong
// password, or a header edited since it was written, is ErrWrongPassword
// (nothing else can tell them apart). A format 1 header is rewrapped as
// format 2 in h with the same KEK (the caller saves it).
func (h *header) unwrapKey(password []byte) ([]byte, error) {
	kek, err := seal.DeriveKEK(password, h.Salt, h.KDF)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	defer seal.Wipe(kek)
	key, err := seal.Open(kek, h.Key, h.keyAD())
	if err != nil {
		return nil, ErrWrongPassword
	}
	if len(key) != seal.KeySize {
		seal.Wipe(key)
		return nil, fmt.Errorf("%w: the vault key has %d bytes", ErrCorrupt, len(key))
	}
	if h.Format == headerFormat1 {
		h.Format = headerFormat
		blob, err := seal.Seal(kek, key, h.keyAD())
		if err != nil {
			seal.Wipe(key)
			return nil, err
		}
		h.Key = blob
	}
	return key, nil
}

// wrapKey derives a KEK from password with a fresh salt and params p and
// seals key with it into h.
func (h *header) wrapKey(key, password []byte, p seal.Params) error {
	salt, err := seal.NewSalt()
	if err != nil {
		return err
	}
	kek, err := seal.DeriveKEK(password, salt, p)
	if err != nil {
		return err
	}
	defer seal.Wipe(kek)
	h.Salt, h.KDF = salt, p
	blob, err := seal.Seal(kek, key, h.keyAD())
	if err != nil {
		return err
	}
	h.Key = blob
	return nil
}
