package importer

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/crypto/scrypt"

	"authdesk/otpcore"
	"authdesk/otpcore/transfer"
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

// sealAegis makes an encrypted Aegis vault of db with one password slot
// keyed by slotPassword (cheap scrypt), as docs/vault.md describes.
func sealAegis(t *testing.T, db string, slotPassword []byte, repaired bool) []byte {
	t.Helper()
	master := []byte("0123456789abcdef0123456789abcdef")
	salt := []byte("salt salt salt salt salt salt 32")
	kek, err := scrypt.Key(slotPassword, salt, 1024, 8, 1, 32)
	if err != nil {
		t.Fatal(err)
	}
	gcm := func(key, nonce, pt []byte) (ct, tag []byte) {
		b, _ := aes.NewCipher(key)
		g, _ := cipher.NewGCM(b)
		out := g.Seal(nil, nonce, pt, nil)
		return out[:len(out)-16], out[len(out)-16:]
	}
	n1, n2 := []byte("nonce one 12"), []byte("nonce two 12")
	wrapped, wtag := gcm(kek, n1, master)
	ct, tag := gcm(master, n2, []byte(db))
	return []byte(fmt.Sprintf(`{"version":1,"header":{"slots":[{"type":1,"uuid":"u","key":%q,"key_params":{"nonce":%q,"tag":%q},
	 "n":1024,"r":8,"p":1,"salt":%q,"repaired":%v}],"params":{"nonce":%q,"tag":%q}},"db":%q}`,
		hex.EncodeToString(wrapped), hex.EncodeToString(n1), hex.EncodeToString(wtag), hex.EncodeToString(salt), repaired,
		hex.EncodeToString(n2), hex.EncodeToString(tag), base64.StdEncoding.EncodeToString(ct)))
}

// Slots made before Aegis's fix of issue #95 were keyed with the padded
// bytes of a long password; "repaired" slots with the exact bytes.
func TestAegisLegacyPasswordBytes(t *testing.T) {
	db := `{"version":1,"entries":[{"type":"totp","name":"a","issuer":"A","info":{"secret":"JBSWY3DPEHPK3PXP","algo":"SHA1","digits":6,"period":30}}]}`
	long := []byte(strings.Repeat("correct horse battery staple ", 3)) // 87 bytes
	legacy := aegisLegacyBytes(long)
	if len(legacy) != 95 { // (int)(87 x 1.1f)
		t.Fatalf("legacy bytes: %d", len(legacy))
	}
	if aegisLegacyBytes([]byte("short password")) != nil {
		t.Error("a short password needs no legacy form")
	}
	for _, tt := range []struct {
		name     string
		key      []byte
		repaired bool
		ok       bool
	}{
		{"current slot", long, true, true},
		{"old slot", legacy, false, true},
		{"repaired slot keyed the old way", legacy, true, false},
	} {
		r, err := Import(sealAegis(t, db, tt.key, tt.repaired), Auto, long)
		if tt.ok != (err == nil) || tt.ok && len(r.Accounts) != 1 || !tt.ok && !errors.Is(err, ErrWrongPassword) {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
	// A changed db behind a good key: damaged, not a wrong password.
	data := sealAegis(t, db, []byte("pw"), true)
	i := bytes.LastIndex(data, []byte(`"}`)) - 4
	data[i] ^= 1
	if _, err := Import(data, Auto, []byte("pw")); !errors.Is(err, ErrDamaged) {
		t.Errorf("changed db: %v", err)
	}
}

// A Google export split over 3 codes with one missing: the accounts of the
// others are read, and a note names the missing code.
func TestGoogleMissingPart(t *testing.T) {
	var accs []otpcore.Account
	for i := 0; i < 25; i++ {
		accs = append(accs, otpcore.NewAccount(otpcore.TOTP, fmt.Sprintf("user%d", i), "Example", otpcore.Secret(fmt.Sprintf("key number %02d..", i))))
	}
	links, _ := transfer.GoogleMigration(accs, 99)
	r, err := Import([]byte(links[0]+"\n"+links[2]+"\n"), Auto, nil)
	if err != nil || len(r.Accounts) != 15 {
		t.Fatalf("%v, %d accounts", err, len(r.Accounts))
	}
	want := "this Google Authenticator export has 3 QR codes and code(s) 2 of them are not here: import them too"
	if len(r.Notes) != 1 || r.Notes[0] != want {
		t.Errorf("notes %q", r.Notes)
	}
	r, _ = Import([]byte(strings.Join(links, "\n")), Auto, nil)
	if len(r.Accounts) != 25 || len(r.Notes) != 0 {
		t.Errorf("whole export: %d accounts, notes %q", len(r.Accounts), r.Notes)
	}
}

// Binary files of other kinds are not taken for andOTP's header-less
// encrypted backups.
func TestOtherBinaries(t *testing.T) {
	for _, head := range []string{"%PDF-1.7\n", "PK\x03\x04", "SQLite format 3\x00", "\x89PNG\r\n\x1a\n"} {
		data := append([]byte(head), make([]byte, 64)...)
		if f, ok := Detect(data); ok {
			t.Errorf("%q detected as %q", head, f)
		}
		if _, err := Import(data, Auto, nil); !errors.Is(err, ErrUnknownFormat) {
			t.Errorf("%q: %v", head, err)
		}
	}
}
