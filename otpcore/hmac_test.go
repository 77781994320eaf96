package otpcore

import (
	"bytes"
	"crypto/hmac"
	"encoding/hex"
	"encoding/json"
	"os"
	"testing"
)

type hmacVector struct {
	Source string `json:"source"`
	Case   int    `json:"case"`
	Hash   string `json:"hash"`
	Key    string `json:"key_hex"`
	Data   string `json:"data_hex"`
	HMAC   string `json:"hmac_hex"`
}

func loadHMACVectors(t *testing.T) []hmacVector {
	t.Helper()
	raw, err := os.ReadFile("testdata/hmac_vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Vectors []hmacVector `json:"vectors"`
	}
	if err := json.Unmarshal(raw, &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Vectors) != 19 {
		t.Fatalf("%d vectors in testdata/hmac_vectors.json, want 19", len(f.Vectors))
	}
	return f.Vectors
}

func unhex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The RFC 2202 (SHA-1) and RFC 4231 (SHA-256, SHA-512) test cases: padHMAC
// gives the RFC's value and the same as crypto/hmac, keys shorter than,
// equal to and longer than the block included.
func TestPadHMACVectors(t *testing.T) {
	for _, v := range loadHMACVectors(t) {
		alg, err := ParseAlgorithm(v.Hash)
		if err != nil {
			t.Fatal(err)
		}
		key, data, want := unhex(t, v.Key), unhex(t, v.Data), unhex(t, v.HMAC)
		std := hmac.New(alg.hash(), key)
		std.Write(data)
		if got := std.Sum(nil); !bytes.Equal(got, want) {
			t.Fatalf("%s case %d %s: crypto/hmac gives %x, the RFC %x (testdata wrong?)", v.Source, v.Case, v.Hash, got, want)
		}
		m := newPadHMAC(alg.hash())
		// Twice through the same helper: the second use must not see
		// anything of the first.
		for round := range 2 {
			if got := m.mac(nil, key, data); !bytes.Equal(got, want) {
				t.Errorf("%s case %d %s round %d: padHMAC gives %x, want %x", v.Source, v.Case, v.Hash, round, got, want)
			}
		}
		if got := hmacSum(alg, nil, key, data); !bytes.Equal(got, want) {
			t.Errorf("%s case %d %s: hmacSum gives %x, want %x", v.Source, v.Case, v.Hash, got, want)
		}
	}
}

// After a MAC the helper holds nothing of the key: its pad and digest
// buffers are all zero and its hash is back at its initial state (the
// digest of the empty message).
func TestPadHMACWipesPads(t *testing.T) {
	for _, v := range loadHMACVectors(t) {
		alg, _ := ParseAlgorithm(v.Hash)
		m := newPadHMAC(alg.hash())
		key, data := unhex(t, v.Key), unhex(t, v.Data)
		_ = m.mac(nil, key, data)
		if !allZero(m.pad[:]) {
			t.Errorf("%s case %d %s: pad buffer not wiped: %x", v.Source, v.Case, v.Hash, m.pad)
		}
		if !allZero(m.sum[:]) {
			t.Errorf("%s case %d %s: digest buffer not wiped: %x", v.Source, v.Case, v.Hash, m.sum)
		}
		empty := alg.hash()().Sum(nil)
		if got := m.h.Sum(nil); !bytes.Equal(got, empty) {
			t.Errorf("%s case %d %s: hash state not reset after the MAC", v.Source, v.Case, v.Hash)
		}
	}
}

// The pooled helpers are handed back wiped: after a code, every helper
// the pool gives out has zero pads.
func TestCodeLeavesPoolWiped(t *testing.T) {
	for _, alg := range []Algorithm{SHA1, SHA256, SHA512} {
		key := bytes.Repeat([]byte{0xa5}, 20)
		_ = HOTPCode(key, 1, 6, alg)
		m := macPools[alg].Get().(*padHMAC)
		if !allZero(m.pad[:]) || !allZero(m.sum[:]) {
			t.Errorf("%s: a pooled HMAC still holds pad or digest bytes", alg)
		}
		macPools[alg].Put(m)
	}
}

func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}

// BenchmarkHMAC compares one 8-byte HMAC through padHMAC (pooled, wiped)
// with crypto/hmac.New, per algorithm, in the same run.
func BenchmarkHMAC(b *testing.B) {
	key := bytes.Repeat([]byte{0x31}, 20)
	msg := []byte{0, 0, 0, 0, 0x02, 0x73, 0x6b, 0x2b}
	for _, alg := range []Algorithm{SHA1, SHA256, SHA512} {
		b.Run(alg.String()+"/pad", func(b *testing.B) {
			var buf [64]byte
			b.ReportAllocs()
			for b.Loop() {
				_ = hmacSum(alg, buf[:0], key, msg)
			}
		})
		b.Run(alg.String()+"/crypto-hmac", func(b *testing.B) {
			var buf [64]byte
			b.ReportAllocs()
			for b.Loop() {
				m := hmac.New(alg.hash(), key)
				m.Write(msg)
				_ = m.Sum(buf[:0])
			}
		})
	}
}
