package importer

import (
	"crypto/sha1"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strings"

	"golang.org/x/crypto/pbkdf2"
)

// andOTP backups: a JSON array of entries, or an encrypted .bin.
//
//   - Current format: iterations (4 bytes, big-endian) | salt (12) | IV (12)
//     | AES-256-GCM ciphertext and tag; key = PBKDF2-HMAC-SHA1(password,
//     salt, iterations, 32 bytes).
//   - Old format (andOTP before 0.6.3): IV (12) | AES-256-GCM ciphertext
//     and tag; key = SHA-256(password).
//
// The current format is tried first, then the old one.

const (
	andOTPSaltSize = 12
	andOTPIVSize   = 12
	andOTPTagSize  = 16
	// andOTP picks 140,000-160,000 iterations; more than this is a damaged
	// or hostile file (it would take minutes).
	andOTPMaxIterations = 5_000_000
)

type andOTPEntry struct {
	Secret    string   `json:"secret"`
	Issuer    string   `json:"issuer"`
	Label     string   `json:"label"`
	Digits    int      `json:"digits"`
	Type      string   `json:"type"`
	Algorithm string   `json:"algorithm"`
	Period    int      `json:"period"`
	Counter   int64    `json:"counter"`
	Tags      []string `json:"tags"`
}

func parseAndOTP(data, password []byte, r *Result) error {
	t := []byte(strings.TrimSpace(string(data)))
	if len(t) > 0 && t[0] == '[' {
		return parseAndOTPJSON(t, r)
	}
	if len(data) < andOTPIVSize+andOTPTagSize {
		return fmt.Errorf("%w: the andOTP backup is cut short (%d bytes)", ErrDamaged, len(data))
	}
	if len(password) == 0 {
		return fmt.Errorf("%w: type the andOTP backup's password", ErrPasswordNeeded)
	}
	plain, ok := openAndOTPCurrent(data, password)
	if !ok {
		plain, ok = openAndOTPOld(data, password)
	}
	if !ok {
		return fmt.Errorf("%w: it does not open this andOTP backup (or the backup was changed or cut short)", ErrWrongPassword)
	}
	defer wipe(plain)
	return parseAndOTPJSON(plain, r)
}

func openAndOTPCurrent(data, password []byte) ([]byte, bool) {
	const head = 4 + andOTPSaltSize + andOTPIVSize
	if len(data) < head+andOTPTagSize {
		return nil, false
	}
	iter := binary.BigEndian.Uint32(data)
	if iter < 1 || iter > andOTPMaxIterations {
		return nil, false
	}
	salt, iv := data[4:4+andOTPSaltSize], data[4+andOTPSaltSize:head]
	key := pbkdf2.Key(password, salt, int(iter), 32, sha1.New)
	defer wipe(key)
	return gcmOpen(key, iv, data[head:])
}

func openAndOTPOld(data, password []byte) ([]byte, bool) {
	key := sha256.Sum256(password)
	defer wipe(key[:])
	return gcmOpen(key[:], data[:andOTPIVSize], data[andOTPIVSize:])
}

func parseAndOTPJSON(data []byte, r *Result) error {
	var entries []andOTPEntry
	if err := json.Unmarshal(data, &entries); err != nil {
		return jsonErr(err)
	}
	for _, e := range entries {
		acc, err := fields{typ: e.Type, issuer: e.Issuer, name: e.Label, algo: e.Algorithm, key: e.Secret,
			digits: e.Digits, period: e.Period, counter: e.Counter}.account()
		if err != nil {
			r.skip(displayName(e.Issuer, e.Label), err.Error())
			continue
		}
		ent := Entry{Account: acc}
		if len(e.Tags) > 0 {
			ent.Group = e.Tags[0]
		}
		r.add(ent)
	}
	return nil
}
