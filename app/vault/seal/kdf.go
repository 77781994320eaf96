package seal

import (
	"crypto/rand"
	"errors"
	"fmt"
	"runtime/debug"

	"golang.org/x/crypto/argon2"
)

// KeySize is the size of every key: the KEK and the vault key.
const KeySize = 32

// SaltSize is the size of the random per-vault Argon2id salt.
const SaltSize = 16

// Params are the Argon2id cost parameters, stored beside the salt in the
// vault header so that a vault keeps opening when the defaults change.
type Params struct {
	Time    uint32 `json:"t"` // passes over memory
	Memory  uint32 `json:"m"` // KiB
	Threads uint8  `json:"p"` // lanes
}

// Default is tuned so that one derivation takes about half a second on the
// reference machine (2 cores): 128 MiB, 6 passes, 2 lanes, measured 0.49 s
// as every unlock runs it, on memory freshly taken from the OS (DeriveKEK
// hands it back after each derivation). 256 MiB and 4 passes took 0.86 s
// so; more passes over less memory keep the cost and halve the peak, which
// matters on kiosks.
var Default = Params{Time: 6, Memory: 128 << 10, Threads: 2}

// Cheap is for tests only: a derivation takes microseconds.
var Cheap = Params{Time: 1, Memory: 64, Threads: 1}

// Limits accepted from a stored header, so that a tampered header cannot
// make an unlock allocate gigabytes or run for hours.
const (
	maxTime   = 64
	maxMemory = 2 << 20 // KiB: 2 GiB
)

// ErrParams: stored or requested KDF parameters are out of range.
var ErrParams = errors.New("bad key-derivation parameters")

// Validate checks the parameters against sane bounds.
func (p Params) Validate() error {
	switch {
	case p.Threads < 1:
		return fmt.Errorf("%w: at least 1 thread", ErrParams)
	case p.Time < 1 || p.Time > maxTime:
		return fmt.Errorf("%w: time %d is not within 1-%d", ErrParams, p.Time, maxTime)
	case p.Memory < 8*uint32(p.Threads) || p.Memory > maxMemory:
		return fmt.Errorf("%w: memory %d KiB is not within %d-%d KiB", ErrParams, p.Memory, 8*uint32(p.Threads), maxMemory)
	}
	return nil
}

// NewSalt returns a fresh random salt.
func NewSalt() ([]byte, error) { return Random(SaltSize) }

// NewKey returns a fresh random 256-bit key.
func NewKey() ([]byte, error) { return Random(KeySize) }

// Random returns n bytes from the system's secure random source.
func Random(n int) ([]byte, error) {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return nil, fmt.Errorf("no secure random source: %w", err)
	}
	return b, nil
}

// DeriveKEK derives the key-encryption key from a password. The caller
// wipes the result.
func DeriveKEK(password, salt []byte, p Params) ([]byte, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if len(salt) < SaltSize {
		return nil, fmt.Errorf("%w: salt of %d bytes, want %d", ErrParams, len(salt), SaltSize)
	}
	kek := argon2.IDKey(password, salt, p.Time, p.Memory, p.Threads, KeySize)
	// Argon2id's work memory (128 MiB by default) is garbage now, and holds
	// password-derived blocks that Go never zeroes: hand it back to the OS
	// at once (its pages come back zeroed) rather than keep it resident in
	// a long-running app until the scavenger gets to it.
	debug.FreeOSMemory()
	return kek, nil
}

// Wipe overwrites b with zeros.
func Wipe(b []byte) {
	for i := range b {
		b[i] = 0
	}
}
