package importer

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
)

// Ente Auth exports. The plain one is text, one otpauth:// link a line
// (text.go). The encrypted one is {"version":1,"kdfParams":{"memLimit":
// BYTES,"opsLimit":PASSES,"salt":B64},"encryptedData":B64,
// "encryptionNonce":B64}: the key is libsodium's crypto_pwhash with
// Argon2id v1.3 (memLimit/1024 KiB, opsLimit passes, one lane, 32 bytes),
// and encryptedData is one message of a crypto_secretstream_xchacha20poly1305
// stream whose 24-byte header is encryptionNonce (secretstream.go); the
// message is the plain export. (ente-io/ente: mobile/apps/auth/lib/models/
// export/ente.dart and lib/ui/settings/data/export_widget.dart.) The costs
// come from the file: Ente asks libsodium's "sensitive" work, 1 GiB x 4
// passes, or the same work with less memory and more passes on small
// devices (256 MiB x 16), so they are bounded (crypto.go) before any work.

type enteSealed struct {
	Version   int `json:"version"`
	KDFParams *struct {
		MemLimit uint64 `json:"memLimit"`
		OpsLimit uint64 `json:"opsLimit"`
		Salt     string `json:"salt"`
	} `json:"kdfParams"`
	EncryptedData   string `json:"encryptedData"`
	EncryptionNonce string `json:"encryptionNonce"`
}

const enteSaltSize = 16 // crypto_pwhash_SALTBYTES

func parseEnte(data, password []byte, r *Result) error {
	t := bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
	if len(t) == 0 || t[0] != '{' {
		return parseText(data, password, r)
	}
	var f enteSealed
	if err := json.Unmarshal(t, &f); err != nil {
		return jsonErr(err)
	}
	if f.Version != 1 {
		return fmt.Errorf("%w: Ente Auth encrypted export version %d (authdesk reads version 1)", ErrUnsupported, f.Version)
	}
	plain, err := openEnte(f, password)
	if err != nil {
		return err
	}
	defer wipe(plain)
	if err := parseText(plain, nil, r); err != nil {
		return fmt.Errorf("%w: the decrypted Ente Auth export holds no otpauth:// link", ErrDamaged)
	}
	return nil
}

func openEnte(f enteSealed, password []byte) ([]byte, error) {
	if f.KDFParams == nil || f.EncryptedData == "" || f.EncryptionNonce == "" {
		return nil, fmt.Errorf("%w: the encrypted Ente Auth export lacks its key settings, data or nonce", ErrDamaged)
	}
	salt, err1 := base64.StdEncoding.DecodeString(f.KDFParams.Salt)
	header, err2 := base64.StdEncoding.DecodeString(f.EncryptionNonce)
	sealed, err3 := base64.StdEncoding.DecodeString(f.EncryptedData)
	if err1 != nil || err2 != nil || err3 != nil || len(salt) != enteSaltSize || len(header) != streamHeaderSize || len(sealed) < streamABytes {
		return nil, fmt.Errorf("%w: the encrypted Ente Auth export's salt, nonce or data is malformed (cut short or edited?)", ErrDamaged)
	}
	p := argon2Params{Passes: f.KDFParams.OpsLimit, MemoryKiB: f.KDFParams.MemLimit / 1024, Lanes: 1}
	if err := p.check("Ente Auth export"); err != nil {
		return nil, err
	}
	if len(password) == 0 {
		return nil, fmt.Errorf("%w: type the password the Ente Auth export was made with", ErrPasswordNeeded)
	}
	key, err := argon2idKey(password, salt, p, 32, "Ente Auth export")
	if err != nil {
		return nil, err
	}
	defer wipe(key)
	s, err := newStreamPull(key, header)
	if err != nil {
		return nil, fmt.Errorf("%w: the Ente Auth export's nonce is malformed", ErrDamaged)
	}
	defer s.wipe()
	plain, _, err := s.pull(sealed, nil)
	if err != nil {
		return nil, fmt.Errorf("%w: it does not open this Ente Auth export (or the export was changed)", ErrWrongPassword)
	}
	return plain, nil
}
