package importer

import (
	"fmt"
	"strings"

	"authdesk/otpcore"
)

// fields are the loose values most JSON exports carry for one account.
type fields struct {
	typ, issuer, name, algo string
	key                     string         // Base32, when secret is nil
	secret                  otpcore.Secret // taken over by the account
	digits, period          int
	counter                 int64
}

// account builds and validates an Account: absent values take the
// defaults (SHA1, 6 digits or 5 for Steam, 30 s). On error the secret is
// wiped.
func (f fields) account() (otpcore.Account, error) {
	acc, err := f.build()
	if err != nil {
		f.secret.Wipe()
		acc.Wipe()
		return otpcore.Account{}, err
	}
	return acc, nil
}

func (f fields) build() (otpcore.Account, error) {
	typ, err := otpcore.ParseType(f.typ)
	if err != nil {
		return otpcore.Account{}, fmt.Errorf("%s tokens are not supported", unsupportedType(f.typ))
	}
	if f.secret == nil {
		if f.secret, err = otpcore.DecodeBase32(f.key); err != nil {
			return otpcore.Account{}, err
		}
	}
	acc := otpcore.NewAccount(typ, strings.TrimSpace(f.name), strings.TrimSpace(f.issuer), f.secret)
	if f.algo != "" {
		if acc.Algorithm, err = otpcore.ParseAlgorithm(f.algo); err != nil {
			return acc, fmt.Errorf("the %s algorithm is not supported", clip(f.algo))
		}
	}
	if f.digits != 0 {
		acc.Digits = f.digits
	}
	if f.period != 0 {
		acc.Period = f.period
	}
	if typ == otpcore.HOTP {
		if f.counter < 0 {
			return acc, fmt.Errorf("%w: negative HOTP counter", otpcore.ErrCounter)
		}
		acc.Counter = uint64(f.counter)
	}
	return acc, acc.Validate()
}

// unsupportedType names a token type for the skipped list.
func unsupportedType(t string) string {
	switch strings.ToLower(t) {
	case "motp":
		return "mOTP"
	case "yandex":
		return "Yandex"
	case "":
		return "untyped"
	}
	return clip(t)
}
