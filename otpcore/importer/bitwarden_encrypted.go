package importer

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strings"

	"golang.org/x/crypto/pbkdf2"
)

// Bitwarden's password-protected JSON export: {"encrypted":true,
// "passwordProtected":true,"salt":S,"kdfType":0|1,"kdfIterations":N,
// "kdfMemory":MiB|null,"kdfParallelism":P|null,
// "encKeyValidation_DO_NOT_EDIT":ENC,"data":ENC}. The key is
// PBKDF2-HMAC-SHA256(password, S, N) for kdfType 0, or Argon2id(password,
// SHA-256(S), N passes, kdfMemory MiB, P lanes) for kdfType 1, S being the
// salt's text as it stands (not Base64-decoded); HKDF-Expand-SHA256 of it
// with the info "enc" and "mac" gives a 32-byte AES key and a 32-byte HMAC
// key. Each ENC is an EncString of type 2, "2.IV|CT|MAC" (Base64 parts):
// AES-256-CBC with PKCS#7 padding, MAC = HMAC-SHA256(mac key, IV || CT),
// checked before decrypting. The validation value opens only with the
// right password; data is the plain JSON export. (As bitwarden/clients
// derives the key (deriveKeyFromPassword, stretchKey) and as KeePassXC
// reads these files: src/format/BitwardenReader.cpp.)
//
// An "account restricted" export (encrypted, not passwordProtected) is
// sealed with the Bitwarden account's own key, which a file cannot give:
// it is refused with what to do.

type bitwardenSealed struct {
	Encrypted         bool    `json:"encrypted"`
	PasswordProtected bool    `json:"passwordProtected"`
	Salt              *string `json:"salt"`
	KdfType           *int    `json:"kdfType"`
	KdfIterations     *int64  `json:"kdfIterations"`
	KdfMemory         *int64  `json:"kdfMemory"`
	KdfParallelism    *int64  `json:"kdfParallelism"`
	Validation        string  `json:"encKeyValidation_DO_NOT_EDIT"`
	Data              string  `json:"data"`
}

const (
	bitwardenPBKDF2    = 0
	bitwardenArgon2id  = 1
	maxPBKDF2Rounds    = 5_000_000 // Bitwarden allows up to 2,000,000
	bitwardenEncString = "2"       // AesCbc256_HmacSha256_B64
)

// openBitwarden returns the plain JSON of a password-protected export.
func openBitwarden(f bitwardenSealed, password []byte) ([]byte, error) {
	if !f.PasswordProtected {
		return nil, fmt.Errorf("%w: this Bitwarden export is \"account restricted\" (sealed with the Bitwarden account's key); export the vault again as \"password protected\", or as unencrypted JSON or CSV", ErrUnsupported)
	}
	if f.Salt == nil || *f.Salt == "" || f.KdfType == nil || f.KdfIterations == nil || f.Validation == "" || f.Data == "" {
		return nil, fmt.Errorf("%w: the password-protected Bitwarden export lacks its salt, key derivation settings or data", ErrDamaged)
	}
	val, err := parseEncString(f.Validation)
	if err != nil {
		return nil, err
	}
	data, err := parseEncString(f.Data)
	if err != nil {
		return nil, err
	}
	derive, err := bitwardenKDF(f)
	if err != nil {
		return nil, err
	}
	if len(password) == 0 {
		return nil, fmt.Errorf("%w: type the password the Bitwarden export was protected with (not necessarily the master password)", ErrPasswordNeeded)
	}
	master, err := derive(password)
	if err != nil {
		return nil, err
	}
	encKey, err1 := hkdf.Expand(sha256.New, master, "enc", 32)
	macKey, err2 := hkdf.Expand(sha256.New, master, "mac", 32)
	wipe(master)
	defer wipe(encKey)
	defer wipe(macKey)
	if err1 != nil || err2 != nil {
		return nil, fmt.Errorf("%w: HKDF failed", ErrDamaged)
	}
	if !val.authentic(macKey) {
		return nil, fmt.Errorf("%w: it does not open this Bitwarden export", ErrWrongPassword)
	}
	if !data.authentic(macKey) {
		return nil, fmt.Errorf("%w: the password is right but the Bitwarden export's data was changed or cut short", ErrDamaged)
	}
	plain, ok := data.decrypt(encKey)
	if !ok {
		return nil, fmt.Errorf("%w: the Bitwarden export's data does not decrypt", ErrDamaged)
	}
	return plain, nil
}

// bitwardenKDF checks the key derivation settings (before any work) and
// returns the derivation.
func bitwardenKDF(f bitwardenSealed) (func(password []byte) ([]byte, error), error) {
	salt := []byte(*f.Salt)
	iter := *f.KdfIterations
	switch *f.KdfType {
	case bitwardenPBKDF2:
		if iter < 1 || iter > maxPBKDF2Rounds {
			return nil, fmt.Errorf("%w: the Bitwarden export asks for %d PBKDF2 iterations (1 to %d are allowed): it was changed; export it again", ErrDamaged, iter, maxPBKDF2Rounds)
		}
		return func(pw []byte) ([]byte, error) { return pbkdf2.Key(pw, salt, int(iter), 32, sha256.New), nil }, nil
	case bitwardenArgon2id:
		if f.KdfMemory == nil || f.KdfParallelism == nil || *f.KdfMemory < 1 || *f.KdfParallelism < 1 || iter < 1 || *f.KdfMemory > 1<<20 {
			return nil, fmt.Errorf("%w: the Bitwarden export's Argon2id settings are missing or invalid", ErrDamaged)
		}
		p := argon2Params{Passes: uint64(iter), MemoryKiB: uint64(*f.KdfMemory) << 10, Lanes: uint64(*f.KdfParallelism)}
		if err := p.check("Bitwarden export"); err != nil {
			return nil, err
		}
		h := sha256.Sum256(salt)
		return func(pw []byte) ([]byte, error) { return argon2idKey(pw, h[:], p, 32, "Bitwarden export") }, nil
	}
	return nil, fmt.Errorf("%w: Bitwarden key derivation type %d (authdesk reads PBKDF2 and Argon2id)", ErrUnsupported, *f.KdfType)
}

// encString is a Bitwarden EncString of type 2.
type encString struct{ iv, ct, mac []byte }

func parseEncString(s string) (encString, error) {
	typ, rest, ok := strings.Cut(s, ".")
	if !ok {
		return encString{}, fmt.Errorf("%w: a Bitwarden encrypted value is malformed", ErrDamaged)
	}
	if typ != bitwardenEncString {
		return encString{}, fmt.Errorf("%w: a Bitwarden encryption type other than 2 (authdesk reads type 2, AES-CBC with HMAC)", ErrUnsupported)
	}
	parts := strings.Split(rest, "|")
	if len(parts) != 3 {
		return encString{}, fmt.Errorf("%w: a Bitwarden encrypted value has %d parts, not 3", ErrDamaged, len(parts))
	}
	var raw [3][]byte
	for i, p := range parts {
		b, err := base64.StdEncoding.DecodeString(p)
		if err != nil {
			return encString{}, fmt.Errorf("%w: a Bitwarden encrypted value is not valid Base64 (cut short or edited?)", ErrDamaged)
		}
		raw[i] = b
	}
	e := encString{iv: raw[0], ct: raw[1], mac: raw[2]}
	if len(e.iv) != aes.BlockSize || len(e.ct) == 0 || len(e.ct)%aes.BlockSize != 0 || len(e.mac) != sha256.Size {
		return encString{}, fmt.Errorf("%w: a Bitwarden encrypted value has the wrong sizes (cut short or edited?)", ErrDamaged)
	}
	return e, nil
}

// authentic checks the MAC over IV || CT in constant time.
func (e encString) authentic(macKey []byte) bool {
	m := hmac.New(sha256.New, macKey)
	m.Write(e.iv)
	m.Write(e.ct)
	return hmac.Equal(m.Sum(nil), e.mac)
}

// decrypt is AES-256-CBC and PKCS#7 unpadding; call it only after
// authentic.
func (e encString) decrypt(key []byte) ([]byte, bool) {
	b, err := aes.NewCipher(key)
	if err != nil {
		return nil, false
	}
	out := make([]byte, len(e.ct))
	cipher.NewCBCDecrypter(b, e.iv).CryptBlocks(out, e.ct)
	n := int(out[len(out)-1])
	if n < 1 || n > aes.BlockSize {
		wipe(out)
		return nil, false
	}
	for _, c := range out[len(out)-n:] {
		if int(c) != n {
			wipe(out)
			return nil, false
		}
	}
	return out[:len(out)-n], true
}
