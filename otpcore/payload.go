package otpcore

import (
	"fmt"
	"strings"
)

// Kind says what a decoded QR code (or pasted text) holds.
type Kind int

// Kinds of payload.
const (
	KindText      Kind = iota // plain text, no key
	KindOTPAuth               // an otpauth:// account
	KindMigration             // a Google Authenticator export
	KindWebLink               // an http(s):// link
)

// String names the kind for --json output.
func (k Kind) String() string {
	switch k {
	case KindOTPAuth:
		return "otpauth"
	case KindMigration:
		return "otpauth-migration"
	case KindWebLink:
		return "web-link"
	}
	return "text"
}

// Hint is the sentence shown to a person when the payload holds no key.
func (k Kind) Hint() string {
	switch k {
	case KindWebLink:
		return "this QR code is a web link, not an authenticator key; scan the code the portal shows under \"Register device\""
	case KindText:
		return "this QR code holds plain text, not an authenticator key; scan the code the portal shows under \"Register device\""
	}
	return ""
}

// Classify tells the kind of a payload from its scheme, without parsing it.
func Classify(text string) Kind {
	t := strings.TrimSpace(text)
	switch {
	case hasPrefixFold(t, otpauthScheme):
		return KindOTPAuth
	case hasPrefixFold(t, migrationScheme):
		return KindMigration
	case hasPrefixFold(t, "http://"), hasPrefixFold(t, "https://"), hasPrefixFold(t, "www."):
		return KindWebLink
	}
	return KindText
}

// ParsePayload reads the accounts of a decoded QR code: one for an otpauth
// link, all of a Google export's batch. A web link or plain text gives
// ErrNotOTP with the kind's hint; a malformed link its parse error.
func ParsePayload(text string) ([]Account, Kind, error) {
	k := Classify(text)
	switch k {
	case KindOTPAuth:
		acc, err := ParseURI(text)
		if err != nil {
			return nil, k, err
		}
		return []Account{acc}, k, nil
	case KindMigration:
		b, err := ParseMigration(text)
		if err != nil {
			return nil, k, err
		}
		if len(b.Accounts) == 0 {
			return nil, k, fmt.Errorf("%w: every account of this export is unsupported (%s)", ErrMigration, b.Skipped[0].Reason)
		}
		return b.Accounts, k, nil
	}
	return nil, k, fmt.Errorf("%w: %s", ErrNotOTP, k.Hint())
}
