package seal

import (
	"bytes"
	"errors"
	"testing"
)

func TestSealOpen(t *testing.T) {
	key, _ := NewKey()
	other, _ := NewKey()
	pt := []byte("account payload")
	blob, err := Seal(key, pt, []byte("ad-1"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(blob, pt) {
		t.Fatal("the sealed blob holds the plaintext")
	}
	got, err := Open(key, blob, []byte("ad-1"))
	if err != nil || !bytes.Equal(got, pt) {
		t.Fatalf("Open = %q, %v; want the plaintext", got, err)
	}
	flipped := append([]byte(nil), blob...)
	flipped[len(flipped)-1] ^= 1
	cases := []struct {
		name string
		key  []byte
		blob []byte
		ad   string
	}{
		{"wrong key", other, blob, "ad-1"},
		{"other associated data (item swapped)", key, blob, "ad-2"},
		{"flipped tag bit", key, flipped, "ad-1"},
		{"truncated", key, blob[:Overhead-1], "ad-1"},
		{"empty", key, nil, "ad-1"},
		{"unknown version", key, append([]byte{9}, blob[1:]...), "ad-1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if _, err := Open(c.key, c.blob, []byte(c.ad)); !errors.Is(err, ErrOpen) {
				t.Fatalf("Open = %v, want ErrOpen", err)
			}
		})
	}
}

func TestSealNonceFresh(t *testing.T) {
	key, _ := NewKey()
	a, _ := Seal(key, []byte("x"), nil)
	b, _ := Seal(key, []byte("x"), nil)
	if bytes.Equal(a, b) {
		t.Fatal("two seals of the same plaintext are equal: the nonce is not random")
	}
}

func TestDeriveKEK(t *testing.T) {
	salt, _ := NewSalt()
	k1, err := DeriveKEK([]byte("pw"), salt, Cheap)
	if err != nil {
		t.Fatal(err)
	}
	k2, _ := DeriveKEK([]byte("pw"), salt, Cheap)
	k3, _ := DeriveKEK([]byte("pX"), salt, Cheap)
	salt2, _ := NewSalt()
	k4, _ := DeriveKEK([]byte("pw"), salt2, Cheap)
	if len(k1) != KeySize || !bytes.Equal(k1, k2) {
		t.Fatal("the derivation is not deterministic")
	}
	if bytes.Equal(k1, k3) || bytes.Equal(k1, k4) {
		t.Fatal("another password or salt gives the same key")
	}
}

func TestParamsValidate(t *testing.T) {
	cases := []struct {
		name string
		p    Params
		ok   bool
	}{
		{"default", Default, true},
		{"cheap", Cheap, true},
		{"zero threads", Params{Time: 1, Memory: 64, Threads: 0}, false},
		{"zero time", Params{Time: 0, Memory: 64, Threads: 1}, false},
		{"too much time (tampered header)", Params{Time: 1000, Memory: 64, Threads: 1}, false},
		{"memory below 8 KiB per lane", Params{Time: 1, Memory: 8, Threads: 2}, false},
		{"16 GiB (tampered header)", Params{Time: 1, Memory: 16 << 20, Threads: 1}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.p.Validate()
			if (err == nil) != c.ok {
				t.Fatalf("Validate = %v, want ok=%v", err, c.ok)
			}
			if err != nil && !errors.Is(err, ErrParams) {
				t.Fatalf("error %v does not wrap ErrParams", err)
			}
		})
	}
	if _, err := DeriveKEK([]byte("pw"), []byte("short"), Cheap); !errors.Is(err, ErrParams) {
		t.Fatalf("short salt: %v, want ErrParams", err)
	}
}

// BenchmarkDeriveDefault measures the unlock cost of the default parameters
// (about 0.5 s on the reference machine).
func BenchmarkDeriveDefault(b *testing.B) {
	salt, _ := NewSalt()
	for i := 0; i < b.N; i++ {
		k, _ := DeriveKEK([]byte("correct horse"), salt, Default)
		Wipe(k)
	}
}

func TestSealerMatchesSealAndWipesItsKey(t *testing.T) {
	key, _ := NewKey()
	s, err := NewSealer(key)
	if err != nil {
		t.Fatal(err)
	}
	ad := []byte("authdesk/test")
	blob, err := s.Seal([]byte("hello"), ad)
	if err != nil {
		t.Fatal(err)
	}
	// Blobs are interchangeable with the package's Seal and Open.
	if pt, err := Open(key, blob, ad); err != nil || string(pt) != "hello" {
		t.Fatalf("Open of a Sealer blob: %q, %v", pt, err)
	}
	blob2, _ := Seal(key, []byte("world"), ad)
	if pt, err := s.Open(blob2, ad); err != nil || string(pt) != "world" {
		t.Fatalf("Sealer.Open of a Seal blob: %q, %v", pt, err)
	}
	if _, err := s.Open(blob2, []byte("other")); !errors.Is(err, ErrOpen) {
		t.Fatalf("other associated data: %v, want ErrOpen", err)
	}
	a := s.a
	if !s.Wipe() {
		t.Fatal("Wipe could not reach the AEAD's key: has x/crypto's chacha20poly1305 changed its layout?")
	}
	// The AEAD's own copy is zero now: it opens nothing sealed with key.
	nonce := blob[1 : 1+24]
	if _, err := a.Open(nil, nonce, blob[1+24:], ad); err == nil {
		t.Fatal("the wiped AEAD still opens the blob")
	}
	if s.Wipe() {
		t.Fatal("a second Wipe claims to wipe")
	}
}
