package importer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// seeds adds every fixture of testdata to f.
func seeds(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*"))
	for _, p := range files {
		if strings.HasSuffix(p, ".tsv") || strings.HasSuffix(p, "expected.json") {
			continue
		}
		b, err := os.ReadFile(p)
		if err == nil {
			f.Add(b)
		}
	}
}

// fuzzFormat checks one parser on arbitrary data: no panic, an error and
// nothing imported, or accounts that validate; no error text quotes the
// data's long runs (where keys would be).
func fuzzFormat(f *testing.F, format Format) {
	seeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		// No password: the encrypted paths stop before any key derivation
		// (which would make the fuzzer crawl), the parsing is exercised by
		// the plain variants.
		r, err := Import(data, format, nil)
		if err != nil {
			if len(r.Accounts) != 0 || len(r.Skipped) != 0 {
				t.Fatalf("error %v with a result", err)
			}
			if !isSentinel(err) {
				t.Fatalf("error without a sentinel: %v", err)
			}
			checkNoLeak(t, err.Error(), data)
			return
		}
		for _, e := range r.Accounts {
			if err := e.Account.Validate(); err != nil || e.Name == "" {
				t.Fatalf("an invalid account was imported: %v", err)
			}
		}
		for _, s := range r.Skipped {
			checkNoLeak(t, s.Reason, data)
		}
		NeedsPassword(data, format)
	})
}

// checkNoLeak fails when msg holds a 16-character run of data made of
// Base32 letters (a key).
func checkNoLeak(t *testing.T, msg string, data []byte) {
	for _, field := range strings.FieldsFunc(string(data), func(r rune) bool { return !(r >= 'A' && r <= 'Z' || r >= '2' && r <= '7') }) {
		if len(field) >= 16 && strings.Contains(msg, field) {
			t.Fatalf("message quotes the input: %q", msg)
		}
	}
}

func FuzzAuto(f *testing.F)          { fuzzFormat(f, Auto) }
func FuzzAegis(f *testing.F)         { fuzzFormat(f, Aegis) }
func FuzzTwoFAS(f *testing.F)        { fuzzFormat(f, TwoFAS) }
func FuzzAndOTP(f *testing.F)        { fuzzFormat(f, AndOTP) }
func FuzzBitwardenJSON(f *testing.F) { fuzzFormat(f, BitwardenJSON) }
func FuzzBitwardenCSV(f *testing.F)  { fuzzFormat(f, BitwardenCSV) }
func FuzzFreeOTPPlus(f *testing.F)   { fuzzFormat(f, FreeOTPPlus) }
func FuzzProton(f *testing.F)        { fuzzFormat(f, Proton) }
func FuzzText(f *testing.F)          { fuzzFormat(f, URIs) }
func FuzzEnte(f *testing.F)          { fuzzFormat(f, Ente) }
func FuzzStratum(f *testing.F)       { fuzzFormat(f, Stratum) }
func FuzzLastPass(f *testing.F)      { fuzzFormat(f, LastPass) }
func FuzzKeePass(f *testing.F)       { fuzzFormat(f, KeePass) }
func FuzzKeePassXCCSV(f *testing.F)  { fuzzFormat(f, KeePassXCCSV) }
func FuzzAuthdesk(f *testing.F)      { fuzzFormat(f, Authdesk) }

// FuzzSecretstream: any message pulled with the key of the libsodium
// vectors neither panics nor authenticates unless it is the real one.
func FuzzSecretstream(f *testing.F) {
	key := make([]byte, 32)
	for i := range key {
		key[i] = byte(i)
	}
	f.Add([]byte{}, []byte{})
	f.Add(make([]byte, streamABytes), []byte("ad"))
	f.Fuzz(func(t *testing.T, in, ad []byte) {
		s, err := newStreamPull(key, make([]byte, streamHeaderSize))
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.pull(in, ad); err == nil {
			t.Fatalf("a forged message of %d bytes authenticated", len(in))
		}
	})
}
