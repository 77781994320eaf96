package backup

import (
	"encoding/json"
	"fmt"
	"time"

	"authdesk/otpcore"
)

// contents is the plaintext JSON (see docs/backup-format.md).
type contents struct {
	Version  int       `json:"version"`
	App      string    `json:"app"`
	Created  time.Time `json:"created"`
	Accounts []account `json:"accounts"`
}

type account struct {
	Name      string `json:"name"`
	Pinned    bool   `json:"pinned"`
	Type      string `json:"type"`
	Issuer    string `json:"issuer"`
	Account   string `json:"account"`
	Secret    string `json:"secret"` // Base32, no padding
	Algorithm string `json:"algorithm"`
	Digits    int    `json:"digits"`
	Period    int    `json:"period,omitempty"`
	Counter   uint64 `json:"counter,omitempty"`
	URI       string `json:"uri"` // the same account as an otpauth:// link
}

func encodeContents(entries []Entry, now time.Time) ([]byte, error) {
	c := contents{Version: Version, App: "authdesk", Created: now.UTC().Truncate(time.Second),
		Accounts: make([]account, 0, len(entries))}
	for _, e := range entries {
		a := e.Account
		if err := a.Validate(); err != nil {
			return nil, fmt.Errorf("account %q: %w", e.Name, err)
		}
		acc := account{Name: e.Name, Pinned: e.Pinned, Type: a.Type.String(), Issuer: a.Issuer, Account: a.Name,
			Secret: a.Secret.Base32(), Algorithm: a.Algorithm.String(), Digits: a.Digits, URI: a.ExportURI()}
		if a.Type == otpcore.HOTP {
			acc.Counter = a.Counter
		} else {
			acc.Period = a.Period
		}
		c.Accounts = append(c.Accounts, acc)
	}
	b, err := json.Marshal(c)
	if err != nil {
		return nil, fmt.Errorf("cannot encode the backup: %w", err)
	}
	return b, nil
}

func decodeContents(plain []byte) (Contents, error) {
	var c contents
	if err := json.Unmarshal(plain, &c); err != nil {
		return Contents{}, fmt.Errorf("%w: the decrypted contents are not valid", ErrFormat)
	}
	if c.Version != Version {
		return Contents{}, fmt.Errorf("%w: contents version %d (this authdesk reads version %d); update authdesk", ErrVersion, c.Version, Version)
	}
	out := Contents{Created: c.Created}
	for _, a := range c.Accounts {
		acc, err := a.decode()
		if err != nil {
			out.Skipped = append(out.Skipped, otpcore.Skipped{Name: a.Name, Reason: err.Error()})
			continue
		}
		out.Entries = append(out.Entries, Entry{Name: a.Name, Pinned: a.Pinned, Account: acc})
	}
	return out, nil
}

func (a account) decode() (otpcore.Account, error) {
	typ, err := otpcore.ParseType(a.Type)
	if err != nil {
		return otpcore.Account{}, err
	}
	alg, err := otpcore.ParseAlgorithm(a.Algorithm)
	if err != nil {
		return otpcore.Account{}, err
	}
	sec, err := otpcore.DecodeBase32(a.Secret)
	if err != nil {
		return otpcore.Account{}, err
	}
	acc := otpcore.Account{Type: typ, Name: a.Account, Issuer: a.Issuer, Secret: sec,
		Algorithm: alg, Digits: a.Digits, Period: a.Period, Counter: a.Counter}
	if acc.Period == 0 { // HOTP: no period is written; NewAccount's default
		acc.Period = otpcore.DefaultPeriod
	}
	if typ != otpcore.HOTP {
		acc.Counter = 0
	}
	if err := acc.Validate(); err != nil {
		acc.Wipe()
		return otpcore.Account{}, err
	}
	return acc, nil
}
