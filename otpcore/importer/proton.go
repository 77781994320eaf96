package importer

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
)

// Proton Authenticator exports: {"version":1,"entries":[{"id","content":
// {"uri","entry_type","name"},"note"}]}; the uri is an otpauth:// link (or
// steam://KEY for Steam entries).
//
// An export with a password is {"version":1,"salt":B64,"content":B64}: the
// salt is 16 bytes; content is a 12-byte nonce then the AES-256-GCM
// ciphertext and tag of the plain export, with the associated data
// "proton.authenticator.export.v1"; the key is Argon2id(password, salt, 2
// passes, 19 MiB, 1 lane, 32 bytes). (As Proton's own importer and
// exporter do it: proton-pass-common, proton-authenticator/src/entry/
// password_exporter.rs and src/crypto.rs.) The costs are fixed by the
// format, not read from the file.

type protonFile struct {
	Version int `json:"version"`
	Entries []struct {
		Content struct {
			URI       string `json:"uri"`
			EntryType string `json:"entry_type"`
			Name      string `json:"name"`
		} `json:"content"`
	} `json:"entries"`
	Salt    *string `json:"salt"`
	Content *string `json:"content"`
}

const (
	protonSaltSize  = 16
	protonNonceSize = 12
	protonAD        = "proton.authenticator.export.v1"
)

var protonKDF = argon2Params{Passes: 2, MemoryKiB: 19 << 10, Lanes: 1}

func parseProton(data, password []byte, r *Result) error {
	var f protonFile
	if err := json.Unmarshal(data, &f); err != nil {
		return jsonErr(err)
	}
	if f.Version != 1 {
		return fmt.Errorf("%w: Proton Authenticator export version %d (authdesk reads version 1)", ErrUnsupported, f.Version)
	}
	if f.Salt == nil && f.Content == nil {
		return protonEntries(f, r)
	}
	plain, err := openProton(f, password)
	if err != nil {
		return err
	}
	defer wipe(plain)
	var inner protonFile
	if err := json.Unmarshal(plain, &inner); err != nil {
		return jsonErr(err)
	}
	if inner.Version != 1 || inner.Salt != nil || inner.Content != nil {
		return fmt.Errorf("%w: the decrypted Proton Authenticator export is not a version 1 plain export", ErrUnsupported)
	}
	return protonEntries(inner, r)
}

func protonEntries(f protonFile, r *Result) error {
	for _, e := range f.Entries {
		issuer := ""
		if e.Content.EntryType == "Steam" {
			issuer = "Steam"
		}
		acc, err := otpField(e.Content.URI, issuer, e.Content.Name)
		if err != nil {
			r.skip(e.Content.Name, err.Error())
			continue
		}
		r.add(Entry{Account: acc})
	}
	return nil
}

// openProton decrypts a password-protected export.
func openProton(f protonFile, password []byte) ([]byte, error) {
	if f.Salt == nil || f.Content == nil {
		return nil, fmt.Errorf("%w: the encrypted Proton Authenticator export lacks its salt or content", ErrDamaged)
	}
	salt, err1 := base64.StdEncoding.DecodeString(*f.Salt)
	sealed, err2 := base64.StdEncoding.DecodeString(*f.Content)
	if err1 != nil || err2 != nil || len(salt) != protonSaltSize || len(sealed) < protonNonceSize+16 {
		return nil, fmt.Errorf("%w: the encrypted Proton Authenticator export's salt or content is malformed (cut short or edited?)", ErrDamaged)
	}
	if len(password) == 0 {
		return nil, fmt.Errorf("%w: type the password the Proton Authenticator export was made with", ErrPasswordNeeded)
	}
	key, err := argon2idKey(password, salt, protonKDF, 32, "Proton Authenticator export")
	if err != nil {
		return nil, err
	}
	defer wipe(key)
	plain, ok := gcmOpenAD(key, sealed[:protonNonceSize], sealed[protonNonceSize:], []byte(protonAD))
	if !ok {
		return nil, fmt.Errorf("%w: it does not open this Proton Authenticator export (or the export was changed)", ErrWrongPassword)
	}
	return plain, nil
}
