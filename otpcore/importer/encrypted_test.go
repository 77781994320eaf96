package importer

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"testing"
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
		{"255 lanes", argon2Params{Passes: 1, MemoryKiB: 64 * MiB, Lanes: 255}, false},
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
