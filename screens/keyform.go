package screens

import (
	"fmt"
	"strconv"
	"strings"

	"authdesk/otpcore"
)

// keyForm is what the person typed in "Enter the key".
type keyForm struct {
	key     string
	hex     bool
	issuer  string
	typ     int // 0 TOTP, 1 HOTP, 2 Steam
	alg     string
	digits  string
	period  string
	counter string
}

// accountFromForm validates the typed key and parameters into an account.
// The errors name the field and never quote the key.
func accountFromForm(f keyForm) (otpcore.Account, error) {
	enc := otpcore.KeyBase32
	if f.hex {
		enc = otpcore.KeyHex
	}
	sec, err := otpcore.DecodeKey(f.key, enc)
	if err != nil {
		return otpcore.Account{}, err
	}
	typ := []otpcore.Type{otpcore.TOTP, otpcore.HOTP, otpcore.Steam}[clampIndex(f.typ, 3)]
	acc := otpcore.NewAccount(typ, "", strings.TrimSpace(f.issuer), sec)
	if typ != otpcore.Steam {
		if acc.Algorithm, err = otpcore.ParseAlgorithm(orDefault(f.alg, "SHA1")); err != nil {
			return otpcore.Account{}, err
		}
		if acc.Digits, err = strconv.Atoi(orDefault(f.digits, "6")); err != nil {
			return otpcore.Account{}, fmt.Errorf("%w: %s", otpcore.ErrDigits, tr("choose 6 to 10"))
		}
	}
	if typ == otpcore.HOTP {
		if acc.Counter, err = strconv.ParseUint(strings.TrimSpace(orDefault(f.counter, "0")), 10, 64); err != nil {
			return otpcore.Account{}, fmt.Errorf("%w: %s", otpcore.ErrCounter, tr("the counter is a whole number from 0"))
		}
	} else if acc.Period, err = strconv.Atoi(strings.TrimSpace(orDefault(f.period, "30"))); err != nil {
		return otpcore.Account{}, fmt.Errorf("%w: %s", otpcore.ErrPeriod, tr("the period is a number of seconds, usually 30"))
	}
	if err := acc.Validate(); err != nil {
		acc.Wipe()
		return otpcore.Account{}, err
	}
	return acc, nil
}

func orDefault(s, d string) string {
	if strings.TrimSpace(s) == "" {
		return d
	}
	return s
}

func clampIndex(i, n int) int {
	if i < 0 || i >= n {
		return 0
	}
	return i
}
