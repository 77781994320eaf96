package otpcore

import (
	"encoding/base32"
	"encoding/hex"
	"fmt"
	"strings"
)

// Secret is the raw key of an account. It never prints: String, GoString,
// Format and MarshalText hide it. Get the bytes with Bytes and a Base32 text
// only through the explicit export function Base32.
type Secret []byte

const redacted = "[secret]"

// String implements fmt.Stringer without revealing the secret.
func (Secret) String() string { return redacted }

// GoString implements fmt.GoStringer without revealing the secret.
func (Secret) GoString() string { return redacted }

// Format implements fmt.Formatter so that every verb (%x, %v, %s, %q...)
// prints the same redacted marker.
func (Secret) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(redacted)) }

// MarshalText refuses to serialise a secret by accident (encoding/json,
// encoding/xml...). Serialise with Bytes or Base32 explicitly.
func (Secret) MarshalText() ([]byte, error) {
	return nil, fmt.Errorf("%w: a secret is never serialised implicitly", ErrSecret)
}

// Bytes returns the raw key. The slice is shared: do not keep it past Wipe.
func (s Secret) Bytes() []byte { return s }

// Len is the key length in bytes.
func (s Secret) Len() int { return len(s) }

// Base32 exports the key as upper-case RFC 4648 Base32 without padding, the
// form authenticator apps print. It is an explicit export: never log it.
func (s Secret) Base32() string {
	return base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(s)
}

// Clone returns an independent copy.
func (s Secret) Clone() Secret {
	if s == nil {
		return nil
	}
	c := make(Secret, len(s))
	copy(c, s)
	return c
}

// Wipe overwrites the key with zeros.
func (s Secret) Wipe() {
	for i := range s {
		s[i] = 0
	}
}

// Equal reports whether two secrets hold the same bytes.
func (s Secret) Equal(o Secret) bool {
	if len(s) != len(o) {
		return false
	}
	var d byte
	for i := range s {
		d |= s[i] ^ o[i]
	}
	return d == 0
}

var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// cleanKey drops the separators people type or portals print (spaces, tabs,
// dashes, line breaks) and trailing '=' padding.
func cleanKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch r {
		case ' ', '\t', '\n', '\r', '-', '\u00a0':
			continue
		}
		b.WriteRune(r)
	}
	return strings.TrimRight(b.String(), "=")
}

// DecodeBase32 decodes a Base32 key as people type it: any case, with
// spaces or dashes, with or without '=' padding
// ("HIWNBLBBTMBV6H5HJTJHAEOSFPLEERR" with its 31 characters included).
// The error never quotes the key.
func DecodeBase32(s string) (Secret, error) {
	k := strings.ToUpper(cleanKey(s))
	if k == "" {
		return nil, fmt.Errorf("%w: the key is empty", ErrSecret)
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(c >= 'A' && c <= 'Z' || c >= '2' && c <= '7') {
			return nil, fmt.Errorf("%w: character %d is not Base32 (only A-Z and 2-7 are); check the key for 0/O, 1/I and 8/B", ErrSecret, i+1)
		}
	}
	switch len(k) % 8 {
	case 1, 3, 6:
		return nil, fmt.Errorf("%w: a Base32 key cannot have %d characters; a character is missing or extra", ErrSecret, len(k))
	}
	out, err := b32.DecodeString(k)
	if err != nil {
		return nil, fmt.Errorf("%w: the key is not valid Base32", ErrSecret)
	}
	return out, nil
}

// DecodeHex decodes a hexadecimal key, with an optional 0x prefix and the
// same separators as DecodeBase32 (also ':' between bytes).
func DecodeHex(s string) (Secret, error) {
	k := strings.ReplaceAll(cleanKey(s), ":", "")
	k = strings.TrimPrefix(strings.TrimPrefix(k, "0x"), "0X")
	if k == "" {
		return nil, fmt.Errorf("%w: the key is empty", ErrSecret)
	}
	if len(k)%2 != 0 {
		return nil, fmt.Errorf("%w: a hex key has an even number of digits, this one has %d", ErrSecret, len(k))
	}
	out := make(Secret, len(k)/2)
	if _, err := hex.Decode(out, []byte(k)); err != nil {
		out.Wipe()
		return nil, fmt.Errorf("%w: the key is not valid hex (only 0-9 and A-F)", ErrSecret)
	}
	return out, nil
}

// KeyEncoding names how a typed key is written.
type KeyEncoding int

// Key encodings for DecodeKey.
const (
	KeyAuto KeyEncoding = iota // Base32, or hex when it can only be hex
	KeyBase32
	KeyHex
)

// DecodeKey decodes a key typed by a person. With KeyAuto it is read as
// Base32 unless it starts with 0x or holds a digit Base32 never uses
// (0, 1, 8, 9) and is valid hex.
func DecodeKey(s string, enc KeyEncoding) (Secret, error) {
	switch enc {
	case KeyBase32:
		return DecodeBase32(s)
	case KeyHex:
		return DecodeHex(s)
	}
	k := cleanKey(s)
	if strings.HasPrefix(k, "0x") || strings.HasPrefix(k, "0X") || strings.ContainsAny(k, "0189") {
		if sec, err := DecodeHex(k); err == nil {
			return sec, nil
		}
	}
	return DecodeBase32(k)
}
