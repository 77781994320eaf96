package exchange

import (
	"crypto/rand"
	"encoding/binary"
	"fmt"

	"authdesk/app/vault/store"
)

// WriteFile replaces path with data atomically, readable by its owner only.
func WriteFile(path string, data []byte) error {
	return store.WriteAtomic(path, data, 0o600)
}

func randomBatchID() (int32, error) {
	var b [4]byte
	if _, err := rand.Read(b[:]); err != nil {
		return 0, fmt.Errorf("no secure random source: %w", err)
	}
	return int32(binary.BigEndian.Uint32(b[:])), nil
}
