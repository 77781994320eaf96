package otpcore

import (
	"encoding/base64"
	"fmt"
	"net/url"
	"strings"

	"google.golang.org/protobuf/proto"

	"authdesk/otpcore/migrationpb"
)

// MaxMigrationLength bounds an otpauth-migration URI (a QR code holds at
// most 4,296 characters; exports of text files stay well below this).
const MaxMigrationLength = 1 << 16

// MigrationBatch is one decoded Google Authenticator export QR code.
// Google splits a large export into BatchSize codes sharing BatchID.
type MigrationBatch struct {
	Version    int32
	BatchSize  int32
	BatchIndex int32
	BatchID    int32
	Accounts   []Account
	// Skipped lists the entries that cannot be used (MD5, an unknown type,
	// an empty key), each with the reason; they are never dropped silently.
	Skipped []Skipped
}

// Skipped is an entry of an export that was not imported, and why.
type Skipped struct {
	Name   string
	Reason string
}

// ParseMigration decodes an otpauth-migration://offline?data=... URI.
// The data value is standard Base64 that producers percent-encode or not:
// a raw '+' stays a '+' (form decoding would corrupt it). Padding may be
// missing. Text before the scheme ("QR-Code:otpauth-migration://...") is
// refused, naming the stray prefix.
func ParseMigration(s string) (MigrationBatch, error) {
	s = strings.TrimSpace(s)
	if len(s) > MaxMigrationLength {
		return MigrationBatch{}, fmt.Errorf("%w: the text is %d bytes, longer than any export", ErrMigration, len(s))
	}
	if !hasPrefixFold(s, migrationScheme) {
		if i := strings.Index(strings.ToLower(s), migrationScheme); i > 0 {
			return MigrationBatch{}, fmt.Errorf("%w: remove the %d characters before otpauth-migration://", ErrMigration, i)
		}
		return MigrationBatch{}, fmt.Errorf("%w: it should start with otpauth-migration://", ErrMigration)
	}
	raw, err := migrationData(s[len(migrationScheme):])
	if err != nil {
		return MigrationBatch{}, err
	}
	var p migrationpb.MigrationPayload
	if err := proto.Unmarshal(raw, &p); err != nil {
		return MigrationBatch{}, fmt.Errorf("%w: the data is not a Google Authenticator export (damaged or cut short); scan or copy it again", ErrMigration)
	}
	wipeBytes(raw)
	b := MigrationBatch{Version: p.GetVersion(), BatchSize: p.GetBatchSize(),
		BatchIndex: p.GetBatchIndex(), BatchID: p.GetBatchId()}
	for _, op := range p.GetOtpParameters() {
		acc, reason := migrationAccount(op)
		wipeBytes(op.Secret)
		if reason != "" {
			b.Skipped = append(b.Skipped, Skipped{Name: op.GetName(), Reason: reason})
			continue
		}
		b.Accounts = append(b.Accounts, acc)
	}
	if len(b.Accounts) == 0 && len(b.Skipped) == 0 {
		return MigrationBatch{}, fmt.Errorf("%w: the export holds no accounts", ErrMigration)
	}
	return b, nil
}

// migrationData extracts and decodes the data= parameter of "offline?...".
func migrationData(rest string) ([]byte, error) {
	host, query, ok := strings.Cut(rest, "?")
	if !ok || !strings.EqualFold(strings.TrimSuffix(host, "/"), "offline") {
		return nil, fmt.Errorf("%w: expected otpauth-migration://offline?data=...", ErrMigration)
	}
	var data string
	found := false
	for _, pair := range strings.Split(query, "&") {
		k, v, _ := strings.Cut(pair, "=")
		if strings.EqualFold(k, "data") {
			data, found = v, true
			break
		}
	}
	if !found || data == "" {
		return nil, fmt.Errorf("%w: the link has no data= parameter", ErrMigration)
	}
	// PathUnescape decodes %XX but, unlike form decoding, keeps '+'.
	dec, err := url.PathUnescape(data)
	if err != nil {
		return nil, fmt.Errorf("%w: the data has a bad %%-escape", ErrMigration)
	}
	dec = strings.TrimRight(strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\n', '\r', '\t':
			return -1
		case '-':
			return '+'
		case '_':
			return '/'
		}
		return r
	}, dec), "=")
	raw, err := base64.RawStdEncoding.DecodeString(dec)
	if err != nil {
		return nil, fmt.Errorf("%w: the data is not valid Base64; scan or copy it again", ErrMigration)
	}
	return raw, nil
}

func migrationAccount(op *migrationpb.MigrationPayload_OtpParameters) (Account, string) {
	var acc Account
	switch op.GetType() {
	case migrationpb.MigrationPayload_OTP_TYPE_TOTP:
		acc.Type = TOTP
	case migrationpb.MigrationPayload_OTP_TYPE_HOTP:
		acc.Type = HOTP
		if op.GetCounter() < 0 {
			return Account{}, "negative HOTP counter"
		}
		acc.Counter = uint64(op.GetCounter())
	default:
		return Account{}, "unknown OTP type"
	}
	switch op.GetAlgorithm() {
	case migrationpb.MigrationPayload_ALGORITHM_UNSPECIFIED, migrationpb.MigrationPayload_ALGORITHM_SHA1:
		acc.Algorithm = SHA1
	case migrationpb.MigrationPayload_ALGORITHM_SHA256:
		acc.Algorithm = SHA256
	case migrationpb.MigrationPayload_ALGORITHM_SHA512:
		acc.Algorithm = SHA512
	default:
		return Account{}, "MD5 and unknown algorithms are not supported"
	}
	switch op.GetDigits() {
	case migrationpb.MigrationPayload_DIGIT_COUNT_UNSPECIFIED, migrationpb.MigrationPayload_DIGIT_COUNT_SIX:
		acc.Digits = 6
	case migrationpb.MigrationPayload_DIGIT_COUNT_EIGHT:
		acc.Digits = 8
	default:
		return Account{}, "unknown digit count"
	}
	if len(op.GetSecret()) == 0 {
		return Account{}, "empty key"
	}
	if len(op.GetSecret()) > MaxURIKey {
		return Account{}, "a key longer than any authenticator key"
	}
	acc.Period = DefaultPeriod // the payload has no period: always 30 s
	acc.Issuer, acc.Name = migrationName(op.GetName(), strings.TrimSpace(op.GetIssuer()))
	if len(acc.Issuer) > MaxLabelPart || len(acc.Name) > MaxLabelPart {
		return Account{}, "a name or issuer longer than an otpauth link takes"
	}
	acc.Secret = Secret(op.GetSecret()).Clone()
	return acc, ""
}

// migrationName splits Google's stored name, often "Issuer:account" (the
// whole otpauth label), as ParseURI splits a label, at the first colon, so
// "Nextcloud:admin@localhost:8080" keeps its port: the prefix is dropped
// when it repeats the issuer and becomes the issuer when there is none.
func migrationName(name, issuer string) (string, string) {
	name = strings.TrimSpace(name)
	if pre, rest, ok := strings.Cut(name, ":"); ok {
		pre = strings.TrimSpace(pre)
		if issuer == "" || pre == issuer {
			if issuer == "" {
				issuer = pre
			}
			return issuer, strings.TrimSpace(rest)
		}
	}
	return issuer, name
}

func wipeBytes(b []byte) {
	for i := range b {
		b[i] = 0
	}
}
