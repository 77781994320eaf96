package importer

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/sha1"
	"encoding/json"
	"fmt"

	"golang.org/x/crypto/pbkdf2"
)

// Stratum (formerly Authenticator Pro) backups, also written by 2FAGuard's
// "Authenticator Pro" export: {"Authenticators":[{"Type","Issuer",
// "Username","Secret","Algorithm","Digits","Period","Counter",...}],
// "Categories":[{"Id","Name"}],"AuthenticatorCategories":[{"CategoryId",
// "AuthenticatorSecret"}]}. Type 1 HOTP, 2 TOTP, 3 mOTP, 4 Steam, 5 Yandex;
// Algorithm 0 SHA1, 1 SHA256, 2 SHA512. The first category of an entry is
// its group.
//
// Encrypted backups (.authpro), as Aegis reads them (its
// StratumImporter.java):
//
//   - "AUTHENTICATORPRO" | salt (16) | IV (12) | AES-256-GCM ciphertext and
//     tag; key = Argon2id(password, salt, 3 passes, 64 MiB, 4 lanes, 32).
//   - Legacy: "AuthenticatorPro" | salt (20) | IV (16) | AES-256-CBC with
//     PKCS#7 padding; key = PBKDF2-HMAC-SHA1(password, salt, 64000, 32).
//     CBC carries no MAC: a wrong password shows as bad padding or a
//     plaintext that is no JSON.
//
// The costs are fixed by the format, not read from the file.

type stratumFile struct {
	Authenticators []struct {
		Type      int     `json:"Type"`
		Issuer    string  `json:"Issuer"`
		Username  *string `json:"Username"`
		Secret    string  `json:"Secret"`
		Algorithm int     `json:"Algorithm"`
		Digits    int     `json:"Digits"`
		Period    int     `json:"Period"`
		Counter   int64   `json:"Counter"`
	} `json:"Authenticators"`
	Categories []struct {
		ID   string `json:"Id"`
		Name string `json:"Name"`
	} `json:"Categories"`
	AuthenticatorCategories []struct {
		CategoryID string `json:"CategoryId"`
		Secret     string `json:"AuthenticatorSecret"`
	} `json:"AuthenticatorCategories"`
}

const (
	stratumHeader       = "AUTHENTICATORPRO"
	stratumHeaderLegacy = "AuthenticatorPro"
	stratumSaltSize     = 16
	stratumIVSize       = 12
	stratumLegacySalt   = 20
	stratumLegacyRounds = 64000
)

var stratumKDF = argon2Params{Passes: 3, MemoryKiB: 64 << 10, Lanes: 4}

// stratumEncrypted reports whether data starts like an encrypted backup.
func stratumEncrypted(data []byte) bool {
	return bytes.HasPrefix(data, []byte(stratumHeader)) || bytes.HasPrefix(data, []byte(stratumHeaderLegacy))
}

func parseStratum(data, password []byte, r *Result) error {
	if stratumEncrypted(data) {
		plain, err := openStratum(data, password)
		if err != nil {
			return err
		}
		defer wipe(plain)
		data = plain
	}
	var f stratumFile
	if err := json.Unmarshal(data, &f); err != nil {
		return jsonErr(err)
	}
	if f.Authenticators == nil {
		return fmt.Errorf("%w: the Stratum backup has no Authenticators list", ErrDamaged)
	}
	categories := map[string]string{}
	for _, c := range f.Categories {
		categories[c.ID] = c.Name
	}
	group := map[string]string{}
	for _, ac := range f.AuthenticatorCategories {
		if _, seen := group[ac.Secret]; !seen {
			group[ac.Secret] = categories[ac.CategoryID]
		}
	}
	for _, a := range f.Authenticators {
		user := ""
		if a.Username != nil {
			user = *a.Username
		}
		algo, ok := map[int]string{0: "SHA1", 1: "SHA256", 2: "SHA512"}[a.Algorithm]
		if !ok {
			r.skip(displayName(a.Issuer, user), fmt.Sprintf("algorithm number %d is not supported", a.Algorithm))
			continue
		}
		typ := map[int]string{1: "hotp", 2: "totp", 3: "motp", 4: "steam", 5: "yandex"}[a.Type]
		acc, err := fields{typ: typ, issuer: a.Issuer, name: user, algo: algo, key: a.Secret,
			digits: a.Digits, period: a.Period, counter: a.Counter}.account()
		if err != nil {
			r.skip(displayName(a.Issuer, user), err.Error())
			continue
		}
		r.add(Entry{Account: acc, Group: group[a.Secret]})
	}
	return nil
}

func openStratum(data, password []byte) ([]byte, error) {
	legacy := bytes.HasPrefix(data, []byte(stratumHeaderLegacy))
	body := data[len(stratumHeader):]
	saltSize, ivSize, minBody := stratumSaltSize, stratumIVSize, 16
	if legacy {
		saltSize, ivSize = stratumLegacySalt, aes.BlockSize
	}
	if len(body) < saltSize+ivSize+minBody {
		return nil, fmt.Errorf("%w: the encrypted Stratum backup is cut short", ErrDamaged)
	}
	salt, iv, ct := body[:saltSize], body[saltSize:saltSize+ivSize], body[saltSize+ivSize:]
	if legacy && len(ct)%aes.BlockSize != 0 {
		return nil, fmt.Errorf("%w: the encrypted Stratum backup is cut short", ErrDamaged)
	}
	if len(password) == 0 {
		return nil, fmt.Errorf("%w: type the Stratum backup's password", ErrPasswordNeeded)
	}
	wrong := fmt.Errorf("%w: it does not open this Stratum backup (or the backup was changed)", ErrWrongPassword)
	if !legacy {
		key, err := argon2idKey(password, salt, stratumKDF, 32, "Stratum backup")
		if err != nil {
			return nil, err
		}
		defer wipe(key)
		plain, ok := gcmOpen(key, iv, ct)
		if !ok {
			return nil, wrong
		}
		return plain, nil
	}
	key := pbkdf2.Key(password, salt, stratumLegacyRounds, 32, sha1.New)
	defer wipe(key)
	b, err := aes.NewCipher(key)
	if err != nil {
		return nil, wrong
	}
	plain := make([]byte, len(ct))
	cipher.NewCBCDecrypter(b, iv).CryptBlocks(plain, ct)
	n := int(plain[len(plain)-1])
	if n < 1 || n > aes.BlockSize || !bytes.Equal(plain[len(plain)-n:], bytes.Repeat([]byte{byte(n)}, n)) {
		wipe(plain)
		return nil, wrong
	}
	plain = plain[:len(plain)-n]
	if !json.Valid(plain) {
		wipe(plain)
		return nil, wrong
	}
	return plain, nil
}
