package otpcore

import (
	"fmt"
	"strings"
)

// Type is the kind of one-time password an account produces.
type Type int

// Account types.
const (
	TOTP  Type = iota // RFC 6238, time-based
	HOTP              // RFC 4226, counter-based
	Steam             // Steam Guard: TOTP with a 5-character alphabet code
)

// String is the lower-case name used in otpauth URIs and in `vault list`.
func (t Type) String() string {
	switch t {
	case TOTP:
		return "totp"
	case HOTP:
		return "hotp"
	case Steam:
		return "steam"
	}
	return fmt.Sprintf("type(%d)", int(t))
}

// ParseType reads "totp", "hotp" or "steam" in any case.
func ParseType(s string) (Type, error) {
	switch strings.ToLower(s) {
	case "totp":
		return TOTP, nil
	case "hotp":
		return HOTP, nil
	case "steam":
		return Steam, nil
	}
	return 0, fmt.Errorf("%w %q: use totp, hotp or steam", ErrType, clip(s))
}

// Algorithm is the HMAC hash function.
type Algorithm int

// Hash algorithms of RFC 6238.
const (
	SHA1 Algorithm = iota
	SHA256
	SHA512
)

// String is the upper-case name used in otpauth URIs.
func (a Algorithm) String() string {
	switch a {
	case SHA1:
		return "SHA1"
	case SHA256:
		return "SHA256"
	case SHA512:
		return "SHA512"
	}
	return fmt.Sprintf("algorithm(%d)", int(a))
}

// ParseAlgorithm reads SHA1, SHA256 or SHA512 in any case (also with a dash,
// "SHA-256").
func ParseAlgorithm(s string) (Algorithm, error) {
	switch strings.ReplaceAll(strings.ToUpper(s), "-", "") {
	case "SHA1":
		return SHA1, nil
	case "SHA256":
		return SHA256, nil
	case "SHA512":
		return SHA512, nil
	}
	return 0, fmt.Errorf("%w %q: use SHA1, SHA256 or SHA512", ErrAlgorithm, clip(s))
}

// Limits of the account fields.
const (
	MinDigits     = 6
	MaxDigits     = 10 // RFC 4226 allows more than 8; some issuers use 9
	SteamDigits   = 5
	DefaultDigits = 6
	DefaultPeriod = 30
	MaxPeriod     = 1<<31 - 1
)

// Account is one authenticator key with its parameters. Name is the account
// name of the otpauth label ("alice@example.com"); Issuer the service
// ("Example"). The zero Algorithm is SHA1.
type Account struct {
	Type      Type
	Name      string
	Issuer    string
	Secret    Secret
	Algorithm Algorithm
	Digits    int    // 6-10 for TOTP/HOTP, 5 for Steam
	Period    int    // seconds, TOTP and Steam
	Counter   uint64 // HOTP: the counter of the next code
}

// NewAccount returns an account of type t with the default parameters
// (SHA1, 6 digits or 5 for Steam, 30 s) and the given secret.
func NewAccount(t Type, name, issuer string, secret Secret) Account {
	a := Account{Type: t, Name: name, Issuer: issuer, Secret: secret,
		Algorithm: SHA1, Digits: DefaultDigits, Period: DefaultPeriod}
	if t == Steam {
		a.Digits = SteamDigits
	}
	return a
}

// Validate checks every field and names the first bad one.
func (a Account) Validate() error {
	switch a.Type {
	case TOTP, HOTP, Steam:
	default:
		return fmt.Errorf("%w: use totp, hotp or steam", ErrType)
	}
	if len(a.Secret) == 0 {
		return fmt.Errorf("%w: the key is empty", ErrSecret)
	}
	switch a.Algorithm {
	case SHA1, SHA256, SHA512:
	default:
		return fmt.Errorf("%w: use SHA1, SHA256 or SHA512", ErrAlgorithm)
	}
	if a.Type == Steam {
		if a.Digits != SteamDigits {
			return fmt.Errorf("%w: Steam Guard codes have %d characters", ErrDigits, SteamDigits)
		}
	} else if a.Digits < MinDigits || a.Digits > MaxDigits {
		return fmt.Errorf("%w: must be %d to %d", ErrDigits, MinDigits, MaxDigits)
	}
	if a.Type != HOTP && (a.Period < 1 || a.Period > MaxPeriod) {
		return fmt.Errorf("%w: must be 1 to %d seconds", ErrPeriod, MaxPeriod)
	}
	return nil
}

// Clone returns a copy whose secret does not share memory with a.
func (a Account) Clone() Account {
	a.Secret = a.Secret.Clone()
	return a
}

// Wipe zeroes the secret in place.
func (a *Account) Wipe() {
	a.Secret.Wipe()
	a.Secret = nil
}

// DisplayName is "Issuer: name", or whichever of the two is set.
func (a Account) DisplayName() string {
	switch {
	case a.Issuer != "" && a.Name != "":
		return a.Issuer + ": " + a.Name
	case a.Issuer != "":
		return a.Issuer
	}
	return a.Name
}

// String describes the account without its secret.
func (a Account) String() string {
	s := fmt.Sprintf("%s %q (%s, %d digits", a.Type, a.DisplayName(), a.Algorithm, a.Digits)
	if a.Type == HOTP {
		return s + fmt.Sprintf(", counter %d)", a.Counter)
	}
	return s + fmt.Sprintf(", %d s)", a.Period)
}

// GoString describes the account without its secret (for %#v).
func (a Account) GoString() string { return "otpcore.Account{" + a.String() + "}" }

// clip shortens a user-supplied value quoted in an error message.
func clip(s string) string {
	const max = 24
	if len(s) <= max {
		return s
	}
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	return string(r[:max]) + "..."
}
