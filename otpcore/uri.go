package otpcore

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxURILength bounds the text ParseURI reads; longer input is refused
// before any parsing.
const MaxURILength = 8192

// MaxLabelPart bounds the issuer and the account name of a link, and
// MaxURIKey its key: real ones are a few dozen bytes, and within these
// bounds ExportURI's link (every byte of a name escaped, the issuer written
// twice) always fits in MaxURILength, so it reads back.
const (
	MaxLabelPart = 512
	MaxURIKey    = 1024
)

const (
	otpauthScheme   = "otpauth://"
	migrationScheme = "otpauth-migration://"
)

// ParseURI parses an otpauth:// URI (Google's Key URI Format, with the
// leniency real producers need) into a validated Account.
//
//   - The label is "issuer:account" (the colon may be %3A, spaces may follow
//     it) or just "account", and may be empty (otpauth://hotp/?secret=...):
//     the person names the account then. The issuer ends at the first
//     colon (unless the issuer parameter holds a colon and the label
//     starts with it); later colons belong to the account name
//     ("admin@host:8080"). Raw spaces and a raw '#' in the label are
//     accepted.
//   - A non-empty issuer parameter wins over the label prefix ("If the
//     issuer parameter is absent, issuer information may be taken from the
//     issuer prefix of the label", Key URI format); an empty one does not
//     erase the prefix.
//   - Parameter names are case-insensitive; unknown parameters are ignored;
//     a known parameter given twice with different values is refused.
//   - Defaults apply only where a parameter is absent: SHA1, 6 digits (5 for
//     Steam), 30 s, counter 0 (Key URI Format requires counter for hotp; like
//     Google Authenticator we take 0 when it is absent).
//   - Steam Guard is otpauth://steam/... or otpauth://totp/...&encoder=steam.
//
// Errors wrap a sentinel (ErrScheme, ErrType, ErrLabel, ErrSecret,
// ErrAlgorithm, ErrDigits, ErrPeriod, ErrCounter, ErrParameter) and never
// quote the secret, the URI or any value taken from it.
func ParseURI(s string) (Account, error) {
	s = strings.TrimSpace(s)
	if len(s) > MaxURILength {
		return Account{}, fmt.Errorf("%w: the text is %d bytes, longer than any otpauth link (%d)", ErrScheme, len(s), MaxURILength)
	}
	if len(s) < len(otpauthScheme) || !strings.EqualFold(s[:len(otpauthScheme)], otpauthScheme) {
		if hasPrefixFold(s, migrationScheme) {
			return Account{}, fmt.Errorf("%w: this is a Google Authenticator export (otpauth-migration://), which holds several accounts; import or scan it instead", ErrScheme)
		}
		return Account{}, fmt.Errorf("%w: it should start with otpauth://", ErrScheme)
	}
	rest := s[len(otpauthScheme):]

	// type: up to the first '/' or '?'
	end := strings.IndexAny(rest, "/?")
	if end < 0 {
		end = len(rest)
	}
	typ, err := ParseType(rest[:end])
	if err != nil {
		// Not quoted: a mangled link may have its query here.
		return Account{}, fmt.Errorf("%w: after otpauth:// comes totp, hotp or steam", ErrType)
	}
	rest = rest[end:]

	// label: up to the first '?'; query: the rest. No url.Parse: a raw '#'
	// in a label is common and must not become a fragment.
	var rawLabel, rawQuery string
	if strings.HasPrefix(rest, "/") {
		rest = rest[1:]
	}
	if q := strings.IndexByte(rest, '?'); q >= 0 {
		rawLabel, rawQuery = rest[:q], rest[q+1:]
	} else {
		rawLabel = rest
	}

	params, err := parseParams(rawQuery)
	if err != nil {
		return Account{}, err
	}
	issuerParam := strings.TrimSpace(params["issuer"])
	if !utf8.ValidString(issuerParam) {
		return Account{}, fmt.Errorf("%w: issuer= is not valid UTF-8", ErrParameter)
	}
	if len(issuerParam) > MaxLabelPart {
		return Account{}, fmt.Errorf("%w: issuer= is %d bytes, longer than %d; type the issuer yourself", ErrParameter, len(issuerParam), MaxLabelPart)
	}
	issuerFromLabel, name, err := parseLabel(rawLabel, issuerParam)
	if err != nil {
		return Account{}, err
	}

	acc := NewAccount(typ, name, issuerFromLabel, nil)
	if issuerParam != "" {
		acc.Issuer = issuerParam
	}
	if v, ok := params["encoder"]; ok && strings.EqualFold(v, "steam") {
		acc.Type, acc.Digits = Steam, SteamDigits
	}
	sec, ok := params["secret"]
	if !ok {
		return Account{}, fmt.Errorf("%w: the link has no secret= parameter", ErrSecret)
	}
	if acc.Secret, err = DecodeBase32(sec); err != nil {
		return Account{}, err
	}
	if len(acc.Secret) > MaxURIKey {
		n := len(acc.Secret)
		acc.Wipe()
		return Account{}, fmt.Errorf("%w: the key is %d bytes, longer than any authenticator key (%d)", ErrSecret, n, MaxURIKey)
	}
	if err := applyParams(&acc, params); err != nil {
		acc.Wipe()
		return Account{}, err
	}
	if err := acc.Validate(); err != nil {
		acc.Wipe()
		return Account{}, err
	}
	return acc, nil
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// parseLabel splits "issuer:account" after percent-decoding, at the first
// colon (a raw ':' and "%3A" decode alike), and trims the blanks around
// both parts. The Key URI format's grammar, label = accountname / issuer
// (":" / "%3A") *"%20" accountname, lets no colon into the issuer, so the
// first colon ends it; self-hosted portals put a host:port in the account
// name (Nextcloud: "Nextcloud:admin@localhost:8080"), so later colons stay
// in the name. One exception: when the issuer parameter itself holds a
// colon and the label starts with it and a colon ("Text: More Text:bob",
// issuer=Text: More Text, as pyotp writes it), the prefix is that issuer.
func parseLabel(raw, issuerParam string) (issuer, name string, err error) {
	label, err := url.PathUnescape(raw)
	if err != nil {
		return "", "", fmt.Errorf("%w: the label has a bad %%-escape; percent-encode it or type the name yourself", ErrLabel)
	}
	if !utf8.ValidString(label) {
		return "", "", fmt.Errorf("%w: the label is not valid UTF-8", ErrLabel)
	}
	if strings.Contains(issuerParam, ":") {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(label), issuerParam+":"); ok {
			return issuerParam, strings.TrimSpace(rest), nil
		}
	}
	prefix, rest, found := strings.Cut(label, ":")
	if !found {
		prefix, rest = "", label
	}
	issuer, name = strings.TrimSpace(prefix), strings.TrimSpace(rest)
	if len(issuer) > MaxLabelPart || len(name) > MaxLabelPart {
		return "", "", fmt.Errorf("%w: the label is %d bytes, longer than an issuer and a name of %d each; type the name yourself", ErrLabel, len(label), MaxLabelPart)
	}
	return issuer, name, nil
}

// parseParams reads the query with url.ParseQuery (which, unlike
// url.URL.Query, reports malformed pairs) into lower-case keys.
func parseParams(raw string) (map[string]string, error) {
	q, err := url.ParseQuery(raw)
	if err != nil {
		// The url error quotes the input, which may hold the secret: drop it.
		return nil, fmt.Errorf("%w: the link's parameters are malformed (a bad %%-escape or a ';')", ErrParameter)
	}
	out := make(map[string]string, len(q))
	for k, vs := range q {
		key := strings.ToLower(k)
		for _, v := range vs {
			if prev, dup := out[key]; dup && prev != v && knownParam(key) {
				return nil, fmt.Errorf("%w: %s is given twice with different values", ErrParameter, key)
			}
			if _, dup := out[key]; !dup {
				out[key] = v
			}
		}
	}
	return out, nil
}

func knownParam(k string) bool {
	switch k {
	case "secret", "issuer", "algorithm", "digits", "period", "counter", "encoder":
		return true
	}
	return false
}

func applyParams(acc *Account, p map[string]string) error {
	if v, ok := p["algorithm"]; ok {
		alg, err := ParseAlgorithm(v)
		if err != nil {
			return fmt.Errorf("%w: algorithm= must be SHA1, SHA256 or SHA512", ErrAlgorithm)
		}
		acc.Algorithm = alg
	}
	if v, ok := p["digits"]; ok {
		n, err := strconv.Atoi(v)
		if err != nil {
			return fmt.Errorf("%w: digits= is not a number", ErrDigits)
		}
		acc.Digits = n
	}
	if v, ok := p["period"]; ok && acc.Type != HOTP {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 1 || n > MaxPeriod {
			return fmt.Errorf("%w: period= must be a number of seconds from 1 to %d", ErrPeriod, MaxPeriod)
		}
		acc.Period = int(n)
	}
	if v, ok := p["counter"]; ok && acc.Type == HOTP {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			return fmt.Errorf("%w: counter= must be a whole number from 0", ErrCounter)
		}
		acc.Counter = n
	}
	return nil
}

// ExportURI formats the account as an otpauth:// URI that ParseURI reads
// back to the same account. It holds the secret: an explicit export, never
// to be logged.
func (a Account) ExportURI() string {
	var b strings.Builder
	b.WriteString(otpauthScheme)
	if a.Type == HOTP {
		b.WriteString("hotp/")
	} else {
		b.WriteString("totp/")
	}
	b.WriteString(exportLabel(a.Issuer, a.Name))
	b.WriteString("?secret=")
	b.WriteString(a.Secret.Base32())
	if a.Issuer != "" {
		b.WriteString("&issuer=")
		b.WriteString(url.QueryEscape(a.Issuer))
	}
	b.WriteString("&algorithm=" + a.Algorithm.String())
	b.WriteString("&digits=" + strconv.Itoa(a.Digits))
	if a.Type == HOTP {
		b.WriteString("&counter=" + strconv.FormatUint(a.Counter, 10))
	} else {
		b.WriteString("&period=" + strconv.Itoa(a.Period))
	}
	if a.Type == Steam {
		b.WriteString("&encoder=steam")
	}
	return b.String()
}

// exportLabel is the label ParseURI splits back into issuer and name. The
// issuer ends at the first colon, so an issuer holding one goes only in the
// issuer parameter; a name holding one gets a prefix (an empty one when the
// issuer cannot be it), so that its own colons are never the first.
func exportLabel(issuer, name string) string {
	prefix := issuer
	if strings.Contains(issuer, ":") {
		prefix = ""
	}
	if prefix == "" && !strings.Contains(name, ":") {
		return escapeLabel(name)
	}
	return escapeLabel(prefix) + ":" + escapeLabel(name)
}

// escapeLabel percent-encodes a label part, colons included, so that it
// never splits differently when read back.
func escapeLabel(s string) string {
	return strings.ReplaceAll(url.PathEscape(s), ":", "%3A")
}
