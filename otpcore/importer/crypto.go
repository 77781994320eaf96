package importer

import (
	"crypto/aes"
	"crypto/cipher"
	"fmt"
	"runtime/debug"

	"golang.org/x/crypto/argon2"
)

// gcmOpen authenticates and decrypts ciphertext||tag with AES-GCM. Any
// failure is reported as ok == false: a wrong key or changed data.
func gcmOpen(key, nonce, sealed []byte) ([]byte, bool) {
	return gcmOpenAD(key, nonce, sealed, nil)
}

// gcmOpenAD is gcmOpen with associated data.
func gcmOpenAD(key, nonce, sealed, ad []byte) ([]byte, bool) {
	b, err := aes.NewCipher(key)
	if err != nil {
		return nil, false
	}
	a, err := cipher.NewGCMWithNonceSize(b, len(nonce))
	if err != nil || len(nonce) == 0 || len(sealed) < a.Overhead() {
		return nil, false
	}
	pt, err := a.Open(nil, nonce, sealed, ad)
	return pt, err == nil
}

func checkKeySize(what string, k []byte) error {
	switch len(k) {
	case 16, 24, 32:
		return nil
	}
	return fmt.Errorf("%w: the %s is %d bytes, not an AES key", ErrDamaged, what, len(k))
}

// Bounds on the Argon2id costs read from a file, checked before any work.
// The exports met in practice: Proton Authenticator 19 MiB x 2 passes,
// Bitwarden 64 MiB x 3 passes x 4 lanes by default and at most 1 GiB x 10
// passes x 16 lanes, Ente Auth libsodium's "sensitive" level, 1 GiB x 4
// passes, or the same work with less memory and more passes (256 MiB x
// 16). The work bound (memory x passes) is Bitwarden's maximum; measured
// here (2 cores, loaded) Argon2id takes 1.6 to 2.4 s per GiB-pass (the
// vault's unloaded 0.49 s for 0.75 GiB-passes gives 0.65), so the bound is
// 7 to 24 s; a file asking more is refused at once.
const (
	maxArgon2MemoryKiB = 1 << 20  // 1 GiB
	maxArgon2WorkKiB   = 10 << 20 // memory x passes: 10 GiB-passes
	maxArgon2Lanes     = 255      // lanes add no work; KeePassXC uses one a CPU thread
	minArgon2MemoryKiB = 8        // 8 KiB: libsodium's and RFC 9106's floor (8 x lanes)
)

// argon2Params are Argon2 costs as a file states them (Argon2id, or
// Argon2d for KeePass).
type argon2Params struct {
	Passes    uint64
	MemoryKiB uint64
	Lanes     uint64
}

// check refuses costs out of bounds; what names the export for the
// message, which quotes only the numbers.
func (p argon2Params) check(what string) error {
	switch {
	case p.Passes < 1 || p.Lanes < 1 || p.Lanes > maxArgon2Lanes || p.MemoryKiB < minArgon2MemoryKiB*p.Lanes:
		return fmt.Errorf("%w: the %s's key derivation settings are invalid (Argon2 %d passes, %d KiB, %d lanes)", ErrDamaged, what, p.Passes, p.MemoryKiB, p.Lanes)
	case p.MemoryKiB > maxArgon2MemoryKiB || p.Passes > maxArgon2WorkKiB/p.MemoryKiB:
		return fmt.Errorf("%w: the %s asks for a key derivation costlier than any app makes (Argon2 %d passes x %d MiB; authdesk allows %d GiB-passes, %d GiB at most): it was changed; export it again", ErrDamaged, what, p.Passes, p.MemoryKiB>>10, maxArgon2WorkKiB>>20, maxArgon2MemoryKiB>>20)
	}
	return nil
}

// argon2idKey derives an n-byte key after checking p. The caller wipes it.
func argon2idKey(password, salt []byte, p argon2Params, n uint32, what string) ([]byte, error) {
	if err := p.check(what); err != nil {
		return nil, err
	}
	k := argon2.IDKey(password, salt, uint32(p.Passes), uint32(p.MemoryKiB), uint8(p.Lanes), n)
	// The work memory (up to a GiB) holds password-derived blocks that Go
	// never zeroes: hand it back to the OS now.
	debug.FreeOSMemory()
	return k, nil
}

func wipe(b []byte) {
	for i := range b {
		b[i] = 0
	}
}
