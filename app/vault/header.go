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

const headerFormat = 1

// index is the sealed list of accounts. go-keyring cannot list items, so the
// index is the only record of which items belong to the vault.
type index struct {
	Entries []indexEntry `json:"entries"` // in the person's order
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
}

func (h *header) keyAD() []byte {
	return fmt.Appendf(nil, "authdesk/vault-key/v1/%s/%d/%d/%d", h.ID, h.KDF.Time, h.KDF.Memory, h.KDF.Threads)
}

func (h *header) indexAD() []byte { return []byte("authdesk/index/v1/" + h.ID) }

func (h *header) itemAD(id string) []byte { return []byte("authdesk/account/v1/" + h.ID + "/" + id) }

// readHeader reads vault.json; a missing file is ErrNoVault.
func readHeader(dir string) (*header, error) {
	b, err := os.ReadFile(filepath.Join(dir, headerFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNoVault
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read the vault file: %w", err)
	}
	var h header
	if err := json.Unmarshal(b, &h); err != nil {
		return nil, fmt.Errorf("%w: %s is not valid (%v)", ErrCorrupt, filepath.Join(dir, headerFile), err)
	}
	if h.Format != headerFormat {
		return nil, fmt.Errorf("%w: format %d, this authdesk reads format %d", ErrCorrupt, h.Format, headerFormat)
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
func (h *header) sealIndex(key []byte, idx *index) error {
	pt, err := json.Marshal(idx)
	if err != nil {
		return fmt.Errorf("cannot encode the index: %w", err)
	}
	defer seal.Wipe(pt)
	blob, err := seal.Seal(key, pt, h.indexAD())
	if err != nil {
		return err
	}
	h.Index = blob
	return nil
}

// openIndex opens h.Index with the vault key.
func (h *header) openIndex(key []byte) (*index, error) {
	pt, err := seal.Open(key, h.Index, h.indexAD())
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
// password is ErrWrongPassword (nothing else can tell the two apart).
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
