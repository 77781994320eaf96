package importer

import (
	"encoding/json"
	"fmt"

	"authdesk/otpcore"
)

// FreeOTP+ JSON backups: {"tokenOrder":[...],"tokens":[{"algo","counter",
// "digits","issuerExt","issuerInt","label","period","secret":[signed
// bytes],"type"}]}.
//
// The HOTP counter quirk: FreeOTP stores the counter one lower than the
// enrollment link's (a link with counter=50 is stored as 49; Aegis's tests
// note the same). The stored value is what FreeOTP+ feeds to its next code,
// so it is authdesk's Counter ("the counter of the next code") as is.

type freeOTPFile struct {
	Tokens []struct {
		Algo      string `json:"algo"`
		Counter   int64  `json:"counter"`
		Digits    int    `json:"digits"`
		IssuerExt string `json:"issuerExt"`
		IssuerInt string `json:"issuerInt"`
		Label     string `json:"label"`
		Period    int    `json:"period"`
		Secret    []int  `json:"secret"`
		Type      string `json:"type"`
	} `json:"tokens"`
}

func parseFreeOTPPlus(data, _ []byte, r *Result) error {
	var f freeOTPFile
	if err := json.Unmarshal(data, &f); err != nil {
		return jsonErr(err)
	}
	for _, t := range f.Tokens {
		issuer := t.IssuerExt
		if issuer == "" {
			issuer = t.IssuerInt
		}
		sec, err := signedBytes(t.Secret)
		if err != nil {
			r.skip(displayName(issuer, t.Label), err.Error())
			continue
		}
		acc, err := fields{typ: t.Type, issuer: issuer, name: t.Label, algo: t.Algo, secret: sec,
			digits: t.Digits, period: t.Period, counter: t.Counter}.account()
		if err != nil {
			r.skip(displayName(issuer, t.Label), err.Error())
			continue
		}
		r.add(Entry{Account: acc})
	}
	return nil
}

// signedBytes converts Java's signed bytes (-128..127) to a key.
func signedBytes(v []int) (otpcore.Secret, error) {
	if len(v) == 0 {
		return nil, fmt.Errorf("%w: the key is empty", otpcore.ErrSecret)
	}
	out := make(otpcore.Secret, len(v))
	for i, b := range v {
		if b < -128 || b > 255 {
			out.Wipe()
			return nil, fmt.Errorf("%w: byte %d of the key is out of range", otpcore.ErrSecret, i+1)
		}
		out[i] = byte(b)
	}
	return out, nil
}
