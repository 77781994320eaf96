package store

import (
	"encoding/base64"
	"errors"
	"fmt"
)

// Store keeps sealed items by id. Implementations are safe for concurrent use.
type Store interface {
	// Kind is "keyring", "file" or "memory".
	Kind() string
	// Get returns the item, or an error wrapping ErrNotFound.
	Get(id string) ([]byte, error)
	// Put creates or replaces the item.
	Put(id string, data []byte) error
	// Delete removes the item; a missing item is ErrNotFound.
	Delete(id string) error
	// Probe checks that the backend answers, without changing anything.
	Probe() error
	// Clear removes every item of this store (a vault created afresh).
	Clear() error
}

// Bulk is a Store that reads many items at once faster than one by one.
// The results are in the order of ids; a missing item is ErrNotFound.
type Bulk interface {
	GetMany(ids []string) ([][]byte, []error)
}

// MaxItem is the largest encoded item: Windows' Credential Manager takes
// at most 2,560 bytes per secret. Every store enforces it so that a vault
// can move between stores and platforms.
const MaxItem = 2560

// MaxRaw is the largest blob that fits in MaxItem once Base64-encoded.
const MaxRaw = MaxItem / 4 * 3

// Sentinel errors; see the package documentation.
var (
	ErrNotFound     = errors.New("item not found")
	ErrNoService    = errors.New("no keychain is answering")
	ErrLocked       = errors.New("the keychain is locked")
	ErrAccessDenied = errors.New("access to the keychain was denied")
	ErrTooLarge     = errors.New("item too large for the keychain")
	ErrFailed       = errors.New("the keychain failed")
)

// Encode turns a blob into the text stored in the keychain.
func Encode(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

// Decode reads a text made by Encode.
func Decode(s string) ([]byte, error) {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return nil, fmt.Errorf("%w: the item is not Base64", ErrFailed)
	}
	return b, nil
}

func checkSize(id string, data []byte) error {
	if n := base64.StdEncoding.EncodedLen(len(data)); n > MaxItem {
		return fmt.Errorf("%w: item %s is %d bytes, at most %d fit", ErrTooLarge, id, n, MaxItem)
	}
	return nil
}

// ValidID reports whether id can name an item in every store (it becomes a
// file name and a keychain attribute).
func ValidID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

func checkID(id string) error {
	if !ValidID(id) {
		return fmt.Errorf("%w: bad item id %q", ErrFailed, id)
	}
	return nil
}
