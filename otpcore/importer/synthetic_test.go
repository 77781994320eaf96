package importer

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/sha256"
	"errors"
	"testing"
)

// andOTP's old encrypted format (before 0.6.3) has no fixture: this file
// is made the way the format is described in andotp.go (IV | AES-GCM
// under SHA-256(password)), from the plain fixture.
func TestAndOTPOldFormat(t *testing.T) {
	plain := readFixture(t, "Aegis__andotp_plain.json")
	key := sha256.Sum256([]byte("old password"))
	b, _ := aes.NewCipher(key[:])
	g, _ := cipher.NewGCM(b)
	iv := []byte("twelve bytes")
	data := g.Seal(append([]byte(nil), iv...), iv, plain, nil)
	if f, ok := Detect(data); !ok || f != AndOTP || !NeedsPassword(data, Auto) {
		t.Fatalf("Detect = %q %v", f, ok)
	}
	r, err := Import(data, Auto, []byte("old password"))
	if err != nil || len(r.Accounts) != 7 || r.Accounts[6].Name != "Boeing: Sophia" {
		t.Fatalf("%v, %d accounts", err, len(r.Accounts))
	}
	if _, err := Import(data, Auto, []byte("test")); !errors.Is(err, ErrWrongPassword) {
		t.Errorf("wrong password: %v", err)
	}
}

// Aegis db version 3 keeps groups as a list of {uuid, name} with uuids on
// the entries (the format of current Aegis, docs/vault.md).
func TestAegisGroupsV3(t *testing.T) {
	data := []byte(`{"version":1,"header":{"slots":null,"params":null},"db":{"version":3,
	 "groups":[{"uuid":"1c1e","name":"Work"},{"uuid":"2d2f","name":"Home"}],
	 "entries":[
	  {"type":"totp","name":"a","issuer":"A","groups":["2d2f"],"info":{"secret":"JBSWY3DPEHPK3PXP","algo":"SHA1","digits":6,"period":30}},
	  {"type":"totp","name":"b","issuer":"B","groups":[],"info":{"secret":"JBSWY3DPEHPK3PXP","algo":"SHA1","digits":6,"period":30}}]}}`)
	r, err := Import(data, Auto, nil)
	if err != nil || len(r.Accounts) != 2 || r.Accounts[0].Group != "Home" || r.Accounts[1].Group != "" {
		t.Fatalf("%v %+v", err, r.Accounts)
	}
}

// An encrypted Aegis vault whose only slot is biometric cannot be opened
// with a password.
func TestAegisNoPasswordSlot(t *testing.T) {
	data := []byte(`{"version":1,"header":{"slots":[{"type":2,"uuid":"x","key":"00","key_params":{"nonce":"00","tag":"00"}}],
	 "params":{"nonce":"000000000000000000000000","tag":"00000000000000000000000000000000"}},"db":"AAAA"}`)
	if _, err := Import(data, Auto, []byte("pw")); !errors.Is(err, ErrUnsupported) {
		t.Errorf("biometric only: %v", err)
	}
}
