package backup

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"authdesk/otpcore"
)

const password = "correct horse battery staple"

var created = time.Date(2026, 11, 22, 15, 4, 5, 0, time.UTC)

func entries(t testing.TB) []Entry {
	t.Helper()
	var out []Entry
	for i, u := range []string{
		"otpauth://totp/Example%20Bank:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example+Bank",
		"otpauth://hotp/Issuu:James?secret=YOOMIXWS5GN6RTBPUFFWKTW5M4&counter=10300&algorithm=SHA512&digits=8",
		"otpauth://steam/Boeing:Sophia?secret=JRZCL47CMXVOQMNPZR2F7J4RGI",
		"otpauth://totp/SPDX:James?secret=5OM4WOOGPLQEF6UGN3CPEOOLWU&algorithm=SHA256&digits=7&period=20",
	} {
		a, err := otpcore.ParseURI(u)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, Entry{Name: []string{"Bank token", "VPN", "Steam", "Mail: James"}[i], Pinned: i == 0, Account: a})
	}
	return out
}

func same(a, b otpcore.Account) bool {
	return a.Type == b.Type && a.Name == b.Name && a.Issuer == b.Issuer && a.Secret.Equal(b.Secret) &&
		a.Algorithm == b.Algorithm && a.Digits == b.Digits && a.Period == b.Period && a.Counter == b.Counter
}

func seal(t testing.TB) []byte {
	t.Helper()
	b, err := Seal(entries(t), []byte(password), Cheap, created)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestRoundTrip(t *testing.T) {
	in := entries(t)
	data := seal(t)
	if !Is(data) {
		t.Fatal("Is(backup) = false")
	}
	for _, leak := range []string{"JBSWY3DP", "alice", "Bank token"} {
		if bytes.Contains(data, []byte(leak)) {
			t.Fatalf("the sealed file shows %q", leak)
		}
	}
	c, err := Open(data, []byte(password))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Wipe()
	if !c.Created.Equal(created) || len(c.Entries) != len(in) || len(c.Skipped) != 0 {
		t.Fatalf("created %v, %d entries, skipped %v", c.Created, len(c.Entries), c.Skipped)
	}
	now := time.Unix(1700000000, 0)
	for i, e := range c.Entries {
		if e.Name != in[i].Name || e.Pinned != in[i].Pinned || !same(e.Account, in[i].Account) {
			t.Errorf("entry %d: %q %v %v, want %q %v %v", i, e.Name, e.Pinned, e.Account, in[i].Name, in[i].Pinned, in[i].Account)
		}
		c1, _ := e.Account.Code(now)
		c2, _ := in[i].Account.Code(now)
		if c1 != c2 {
			t.Errorf("entry %d: another code after the round trip", i)
		}
	}
}

func TestOpenErrors(t *testing.T) {
	data := seal(t)
	var h map[string]any
	if err := json.Unmarshal(data, &h); err != nil {
		t.Fatal(err)
	}
	edit := func(f func(h map[string]any)) []byte {
		var c map[string]any
		_ = json.Unmarshal(data, &c)
		f(c)
		b, _ := json.Marshal(c)
		return b
	}
	ct, _ := base64.StdEncoding.DecodeString(h["ciphertext"].(string))
	ct[3] ^= 1
	tests := []struct {
		name     string
		data     []byte
		password string
		err      error
	}{
		{"wrong password", data, "Correct horse battery staple", ErrWrongPassword},
		{"empty password", data, "", ErrEmptyPassword},
		{"one bit changed", edit(func(h map[string]any) { h["ciphertext"] = base64.StdEncoding.EncodeToString(ct) }), password, ErrWrongPassword},
		{"salt changed", edit(func(h map[string]any) {
			h["kdf"].(map[string]any)["salt"] = base64.StdEncoding.EncodeToString(make([]byte, 16))
		}), password, ErrWrongPassword},
		{"truncated", data[:len(data)/2], password, ErrFormat},
		{"not json", []byte("hello"), password, ErrFormat},
		{"another json", []byte(`{"version":1}`), password, ErrFormat},
		{"newer version", edit(func(h map[string]any) { h["version"] = 2 }), password, ErrVersion},
		{"4 GiB of memory", edit(func(h map[string]any) { h["kdf"].(map[string]any)["memory_kib"] = 4 << 20 }), password, ErrParams},
		{"1000 passes", edit(func(h map[string]any) { h["kdf"].(map[string]any)["time"] = 1000 }), password, ErrParams},
		// Within each bound alone, but gigabytes and minutes together: refused
		// before any derivation (this test would run for minutes otherwise).
		{"1 GiB x 64 passes", edit(func(h map[string]any) {
			h["kdf"].(map[string]any)["memory_kib"] = 1 << 20
			h["kdf"].(map[string]any)["time"] = 64
		}), password, ErrParams},
		{"512 MiB x 8 passes", edit(func(h map[string]any) {
			h["kdf"].(map[string]any)["memory_kib"] = 512 << 10
			h["kdf"].(map[string]any)["time"] = 8
		}), password, ErrParams},
		{"short nonce", edit(func(h map[string]any) { h["cipher"].(map[string]any)["nonce"] = "AAAA" }), password, ErrFormat},
		{"other cipher", edit(func(h map[string]any) { h["cipher"].(map[string]any)["alg"] = "xchacha20-poly1305" }), password, ErrFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Open(tt.data, []byte(tt.password))
			if !errors.Is(err, tt.err) || len(c.Entries) != 0 {
				t.Fatalf("Open: %v (%d entries), want %v", err, len(c.Entries), tt.err)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("the error is more than one line: %q", err)
			}
			if strings.Contains(err.Error(), "horse") {
				t.Errorf("the error quotes the password: %v", err)
			}
		})
	}
}

func TestSealRefuses(t *testing.T) {
	if _, err := Seal(entries(t), nil, Cheap, created); !errors.Is(err, ErrEmptyPassword) {
		t.Errorf("empty password: %v", err)
	}
	if _, err := Seal(entries(t), []byte("x"), Params{Time: 1, MemoryKiB: 4 << 20, Threads: 1}, created); !errors.Is(err, ErrParams) {
		t.Errorf("huge memory: %v", err)
	}
	bad := entries(t)
	bad[1].Account.Digits = 3
	_, err := Seal(bad, []byte("x"), Cheap, created)
	if !errors.Is(err, otpcore.ErrDigits) || !strings.Contains(err.Error(), `"VPN"`) {
		t.Errorf("invalid account: %v", err)
	}
}

// TestPythonRecipe runs the script of docs/backup-format.md on a fresh
// backup when a Python with argon2-cffi and cryptography is installed: the
// documented way out must keep working.
func TestPythonRecipe(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "backup-format.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)```python\n(.*?)```").FindSubmatch(doc)
	if m == nil {
		t.Fatal("docs/backup-format.md has no python block")
	}
	py := ""
	for _, cand := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(cand, "-c", "import argon2, cryptography").Run() == nil {
			py = cand
			break
		}
	}
	if py == "" {
		t.Skip("no python3 with argon2-cffi and cryptography (apt install python3-argon2 python3-cryptography)")
	}
	dir := t.TempDir()
	script, file := filepath.Join(dir, "decrypt.py"), filepath.Join(dir, "backup")
	os.WriteFile(script, m[1], 0o600)
	// The default parameters, as a real backup has them (half a second).
	data, err := Seal(entries(t), []byte(password), Params{Time: 2, MemoryKiB: 8 << 10, Threads: 2}, created)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(file, data, 0o600)
	cmd := exec.Command(py, script, file)
	cmd.Stdin = strings.NewReader(password + "\n")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("the recipe failed: %v", err)
	}
	var c struct {
		Accounts []struct {
			Name, Secret, URI string
			Pinned            bool
		}
	}
	if err := json.Unmarshal(out, &c); err != nil {
		t.Fatalf("the recipe printed no JSON: %v", err)
	}
	in := entries(t)
	if len(c.Accounts) != len(in) {
		t.Fatalf("%d accounts, want %d", len(c.Accounts), len(in))
	}
	for i, a := range c.Accounts {
		acc, err := otpcore.ParseURI(a.URI)
		if err != nil || a.Name != in[i].Name || a.Pinned != in[i].Pinned || a.Secret != in[i].Account.Secret.Base32() || !same(acc, in[i].Account) {
			t.Errorf("account %d differs (%v)", i, err)
		}
	}
	cmd = exec.Command(py, script, file)
	cmd.Stdin = strings.NewReader("wrong\n")
	if out, err := cmd.CombinedOutput(); err == nil || !strings.Contains(string(out), "wrong password") {
		t.Errorf("a wrong password: %v %q", err, out)
	}
}

// The costs authdesk writes (Default now, 256 MiB x 4 passes before it)
// are within the bounds; a cost past them is refused.
func TestParamsBounds(t *testing.T) {
	for _, tt := range []struct {
		name string
		p    Params
		ok   bool
	}{
		{"Default", Default, true},
		{"the former default, 256 MiB x 4", Params{Time: 4, MemoryKiB: 256 << 10, Threads: 2}, true},
		{"Cheap", Cheap, true},
		{"512 MiB x 4", Params{Time: 4, MemoryKiB: 512 << 10, Threads: 2}, true},
		{"1 GiB x 1", Params{Time: 1, MemoryKiB: 1 << 20, Threads: 1}, false},
		{"1 GiB x 64", Params{Time: 64, MemoryKiB: 1 << 20, Threads: 1}, false},
		{"64 MiB x 64", Params{Time: 64, MemoryKiB: 64 << 10, Threads: 1}, false},
	} {
		if err := tt.p.Validate(); (err == nil) != tt.ok {
			t.Errorf("%s: Validate = %v, want ok=%v", tt.name, err, tt.ok)
		}
	}
}

// After Open, Argon2id's work memory is neither in use nor kept by the
// runtime: it went back to the OS (debug.FreeOSMemory), so the
// password-derived blocks do not stay resident in a long-running app.
func TestOpenHandsKDFMemoryBack(t *testing.T) {
	const kdfMiB = 64
	data, err := Seal(entries(t), []byte(password), Params{Time: 1, MemoryKiB: kdfMiB << 10, Threads: 1}, created)
	if err != nil {
		t.Fatal(err)
	}
	c, err := Open(data, []byte(password))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Wipe()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	retained := ms.HeapInuse + ms.HeapIdle - ms.HeapReleased
	if retained > kdfMiB/2<<20 {
		t.Errorf("after Open the heap keeps %d MiB (in use or not handed back); Argon2id's %d MiB were not freed to the OS", retained>>20, kdfMiB)
	}
}
