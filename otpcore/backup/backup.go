package backup

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"runtime/debug"
	"time"

	"golang.org/x/crypto/argon2"

	"authdesk/otpcore"
)

// Sentinel errors; match them with errors.Is.
var (
	// ErrFormat: the data is not an authdesk backup, or its header is damaged.
	ErrFormat = errors.New("not an authdesk backup")
	// ErrVersion: the backup was made by a newer authdesk.
	ErrVersion = errors.New("unsupported backup version")
	// ErrParams: the key-derivation parameters are out of bounds.
	ErrParams = errors.New("bad key-derivation parameters")
	// ErrWrongPassword: the password does not open the backup, or the
	// backup was changed since it was written.
	ErrWrongPassword = errors.New("wrong backup password, or the backup was changed")
	// ErrEmptyPassword: a backup needs a password.
	ErrEmptyPassword = errors.New("the backup password is empty")
)

// Names and sizes of the format.
const (
	FormatName = "authdesk-backup"
	Version    = 1
	KDFName    = "argon2id"
	CipherName = "aes-256-gcm"
	// AssociatedData is authenticated with the ciphertext.
	AssociatedData = "authdesk-backup/v1"
	SaltSize       = 16
	KeySize        = 32
	NonceSize      = 12
	// MaxSize bounds the data Open reads (a backup of 10,000 accounts is
	// about 3 MB).
	MaxSize = 32 << 20
)

// Params are the Argon2id cost parameters.
type Params struct {
	Time      uint32 // passes
	MemoryKiB uint32
	Threads   uint8
}

// Default is the vault's own cost: about half a second on the reference
// machine (128 MiB, 6 passes, 2 lanes).
var Default = Params{Time: 6, MemoryKiB: 128 << 10, Threads: 2}

// Cheap is for tests only.
var Cheap = Params{Time: 1, MemoryKiB: 64, Threads: 1}

// Bounds accepted from a header, checked before any work: only authdesk
// writes these files (Default, and 256 MiB x 4 passes before it), so a
// header asking for more was changed, and must not make Open take
// gigabytes or minutes.
const (
	maxTime   = 64
	maxMemory = 512 << 10 // KiB: 512 MiB
	maxWork   = 2 << 20   // KiB x passes: 2 GiB-passes, 2.7 times Default
)

// Validate checks the parameters against the bounds Open accepts.
func (p Params) Validate() error {
	switch {
	case p.Threads < 1:
		return fmt.Errorf("%w: at least 1 thread", ErrParams)
	case p.Time < 1 || p.Time > maxTime:
		return fmt.Errorf("%w: time %d is not within 1-%d", ErrParams, p.Time, maxTime)
	case p.MemoryKiB < 8*uint32(p.Threads) || p.MemoryKiB > maxMemory:
		return fmt.Errorf("%w: memory %d KiB is not within %d-%d KiB", ErrParams, p.MemoryKiB, 8*uint32(p.Threads), maxMemory)
	case uint64(p.MemoryKiB)*uint64(p.Time) > maxWork:
		return fmt.Errorf("%w: %d passes over %d MiB is more work than authdesk ever asks (%d GiB-passes at most); the file was changed", ErrParams, p.Time, p.MemoryKiB>>10, maxWork>>20)
	}
	return nil
}

// deriveKey runs Argon2id and then hands its work memory (128 MiB by
// default, password-derived blocks that Go never zeroes) back to the OS at
// once, as the vault's own derivation does. The caller wipes the key.
func deriveKey(password, salt []byte, p Params) []byte {
	key := argon2.IDKey(password, salt, p.Time, p.MemoryKiB, p.Threads, KeySize)
	debug.FreeOSMemory()
	return key
}

// Entry is one account of a backup with its place in the vault.
type Entry struct {
	Name    string // the account's name in the vault
	Pinned  bool
	Account otpcore.Account
}

// Contents is what Open returns.
type Contents struct {
	Created time.Time
	Entries []Entry // in the vault's order
	// Skipped lists the entries that could not be read back, with why.
	Skipped []otpcore.Skipped
}

// Wipe zeroes every secret.
func (c *Contents) Wipe() {
	for i := range c.Entries {
		c.Entries[i].Account.Wipe()
	}
}

type header struct {
	Format     string     `json:"format"`
	Version    int        `json:"version"`
	KDF        kdfHeader  `json:"kdf"`
	Cipher     cipherHead `json:"cipher"`
	Ciphertext []byte     `json:"ciphertext"`
}

type kdfHeader struct {
	Alg       string `json:"alg"`
	Salt      []byte `json:"salt"`
	Time      uint32 `json:"time"`
	MemoryKiB uint32 `json:"memory_kib"`
	Threads   uint8  `json:"threads"`
}

type cipherHead struct {
	Alg   string `json:"alg"`
	Nonce []byte `json:"nonce"`
}

// Seal encrypts the entries under password. The entries' order is kept.
func Seal(entries []Entry, password []byte, p Params, now time.Time) ([]byte, error) {
	if len(password) == 0 {
		return nil, ErrEmptyPassword
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	plain, err := encodeContents(entries, now)
	if err != nil {
		return nil, err
	}
	defer wipe(plain)
	salt := make([]byte, SaltSize)
	nonce := make([]byte, NonceSize)
	if _, err := rand.Read(salt); err != nil {
		return nil, fmt.Errorf("no secure random source: %w", err)
	}
	if _, err := rand.Read(nonce); err != nil {
		return nil, fmt.Errorf("no secure random source: %w", err)
	}
	key := deriveKey(password, salt, p)
	defer wipe(key)
	aead, err := newGCM(key)
	if err != nil {
		return nil, err
	}
	h := header{Format: FormatName, Version: Version,
		KDF:        kdfHeader{Alg: KDFName, Salt: salt, Time: p.Time, MemoryKiB: p.MemoryKiB, Threads: p.Threads},
		Cipher:     cipherHead{Alg: CipherName, Nonce: nonce},
		Ciphertext: aead.Seal(nil, nonce, plain, []byte(AssociatedData))}
	out, err := json.MarshalIndent(h, "", " ")
	if err != nil {
		return nil, fmt.Errorf("cannot encode the backup: %w", err)
	}
	return append(out, '\n'), nil
}

// Is reports whether data looks like an authdesk backup (without checking
// more than the format name).
func Is(data []byte) bool {
	if len(data) > MaxSize {
		return false
	}
	var h struct {
		Format string `json:"format"`
	}
	return json.Unmarshal(data, &h) == nil && h.Format == FormatName
}

// Open decrypts a backup. Every error wraps a sentinel of this package.
func Open(data, password []byte) (Contents, error) {
	h, err := readHeader(data)
	if err != nil {
		return Contents{}, err
	}
	if len(password) == 0 {
		return Contents{}, ErrEmptyPassword
	}
	key := deriveKey(password, h.KDF.Salt, Params{Time: h.KDF.Time, MemoryKiB: h.KDF.MemoryKiB, Threads: h.KDF.Threads})
	defer wipe(key)
	aead, err := newGCM(key)
	if err != nil {
		return Contents{}, err
	}
	plain, err := aead.Open(nil, h.Cipher.Nonce, h.Ciphertext, []byte(AssociatedData))
	if err != nil {
		return Contents{}, ErrWrongPassword
	}
	defer wipe(plain)
	return decodeContents(plain)
}

func readHeader(data []byte) (header, error) {
	var h header
	if len(data) > MaxSize {
		return h, fmt.Errorf("%w: the file is larger than %d MiB", ErrFormat, MaxSize>>20)
	}
	if err := json.Unmarshal(data, &h); err != nil || h.Format != FormatName {
		return header{}, fmt.Errorf("%w: the file is damaged or of another kind", ErrFormat)
	}
	if h.Version != Version {
		return header{}, fmt.Errorf("%w: version %d (this authdesk reads version %d); update authdesk", ErrVersion, h.Version, Version)
	}
	switch {
	case h.KDF.Alg != KDFName:
		return header{}, fmt.Errorf("%w: unknown key derivation (want %s)", ErrFormat, KDFName)
	case h.Cipher.Alg != CipherName:
		return header{}, fmt.Errorf("%w: unknown cipher (want %s)", ErrFormat, CipherName)
	case len(h.KDF.Salt) < SaltSize:
		return header{}, fmt.Errorf("%w: the salt is %d bytes, want at least %d", ErrFormat, len(h.KDF.Salt), SaltSize)
	case len(h.Cipher.Nonce) != NonceSize:
		return header{}, fmt.Errorf("%w: the nonce is %d bytes, want %d", ErrFormat, len(h.Cipher.Nonce), NonceSize)
	}
	p := Params{Time: h.KDF.Time, MemoryKiB: h.KDF.MemoryKiB, Threads: h.KDF.Threads}
	if err := p.Validate(); err != nil {
		return header{}, err
	}
	return h, nil
}

func newGCM(key []byte) (cipher.AEAD, error) {
	b, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("backup cipher: %w", err)
	}
	return cipher.NewGCM(b)
}

func wipe(b []byte) {
	for i := range b {
		b[i] = 0
	}
}
