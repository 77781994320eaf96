package seal

import (
	"crypto/cipher"
	"fmt"
	"reflect"
	"unsafe"

	"golang.org/x/crypto/chacha20poly1305"
)

// Sealer seals and opens with one key through one AEAD, made once per
// unlock: the AEAD keeps its own copy of the key, and building one per
// Seal/Open (as Seal and Open do) would leave a copy on the heap for every
// item read. Wipe zeroes that copy when the vault locks.
type Sealer struct {
	a cipher.AEAD
}

// NewSealer makes the Sealer of key (KeySize bytes). The caller keeps and
// wipes key itself.
func NewSealer(key []byte) (*Sealer, error) {
	a, err := chacha20poly1305.NewX(key)
	if err != nil {
		return nil, fmt.Errorf("seal: %w", err)
	}
	return &Sealer{a: a}, nil
}

// Seal encrypts and authenticates plaintext, binding it to ad; the blob is
// the same format as the package's Seal.
func (s *Sealer) Seal(plaintext, ad []byte) ([]byte, error) {
	nonce, err := Random(chacha20poly1305.NonceSizeX)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(plaintext)+Overhead)
	out = append(out, version)
	out = append(out, nonce...)
	return s.a.Seal(out, nonce, plaintext, ad), nil
}

// Open authenticates and decrypts a blob; any failure is ErrOpen.
func (s *Sealer) Open(blob, ad []byte) ([]byte, error) {
	if len(blob) < Overhead || blob[0] != version {
		return nil, fmt.Errorf("%w: not a sealed blob of version %d", ErrOpen, version)
	}
	nonce := blob[1 : 1+chacha20poly1305.NonceSizeX]
	pt, err := s.a.Open(nil, nonce, blob[1+chacha20poly1305.NonceSizeX:], ad)
	if err != nil {
		return nil, ErrOpen
	}
	return pt, nil
}

// Wipe zeroes the AEAD's copy of the key; the Sealer must not be used
// after. It reports whether it could: x/crypto keeps the key in an
// unexported [32]byte field of the AEAD's struct, reached here through
// reflect and unsafe only when the struct is exactly that (a test fails if
// a new x/crypto changes it).
func (s *Sealer) Wipe() bool {
	if s == nil || s.a == nil {
		return false
	}
	v := reflect.ValueOf(s.a)
	s.a = nil
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return false
	}
	t := v.Type().Elem()
	if t.Kind() != reflect.Struct || t.NumField() != 1 || t.Size() != KeySize {
		return false
	}
	f := t.Field(0)
	if f.Type != reflect.TypeOf([KeySize]byte{}) {
		return false
	}
	key := (*[KeySize]byte)(unsafe.Pointer(v.Pointer()))
	clear(key[:])
	return true
}
