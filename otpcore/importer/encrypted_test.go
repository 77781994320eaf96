package importer

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"golang.org/x/crypto/pbkdf2"
)

// The Argon2id costs a file may ask for: what the apps make passes, a
// hostile file is refused by the check that runs before any derivation.
func TestArgon2Bounds(t *testing.T) {
	const MiB = 1 << 10 // in KiB
	for _, tt := range []struct {
		name string
		p    argon2Params
		ok   bool
	}{
		{"Proton Authenticator", protonKDF, true},
		{"Bitwarden default", argon2Params{Passes: 3, MemoryKiB: 64 * MiB, Lanes: 4}, true},
		{"Bitwarden maximum", argon2Params{Passes: 10, MemoryKiB: 1024 * MiB, Lanes: 16}, true},
		{"Ente sensitive", argon2Params{Passes: 4, MemoryKiB: 1024 * MiB, Lanes: 1}, true},
		{"Ente sensitive, low memory", argon2Params{Passes: 64, MemoryKiB: 64 * MiB, Lanes: 1}, true},
		{"1 GiB x 64 passes", argon2Params{Passes: 64, MemoryKiB: 1024 * MiB, Lanes: 1}, false},
		{"2 GiB", argon2Params{Passes: 1, MemoryKiB: 2048 * MiB, Lanes: 1}, false},
		{"huge passes", argon2Params{Passes: 1 << 40, MemoryKiB: 8, Lanes: 1}, false},
		{"huge memory", argon2Params{Passes: 1, MemoryKiB: 1 << 62, Lanes: 1}, false},
		{"no passes", argon2Params{Passes: 0, MemoryKiB: 64 * MiB, Lanes: 1}, false},
		{"no lanes", argon2Params{Passes: 1, MemoryKiB: 64 * MiB, Lanes: 0}, false},
		{"KeePassXC on a 64-thread PC", argon2Params{Passes: 20, MemoryKiB: 64 * MiB, Lanes: 64}, true},
		{"256 lanes", argon2Params{Passes: 1, MemoryKiB: 64 * MiB, Lanes: 256}, false},
		{"less memory than lanes need", argon2Params{Passes: 1, MemoryKiB: 31, Lanes: 4}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.p.check("test export")
			if (err == nil) != tt.ok {
				t.Fatalf("check = %v, want ok %v", err, tt.ok)
			}
			if err != nil && (!errors.Is(err, ErrDamaged) || strings.Contains(err.Error(), "\n")) {
				t.Errorf("not one ErrDamaged line: %q", err)
			}
		})
	}
}

// editJSON returns the fixture with one top-level field replaced.
func editJSON(t *testing.T, name, field string, value any) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(readFixture(t, name), &m); err != nil {
		t.Fatal(err)
	}
	m[field] = value
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// A changed or cut Proton export: an error, nothing imported. AES-GCM
// cannot tell a changed byte from a wrong key, so a changed ciphertext
// reads as a wrong password; a salt of the wrong size is damage.
func TestProtonEncryptedDamaged(t *testing.T) {
	const file = "ente__proton_authenticator_backup_encrypted_1231246.json"
	var f struct{ Content string }
	if err := json.Unmarshal(readFixture(t, file), &f); err != nil {
		t.Fatal(err)
	}
	sealed, _ := base64.StdEncoding.DecodeString(f.Content)
	flipped := append([]byte(nil), sealed...)
	flipped[len(flipped)/2] ^= 1
	for _, tt := range []struct {
		name string
		data []byte
		want error
	}{
		{"one bit changed", editJSON(t, file, "content", base64.StdEncoding.EncodeToString(flipped)), ErrWrongPassword},
		{"cut short", editJSON(t, file, "content", base64.StdEncoding.EncodeToString(sealed[:len(sealed)-40])), ErrWrongPassword},
		{"only a nonce", editJSON(t, file, "content", base64.StdEncoding.EncodeToString(sealed[:12])), ErrDamaged},
		{"short salt", editJSON(t, file, "salt", "AAAA"), ErrDamaged},
		{"salt not Base64", editJSON(t, file, "salt", "!!"), ErrDamaged},
		{"no content", editJSON(t, file, "content", nil), ErrDamaged},
		{"version 2", editJSON(t, file, "version", 2), ErrUnsupported},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Import(tt.data, Auto, []byte("1231246"))
			if !errors.Is(err, tt.want) || len(r.Accounts) != 0 {
				t.Errorf("Import: %v (%d accounts), want %v", err, len(r.Accounts), tt.want)
			}
		})
	}
}

// sealBitwarden makes a password-protected Bitwarden export of plain the
// way bitwarden_encrypted.go describes the format (PBKDF2, 1000 rounds),
// for the paths the real fixtures cannot reach (their one item has a key
// authdesk refuses). The real fixtures prove the construction.
func sealBitwarden(t *testing.T, plain []byte, password string) map[string]any {
	t.Helper()
	const salt = "c2FsdHNhbHRzYWx0"
	master := pbkdf2.Key([]byte(password), []byte(salt), 1000, 32, sha256.New)
	encKey, _ := hkdf.Expand(sha256.New, master, "enc", 32)
	macKey, _ := hkdf.Expand(sha256.New, master, "mac", 32)
	seal := func(pt []byte, ivByte byte) string {
		iv := bytes.Repeat([]byte{ivByte}, 16)
		n := 16 - len(pt)%16
		padded := append(append([]byte(nil), pt...), bytes.Repeat([]byte{byte(n)}, n)...)
		b, _ := aes.NewCipher(encKey)
		ct := make([]byte, len(padded))
		cipher.NewCBCEncrypter(b, iv).CryptBlocks(ct, padded)
		m := hmac.New(sha256.New, macKey)
		m.Write(iv)
		m.Write(ct)
		e := base64.StdEncoding.EncodeToString
		return "2." + e(iv) + "|" + e(ct) + "|" + e(m.Sum(nil))
	}
	return map[string]any{"encrypted": true, "passwordProtected": true, "salt": salt, "kdfType": 0,
		"kdfIterations": 1000, "kdfMemory": nil, "kdfParallelism": nil,
		"encKeyValidation_DO_NOT_EDIT": seal([]byte("5a6f8c2e-validation"), 1), "data": seal(plain, 2)}
}

func marshal(t *testing.T, m map[string]any) []byte {
	t.Helper()
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestBitwardenPasswordProtected(t *testing.T) {
	plain := readFixture(t, "Aegis__bitwarden.json")
	sealed := sealBitwarden(t, plain, "correct horse")
	data := marshal(t, sealed)
	if f, ok := Detect(data); !ok || f != BitwardenJSON || !NeedsPassword(data, Auto) {
		t.Fatalf("Detect = %q %v", f, ok)
	}
	want, err := Import(plain, Auto, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Import(data, Auto, []byte("correct horse"))
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Accounts) != 4 || len(got.Accounts) != len(want.Accounts) {
		t.Fatalf("%d accounts, want %d", len(got.Accounts), len(want.Accounts))
	}
	for i := range want.Accounts {
		g, w := got.Accounts[i], want.Accounts[i]
		if g.Name != w.Name || g.Account.ExportURI() != w.Account.ExportURI() || g.Pinned != w.Pinned || g.Group != w.Group {
			t.Errorf("entry %d: %q differs from the plain export's %q", i, g.Name, w.Name)
		}
	}

	// The data's MAC is checked after the validation value's: the right
	// password and a changed data field is damage, not a wrong password.
	parts := strings.Split(sealed["data"].(string), "|")
	ct, _ := base64.StdEncoding.DecodeString(parts[1])
	ct[0] ^= 1
	changed := parts[0] + "|" + base64.StdEncoding.EncodeToString(ct) + "|" + parts[2]

	edit := func(k string, v any) []byte {
		m := map[string]any{}
		for kk, vv := range sealed {
			m[kk] = vv
		}
		m[k] = v
		return marshal(t, m)
	}
	for _, tt := range []struct {
		name string
		data []byte
		pw   string
		want error
	}{
		{"wrong password", data, "Correct horse", ErrWrongPassword},
		{"no password", data, "", ErrPasswordNeeded},
		{"data changed", edit("data", changed), "correct horse", ErrDamaged},
		{"data cut short", edit("data", parts[0]+"|"+parts[1][:len(parts[1])-24]+"|"+parts[2]), "correct horse", ErrDamaged},
		{"data of another type", edit("data", "0."+strings.TrimPrefix(sealed["data"].(string), "2.")), "correct horse", ErrUnsupported},
		{"account restricted", edit("passwordProtected", false), "correct horse", ErrUnsupported},
		{"unknown kdf", edit("kdfType", 7), "correct horse", ErrUnsupported},
		{"PBKDF2 asks 2^31 rounds", edit("kdfIterations", 1<<31), "correct horse", ErrDamaged},
		{"PBKDF2 asks 0 rounds", edit("kdfIterations", 0), "correct horse", ErrDamaged},
		{"no salt", edit("salt", nil), "correct horse", ErrDamaged},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Import(tt.data, Auto, []byte(tt.pw))
			if !errors.Is(err, tt.want) || len(r.Accounts) != 0 {
				t.Fatalf("Import: %v (%d accounts), want %v", err, len(r.Accounts), tt.want)
			}
			if strings.Contains(err.Error(), "\n") || strings.Contains(err.Error(), "horse") {
				t.Errorf("not one clean line: %q", err)
			}
		})
	}
}

// A hostile Argon2id file is refused before any derivation: 1 GiB x 64
// passes would take minutes.
func TestBitwardenHostileArgon2(t *testing.T) {
	for _, tt := range []struct {
		name            string
		mem, iter, lane any
	}{
		{"1 GiB x 64 passes", 1024, 64, 4},
		{"64 GiB", 65536, 3, 4},
		{"negative memory", -1, 3, 4},
		{"no memory", nil, 3, 4},
		{"256 lanes", 64, 3, 256},
	} {
		t.Run(tt.name, func(t *testing.T) {
			data := editJSON(t, "KeePassXC__bitwarden_encrypted_argon2id_export.json", "kdfMemory", tt.mem)
			var m map[string]any
			_ = json.Unmarshal(data, &m)
			m["kdfIterations"], m["kdfParallelism"] = tt.iter, tt.lane
			r, err := Import(marshal(t, m), Auto, []byte("a"))
			if !errors.Is(err, ErrDamaged) || len(r.Accounts) != 0 || strings.Contains(err.Error(), "\n") {
				t.Errorf("Import: %v, want one ErrDamaged line", err)
			}
		})
	}
}

// secretstream against libsodium: every message of a stream pushed by
// libsodium (testdata/libsodium__secretstream_vectors.json: empty, long,
// with associated data, a REKEY tag then more messages, FINAL) pulls to
// its text and tag; a changed byte, a wrong associated data or a message
// out of order fails, and a failure does not advance the state.
func TestSecretstreamLibsodium(t *testing.T) {
	var v struct {
		Key      string `json:"key_hex"`
		Header   string `json:"header_hex"`
		Messages []struct {
			Plain  string `json:"plain_hex"`
			AD     string `json:"ad_hex"`
			Tag    byte   `json:"tag"`
			Cipher string `json:"cipher_hex"`
		} `json:"messages"`
	}
	if err := json.Unmarshal(readFixture(t, "libsodium__secretstream_vectors.json"), &v); err != nil {
		t.Fatal(err)
	}
	unhex := func(s string) []byte {
		b, err := hex.DecodeString(s)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	s, err := newStreamPull(unhex(v.Key), unhex(v.Header))
	if err != nil {
		t.Fatal(err)
	}
	rekeyed := false
	for i, m := range v.Messages {
		c, ad := unhex(m.Cipher), unhex(m.AD)
		if i+1 < len(v.Messages) {
			if _, _, err := s.pull(unhex(v.Messages[i+1].Cipher), unhex(v.Messages[i+1].AD)); err == nil {
				t.Fatalf("message %d pulled out of order", i+1)
			}
		}
		bad := append([]byte(nil), c...)
		bad[len(bad)/2] ^= 0x80
		if _, _, err := s.pull(bad, ad); err == nil {
			t.Fatalf("message %d with a changed byte was accepted", i)
		}
		if _, _, err := s.pull(c, append(ad, 0)); err == nil {
			t.Fatalf("message %d with other associated data was accepted", i)
		}
		got, tag, err := s.pull(c, ad)
		if err != nil || hex.EncodeToString(got) != m.Plain || tag != m.Tag {
			t.Fatalf("message %d: %v, tag %d (want %d), text %x", i, err, tag, m.Tag, got)
		}
		rekeyed = rekeyed || tag == streamTagRekey
	}
	if !rekeyed || v.Messages[len(v.Messages)-1].Tag != streamTagFinal {
		t.Errorf("the vectors do not cover a rekey and a final tag")
	}
}

func TestEnteEncryptedDamaged(t *testing.T) {
	const file = "proton-pass-common__ente_encrypted.lowcomplexity.txt"
	var f enteSealed
	if err := json.Unmarshal(readFixture(t, file), &f); err != nil {
		t.Fatal(err)
	}
	sealed, _ := base64.StdEncoding.DecodeString(f.EncryptedData)
	flipped := append([]byte(nil), sealed...)
	flipped[40] ^= 1
	params := func(mem, ops any) map[string]any {
		return map[string]any{"memLimit": mem, "opsLimit": ops, "salt": f.KDFParams.Salt}
	}
	for _, tt := range []struct {
		name string
		data []byte
		want error
	}{
		{"one bit changed", editJSON(t, file, "encryptedData", base64.StdEncoding.EncodeToString(flipped)), ErrWrongPassword},
		{"cut short", editJSON(t, file, "encryptedData", base64.StdEncoding.EncodeToString(sealed[:len(sealed)-1])), ErrWrongPassword},
		{"other nonce", editJSON(t, file, "encryptionNonce", base64.StdEncoding.EncodeToString(make([]byte, 24))), ErrWrongPassword},
		{"short nonce", editJSON(t, file, "encryptionNonce", "AAAA"), ErrDamaged},
		{"no kdfParams", editJSON(t, file, "kdfParams", nil), ErrDamaged},
		{"1 GiB x 64 passes", editJSON(t, file, "kdfParams", params(1<<30, 64)), ErrDamaged},
		{"8 GiB", editJSON(t, file, "kdfParams", params(8<<30, 1)), ErrDamaged},
		{"no passes", editJSON(t, file, "kdfParams", params(1<<20, 0)), ErrDamaged},
		{"negative memory", editJSON(t, file, "kdfParams", params(-1, 1)), ErrDamaged},
		{"version 2", editJSON(t, file, "version", 2), ErrUnsupported},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Import(tt.data, Auto, []byte("password"))
			if !errors.Is(err, tt.want) || len(r.Accounts) != 0 || strings.Contains(err.Error(), "\n") {
				t.Errorf("Import: %v (%d accounts), want one %v line", err, len(r.Accounts), tt.want)
			}
		})
	}
}
