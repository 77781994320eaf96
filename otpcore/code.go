package otpcore

import (
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/binary"
	"fmt"
	"hash"
	"time"
)

// The HOTP core (RFC 4226 section 5.3) is a dozen lines over an HMAC
// whose pads this package owns and wipes (hmac.go), not crypto/hmac.
// It is written here rather than called through pquerna/otp because that
// library takes the key as a Base32 string, which cannot be wiped and
// would be decoded again for every code; the tests check this code against
// pquerna/otp and the RFC vectors.

var pow10 = [...]uint64{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10}

const steamAlphabet = "23456789BCDFGHJKMNPQRTVWXY"

func (a Algorithm) hash() func() hash.Hash {
	switch a {
	case SHA256:
		return sha256.New
	case SHA512:
		return sha512.New
	}
	return sha1.New
}

// truncate computes the RFC 4226 dynamic truncation of HMAC(key, counter):
// a 31-bit integer.
func truncate(key []byte, counter uint64, alg Algorithm) uint32 {
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], counter)
	var buf [sha512.Size]byte
	sum := hmacSum(alg, buf[:0], key, msg[:])
	defer clear(buf[:])
	off := sum[len(sum)-1] & 0x0f
	return binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
}

// HOTPCode is the RFC 4226 code of key at counter: digits decimal digits,
// zero-padded (digits 1 to 10).
func HOTPCode(key []byte, counter uint64, digits int, alg Algorithm) string {
	if digits < 1 || digits > 10 {
		digits = DefaultDigits
	}
	v := uint64(truncate(key, counter, alg)) % pow10[digits]
	var out [10]byte
	for i := digits - 1; i >= 0; i-- {
		out[i] = byte('0' + v%10)
		v /= 10
	}
	return string(out[:digits])
}

// SteamCode is the Steam Guard code of key at counter: 5 characters of
// Steam's 26-letter alphabet.
func SteamCode(key []byte, counter uint64) string {
	v := truncate(key, counter, SHA1)
	var out [SteamDigits]byte
	for i := range out {
		out[i] = steamAlphabet[v%uint32(len(steamAlphabet))]
		v /= uint32(len(steamAlphabet))
	}
	return string(out[:])
}

// TimeStep is the RFC 6238 counter T = floor(unix(t) / period).
func TimeStep(t time.Time, period int) (uint64, error) {
	sec := t.Unix()
	if sec < 0 {
		return 0, fmt.Errorf("%w: the clock reads %s; set the system clock", ErrTime, t.UTC().Format(time.RFC3339))
	}
	if period < 1 {
		return 0, fmt.Errorf("%w: must be at least 1 second", ErrPeriod)
	}
	return uint64(sec) / uint64(period), nil
}

// Code is the account's code at time t. HOTP accounts ignore t and use
// their counter.
func (a Account) Code(t time.Time) (string, error) {
	if err := a.Validate(); err != nil {
		return "", err
	}
	if a.Type == HOTP {
		return HOTPCode(a.Secret, a.Counter, a.Digits, a.Algorithm), nil
	}
	step, err := TimeStep(t, a.Period)
	if err != nil {
		return "", err
	}
	return a.codeAtStep(step), nil
}

func (a Account) codeAtStep(step uint64) string {
	if a.Type == Steam {
		return SteamCode(a.Secret, step)
	}
	return HOTPCode(a.Secret, step, a.Digits, a.Algorithm)
}

// NextCode is the code that follows Code(t): the next period's for TOTP and
// Steam, the next counter's for HOTP.
func (a Account) NextCode(t time.Time) (string, error) {
	if err := a.Validate(); err != nil {
		return "", err
	}
	if a.Type == HOTP {
		return HOTPCode(a.Secret, a.Counter+1, a.Digits, a.Algorithm), nil
	}
	step, err := TimeStep(t, a.Period)
	if err != nil {
		return "", err
	}
	return a.codeAtStep(step + 1), nil
}

// PreviousCode is the code before Code(t) (TOTP and Steam; for HOTP the
// previous counter's, or "" at counter 0). Help desks use it to tell a
// slow clock from a wrong key.
func (a Account) PreviousCode(t time.Time) (string, error) {
	if err := a.Validate(); err != nil {
		return "", err
	}
	if a.Type == HOTP {
		if a.Counter == 0 {
			return "", nil
		}
		return HOTPCode(a.Secret, a.Counter-1, a.Digits, a.Algorithm), nil
	}
	step, err := TimeStep(t, a.Period)
	if err != nil || step == 0 {
		return "", err
	}
	return a.codeAtStep(step - 1), nil
}

// Remaining is the time left before the code of a TOTP or Steam account
// changes (0 for HOTP).
func (a Account) Remaining(t time.Time) time.Duration {
	if a.Type == HOTP || a.Period < 1 {
		return 0
	}
	p := time.Duration(a.Period) * time.Second
	since := time.Duration(t.UnixNano()) % p
	if since < 0 {
		since += p
	}
	return p - since
}

// GroupCode splits a code for reading: "123 456", "1234 5678", "123 456 789";
// Steam's 5 characters stay whole.
func GroupCode(code string) string {
	n := len(code)
	switch {
	case n <= 5:
		return code
	case n == 8:
		return code[:4] + " " + code[4:]
	case n%3 == 0:
		out := code[:3]
		for i := 3; i < n; i += 3 {
			out += " " + code[i:i+3]
		}
		return out
	}
	// 7 and 10 digits: 3-4 / 3-3-4
	if n == 7 {
		return code[:3] + " " + code[3:]
	}
	return code[:3] + " " + code[3:6] + " " + code[6:]
}
