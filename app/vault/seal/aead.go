package seal

import (
	"errors"
	"fmt"

	"golang.org/x/crypto/chacha20poly1305"
)

// version is the first byte of every sealed blob.
const version = 1

// Overhead is the size a sealed blob adds to its plaintext: the version
// byte, the nonce and the authentication tag.
const Overhead = 1 + chacha20poly1305.NonceSizeX + chacha20poly1305.Overhead

// ErrOpen: a sealed blob does not open with this key and associated data
// (wrong key or password, tampered, truncated or not a sealed blob).
var ErrOpen = errors.New("cannot open sealed data")

// Seal encrypts and authenticates plaintext with key, binding it to ad.
func Seal(key, plaintext, ad []byte) ([]byte, error) {
	a, err := chacha20poly1305.NewX(key)
	if err != nil {
		return nil, fmt.Errorf("seal: %w", err)
	}
	nonce, err := Random(chacha20poly1305.NonceSizeX)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(plaintext)+Overhead)
	out = append(out, version)
	out = append(out, nonce...)
	return a.Seal(out, nonce, plaintext, ad), nil
}

// Open authenticates and decrypts a blob made by Seal with the same key and
// associated data. Any failure is ErrOpen.
func Open(key, blob, ad []byte) ([]byte, error) {
	if len(blob) < Overhead || blob[0] != version {
		return nil, fmt.Errorf("%w: not a sealed blob of version %d", ErrOpen, version)
	}
	a, err := chacha20poly1305.NewX(key)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrOpen, err)
	}
	nonce := blob[1 : 1+chacha20poly1305.NonceSizeX]
	pt, err := a.Open(nil, nonce, blob[1+chacha20poly1305.NonceSizeX:], ad)
	if err != nil {
		return nil, ErrOpen
	}
	return pt, nil
}
