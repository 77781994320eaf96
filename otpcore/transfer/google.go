package transfer

import (
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"

	"google.golang.org/protobuf/proto"

	"authdesk/otpcore"
	"authdesk/otpcore/migrationpb"
)

// GoogleBatchSize is the number of accounts per export code, as Google
// Authenticator does (see the package doc).
const GoogleBatchSize = 10

// ErrIncompatible: an account cannot be expressed in Google's format.
var ErrIncompatible = errors.New("Google Authenticator's export format cannot carry this account")

// GoogleCompatible says whether a fits Google's migration payload, and if
// not, why.
func GoogleCompatible(a otpcore.Account) error {
	switch {
	case a.Type == otpcore.Steam:
		return fmt.Errorf("%w: Steam Guard accounts are not supported; use its own QR code with an app that reads Steam links", ErrIncompatible)
	case a.Type != otpcore.TOTP && a.Type != otpcore.HOTP:
		return fmt.Errorf("%w: unknown type", ErrIncompatible)
	case a.Digits != 6 && a.Digits != 8:
		return fmt.Errorf("%w: it has %d digits (only 6 or 8 fit); use its own QR code", ErrIncompatible, a.Digits)
	case a.Type == otpcore.TOTP && a.Period != otpcore.DefaultPeriod:
		return fmt.Errorf("%w: its period is %d s (the format has only 30 s); use its own QR code", ErrIncompatible, a.Period)
	case a.Counter > 1<<63-1:
		return fmt.Errorf("%w: the HOTP counter is too large", ErrIncompatible)
	}
	return a.Validate()
}

// GoogleMigration encodes the accounts as Google Authenticator export
// links, GoogleBatchSize accounts per link, all sharing batchID. Accounts
// the format cannot carry are returned in skipped (named by DisplayName)
// and left out; the links are in the accounts' order.
func GoogleMigration(accs []otpcore.Account, batchID int32) (links []string, skipped []otpcore.Skipped) {
	var ok []otpcore.Account
	for _, a := range accs {
		if err := GoogleCompatible(a); err != nil {
			skipped = append(skipped, otpcore.Skipped{Name: a.DisplayName(), Reason: err.Error()})
			continue
		}
		ok = append(ok, a)
	}
	n := (len(ok) + GoogleBatchSize - 1) / GoogleBatchSize
	for i := 0; i < n; i++ {
		end := min((i+1)*GoogleBatchSize, len(ok))
		p := &migrationpb.MigrationPayload{Version: 1, BatchSize: int32(n), BatchIndex: int32(i), BatchId: batchID}
		for _, a := range ok[i*GoogleBatchSize : end] {
			p.OtpParameters = append(p.OtpParameters, otpParameters(a))
		}
		raw, err := proto.Marshal(p)
		for _, op := range p.OtpParameters {
			wipe(op.Secret)
		}
		if err != nil { // cannot happen for these plain messages
			for _, a := range ok[i*GoogleBatchSize : end] {
				skipped = append(skipped, otpcore.Skipped{Name: a.DisplayName(), Reason: "cannot encode the export"})
			}
			continue
		}
		links = append(links, "otpauth-migration://offline?data="+url.QueryEscape(base64.StdEncoding.EncodeToString(raw)))
		wipe(raw)
	}
	return links, skipped
}

func otpParameters(a otpcore.Account) *migrationpb.MigrationPayload_OtpParameters {
	op := &migrationpb.MigrationPayload_OtpParameters{
		Secret: append([]byte(nil), a.Secret...),
		Name:   a.Name,
		Issuer: a.Issuer,
		Digits: migrationpb.MigrationPayload_DIGIT_COUNT_SIX,
		Type:   migrationpb.MigrationPayload_OTP_TYPE_TOTP,
	}
	if op.Name == "" {
		op.Name = a.Issuer
	}
	if a.Digits == 8 {
		op.Digits = migrationpb.MigrationPayload_DIGIT_COUNT_EIGHT
	}
	switch a.Algorithm {
	case otpcore.SHA256:
		op.Algorithm = migrationpb.MigrationPayload_ALGORITHM_SHA256
	case otpcore.SHA512:
		op.Algorithm = migrationpb.MigrationPayload_ALGORITHM_SHA512
	default:
		op.Algorithm = migrationpb.MigrationPayload_ALGORITHM_SHA1
	}
	if a.Type == otpcore.HOTP {
		op.Type = migrationpb.MigrationPayload_OTP_TYPE_HOTP
		op.Counter = int64(a.Counter)
	}
	return op
}

func wipe(b []byte) {
	for i := range b {
		b[i] = 0
	}
}
