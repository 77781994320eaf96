package importer

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"

	"golang.org/x/crypto/pbkdf2"
)

// 2FAS backups (.2fas): {"schemaVersion":2-4,"services":[...],"groups":[...]}
// with, when encrypted, "servicesEncrypted":"CT:SALT:IV" (three Base64
// parts; CT ends with the GCM tag) and a "reference" sealed the same way;
// key = PBKDF2-HMAC-SHA256(password, SALT, 10000, 32 bytes), AES-256-GCM.
// Schema 2 has no tokenType: every service is TOTP there.

type twoFASFile struct {
	SchemaVersion     int             `json:"schemaVersion"`
	Services          []twoFASService `json:"services"`
	ServicesEncrypted string          `json:"servicesEncrypted"`
	Reference         string          `json:"reference"`
	Groups            []struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	} `json:"groups"`
}

type twoFASService struct {
	Name    string  `json:"name"`
	Secret  string  `json:"secret"`
	GroupID *string `json:"groupId"`
	OTP     struct {
		Account   string `json:"account"`
		Label     string `json:"label"`
		Issuer    string `json:"issuer"`
		Digits    int    `json:"digits"`
		Period    int    `json:"period"`
		Algorithm string `json:"algorithm"`
		Counter   int64  `json:"counter"`
		TokenType string `json:"tokenType"`
	} `json:"otp"`
}

const twoFASIterations = 10000

func parseTwoFAS(data, password []byte, r *Result) error {
	var f twoFASFile
	if err := json.Unmarshal(data, &f); err != nil {
		return jsonErr(err)
	}
	if f.SchemaVersion < 1 || f.SchemaVersion > 4 {
		return fmt.Errorf("%w: 2FAS schema version %d (authdesk reads 1 to 4)", ErrUnsupported, f.SchemaVersion)
	}
	services := f.Services
	if f.ServicesEncrypted != "" {
		if len(password) == 0 {
			return fmt.Errorf("%w: type the 2FAS backup's password", ErrPasswordNeeded)
		}
		if f.Reference != "" {
			ref, err := openTwoFAS(f.Reference, password)
			if err != nil {
				return err
			}
			wipe(ref)
		}
		plain, err := openTwoFAS(f.ServicesEncrypted, password)
		if err != nil {
			return err
		}
		defer wipe(plain)
		services = nil
		if err := json.Unmarshal(plain, &services); err != nil {
			return jsonErr(err)
		}
	}
	groups := map[string]string{}
	for _, g := range f.Groups {
		groups[g.ID] = g.Name
	}
	for _, s := range services {
		issuer := s.OTP.Issuer
		if issuer == "" {
			issuer = s.Name
		}
		name := s.OTP.Account
		if name == "" {
			name = s.OTP.Label
		}
		typ := s.OTP.TokenType
		if typ == "" {
			typ = "TOTP"
		}
		acc, err := fields{typ: typ, issuer: issuer, name: name, algo: s.OTP.Algorithm, key: s.Secret,
			digits: s.OTP.Digits, period: s.OTP.Period, counter: s.OTP.Counter}.account()
		if err != nil {
			r.skip(displayName(issuer, name), err.Error())
			continue
		}
		e := Entry{Account: acc}
		if s.GroupID != nil {
			e.Group = groups[*s.GroupID]
		}
		r.add(e)
	}
	return nil
}

// openTwoFAS decrypts one "CT:SALT:IV" value.
func openTwoFAS(v string, password []byte) ([]byte, error) {
	parts := strings.Split(v, ":")
	if len(parts) != 3 {
		return nil, fmt.Errorf("%w: an encrypted 2FAS value has %d parts, not 3", ErrDamaged, len(parts))
	}
	var raw [3][]byte
	for i, p := range parts {
		b, err := base64.StdEncoding.DecodeString(p)
		if err != nil {
			return nil, fmt.Errorf("%w: an encrypted 2FAS value is not valid Base64", ErrDamaged)
		}
		raw[i] = b
	}
	ct, salt, iv := raw[0], raw[1], raw[2]
	if len(salt) == 0 || len(iv) == 0 {
		return nil, fmt.Errorf("%w: an encrypted 2FAS value has no salt or IV", ErrDamaged)
	}
	key := pbkdf2.Key(password, salt, twoFASIterations, 32, sha256.New)
	defer wipe(key)
	pt, ok := gcmOpen(key, iv, ct)
	if !ok {
		return nil, fmt.Errorf("%w: it does not open this 2FAS backup (or the backup was changed)", ErrWrongPassword)
	}
	return pt, nil
}
