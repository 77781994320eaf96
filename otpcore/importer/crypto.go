package importer

import (
	"crypto/aes"
	"crypto/cipher"
	"fmt"
)

// gcmOpen authenticates and decrypts ciphertext||tag with AES-GCM. Any
// failure is reported as ok == false: a wrong key or changed data.
func gcmOpen(key, nonce, sealed []byte) ([]byte, bool) {
	b, err := aes.NewCipher(key)
	if err != nil {
		return nil, false
	}
	a, err := cipher.NewGCMWithNonceSize(b, len(nonce))
	if err != nil || len(nonce) == 0 || len(sealed) < a.Overhead() {
		return nil, false
	}
	pt, err := a.Open(nil, nonce, sealed, nil)
	return pt, err == nil
}

func checkKeySize(what string, k []byte) error {
	switch len(k) {
	case 16, 24, 32:
		return nil
	}
	return fmt.Errorf("%w: the %s is %d bytes, not an AES key", ErrDamaged, what, len(k))
}

func wipe(b []byte) {
	for i := range b {
		b[i] = 0
	}
}
